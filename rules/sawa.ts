/**
 * Sawa (سوا, [T9]) verification (architecture decision 7): a claim is accepted only when the
 * claiming team can win every remaining trick whatever the opponents legally play. The search
 * is bounded; a claim it cannot settle within its budget is refused, never scored as Khasara.
 *
 * @module
 */

import { type Card, cardIndex, strength, type Suit, suitOf } from "./card.ts";
import type { Profile } from "./profile.ts";
import { nextSeat, type Seat, teamOf } from "./seat.ts";
import { legalCards, trickWinner } from "./trick.ts";

/** The outcome of a claim check. */
export type SawaVerdict = "PROVEN" | "REFUTED" | "UNDECIDED";

/** What the check needs: every seat's cards, at the start of a trick led by the claimer. */
export interface SawaPosition {
  readonly hands: readonly (readonly Card[])[];
  readonly leader: Seat;
  readonly trump: Suit | null;
  readonly locked: boolean;
  readonly playedMask: number;
  readonly profile: Profile;
}

/** Default search budget, in positions visited. */
export const SAWA_NODE_BUDGET = 50_000;

class OutOfBudget extends Error {}

/**
 * Whether the leader's team wins every remaining trick against any legal defence.
 *
 * @example
 * ```ts
 * import { PROFILE_R, verifySawa } from "@baloot/rules";
 * verifySawa({
 *   hands: [["AS"], ["7S"], ["8S"], ["9S"]], leader: 0, trump: null, locked: false,
 *   playedMask: 0, profile: PROFILE_R,
 * }); // "PROVEN"
 * ```
 */
export function verifySawa(pos: SawaPosition, budget = SAWA_NODE_BUDGET): SawaVerdict {
  const team = teamOf(pos.leader);
  let nodes = 0;
  const hands = pos.hands.map((h) => h.slice());
  // Positions at trick starts already settled: remaining cards and leader → result.
  const seen = new Map<string, boolean>();

  const search = (leader: Seat, cards: Card[], mask: number): boolean => {
    if (++nodes > budget) throw new OutOfBudget();
    if (cards.length === 4) {
      const winner = trickWinner(leader, cards, pos.trump);
      if (teamOf(winner) !== team) return false;
      if (hands[winner].length === 0) return true;
      let m = mask;
      for (const c of cards) m |= 1 << cardIndex(c);
      const key = `${winner}:${m}`;
      const known = seen.get(key);
      if (known !== undefined) return known;
      const result = search(winner, [], m);
      seen.set(key, result);
      return result;
    }
    const seat = nextSeat(leader, cards.length);
    const legal = legalCards(hands[seat], {
      trump: pos.trump,
      locked: pos.locked,
      leader,
      cards,
      playedMask: mask,
      profile: pos.profile,
    });
    const ours = teamOf(seat) === team;
    // Try strong cards first: they win tricks for us and refute claims for them.
    legal.sort((a, b) => rank(b, pos.trump) - rank(a, pos.trump));
    const tried = new Set<string>();
    for (const card of legal) {
      const cls = equivalence(card, ours, seat, cards);
      if (tried.has(cls)) continue;
      tried.add(cls);
      const i = hands[seat].indexOf(card);
      hands[seat].splice(i, 1);
      cards.push(card);
      const ok = search(leader, cards, mask);
      cards.pop();
      hands[seat].splice(i, 0, card);
      if (ours && ok) return true;
      if (!ours && !ok) return false;
    }
    return !ours;
  };

  /**
   * Cards of one suit in one hand that no separating card lies between play the same: only one
   * of each class needs trying. For the claiming side every other hand's card separates (the
   * partner's too: who wins decides who leads next); for the defenders only the claiming
   * side's cards do, since any trick they win refutes the claim, whichever of them wins it.
   */
  const equivalence = (card: Card, ours: boolean, seat: Seat, table: readonly Card[]): string => {
    const suit = suitOf(card);
    const s = strength(card, pos.trump);
    let above = 0;
    const count = (c: Card, holder: Seat) => {
      const separates = ours ? holder !== seat : teamOf(holder) === team;
      if (separates && suitOf(c) === suit && strength(c, pos.trump) > s) above++;
    };
    hands.forEach((h, holder) => h.forEach((c) => count(c, holder as Seat)));
    table.forEach((c, i) => count(c, nextSeat(seat, i - table.length)));
    return `${suit}${above}`;
  };

  try {
    return search(pos.leader, [], pos.playedMask) ? "PROVEN" : "REFUTED";
  } catch (e) {
    if (e instanceof OutOfBudget) return "UNDECIDED";
    throw e;
  }
}

function rank(card: Card, trump: Suit | null): number {
  return (suitOf(card) === trump ? 8 : 0) + strength(card, trump);
}
