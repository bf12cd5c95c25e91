import assert from "node:assert/strict";
import { verify } from "@baloot/rules";
import { decodeRecord } from "@baloot/wire";
import { botPlayer, flushTestRedis, startServerProcess, testRedis, until } from "./_testing.ts";

/** This file's own Redis database. */
const REDIS = testRedis(10);

Deno.test("quick play: one player, three bots, a whole match to the archived record", async () => {
  await flushTestRedis(REDIS);
  const server = await startServerProcess({ REDIS_URL: REDIS });
  try {
    const player = botPlayer({ endpoints: [server.url], name: "Amal" });
    await player.quickPlay();
    await until(() => player.view?.phase === "OVER", 60_000, "the match to end");
    assert.equal(player.seat, 0);
    const dir = (server as unknown as { archiveDir: string }).archiveDir;
    await until(
      () => {
        try {
          Deno.statSync(`${dir}/${player.gameId}.jsonl`);
          return true;
        } catch {
          return false;
        }
      },
      5_000,
      "the archive",
    );
    const record = decodeRecord(await Deno.readTextFile(`${dir}/${player.gameId}.jsonl`));
    assert.ok(!("error" in record), JSON.stringify(record));
    const checked = verify(record.events);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.equal(checked.state.version, player.version, "the client saw every event");
    assert.deepEqual(checked.state.score, player.view!.score);
    await player.leave();
  } finally {
    await server.stop();
  }
});
