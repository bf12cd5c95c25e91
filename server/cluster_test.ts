import assert from "node:assert/strict";
import type { GameEvent, Seat, SeatCommand } from "@baloot/rules";
import { verify } from "@baloot/rules";
import type { TableClient } from "@baloot/client";
import { decodeRecord } from "@baloot/wire";
import { findLeaks, type Frame } from "./_leaks.ts";
import {
  botPlayer,
  flushTestRedis,
  seatPrivateTable,
  type ServerProcess,
  startServerProcess,
  testRedis,
  until,
} from "./_testing.ts";

/** This file's own Redis database. */
const REDIS = testRedis(11);

/** Four bot-driven players, every frame they receive recorded with their seat. */
function players(endpoints: (i: number) => string[], frames: Frame[], acks: Acked[][]) {
  return [0, 1, 2, 3].map((i) => {
    acks[i] = [];
    const p: TableClient = botPlayer({
      endpoints: endpoints(i),
      name: `Player ${i + 1}`,
      onFrame: (type, body) => frames.push({ seat: p.seat ?? (-1 as Seat), type, body }),
    });
    const send = p.send.bind(p);
    p.send = async (command) => {
      const r = await send(command);
      if (r.ok) acks[i].push({ command, v: r.v });
      return r;
    };
    return p;
  });
}

interface Acked {
  readonly command: Omit<SeatCommand, "seat">;
  readonly v: number;
}

async function readRecord(dir: string, gameId: string): Promise<GameEvent[]> {
  const path = `${dir}/${gameId}.jsonl`;
  await until(
    () => {
      try {
        return Deno.statSync(path).isFile;
      } catch {
        return false;
      }
    },
    10_000,
    "the archived record",
  );
  const record = decodeRecord(await Deno.readTextFile(path));
  if ("error" in record) throw new Error(record.error);
  return record.events;
}

/** Every acknowledged command is in the record once, in order, at or before its ack's version. */
function assertAcksRecorded(events: readonly GameEvent[], seat: Seat, acks: readonly Acked[]) {
  let from = 0;
  for (const { command, v } of acks) {
    const want = JSON.stringify({ ...command, seat });
    let found = -1;
    for (let i = from; i < v && i < events.length; i++) {
      const e = events[i] as unknown as Record<string, unknown>;
      const asCommand = e.type === "PROJECT_DECLARE"
        ? { type: "DECLARE", seat: e.seat }
        : { ...e, ...(e.type === "BID" ? { round: undefined } : {}) };
      if (sameCommand(asCommand, JSON.parse(want))) {
        found = i;
        break;
      }
    }
    assert.ok(found >= 0, `seat ${seat}'s acknowledged ${want} (ack v${v}) is in the record`);
    from = found + 1;
  }
}

function sameCommand(event: Record<string, unknown>, command: Record<string, unknown>): boolean {
  for (const [k, value] of Object.entries(command)) {
    if (k === "projects") continue; // declarations are matched by seat and type
    if (JSON.stringify(event[k]) !== JSON.stringify(value)) return false;
  }
  return event.type === command.type;
}

async function twoServers(
  env: Record<string, string> = {},
): Promise<[ServerProcess, ServerProcess, string]> {
  await flushTestRedis(REDIS);
  const archive = await Deno.makeTempDir({ prefix: "baloot-cluster-" });
  const a = await startServerProcess({ REDIS_URL: REDIS, ARCHIVE_DIR: archive, ...env });
  const b = await startServerProcess({ REDIS_URL: REDIS, ARCHIVE_DIR: archive, ...env });
  return [a, b, archive];
}

Deno.test("four players on two server processes share a private table and finish a match", async () => {
  const [a, b, archive] = await twoServers();
  const frames: Frame[] = [];
  const acks: Acked[][] = [];
  try {
    const ps = players((i) => (i === 0 ? [a.url] : [b.url]), frames, acks);
    await seatPrivateTable(ps, { profile: "KM", target: 101 });
    assert.deepEqual(ps.map((p) => p.seat), [0, 1, 2, 3]);
    ps[0].start();
    await until(() => ps.every((p) => p.view?.phase === "OVER"), 90_000, "all four to see the end");
    const events = await readRecord(archive, ps[0].gameId!);
    const checked = verify(events);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.equal(checked.state.profile?.id, "KM");
    for (const [i, p] of ps.entries()) {
      assert.deepEqual(p.view!.score, checked.state.score, `player ${i} has the final score`);
      assert.equal(p.version, events.length);
      assertAcksRecorded(events, i as Seat, acks[i]);
    }
    assert.deepEqual(findLeaks(events, frames), []);
    await Promise.all(ps.map((p) => p.leave()));
  } finally {
    await a.stop();
    await b.stop();
  }
});

Deno.test("a dropped connection reconnects mid-hand and the match carries on", async () => {
  const [a, b, archive] = await twoServers();
  const frames: Frame[] = [];
  const acks: Acked[][] = [];
  try {
    const [p] = players(() => [a.url], frames, acks);
    await p.quickPlay();
    await until(() => (p.view?.hand?.tricks.length ?? 0) >= 2, 30_000, "trick 2");
    let reconnected = false;
    p.room!.onReconnect(() => (reconnected = true));
    // Drop the socket with "may try to reconnect" (4010): both sides treat it as a lost
    // connection, as they would a network failure, not as leaving.
    (p.room!.connection as unknown as { transport: { ws: WebSocket } }).transport.ws.close(4010);
    await until(() => reconnected, 10_000, "the reconnection");
    await until(() => p.view?.phase === "OVER", 90_000, "the end of the match");
    const events = await readRecord(archive, p.gameId!);
    assert.ok(verify(events).ok);
    assert.equal(p.version, events.length, "nothing missed across the drop");
    assertAcksRecorded(events, p.seat!, acks[0]);
    assert.deepEqual(findLeaks(events, frames), []);
    await p.leave();
  } finally {
    await a.stop();
    await b.stop();
  }
});

Deno.test("kill -9 of the hosting process mid-hand: another process resumes the table, nothing lost", async () => {
  const [a, b, archive] = await twoServers();
  const frames: Frame[] = [];
  const acks: Acked[][] = [];
  try {
    const ps = players(() => [a.url, b.url], frames, acks);
    await seatPrivateTable(ps);
    ps[0].start();
    await until(
      () => (ps[0].view?.hand?.tricks.length ?? 0) >= 3,
      30_000,
      "trick 3 of the first hand",
    );
    // Matchmaking places a room on the least busy process: find the one hosting this table.
    const urlOf = (p: TableClient) => (p.room!.connection as unknown as { url: string }).url;
    const [host, other] = urlOf(ps[0]).includes(`:${a.port}/`) ? [a, b] : [b, a];
    const killedAt = Date.now();
    await host.stop("SIGKILL");
    await until(
      () => ps.every((p) => p.moves === 1 && p.status === "connected"),
      15_000,
      "all four back",
    );
    assert.ok(urlOf(ps[0]).includes(`:${other.port}/`), "the table lives on the other process");
    const resumedMs = Date.now() - killedAt;
    console.log(`resumed on the other process ${resumedMs} ms after kill -9`);
    assert.ok(resumedMs < 10_000);
    await until(() => ps.every((p) => p.view?.phase === "OVER"), 120_000, "the end of the match");
    const events = await readRecord(archive, ps[0].gameId!);
    const checked = verify(events);
    assert.ok(checked.ok, JSON.stringify(checked));
    for (const [i, p] of ps.entries()) {
      assert.equal(p.version, events.length, `player ${i} saw every event`);
      assertAcksRecorded(events, i as Seat, acks[i]);
    }
    assert.deepEqual(findLeaks(events, frames), []);
    await Promise.all(ps.map((p) => p.leave()));
  } finally {
    await a.stop("SIGKILL");
    await b.stop();
  }
});
