/**
 * Bot matches for `selfplay` and `demo`: which bots sit where, and how every seed of a match
 * is derived from the run's seed, so the same arguments always replay the same match.
 *
 * Match `i` (from 0) of a run with seed `S` uses the match seed `M = deriveSeed(S, i)`:
 * hand `n` (from 1) is dealt from `deriveSeed(M, n)`, the first dealer is
 * `parseInt(deriveSeed(M, "dealer").slice(0, 8), 16) % 4`, and the bot on seat `s` is made
 * from `deriveSeed(M, "bot:" + s)`.
 *
 * @module
 */

import { POLICIES, type Policy, seatChooser } from "@baloot/brain";
import { deriveSeed, driveMatch, type DrivenMatch, type Profile, type Seat } from "@baloot/rules";

/** The two bots of a match: the first on seats 0 and 2, the second on seats 1 and 3. */
export type BotPair = readonly [string, string];

/** The bot names available now (the registry grows as bots land). */
export function botNames(): string[] {
  return Object.keys(POLICIES).sort();
}

/** `heuristic` against `random` when the heuristic bot exists, else `random` against itself. */
export function defaultBots(): BotPair {
  return Object.hasOwn(POLICIES, "heuristic") ? ["heuristic", "random"] : ["random", "random"];
}

/**
 * Reads `--bots a,b` (one name means the same bot on both teams); returns a message naming an
 * unknown bot.
 */
export function parseBots(value: string | boolean | undefined): BotPair | string {
  if (value === undefined) return defaultBots();
  if (typeof value !== "string") return "--bots needs a value, e.g. --bots heuristic,random";
  const names = value.split(",").map((n) => n.trim());
  if (names.length > 2 || names.some((n) => n === "")) {
    return `--bots: expected one or two bot names separated by a comma, got "${value}"`;
  }
  for (const name of names) {
    if (!Object.hasOwn(POLICIES, name)) {
      return `--bots: unknown bot "${name}" (available: ${botNames().join(", ")})`;
    }
  }
  return [names[0], names[1] ?? names[0]];
}

/** The seed of match `index` (from 0) of a run seeded with `seed`. */
export function matchSeed(seed: string, index: number): string {
  return deriveSeed(seed, index);
}

/** The first dealer of a match, drawn from its match seed. */
export function firstDealer(match: string): Seat {
  return (parseInt(deriveSeed(match, "dealer").slice(0, 8), 16) % 4) as Seat;
}

/** What a bot match needs. */
export interface BotMatch {
  /** The run's seed. */
  readonly seed: string;
  /** The match's index in the run, from 0. */
  readonly index: number;
  readonly profile: Profile;
  readonly bots: BotPair;
}

/** The player names of a bot match, seat by seat (`bot:random`, ...). */
export function playerNames(bots: BotPair): string[] {
  return [0, 1, 2, 3].map((seat) => `bot:${bots[seat % 2]}`);
}

/** Plays a whole bot match; each bot sees only its own seat's view. */
export function playBotMatch(m: BotMatch): DrivenMatch {
  const ms = matchSeed(m.seed, m.index);
  const policies: Policy[] = [0, 1, 2, 3].map((seat) =>
    POLICIES[m.bots[seat % 2]](deriveSeed(ms, `bot:${seat}`))
  );
  return driveMatch(
    { profile: m.profile, dealer: firstDealer(ms), seedFor: (hand) => deriveSeed(ms, hand) },
    seatChooser(policies),
  );
}
