/**
 * The sequential probability ratio test that gates new brain versions. Each duplicate pair is
 * a win for the candidate (it took more game points than the current version on the same
 * deals), a loss, or a draw (ignored). H0: the candidate wins a pair with probability `p0`
 * (weaker); H1: with `p1` (not weaker). The test stops as soon as the evidence crosses a bound
 * set by the error rates `alpha` (publishing a weaker version) and `beta` (refusing a version
 * that is not weaker).
 *
 * @module
 */

/** Where the test stands. */
export type SprtVerdict = "NOT_WEAKER" | "WEAKER" | "CONTINUE";

/** The test's settings. */
export interface SprtSettings {
  readonly p0: number;
  readonly p1: number;
  readonly alpha: number;
  readonly beta: number;
}

/** Weaker means winning at most 45% of pairs; not weaker, at least 50%; 5% errors each way. */
export const SPRT_DEFAULTS: SprtSettings = { p0: 0.45, p1: 0.5, alpha: 0.05, beta: 0.05 };

/**
 * A running test.
 *
 * @example
 * ```ts
 * import { Sprt } from "@baloot/brain";
 * const t = new Sprt();
 * for (let i = 0; i < 200; i++) t.add(i % 3 === 0 ? -5 : 8); // wins two pairs in three
 * t.verdict; // "NOT_WEAKER"
 * ```
 */
export class Sprt {
  readonly #win: number;
  readonly #loss: number;
  readonly upper: number;
  readonly lower: number;
  llr = 0;
  wins = 0;
  losses = 0;
  draws = 0;

  constructor(readonly settings: SprtSettings = SPRT_DEFAULTS) {
    const { p0, p1, alpha, beta } = settings;
    if (!(0 < p0 && p0 < p1 && p1 < 1)) throw new RangeError("SPRT: need 0 < p0 < p1 < 1");
    this.#win = Math.log(p1 / p0);
    this.#loss = Math.log((1 - p1) / (1 - p0));
    this.upper = Math.log((1 - beta) / alpha);
    this.lower = Math.log(beta / (1 - alpha));
  }

  /** Adds a pair by the candidate's game points over the current version's. */
  add(diff: number): SprtVerdict {
    if (diff > 0) {
      this.wins++;
      this.llr += this.#win;
    } else if (diff < 0) {
      this.losses++;
      this.llr += this.#loss;
    } else this.draws++;
    return this.verdict;
  }

  /** The verdict so far. */
  get verdict(): SprtVerdict {
    return this.llr >= this.upper ? "NOT_WEAKER" : this.llr <= this.lower ? "WEAKER" : "CONTINUE";
  }

  /** Pairs seen. */
  get pairs(): number {
    return this.wins + this.losses + this.draws;
  }
}
