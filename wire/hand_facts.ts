/**
 * Hand facts, the input of `deno task baloot score` (`../shared/rules/hand-facts.md`): one JSON
 * object, or an array of them, each giving the few facts a hand's score depends on and the
 * profile to score it under. Parsing checks every field's type and names the field on error;
 * the semantic checks (sums, levels, projects) are the engine's `checkFacts`.
 *
 * @module
 */

import {
  checkFacts,
  type HandFacts,
  type HandScore,
  type ProfileId,
  PROFILES,
  scoreHand,
  type Team,
} from "@baloot/rules";
import { profileId, readFacts } from "./_facts.ts";
import { attempt, Fields, Invalid } from "./_fields.ts";

/** One hand's facts with the profile that scores them. */
export interface FactsInput {
  readonly profile: ProfileId;
  readonly facts: HandFacts;
}

/** The score command's answer for one hand. */
export interface FactsResult {
  /** Game points each team adds to its match score. */
  readonly awarded: readonly [number, number];
  /** Whether the buyer's team made its contract. */
  readonly made: boolean;
  /** Whether one team took all eight tricks. */
  readonly kaboot: boolean;
  /** The team that wins the match with this hand (target reached, or Gahwa), else `null`. */
  readonly matchWinner: Team | null;
  /** The rule ids applied, in order. */
  readonly rules: readonly string[];
  /** The variations consulted, e.g. `V16=RAW_WITH_BALOOT`. */
  readonly variations: readonly string[];
  /** Converted card points per team. */
  readonly cardGp: readonly [number, number];
  /** Counted project points per team, before any multiplier. */
  readonly projectGp: readonly [number, number];
  /** Baloot points per team. */
  readonly balootGp: readonly [number, number];
  /** The match score after the hand, or `null` when `matchBefore` was `null`. */
  readonly matchAfter: readonly [number, number] | null;
}

/**
 * Reads one hand-facts object (`path` prefixes field names in errors, e.g. `[2]` for an array
 * item). Returns the input or a message naming the field: `tricks[1]: expected an integer
 * 0..8, got 9`. Checks types only; see {@linkcode scoreFacts} for the rest.
 */
export function parseHandFacts(value: unknown, path = ""): FactsInput | string {
  const read = attempt(() => {
    const f = new Fields(value, path);
    const profile = f.req("profile", profileId);
    const facts = readFacts(f);
    f.done();
    return { profile, facts };
  });
  return read instanceof Invalid ? read.message : read;
}

/** The result fields the score command prints, from the engine's full score. */
export function factsResult(score: HandScore): FactsResult {
  return {
    awarded: score.awarded,
    made: score.made,
    kaboot: score.kaboot,
    matchWinner: score.matchWinner,
    rules: score.rules,
    variations: score.variations,
    cardGp: score.cardGp,
    projectGp: score.projectGp,
    balootGp: score.balootGp,
    matchAfter: score.matchAfter,
  };
}

/**
 * Checks the facts against the rules (`checkFacts`) and scores them (`scoreHand`) under the
 * input's profile. Returns the result, or a message naming the field.
 *
 * @example
 * ```ts
 * import { parseHandFacts, scoreFacts } from "@baloot/wire";
 * const input = parseHandFacts({
 *   profile: "R", mode: "HOKUM", buyerTeam: 0, level: 1, doublerTeam: null,
 *   cardRaw: [98, 64], tricks: [5, 3], projects: [[], []], balootTeam: null,
 *   matchBefore: [0, 0],
 * });
 * if (typeof input !== "string") scoreFacts(input); // awarded [10, 6]
 * ```
 */
export function scoreFacts(input: FactsInput, path = ""): FactsResult | string {
  const profile = PROFILES[input.profile];
  const prefix = path === "" ? "" : `${path}.`;
  const bad = checkFacts(input.facts, profile);
  if (bad !== null) return prefix + bad;
  const score = scoreHand(input.facts, profile);
  return typeof score === "string" ? prefix + score : factsResult(score);
}

/**
 * The score command on a decoded JSON value: one object gives one result, an array gives an
 * array of results. The first invalid item fails the whole input, named by its index
 * (`[1].cardRaw: must add up to 162 in HOKUM, got 160`).
 */
export function scoreHandFacts(value: unknown): FactsResult | FactsResult[] | { error: string } {
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) return { error: "expected at least one hand" };
  const out: FactsResult[] = [];
  for (let i = 0; i < items.length; i++) {
    const path = Array.isArray(value) ? `[${i}]` : "";
    const input = parseHandFacts(items[i], path);
    if (typeof input === "string") return { error: input };
    const result = scoreFacts(input, path);
    if (typeof result === "string") return { error: result };
    out.push(result);
  }
  return Array.isArray(value) ? out : out[0];
}
