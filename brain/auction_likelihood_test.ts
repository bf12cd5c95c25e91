import assert from "node:assert/strict";
import { ChaChaStream, deriveSeed, fromHex, type GameState, viewFor } from "@baloot/rules";
import { passLikelihood } from "./auction_likelihood.ts";
import { knowledgeOf } from "./knowledge.ts";
import { matchStates } from "./_testing.ts";
import { sampleWorld, type World } from "./worlds.ts";

/** Full states of a heuristic match where a seat is to bid after at least one pass. */
function auctions(label: string): GameState[] {
  return matchStates(label, (state) => {
    const b = state.hand?.bidding;
    return state.phase === "BIDDING" && b!.step === "SPEAK" && (b!.spoken > 0 || b!.round === 2);
  }, { dealer: 3 });
}

Deno.test("the passes make the real deal likelier than sampled ones, and the weight is in (0, 1]", () => {
  let logTruth = 0, logSampled = 0, positions = 0;
  const rng = new ChaChaStream(fromHex(deriveSeed("passes", "rng"))!);
  for (const label of ["passes-1", "passes-2"]) {
    for (const state of auctions(label)) {
      const seat = state.hand!.toAct!;
      const view = viewFor(state, seat);
      const truth: World = { hands: state.hand!.hands as World["hands"], stock: [] };
      const real = passLikelihood(view, seat, truth);
      assert.ok(real > 0 && real <= 1, `${real}`);
      logTruth += Math.log(real);
      const k = knowledgeOf(view, seat);
      for (let i = 0; i < 8; i++) {
        logSampled += Math.log(passLikelihood(view, seat, sampleWorld(k, rng))) / 8;
      }
      positions++;
    }
  }
  assert.ok(positions >= 40, `${positions} positions`);
  // On average over the positions, the real deal is this many times likelier.
  const ratio = Math.exp((logTruth - logSampled) / positions);
  assert.ok(ratio > 1.3, `the real deal ${ratio.toFixed(2)} times likelier`);
  console.log(`the real deal ${ratio.toFixed(2)} times likelier over ${positions} positions`);
});

Deno.test("outside the auction, or with nobody passed yet, the passes weigh nothing", () => {
  const [state] = auctions("passes-3");
  const seat = state.hand!.toAct!;
  const first = {
    ...state,
    hand: { ...state.hand!, bidding: { ...state.hand!.bidding, spoken: 0, round: 1 as const } },
  };
  const world: World = { hands: state.hand!.hands as World["hands"], stock: [] };
  assert.equal(passLikelihood(viewFor(first, seat), seat, world), 1);
  assert.equal(passLikelihood({ ...state, phase: "PLAY" }, seat, world), 1);
});
