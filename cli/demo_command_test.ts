import assert from "node:assert/strict";
import { runCli } from "./_run.ts";

Deno.test("demo plays one whole match, told readably, reproducible by seed", async () => {
  const r = await runCli(["demo", "--seed", "demo-test", "--bots", "random,random"]);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  assert.match(
    out,
    /Hand 1 · dealer (South|East|North|West) · face-up card (7|8|9|10|J|Q|K|A)[♠♥♦♣]/,
  );
  assert.match(out, /(South|East|North|West): Pass \(بس\)/);
  assert.match(out, /Contract: (Hokum [♠♥♦♣] \(حكم\)|Sun \(صن\)|Ashkal \(أشكل\), a Sun) bought by/);
  assert.match(out, /Trick {2}1: \w+ \S+[♠♥♦♣] · \w+ \S+ · \w+ \S+ · \w+ \S+ {2}→ \w+ \+\d+/);
  assert.match(out, /awarded South–North \d+, East–West \d+ {3}\[rules R1 /);
  assert.match(out, /Match score: South–North \d+, East–West \d+/);
  assert.match(out, /\nWinner: (South–North|East–West)(| by Gahwa \(قهوة\))\. Final score:/);
  assert.doesNotMatch(out, /\b[2-9TJQKA][SHDC]\b/, "cards are printed with suit symbols");
  const again = await runCli(["demo", "--seed", "demo-test", "--bots", "random,random", "--fast"]);
  assert.equal(again.stdout, out);
});

Deno.test("demo rejects bad options", async () => {
  const r = await runCli(["demo", "--profile", "Z"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--profile: expected R or KM, got "Z"/);
  const f = await runCli(["demo", "--fast=yes"]);
  assert.equal(f.code, 2);
  assert.match(f.stderr, /--fast takes no value/);
});
