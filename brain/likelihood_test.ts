import assert from "node:assert/strict";
import { type Card, viewFor } from "@baloot/rules";
import { dealt, MIXED, NO_DOUBLE, run, SEAT0_HOKUM_SPADES } from "../rules/_testing.ts";
import { worldLikelihood } from "./likelihood.ts";

// Seat 0 buys Hokum in spades and leads the ace of hearts; seat 1 gives its ten under it.
const state = run([
  ...SEAT0_HOKUM_SPADES,
  ...NO_DOUBLE,
  { type: "PLAY", seat: 0, card: "AH" },
  { type: "PLAY", seat: 1, card: "TH" },
  { type: "PLAY", seat: 2, card: "7H" },
  { type: "PLAY", seat: 3, card: "QH" },
], dealt({ faceUp: "TS", hands: MIXED, recipient: 0 }));

/** Seat 0's view with the other hands as `hands` (a world). */
const world = (hands: Card[][]) => ({ hands, stock: [] });
const truth = state.hand!.hands as Card[][];

Deno.test("a world in which a player gave ten points it could have kept weighs less", () => {
  const view = viewFor(state, 0);
  assert.equal(state.hand!.tricks.length, 1);
  // In the real deal seat 1 still holds the nine of hearts: giving the ten was costly.
  assert.ok(truth[1].includes("9H"));
  const costly = worldLikelihood(view, 0, world(truth));
  // The same world with seat 1's nine of hearts swapped for a club of seat 2's.
  const club = truth[2].find((c) => c.endsWith("C"))!;
  const swapped = truth.map((h, s) =>
    s === 1
      ? h.map((c) => (c === "9H" ? club : c))
      : s === 2
      ? h.map((c) => (c === club ? "9H" : c))
      : h
  );
  const plausible = worldLikelihood(view, 0, world(swapped));
  assert.ok(costly < plausible, `${costly} < ${plausible}`);
  assert.ok(plausible > 0 && plausible <= 1);
});
