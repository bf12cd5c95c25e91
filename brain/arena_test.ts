import assert from "node:assert/strict";
import { type Card, teamOf } from "@baloot/rules";
import { type PairResult, playPair, summarize } from "./arena.ts";
import type { PolicyFactory } from "./registry.ts";
import { POLICIES } from "./registry.ts";

Deno.test("a duplicate pair deals the same cards twice, each team's cards going to the other bot", () => {
  // Bots that remember the first cards they see in each hand, by team and match (playPair makes
  // the four bots of the first match, then the four of the second).
  const seen = new Map<string, string>();
  let made = 0;
  const spy = (name: string): PolicyFactory => (seed) => {
    const inner = POLICIES.level1(seed);
    const match = made++ < 4 ? 0 : 1;
    return (view, seat, legal) => {
      const h = view.hand!;
      const key = `${match}:${h.no}:${seat}`;
      if (!seen.has(key) && h.hands[seat].length === 5) {
        seen.set(key, `${name}:${teamOf(seat)}:${(h.hands[seat] as Card[]).join(" ")}`);
      }
      return inner(view, seat, legal);
    };
  };
  const r = playPair(spy("A"), spy("B"), "arena-test", 0);
  assert.ok(r.hands >= 4 && r.aWins >= 0 && r.aWins <= 2);
  let compared = 0;
  for (const [key, value] of seen) {
    const [match, hand, seat] = key.split(":");
    if (match !== "0") continue;
    const twin = seen.get(`1:${hand}:${seat}`);
    if (!twin) continue; // the second match ended sooner
    const [bot, , cards] = value.split(":");
    const [twinBot, , twinCards] = twin.split(":");
    assert.equal(twinCards, cards, `hand ${hand}, seat ${seat}: the same cards`);
    assert.notEqual(twinBot, bot, `hand ${hand}, seat ${seat}: played by the other bot`);
    compared++;
  }
  assert.ok(compared >= 8, `${compared} seats compared`);
  // The same pair again: the same result (seeded deals and bots).
  made = 0;
  const again = playPair(spy("A"), spy("B"), "arena-test", 0);
  assert.deepEqual([again.diff, again.hands, again.aWins], [r.diff, r.hands, r.aWins]);
});

Deno.test("two copies of one bot tie every pair exactly: the seat's seed is shared by both matches", () => {
  for (const name of ["random", "level1"]) {
    for (let pair = 0; pair < 3; pair++) {
      const r = playPair(POLICIES[name], POLICIES[name], "arena-crn", pair);
      assert.equal(r.diff, 0, `${name}, pair ${pair}`);
      assert.equal(r.aWins, 1, `${name}, pair ${pair}: each copy wins one match`);
      assert.ok(r.parted.length >= 4 && r.parted.every((p) => p.kind === "same" && p.gain === 0));
    }
  }
});

Deno.test("summarize(): the mean of per-pair game points per deal, its 95% interval, the win rate", () => {
  const pair = (diff: number, hands: number, aWins: number): PairResult => ({
    pair: 0,
    diff,
    hands,
    aWins,
    msA: [1, 3],
    msB: [2],
    parted: [{ kind: "call", gain: diff }, { kind: "same", gain: 0 }],
  });
  const s = summarize([pair(20, 10, 2), pair(0, 10, 1), pair(-10, 10, 0), pair(30, 10, 1)]);
  // Per deal: 2, 0, -1, 3: mean 1, sample variance 10/3.
  assert.equal(s.pairs, 4);
  assert.equal(s.gpPerDeal, 1);
  assert.ok(Math.abs(s.ci95 - 1.96 * Math.sqrt(10 / 3 / 4)) < 1e-9);
  assert.equal(s.winRate, 0.5);
  assert.deepEqual(s.msA, { mean: 2, p95: 3 });
  // By kind: the hands that never parted first, then calls (gains 20, 0, -10, 30).
  assert.deepEqual(s.parted.map((p) => [p.kind, p.hands, p.gain]), [["same", 4, 0], [
    "call",
    4,
    10,
  ]]);
});

Deno.test("where two bots part: hands that never part score alike, the others are put down to a decision", () => {
  const kinds = new Map<string, number>();
  let gain = 0;
  for (let pair = 0; pair < 4; pair++) {
    const r = playPair(POLICIES.level1, POLICIES.random, "arena-parted", pair);
    for (const p of r.parted) {
      kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
      // The same deal, the same decisions: the same result, whichever team A was.
      if (p.kind === "same") assert.equal(p.gain, 0);
      gain += p.gain;
    }
  }
  // A random bot parts from the heuristic at its first call almost every hand.
  const all = [...kinds.values()].reduce((a, b) => a + b, 0);
  assert.ok(kinds.get("call")! > all / 2, JSON.stringify([...kinds]));
  assert.ok(
    [...kinds.keys()].every((k) => /^(same|call|double|declare|sawa|trick [1-8])$/.test(k)),
  );
  assert.ok(gain > 0, `level1 gains on the hands where it parts from random: ${gain}`);
});
