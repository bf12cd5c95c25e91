/**
 * The cost of durable acknowledgements (`deno task bench:durability [--quick]`).
 *
 * A move is acknowledged only after the game store's append script returns. This measures
 * that append (the real `GameStore.append`: lease check, version check, two XADDs, PUBLISH)
 * against a dedicated Redis 7 with AOF under `appendfsync always` and `everysec`, one append
 * at a time and 32 tables appending at once, then kills Redis with SIGKILL mid-stream and
 * counts acknowledged appends missing after the restart.
 *
 * Ends with one JSON line of the figures.
 */

import { percentile } from "./_stats.ts";
import { Redis } from "ioredis";
import type { GameEvent } from "@baloot/rules";
import { GameStore } from "../server/game_store.ts";
import { startRedisServer } from "../server/_testing.ts";

const quick = Deno.args.includes("--quick");
const sequential = quick ? 1_000 : 5_000;
const concurrentSeconds = quick ? 3 : 10;
const TABLES = 32;

const EVENT: GameEvent = { type: "PLAY", seat: 1, card: "AS" };
const PAIR = [{ full: EVENT, public: EVENT }];

async function measure(fsync: "always" | "everysec") {
  const port = 34000 + Math.floor(Math.random() * 1000);
  const dir = await Deno.makeTempDir({ prefix: "baloot-aof-" });
  let redis = await startRedisServer(port, dir, fsync);
  let conn = new Redis(port, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
  });
  await new Promise((r) => conn.once("ready", r));
  const store = new GameStore(conn, 60_000);

  // One table, one append at a time: the latency a player waits for.
  const token = (await store.acquire("seq", "bench"))!;
  const seq: number[] = [];
  for (let v = 0; v < sequential; v++) {
    const t = performance.now();
    const r = await store.append("seq", token, v, PAIR);
    if (typeof r !== "number") throw new Error(`append failed: ${r}`);
    seq.push(performance.now() - t);
  }
  seq.sort((a, b) => a - b);

  // 32 tables appending back to back: throughput and latency under load.
  const tokens = await Promise.all(
    Array.from({ length: TABLES }, (_, i) => store.acquire(`t${i}`, "bench")),
  );
  const conc: number[] = [];
  const until = performance.now() + concurrentSeconds * 1000;
  await Promise.all(tokens.map(async (tk, i) => {
    for (let v = 0; performance.now() < until; v++) {
      const t = performance.now();
      const r = await store.append(`t${i}`, tk!, v, PAIR);
      if (typeof r !== "number") throw new Error(`append failed: ${r}`);
      conc.push(performance.now() - t);
    }
  }));
  conc.sort((a, b) => a - b);

  // Kill -9 mid-stream: how many acknowledged appends are gone after the restart?
  const crashToken = (await store.acquire("crash", "bench"))!;
  let acked = 0;
  const writer = (async () => {
    for (let v = 0;; v++) {
      const r = await store.append("crash", crashToken, v, PAIR).catch(() => "DOWN");
      if (typeof r !== "number") return;
      acked = r;
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  redis.kill("SIGKILL");
  await redis.status;
  await writer;
  conn.disconnect();
  redis = await startRedisServer(port, dir, fsync);
  conn = new Redis(port);
  const kept = Number(await conn.get("game:{crash}:version") ?? 0);
  conn.disconnect();
  redis.kill("SIGKILL");
  await redis.status;
  await Deno.remove(dir, { recursive: true });
  return {
    fsync,
    seq_p50_ms: +percentile(seq, 0.5).toFixed(3),
    seq_p99_ms: +percentile(seq, 0.99).toFixed(3),
    conc_appends_per_sec: Math.round(conc.length / concurrentSeconds),
    conc_p50_ms: +percentile(conc, 0.5).toFixed(3),
    conc_p99_ms: +percentile(conc, 0.99).toFixed(3),
    crash_acked: acked,
    crash_lost: Math.max(0, acked - kept),
  };
}

const results = [];
for (const fsync of ["always", "everysec"] as const) {
  const r = await measure(fsync);
  results.push(r);
  console.log(
    `appendfsync ${fsync}: one append p50 ${r.seq_p50_ms} ms, p99 ${r.seq_p99_ms} ms; ` +
      `${TABLES} tables: ${r.conc_appends_per_sec} appends/s, p50 ${r.conc_p50_ms} ms, ` +
      `p99 ${r.conc_p99_ms} ms; kill -9 after ${r.crash_acked} acks: ${r.crash_lost} lost`,
  );
}
console.log(JSON.stringify({ bench: "durability", quick, results }));
