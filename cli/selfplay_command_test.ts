import assert from "node:assert/strict";
import { POLICIES } from "@baloot/brain";
import { deriveSeed, verify } from "@baloot/rules";
import { decodeRecord } from "@baloot/wire";
import { runCli } from "./_run.ts";

const DIR = await Deno.makeTempDir({ prefix: "baloot-selfplay-test-" });
globalThis.addEventListener("unload", () => Deno.removeSync(DIR, { recursive: true }));

const files = async (dir: string) => {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
};

Deno.test("selfplay writes one verifiable record per match and a summary", async () => {
  const out = `${DIR}/run`;
  const r = await runCli([
    "selfplay",
    "--matches",
    "3",
    "--seed",
    "s1",
    "--profile",
    "KM",
    "--out",
    out,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await files(out), ["match-0001.jsonl", "match-0002.jsonl", "match-0003.jsonl"]);
  const wins = [0, 0];
  let hands = 0;
  for (const [index, name] of (await files(out)).entries()) {
    const record = decodeRecord(await Deno.readTextFile(`${out}/${name}`));
    assert.ok("events" in record, "error" in record ? record.error : "");
    assert.equal(record.header.profile, "KM");
    assert.equal(record.header.matchIndex, index);
    assert.equal(record.header.seed, "s1");
    const checked = verify(record.events);
    assert.ok(checked.ok, checked.ok ? "" : checked.message);
    assert.notEqual(checked.state.winner, null, "matches are played to the end");
    wins[checked.state.winner!]++;
    hands += checked.state.handsPlayed;
    // Deals come from deriveSeed(deriveSeed(S, matchIndex), handNo).
    const first = record.events.find((e) => e.type === "HAND_START");
    assert.ok(first?.type === "HAND_START");
    assert.equal(first.seed, deriveSeed(deriveSeed("s1", index), 1));
  }
  assert.match(r.stdout, /3 matches, profile KM, seed "s1"/);
  assert.match(r.stdout, new RegExp(`hands: ${hands} `));
  assert.match(
    r.stdout,
    new RegExp(`wins: team 0 \\(\\w+\\) ${wins[0]}, team 1 \\(\\w+\\) ${wins[1]}`),
  );
  assert.match(r.stdout, /time: [0-9.]+ s/);

  const replayed = await runCli(["replay", `${out}/match-0002.jsonl`]);
  assert.equal(replayed.code, 0, replayed.stderr);
});

Deno.test("selfplay is reproducible: the same arguments write the same bytes", async () => {
  const args = ["--matches", "2", "--seed", "same", "--bots", "random,random"];
  const a = await runCli(["selfplay", ...args, "--out", `${DIR}/a`]);
  const b = await runCli(["selfplay", ...args, "--out", `${DIR}/b`]);
  const c = await runCli([
    "selfplay",
    "--matches",
    "2",
    "--seed",
    "other",
    "--bots",
    "random",
    "--out",
    `${DIR}/c`,
  ]);
  assert.equal(a.code + b.code + c.code, 0);
  for (const name of ["match-0001.jsonl", "match-0002.jsonl"]) {
    const [x, y, z] = await Promise.all(
      ["a", "b", "c"].map((d) => Deno.readFile(`${DIR}/${d}/${name}`)),
    );
    assert.deepEqual(x, y, name);
    assert.notDeepEqual(x, z, "another seed gives another match");
  }
  // With the default bots too (whatever they are today).
  const d1 = await runCli(["selfplay", "--seed", "same", "--out", `${DIR}/d1`]);
  const d2 = await runCli(["selfplay", "--seed", "same", "--out", `${DIR}/d2`]);
  assert.equal(d1.code + d2.code, 0);
  assert.deepEqual(
    await Deno.readFile(`${DIR}/d1/match-0001.jsonl`),
    await Deno.readFile(`${DIR}/d2/match-0001.jsonl`),
  );
});

Deno.test("selfplay seats the first bot on seats 0 and 2, defaulting to heuristic if it exists", async () => {
  const r = await runCli(["selfplay", "--seed", "bots", "--out", `${DIR}/bots`]);
  assert.equal(r.code, 0, r.stderr);
  const record = decodeRecord(await Deno.readTextFile(`${DIR}/bots/match-0001.jsonl`));
  assert.ok("header" in record);
  const [first, second] = "heuristic" in POLICIES ? ["heuristic", "random"] : ["random", "random"];
  assert.deepEqual(record.header.players, [
    `bot:${first}`,
    `bot:${second}`,
    `bot:${first}`,
    `bot:${second}`,
  ]);
});

Deno.test("selfplay rejects bad arguments with a clear message", async () => {
  const cases: [string[], RegExp][] = [
    [["--matches", "2"], /--out DIR is required/],
    [
      ["--out", DIR, "--matches", "0"],
      /--matches: expected a whole number from 1 to 1000000, got "0"/,
    ],
    [["--out", DIR, "--matches", "two"], /--matches: expected a whole number/],
    [["--out", DIR, "--profile", "X"], /--profile: expected R or KM, got "X"/],
    [
      ["--out", DIR, "--bots", "genius,random"],
      /--bots: unknown bot "genius" \(available: .*random/,
    ],
    [["--out", DIR, "--bots", "a,b,c"], /--bots: expected one or two bot names/],
    [["--out", DIR, "--speed", "9"], /unknown option --speed/],
    [["--out", DIR, "--seed"], /--seed needs a value/],
    [["--out", DIR, "extra"], /unexpected argument "extra"/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(["selfplay", ...args]);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /usage: baloot selfplay/);
  }
});
