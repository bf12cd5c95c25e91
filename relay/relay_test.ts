import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { type GameEvent, type GameState, redact, replay } from "@baloot/rules";
import { gameKeys, MAX_HISTORY_EVENTS, WATCH_CLOSE } from "@baloot/wire";
import { WatchClient } from "@baloot/client";
import { flushTestRedis, startRedisServer, testRedis, until } from "../server/_testing.ts";
import { findLeaks } from "../server/_leaks.ts";
import { GameWriter, recordedMatch, startTestRelay } from "./_testing.ts";
import { defaultMaxSpectators, type RelayConfig } from "./config.ts";
import type { RunningRelay } from "./main.ts";

/** This file's own Redis database. */
const REDIS = testRedis(3);
const opts = { sanitizeOps: false, sanitizeResources: false };
const MATCH = recordedMatch("relay-1");
const publicEvents = (events: readonly GameEvent[]) => events.map((e) => redact(e, "spectator"));

/** Runs `body` on a flushed database with a Redis connection and relays started with `configs`. */
async function withRelays(
  configs: readonly Partial<RelayConfig>[],
  body: (redis: Redis, relays: RunningRelay[]) => Promise<void>,
): Promise<void> {
  await flushTestRedis(REDIS);
  const redis = new Redis(REDIS);
  const relays: RunningRelay[] = [];
  try {
    for (const c of configs) relays.push(await startTestRelay(REDIS, c));
    await body(redis, relays);
  } finally {
    for (const r of relays) await r.stop();
    redis.disconnect();
  }
}

/** A spectator that records every frame and the versions of the events it folded. */
function spectator(
  relay: string,
  gameId: string,
  view: "live" | "full" = "live",
  fallbacks: string[] = [],
) {
  const frames: { text: string; at: number }[] = [];
  const versions: number[] = [];
  const next: string[] = [];
  const client = new WatchClient({
    relay,
    fallbacks,
    gameId,
    view,
    onFrame: (text) => frames.push({ text, at: Date.now() }),
    onEvent: (_e, v) => versions.push(v),
    onNext: (id) => next.push(id),
  });
  return { client, frames, versions, next };
}

/** Appends the match a few events at a time, like a table in play. */
async function play(w: GameWriter, step = 7, pauseMs = 5): Promise<void> {
  while ((await w.append(step)) > 0) await new Promise((r) => setTimeout(r, pauseMs));
}

Deno.test(
  "spectators on two relays see the whole match in order, gap-free after a drop, with nothing hidden",
  opts,
  async () => {
    await withRelays([{ relayId: "relay-a" }, { relayId: "relay-b" }], async (redis, [a, b]) => {
      const w = new GameWriter(redis, "g1", MATCH);
      await w.create();
      await w.append(3);
      const s1 = spectator(a.url, "g1");
      const s2 = spectator(b.url, "g1");
      const s3 = spectator(a.url, "g1");
      await Promise.all([s1.client.connect(), s2.client.connect(), s3.client.connect()]);
      assert.equal(s1.client.version, 3, "joined mid-game: a snapshot at the current version");
      assert.deepEqual(s1.client.seats.map((s) => s.name), ["Amal", "Badr", "Dana", "Fahd"]);
      assert.ok(!s1.frames[0].text.includes("tokenHash"), "seat token hashes stay on the server");

      // Viewer counts add up over both relays, in Redis and in what spectators are told.
      await until(() => s1.client.viewers === 3 && s2.client.viewers === 3, 5_000, "3 viewers");

      const playing = play(w);
      await until(() => s3.client.version > 100, 10_000, "s3 to see some play");
      s3.client.dropConnection();
      await until(() => s3.client.status === "reconnecting", 5_000, "s3 to notice the drop");
      await playing;
      const n = MATCH.length;
      await until(
        () => [s1, s2, s3].every((s) => s.client.version === n),
        10_000,
        "every spectator at the last event",
      );
      const expected = replay(publicEvents(MATCH));
      for (const s of [s1, s2, s3]) {
        assert.deepEqual(
          s.client.state,
          expected as GameState,
          "the folded state is the public game",
        );
        assert.equal(s.client.state?.phase, "OVER");
      }
      const contiguous = Array.from({ length: n - 3 }, (_, i) => i + 4);
      assert.deepEqual(s1.versions, contiguous, "relay A: every event once, in order");
      assert.deepEqual(s2.versions, contiguous, "relay B: the same");
      assert.deepEqual(s3.versions, contiguous, "after the drop: exactly the missed events");
      assert.equal(s3.client.reconnects, 1);
      assert.equal(s3.client.snapshots, 1, "the catch-up needed no second snapshot");

      // A spectator that missed nothing is told so at once (an empty batch), nothing more.
      s3.client.dropConnection();
      await until(() => s3.client.status === "reconnecting", 5_000, "the second drop");
      await until(() => s3.client.status === "live", 5_000, "live again with nothing new");
      assert.equal(s3.client.snapshots, 1);
      assert.equal(s3.versions.length, n - 3);

      for (const s of [s1, s2, s3]) {
        const leaks = findLeaks(
          MATCH,
          s.frames.map(({ text }) => {
            const body = JSON.parse(text);
            return { seat: "spectator" as const, type: body.type, body };
          }),
        );
        assert.deepEqual(leaks, [], "no hidden card in any frame");
      }

      // A position from another epoch (the log was replaced) gets a fresh snapshot.
      const stale = new WatchClient({ relay: a.url, gameId: "g1" });
      stale.epoch = "12345";
      stale.version = 10;
      await stale.connect();
      assert.equal(stale.snapshots, 1);
      assert.equal(stale.version, n);
      stale.close();

      for (const s of [s1, s2, s3]) s.client.close();
      const hash = gameKeys("g1").viewers;
      await until(() => s1.client.status === "closed", 1_000, "closed");
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(await redis.hgetall(hash), {}, "relays withdraw their counts");
    });
  },
);

Deno.test(
  "the full view runs the delay behind and never shows a hand before it ended",
  opts,
  async () => {
    await withRelays([{ fullViewDelayMs: 300 }], async (redis, [relay]) => {
      const w = new GameWriter(redis, "g2", MATCH);
      await w.create();
      const full = spectator(relay.url, "g2", "full");
      await full.client.connect();
      assert.equal(full.client.delayMs, 300);
      // The log's append times, by version, read back from Redis.
      await play(w, 5, 15);
      await until(() => full.client.version === MATCH.length, 10_000, "the full view to catch up");
      const entries = await redis.xrange(gameKeys("g2").events, "-", "+");
      const t = entries.map(([, f]) => Number(f[f.indexOf("t") + 1]));
      // When each event's hand ended (0 outside hands).
      const ended: number[] = [];
      let open: number[] | null = null;
      MATCH.forEach((e, i) => {
        if (e.type === "HAND_START") open = [];
        if (open) {
          open.push(i);
          if (e.type === "HAND_RESULT" || e.type === "HAND_CANCELLED") {
            for (const j of open) ended[j] = t[i];
            open = null;
          }
        } else ended[i] = 0;
      });
      let hidden = 0;
      for (const { text, at } of full.frames) {
        const f = JSON.parse(text);
        const vs: number[] = f.type === "events" ? f.events.map((x: { v: number }) => x.v) : [f.v];
        for (const v of vs.filter((v) => v > 0)) {
          assert.ok(at >= t[v - 1] + 300, `v${v} shown ${at - t[v - 1]} ms after it happened`);
          assert.ok(at >= ended[v - 1], `v${v} shown before its hand ended`);
        }
        if (f.type === "events") {
          for (const x of f.events) {
            if (x.e.type === "DEAL_INITIAL" && x.e.hands[1][0] !== null) hidden++;
          }
        }
      }
      assert.ok(hidden > 0, "the full view does show every hand, afterwards");

      // The table plays again: the full view hears of it once it has shown the match's end.
      const live = spectator(relay.url, "g2");
      await live.client.connect();
      await redis.hset(gameKeys("g2").meta, "next", "g2-rematch");
      await until(() => full.next.length > 0 && live.next.length > 0, 5_000, "the rematch");
      assert.deepEqual([full.next, live.next], [["g2-rematch"], ["g2-rematch"]]);
      live.client.close();
      full.client.close();

      // A table's own delay wins over the relay's default.
      const w2 = new GameWriter(redis, "g3", MATCH);
      await w2.create({ watchDelaySeconds: 1 });
      const own = spectator(relay.url, "g3", "full");
      await own.client.connect();
      assert.equal(own.client.delayMs, 1_000);
      own.client.close();

      // A finished match with a rematch, a minute behind: the full view is not moved on early.
      const w3 = new GameWriter(redis, "g7", MATCH);
      await w3.create({ watchDelaySeconds: 60 });
      await w3.append();
      await redis.hset(gameKeys("g7").meta, "next", "g7-rematch");
      const behind = spectator(relay.url, "g7", "full");
      const now = spectator(relay.url, "g7");
      await Promise.all([behind.client.connect(), now.client.connect()]);
      await until(() => now.next.length > 0, 5_000, "the live view to hear of the rematch");
      await new Promise((r) => setTimeout(r, 1_000)); // five polls
      assert.deepEqual(behind.next, [], "the full view has a minute of this match left to show");
      assert.equal(behind.client.version, 0);
      behind.client.close();
      now.client.close();
    });
  },
);

/** Opens a raw WebSocket and resolves with what it received and how it was closed. */
function rawSocket(url: string, send: string[] = []) {
  const ws = new WebSocket(url);
  const got: string[] = [];
  const closed = new Promise<{ code: number; got: string[] }>((resolve) => {
    ws.onopen = () => send.forEach((m) => ws.send(m));
    ws.onmessage = (m) => got.push(String(m.data));
    ws.onclose = (c) => resolve({ code: c.code, got });
  });
  return { ws, closed };
}

Deno.test(
  "bad input from a spectator gets an error and a close, and nothing else changes",
  opts,
  async () => {
    await withRelays([{}], async (redis, [relay]) => {
      const w = new GameWriter(redis, "g4", MATCH);
      await w.create();
      await w.append(200);
      const good = spectator(relay.url, "g4");
      await good.client.connect();
      const cases: [string, string[], number, string][] = [
        ["/watch/g4?view=secret", [], WATCH_CLOSE.badInput, "BAD_REQUEST"],
        ["/watch/g4?admin=1", [], WATCH_CLOSE.badInput, "BAD_REQUEST"],
        ["/watch/no-such-game", [], WATCH_CLOSE.notFound, "NOT_FOUND"],
        ["/watch/g4", ["{not json"], WATCH_CLOSE.badInput, "BAD_MESSAGE"],
        ["/watch/g4", ['{"type":"cards","seat":1}'], WATCH_CLOSE.badInput, "BAD_MESSAGE"],
        [
          "/watch/g4",
          [JSON.stringify({ type: "history", from: 1, to: 5, x: "y".repeat(300) })],
          WATCH_CLOSE.badInput,
          "BAD_MESSAGE",
        ],
        [
          "/watch/g4",
          Array(30).fill('{"type":"history","from":1,"to":2}'),
          WATCH_CLOSE.badInput,
          "FLOOD",
        ],
      ];
      for (const [path, send, code, error] of cases) {
        const { closed } = rawSocket(relay.url + path, send);
        const r = await closed;
        // A flooder's socket is closed with its messages still arriving: the close handshake
        // cannot finish cleanly (code 1006, which Deno reports as 0), but the error got there.
        const codes = error === "FLOOD" ? [code, 0, 1006] : [code];
        assert.ok(codes.includes(r.code), `${path} ${send[0]}: closed with ${r.code}`);
        const last = JSON.parse(r.got.at(-1)!);
        assert.equal(last.type, "error");
        assert.equal(last.code, error, `${path} ${send[0] ?? ""}`);
      }
      // History within bounds, for rewinding: public events only.
      const h = await good.client.history(1, 60);
      assert.deepEqual(h.map((x) => x.e), publicEvents(MATCH.slice(0, 60)));
      assert.deepEqual(
        (await good.client.history(150, 400)).map((x) => x.v).at(-1),
        200,
        "clipped to what was shown",
      );
      await w.append();
      await until(() => good.client.version === MATCH.length, 5_000, "the good spectator goes on");
      assert.equal(relay.relay.stats().refused, 6, "each bad request closed its sender only");
      good.client.close();
    });
  },
);

Deno.test(
  "a spectator that stops reading is dropped without delaying the others",
  opts,
  async () => {
    await withRelays([{ sendBufferBytes: 64 * 1024 }], async (redis, [relay]) => {
      const long = recordedMatch("relay-long", 1000); // about 3,000 events: big history replies
      const w = new GameWriter(redis, "g5", long);
      await w.create();
      await w.append();
      // A raw connection that asks for history at its allowed rate and never reads its socket.
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: relay.port });
      const request = "GET /watch/g5 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n" +
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
        "Sec-WebSocket-Version: 13\r\n\r\n";
      await conn.write(new TextEncoder().encode(request));
      const frame = (text: string) => {
        const body = new TextEncoder().encode(text);
        const mask = [1, 2, 3, 4];
        return new Uint8Array([
          0x81,
          0x80 | body.length,
          ...mask,
          ...body.map((b, i) => b ^ mask[i % 4]),
        ]);
      };
      const ask = frame(JSON.stringify({ type: "history", from: 1, to: MAX_HISTORY_EVENTS }));
      const good = spectator(relay.url, "g5");
      await good.client.connect();
      const waits: number[] = [];
      const deadline = Date.now() + 30_000;
      while (relay.relay.stats().dropped === 0 && Date.now() < deadline) {
        await conn.write(ask).catch(() => {});
        const t0 = performance.now();
        await good.client.history(1, MAX_HISTORY_EVENTS);
        waits.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(relay.relay.stats().dropped, 1, "the slow spectator was dropped");
      assert.equal(good.client.status, "live", "the reading one stays");
      waits.sort((x, y) => x - y);
      assert.ok(waits.at(-1)! < 1_000, `the other spectator waited at most ${waits.at(-1)} ms`);
      conn.close();
      good.client.close();
    });
  },
);

Deno.test({
  name:
    "Redis restarts and a relay dies: spectators catch up, on another relay, with nothing lost or repeated",
  ignore: !hasRedisServer(),
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const port = 26_000 + Math.floor(Math.random() * 1_000);
  const dir = await Deno.makeTempDir({ prefix: "baloot-relay-redis-" });
  let server = await startRedisServer(port, dir);
  const url = `redis://127.0.0.1:${port}`;
  const a = await startTestRelay(url, { relayId: "relay-a" });
  const b = await startTestRelay(url, { relayId: "relay-b" });
  let bStopped = false;
  const redis = new Redis(url);
  redis.on("error", () => {}); // the test's own connection sees Redis go away, and reconnects
  try {
    const w = new GameWriter(redis, "g6", MATCH);
    await w.create();
    await w.append(50);
    const onA = spectator(a.url, "g6");
    const onB = spectator(b.url, "g6", "live", [a.url]);
    await Promise.all([onA.client.connect(), onB.client.connect()]);

    // Redis goes away and comes back with its data (AOF); the game goes on after it.
    server.kill("SIGTERM");
    await server.status;
    await new Promise((r) => setTimeout(r, 500));
    server = await startRedisServer(port, dir);
    await w.append(100);

    // Relay B dies for good: its spectator moves to relay A (its server named A as the
    // fallback) and catches up there.
    await b.stop();
    bStopped = true;
    await until(() => onB.client.status === "reconnecting", 5_000, "B's spectator to notice");
    await w.append();
    await until(
      () => onA.client.version === MATCH.length && onB.client.version === MATCH.length,
      15_000,
      "both spectators at the end",
    );
    const all = Array.from({ length: MATCH.length - 50 }, (_, i) => i + 51);
    assert.deepEqual(onA.versions, all, "through the Redis restart: every event once");
    assert.deepEqual(onB.versions, all, "through the relay's death: every event once");
    assert.equal(onB.client.snapshots, 1, "caught up without a second snapshot");
    assert.equal(onB.client.relayUrl, a.url, "on relay A now");
    onA.client.close();
    onB.client.close();
  } finally {
    await a.stop();
    if (!bStopped) await b.stop();
    redis.disconnect();
    server.kill("SIGKILL");
    await server.status;
    await Deno.remove(dir, { recursive: true });
  }
});

function hasRedisServer(): boolean {
  try {
    return Deno.statSync("/usr/bin/redis-server").isFile;
  } catch {
    return false;
  }
}

Deno.test("a full relay turns spectators away instead of running out of files", opts, async () => {
  await withRelays([{ maxSpectators: 2 }], async (redis, [relay]) => {
    const w = new GameWriter(redis, "g8", MATCH);
    await w.create();
    await w.append(20);
    const one = spectator(relay.url, "g8");
    const two = spectator(relay.url, "g8");
    await Promise.all([one.client.connect(), two.client.connect()]);
    const third = await fetch(`${relay.url.replace("ws:", "http:")}/watch/g8`, {
      headers: { upgrade: "websocket", connection: "upgrade" },
    });
    await third.body?.cancel();
    assert.equal(third.status, 503);
    assert.equal(relay.relay.stats().turnedAway, 1);
    one.client.close();
    const again = spectator(relay.url, "g8");
    await until(() => relay.relay.stats().spectators === 1, 2_000, "a seat to free up");
    await again.client.connect();
    assert.equal(again.client.version, 20, "room again once a spectator left");
    again.client.close();
    two.client.close();
  });
  assert.equal(
    defaultMaxSpectators("Max open files            20000                20000    files"),
    19_000,
  );
  assert.equal(defaultMaxSpectators("Max open files            unlimited  unlimited  files"), 1e6);
  assert.equal(defaultMaxSpectators(""), 1e6);
});
