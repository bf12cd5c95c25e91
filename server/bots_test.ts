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

Deno.test("quick play at a chosen level: its bots ask the Brain at that level, and levels do not share tables", async () => {
  await flushTestRedis(REDIS);
  const worker = startBrainWorker();
  const server = await startServerProcess({ REDIS_URL: REDIS, BRAIN: "on", BRAIN_MS: "4000" });
  const redis = new Redis(REDIS);
  try {
    const expert = botPlayer({ endpoints: [server.url], name: "Nora" });
    await expert.quickPlay(3);
    const casual = botPlayer({ endpoints: [server.url], name: "Fahd" });
    await casual.quickPlay(1);
    assert.notEqual(casual.gameId, expert.gameId, "a level 1 player gets another table");
    const seats = (expert.room!.state as unknown as { seats: { level: number }[] }).seats;
    await until(() => expert.view?.phase === "PLAY", 30_000, "play at the expert table");
    assert.deepEqual([1, 2, 3].map((s) => seats[s].level), [3, 3, 3]);
    // The Brain was asked at each table's level.
    const levels = async (gameId: string) =>
      (await redis.xrange(BRAIN_REQUESTS, "-", "+"))
        .map(([, f]) => JSON.parse(f[1]) as { gameId: string; level: number })
        .filter((r) => r.gameId === gameId).map((r) => r.level);
    await until(() => (expert.view?.hand?.tricks.length ?? 0) >= 2, 60_000, "two tricks");
    const asked = await levels(expert.gameId!);
    assert.ok(asked.length > 5 && asked.every((l) => l === 3), JSON.stringify(asked));
    const other = await levels(casual.gameId!);
    assert.ok(other.every((l) => l === 1), JSON.stringify(other));
    await expert.leave();
    await casual.leave();
  } finally {
    redis.disconnect();
    worker.kill("SIGTERM");
    await worker.status;
    await server.stop();
  }
});
