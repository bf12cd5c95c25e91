import assert from "node:assert/strict";
import { type GameEvent, PROFILE_KM, PROFILE_R, replay, verify } from "./mod.ts";
import { randomMatch } from "./_testing.ts";

const match = randomMatch(PROFILE_R, "replay-test");
const tampered = (f: (events: GameEvent[]) => void) => {
  const events = structuredClone(match.events) as GameEvent[];
  f(events);
  return verify(events);
};
const indexOf = (events: GameEvent[], type: GameEvent["type"]) =>
  events.findIndex((e) => e.type === type);

Deno.test("replay() of a record equals the live final state", () => {
  assert.deepEqual(replay(match.events), match.state);
  const km = randomMatch(PROFILE_KM, "replay-test");
  assert.deepEqual(replay(km.events), km.state);
});

Deno.test("verify() accepts an untouched record", () => {
  const v = verify(match.events);
  assert.ok(v.ok);
  assert.deepEqual(v.state, match.state);
});

Deno.test("verify() reports an illegal card with the rule it breaks", () => {
  const v = tampered((events) => {
    // Find a trick where the second player followed suit and had another suit to discard.
    const i = events.findIndex((e, k) =>
      e.type === "PLAY" && k > 0 && events[k - 1].type === "PLAY" &&
      (events[k - 1] as { card: string }).card[1] === e.card[1] &&
      replay(events.slice(0, k)).hand!.hands[e.seat].some((c) => c !== null && c[1] !== e.card[1])
    );
    const e = events[i] as Extract<GameEvent, { type: "PLAY" }>;
    const hand = replay(events.slice(0, i)).hand!.hands[e.seat];
    events[i] = { ...e, card: hand.find((c) => c !== null && c[1] !== e.card[1])! };
  });
  assert.ok(!v.ok);
  assert.equal(v.code, "REJECTED");
  assert.equal(v.rule, "T2");
});

Deno.test("verify() reports a wrong score, a deal that is not the seed's, and a changed seed", () => {
  const score = tampered((events) => {
    const e = events[indexOf(events, "HAND_RESULT")] as Extract<GameEvent, { type: "HAND_RESULT" }>;
    (e.score.awarded as unknown as number[])[0] += 1;
  });
  assert.ok(!score.ok);
  assert.equal(score.code, "WRONG_SCORE");
  assert.equal(score.index, indexOf(match.events as GameEvent[], "HAND_RESULT"));

  const deal = tampered((events) => {
    const e = events[indexOf(events, "DEAL_INITIAL")] as Extract<
      GameEvent,
      { type: "DEAL_INITIAL" }
    >;
    const hands = e.hands as string[][];
    [hands[0][0], hands[1][0]] = [hands[1][0], hands[0][0]];
  });
  assert.ok(!deal.ok);
  assert.equal(deal.code, "DEAL_MISMATCH");
  assert.equal(deal.rule, "L2");

  const seed = tampered((events) => {
    const i = indexOf(events, "SEED_REVEAL");
    const e = events[i] as Extract<GameEvent, { type: "SEED_REVEAL" }>;
    events[i] = { ...e, seed: "0".repeat(64) };
    const start = events[indexOf(events, "HAND_START")] as Extract<
      GameEvent,
      { type: "HAND_START" }
    >;
    events[indexOf(events, "HAND_START")] = { ...start, seed: null };
  });
  assert.ok(!seed.ok);
  assert.equal(seed.code, "COMMITMENT_MISMATCH");
});

Deno.test("verify() reports a record cut short or an event out of place", () => {
  const cut = verify(match.events.slice(0, indexOf(match.events as GameEvent[], "TRICK_END")));
  assert.ok(!cut.ok);
  assert.equal(cut.code, "TRUNCATED");
  const moved = tampered((events) => events.splice(3, 0, events[indexOf(events, "TRICK_END")]));
  assert.ok(!moved.ok);
  assert.equal(moved.code, "UNEXPECTED_EVENT");
});
