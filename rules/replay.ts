/**
 * Replay and verification of recorded games. `replay` folds events (trusting them); `verify`
 * re-decides every seat's move and every deal from its revealed seed, and checks that each
 * recorded event is exactly what the rules produce: a tampered record is reported with the
 * event and the rule it breaks.
 *
 * @module
 */

import type { Command } from "./commands.ts";
import { apply } from "./apply.ts";
import { decide } from "./decide.ts";
import type { GameEvent, HandResult } from "./events.ts";
import { type GameState, type HandState, initialState } from "./state.ts";

/**
 * The state after `events`, from the initial state (or `from`).
 *
 * @example
 * ```ts
 * import { PROFILE_R, replay } from "@baloot/rules";
 * replay([{ type: "MATCH_START", profile: PROFILE_R, dealer: 0 }]).phase; // "READY"
 * ```
 */
export function replay(events: readonly GameEvent[], from: GameState = initialState()): GameState {
  let s = from;
  for (const e of events) s = apply(s, e);
  return s;
}

/** What is wrong with a record. */
export type VerifyCode =
  | "REJECTED" // a seat's move the rules refuse (`rule` says why)
  | "COMMITMENT_MISMATCH" // the revealed seed does not hash to the published commitment
  | "DEAL_MISMATCH" // dealt cards that the seed does not produce
  | "WRONG_SCORE" // a hand result other than the rules give
  | "EVENT_MISMATCH" // any other event that differs from what the rules produce
  | "UNEXPECTED_EVENT" // an event that no move explains here
  | "SEED_MISSING" // a hand whose seed is never revealed
  | "TRUNCATED"; // the record stops in the middle of a move's consequences

/** A problem found in a record, at `index` (0-based, in events). */
export interface VerifyProblem {
  readonly ok: false;
  readonly index: number;
  readonly event: GameEvent | null;
  readonly code: VerifyCode;
  /** The rule the event breaks, when one does. */
  readonly rule?: string;
  readonly message: string;
  /** What the rules produce instead, when they produce something else. */
  readonly expected?: GameEvent;
}

/** A record that checks out. */
export interface Verified {
  readonly ok: true;
  readonly state: GameState;
  readonly results: readonly HandResult[];
  /** Every hand as it stood when it ended (scored or cancelled), in order. */
  readonly hands: readonly HandState[];
}

/** Structural equality of JSON-like values (key order ignored, `undefined` keys ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  );
}

/** The `SEED_REVEAL` of the hand started by `events[i]`, and its index. */
function revealOf(events: readonly GameEvent[], i: number) {
  const start = events[i];
  for (let j = i + 1; j < events.length; j++) {
    const e = events[j];
    if (e.type === "SEED_REVEAL" && start.type === "HAND_START" && e.hand === start.hand) {
      return { seed: e.seed, index: j };
    }
  }
  return null;
}

/** The command a recorded event stands for, or `null` for events that only follow from one. */
function commandFor(events: readonly GameEvent[], i: number): Command | string | null {
  const e = events[i];
  switch (e.type) {
    case "MATCH_START":
      return { type: "START_MATCH", profile: e.profile, dealer: e.dealer };
    case "HAND_START": {
      const seed = e.seed ?? revealOf(events, i)?.seed ?? null;
      if (seed === null) return `no seed is revealed for hand ${e.hand}`;
      return { type: "DEAL", seed };
    }
    case "BID":
      return e.suit === undefined
        ? { type: "BID", seat: e.seat, call: e.call }
        : { type: "BID", seat: e.seat, call: e.call, suit: e.suit };
    case "HOKUM_DECISION":
      return { type: "HOKUM_DECISION", seat: e.seat, decision: e.decision };
    case "KASHO":
      return { type: "KASHO", seat: e.seat };
    case "ESCALATE":
      return e.locked === undefined
        ? { type: "ESCALATE", seat: e.seat, call: e.call }
        : { type: "ESCALATE", seat: e.seat, call: e.call, locked: e.locked };
    case "PROJECT_DECLARE":
      return {
        type: "DECLARE",
        seat: e.seat,
        projects: e.declarations.map((d) => d.project?.cards ?? []),
      };
    case "PLAY": {
      const play = { type: "PLAY", seat: e.seat, card: e.card } as const;
      return { ...play, ...(e.baloot ? { baloot: true } : {}), ...(e.ekka ? { ekka: true } : {}) };
    }
    case "SAWA":
      return { type: "SAWA", seat: e.seat };
    default:
      return null;
  }
}

/** Why a recorded event differs from the one the rules produce. */
function mismatch(
  events: readonly GameEvent[],
  index: number,
  got: GameEvent,
  want: GameEvent,
): VerifyProblem {
  const base = { ok: false as const, index, event: got, expected: want };
  if (got.type !== want.type) {
    return {
      ...base,
      code: "UNEXPECTED_EVENT",
      message: `the rules produce ${want.type} here, not ${got.type}`,
    };
  }
  switch (want.type) {
    case "HAND_START": {
      // The deal was made from the hand's own seed if the record keeps it, else from the reveal.
      const reveal = revealOf(events, index);
      if (got.type === "HAND_START" && got.seed === null && reveal) {
        return {
          ...base,
          index: reveal.index,
          event: events[reveal.index],
          code: "COMMITMENT_MISMATCH",
          rule: "L2",
          message: `the revealed seed does not hash to the commitment published at event ${index}`,
        };
      }
      return {
        ...base,
        code: "COMMITMENT_MISMATCH",
        rule: "L2",
        message: "the hand's seed does not hash to its published commitment",
      };
    }
    case "SEED_REVEAL":
      return {
        ...base,
        code: "COMMITMENT_MISMATCH",
        rule: "L2",
        message: "the revealed seed is not the seed the hand was dealt from",
      };
    case "DEAL_INITIAL":
    case "DEAL_COMPLETION":
      return {
        ...base,
        code: "DEAL_MISMATCH",
        rule: want.type === "DEAL_INITIAL" ? "L2" : "L4",
        message: "the dealt cards are not the ones the hand's seed produces",
      };
    case "HAND_RESULT": {
      const rules = want.score.rules;
      const award = rules.filter((r) => /^(A[1-4]|Q[1-4]|X2)$/.test(r)).at(-1) ?? rules.at(-1);
      return {
        ...base,
        code: "WRONG_SCORE",
        rule: award,
        message: `the hand scores ${want.score.awarded.join("-")} under rules ` +
          `${rules.join(", ")}, not what the record says`,
      };
    }
    default:
      return { ...base, code: "EVENT_MISMATCH", message: `${want.type} differs from the rules` };
  }
}

/**
 * Checks a whole record: every move legal, every deal from its committed seed, every
 * consequence (trick winners, projects, scores, match end) exactly as the rules produce it.
 */
export function verify(events: readonly GameEvent[]): Verified | VerifyProblem {
  let state = initialState();
  const hands: HandState[] = [];
  let i = 0;
  while (i < events.length) {
    const e = events[i];
    const command = commandFor(events, i);
    if (typeof command === "string") {
      return { ok: false, index: i, event: e, code: "SEED_MISSING", rule: "L2", message: command };
    }
    if (command === null) {
      return {
        ok: false,
        index: i,
        event: e,
        code: "UNEXPECTED_EVENT",
        message: `${e.type} does not follow from the moves before it`,
      };
    }
    const d = decide(state, command);
    if (!d.ok) {
      return {
        ok: false,
        index: i,
        event: e,
        code: "REJECTED",
        ...(d.rule ? { rule: d.rule } : {}),
        message: `${d.code}: ${d.message}`,
      };
    }
    for (let k = 0; k < d.events.length; k++) {
      const got = events[i + k];
      if (got === undefined) {
        return {
          ok: false,
          index: i + k,
          event: null,
          code: "TRUNCATED",
          expected: d.events[k],
          message: `the record ends where the rules produce ${d.events[k].type}`,
        };
      }
      if (!sameValue(got, d.events[k])) return mismatch(events, i + k, got, d.events[k]);
    }
    for (const e of d.events) {
      if (e.type === "HAND_RESULT" || e.type === "HAND_CANCELLED") hands.push(d.state.hand!);
    }
    state = d.state;
    i += d.events.length;
  }
  return { ok: true, state, results: state.results, hands };
}
