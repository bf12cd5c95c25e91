import assert from "node:assert/strict";
import { arenaCommand } from "./arena_command.ts";
import { publishCommand } from "./publish_command.ts";
import { Redis } from "ioredis";
import { RedisBrainStore } from "@baloot/brain/redis_store";

/** Runs `f` with console.error and console.log silenced; returns what it printed and its result. */
async function quietly(f: () => Promise<number>): Promise<{ code: number; said: string }> {
  const said: string[] = [];
  const { error, log } = console;
  console.error = console.log = (...a: unknown[]) => void said.push(a.join(" "));
  try {
    return { code: await f(), said: said.join("\n") };
  } finally {
    Object.assign(console, { error, log });
  }
}

Deno.test("arena and publish refuse bad options with exit code 2 and the usage", async () => {
  for (
    const [args, why] of [
      [["--a", "level1", "--b", "nobody"], "unknown policy nobody"],
      [["--a", "level1", "--b", "random", "--pairs", "x"], "--pairs: expected a whole number"],
      [["--a", "level1", "--b", "random", "--pairs", "1"], "--pairs: 2 or more"],
      [["--a", "level1", "--b", "random", "--profile", "Q"], "--profile: R or KM"],
      [["--a", "level1", "--c", "x"], "unknown option --c"],
    ] as const
  ) {
    const r = await quietly(() => arenaCommand(args));
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.said, new RegExp(why.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    assert.match(r.said, /usage: deno task arena/);
  }
  for (const args of [["--level", "4", "--candidate", "x.json"], ["--candidate"], ["stray"]]) {
    const r = await quietly(() => publishCommand(args));
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.said, /usage: deno task brain:publish/);
  }
});

Deno.test("the arena plays duplicate pairs and ends with a JSON line of figures", async () => {
  const r = await quietly(() =>
    arenaCommand(["--a", "level1", "--b", "random", "--pairs", "2", "--threads", "1"])
  );
  assert.equal(r.code, 0, r.said);
  const last = JSON.parse(r.said.trim().split("\n").at(-1)!);
  assert.equal(last.pairs, 2);
  assert.equal(last.a, "level1");
  assert.ok(last.gp_per_deal > 0, "the heuristic bot beats the random one");
  // Where they parted: the calls, first of all (a random bot calls at random).
  assert.match(r.said, /first parted in a hand/);
  assert.match(r.said, /\n {4}call +\d+ {2}[+-]\d+\.\d\d ± \d+\.\d\d\n/);
});

Deno.test("publish: a candidate that plays as the current version does is not published", async () => {
  const url = "redis://127.0.0.1:6379/6"; // this test's own database
  const redis = new Redis(url);
  await redis.flushdb();
  const store = new RedisBrainStore(url);
  await store.ready();
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    // Empty parameters: the built-in ones, so every pair of the SPRT ties.
    await Deno.writeTextFile(file, "{}");
    Deno.env.set("REDIS_URL", url);
    const r = await quietly(() =>
      publishCommand(["--candidate", file, "--level", "1", "--threads", "1", "--seed", "same"])
    );
    assert.equal(r.code, 1, r.said);
    assert.match(r.said, /not published: it played as v0 did in all 50 pairs/);
    assert.deepEqual(await store.history(), []);
  } finally {
    Deno.env.delete("REDIS_URL");
    await Deno.remove(file);
    await store.close();
    await redis.flushdb();
    redis.disconnect();
  }
});
