import assert from "node:assert/strict";
import { parseHandFacts, scoreFacts, scoreHandFacts } from "./hand_facts.ts";

/** Hand facts in the form of hand-facts.md; team 0 buys Hokum unless stated. */
function facts(over: Record<string, unknown>): Record<string, unknown> {
  return {
    profile: "R",
    mode: "HOKUM",
    buyerTeam: 0,
    level: 1,
    doublerTeam: null,
    cardRaw: [81, 81],
    tricks: [4, 4],
    projects: [[], []],
    balootTeam: null,
    matchBefore: [0, 0],
    ...over,
  };
}

const seq = (type: string, topRank: string, seat?: number) => ({
  type,
  topRank,
  kind: "SEQUENCE",
  ...(seat === undefined ? {} : { seat }),
});

/** Worked examples of the rules spec §4: [name, facts, awarded under R, awarded under KM]. */
const EXAMPLES: [string, Record<string, unknown>, number[], number[]][] = [
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
  ["E2", facts({ cardRaw: [98, 64], tricks: [5, 3] }), [10, 6], [10, 6]],
  [
    "E6",
    facts({ mode: "SUN", cardRaw: [52, 78], tricks: [3, 5], projects: [[seq("SIRA", "K")], []] }),
    [0, 30],
    [0, 30],
  ],
  ["E7a", facts({}), [8, 8], [0, 16]],
  ["E14a", facts({ cardRaw: [90, 72], tricks: [5, 3], balootTeam: 1 }), [0, 18], [9, 9]],
  [
    "E16",
    facts({
      level: 3,
      doublerTeam: 1,
      cardRaw: [110, 52],
      tricks: [6, 2],
      projects: [[seq("HUNDRED", "A")], []],
    }),
    [68, 0],
    [78, 0],
  ],
  ["E20", facts({ level: 2, doublerTeam: 1, cardRaw: [162, 0], tricks: [8, 0] }), [25, 0], [25, 0]],
];

Deno.test("scoreHandFacts() reproduces the worked examples under R and KM", () => {
  for (const [name, f, r, km] of EXAMPLES) {
    for (const [profile, want] of [["R", r], ["KM", km]] as const) {
      const result = scoreHandFacts({ ...f, profile });
      assert.ok(!("error" in result) && !Array.isArray(result), name);
      assert.deepEqual(result.awarded, want, `${name} under ${profile}`);
    }
  }
});

Deno.test("scoreHandFacts() gives the documented result fields", () => {
  const result = scoreHandFacts(facts({ cardRaw: [98, 64], tricks: [5, 3] }));
  assert.deepEqual(result, {
    awarded: [10, 6],
    made: true,
    kaboot: false,
    matchWinner: null,
    rules: ["R1", "C2", "S1", "A1"],
    variations: ["V16=RAW_WITH_BALOOT"],
    cardGp: [10, 6],
    projectGp: [0, 0],
    balootGp: [0, 0],
    matchAfter: [10, 6],
  });
});

Deno.test("scoreHandFacts() reports the match winner (E19 Gahwa, E21 target)", () => {
  const gahwa = facts({ level: "GAHWA", doublerTeam: 1, cardRaw: [90, 72], tricks: [5, 3] });
  const r = scoreHandFacts(gahwa);
  assert.ok(!("error" in r) && !Array.isArray(r));
  assert.equal(r.matchWinner, 0);
  const km = scoreHandFacts({ ...gahwa, profile: "KM" });
  assert.ok(!("error" in km) && !Array.isArray(km));
  assert.deepEqual(km.awarded, [152, 0]);
  const end = scoreHandFacts(
    facts({ mode: "SUN", cardRaw: [77, 53], tricks: [5, 3], matchBefore: [140, 145] }),
  );
  assert.ok(!("error" in end) && !Array.isArray(end));
  assert.deepEqual(end.matchAfter, [156, 155]);
  assert.equal(end.matchWinner, 0);
});

Deno.test("scoreHandFacts() answers an array with an array", () => {
  const out = scoreHandFacts([
    facts({ cardRaw: [98, 64], tricks: [5, 3] }),
    facts({ profile: "KM" }),
  ]);
  assert.ok(Array.isArray(out));
  assert.deepEqual(out.map((x) => x.awarded), [[10, 6], [0, 16]]);
});

Deno.test("parseHandFacts() accepts the engine's optional fields of recorded facts", () => {
  const input = parseHandFacts(
    facts({ dealer: 2, trump: "S", faceUpRank: "A", matchBefore: null }),
  );
  assert.notEqual(typeof input, "string");
});

/** [what, input, message]. */
const INVALID: [string, unknown, string][] = [
  ["not an object", "hokum", 'expected a JSON object, got "hokum"'],
  ["empty array", [], "expected at least one hand"],
  ["unknown profile", facts({ profile: "X" }), 'profile: expected "R" or "KM", got "X"'],
  ["missing profile", facts({ profile: undefined }), "profile: missing"],
  ["missing field", facts({ tricks: undefined }), "tricks: missing"],
  ["unknown field", facts({ trumps: "S" }), "trumps: unknown field"],
  ["mode", facts({ mode: "NO_TRUMP" }), 'mode: expected one of SUN, HOKUM, got "NO_TRUMP"'],
  ["level", facts({ level: "DOUBLE" }), 'level: expected one of 1, 2, 3, 4, GAHWA, got "DOUBLE"'],
  [
    "raw type",
    facts({ cardRaw: [81, "81"] }),
    'cardRaw[1]: expected an integer 0 or more, got "81"',
  ],
  ["raw pair", facts({ cardRaw: [162] }), "cardRaw: expected 2 items, got 1"],
  ["tricks range", facts({ tricks: [9, -1] }), "tricks[0]: expected an integer 0..8, got 9"],
  [
    "project type",
    facts({ projects: [[{ type: "SIXTY", topRank: "A", kind: "SEQUENCE" }], []] }),
    'projects[0][0].type: expected one of SIRA, FIFTY, HUNDRED, FOUR_HUNDRED, got "SIXTY"',
  ],
  [
    "project rank",
    facts({ projects: [[], [{ type: "SIRA", topRank: "10", kind: "SEQUENCE" }]] }),
    'projects[1][0].topRank: expected one of A, K, Q, J, T, 9, 8, 7, got "10"',
  ],
  ["raw sum", facts({ cardRaw: [80, 80] }), "cardRaw: must add up to 162 in HOKUM, got 160"],
  ["tricks sum", facts({ tricks: [4, 3] }), "tricks: must add up to 8"],
  ["doubler at level 1", facts({ doublerTeam: 1 }), "doublerTeam: must be null at level 1"],
  [
    "Sun triple",
    facts({ mode: "SUN", cardRaw: [65, 65], level: 3, doublerTeam: 1 }),
    "level: Sun has only the Double (level 1 or 2)",
  ],
  [
    "Sun Baloot",
    facts({ mode: "SUN", cardRaw: [65, 65], balootTeam: 0 }),
    "balootTeam: Baloot exists only in Hokum",
  ],
  [
    "array item",
    [facts({}), facts({ cardRaw: [100, 61] })],
    "[1].cardRaw: must add up to 162 in HOKUM, got 161",
  ],
  ["array item type", [facts({ buyerTeam: 2 })], "[0].buyerTeam: expected a team 0 or 1, got 2"],
  [
    "project seat on the wrong team",
    facts({ projects: [[seq("SIRA", "A", 1)], []] }),
    "projects[0][0].seat: seat 1 plays for team 1, not team 0",
  ],
  [
    "project tie",
    facts({ projects: [[seq("SIRA", "A")], [seq("SIRA", "A")]] }),
    "projects: the best projects are equal; give each a seat to break the tie",
  ],
];

Deno.test("scoreHandFacts() rejects invalid facts naming the field", () => {
  for (const [what, input, message] of INVALID) {
    assert.deepEqual(scoreHandFacts(input), { error: message }, what);
  }
});

Deno.test("scoreFacts() prefixes semantic errors with the item's path", () => {
  const input = parseHandFacts(facts({ tricks: [8, 1] }));
  assert.ok(typeof input !== "string");
  assert.equal(scoreFacts(input, "[3]"), "[3].tricks: must add up to 8");
});
