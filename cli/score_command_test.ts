import assert from "node:assert/strict";
import { runCli } from "./_run.ts";

const DIR = await Deno.makeTempDir({ prefix: "baloot-score-test-" });
globalThis.addEventListener("unload", () => Deno.removeSync(DIR, { recursive: true }));

/** Hand facts as in hand-facts.md; team 0 buys Hokum unless stated. */
const facts = (over: Record<string, unknown>) => ({
  profile: "R",
  mode: "HOKUM",
  buyerTeam: 0,
  level: 1,
  doublerTeam: null,
  cardRaw: [98, 64],
  tricks: [5, 3],
  projects: [[], []],
  balootTeam: null,
  matchBefore: [0, 0],
  ...over,
});

const E2 = facts({});
const E14A = facts({ cardRaw: [90, 72], balootTeam: 1 });

async function score(value: unknown) {
  const file = `${DIR}/${crypto.randomUUID()}.json`;
  await Deno.writeTextFile(file, JSON.stringify(value));
  return await runCli(["score", file]);
}

Deno.test("score: E2 plain Hokum, made → [10, 6]", async () => {
  const r = await score(E2);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.awarded, [10, 6]);
  assert.equal(out.made, true);
  assert.equal(out.kaboot, false);
  assert.equal(out.matchWinner, null);
  assert.deepEqual(out.rules, ["R1", "C2", "S1", "A1"]);
});

Deno.test("score: E14a Baloot held by the defenders, [0, 18] under R and [9, 9] under KM", async () => {
  const r = await score([E14A, { ...E14A, profile: "KM" }]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(Array.isArray(out));
  assert.deepEqual(out.map((x: { awarded: number[] }) => x.awarded), [[0, 18], [9, 9]]);
  assert.deepEqual(out.map((x: { made: boolean }) => x.made), [false, true]);
});

Deno.test("score: E10 Kaboot, E17 doubled Sun, E21 match end, from standard input", async () => {
  const input = [
    facts({
      cardRaw: [162, 0],
      tricks: [8, 0],
      projects: [[{ type: "FIFTY", topRank: "K", kind: "SEQUENCE" }], []],
      balootTeam: 0,
    }),
    facts({
      mode: "SUN",
      level: 2,
      doublerTeam: 1,
      cardRaw: [48, 82],
      tricks: [3, 5],
      matchBefore: [110, 80],
    }),
    facts({ mode: "SUN", cardRaw: [77, 53], matchBefore: [140, 145] }),
  ];
  const r = await runCli(["score", "-"], JSON.stringify(input));
  assert.equal(r.code, 0, r.stderr);
  const [e10, e17, e21] = JSON.parse(r.stdout);
  assert.deepEqual(e10.awarded, [32, 0]);
  assert.equal(e10.kaboot, true);
  assert.deepEqual(e17.awarded, [0, 52]);
  assert.deepEqual(e21.matchAfter, [156, 155]);
  assert.equal(e21.matchWinner, 0);
});

Deno.test("score: invalid facts exit 2 naming the field", async () => {
  const cases: [unknown, RegExp][] = [
    [facts({ cardRaw: [98, 60] }), /cardRaw: must add up to 162 in HOKUM, got 158/],
    [facts({ profile: "X" }), /profile: expected "R" or "KM", got "X"/],
    [facts({ tricks: [5, "3"] }), /tricks\[1\]: expected an integer 0\.\.8, got "3"/],
    [facts({ balootTeam: undefined }), /balootTeam: missing/],
    [facts({ colour: "red" }), /colour: unknown field/],
    [
      [E2, facts({ level: 2 })],
      /\[1\]\.doublerTeam: the first Double is made by the defending team/,
    ],
  ];
  for (const [value, message] of cases) {
    const r = await score(value);
    assert.equal(r.code, 2, String(message));
    assert.equal(r.stdout, "");
    assert.match(r.stderr, message);
  }
  const notJson = await runCli(["score", "-"], "{ profile: R }");
  assert.equal(notJson.code, 2);
  assert.match(notJson.stderr, /not valid JSON/);
  const noFile = await runCli(["score"]);
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /usage: baloot score FILE/);
});
