/**
 * Crash recovery time (`deno task bench:recovery [--quick] [--trials N]`).
 *
 * Each trial: four players (bots through the real client) at a private table on two server
 * processes; in trick 2 or later the process hosting the table is killed with SIGKILL; the
 * time until all four clients are seated again on the surviving process is measured, and every
 * move acknowledged before the kill is checked to be in the game's log. The killed process is
 * then started again for the next trial. Reports p50/p95/max and the lost moves (goal: resumed
 * within 5 s at p95, none lost). Ends with one JSON line.
 */

import { percentile } from "./_stats.ts";
import { Redis } from "ioredis";
import type { TableClient } from "@baloot/client";
import { gameKeys } from "@baloot/wire";
import {
  botPlayer,
  flushTestRedis,
  seatPrivateTable,
  type ServerProcess,
  startServerProcess,
  testRedis,
  until,
} from "../server/_testing.ts";

const quick = Deno.args.includes("--quick");
const flag = Deno.args.indexOf("--trials");
const trials = flag >= 0 ? Number(Deno.args[flag + 1]) : quick ? 3 : 20;
const REDIS = testRedis(8);

await flushTestRedis(REDIS);
const env = { REDIS_URL: REDIS, BOT_DELAY_MS: "100" };
const servers: ServerProcess[] = [await startServerProcess(env), await startServerProcess(env)];
const redis = new Redis(REDIS);
const times: number[] = [];
let lost = 0;

for (let t = 0; t < trials; t++) {
  const acked: number[] = [];
  const ps: TableClient[] = [0, 1, 2, 3].map((i) => {
    const p = botPlayer({ endpoints: servers.map((s) => s.url), name: `P${i}` });
    const send = p.send.bind(p);
    p.send = async (c) => {
      const r = await send(c);
      if (r.ok) acked.push(r.v);
      return r;
    };
    return p;
  });
  await seatPrivateTable(ps);
  ps[0].start();
  await until(() => (ps[0].view?.hand?.tricks.length ?? 0) >= 2, 60_000, "trick 2");
  const url = (ps[0].room!.connection as unknown as { url: string }).url;
  const host = servers.findIndex((s) => url.includes(`:${s.port}/`));
  const killedAt = performance.now();
  const ackedBefore = [...acked];
  await servers[host].stop("SIGKILL");
  await until(() => ps.every((p) => p.moves === 1 && p.status === "connected"), 30_000, "recovery");
  times.push(performance.now() - killedAt);
  const length = await redis.xlen(gameKeys(ps[0].gameId!).events);
  lost += ackedBefore.filter((v) => v > length).length;
  console.log(`trial ${t + 1}: all four back ${times.at(-1)!.toFixed(0)} ms after kill -9`);
  await Promise.all(ps.map((p) => p.leave()));
  servers[host] = await startServerProcess(env);
}

for (const s of servers) await s.stop();
redis.disconnect();
times.sort((a, b) => a - b);
const pct = (p: number) => Math.round(percentile(times, p));
console.log(
  `recovery over ${trials} kills: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`,
);
console.log(`acknowledged moves lost: ${lost}`);
console.log(JSON.stringify({
  bench: "recovery",
  quick,
  trials,
  p50_ms: pct(0.5),
  p95_ms: pct(0.95),
  max_ms: pct(1),
  lost_acks: lost,
}));
Deno.exit(0); // clients and Redis connections left half-open by the kills must not keep the process alive
