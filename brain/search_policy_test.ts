import assert from "node:assert/strict";
import {
  type Card,
  deriveSeed,
  driveMatch,
  type GameState,
  legalCommands,
  PROFILE_R,
  type Seat,
  SEATS,
  viewFor,
} from "@baloot/rules";
import { matchStates, requestFor } from "./_testing.ts";
import { seatChooser } from "./policy.ts";
import { POLICIES } from "./registry.ts";
import { LEVEL_2, LEVEL_3, searchPolicy } from "./search_policy.ts";
import { answer } from "./worker.ts";

/** Positions of a heuristic match where the seat on turn has a choice of cards. */
const PLAYS: GameState[] = matchStates("search-policy", (state) => {
  if (state.phase !== "PLAY") return false;
  const legal = legalCommands(state, state.hand!.toAct!);
  const cards = new Set(legal.flatMap((c) => (c.type === "PLAY" ? [c.card] : [])));
  return cards.size > 1 && legal.length === cards.size;
});

for (const [name, settings] of [["level2", LEVEL_2], ["level3", LEVEL_3]] as const) {
  Deno.test(`${name} plays a whole match against level1 with legal commands only`, () => {
    // Budgets as played, but fewer worlds: the point here is legality, not strength.
    const fast = searchPolicy({
      ...settings,
      worlds: 3,
      bidSamples: Math.min(settings.bidSamples, 2),
    });
    const bots = SEATS.map((s) => (s % 2 === 0 ? fast : POLICIES.level1)(`m:${s}`));
    const { state } = driveMatch(
      { profile: PROFILE_R, dealer: 1, seedFor: (n) => deriveSeed(`${name}-match`, n) },
      seatChooser(bots),
    );
    assert.equal(state.phase, "OVER");
  });
}

/** `state` with two cards swapped between the hidden hands of the two seats after `seat`. */
function swapHidden(state: GameState, seat: Seat): GameState {
  const h = state.hand!;
  const a = ((seat + 1) % 4) as Seat, b = ((seat + 2) % 4) as Seat;
  const hands = h.hands.map((c) => c.slice()) as Card[][];
  const known = new Set(viewFor(state, seat).hand!.hands.flat());
  const i = hands[a].findIndex((c) => !known.has(c));
  const j = hands[b].findIndex((c) => !known.has(c));
  [hands[a][i], hands[b][j]] = [hands[b][j], hands[a][i]];
  return { ...state, hand: { ...h, hands } };
}

Deno.test("a bot's decision depends on its view only: other seats' hidden cards do not change it", () => {
  let compared = 0;
  for (const state of PLAYS.filter((_, i) => i % 9 === 0)) {
    const seat = state.hand!.toAct!;
    const other = swapHidden(state, seat);
    assert.notDeepEqual(other.hand!.hands, state.hand!.hands, "the real deals differ");
    for (const level of [1, 2, 3] as const) {
      const replies = [state, other].map((s) => {
        const view = viewFor(s, seat);
        const request = requestFor(s, "r", { gameId: "hidden", level });
        // What travels holds none of the cards the seat may not see.
        const body = JSON.stringify(request);
        const visible = new Set(view.hand!.hands.flat());
        for (const s2 of SEATS) {
          for (const c of s.hand!.hands[s2] as Card[]) {
            if (!visible.has(c)) assert.ok(!body.includes(`"${c}"`), `${c} leaks to seat ${seat}`);
          }
        }
        return answer(request, { worker: "t" })!.command;
      });
      assert.deepEqual(replies[0], replies[1], `level ${level}`);
      assert.ok(
        legalCommands(state, seat).some((c) => JSON.stringify(c) === JSON.stringify(replies[0])),
      );
      compared++;
    }
  }
  assert.ok(compared >= 30, `${compared} decisions compared`);
});

Deno.test("a search bot draws its worlds by the position in the hand, not the match's event count", () => {
  // Few worlds, so that which worlds are drawn often decides the card.
  const few = searchPolicy({ ...LEVEL_2, worlds: 2 });
  const decide = (seed: string, state: GameState, later = false) => {
    const seat = state.hand!.toAct!;
    const view = viewFor(state, seat);
    // The same position later in a match: more events before it, other hands scored.
    const moved: GameState = later
      ? { ...view, version: view.version + 137, handsPlayed: view.handsPlayed + 3 }
      : view;
    return JSON.stringify(few(seed)(moved, seat, legalCommands(state, seat)));
  };
  let seedMatters = 0;
  const positions = PLAYS.filter((s) => s.hand!.tricks.length >= 1);
  for (const state of positions) {
    const card = decide("s", state);
    assert.equal(decide("s", state, true), card);
    if (decide("t", state) !== card) seedMatters++;
  }
  // The draws do decide cards: another seed plays otherwise somewhere.
  assert.ok(seedMatters > 0, `${positions.length} positions, the seed never mattered`);
});
