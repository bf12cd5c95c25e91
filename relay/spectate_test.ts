import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { type GameEvent, redact, replay } from "@baloot/rules";
import { gameKeys, parseEvent } from "@baloot/wire";
import { WatchClient } from "@baloot/client";
import {
  botPlayer,
  flushTestRedis,
  startServerProcess,
  testRedis,
  until,
} from "../server/_testing.ts";
import { findLeaks } from "../server/_leaks.ts";
import { startTestRelay } from "./_testing.ts";

/** This file's own Redis database. */
const REDIS = testRedis(2);

async function fullLog(redis: Redis, gameId: string): Promise<GameEvent[]> {
  const entries = await redis.xrange(gameKeys(gameId).events, "-", "+");
  return entries.map(([, f]) => parseEvent(JSON.parse(f[f.indexOf("e") + 1])) as GameEvent);
}

Deno.test(
  "a spectator watches a real match through the relay: in order, nothing hidden, counted, into the rematch",
  {
    sanitizeOps: false,
    sanitizeResources: false,
  },
  async () => {
    await flushTestRedis(REDIS);
    const redis = new Redis(REDIS);
    const relay = await startTestRelay(REDIS, { relayId: "relay-t" });
    const server = await startServerProcess({
      REDIS_URL: REDIS,
      BOT_DELAY_MS: "5",
      RELAY_URLS: relay.url,
    });
    try {
      // At a person's pace: a faster client is disconnected for flooding (20 messages a second).
      const player = botPlayer({ endpoints: [server.url], name: "Reem" });
      await player.quickPlay();
      const gameId = player.gameId!;

      // The game server says where to watch it.
      const where = await (await fetch(`${server.url}/api/watch/${gameId}`)).json();
      assert.deepEqual(where, { gameId, relay: relay.url, fallbacks: [] });
      const frames: string[] = [];
      const versions: number[] = [];
      let next: string | null = null;
      const watcher = new WatchClient({
        relay: where.relay,
        gameId,
        onFrame: (t) => frames.push(t),
        onEvent: (_e, v) => versions.push(v),
        onNext: (id) => (next = id),
      });
      await watcher.connect();
      const joinedAt = watcher.version;

      // The players and the lobby see the spectator.
      const viewers = () => Number((player.room?.state as { viewers?: number })?.viewers ?? 0);
      await until(() => viewers() === 1, 10_000, "the players to see one viewer");
      const listed = await (await fetch(`${server.url}/api/tables`)).json();
      const mine = listed.tables.find((t: { gameId: string }) => t.gameId === gameId);
      assert.equal(mine?.viewers, 1, "the lobby's listing counts viewers");

      await until(() => player.view?.phase === "OVER", 90_000, "the match to end");
      const full = await fullLog(redis, gameId);
      await until(() => watcher.version === full.length, 10_000, "the spectator to see the end");
      assert.deepEqual(
        versions,
        Array.from({ length: full.length - joinedAt }, (_, i) => joinedAt + i + 1),
        "every event once, in order",
      );
      assert.deepEqual(watcher.state, replay(full.map((e) => redact(e, "spectator"))));
      const leaks = findLeaks(
        full,
        frames.map((text) => {
          const body = JSON.parse(text);
          return { seat: "spectator" as const, type: body.type, body };
        }),
      );
      assert.deepEqual(leaks, [], "no frame held a card the public did not know");

      // A rematch: the spectator is told where the table went on.
      await until(() => player.status === "connected", 10_000, "the player's connection");
      player.rematch();
      await until(() => player.gameId !== gameId, 10_000, "the rematch to start");
      await until(() => next !== null, 10_000, "the spectator to hear of the rematch");
      assert.equal(next, player.gameId);
      watcher.close();
      await player.leave();
    } finally {
      await server.stop();
      await relay.stop();
      redis.disconnect();
    }
  },
);
