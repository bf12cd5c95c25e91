import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { BRAIN_GROUP, BRAIN_REQUESTS } from "@baloot/wire";
import { botPlayer, flushTestRedis, startServerProcess, testRedis, until } from "./_testing.ts";

/** This file's own Redis database. */
const REDIS = testRedis(12);

/** Starts a Brain worker process on the test database. */
function startBrainWorker(): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../brain/main.ts", import.meta.url).pathname],
    env: { REDIS_URL: REDIS, BRAIN_WORKER: "test-brain" },
    stdout: "null",
    stderr: "null",
  }).spawn();
}

Deno.test("bot seats play through the Brain over Redis", async () => {
  await flushTestRedis(REDIS);
  const worker = startBrainWorker();
  // A slow fallback: if bots did not get the Brain's answers the match could not end in time.
  const server = await startServerProcess({ REDIS_URL: REDIS, BRAIN: "on", BRAIN_MS: "4000" });
  const redis = new Redis(REDIS);
  try {
    const player = botPlayer({ endpoints: [server.url], name: "Huda" });
    await player.quickPlay();
    await until(() => player.view?.phase === "OVER", 90_000, "the match against Brain bots");
    const groups = await redis.xinfo("GROUPS", BRAIN_REQUESTS) as unknown[][];
    const group = groups.map((g) => Object.fromEntries(chunk(g))).find((g) =>
      g.name === BRAIN_GROUP
    );
    assert.ok(group, "the Brain's consumer group exists");
    assert.ok(
      Number(group["entries-read"]) > 50,
      `the Brain answered bot turns (${group["entries-read"]})`,
    );
    assert.equal(Number(group.pending), 0, "every request was acknowledged");
    await player.leave();
  } finally {
    redis.disconnect();
    worker.kill("SIGTERM");
    await worker.status;
    await server.stop();
  }
});

Deno.test("with no Brain worker running, the fallback bot keeps the table moving", async () => {
  await flushTestRedis(REDIS);
  const server = await startServerProcess({ REDIS_URL: REDIS, BRAIN: "on", BRAIN_MS: "30" });
  try {
    const player = botPlayer({ endpoints: [server.url], name: "Saad" });
    await player.quickPlay();
    await until(() => player.view?.phase === "OVER", 90_000, "the match with fallback bots");
    await player.leave();
  } finally {
    await server.stop();
  }
});

function chunk(list: unknown[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push([String(list[i]), list[i + 1]]);
  return out;
}
