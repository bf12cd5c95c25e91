/**
 * Runs one Brain worker: `deno run -A brain/main.ts`.
 *
 * Environment:
 * - `REDIS_URL`: the Redis holding the request stream (`redis://127.0.0.1:6379` by default);
 * - `BRAIN_WORKER`: this worker's name, its consumer name in the group
 *   (`brain-<hostname>-<pid>` by default);
 * - `BRAIN_REQUESTS`, `BRAIN_GROUP`, `BRAIN_DEAD_LETTERS`: other stream and group names than
 *   the production ones (`@baloot/wire` bus names), for staging and tests;
 * - `BRAIN_REFLEX`: `off` turns the reflex cache off; `BRAIN_REFLEX_TTL`: its expiry in
 *   seconds (3600);
 * - `BRAIN_VERSION_POLL_MS`: how often to look for a newly published version (2000).
 *
 * The worker plays the current published version (the built-in parameters, `v0`, before any)
 * and switches to a new one when it is published, without a restart.
 *
 * SIGINT or SIGTERM stops it once the request in hand is answered (a second one exits at once).
 * It logs one line a minute with the counts of that minute.
 *
 * @module
 */

import { RedisQueue } from "./redis_queue.ts";
import { RedisBrainStore } from "./redis_store.ts";
import { BrainWorker, formatStats, noStats, type WorkerStats } from "./worker.ts";

const STATS_EVERY_MS = 60_000;

const env = (name: string) => Deno.env.get(name) || undefined;
const url = env("REDIS_URL") ?? "redis://127.0.0.1:6379";
const name = (env("BRAIN_WORKER") ?? `brain-${Deno.hostname()}-${Deno.pid}`).slice(0, 64);
const log = (line: string) => console.log(`${new Date().toISOString()} ${name} ${line}`);

const queue = new RedisQueue({
  url,
  consumer: name,
  stream: env("BRAIN_REQUESTS"),
  group: env("BRAIN_GROUP"),
  deadLetters: env("BRAIN_DEAD_LETTERS"),
  log,
});
const store = new RedisBrainStore(url, { ttlSeconds: Number(env("BRAIN_REFLEX_TTL") ?? 3600) });
const cache = env("BRAIN_REFLEX") === "off" ? undefined : store;
const worker = new BrainWorker(queue, { worker: name, log, cache });

/** Switches to the current published version when it changes; Redis away: keep playing. */
async function followVersion(): Promise<void> {
  try {
    const v = await store.current();
    if (v !== null && v.id !== worker.version.id) {
      worker.useVersion(v);
      log(`playing brain version ${v.id} (published ${v.publishedAt})`);
    }
  } catch {
    // Redis is away or the stored version is unreadable: the one in use stays.
  }
}
await store.ready().catch(() => {}); // no Redis yet: the poll below catches up
await followVersion();
const follower = setInterval(followVersion, Number(env("BRAIN_VERSION_POLL_MS") ?? 2000));

let stopping = false;
const onSignal = () => {
  if (stopping) Deno.exit(1);
  stopping = true;
  log("stopping after the request in hand");
  void worker.stop();
};
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
for (const signal of SIGNALS) Deno.addSignalListener(signal, onSignal);

let last: WorkerStats = { ...worker.stats };
const ticker = setInterval(() => {
  log(`last minute: ${formatStats(worker.stats, last)}`);
  last = { ...worker.stats };
}, STATS_EVERY_MS);

log(`started on ${redacted(url)}, brain version ${worker.version.id}`);
await worker.run();
clearInterval(ticker);
clearInterval(follower);
for (const signal of SIGNALS) Deno.removeSignalListener(signal, onSignal);
await queue.close();
await store.close();
log(`stopped; in all: ${formatStats(worker.stats, noStats())}`);

/** The URL without its password, for logs. */
function redacted(text: string): string {
  try {
    const u = new URL(text);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(a Redis URL)";
  }
}
