/**
 * Spectators on one relay process (`deno task bench:relay [--quick] [--spectators N]`).
 *
 * Starts ONE relay (`relay/main.ts`) as a subprocess on a random port, against the local Redis's
 * database 1 (`redis://127.0.0.1:6379/1`, flushed first: never point `--redis` at data you keep).
 * This process writes the busy tables into Redis with `GameWriter` (`relay/_testing.ts`, through
 * the game servers' own `GameStore`: full and public streams, version, PUBLISH), each
 * table a reproducible `recordedMatch` to a target of 1,000 points (long enough for the run),
 * each appending ONE event every `--interval` ms (1,000: a busy table makes about one move a
 * second), the tables' appends staggered over the interval. The games exist, with their first 40
 * events, before any spectator connects.
 *
 * The load generator: `--loadgens` subprocesses (2; this same file with `--loadgen`), together
 * holding N plain WebSocket clients on `ws://127.0.0.1:PORT/watch/{gameId}` (live view),
 * spectator i watching table i mod T, opened at `--rate` connections per second in total. A
 * client only counts frames and reads, with one regular expression, the version and append time
 * of each event of an `events` frame (`{"v":12,"t":1795663618329,"e":…}`): no JSON parse.
 *
 * Delay of a delivery: the spectator's receive time (`Date.now()`) − the event's `t` (the
 * writer's `Date.now()` just before its MULTI: append, notify), in whole milliseconds, for every
 * event appended in the steady window (60 s after the ramp and 5 s of settling; 20 s with
 * `--quick`) and every spectator — no sampling. Deliveries of the window's events are collected
 * for 3 s after it; the count is checked against the streams (each held spectator should get
 * every event of its table: "missing"), and each spectator checks its versions are contiguous.
 *
 * Spectators held: clients that received their snapshot and were still open at the end (the
 * relay's own count, and its `dropped` counter, from `GET /health`, are printed beside it).
 *
 * Memory per spectator: (the relay's VmRSS at steady state − its VmRSS before any spectator
 * connected) / spectators held. "Before" is 1 s after the relay started, the tables already
 * appending (a relay reads nothing of a game nobody watches); "steady" is the median of one
 * sample a second over the window (RSS swings with uncollected garbage). The feeds (one per
 * table) and everything the relay's first connections warm up are charged to the spectators.
 * The JS heap (`heapUsed` from `/health`) is given beside it.
 *
 * CPU from `/proc/<pid>/stat` over the window (100% = one core; the machine has two, shared by
 * the relay, the load generators, Redis and this process): relay, load generators, Redis, this
 * process (the writers), and anything else on the machine.
 *
 * Goal: ≥ 10,000 spectators on one relay, p99 ≤ 250 ms (append → delivery), ≤ 32 KB per
 * spectator. Ends with one JSON line.
 *
 * Options: `--quick` (2,000 spectators on 10 tables, 20 s window: under a minute),
 * `--spectators N` (10,000), `--tables T` (20), `--interval MS` (1,000: one event per table per
 * interval), `--seconds S` (window), `--rate R` (connections opened per second, 1,000),
 * `--loadgens L` (2), `--redis URL`. Diagnostics: `--relay-main PATH` runs another
 * `relay/main.ts` (a patched copy of the workspace, to measure a candidate change),
 * `--relay-v8-flags FLAGS` passes V8 flags to the relay, `--trace-gc` lists the relay's garbage
 * collections in the window (from V8's `--trace-gc`: main-thread pauses, times ±0.1 s). The
 * per-second timelines give the relay's CPU, its `/health` round trip (its event loop's
 * responsiveness), the load generators' longest event-loop lag and the CPU of everything else
 * (this machine is shared: a busy neighbour spoils the delays); the p99 over the seconds in which
 * other processes took less than a quarter of a core is printed beside the real one, as a
 * diagnostic.
 *
 * Each process is started through `bash -c "ulimit -n 65536; exec …"`, falling back to the hard
 * limit where raising it is not permitted (on the benchmark machine the hard limit is 20,000 and
 * cannot be raised: at most ~19,900 spectators per relay, ~19,900 sockets per load generator).
 * Deno.serve exits the process when accept() fails with EMFILE, so a relay that reaches its
 * limit dies: the bench warns when the spectators would exceed it.
 */

import { Redis } from "ioredis";
import { gameKeys } from "@baloot/wire";
import { GameWriter, recordedMatch } from "../relay/_testing.ts";
import { percentile } from "./_stats.ts";
import {
  cpuTicks,
  freePort,
  lines,
  machineTicks,
  option,
  pct,
  rssKb,
  stopChild,
  TICKS_PER_S,
} from "./_proc.ts";

// ---------------------------------------------------------------------------------------------
// Options

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const ms1 = (x: number) => Math.round(x * 10) / 10;

/** Largest delay the histograms hold exactly (ms); later deliveries land in the last bin. */
const MAX_DELAY_MS = 120_000;
/** Per-second histograms hold delays up to this (ms), the rest in their last bin. */
const SECOND_BINS = 2048;
/** The regular expression a load generator reads events with. */
const EVENT_RE = /"v":(\d+),"t":(\d+),"e":/g;
const SNAPSHOT_RE = /"epoch":"\d+","v":(\d+),/;

/** What the bench tells a load-generator process. */
interface LoadgenConfig {
  readonly relay: string;
  readonly games: readonly string[];
  /** This process's spectators: global indices `from` … `from + count - 1`. */
  readonly from: number;
  readonly count: number;
  /** Connections opened per second by this process. */
  readonly rate: number;
  readonly windowSeconds: number;
}

/** What a load-generator process reports at the end. */
interface LoadgenReport {
  readonly type: "report";
  readonly opened: number;
  readonly joined: number;
  readonly held: number;
  readonly closes: Record<string, number>;
  readonly errorFrames: Record<string, number>;
  readonly gaps: number;
  readonly frames: number;
  /** Deliveries of window events: [delay ms, count] pairs. */
  readonly hist: [number, number][];
  /** Per second of the window (by append time): [second, delay ms, count] triples. */
  readonly bySecond: [number, number, number][];
  readonly maxDelay: number;
  /** Per table: held spectators and the window events they received in all. */
  readonly heldByTable: number[];
  readonly gotByTable: number[];
  readonly lagP99: number;
  readonly lagMax: number;
  /** The longest event-loop lag in each second of the window (ms). */
  readonly lagBySecond: number[];
}

// ---------------------------------------------------------------------------------------------
// The load generator (a subprocess: `relay_bench.ts --loadgen CONFIG`)

async function loadgen(cfg: LoadgenConfig): Promise<void> {
  const n = cfg.count;
  const T = cfg.games.length;
  const sockets: (WebSocket | null)[] = new Array(n).fill(null); // held to the end
  const lastV = new Int32Array(n);
  const joined = new Uint8Array(n);
  const closed = new Uint8Array(n);
  const got = new Uint32Array(n);
  const hist = new Uint32Array(MAX_DELAY_MS + 1);
  const bySecond = new Uint32Array(cfg.windowSeconds * SECOND_BINS);
  const closes: Record<string, number> = {};
  const errorFrames: Record<string, number> = {};
  let windowStart = Infinity;
  let windowEnd = -Infinity;
  let opened = 0;
  let joinedCount = 0;
  let gaps = 0;
  let frames = 0;
  let maxDelay = 0;
  const say = (o: unknown) => console.log(JSON.stringify(o));

  const onFrame = (j: number, d: string) => {
    frames++;
    if (d.startsWith('{"type":"events"')) {
      const now = Date.now();
      EVENT_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = EVENT_RE.exec(d)) !== null) {
        const v = Number(m[1]);
        const t = Number(m[2]);
        if (v !== lastV[j] + 1) gaps++;
        lastV[j] = v;
        if (t >= windowStart && t < windowEnd) {
          const delay = Math.max(0, now - t);
          hist[Math.min(MAX_DELAY_MS, delay)]++;
          const k = Math.floor((t - windowStart) / 1000);
          if (k < cfg.windowSeconds) bySecond[k * SECOND_BINS + Math.min(SECOND_BINS - 1, delay)]++;
          if (delay > maxDelay) maxDelay = delay;
          got[j]++;
        }
      }
    } else if (d.startsWith('{"type":"snapshot"')) {
      const m = SNAPSHOT_RE.exec(d);
      lastV[j] = m ? Number(m[1]) : -1;
      if (!joined[j]) {
        joined[j] = 1;
        joinedCount++;
      }
    } else if (d.startsWith('{"type":"error"')) {
      const code = /"code":"([^"]*)"/.exec(d)?.[1] ?? "?";
      errorFrames[code] = (errorFrames[code] ?? 0) + 1;
    }
  };

  const open = (j: number) => {
    const game = cfg.games[(cfg.from + j) % T];
    const s = new WebSocket(`${cfg.relay}/watch/${game}`);
    s.onmessage = (m) => onFrame(j, m.data as string);
    s.onclose = (e) => {
      if (closed[j]) return;
      closed[j] = 1;
      closes[e.code] = (closes[e.code] ?? 0) + 1;
    };
    sockets[j] = s;
  };

  // Event-loop lag over the window (a late callback here adds to every delay it measures).
  const lags: number[] = [];
  const lagBySecond: number[] = new Array(cfg.windowSeconds).fill(0);
  let tick = performance.now();
  setInterval(() => {
    const now = performance.now();
    const wall = Date.now();
    if (wall >= windowStart && wall < windowEnd) {
      const lag = now - tick - 50;
      lags.push(lag);
      const k = Math.floor((wall - windowStart) / 1000);
      lagBySecond[k] = Math.max(lagBySecond[k], lag);
    }
    tick = now;
  }, 50);

  // Commands from the bench, one JSON line each.
  const commands = async () => {
    let buffer = "";
    for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let eol: number;
      while ((eol = buffer.indexOf("\n")) >= 0) {
        const c = JSON.parse(buffer.slice(0, eol));
        buffer = buffer.slice(eol + 1);
        if (c.cmd === "window") {
          windowStart = c.start;
          windowEnd = c.end;
        } else if (c.cmd === "report") {
          const heldByTable = new Array(T).fill(0);
          const gotByTable = new Array(T).fill(0);
          let held = 0;
          for (let j = 0; j < n; j++) {
            if (!joined[j] || closed[j]) continue;
            held++;
            heldByTable[(cfg.from + j) % T]++;
            gotByTable[(cfg.from + j) % T] += got[j];
          }
          const sparse: [number, number][] = [];
          for (let i = 0; i <= MAX_DELAY_MS; i++) if (hist[i]) sparse.push([i, hist[i]]);
          const perSecond: [number, number, number][] = [];
          for (let i = 0; i < bySecond.length; i++) {
            if (bySecond[i]) {
              perSecond.push([Math.floor(i / SECOND_BINS), i % SECOND_BINS, bySecond[i]]);
            }
          }
          lags.sort((a, b) => a - b);
          const report: LoadgenReport = {
            type: "report",
            opened,
            joined: joinedCount,
            held,
            closes,
            errorFrames,
            gaps,
            frames,
            hist: sparse,
            bySecond: perSecond,
            maxDelay,
            heldByTable,
            gotByTable,
            lagP99: percentile(lags, 0.99),
            lagMax: lags[lags.length - 1] ?? NaN,
            lagBySecond,
          };
          say(report);
        } else if (c.cmd === "exit") {
          Deno.exit(0); // the kernel closes the sockets
        }
      }
    }
    Deno.exit(0); // the bench went away
  };
  commands();

  // Ramp: open connections at cfg.rate per second; report progress every second.
  const start = performance.now();
  let lastSaid = 0;
  await new Promise<void>((done) => {
    const ramp = setInterval(() => {
      const now = performance.now();
      const due = Math.min(n, Math.floor(((now - start) * cfg.rate) / 1000) + 1);
      while (opened < due) open(opened++);
      if (now - lastSaid >= 1000) {
        lastSaid = now;
        say({ type: "progress", opened, joined: joinedCount });
      }
      if (opened >= n) {
        clearInterval(ramp);
        done();
      }
    }, 5);
  });
  // Until every socket has its snapshot or closed (the bench gives up after a while).
  while (joinedCount + closed.reduce((a, c, j) => a + (c && !joined[j] ? 1 : 0), 0) < n) {
    say({ type: "progress", opened, joined: joinedCount });
    await sleep(250);
  }
  say({ type: "progress", opened, joined: joinedCount, done: true });
}

// ---------------------------------------------------------------------------------------------
// Processes: /proc figures

/** A command run through bash with a raised file-descriptor limit (`exec`: same pid). */
function withFileLimit(args: string[]): { cmd: string; args: string[] } {
  return {
    cmd: "bash",
    args: [
      "-c",
      'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"',
      ...args,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The relay process

interface RelayProcess {
  readonly port: number;
  readonly pid: number;
  readonly log: string[];
  /** With `--trace-gc`: the relay's garbage collections (wall time ±0.1 s, main-thread pause). */
  readonly gcs: { at: number; kind: string; pauseMs: number }[];
  /** Its exit code once it has exited (it should not before the end). */
  readonly exited: number | null;
  health(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

async function startRelayProcess(redisUrl: string): Promise<RelayProcess> {
  const port = freePort();
  const main = option("--relay-main") ?? new URL("../relay/main.ts", import.meta.url).pathname;
  const flags = [
    ...(option("--relay-v8-flags") ? [option("--relay-v8-flags")] : []),
    ...(Deno.args.includes("--trace-gc") ? ["--trace-gc"] : []),
  ].join(",");
  const { cmd, args } = withFileLimit([
    Deno.execPath(),
    "run",
    "-A",
    ...(flags ? [`--v8-flags=${flags}`] : []),
    main,
  ]);
  const spawned = Date.now(); // ≈ the isolate's start, the origin of --trace-gc's times
  const child = new Deno.Command(cmd, {
    args,
    env: {
      RELAY_PORT: String(port),
      RELAY_HOST: "127.0.0.1",
      REDIS_URL: redisUrl,
      RELAY_ID: "bench-relay",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log: string[] = [];
  const gcs: { at: number; kind: string; pauseMs: number }[] = [];
  let ready: () => void = () => {};
  const started = new Promise<void>((r) => (ready = r));
  const onLine = (l: string) => {
    const gc =
      /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: ([A-Za-z -]+?(?: \(\w+\))?) [\d.]+ \([\d.]+\) -> .*? MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \//
        .exec(l);
    if (gc) {
      return void gcs.push({ at: spawned + Number(gc[1]), kind: gc[2], pauseMs: Number(gc[3]) });
    }
    if (log.length < 1000) log.push(l);
    if (l.includes(`baloot relay bench-relay on :${port}`)) ready();
  };
  lines(child.stdout, onLine).finally(ready);
  lines(child.stderr, onLine);
  const timeout = setTimeout(ready, 30_000);
  await started;
  clearTimeout(timeout);
  const stop = () => stopChild(child, 10_000);
  if (!log.some((l) => l.includes("baloot relay bench-relay on"))) {
    await stop();
    throw new Error(`the relay did not start:\n${log.join("\n")}`);
  }
  let exited: number | null = null;
  child.status.then((s) => (exited = s.code));
  return {
    port,
    pid: child.pid,
    log,
    gcs,
    get exited() {
      return exited;
    },
    async health() {
      return await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    },
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// Load-generator processes

interface Loadgen {
  readonly pid: number;
  opened: number;
  joined: number;
  done: boolean;
  send(command: Record<string, unknown>): Promise<void>;
  report(): Promise<LoadgenReport>;
  stop(): Promise<void>;
}

function startLoadgen(cfg: LoadgenConfig): Loadgen {
  const { cmd, args } = withFileLimit([
    Deno.execPath(),
    "run",
    "-A",
    new URL(import.meta.url).pathname,
    "--loadgen",
    JSON.stringify(cfg),
  ]);
  const child = new Deno.Command(cmd, {
    args,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  let onReport: (r: LoadgenReport) => void = () => {};
  const g: Loadgen = {
    pid: child.pid,
    opened: 0,
    joined: 0,
    done: false,
    async send(command) {
      await writer.write(new TextEncoder().encode(JSON.stringify(command) + "\n"));
    },
    async report() {
      const r = new Promise<LoadgenReport>((resolve) => (onReport = resolve));
      await g.send({ cmd: "report" });
      return await r;
    },
    async stop() {
      await g.send({ cmd: "exit" }).catch(() => {});
      const killer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* gone */ }
      }, 5_000);
      await child.status;
      clearTimeout(killer);
    },
  };
  lines(child.stdout, (l) => {
    if (!l.startsWith("{")) return void console.log(`  loadgen ${child.pid}: ${l}`);
    const m = JSON.parse(l);
    if (m.type === "progress") {
      g.opened = m.opened;
      g.joined = m.joined;
      if (m.done) g.done = true;
    } else if (m.type === "report") onReport(m);
  });
  return g;
}

// ---------------------------------------------------------------------------------------------
// Histograms

/** The `q` quantile of a histogram (bin = value), by nearest rank as `percentile`. */
function histQuantile(hist: ReadonlyMap<number, number>, q: number): number {
  const bins = [...hist.entries()].sort((a, b) => a[0] - b[0]);
  const n = bins.reduce((a, [, c]) => a + c, 0);
  if (n === 0) return NaN;
  const rank = Math.min(n - 1, Math.floor(q * n));
  let seen = 0;
  for (const [value, count] of bins) {
    seen += count;
    if (seen > rank) return value;
  }
  return bins[bins.length - 1][0];
}

/** The least-squares slope of y over x for [x, y] points (NaN for fewer than two). */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

// ---------------------------------------------------------------------------------------------
// The bench

async function bench(): Promise<number> {
  const quick = Deno.args.includes("--quick");
  const SPECTATORS = Number(option("--spectators") ?? (quick ? 2000 : 10_000));
  const TABLES = Number(option("--tables") ?? (quick ? 10 : 20));
  const INTERVAL_MS = Number(option("--interval") ?? 1000);
  const WINDOW_S = Number(option("--seconds") ?? (quick ? 20 : 60));
  const RATE = Number(option("--rate") ?? 1000);
  const LOADGENS = Math.min(SPECTATORS, Number(option("--loadgens") ?? 2));
  const REDIS_URL = option("--redis") ?? "redis://127.0.0.1:6379/1";
  const SETTLE_S = quick ? 3 : 5;
  const TAIL_S = 3;
  const PREFIX = 40; // events each game holds before spectators come
  const GOAL = { spectators: 10_000, p99_ms: 250, kb: 32 };
  if (
    ![SPECTATORS, TABLES, INTERVAL_MS, WINDOW_S, RATE, LOADGENS].every((x) => x > 0) ||
    !Number.isInteger(SPECTATORS)
  ) {
    throw new Error("--spectators, --tables, --interval, --seconds, --rate, --loadgens: > 0");
  }

  const load = Deno.loadavg();
  console.log(
    `relay bench: ${SPECTATORS} spectators on ${TABLES} tables (one event per table every ` +
      `${INTERVAL_MS} ms), ${LOADGENS} load generators, ${WINDOW_S} s window ` +
      `(load average now ${load.map((x) => x.toFixed(2)).join(" ")})`,
  );

  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  await redis.flushdb();
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info("server"))?.[1] ?? 0);

  // Tables: matches long enough for the whole run.
  const runS = 5 + SPECTATORS / RATE + 10 + SETTLE_S + WINDOW_S + TAIL_S + 30;
  const needed = PREFIX + Math.ceil((runS * 1000) / INTERVAL_MS);
  const writers: GameWriter[] = [];
  for (let label = 0; writers.length < TABLES && label < 50 * TABLES; label++) {
    const events = recordedMatch(`relay-bench-${label}`, 1000);
    if (events.length >= needed) {
      writers.push(new GameWriter(redis, `bench${writers.length}`, events));
    }
  }
  if (writers.length < TABLES) throw new Error(`no ${TABLES} matches of ${needed} events`);
  for (const w of writers) {
    await w.create();
    await w.append(PREFIX);
  }
  const games = writers.map((w) => w.gameId);

  const relay = await startRelayProcess(REDIS_URL);
  const loadgens: Loadgen[] = [];
  let stopping = false;
  const appendMs: number[] = [];
  /** The longest append (MULTI round trip to Redis) in each second of the window. */
  const appendMaxBySecond: number[] = [];
  let ranOut = 0;
  const tablesDone: Promise<void>[] = [];
  let exitCode = 0;
  try {
    // The tables play from now on: staggered, one event each per interval.
    const t0 = performance.now() + 100;
    let windowStart = Infinity;
    let windowEnd = -Infinity;
    writers.forEach((w, i) => {
      tablesDone.push((async () => {
        for (let k = 0; !stopping; k++) {
          await sleep(t0 + (i * INTERVAL_MS) / TABLES + k * INTERVAL_MS - performance.now());
          if (stopping) return;
          const at = performance.now();
          if ((await w.append(1)) === 0) {
            ranOut++;
            return;
          }
          const now = Date.now();
          if (now >= windowStart && now < windowEnd) {
            const took = performance.now() - at;
            appendMs.push(took);
            const s = Math.floor((now - windowStart) / 1000);
            appendMaxBySecond[s] = Math.max(appendMaxBySecond[s] ?? 0, took);
          }
        }
      })());
    });

    await sleep(1000); // the fresh process settles before its baseline
    const baselineKb = rssKb(relay.pid);
    const health0 = await relay.health();
    const fileLimit = Number(
      /Max open files\s+(\d+)/.exec(Deno.readTextFileSync(`/proc/${relay.pid}/limits`))?.[1],
    );
    console.log(
      `relay pid ${relay.pid} on :${relay.port}, RSS ${(baselineKb / 1024).toFixed(1)} MB, ` +
        `JS heap ${(health0.heapUsed / 1024 / 1024).toFixed(1)} MB, open-file limit ${fileLimit}`,
    );
    if (SPECTATORS + 100 > fileLimit) {
      // Deno.serve exits the process when accept() fails with EMFILE.
      console.log(
        `  warning: ${SPECTATORS} sockets and the relay's own files exceed its limit: it will exit`,
      );
    }

    // Ramp.
    const rampStart = performance.now();
    const per = Math.ceil(SPECTATORS / LOADGENS);
    for (let i = 0; i < LOADGENS; i++) {
      const from = i * per;
      const count = Math.min(per, SPECTATORS - from);
      if (count <= 0) break;
      loadgens.push(startLoadgen({
        relay: `ws://127.0.0.1:${relay.port}`,
        games,
        from,
        count,
        rate: (RATE * count) / SPECTATORS,
        windowSeconds: WINDOW_S,
      }));
    }
    const rampLimit = rampStart + (SPECTATORS / RATE) * 1000 + 60_000;
    let lastLog = 0;
    /** [spectators, relay RSS KB] during the ramp: the slope is the marginal cost. */
    const rampRss: [number, number][] = [];
    while (!loadgens.every((g) => g.done) && performance.now() < rampLimit) {
      await sleep(250);
      if (relay.exited !== null) throw new Error(`the relay exited (${relay.exited}) in the ramp`);
      const h = await relay.health().catch(() => null);
      if (h) rampRss.push([h.spectators, rssKb(relay.pid)]);
      if (performance.now() - lastLog >= 2000) {
        lastLog = performance.now();
        console.log(
          `  opened ${loadgens.reduce((a, g) => a + g.opened, 0)}, joined ${
            loadgens.reduce((a, g) => a + g.joined, 0)
          }; relay: ${h?.spectators ?? "?"} spectators, ${h?.feeds ?? "?"} feeds, CPU so far ${
            (cpuTicks(relay.pid) / TICKS_PER_S).toFixed(1)
          } s`,
        );
      }
    }
    const rampS = (performance.now() - rampStart) / 1000;
    const joinedAll = loadgens.reduce((a, g) => a + g.joined, 0);
    console.log(`ramp: ${joinedAll}/${SPECTATORS} spectators joined in ${rampS.toFixed(1)} s`);
    await sleep(SETTLE_S * 1000);

    // The steady window.
    windowStart = Date.now() + 300;
    windowEnd = windowStart + WINDOW_S * 1000;
    for (const g of loadgens) await g.send({ cmd: "window", start: windowStart, end: windowEnd });
    await sleep(windowStart - Date.now());
    const started = performance.now();
    const cpu0 = {
      relay: cpuTicks(relay.pid),
      loadgens: loadgens.map((g) => cpuTicks(g.pid)),
      self: cpuTicks("self"),
      redis: redisPid ? cpuTicks(redisPid) : 0,
      machine: machineTicks(),
    };
    const rssSamples: number[] = [];
    const heapSamples: number[] = [];
    const perSecond: {
      relay: number;
      loadgens: number;
      /** CPU of everything but the relay and the load generators, % (100 = one core). */
      others: number;
      /** How long the relay took to answer `/health` (its event loop's responsiveness). */
      healthMs: number;
      rssMb: number;
      heapMb: number;
    }[] = [];
    let prev = {
      relay: cpu0.relay,
      loadgens: cpu0.loadgens.reduce((a, b) => a + b, 0),
      machine: cpu0.machine,
    };
    const sampler = setInterval(async () => {
      const now = {
        relay: cpuTicks(relay.pid),
        loadgens: loadgens.reduce((a, g) => a + cpuTicks(g.pid), 0),
        machine: machineTicks(),
      };
      const all = ((now.machine.procs - prev.machine.procs) /
        Math.max(1, now.machine.total - prev.machine.total)) *
        100 *
        navigator.hardwareConcurrency;
      const rss = rssKb(relay.pid);
      rssSamples.push(rss);
      const asked = performance.now();
      const h = await relay.health().catch(() => null);
      const healthMs = performance.now() - asked;
      if (h) heapSamples.push(h.heapUsed);
      perSecond.push({
        healthMs,
        relay: now.relay - prev.relay,
        loadgens: now.loadgens - prev.loadgens,
        others: Math.max(0, all - pct(now.relay - prev.relay + now.loadgens - prev.loadgens, 1)),
        rssMb: rss / 1024,
        heapMb: (h?.heapUsed ?? NaN) / 1024 / 1024,
      });
      prev = now;
    }, 1000);
    await sleep(windowEnd - Date.now());
    const seconds = (performance.now() - started) / 1000;
    const cpu1 = {
      relay: cpuTicks(relay.pid),
      loadgens: loadgens.map((g) => cpuTicks(g.pid)),
      self: cpuTicks("self"),
      redis: redisPid ? cpuTicks(redisPid) : 0,
      machine: machineTicks(),
    };
    clearInterval(sampler);
    rssSamples.push(rssKb(relay.pid));
    const loadgenKb = loadgens.map((g) => rssKb(g.pid));
    await sleep(TAIL_S * 1000); // deliveries of the window's last events
    const reports = await Promise.all(loadgens.map((g) => g.report()));
    const health1 = await relay.health();

    // The window's events, from the streams themselves.
    const expected: number[] = [];
    for (const id of games) {
      const entries = await redis.xrange(gameKeys(id).public, "-", "+");
      expected.push(
        entries.filter(([, f]) => {
          const t = Number(f[f.indexOf("t") + 1]);
          return t >= windowStart && t < windowEnd;
        }).length,
      );
    }

    // Figures.
    const hist = new Map<number, number>();
    for (const r of reports) for (const [ms, c] of r.hist) hist.set(ms, (hist.get(ms) ?? 0) + c);
    const bySecond: Map<number, number>[] = Array.from({ length: WINDOW_S }, () => new Map());
    for (const r of reports) {
      for (const [k, ms, c] of r.bySecond) bySecond[k].set(ms, (bySecond[k].get(ms) ?? 0) + c);
    }
    const deliveries = [...hist.values()].reduce((a, b) => a + b, 0);
    const q = (x: number) => histQuantile(hist, x);
    const maxDelay = Math.max(...reports.map((r) => r.maxDelay));
    const held = reports.reduce((a, r) => a + r.held, 0);
    const joined = reports.reduce((a, r) => a + r.joined, 0);
    let want = 0;
    let gotHeld = 0;
    for (let i = 0; i < games.length; i++) {
      for (const r of reports) {
        want += r.heldByTable[i] * expected[i];
        gotHeld += r.gotByTable[i];
      }
    }
    const missing = want - gotHeld;
    const gaps = reports.reduce((a, r) => a + r.gaps, 0);
    const sum = (key: "closes" | "errorFrames") => {
      const out: Record<string, number> = {};
      for (const r of reports) {
        for (const [k, v] of Object.entries(r[key])) out[k] = (out[k] ?? 0) + v;
      }
      return out;
    };
    rssSamples.sort((a, b) => a - b);
    heapSamples.sort((a, b) => a - b);
    const slopeKb = slope(rampRss);
    const steadyKb = percentile(rssSamples, 0.5);
    const kbPerSpectator = (steadyKb - baselineKb) / Math.max(1, held);
    const heapKbPerSpectator = (percentile(heapSamples, 0.5) - health0.heapUsed) / 1024 /
      Math.max(1, held);
    const relayCpu = pct(cpu1.relay - cpu0.relay, seconds);
    const loadgenCpus = loadgens.map((_, i) => pct(cpu1.loadgens[i] - cpu0.loadgens[i], seconds));
    const loadgenCpu = loadgenCpus.reduce((a, b) => a + b, 0);
    const selfCpu = pct(cpu1.self - cpu0.self, seconds);
    const redisCpu = redisPid ? pct(cpu1.redis - cpu0.redis, seconds) : NaN;
    const allCpu = ((cpu1.machine.procs - cpu0.machine.procs) /
      (cpu1.machine.total - cpu0.machine.total)) * 100 * navigator.hardwareConcurrency;
    const otherCpu = Math.max(0, allCpu - relayCpu - loadgenCpu - selfCpu - (redisCpu || 0));
    appendMs.sort((a, b) => a - b);
    const appends = expected.reduce((a, b) => a + b, 0);

    console.log(
      `spectators: ${held} held of ${SPECTATORS} (${joined} joined; the relay counts ${health1.spectators} ` +
        `on ${health1.feeds} feeds, dropped ${health1.dropped}, refused ${health1.refused})`,
    );
    console.log(
      `window: ${appends} events appended in ${seconds.toFixed(1)} s (${
        (appends / seconds).toFixed(1)
      }/s), ${deliveries} deliveries (${
        (deliveries / seconds).toFixed(0)
      }/s); missing ${missing}, ` +
        `version gaps ${gaps}; append (MULTI) p99 ${ms1(percentile(appendMs, 0.99))} ms, max ${
          ms1(appendMs[appendMs.length - 1] ?? NaN)
        } ms`,
    );
    console.log(
      `append → delivery: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, ` +
        `p99.9 ${q(0.999)} ms, max ${maxDelay} ms`,
    );
    console.log(
      `relay RSS: ${(baselineKb / 1024).toFixed(1)} MB before the spectators, ${
        (steadyKb / 1024).toFixed(1)
      } MB steady (median; ${(rssSamples[0] / 1024).toFixed(1)} – ${
        (rssSamples[rssSamples.length - 1] / 1024).toFixed(1)
      } MB): ${kbPerSpectator.toFixed(1)} KB per spectator; JS heap ${
        (health0.heapUsed / 1024 / 1024).toFixed(1)
      } → ${(percentile(heapSamples, 0.5) / 1024 / 1024).toFixed(1)} MB (${
        heapKbPerSpectator.toFixed(1)
      } KB per spectator)`,
    );
    console.log(
      `  marginal: the slope of the relay's RSS over the ramp, ${
        slopeKb.toFixed(1)
      } KB per spectator (${rampRss.length} samples; garbage of the handshakes included)`,
    );
    console.log(
      `CPU over the window (100% = one core, two cores): relay ${relayCpu.toFixed(0)}%, ` +
        `load generators ${loadgenCpu.toFixed(0)}% (${
          loadgenCpus.map((c) => c.toFixed(0)).join(" + ")
        }), redis ${redisCpu.toFixed(0)}%, writers (this process) ${selfCpu.toFixed(0)}%, ` +
        `other ${otherCpu.toFixed(0)}%`,
    );
    const timeline = (xs: number[]) => xs.map((x) => Math.round(x)).join(" ");
    console.log(
      `per second, p99 ms: ${timeline(bySecond.map((h) => histQuantile(h, 0.99)))}`,
    );
    console.log(`per second, relay CPU %: ${timeline(perSecond.map((s) => pct(s.relay, 1)))}`);
    console.log(
      `per second, load generators CPU %: ${timeline(perSecond.map((s) => pct(s.loadgens, 1)))}`,
    );
    console.log(
      `per second, other processes CPU % (Redis and the writers included): ${
        timeline(perSecond.map((s) => s.others))
      }`,
    );
    // A shared machine: the seconds in which other processes took more than a quarter of a core
    // (and the second after), left out of a diagnostic p99. The headline figures keep them.
    const busy = (k: number) =>
      (perSecond[k]?.others ?? 0) > 25 || (perSecond[k - 1]?.others ?? 0) > 25;
    const calm = new Map<number, number>();
    let calmSeconds = 0;
    bySecond.forEach((h, k) => {
      if (busy(k)) return;
      calmSeconds++;
      for (const [ms, c] of h) calm.set(ms, (calm.get(ms) ?? 0) + c);
    });
    console.log(
      `  over the ${calmSeconds} of ${WINDOW_S} seconds without other busy processes: p50 ${
        histQuantile(calm, 0.5)
      } ms, p99 ${histQuantile(calm, 0.99)} ms`,
    );
    console.log(
      `per second, longest append to Redis ms: ${
        timeline(Array.from({ length: WINDOW_S }, (_, k) => appendMaxBySecond[k] ?? 0))
      }`,
    );
    console.log(
      `per second, relay /health round trip ms: ${timeline(perSecond.map((s) => s.healthMs))}`,
    );
    console.log(
      `per second, load generators' longest event-loop lag ms: ${
        timeline(perSecond.map((_, k) => Math.max(...reports.map((r) => r.lagBySecond[k] ?? 0))))
      }`,
    );
    if (Deno.args.includes("--trace-gc")) {
      const inWindow = relay.gcs.filter((g) => g.at >= windowStart && g.at < windowEnd);
      const kinds = new Map<string, { n: number; ms: number }>();
      for (const g of inWindow) {
        const k = kinds.get(g.kind) ?? { n: 0, ms: 0 };
        k.n++;
        k.ms += g.pauseMs;
        kinds.set(g.kind, k);
      }
      console.log(
        `relay GCs in the window: ${
          [...kinds].map(([kind, k]) => `${k.n} ${kind} (${k.ms.toFixed(0)} ms)`).join(", ")
        }; the longest pauses: ${
          [...inWindow].sort((a, b) => b.pauseMs - a.pauseMs).slice(0, 8).map((g) =>
            `${g.pauseMs.toFixed(0)} ms ${g.kind} at ${((g.at - windowStart) / 1000).toFixed(1)} s`
          ).join(", ")
        }`,
      );
    }
    console.log(`per second, relay RSS MB: ${timeline(perSecond.map((s) => s.rssMb))}`);
    console.log(`per second, relay JS heap MB: ${timeline(perSecond.map((s) => s.heapMb))}`);
    console.log(
      `load generators: RSS ${loadgenKb.map((k) => (k / 1024).toFixed(0)).join(" + ")} MB, ${
        reports.reduce((a, r) => a + r.frames, 0)
      } frames received in all, ` +
        `event-loop lag p99 ${reports.map((r) => ms1(r.lagP99)).join(" / ")} ms, max ${
          reports.map((r) => ms1(r.lagMax)).join(" / ")
        } ms; closes ${JSON.stringify(sum("closes"))}, error frames ${
          JSON.stringify(sum("errorFrames"))
        }`,
    );
    if (ranOut > 0) console.log(`  warning: ${ranOut} tables ran out of events`);
    if (otherCpu > 20) console.log("  warning: other processes were busy during the window");
    const said = relay.log.filter((l) => l.trim() !== "" && !l.includes("baloot relay"));
    if (said.length > 0) {
      console.log(`the relay printed ${said.length} lines, the first ones:`);
      for (const l of said.slice(0, 10)) console.log(`  | ${l.slice(0, 300)}`);
    }
    const met = held >= GOAL.spectators && q(0.99) <= GOAL.p99_ms && kbPerSpectator <= GOAL.kb &&
      missing === 0 && gaps === 0;
    console.log(
      `goal (≥ ${GOAL.spectators} spectators, p99 ≤ ${GOAL.p99_ms} ms, ≤ ${GOAL.kb} KB per ` +
        `spectator, nothing missing): ${met ? "met" : "not met"}${
          SPECTATORS < GOAL.spectators
            ? ` (this run holds ${SPECTATORS}: the goal is the full run's; the relay's fixed ` +
              "costs weigh more per spectator in a small run)"
            : ""
        }`,
    );
    console.log(JSON.stringify({
      bench: "relay",
      quick,
      spectators: SPECTATORS,
      held,
      relay_spectators: health1.spectators,
      dropped: health1.dropped,
      tables: TABLES,
      interval_ms: INTERVAL_MS,
      seconds: Math.round(seconds),
      deliveries,
      deliveries_per_sec: Math.round(deliveries / seconds),
      missing,
      p50_ms: q(0.5),
      p90_ms: q(0.9),
      p99_ms: q(0.99),
      max_ms: maxDelay,
      relay_rss_mb: Math.round(steadyKb / 1024),
      kb_per_spectator: ms1(kbPerSpectator),
      heap_kb_per_spectator: ms1(heapKbPerSpectator),
      ramp_slope_kb_per_spectator: ms1(slopeKb),
      p99_ms_calm_seconds: histQuantile(calm, 0.99),
      calm_seconds: calmSeconds,
      relay_cpu_pct: Math.round(relayCpu),
      loadgen_cpu_pct: Math.round(loadgenCpu),
      redis_cpu_pct: Math.round(redisCpu),
      other_cpu_pct: Math.round(otherCpu),
      ramp_s: ms1(rampS),
      goal_spectators: GOAL.spectators,
      goal_p99_ms: GOAL.p99_ms,
      goal_kb: GOAL.kb,
    }));
  } catch (e) {
    console.error("relay bench failed:", e);
    console.error(relay.log.slice(-40).join("\n"));
    exitCode = 1;
  } finally {
    stopping = true;
    await Promise.all(loadgens.map((g) => g.stop()));
    await relay.stop();
    await Promise.all(tablesDone);
    await redis.flushdb().catch(() => {});
    redis.disconnect();
  }
  return exitCode;
}

if (import.meta.main) {
  if (Deno.args[0] === "--loadgen") await loadgen(JSON.parse(Deno.args[1]));
  else Deno.exit(await bench());
}
