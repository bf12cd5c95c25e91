import assert from "node:assert/strict";
import { Redis } from "ioredis";
import {
  deriveSeed,
  driveMatch,
  type GameState,
  legalCommands,
  PROFILE_R,
  SEATS,
  viewFor,
} from "@baloot/rules";
import { type BrainReply, type BrainRequest, parseBrainReply } from "@baloot/wire";
import { requestFor } from "./_testing.ts";
import { seatChooser } from "./policy.ts";
import { RedisQueue } from "./redis_queue.ts";
import { RedisBrainStore } from "./redis_store.ts";
import { reflexKey } from "./reflex.ts";
import { POLICIES } from "./registry.ts";
import { DEFAULT_PARAMS, levelPolicies, parseBrainParams } from "./version.ts";
import { BrainWorker } from "./worker.ts";

/** This file's own Redis database. */
const REDIS_URL = "redis://127.0.0.1:6379/5";

const BIDS: GameState[] = (() => {
  const out: GameState[] = [];
  const bots = seatChooser(SEATS.map((s) => POLICIES.level1(`store:${s}`)));
  driveMatch(
    { profile: PROFILE_R, dealer: 2, seedFor: (n) => deriveSeed("brain-store", n) },
    (state, seat, legal) => {
      if (state.phase === "BIDDING" && legal.length > 1) out.push(state);
      return bots(state, seat, legal);
    },
  );
  return out;
})();

async function eventually(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function repliesOn(redis: Redis, stream: string): Promise<BrainReply[]> {
  const entries = await redis.xrange(stream, "-", "+");
  return entries.map(([, f]) => parseBrainReply(JSON.parse(f[1])) as BrainReply);
}

Deno.test("the reflex cache answers a repeated information set from Redis, and junk in it is ignored", async () => {
  const base = `test:reflex:${crypto.randomUUID()}`;
  const redis = new Redis(REDIS_URL);
  const store = new RedisBrainStore(REDIS_URL, { prefix: `${base}:cache:` });
  const queue = new RedisQueue({
    url: REDIS_URL,
    consumer: "w-reflex",
    stream: `${base}:requests`,
    deadLetters: `${base}:dead`,
    blockMs: 100,
    log: () => {},
  });
  const worker = new BrainWorker(queue, { worker: "w-reflex", cache: store, log: () => {} });
  const replies = `${base}:replies`;
  const running = worker.run();
  try {
    await store.ready();
    await eventually("the group", async () => (await redis.exists(`${base}:requests`)) === 1);
    const state = BIDS[0];
    const send = async (r: BrainRequest) => {
      await redis.xadd(`${base}:requests`, "*", "r", JSON.stringify(r));
    };
    await send(requestFor(state, replies));
    await eventually("the first answer", async () => (await redis.xlen(replies)) === 1);
    // Another game reaching the same information set: answered from the cache.
    const again = requestFor(state, replies);
    await send(again);
    await eventually("the second answer", async () => (await redis.xlen(replies)) === 2);
    assert.deepEqual([worker.stats.cacheMisses, worker.stats.cacheHits], [1, 1]);
    const [first, second] = await repliesOn(redis, replies);
    assert.deepEqual(second.command, first.command);
    const key = reflexKey(again, "v0");
    assert.deepEqual(JSON.parse((await store.get(key))!), first.command);
    assert.ok((await redis.ttl(`${base}:cache:${key}`)) > 3000, "the entry expires");
    // Junk, or a move that is not legal here, is not played: the bot thinks instead.
    const legal = legalCommands(state, state.hand!.toAct!);
    for (
      const [i, junk] of ["{not json", JSON.stringify({ type: "PLAY", seat: 0, card: "AS" })]
        .entries()
    ) {
      await store.set(key, junk);
      await send(requestFor(state, replies));
      await eventually("the answer to junk", async () => (await redis.xlen(replies)) === 3 + i);
    }
    const all = await repliesOn(redis, replies);
    for (const r of all.slice(2)) {
      assert.ok(legal.some((c) => JSON.stringify(c) === JSON.stringify(r.command)));
    }
    assert.deepEqual([worker.stats.cacheMisses, worker.stats.cacheHits], [3, 1]);
  } finally {
    await worker.stop();
    await running;
    await queue.close();
    await store.close();
    const keys = await redis.keys(`${base}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
});

Deno.test("a running worker switches to a newly published version without a restart", async () => {
  const base = `test:versions:${crypto.randomUUID()}`;
  const redis = new Redis(REDIS_URL);
  await redis.del("brain:version:current", "brain:versions", "brain:version:seq");
  // A bold version that bids on anything; find a decision where it differs from the built-in.
  const bold = parseBrainParams({ heuristic: { hokumBid: 0, sunBid: 0, sunStrong: 0 } });
  assert.notEqual(typeof bold, "string");
  const params = bold as typeof DEFAULT_PARAMS;
  const choice = (p: typeof DEFAULT_PARAMS, s: GameState) => {
    const seat = s.hand!.toAct!;
    const view = viewFor(s, seat);
    return JSON.stringify(levelPolicies(p)[1]("x")(view, seat, legalCommands(view, seat)));
  };
  const state = BIDS.find((s) => choice(DEFAULT_PARAMS, s) !== choice(params, s))!;
  assert.ok(state, "a decision the versions disagree on");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname],
    env: {
      REDIS_URL,
      BRAIN_WORKER: "w-versions",
      BRAIN_REQUESTS: `${base}:requests`,
      BRAIN_DEAD_LETTERS: `${base}:dead`,
      BRAIN_VERSION_POLL_MS: "100",
      BRAIN_REFLEX: "off",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const store = new RedisBrainStore(REDIS_URL);
  const replies = `${base}:replies`;
  try {
    await store.ready();
    await eventually("the group", async () => (await redis.exists(`${base}:requests`)) === 1);
    const ask = async () => {
      const n = await redis.xlen(replies);
      await redis.xadd(`${base}:requests`, "*", "r", JSON.stringify(requestFor(state, replies)));
      await eventually("an answer", async () => (await redis.xlen(replies)) === n + 1);
      return JSON.stringify((await repliesOn(redis, replies)).at(-1)!.command);
    };
    assert.equal(await ask(), choice(DEFAULT_PARAMS, state), "v0 plays the built-in parameters");
    const v = await store.publish(params, { note: "test" });
    assert.equal(v.id, "v1");
    assert.equal((await store.current())!.id, "v1");
    await eventually("the new version's move", async () => (await ask()) === choice(params, state));
  } finally {
    child.kill("SIGTERM");
    const out = await child.output();
    const text = new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 0, text);
    assert.match(text, /playing brain version v1/);
    await store.close();
    const keys = await redis.keys(`${base}*`);
    if (keys.length) await redis.del(...keys);
    await redis.del("brain:version:current", "brain:versions", "brain:version:seq");
    await redis.quit();
  }
});
