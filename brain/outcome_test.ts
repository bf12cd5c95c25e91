import assert from "node:assert/strict";
import {
  decide,
  type GameState,
  legalCommands,
  type Profile,
  PROFILE_KM,
  PROFILE_R,
  type Seat,
  type SeatCommand,
  teamOf,
} from "@baloot/rules";
import { matchStates } from "./_testing.ts";
import { solvedOutcome, solverPosition } from "./outcome.ts";
import { Solver } from "./solver.ts";

/** Full states of a heuristic match in card play, from the second trick on (every 11th). */
function positions(label: string, profile: Profile): GameState[] {
  let n = 0;
  return matchStates(label, (state) => {
    const h = state.hand!;
    return state.phase === "PLAY" && h.tricks.length >= 1 && n++ % 11 === 0;
  }, { profile });
}

/**
 * Plays `state` to the hand's end, every seat playing a card the solver values best for its
 * team (no Sawa, no new announcements); returns the hand's awards.
 */
function playBest(state: GameState, solver: Solver): readonly [number, number] {
  const hand = state.hand!.no;
  let s = state;
  for (;;) {
    const h = s.hand!;
    if (h.no !== hand || h.result !== null) return h.no === hand ? h.result!.score.awarded : [0, 0];
    const seat = h.toAct!;
    const plays = legalCommands(s, seat).filter((c): c is SeatCommand & { type: "PLAY" } =>
      c.type === "PLAY" && !c.baloot && !c.ekka
    );
    const values = solver.solveCards(solverPosition(s));
    let best = plays[0];
    for (const p of plays) if (values.get(p.card)!.value > values.get(best.card)!.value) best = p;
    const d = decide(s, best);
    assert.ok(d.ok, `the solver's card ${best.card} is legal`);
    s = d.state;
  }
}

for (const [name, profile] of [["R", PROFILE_R], ["KM", PROFILE_KM]] as const) {
  Deno.test(`solvedOutcome() is what the rules award when every seat plays the solver's best card (${name})`, () => {
    const solver = new Solver();
    let checked = 0;
    for (const state of positions(`outcome-${name}`, profile)) {
      const awarded = playBest(state, solver);
      // Both teams' view of it, whichever is to move.
      for (const seat of [0, 1] as Seat[]) {
        const got = solvedOutcome(state, seat, solver, {});
        const team = teamOf(seat);
        assert.deepEqual(
          [got.mine, got.theirs],
          [awarded[team], awarded[1 - team]],
          `hand ${state.hand!.no}, trick ${state.hand!.tricks.length + 1}, seat ${seat}`,
        );
        checked++;
      }
    }
    assert.ok(checked >= 40, `${checked} outcomes checked`);
  });
}
