/**
 * Test helpers: seeded random matches and small builders. Not exported from `mod.ts`.
 *
 * @module
 */

import { type Card, DECK, parseCards } from "./card.ts";
import { apply } from "./apply.ts";
import { PROFILE_R } from "./profile.ts";
import { nextSeat } from "./seat.ts";
import { ChaChaStream } from "./chacha20.ts";
import type { Command } from "./commands.ts";
import { deriveSeed } from "./deal.ts";
import { decide } from "./decide.ts";
import { type Chooser, driveMatch, type DrivenMatch } from "./drive.ts";
import type { GameEvent } from "./events.ts";
import type { Profile } from "./profile.ts";
import type { Seat } from "./seat.ts";
import { fromHex } from "./sha256.ts";
import { type GameState, initialState } from "./state.ts";

/**
 * A chooser that picks uniformly among the legal commands, from a seeded stream. When leading
 * one of the last three tricks it claims Sawa, one time in four, if the claim would be
 * accepted, so random matches exercise claims too.
 */
export function randomChooser(seed: string): Chooser {
  const rng = new ChaChaStream(fromHex(deriveSeed(seed, "choices"))!);
  return (state, seat, legal) => {
    const h = state.hand!;
    if (state.phase === "PLAY" && h.trick.cards.length === 0 && h.tricks.length >= 5) {
      const claim = { type: "SAWA", seat } as const;
      if (rng.nextInt(4) === 0 && decide(state, claim).ok) return claim;
    }
    return legal[rng.nextInt(legal.length)];
  };
}

/** A reproducible random match: seed `label` names the deals, the dealer and the choices. */
export function randomMatch(
  profile: Profile,
  label: string | number,
  onEvents?: (events: readonly GameEvent[], state: GameState) => void,
): DrivenMatch {
  const base = deriveSeed("property", label);
  const dealer = (parseInt(base.slice(0, 2), 16) % 4) as Seat;
  return driveMatch(
    { profile, dealer, seedFor: (n) => deriveSeed(base, n), onEvents },
    randomChooser(base),
  );
}

/** Runs commands from a fresh state, failing loudly on a rejection. */
export function run(commands: readonly Command[], from: GameState = initialState()): GameState {
  let s = from;
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.code} ${d.rule ?? ""} ${d.message}`);
    s = d.state;
  }
  return s;
}

/** Deeply freezes a value, so that any later mutation throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Card ids mentioned anywhere in a JSON text (as whole JSON strings). */
export function cardsInJson(json: string): Set<Card> {
  const found = new Set<Card>();
  for (const m of json.matchAll(/"([789TJQKA][SHDC])"/g)) found.add(m[1] as Card);
  return found;
}

/** The full deck as a set, for conservation checks. */
export const ALL_CARDS: ReadonlySet<Card> = new Set(DECK);

/** What a hand-built deal needs. */
export interface DealtOptions {
  /** The dealer (seat 3 in the spec's examples: seat 0 speaks and leads first). */
  readonly dealer?: Seat;
  readonly faceUp: Card;
  /** Each seat's final eight cards (the recipient's include the face-up card), or five. */
  readonly hands: readonly (readonly Card[] | string)[];
  /** The seat that will take the face-up card (the buyer, or the Ashkal caller's partner). */
  readonly recipient: Seat;
  readonly profile?: Profile;
  /** The match score before the hand. */
  readonly score?: readonly [number, number];
}

/**
 * A state right after a hand-built first deal, folded from events with `apply` (which trusts
 * its input): the first five cards of each listed hand are dealt, the rest form the stock in
 * the order the completion deal hands them out. Its seed is unknown (`null`).
 */
export function dealt(o: DealtOptions): GameState {
  const dealer = o.dealer ?? 3;
  const hands = o.hands.map((h) => (typeof h === "string" ? parseCards(h)! : [...h]));
  const initial = hands.map((h, s) =>
    (s === o.recipient ? h.filter((c) => c !== o.faceUp) : h).slice(0, 5)
  );
  const stock: Card[] = [];
  for (let k = 1; k <= 4; k++) {
    const seat = nextSeat(dealer, k);
    const rest = hands[seat].filter((c) => c !== o.faceUp && !initial[seat].includes(c));
    stock.push(...rest.slice(0, seat === o.recipient ? 2 : 3));
  }
  let s = apply(initialState(), { type: "MATCH_START", profile: o.profile ?? PROFILE_R, dealer });
  if (o.score) s = { ...s, score: o.score };
  s = apply(s, { type: "HAND_START", hand: 1, dealer, commitment: "0".repeat(64), seed: null });
  return apply(s, { type: "DEAL_INITIAL", hands: initial, faceUp: o.faceUp, stock });
}

/** Runs commands and returns the refusal of the last one (which must be refused). */
export function refusal(commands: readonly Command[], from: GameState): ReturnType<typeof decide> {
  const s = run(commands.slice(0, -1), from);
  return decide(s, commands[commands.length - 1]);
}

/** A mixed deal for dealer 3 (seat 0 speaks first); the face-up TS goes to seat 0. */
export const MIXED = [
  "JS 9S AS AH KH QD 7C TS",
  "KS QS 8S 7S TH 9H AD KD",
  "JH 8H 7H TD JD 9D AC KC",
  "QH 8D 7D QC JC TC 9C 8C",
];

/** Seat 0 bids Hokum in spades, everyone passes, and seat 0 confirms. */
export const SEAT0_HOKUM_SPADES: readonly Command[] = [
  { type: "BID", seat: 0, call: "HOKUM", suit: "S" },
  { type: "BID", seat: 1, call: "PASS" },
  { type: "BID", seat: 2, call: "PASS" },
  { type: "BID", seat: 3, call: "PASS" },
  { type: "HOKUM_DECISION", seat: 0, decision: "CONFIRM_HOKUM" },
];

/** Both defenders (seats 1 and 3) decline to double. */
export const NO_DOUBLE: readonly Command[] = [
  { type: "ESCALATE", seat: 1, call: "PASS" },
  { type: "ESCALATE", seat: 3, call: "PASS" },
];
