import assert from "node:assert/strict";
import { legalCommands } from "@baloot/rules";
import { type ClientCommand, TableClient } from "@baloot/client";
import { flushTestRedis, startServerProcess, testRedis, until } from "./_testing.ts";

/** This file's own Redis database. */
const REDIS = testRedis(14);

type SeatView = { autopilot: boolean; connected: boolean };
const seatState = (c: TableClient, seat: number) =>
  (c.room?.state as unknown as { seats: SeatView[] }).seats[seat];

Deno.test("a silent player's turns time out to the fallback bot; after three a bot takes the seat", async () => {
  await flushTestRedis(REDIS);
  const server = await startServerProcess({ REDIS_URL: REDIS, TURN_MS: "300", CALL_MS: "300" });
  try {
    // A player who never moves: every one of its turns runs out.
    const idle = new TableClient({ endpoints: [server.url], name: "Idle" });
    await idle.quickPlay();
    await until(() => seatState(idle, 0)?.autopilot === true, 60_000, "the autopilot");
    const before = idle.version;
    await until(() => idle.version > before + 20, 30_000, "play going on without the player");
    // The player comes back to life: its next legal move is accepted and the autopilot stops.
    // The move is taken in the same look as the turn: the view may move on before `until` returns.
    let move: ReturnType<typeof legalCommands>[number] | undefined;
    await until(
      () => {
        const view = idle.view;
        if (view?.hand?.toAct !== 0 || view.phase === "OVER") return false;
        [move] = legalCommands(view, 0);
        return move !== undefined;
      },
      60_000,
      "its turn",
    );
    const { seat: _, ...command } = move!;
    const reply = await idle.send(command as ClientCommand);
    if (reply.ok) {
      await until(
        () => seatState(idle, 0)?.autopilot === false,
        5_000,
        "the human back in control",
      );
    } else {
      // The autopilot may have moved first; the refusal must then name the rules' reason (when
      // it played that very card and the seat is on turn again, the card is no longer held).
      assert.ok(["WRONG_TURN", "WRONG_PHASE", "NOT_IN_HAND"].includes(reply.code), reply.code);
    }
    await idle.leave();
  } finally {
    await server.stop();
  }
});

Deno.test("a player gone past the reconnection window is replaced by a bot and can return", async () => {
  await flushTestRedis(REDIS);
  // Bots at a measured pace, so the match is still on when the player returns.
  const server = await startServerProcess({
    REDIS_URL: REDIS,
    RECONNECT_SECONDS: "1",
    BOT_DELAY_MS: "50",
  });
  try {
    const p = new TableClient({ endpoints: [server.url], name: "Gone", autoResume: false });
    await p.quickPlay();
    await until(() => p.view?.phase !== "NEW", 10_000, "the start");
    const { gameId, seatToken } = p;
    const droppedAt = p.version;
    p.room!.reconnection.enabled = false;
    (p.room!.connection as unknown as { transport: { ws: WebSocket } }).transport.ws.close(4010);
    // The seat is held for a second, then a bot plays it and the match goes on.
    const watcher = new TableClient({ endpoints: [server.url], name: "Back" });
    await until(() => p.status === "closed", 5_000, "the drop");
    await new Promise((r) => setTimeout(r, 2_500));
    await watcher.resume(gameId!, seatToken!);
    assert.equal(watcher.seat, 0, "the seat token opens the same seat");
    assert.equal(seatState(watcher, 0)?.autopilot, false, "back in control");
    assert.ok(watcher.version > droppedAt + 10, "a bot played the seat while it was empty");
    await watcher.leave();
  } finally {
    await server.stop();
  }
});
