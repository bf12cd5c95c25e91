/**
 * Playing a hand out in a sampled world: the seat's view with the hidden cards (and the stock)
 * filled in is a full state the rules engine plays on. Level 3 bids and doubles by comparing
 * its calls over such play-outs.
 *
 * @module
 */

import {
  decide,
  type GameState,
  legalCommands,
  type Seat,
  type SeatCommand,
  teamOf,
} from "@baloot/rules";
import type { Policy } from "./policy.ts";
import { seatChooser } from "./policy.ts";
import type { World } from "./worlds.ts";

const NOTHING = { mine: 0, theirs: 0 };

/** The view with the world's cards in every hand and in the stock. */
export function worldState(view: GameState, world: World): GameState {
  const h = view.hand!;
  return {
    ...view,
    hand: {
      ...h,
      hands: world.hands,
      stock: h.completed ? null : world.stock,
    },
  };
}

/**
 * Plays `first` and then the hand to its end with `policies`; returns the game points awarded
 * to `seat`'s team and to the other (none for a cancelled hand), or `null` if the engine
 * refused a move (the world contradicts something the view does not show).
 */
export function playOut(
  state: GameState,
  first: SeatCommand,
  seat: Seat,
  policies: readonly Policy[],
): { mine: number; theirs: number } | null {
  const choose = seatChooser(policies);
  const hand = state.hand!.no;
  let s = state;
  let command: SeatCommand = first;
  for (let steps = 0; steps < 200; steps++) {
    const d = decide(s, command);
    if (!d.ok) return null;
    s = d.state;
    const h = s.hand;
    if (h === null || h.no !== hand) return NOTHING;
    if (h.result !== null) {
      const awarded = h.result.score.awarded;
      return { mine: awarded[teamOf(seat)], theirs: awarded[1 - teamOf(seat)] };
    }
    if (h.cancelled || h.toAct === null) return NOTHING;
    const who = h.toAct;
    command = choose(s, who, legalCommands(s, who));
  }
  return null;
}
