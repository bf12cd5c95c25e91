import assert from "node:assert/strict";
import {
  type HandFacts,
  hokumCardGp,
  makeProfile,
  PROFILE_KM,
  PROFILE_R,
  type ProjectFact,
  scoreHand,
  sunCardGp,
} from "./mod.ts";

/** Facts for the worked examples: team A (0) buys unless stated. */
function facts(over: Partial<HandFacts>): HandFacts {
  const mode = over.mode ?? "HOKUM";
  return {
    mode,
    buyerTeam: 0,
    level: 1,
    doublerTeam: null,
    cardRaw: [0, 0],
    tricks: [4, 4],
    projects: [[], []],
    balootTeam: null,
    matchBefore: [0, 0],
    ...over,
  };
}

const seq = (
  type: ProjectFact["type"],
  topRank: ProjectFact["topRank"],
  seat = 0,
): ProjectFact => ({
  type,
  kind: "SEQUENCE",
  topRank,
  seat: seat as 0,
});

/** Worked examples E1–E21 (rules spec §4): [name, facts, R result, KM result]. */
const VECTORS: [string, HandFacts, [number, number], [number, number]][] = [
  [
    "E1",
    facts({
      cardRaw: [127, 35],
      tricks: [7, 1],
      projects: [[seq("FIFTY", "A", 0), seq("SIRA", "A", 2)], [
        seq("SIRA", "K", 3),
        seq("SIRA", "9", 3),
      ]],
      balootTeam: 0,
    }),
    [22, 3],
    [22, 3],
  ],
  ["E2", facts({ cardRaw: [98, 64] }), [10, 6], [10, 6]],
  ["E3", facts({ mode: "SUN", cardRaw: [77, 53] }), [16, 10], [16, 10]],
  ["E4", facts({ mode: "SUN", cardRaw: [73, 57] }), [14, 12], [14, 12]],
  ["E5", facts({ cardRaw: [70, 92] }), [0, 16], [0, 16]],
  ["E6", facts({ mode: "SUN", cardRaw: [52, 78], projects: [[seq("SIRA", "K")], []] }), [0, 30], [
    0,
    30,
  ]],
  ["E7a", facts({ cardRaw: [81, 81] }), [8, 8], [0, 16]],
  ["E7b", facts({ mode: "SUN", cardRaw: [65, 65] }), [13, 13], [13, 13]],
  ["E8a", facts({ level: 2, doublerTeam: 1, cardRaw: [100, 62] }), [32, 0], [32, 0]],
  ["E8b", facts({ level: 2, doublerTeam: 1, cardRaw: [72, 90] }), [0, 32], [0, 32]],
  ["E9", facts({ level: 2, doublerTeam: 1, cardRaw: [81, 81] }), [32, 0], [32, 0]],
  [
    "E10",
    facts({
      cardRaw: [162, 0],
      tricks: [8, 0],
      projects: [[seq("FIFTY", "A")], []],
      balootTeam: 0,
    }),
    [32, 0],
    [32, 0],
  ],
  [
    "E11",
    facts({ mode: "SUN", cardRaw: [130, 0], tricks: [8, 0], projects: [[seq("SIRA", "A")], []] }),
    [48, 0],
    [48, 0],
  ],
  ["E12", facts({ mode: "SUN", cardRaw: [0, 130], tricks: [0, 8] }), [0, 44], [0, 44]],
  ["E13", facts({ cardRaw: [95, 67], projects: [[seq("SIRA", "A")], [seq("FIFTY", "K", 1)]] }), [
    0,
    21,
  ], [0, 21]],
  ["E14a", facts({ cardRaw: [90, 72], balootTeam: 1 }), [0, 18], [9, 9]],
  ["E14b", facts({ cardRaw: [100, 62], balootTeam: 1 }), [10, 8], [10, 8]],
  [
    "E15",
    facts({
      mode: "SUN",
      cardRaw: [70, 60],
      projects: [[{ type: "FOUR_HUNDRED", kind: "FOUR_OF_A_KIND", topRank: "A", seat: 0 }], [
        seq("HUNDRED", "K", 1),
      ]],
    }),
    [54, 12],
    [54, 12],
  ],
  [
    "E16",
    facts({ level: 3, doublerTeam: 1, cardRaw: [110, 52], projects: [[seq("HUNDRED", "A")], []] }),
    [68, 0],
    [78, 0],
  ],
  [
    "E17",
    facts({ mode: "SUN", level: 2, doublerTeam: 1, cardRaw: [48, 82], matchBefore: [110, 80] }),
    [0, 52],
    [0, 52],
  ],
  ["E18", facts({ cardRaw: [86, 76] }), [8, 8], [8, 8]],
  ["E20", facts({ level: 2, doublerTeam: 1, cardRaw: [162, 0], tricks: [8, 0] }), [25, 0], [25, 0]],
];

for (const [name, f, r, km] of VECTORS) {
  Deno.test(`scoreHand() reproduces worked example ${name} under R and KM`, () => {
    const a = scoreHand(f, PROFILE_R);
    const b = scoreHand(f, PROFILE_KM);
    assert.ok(typeof a !== "string" && typeof b !== "string");
    assert.deepEqual(a.awarded, r, `R ${name}`);
    assert.deepEqual(b.awarded, km, `KM ${name}`);
  });
}

Deno.test("scoreHand() lists the rule ids of hand-facts.md's example", () => {
  const s = scoreHand(facts({ cardRaw: [98, 64], tricks: [5, 3] }), PROFILE_R);
  assert.ok(typeof s !== "string");
  assert.deepEqual(s.rules, ["R1", "C2", "S1", "A1"]);
  assert.equal(s.made, true);
  assert.equal(s.kaboot, false);
  assert.equal(s.matchWinner, null);
});

Deno.test("E19: Gahwa wins the match at once; KM writes it as 152-0", () => {
  const f = facts({ level: "GAHWA", doublerTeam: 1, cardRaw: [90, 72], matchBefore: [20, 130] });
  const r = scoreHand(f, PROFILE_R);
  const km = scoreHand(f, PROFILE_KM);
  assert.ok(typeof r !== "string" && typeof km !== "string");
  assert.equal(r.matchWinner, 0);
  assert.equal(r.matchEnd, "GAHWA");
  assert.deepEqual(r.awarded, [0, 0]);
  assert.deepEqual(km.awarded, [152, 0]);
  assert.ok(r.rules.includes("X2"));
  const failed = scoreHand({ ...f, cardRaw: [60, 102] }, PROFILE_R);
  assert.ok(typeof failed !== "string");
  assert.equal(failed.matchWinner, 1, "had A failed, B would have won the match");
});

Deno.test("E21: both past 152, the higher total wins; equal totals deal one more hand", () => {
  const s = scoreHand(
    facts({ mode: "SUN", cardRaw: [77, 53], matchBefore: [140, 145] }),
    PROFILE_R,
  );
  assert.ok(typeof s !== "string");
  assert.deepEqual(s.matchAfter, [156, 155]);
  assert.equal(s.matchWinner, 0);
  assert.ok(s.rules.includes("M2"));
  const tie = scoreHand(
    facts({ mode: "SUN", cardRaw: [77, 53], matchBefore: [139, 145] }),
    PROFILE_R,
  );
  assert.ok(typeof tie !== "string");
  assert.deepEqual(tie.matchAfter, [155, 155]);
  assert.equal(tie.matchWinner, null);
  assert.equal(tie.extraHand, true);
});

Deno.test("variants of the worked examples change the result as the spec says", () => {
  const cases: [string, Record<string, unknown>, HandFacts, [number, number]][] = [
    ["E4 V14", { sunRounding: "DOUBLE_THEN_ROUND" }, facts({ mode: "SUN", cardRaw: [73, 57] }), [
      15,
      11,
    ]],
    [
      "E6 V19",
      { projectsOnKhasara: "VOID" },
      facts({ mode: "SUN", cardRaw: [52, 78], projects: [[seq("SIRA", "K")], []] }),
      [0, 26],
    ],
    ["E7b V17", { undoubledTie: "BUYER_FAILS" }, facts({ mode: "SUN", cardRaw: [65, 65] }), [
      0,
      26,
    ]],
    [
      "E9 V18 triple",
      { doubledTie: "LAST_ANNOUNCER_LOSES" },
      facts({ level: 3, doublerTeam: 1, cardRaw: [81, 81] }),
      [0, 48],
    ],
    ["E9 R triple", {}, facts({ level: 3, doublerTeam: 1, cardRaw: [81, 81] }), [48, 0]],
    [
      "E12 V23",
      { reverseKabootSun: 88 },
      facts({ mode: "SUN", cardRaw: [0, 130], tricks: [0, 8] }),
      [0, 88],
    ],
    ["E18 V15", { hokum66: "HIGHER_RAW_KEEPS" }, facts({ cardRaw: [86, 76] }), [9, 7]],
    [
      "E20 V22",
      { kabootMultiplied: true },
      facts({ level: 2, doublerTeam: 1, cardRaw: [162, 0], tricks: [8, 0] }),
      [50, 0],
    ],
  ];
  for (const [name, over, f, expected] of cases) {
    const profile = makeProfile("R", over);
    assert.ok(typeof profile !== "string", name);
    const s = scoreHand(f, profile);
    assert.ok(typeof s !== "string", name);
    assert.deepEqual(s.awarded, expected, name);
  }
});

Deno.test("sunCardGp() matches the table of [C1] and always sums to 26", () => {
  const table: [number, number][] = [
    [0, 0],
    [4, 0],
    [5, 1],
    [9, 2],
    [52, 10],
    [57, 12],
    [63, 12],
    [64, 12],
    [65, 13],
    [66, 14],
    [67, 14],
    [73, 14],
    [77, 16],
    [130, 26],
  ];
  for (const [raw, gp] of table) assert.equal(sunCardGp(raw, PROFILE_R), gp, `raw ${raw}`);
  for (let raw = 0; raw <= 130; raw++) {
    assert.equal(sunCardGp(raw, PROFILE_R) + sunCardGp(130 - raw, PROFILE_R), 26);
  }
});

Deno.test("hokumCardGp() rounds .5 down and corrects 6/6 to a total of 16", () => {
  assert.deepEqual(hokumCardGp([85, 77], PROFILE_R), [8, 8]);
  assert.deepEqual(hokumCardGp([96, 66], PROFILE_R), [9, 7]);
  for (let raw = 0; raw <= 162; raw++) {
    const [a, b] = hokumCardGp([raw, 162 - raw], PROFILE_R);
    assert.equal(a + b, 16, `raw ${raw}`);
  }
});

Deno.test("scoreHand() refuses a project tie it cannot break", () => {
  const f = facts({
    cardRaw: [98, 64],
    projects: [[{ type: "SIRA", kind: "SEQUENCE", topRank: "A" }], [{
      type: "SIRA",
      kind: "SEQUENCE",
      topRank: "A",
    }]],
  });
  assert.equal(typeof scoreHand(f, PROFILE_R), "string");
  const seated = facts({
    cardRaw: [98, 64],
    dealer: 0,
    projects: [[seq("SIRA", "A", 2)], [seq("SIRA", "A", 1)]],
  });
  const s = scoreHand(seated, PROFILE_R);
  assert.ok(typeof s !== "string");
  assert.equal(s.projectWinner, 1, "seat 1 speaks before seat 2 when seat 0 deals");
});
