import assert from "node:assert/strict";
import {
  type Card,
  type Profile,
  PROFILE_KM,
  PROFILE_R,
  type Seat,
  type Suit,
} from "@baloot/rules";
import { bruteForce, bruteForceMemo, randomPosition, rulesLegal, testStream } from "./_testing.ts";
import { Solver } from "./solver.ts";

const PROFILES: readonly Profile[] = [
  PROFILE_R,
  PROFILE_KM,
  { ...PROFILE_R, partnerExemption: "NONE", cannotOvertrump: "FREE" },
];

Deno.test("the solver's value is the brute-force minimax on random endgames (Sun, Hokum, every trumping rule)", () => {
  const rng = testStream("solver-brute");
  const solver = new Solver(12);
  for (let i = 0; i < 640; i++) {
    const profile = PROFILES[i % PROFILES.length];
    const cards = i < 600 ? 1 + rng.nextInt(3) : 4;
    const p = randomPosition(rng, cards, profile, { locked: rng.nextInt(4) === 0 });
    const expected = bruteForce(p);
    const got = solver.solve(p);
    assert.ok(got.exact, "no caps: exact");
    assert.equal(got.value, expected, `position ${JSON.stringify({ ...p, profile: profile.id })}`);
    // Each card's value too: the best of them is the position's value.
    const byCard = solver.solveCards(p);
    const best = Math.max(...byCard.values().map((r) => r.value));
    assert.equal(best, expected);
  }
});

Deno.test("the solver's value is the brute-force minimax with five and six cards a hand, where its pruning of runs has room", () => {
  const rng = testStream("solver-brute-deep");
  const solver = new Solver(14);
  for (let i = 0; i < 36; i++) {
    const profile = PROFILES[i % PROFILES.length];
    const p = randomPosition(rng, i < 30 ? 5 : 6, profile, { locked: rng.nextInt(4) === 0 });
    assert.equal(
      solver.solve(p).value,
      bruteForceMemo(p),
      JSON.stringify({ ...p, profile: profile.id }),
    );
  }
});

/** Every trumping rule set: V11's three partner exemptions by V12's two answers. */
const VARIANTS: readonly Profile[] = (["ALWAYS", "FOURTH_OR_SURE_WINNER", "NONE"] as const)
  .flatMap((partnerExemption) =>
    (["UNDERTRUMP", "FREE"] as const).map((cannotOvertrump) => ({
      ...PROFILE_R,
      partnerExemption,
      cannotOvertrump,
    }))
  );

Deno.test("the solver's value is the brute-force minimax in every trumping rule set, locked or not", () => {
  const rng = testStream("solver-variants");
  const solver = new Solver(14);
  for (let i = 0; i < 3000; i++) {
    const profile = VARIANTS[i % VARIANTS.length];
    const p = randomPosition(rng, 2 + rng.nextInt(3), profile, { locked: rng.nextInt(2) === 0 });
    const expected = bruteForceMemo(p);
    assert.equal(solver.solve(p).value, expected, JSON.stringify({ ...p, profile }));
    assert.equal(solver.solve(p, { nodes: 1e9 }).value, expected, "the bisection too");
  }
});

Deno.test("positions that once broke the sure points or the equivalent leads (a review's finds)", () => {
  type Case = [string[][], Seat, Suit, boolean, Partial<Profile>];
  const cases: Case[] = [
    // Locked play: the leader may not lead its top trump, so the others' trumps need not fall.
    [[["KD", "TS"], ["9S", "8H"], ["AS", "9D"], ["9H", "8D"]], 1, "S", true, {}],
    [
      [["7H", "AH", "KS", "TD"], ["QS", "7D", "TH", "QC"], ["JC", "TC", "8C", "8D"], [
        "9S",
        "7C",
        "QD",
        "JD",
      ]],
      0,
      "D",
      true,
      {},
    ],
    // No exemption: a partner void in the cashed suit must trump the leader's winner.
    [[["QC", "9C"], ["KH", "AC"], ["7H", "9S"], ["KD", "7S"]], 1, "D", false, {
      partnerExemption: "NONE",
    }],
    [
      [["KS", "8D", "7D", "9D"], ["AH", "JH", "9S", "7H"], ["TC", "AD", "9C", "9H"], [
        "QS",
        "7C",
        "KC",
        "AS",
      ]],
      0,
      "S",
      false,
      { partnerExemption: "NONE", cannotOvertrump: "FREE" },
    ],
    // Equal leads 7H and 8H: only the 8 is a sure winner that lets the partner discard.
    [[["JC", "KD"], ["8H", "7H"], ["AS", "7S"], ["8C", "JD"]], 1, "D", true, {
      partnerExemption: "FOURTH_OR_SURE_WINNER",
      cannotOvertrump: "FREE",
    }],
  ];
  for (const [hands, leader, trump, locked, rules] of cases) {
    const p = {
      hands: hands as Card[][],
      leader,
      trick: [],
      trump,
      locked,
      profile: { ...PROFILE_R, ...rules },
    };
    const expected = bruteForceMemo(p);
    assert.equal(new Solver(10).solve(p).value, expected, JSON.stringify(hands));
    assert.equal(new Solver(10).solve(p, { nodes: 1e9 }).value, expected, JSON.stringify(hands));
  }
});

Deno.test("the solver's legal cards are the rules engine's, in every kind of trick", () => {
  const rng = testStream("solver-legal");
  const solver = new Solver(10);
  for (let i = 0; i < 4000; i++) {
    const profile = PROFILES[i % PROFILES.length];
    const p = randomPosition(rng, 1 + rng.nextInt(8), profile, { locked: rng.nextInt(3) === 0 });
    const sort = (cards: Card[]) => cards.slice().sort();
    assert.deepEqual(sort(solver.legalCards(p)), sort(rulesLegal(p)), JSON.stringify(p.trick));
  }
});

Deno.test("a capped search returns proven bounds around the exact value", () => {
  const rng = testStream("solver-caps");
  const exact = new Solver();
  for (let i = 0; i < 20; i++) {
    const p = randomPosition(rng, 8, PROFILE_R, { played: 0 });
    const truth = exact.solve(p).value;
    const capped = new Solver().solve(p, { nodes: 2000 });
    assert.ok(capped.lower <= truth && truth <= capped.upper, `${capped.lower}..${capped.upper}`);
    if (capped.exact) assert.equal(capped.value, truth);
  }
});

Deno.test("the two searches agree: an uncapped solve (principal variation) and a capped one that finishes (bisection)", () => {
  const rng = testStream("solver-two-searches");
  const pvs = new Solver(), bisect = new Solver();
  for (let i = 0; i < 60; i++) {
    const profile = PROFILES[i % PROFILES.length];
    const p = randomPosition(rng, 3 + rng.nextInt(4), profile, { locked: rng.nextInt(4) === 0 });
    const a = pvs.solve(p), b = bisect.solve(p, { nodes: 1e9 });
    assert.ok(a.exact && b.exact);
    assert.equal(a.value, b.value, JSON.stringify({ ...p, profile: profile.id }));
  }
});

Deno.test("a worked position: the ace takes the king and the last-trick 10", () => {
  const solver = new Solver(8);
  const r = solver.solve({
    hands: [["AS"], ["7S"], ["KS"], ["8S"]],
    leader: 0,
    trick: [],
    trump: null,
    locked: false,
    profile: PROFILE_R,
  });
  assert.deepEqual([r.value, r.exact], [25, true]);
  // Seen from the side that loses it: nothing.
  const other = solver.solve({
    hands: [[], ["7S"], ["KS"], ["8S"]],
    leader: 0,
    trick: ["AS"],
    trump: null,
    locked: false,
    profile: PROFILE_R,
  });
  assert.equal(other.value, 0);
  assert.throws(() =>
    solver.solve({
      hands: [["AS"], ["AS"], ["KS"], ["8S"]],
      leader: 0,
      trick: [],
      trump: null,
      locked: false,
      profile: PROFILE_R,
    })
  );
});

Deno.test("a capped search leaves the solver as it was: its next answers are still exact", () => {
  const rng = testStream("solver-after-caps");
  const used = new Solver(14);
  for (let i = 0; i < 60; i++) {
    // A card that ends a trick, then a search cut short below it.
    const p = randomPosition(rng, 3 + rng.nextInt(4), PROFILE_R, { played: 3 });
    used.solveCards(p, { nodes: 50 + rng.nextInt(400) });
    const q = randomPosition(rng, 1 + rng.nextInt(3), PROFILE_R);
    assert.equal(used.solve(q).value, bruteForce(q));
    const fresh = new Solver(8).solveCards(q);
    for (const [card, r] of used.solveCards(q)) {
      if (r.exact) assert.equal(r.value, fresh.get(card)!.value, card);
    }
  }
});
