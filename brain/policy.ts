/**
 * Bot policies: a policy picks one of a seat's legal commands from that seat's view only.
 *
 * @module
 */

import type { GameState, Seat, SeatCommand } from "@baloot/rules";

/**
 * A bot: given the seat's own view (`viewFor(state, seat)`, never the full state) and the legal
 * commands, it returns one of them.
 */
export type Policy = (view: GameState, seat: Seat, legal: readonly SeatCommand[]) => SeatCommand;
