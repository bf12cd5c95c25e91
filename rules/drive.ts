/**
 * A match driver: plays a match to its end through `decide`, dealing each hand from a seed
 * source and asking a chooser for every seat decision. Self-play, benchmarks, property tests
 * and the arena all drive matches this way.
 *
 * @module
 */

import type { SeatCommand } from "./commands.ts";
import type { Seed } from "./deal.ts";
import { decide } from "./decide.ts";
import type { GameEvent } from "./events.ts";
import { legalCommands } from "./legal.ts";
import type { Profile } from "./profile.ts";
import type { Seat } from "./seat.ts";
import { type GameState, initialState } from "./state.ts";

/** Picks one of the legal commands for `seat` (which must only use what `seat` may know). */
export type Chooser = (state: GameState, seat: Seat, legal: readonly SeatCommand[]) => SeatCommand;

/** How to run a match. */
export interface DriveOptions {
  readonly profile: Profile;
  /** The first dealer. */
  readonly dealer: Seat;
  /** The seed of hand `n` (from 1). */
  readonly seedFor: (hand: number) => Seed;
  /** Give up after this many hands (a guard against endless all-pass loops). */
  readonly maxHands?: number;
  /** Called with each batch of events, in order. */
  readonly onEvents?: (events: readonly GameEvent[], state: GameState) => void;
}

/** The finished match. */
export interface DrivenMatch {
  readonly state: GameState;
  readonly events: readonly GameEvent[];
}

/**
 * Plays a whole match. Throws if the chooser picks a command `decide` refuses (a bug in the
 * chooser or in the engine) or the match exceeds `maxHands`.
 */
export function driveMatch(options: DriveOptions, choose: Chooser): DrivenMatch {
  const events: GameEvent[] = [];
  const maxHands = options.maxHands ?? 500;
  const run = (state: GameState, command: Parameters<typeof decide>[1]): GameState => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`driveMatch: ${command.type} refused: ${d.code} ${d.message}`);
    for (const e of d.events) events.push(e);
    options.onEvents?.(d.events, d.state);
    return d.state;
  };
  let state = run(initialState(), {
    type: "START_MATCH",
    profile: options.profile,
    dealer: options.dealer,
  });
  while (state.phase !== "OVER") {
    if (state.phase === "READY") {
      if (state.handsPlayed >= maxHands) throw new Error(`driveMatch: over ${maxHands} hands`);
      state = run(state, { type: "DEAL", seed: options.seedFor(state.handsPlayed + 1) });
      continue;
    }
    const seat = state.hand!.toAct!;
    state = run(state, choose(state, seat, legalCommands(state, seat)));
  }
  return { state, events };
}
