import assert from "node:assert/strict";
import { legalCommands, SEATS } from "@baloot/rules";
import { matchStates } from "./_testing.ts";
import { POLICIES } from "./registry.ts";
import { playOut } from "./simulate.ts";

/** Full states of a heuristic match where a seat is to bid or double. */
const CALLS = matchStates(
  "simulate",
  (state) => state.phase === "BIDDING" || state.phase === "ESCALATION",
  { dealer: 2 },
);

Deno.test("playOut() plays each call to the hand's end, or stops at the start of the trick asked for", () => {
  const policies = SEATS.map((s) => POLICIES.level1(`out${s}`));
  let stopped = 0, ended = 0;
  for (const state of CALLS.slice(0, 60)) {
    const seat = state.hand!.toAct!;
    const call = POLICIES.level1("call")(state, seat, legalCommands(state, seat));
    const whole = playOut(state, call, seat, policies);
    assert.ok(whole !== null && whole.state === undefined, "to the end: awards");
    ended++;
    for (const trick of [2, 5, 8]) {
      const end = playOut(state, call, seat, policies, trick);
      assert.ok(end !== null);
      if (end.state === undefined) continue; // the hand was cancelled (every seat passed)
      const h = end.state.hand!;
      assert.equal(end.state.phase, "PLAY");
      assert.equal(h.tricks.length, trick - 1, "the tricks before it are played");
      assert.equal(h.trick.cards.length, 0, "the trick is not started");
      for (const cards of h.hands) assert.equal(cards.length, 9 - trick);
      stopped++;
    }
  }
  assert.ok(ended >= 40 && stopped >= 60, `${ended} play-outs, ${stopped} stops`);
});
