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
