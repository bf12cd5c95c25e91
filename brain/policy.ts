/**
 * Bot policies: a policy picks one of a seat's legal commands from that seat's view only.
 *
 * @module
 */

import { type Chooser, type GameState, type Seat, type SeatCommand, viewFor } from "@baloot/rules";

/**
 * A bot: given the seat's own view (`viewFor(state, seat)`, never the full state) and the legal
 * commands, it returns one of them.
 */
export type Policy = (view: GameState, seat: Seat, legal: readonly SeatCommand[]) => SeatCommand;

/**
 * A match chooser that asks each seat's policy with that seat's view only, so a bot can never
 * see another seat's cards.
 */
export function seatChooser(policies: readonly Policy[]): Chooser {
  return (state, seat, legal) => policies[seat](viewFor(state, seat), seat, legal);
}

/**
 * Where a decision stands in its hand: the hand's number, the auction so far, the Doubles, the
 * tricks played and the trick on the table. A bot draws its random numbers (tie-breaks, sampled
 * worlds) from its seed and this key rather than from the match's event count, so that two
 * matches on the same deals, or two bots in the same seat, draw the same numbers at the same
 * point of a hand however the hands before it went (the arena's common random numbers).
 */
export function positionKey(view: GameState): string {
  const h = view.hand;
  if (h === null) return `${view.phase}:${view.handsPlayed}`;
  const b = h.bidding, e = h.escalation;
  return [
    h.no,
    view.phase,
    b.round,
    b.step,
    b.spoken,
    b.hokum ? `${b.hokum.seat}${b.hokum.suit}` : "-",
    b.sun ? `${b.sun.seat}${b.sun.ashkal ? "a" : ""}` : "-",
    e.level,
    e.pending.join(""),
    h.playedMask,
    h.trick.cards.join(""),
  ].join(":");
}
