import assert from "node:assert/strict";
import { legalCommands } from "@baloot/rules";
import { type ClientCommand, TableClient } from "@baloot/client";
import { Redis } from "ioredis";
import { gameKeys } from "@baloot/wire";
import { startRedisServer, startServerProcess, until } from "./_testing.ts";

const hasRedis = (() => {
  try {
    return Deno.statSync("/usr/bin/redis-server").isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name:
    "Redis killed mid-hand: moves get a clear error, nothing acknowledged is lost, play resumes",
  ignore: !hasRedis,
  async fn() {
    const port = 33000 + Math.floor(Math.random() * 1000);
    const dir = await Deno.makeTempDir({ prefix: "baloot-redis-" });
    let redis = await startRedisServer(port, dir);
    const server = await startServerProcess({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      LEASE_MS: "2000",
      BOT_DELAY_MS: "100",
      CALL_MS: "200", // the player's calls time out to the fallback bot: this test plays cards
    });
    const acked: number[] = [];
    try {
      const p = new TableClient({ endpoints: [server.url], name: "Rana" });
      await p.quickPlay();
      const myTurn = () => p.view?.phase === "PLAY" && p.view.hand?.toAct === p.seat;
      const move = async () => {
        const [m] = legalCommands(p.view!, p.seat!).filter((c) => c.type === "PLAY");
        const { seat: _, ...command } = m;
        return await p.send(command as ClientCommand);
      };
      // Play a few cards normally.
      for (let i = 0; i < 2; i++) {
        await until(myTurn, 30_000, "the player's turn");
        const r = await move();
        assert.ok(r.ok, JSON.stringify(r));
        acked.push(r.v);
      }
      await until(myTurn, 30_000, "the player's turn");
      const before = p.version;
      redis.kill("SIGKILL");
      await redis.status;
      const refused = await move();
      assert.ok(!refused.ok);
      assert.equal(refused.code, "UNAVAILABLE", "a clear error: the move could not be recorded");
      assert.equal(p.version, before, "nothing changed");
      redis = await startRedisServer(port, dir);
      // The server reconnects by itself; the same move is then accepted.
      let accepted = false;
      await until(() => accepted, 20_000, "the move to be accepted after the restart").catch(
        () => {},
      );
      for (let i = 0; i < 40 && !accepted; i++) {
        await new Promise((r) => setTimeout(r, 250));
        if (!myTurn()) {
          await until(myTurn, 30_000, "the player's turn");
        }
        const r = await move();
        if (r.ok) {
          accepted = true;
          acked.push(r.v);
        }
      }
      assert.ok(accepted, "play resumed after Redis came back");
      // Every acknowledged version survived the crash in the durable log.
      const r = new Redis(port);
      const length = await r.xlen(gameKeys(p.gameId!).events);
      r.disconnect();
      for (const v of acked) {
        assert.ok(v <= length, `acknowledged version ${v} is in the log (${length})`);
      }
      await p.leave();
    } finally {
      await server.stop();
      redis.kill("SIGKILL");
      await redis.status;
    }
  },
});
