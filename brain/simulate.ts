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

/** Where a play-out ended: the hand's result for `seat`'s team and the other, or a later state. */
export type PlayOutEnd =
  | { readonly mine: number; readonly theirs: number; readonly state?: undefined }
  | { readonly state: GameState };

/**
 * Plays `first` and then the hand with `policies`, to its end or, given `stopAtTrick`, to the
 * start of that trick (1 to 8); returns the game points awarded to `seat`'s team and to the
 * other (none for a cancelled hand), the state reached, or `null` if the engine refused a move
 * (the world contradicts something the view does not show).
 */
export function playOut(
  state: GameState,
  first: SeatCommand,
  seat: Seat,
  policies: readonly Policy[],
  stopAtTrick = 9,
): PlayOutEnd | null {
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
    const legal = legalCommands(s, who);
    if (
      s.phase === "PLAY" && h.tricks.length + 1 >= stopAtTrick && h.trick.cards.length === 0 &&
      !legal.some((c) => c.type === "DECLARE")
    ) return { state: s };
    command = choose(s, who, legal);
  }
  return null;
}
