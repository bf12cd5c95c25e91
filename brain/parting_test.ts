import assert from "node:assert/strict";
import type { GameEvent, GameState, SeatCommand } from "@baloot/rules";
import { decisionKind, MATCH_SCORE, MatchLog, partings } from "./parting.ts";

/** A view of hand `no` with `tricks` tricks done: all a MatchLog reads of it. */
const view = (no: number, tricks = 0) =>
  ({ hand: { no, tricks: Array(tricks) } }) as unknown as GameState;
const pass: SeatCommand = { type: "BID", seat: 1, call: "PASS" };
const hokum: SeatCommand = { type: "BID", seat: 1, call: "HOKUM", suit: "S" };
const card = (c: "AS" | "7S"): SeatCommand => ({ type: "PLAY", seat: 2, card: c });
const result = (a0: number, a1: number) =>
  ({ type: "HAND_RESULT", score: { awarded: [a0, a1] } }) as unknown as GameEvent;
const cancelled = { type: "HAND_CANCELLED" } as unknown as GameEvent;

Deno.test("decisionKind() names calls, Doubles and the trick a card is played in", () => {
  assert.equal(decisionKind(view(1), pass), "call");
  assert.equal(decisionKind(view(1), { type: "ESCALATE", seat: 0, call: "DOUBLE" }), "double");
  assert.equal(decisionKind(view(1, 3), card("AS")), "trick 4");
});

Deno.test("partings(): the first differing decision of each hand, A's gain with its sign, cancelled hands too, a different decision offered put down to the match score", () => {
  const first = new MatchLog(), second = new MatchLog(); // A is team 0, then team 1
  // Hand 1: the same calls, then A plays the ace where B played the seven.
  for (
    const [log, c, score] of [[first, card("AS"), result(90, 20)], [
      second,
      card("7S"),
      result(60, 50),
    ]] as const
  ) {
    log.decided(view(1), pass);
    log.decided(view(1, 1), c);
    log.events([score]);
  }
  // Hand 2: A bids where B passed, and B's pass let the hand be cancelled.
  first.decided(view(2), hokum);
  first.events([result(0, 30)]); // A's team 0 lost 30
  second.decided(view(2), pass);
  second.events([cancelled]);
  // Hand 3: the same decisions and the same result.
  for (const log of [first, second]) {
    log.decided(view(3), pass);
    log.events([result(16, 10)]);
  }
  // Hand 5: a Sun Double is open to seat 3 in the first match only (the match scores differ):
  // no bot chose otherwise, the game offered different decisions.
  first.decided(view(5), { type: "ESCALATE", seat: 3, call: "PASS" });
  first.events([result(26, 0)]);
  second.decided(view(5), { type: "PLAY", seat: 2, card: "AS" });
  second.events([result(0, 26)]);
  // Hand 4: played in the first match only.
  first.decided(view(4), pass);
  first.events([result(10, 0)]);
  assert.deepEqual(partings(first, second), [
    // A: +70 as team 0; B: +10 as team 0 in the second match, so A as team 1 lost 10.
    { kind: "trick 2", gain: 60 },
    { kind: "call", gain: -30 },
    { kind: "same", gain: 0 },
    { kind: MATCH_SCORE, gain: 52 },
  ]);
});
