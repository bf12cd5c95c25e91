import assert from "node:assert/strict";
import {
  type Card,
  cardIndex,
  deriveSeed,
  driveMatch,
  type GameState,
  type Profile,
  PROFILE_KM,
  PROFILE_R,
  type Seat,
  SEATS,
  viewFor,
} from "@baloot/rules";
import { testStream } from "./_testing.ts";
import { knowledgeOf, viewProblem } from "./knowledge.ts";
import { seatChooser } from "./policy.ts";
import { POLICIES } from "./registry.ts";
import { sampleWorld } from "./worlds.ts";

/** Every decision point of heuristic and random matches, with the full state. */
function* positions(profile: Profile, matches: number): Generator<GameState> {
  for (let m = 0; m < matches; m++) {
    const seen: GameState[] = [];
    const bots = SEATS.map((s) => POLICIES[m % 2 === 0 ? "heuristic" : "random"](`k${m}:${s}`));
    const inner = seatChooser(bots);
    driveMatch(
      { profile, dealer: (m % 4) as Seat, seedFor: (n) => deriveSeed(`know-${m}`, n) },
      (state, seat, legal) => {
        seen.push(state);
        return inner(state, seat, legal);
      },
    );
    yield* seen;
  }
}

const bit = (c: Card) => 1 << cardIndex(c);

for (const profile of [PROFILE_R, PROFILE_KM]) {
  Deno.test(`knowledge (${profile.id}): what a seat infers is true of the real hands, and every sampled world agrees with its view`, () => {
    const rng = testStream(`worlds-${profile.id}`);
    let checked = 0, exclusions = 0;
    for (const state of positions(profile, 12)) {
      const h = state.hand!;
      if (h.toAct === null || h.kasho !== null) continue;
      const seat = h.toAct;
      const view = viewFor(state, seat);
      const k = knowledgeOf(view, seat);
      assert.equal(viewProblem(view, seat), null, "a real view is possible");
      assert.equal(knowledgeOf(view, seat), k, "worked out once per view and seat");
      assert.deepEqual(
        knowledgeOf(structuredClone(view), seat),
        k,
        "an equal view, worked out again, knows the same",
      );
      // Sound: no seat is said to lack a card it holds.
      for (const s of SEATS) {
        if (s === seat) continue;
        for (const c of h.hands[s] as Card[]) {
          assert.equal(k.excluded[s] & bit(c), 0, `seat ${s} holds ${c}`);
        }
        exclusions += k.hidden[s] > 0 && k.excluded[s] !== 0 ? 1 : 0;
      }
      if (checked++ % 7 !== 0) continue;
      const w = sampleWorld(k, rng);
      const dealt = [...w.hands.flat(), ...w.stock];
      assert.equal(new Set(dealt).size, dealt.length, "every card once");
      SEATS.forEach((s) => {
        assert.equal(w.hands[s].length, h.hands[s].length, `seat ${s} holds as many cards`);
        for (const c of k.known[s]) assert.ok(w.hands[s].includes(c), `known ${c} stays`);
        if (s !== seat) { for (const c of w.hands[s]) assert.equal(k.excluded[s] & bit(c), 0); }
      });
      assert.deepEqual(w.hands[seat], view.hand!.hands[seat], "the seat's own cards");
      assert.equal(w.stock.length, h.stock?.length ?? 0, "the stock's size");
    }
    assert.ok(checked > 500, `${checked} positions`);
    assert.ok(exclusions > 100, `the play proved voids (${exclusions})`);
  });
}

Deno.test("worlds: a view the rules cannot produce is refused with a message", () => {
  const k = {
    seat: 0 as Seat,
    known: [["AS"], [], [], []] as Card[][],
    hidden: [0, 1, 1, 1],
    unseen: ["KS", "QS", "JS"] as Card[],
    // Nobody may hold a spade.
    excluded: [~0, 0xff, 0xff, 0xff],
    stock: 0,
  };
  assert.throws(() => sampleWorld(k, testStream("none")), /no deal agrees/);
});
