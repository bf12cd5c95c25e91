import assert from "node:assert/strict";
import { decide, type GameEvent, replay, type Seat } from "@baloot/rules";
import { runCli } from "./_run.ts";

const DIR = await Deno.makeTempDir({ prefix: "baloot-replay-test-" });
globalThis.addEventListener("unload", () => Deno.removeSync(DIR, { recursive: true }));
const made = await runCli(["selfplay", "--matches", "2", "--seed", "replay-test", "--out", DIR]);
assert.equal(made.code, 0, made.stderr);
const FILE = `${DIR}/match-0001.jsonl`;
const TEXT = await Deno.readTextFile(FILE);
const LINES = TEXT.trimEnd().split("\n");
const EVENTS: GameEvent[] = LINES.slice(1).map((l) => JSON.parse(l));

/** Writes the record with `change` applied to its lines; returns the file name. */
async function tampered(name: string, change: (lines: string[]) => void): Promise<string> {
  const lines = LINES.slice();
  change(lines);
  const file = `${DIR}/${name}.jsonl`;
  await Deno.writeTextFile(file, lines.join("\n") + "\n");
  return file;
}

/** The 1-based file line of the first event matching `test` (events start on line 2). */
const lineOf = (test: (e: GameEvent) => boolean, from = 0) =>
  EVENTS.findIndex((e, i) => i >= from && test(e)) + 2;

Deno.test("replay verifies a self-play record and prints the match", async () => {
  const r = await runCli(["replay", FILE]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.ok, true);
  assert.equal(out.profile, "R");
  assert.match(out.matchId, /^selfplay-[0-9a-f]{16}$/);
  const starts = EVENTS.filter((e) => e.type === "HAND_START").length;
  assert.equal(out.hands.length, starts);
  const end = EVENTS.at(-1)!;
  assert.equal(end.type, "MATCH_END");
  assert.deepEqual(out.match, { winner: end.winner, score: end.score, reason: end.reason });
  const scored = out.hands.filter((h: { result: unknown }) => h.result !== null);
  const results = EVENTS.filter((e) => e.type === "HAND_RESULT");
  assert.equal(scored.length, results.length);
  for (const [i, h] of scored.entries()) {
    const e = results[i];
    assert.deepEqual(h.result.awarded, e.score.awarded);
    assert.deepEqual(h.result.rules, e.score.rules);
    assert.match(h.contract.notation, /^(HOKUM [SHDC]|SUN|SUN\(ASHKAL\)) by [0-3]/);
  }
});

Deno.test("replay reads a record from standard input", async () => {
  const r = await runCli(["replay", "-"], TEXT);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).ok, true);
});

Deno.test("replay: an illegal card is rejected with its line and rule", async () => {
  // Find a recorded play that could have been replaced by a card the rules forbid.
  let found: { index: number; card: string } | null = null;
  for (let i = 0; i < EVENTS.length && !found; i++) {
    const e = EVENTS[i];
    if (e.type !== "PLAY") continue;
    const state = replay(EVENTS.slice(0, i));
    for (const card of state.hand!.hands[e.seat as Seat]) {
      const d = decide(state, { type: "PLAY", seat: e.seat, card: card! });
      if (!d.ok && d.code === "ILLEGAL_CARD") {
        found = { index: i, card: card! };
        break;
      }
    }
  }
  assert.ok(found, "the record has a play with an illegal alternative");
  const line = found.index + 2;
  const file = await tampered("illegal-card", (lines) => {
    lines[line - 1] = JSON.stringify({ ...EVENTS[found!.index], card: found!.card });
  });
  const r = await runCli(["replay", file]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.ok, false);
  assert.equal(out.line, line);
  assert.equal(out.eventType, "PLAY");
  assert.equal(out.code, "REJECTED");
  assert.match(out.rule, /^(T[2-6]|X4)$/);
  assert.match(out.message, /^ILLEGAL_CARD: /);
  assert.match(r.stderr, new RegExp(`line ${line} \\(PLAY\\): REJECTED, rule ${out.rule}`));
});

Deno.test("replay: a changed hand result is a wrong score", async () => {
  const line = lineOf((e) => e.type === "HAND_RESULT");
  const file = await tampered("wrong-score", (lines) => {
    const e = JSON.parse(lines[line - 1]);
    e.score.awarded = [e.score.awarded[0] + 1, e.score.awarded[1]];
    lines[line - 1] = JSON.stringify(e);
  });
  const r = await runCli(["replay", file]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.line, line);
  assert.equal(out.eventType, "HAND_RESULT");
  assert.equal(out.code, "WRONG_SCORE");
  assert.match(out.rule, /^(A[1-4]|Q[1-4]|X2)$/);
  assert.equal(out.expected.type, "HAND_RESULT");
  assert.match(r.stderr, new RegExp(`line ${line} \\(HAND_RESULT\\): WRONG_SCORE`));
});

Deno.test("replay: two cards swapped in a deal do not match the seed", async () => {
  const line = lineOf((e) => e.type === "DEAL_INITIAL", 20);
  const file = await tampered("swapped-deal", (lines) => {
    const e = JSON.parse(lines[line - 1]);
    [e.hands[0][0], e.hands[2][3]] = [e.hands[2][3], e.hands[0][0]];
    lines[line - 1] = JSON.stringify(e);
  });
  const r = await runCli(["replay", file]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.line, line);
  assert.equal(out.eventType, "DEAL_INITIAL");
  assert.equal(out.code, "DEAL_MISMATCH");
  assert.equal(out.rule, "L2");
});

Deno.test("replay: a changed seed reveal breaks the commitment", async () => {
  const reveal = lineOf((e) => e.type === "SEED_REVEAL");
  const file = await tampered("changed-seed", (lines) => {
    const e = JSON.parse(lines[reveal - 1]);
    e.seed = e.seed.slice(0, 63) + (e.seed[63] === "0" ? "1" : "0");
    lines[reveal - 1] = JSON.stringify(e);
  });
  const r = await runCli(["replay", file]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.code, "COMMITMENT_MISMATCH");
  assert.equal(out.rule, "L2");
  // The record keeps the seed the hand was dealt from, so the changed reveal is the culprit.
  assert.equal(out.line, reveal);
  assert.equal(out.eventType, "SEED_REVEAL");
});

Deno.test("replay: a record cut short is truncated", async () => {
  const file = await tampered("truncated", (lines) => void lines.pop());
  const r = await runCli(["replay", file]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.code, "TRUNCATED");
  assert.equal(out.line, LINES.length);
  assert.equal(out.eventType, null);
  assert.equal(out.expected.type, "MATCH_END");
});

Deno.test("replay: an unreadable record exits 2 naming the line and field", async () => {
  const line = lineOf((e) => e.type === "PLAY");
  const file = await tampered("bad-card", (lines) => {
    lines[line - 1] = JSON.stringify({ ...EVENTS[line - 2], card: "ZZ" });
  });
  const r = await runCli(["replay", file]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, new RegExp(`line ${line}: PLAY\\.card: "ZZ" is not a card`));

  const missing = await runCli(["replay", `${DIR}/nope.jsonl`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*nope\.jsonl: no such file/);

  const none = await runCli(["replay"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /usage: baloot replay FILE/);
});
