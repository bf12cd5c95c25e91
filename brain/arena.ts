/**
 * The arena: duplicate matches between two bots. Each pair is two matches on the same deals
 * (hand n of both is dealt from the same seed) with the teams swapped, so A plays the cards B
 * had; luck of the deal cancels out and what is left is skill. The bots' own randomness is
 * shared the same way: the bot in a seat gets that seat's seed in both matches, so where A and B
 * would decide alike (two copies of one bot: always) the two matches stay alike, and only the
 * decisions where they differ move the result (common random numbers: the estimate is as fair,
 * its interval narrower). Figures: game points per deal
 * for A over B (mean over pairs, with a 95% confidence interval), the match win rate, and the
 * time each bot thinks per decision.
 *
 * @module
 */

import { deriveSeed, driveMatch, type Profile, PROFILE_R } from "@baloot/rules";
import { MatchLog, type Parting, partings } from "./parting.ts";
import { type Policy, seatChooser } from "./policy.ts";
import type { PolicyFactory } from "./registry.ts";

/** One duplicate pair's outcome. */
export interface PairResult {
  readonly pair: number;
  /** Game points A took minus B's, over both matches. */
  readonly diff: number;
  /** Hands played in both matches. */
  readonly hands: number;
  /** Matches A won (0, 1 or 2). */
  readonly aWins: number;
  /** Milliseconds of each decision, per bot. */
  readonly msA: readonly number[];
  readonly msB: readonly number[];
  /** Each hand played in both matches: where A and B parted, and A's gain on it. */
  readonly parted: readonly Parting[];
}

/** Plays pair `pair` of a run seeded `seed`: two matches, A as team 0 then as team 1. */
export function playPair(
  a: PolicyFactory,
  b: PolicyFactory,
  seed: string,
  pair: number,
  profile: Profile = PROFILE_R,
): PairResult {
  const base = deriveSeed(seed, `pair:${pair}`);
  let diff = 0, hands = 0, aWins = 0;
  const msA: number[] = [], msB: number[] = [];
  const logs: MatchLog[] = [];
  for (const aTeam of [0, 1] as const) {
    const log = new MatchLog();
    logs.push(log);
    const policies: Policy[] = [0, 1, 2, 3].map((s) => {
      const isA = s % 2 === aTeam;
      const p = (isA ? a : b)(`${base}:seat:${s}`);
      const into = isA ? msA : msB;
      return (view, seat, legal) => {
        const t = performance.now();
        const c = p(view, seat, legal);
        into.push(performance.now() - t);
        log.decided(view, c);
        return c;
      };
    });
    const { state } = driveMatch(
      {
        profile,
        dealer: 0,
        seedFor: (n) => deriveSeed(base, `hand:${n}`),
        onEvents: (events) => log.events(events),
      },
      seatChooser(policies),
    );
    for (const r of state.results) {
      diff += r.score.awarded[aTeam] - r.score.awarded[1 - aTeam];
    }
    hands += state.results.length;
    if (state.winner === aTeam) aWins++;
  }
  return { pair, diff, hands, aWins, msA, msB, parted: partings(logs[0], logs[1]) };
}

/** The figures of a run. */
export interface ArenaSummary {
  readonly pairs: number;
  /** Mean game points per deal for A over B, and the half-width of its 95% interval. */
  readonly gpPerDeal: number;
  readonly ci95: number;
  /** Share of matches A won. */
  readonly winRate: number;
  /** Decision times in milliseconds: mean and 95th percentile, per bot. */
  readonly msA: { readonly mean: number; readonly p95: number };
  readonly msB: { readonly mean: number; readonly p95: number };
  /**
   * By the kind of decision where A and B first parted in a hand (`same`: nowhere): the hands,
   * A's mean gain on them (game points, both matches' hand together) and its 95% half-width.
   */
  readonly parted: readonly { kind: string; hands: number; gain: number; ci95: number }[];
}

/** Sums pairs up: each pair's game points per deal is one observation. */
export function summarize(results: readonly PairResult[]): ArenaSummary {
  const per = meanCi(results.map((r) => r.diff / Math.max(1, r.hands)));
  const times = (key: "msA" | "msB") => {
    const all = results.flatMap((r) => r[key]).sort((x, y) => x - y);
    const mean = all.reduce((a, b) => a + b, 0) / Math.max(1, all.length);
    return {
      mean,
      p95: all.length ? all[Math.min(all.length - 1, Math.floor(all.length * 0.95))] : 0,
    };
  };
  return {
    pairs: per.n,
    gpPerDeal: per.mean,
    ci95: per.ci95,
    winRate: results.reduce((a, r) => a + r.aWins, 0) / Math.max(1, 2 * per.n),
    msA: times("msA"),
    msB: times("msB"),
    parted: byKind(results.flatMap((r) => r.parted)),
  };
}

function byKind(all: readonly Parting[]): ArenaSummary["parted"] {
  const kinds = new Map<string, number[]>();
  for (const p of all) {
    const list = kinds.get(p.kind) ?? [];
    list.push(p.gain);
    kinds.set(p.kind, list);
  }
  const order = (k: string) => (k === "same" ? "0" : k.startsWith("trick") ? `2${k}` : `1${k}`);
  return [...kinds.keys()].sort((x, y) => order(x).localeCompare(order(y))).map((kind) => {
    const { n, mean, ci95 } = meanCi(kinds.get(kind)!);
    return { kind, hands: n, gain: mean, ci95 };
  });
}

/** The mean of `values` and the half-width of its 95% interval (infinite below two values). */
function meanCi(values: readonly number[]): { n: number; mean: number; ci95: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const variance = n > 1 ? values.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, ci95: n > 1 ? 1.96 * Math.sqrt(variance / n) : Infinity };
}
