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

Deno.test("the lobby lists quick-play tables; a rematch starts a new match at the same seats", async () => {
  await flushTestRedis(REDIS);
  const server = await startServerProcess({ REDIS_URL: REDIS, QUICK_FILL_MS: "1500" });
  try {
    const player = botPlayer({ endpoints: [server.url], name: "Noura" });
    await player.quickPlay();
    const listed = await (await fetch(`${server.url}/api/tables`)).json();
    const table = listed.tables.find((t: { gameId: string }) => t.gameId === player.gameId);
    assert.ok(table, "the waiting table is listed");
    assert.equal(table.started, false);
    assert.equal(table.players[0].name, "Noura");
    await until(() => player.view?.phase === "OVER", 90_000, "the first match");
    const first = player.gameId;
    const token = player.seatToken;
    player.rematch();
    await until(
      () => player.gameId !== first && player.view != null && player.view.phase !== "NEW",
      10_000,
      "the rematch",
    );
    assert.equal(player.seat, 0);
    assert.equal(player.seatToken, token, "the same seat token");
    assert.ok(player.view!.handsPlayed >= 1);
    await player.leave();
  } finally {
    await server.stop();
  }
});
