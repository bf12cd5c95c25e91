import assert from "node:assert/strict";
import { type Card, type GameEvent, PROFILE_R, redact, replay, viewFor } from "./mod.ts";
import { cardsInJson, dealt, MIXED, randomMatch, run, SEAT0_HOKUM_SPADES } from "./_testing.ts";

const bought = () =>
  run(SEAT0_HOKUM_SPADES, dealt({ dealer: 3, faceUp: "TS", recipient: 0, hands: MIXED }));

Deno.test("viewFor(seat) shows its own hand and the face-up card, nothing else", () => {
  const s = bought();
  const v = viewFor(s, 1);
  assert.deepEqual(v.hand!.hands[1], s.hand!.hands[1]);
  assert.deepEqual(v.hand!.hands[0], ["TS", null, null, null, null, null, null, null]);
  assert.deepEqual(v.hand!.hands[2], new Array(8).fill(null));
  const seen = cardsInJson(JSON.stringify(v));
  for (const c of seen) assert.ok(s.hand!.hands[1].includes(c) || c === "TS", `${c} leaked`);
});

Deno.test("viewFor('spectator') shows no card in any hand but the face-up one", () => {
  const v = viewFor(bought(), "spectator");
  assert.deepEqual([...cardsInJson(JSON.stringify(v))], ["TS"]);
  assert.equal(v.hand!.stock, null);
  assert.equal(v.hand!.seed, null);
});

Deno.test("redact() hides other seats' deals and unrevealed seeds; folding them gives the view", () => {
  const m = randomMatch(PROFILE_R, "view-test");
  for (const audience of [0, 1, 2, 3, "spectator"] as const) {
    const redacted = m.events.map((e) => redact(e, audience));
    const start = redacted.find((e) => e.type === "HAND_START") as Extract<
      GameEvent,
      { type: "HAND_START" }
    >;
    assert.equal(start.seed, null);
    const deal = redacted.find((e) => e.type === "DEAL_INITIAL") as Extract<
      GameEvent,
      { type: "DEAL_INITIAL" }
    >;
    deal.hands.forEach((h, seat) => assert.equal(h.every((c) => c !== null), seat === audience));
    assert.equal(deal.stock, null);
    assert.deepEqual(replay(redacted), viewFor(m.state, audience));
  }
  assert.deepEqual(m.events.map((e) => redact(e, "all")), m.events);
});

Deno.test("counted projects become public when shown; undeclared cards stay hidden", () => {
  const s = run([
    { type: "ESCALATE", seat: 1, call: "PASS" },
    { type: "ESCALATE", seat: 3, call: "PASS" },
    { type: "PLAY", seat: 0, card: "AH" },
    { type: "PLAY", seat: 1, card: "TH" },
    { type: "PLAY", seat: 2, card: "7H" },
    { type: "DECLARE", seat: 3, projects: [["QC", "JC", "TC", "9C", "8C"] as Card[]] },
  ], bought());
  const declaredView = viewFor(s, 0);
  assert.deepEqual(declaredView.hand!.declared[3], [{ type: "HUNDRED", project: null }]);
  const shown = run([{ type: "PLAY", seat: 3, card: "QH" }], s);
  const v = viewFor(shown, 0);
  assert.deepEqual(v.hand!.hands[3].filter((c) => c !== null), ["QC", "JC", "TC", "9C", "8C"]);
});
