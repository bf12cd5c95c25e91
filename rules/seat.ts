/**
 * Seats, teams and the direction of play ([P1], [P2], §3.2).
 *
 * Seats are numbered 0..3 **in play order**: seat `s + 1 (mod 4)` sits on seat `s`'s right,
 * so play passes counter-clockwise. Partners sit opposite: `s` and `s + 2`.
 * Team 0 is seats 0 and 2, team 1 is seats 1 and 3.
 *
 * @module
 */

/** A seat, 0..3 in play order. Compass for the UI: 0 South, 1 East, 2 North, 3 West. */
export type Seat = 0 | 1 | 2 | 3;
/** A partnership: team 0 = seats {0, 2}, team 1 = seats {1, 3}. */
export type Team = 0 | 1;

/** All seats in play order. */
export const SEATS: readonly Seat[] = [0, 1, 2, 3];

/**
 * The seat `steps` places further in play order (to the right, counter-clockwise).
 *
 * @example
 * ```ts
 * import { nextSeat } from "@baloot/rules";
 * nextSeat(3); // 0: the player on seat 3's right
 * ```
 */
export function nextSeat(seat: Seat, steps = 1): Seat {
  return ((seat + steps) % 4 + 4) % 4 as Seat;
}

/** The team a seat plays for. */
export function teamOf(seat: Seat): Team {
  return (seat & 1) as Team;
}

/** The partner sitting opposite. */
export function partnerOf(seat: Seat): Seat {
  return ((seat + 2) % 4) as Seat;
}

/** The other team. */
export function otherTeam(team: Team): Team {
  return (1 - team) as Team;
}

/** Whether a value is a seat number. */
export function isSeat(value: unknown): value is Seat {
  return value === 0 || value === 1 || value === 2 || value === 3;
}

/** Whether a value is a team number. */
export function isTeam(value: unknown): value is Team {
  return value === 0 || value === 1;
}

/**
 * Position of `seat` in the speaking order of a hand dealt by `dealer`: the dealer's right
 * speaks first (0), the dealer last (3) ([P4]).
 */
export function speakingPosition(seat: Seat, dealer: Seat): number {
  return (seat - dealer + 3) % 4;
}
