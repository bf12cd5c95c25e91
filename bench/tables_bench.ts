/**
 * Concurrent tables on one server process (`deno task bench:tables [--quick] [--tables N]`).
 *
 * Starts a dedicated `redis-server` (the project's `redis.conf`, in a temporary directory, on a
 * random port) and ONE `server/main.ts` process (`BRAIN=off`, turn timers of ten minutes so no
 * seat ever times out, a 500 ms pause between hands). This process is the load generator: N
 * private tables of four `TableClient`s over real WebSockets, the host creating the table and
 * three players joining by its invite code, opened at 50 tables per second. Every seat is a
 * bench client (no bot seat). When a seat is on turn its client picks a legal command uniformly
 * (seeded) from `legalCommands` on its own folded view and sends it once at least 1 s has passed
 * since the table's previous move (each table's first move is staggered randomly over 1 s), so
 * every table makes about one move per second. A finished match is followed by a rematch (all
 * four vote), so the number of live tables stays N.
 *
 * Latency of a move: from the send of its command to the moment the last of the table's four
 * clients received the `events` frame holding its first event (version = the sender's version
 * + 1), measured over a steady window after the ramp (60 s; 20 s with `--quick`). The
 * acknowledgement latency (send → `ack` at the sender) is reported beside it.
 *
 * Memory: the server's VmRSS before the first table and at steady state (the median of one
 * sample a second over the window: RSS swings with uncollected garbage); per table = the
 * difference / N. CPU of the server, Redis and this load generator over the window, from
 * `/proc/<pid>/stat` (100% = one core; the machine has two, shared by all three).
 *
 * Goal: ≥ 1,000 concurrent tables at one move per second each, p99 ≤ 100 ms (move sent
 * → all four clients received it), ≤ 100 KB of server memory per table. Ends with one JSON line.
 *
 * The summary also gives, per second of the window, the p99 and the CPU of the server and of the
 * load generator, and the load generator's JS heap: its major GCs (a drop of the heap) take the
 * cores from the server, and the moves around them are the worst of a run; the p99 without those
 * seconds is given beside the real one, as a diagnostic.
 *
 * Options: `--quick` (100 tables, 20 s window: under a minute), `--tables N`, `--seconds S`
 * (window), `--rate R` (tables opened per second), `--target P` (match target: 21 makes many
 * rematches), `--redis URL` (that Redis instead of a dedicated one; its database is flushed
 * first, so never point it at data you keep).
 *
 * Diagnostics (they perturb the figures): `--inspect` runs the server under the V8 inspector and
 * reports its event-loop lag and its memory after a full GC, before the tables and at steady
 * state; `--profile` also records a CPU profile of the server over the window and prints the
 * functions with the most self time (the `.cpuprofile` file opens in Chrome DevTools);
 * `--heap-snapshot` also compares heap snapshots of the server before the tables and at steady
 * state, by constructor (the snapshots inflate the RSS figures). `--server-main PATH` runs
 * another `server/main.ts` (a patched copy of the workspace, to measure a candidate change);
 * `--server-v8-flags FLAGS` passes V8 flags to the server.
 */

import { percentile } from "./_stats.ts";
import { ChaChaStream, deriveSeed, fromHex, legalCommands, type Seat } from "@baloot/rules";
import { type ClientCommand, TableClient } from "@baloot/client";
import { SERVER_V8_FLAGS } from "@baloot/server/config";
import { cpuTicks, freePort, machineTicks, option, pct, rssKb, stopChild } from "./_proc.ts";

// ---------------------------------------------------------------------------------------------
// Options

const quick = Deno.args.includes("--quick");
const TABLES = Number(option("--tables") ?? (quick ? 100 : 1000));
const WINDOW_S = Number(option("--seconds") ?? (quick ? 20 : 60));
const RAMP_PER_S = Number(option("--rate") ?? 50);
const SETTLE_S = quick ? 3 : 5;
const MOVE_GAP_MS = 1000;
const LOST_AFTER_MS = 10_000;
const EXTERNAL_REDIS = option("--redis");
/** The match target (points): a low one makes many rematches. */
const TARGET = option("--target") ? Number(option("--target")) : undefined;
/** Diagnostics through the server's inspector: its V8 heap after a full GC, a CPU profile. */
const PROFILE = Deno.args.includes("--profile");
const HEAP_SNAPSHOT = Deno.args.includes("--heap-snapshot");
const INSPECT = Deno.args.includes("--inspect") || PROFILE || HEAP_SNAPSHOT;
const SERVER_MAIN = option("--server-main") ??
  new URL("../server/main.ts", import.meta.url).pathname;
const SERVER_FLAGS = option("--server-v8-flags") ?? SERVER_V8_FLAGS;
if (!(TABLES > 0 && WINDOW_S > 0 && RAMP_PER_S > 0)) {
  throw new Error("--tables, --seconds and --rate take positive numbers");
}

const GOAL = { tables: 1000, p99_ms: 100, kb_per_table: 100 };

// ---------------------------------------------------------------------------------------------
// Processes: /proc figures

// ---------------------------------------------------------------------------------------------
// A dedicated Redis

interface RedisProcess {
  readonly url: string;
  readonly pid: number | null;
  stop(): Promise<void>;
}

async function redisPing(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      await conn.write(new TextEncoder().encode("PING\r\n"));
      const buf = new Uint8Array(64);
      const n = await conn.read(buf);
      return n !== null && new TextDecoder().decode(buf.subarray(0, n)).startsWith("+PONG");
    } finally {
      conn.close();
    }
  } catch {
    return false;
  }
}

/** Parses `count` RESP replies (simple, error, integer or bulk strings) if all have arrived. */
function respReplies(text: string, count: number): string[] | null {
  const out: string[] = [];
  let at = 0;
  while (out.length < count) {
    const eol = text.indexOf("\r\n", at);
    if (eol < 0) return null;
    if (text[at] !== "$") {
      out.push(text.slice(at, eol));
      at = eol + 2;
      continue;
    }
    const len = Number(text.slice(at + 1, eol));
    if (len < 0) {
      out.push("");
      at = eol + 2;
      continue;
    }
    if (text.length < eol + 2 + len + 2) return null;
    out.push(text.slice(eol + 2, eol + 2 + len));
    at = eol + 2 + len + 2;
  }
  return out;
}

/** Sends one command to a Redis URL (selecting its database); returns its reply as text. */
async function redisCommand(url: string, ...args: string[]): Promise<string> {
  const u = new URL(url);
  const conn = await Deno.connect({ hostname: u.hostname, port: Number(u.port || 6379) });
  try {
    const db = u.pathname.slice(1);
    const cmds = db ? [["SELECT", db], args] : [args];
    const resp = (c: string[]) =>
      `*${c.length}\r\n${c.map((a) => `$${a.length}\r\n${a}\r\n`).join("")}`;
    await conn.write(new TextEncoder().encode(cmds.map(resp).join("")));
    let text = "";
    const buf = new Uint8Array(65536);
    const decoder = new TextDecoder();
    let replies: string[] | null = null;
    while ((replies = respReplies(text, cmds.length)) === null) {
      const n = await conn.read(buf);
      if (n === null) throw new Error("redis closed the connection");
      text += decoder.decode(buf.subarray(0, n), { stream: true });
    }
    const error = replies.find((r) => r.startsWith("-"));
    if (error) throw new Error(`redis: ${error}`);
    return replies[replies.length - 1];
  } finally {
    conn.close();
  }
}

/** Fields of Redis `INFO` sections. */
async function redisInfo(url: string): Promise<Map<string, string>> {
  const text = await redisCommand(url, "INFO", "all");
  return new Map(
    text.split("\r\n").filter((l) => l.includes(":")).map((l) => {
      const i = l.indexOf(":");
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
}

async function startRedis(): Promise<RedisProcess> {
  if (EXTERNAL_REDIS) {
    await redisCommand(EXTERNAL_REDIS, "FLUSHDB");
    return { url: EXTERNAL_REDIS, pid: null, stop: () => Promise.resolve() };
  }
  const port = freePort();
  const dir = await Deno.makeTempDir({ prefix: "baloot-bench-redis-" });
  const conf = new URL("../redis.conf", import.meta.url).pathname;
  const child = new Deno.Command("redis-server", {
    args: [conf, "--port", String(port), "--dir", dir, "--daemonize", "no", "--save", ""],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const end = Date.now() + 10_000;
  while (!(await redisPing(port))) {
    if (Date.now() > end) throw new Error("the dedicated redis-server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      await child.status;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The server process

interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  readonly inspectPort: number;
  readonly log: string[];
  stop(): Promise<void>;
}

async function startServer(redisUrl: string): Promise<ServerProcess> {
  const port = freePort();
  const inspectPort = INSPECT ? freePort() : 0;
  const archive = await Deno.makeTempDir({ prefix: "baloot-bench-archive-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []),
      ...(SERVER_FLAGS ? [`--v8-flags=${SERVER_FLAGS}`] : []),
      SERVER_MAIN,
    ],
    env: {
      PORT: String(port),
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      REDIS_URL: redisUrl,
      ARCHIVE_DIR: archive,
      BRAIN: "off",
      // Nobody times out and no bot ever plays: every seat is a bench client.
      TURN_MS: "600000",
      CALL_MS: "600000",
      BOT_DELAY_MS: "600000",
      HAND_PAUSE_MS: "500",
      QUICK_FILL_MS: "600000",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log: string[] = [];
  let ready: () => void = () => {};
  const started = new Promise<void>((r) => (ready = r));
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      const text = decoder.decode(chunk);
      if (log.length < 1000) log.push(text);
      if (text.includes("baloot server")) ready();
    }
    ready();
  };
  pump(child.stdout);
  pump(child.stderr);
  const timeout = setTimeout(ready, 60_000);
  await started;
  clearTimeout(timeout);
  if (!log.join("").includes("baloot server")) {
    try {
      child.kill("SIGKILL");
    } catch { /* gone */ }
    throw new Error(`the server did not start:\n${log.join("")}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    inspectPort,
    log,
    async stop() {
      await stopChild(child, 20_000);
      await Deno.remove(archive, { recursive: true }).catch(() => {});
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The server's inspector (diagnostics only)

/** A Chrome DevTools Protocol session with the server process. */
class Inspector {
  #id = 0;
  #chunks: string[] = [];
  readonly #waiting = new Map<number, (r: { result?: unknown; error?: unknown }) => void>();
  private constructor(readonly ws: WebSocket) {
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.method === "HeapProfiler.addHeapSnapshotChunk") this.#chunks.push(m.params.chunk);
      const done = this.#waiting.get(m.id);
      if (done) {
        this.#waiting.delete(m.id);
        done(m);
      }
    };
  }

  static async connect(port: number): Promise<Inspector> {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const ws = new WebSocket(list[0].webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    return new Inspector(ws);
  }

  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.#id;
    const reply = new Promise<{ result?: unknown; error?: unknown }>((r) =>
      this.#waiting.set(id, r)
    );
    this.ws.send(JSON.stringify({ id, method, params }));
    const m = await reply;
    if (m.error) throw new Error(`${method}: ${JSON.stringify(m.error)}`);
    return m.result as T;
  }

  /** The server's memory after a full garbage collection (bytes). */
  async memoryAfterGc(): Promise<Deno.MemoryUsage> {
    await this.call("HeapProfiler.collectGarbage");
    return JSON.parse(await this.evaluate<string>("JSON.stringify(Deno.memoryUsage())"));
  }

  /** A heap snapshot of the server (after a full GC), as JSON text. */
  async heapSnapshot(): Promise<string> {
    this.#chunks = [];
    await this.call("HeapProfiler.enable");
    await this.call("HeapProfiler.collectGarbage");
    await this.call("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    const text = this.#chunks.join("");
    this.#chunks = [];
    return text;
  }

  /** Evaluates `expression` in the server's main realm; returns its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.call<{ result: { value: T } }>("Runtime.evaluate", {
      expression,
      returnByValue: true,
    });
    return r.result.value;
  }

  /** Starts an event-loop lag monitor in the server (a 50 ms interval timer's lateness). */
  async watchLag(): Promise<void> {
    await this.evaluate(`{
      const lag = globalThis.__benchLag = { xs: [], t: performance.now() };
      setInterval(() => {
        const now = performance.now();
        lag.xs.push(now - lag.t - 50);
        lag.t = now;
      }, 50);
    }`);
  }

  /** The server's event-loop lag since the last call: p99 and max (ms). */
  async lag(): Promise<{ p99: number; max: number }> {
    return await this.evaluate(`(() => {
      const xs = globalThis.__benchLag.xs.sort((a, b) => a - b);
      globalThis.__benchLag.xs = [];
      return { p99: xs[Math.floor(0.99 * xs.length)] ?? 0, max: xs[xs.length - 1] ?? 0 };
    })()`);
  }

  close(): void {
    this.ws.close();
  }
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  samples: number[];
  timeDeltas: number[];
}

type HeapSummary = Map<string, { bytes: number; count: number }>;

/** Self size and count of each constructor (or node kind) in a heap snapshot. */
function heapSummary(text: string): HeapSummary {
  const snap = JSON.parse(text) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [fType, fName, fSize] = ["type", "name", "self_size"].map((k) => fields.indexOf(k));
  const types = snap.snapshot.meta.node_types[0];
  const sizes: HeapSummary = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + fType]];
    const name = snap.strings[snap.nodes[i + fName]];
    const key = type === "object" && !name.startsWith("system / Context")
      ? name.slice(0, 60)
      : type === "native"
      ? name.replace(/ @\d+$/, "").slice(0, 60)
      : `(${type})`;
    const e = sizes.get(key) ?? { bytes: 0, count: 0 };
    e.bytes += snap.nodes[i + fSize];
    e.count++;
    sizes.set(key, e);
  }
  return sizes;
}

/** What the tables added to the heap, per table, by constructor: printable lines. */
function heapGrowth(before: HeapSummary, after: HeapSummary, tables: number, n: number): string[] {
  const rows = [...after.entries()].map(([k, a]) => {
    const b = before.get(k) ?? { bytes: 0, count: 0 };
    return { k, bytes: (a.bytes - b.bytes) / tables, count: (a.count - b.count) / tables };
  });
  const total = rows.reduce((x, r) => x + r.bytes, 0);
  return [
    `per table: ${(total / 1024).toFixed(1)} KB of JS heap; the largest parts (KB, objects):`,
    ...rows.sort((x, y) => y.bytes - x.bytes).slice(0, n).map((r) =>
      `${(r.bytes / 1024).toFixed(2).padStart(7)} KB ${r.count.toFixed(1).padStart(7)}  ${r.k}`
    ),
  ];
}

/** The functions with the most self time in a CPU profile, as printable lines. */
function topFunctions(profile: CpuProfile, n: number): string[] {
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byNode.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url.replace(/^.*\/(registry\.npmjs\.org|work\/main)\//, "");
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) =>
    `${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`
  );
}

// ---------------------------------------------------------------------------------------------
// Figures

const errors = {
  open: 0, // a table that could not be opened (create, invite, join)
  refused: 0, // a command the server refused
  lost: 0, // a move not delivered to all four clients within 10 s
  disconnects: 0, // a client connection dropped, moved or closed by the server
};
const refusals = new Map<string, number>();
const firstErrors: string[] = [];
function noteError(kind: keyof typeof errors, detail: string): void {
  errors[kind]++;
  if (firstErrors.length < 10) firstErrors.push(`${kind}: ${detail}`);
}

/** Latencies of moves sent inside the window (ms). */
const latencies: number[] = [];
const ackLatencies: number[] = [];
/** Per second of the window: the latencies of the moves sent in it. */
const bySecond: number[][] = [];
let windowStart = Infinity;
let windowEnd = Infinity;
let stopping = false;
let movesSent = 0;
let rematches = 0;
const inWindow = (t: number) => t >= windowStart && t < windowEnd;

const rng = new ChaChaStream(fromHex(deriveSeed("tables-bench", 1))!);

// ---------------------------------------------------------------------------------------------
// The load generator: one table of four clients

interface Pending {
  /** The version of the move's first event. */
  readonly v: number;
  readonly t0: number;
  /** Bit i: client i received it. */
  got: number;
  last: number;
}

class BenchTable {
  readonly clients: TableClient[] = [];
  /** Last game each client voted a rematch for. */
  readonly #voted: (string | null)[] = [null, null, null, null];
  #pending: Pending | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the previous move was sent (performance.now); first moves are staggered over 1 s. */
  #lastSent = performance.now() - MOVE_GAP_MS + rng.nextInt(MOVE_GAP_MS);
  lastProgress = performance.now();
  open = false;

  constructor(readonly index: number, endpoint: string) {
    for (let i = 0; i < 4; i++) {
      this.clients.push(
        new TableClient({
          endpoints: [endpoint],
          name: `T${index}-${i}`,
          onFrame: (type, body) => this.#frame(i, type, body),
          onView: () => this.#view(i),
          onStatus: (s) => {
            if (!stopping && (s === "reconnecting" || s === "moving" || s === "closed")) {
              noteError("disconnects", `table ${index} client ${i}: ${s}`);
            }
          },
        }),
      );
    }
  }

  /** Creates the table, seats the three others by invite code, starts the match. */
  async start(): Promise<void> {
    const [host, ...others] = this.clients;
    await host.createPrivate(TARGET ? { target: TARGET } : {});
    const state = () => host.room?.state as { code?: string } | undefined;
    const end = Date.now() + 10_000;
    while (!state()?.code) {
      if (Date.now() > end) throw new Error("no invite code in the room state");
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(others.map((c) => c.joinInvite(state()!.code!)));
    this.open = true;
    host.start();
  }

  #frame(i: number, type: string, body: unknown): void {
    const p = this.#pending;
    if (type !== "events" || p === null || (p.got & (1 << i)) !== 0) return;
    const events = (body as { events: readonly { v: number }[] }).events;
    if (events.length === 0 || events[events.length - 1].v < p.v) return;
    const now = performance.now();
    p.got |= 1 << i;
    if (now > p.last) p.last = now;
    if (p.got === 15) {
      this.#pending = null;
      this.lastProgress = now;
      if (inWindow(p.t0)) {
        latencies.push(p.last - p.t0);
        (bySecond[Math.floor((p.t0 - windowStart) / 1000)] ??= []).push(p.last - p.t0);
      }
      this.#schedule();
    }
  }

  #view(i: number): void {
    const c = this.clients[i];
    if (c.view?.phase === "OVER" && c.gameId !== null && this.#voted[i] !== c.gameId) {
      this.#voted[i] = c.gameId;
      if (i === 0) rematches++;
      c.rematch();
      return;
    }
    this.#schedule();
  }

  /** The client whose seat is on turn in its own view, if any. */
  #onTurn(): TableClient | null {
    for (const c of this.clients) {
      const v = c.view;
      if (c.seat !== null && v !== null && v.phase !== "OVER" && v.hand?.toAct === c.seat) {
        return c;
      }
    }
    return null;
  }

  #schedule(): void {
    if (stopping || !this.open || this.#pending !== null || this.#timer !== undefined) return;
    if (this.#onTurn() === null) return; // a deal is due, or views are still catching up
    const wait = Math.max(0, this.#lastSent + MOVE_GAP_MS - performance.now());
    this.#timer = setTimeout(() => this.#move(), wait);
  }

  #move(): void {
    this.#timer = undefined;
    if (stopping || this.#pending !== null) return;
    const c = this.#onTurn();
    if (c === null) return; // views moved on; the next view change schedules again
    const seat = c.seat as Seat;
    const legal = legalCommands(c.view!, seat);
    if (legal.length === 0) return;
    const { seat: _, ...command } = legal[rng.nextInt(legal.length)];
    const t0 = performance.now();
    const p: Pending = { v: c.version + 1, t0, got: 0, last: 0 };
    this.#pending = p;
    this.#lastSent = t0;
    movesSent++;
    c.send(command as ClientCommand).then((r) => {
      if (r.ok) {
        if (inWindow(t0)) ackLatencies.push(performance.now() - t0);
        return;
      }
      if (stopping) return;
      refusals.set(r.code, (refusals.get(r.code) ?? 0) + 1);
      noteError(
        "refused",
        `table ${this.index} ${JSON.stringify(command)}: ${r.code} ${r.message}`,
      );
      if (this.#pending === p) {
        this.#pending = null;
        this.#schedule();
      }
    });
  }

  /** Gives up on a move nobody received in time (counted), so the table goes on. */
  watchdog(now: number): void {
    const p = this.#pending;
    if (p !== null && now - p.t0 > LOST_AFTER_MS) {
      noteError("lost", `table ${this.index}: version ${p.v} reached clients ${p.got.toString(2)}`);
      this.#pending = null;
      this.#schedule();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    await Promise.all(this.clients.map((c) => c.leave()));
  }
}

// ---------------------------------------------------------------------------------------------
// The run

const ms1 = (x: number) => Math.round(x * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const load = Deno.loadavg();
console.log(
  `tables bench: ${TABLES} tables × 4 clients, one move/s per table, ${WINDOW_S} s window` +
    ` (load average now ${load.map((x) => x.toFixed(2)).join(" ")})`,
);

const redis = await startRedis();
const server = await startServer(redis.url);
const tables: BenchTable[] = [];
let inspector: Inspector | null = null;
let exitCode = 0;
try {
  await sleep(1000); // let the fresh process settle before its baseline
  const baselineKb = rssKb(server.pid);
  const redisBaselineKb = redis.pid ? rssKb(redis.pid) : NaN;
  inspector = INSPECT ? await Inspector.connect(server.inspectPort) : null;
  const heap0 = inspector ? await inspector.memoryAfterGc() : null;
  const snapshot0 = HEAP_SNAPSHOT ? heapSummary(await inspector!.heapSnapshot()) : null;
  await inspector?.watchLag();
  console.log(
    `server pid ${server.pid} at ${server.url}, RSS ${(baselineKb / 1024).toFixed(1)} MB`,
  );

  // Event-loop lag of this process (a late timer here delays every receive time it records).
  const lags: number[] = [];
  /** The longest lag seen in each second of the window. */
  const lagBySecond: number[] = [];
  let tick = performance.now();
  const lagTimer = setInterval(() => {
    const now = performance.now();
    if (inWindow(now)) {
      lags.push(now - tick - 50);
      const k = Math.floor((now - windowStart) / 1000);
      lagBySecond[k] = Math.max(lagBySecond[k] ?? 0, now - tick - 50);
    }
    tick = now;
  }, 50);

  // Ramp: open tables at RAMP_PER_S.
  const rampStart = performance.now();
  const opening: Promise<void>[] = [];
  for (let i = 0; i < TABLES; i++) {
    const t = new BenchTable(i, server.url);
    tables.push(t);
    opening.push(
      t.start().catch((e) => noteError("open", `table ${i}: ${e?.message ?? e}`)),
    );
    const due = rampStart + ((i + 1) * 1000) / RAMP_PER_S;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if ((i + 1) % Math.max(1, Math.round(RAMP_PER_S * 5)) === 0) {
      console.log(`  ${i + 1} tables opening…`);
    }
  }
  await Promise.all(opening);
  const opened = tables.filter((t) => t.open).length;
  console.log(
    `ramp: ${opened}/${TABLES} tables open in ${
      ((performance.now() - rampStart) / 1000).toFixed(1)
    } s`,
  );

  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const t of tables) t.watchdog(now);
  }, 1000);

  await sleep(SETTLE_S * 1000);

  // The steady window.
  windowStart = performance.now();
  windowEnd = windowStart + WINDOW_S * 1000;
  const sentBefore = movesSent;
  const info0 = await redisInfo(redis.url);
  const cpu0 = {
    server: cpuTicks(server.pid),
    self: cpuTicks("self"),
    redis: redis.pid ? cpuTicks(redis.pid, true) : 0,
    machine: machineTicks(),
  };
  const perSecond: { server: number; self: number; heapMb: number }[] = [];
  let prev = { server: cpu0.server, self: cpu0.self };
  const sampler = setInterval(() => {
    const now = { server: cpuTicks(server.pid), self: cpuTicks("self") };
    perSecond.push({
      server: now.server - prev.server,
      self: now.self - prev.self,
      heapMb: Deno.memoryUsage().heapUsed / 1024 / 1024,
    });
    prev = now;
  }, 1000);
  await inspector?.lag(); // from here on
  if (PROFILE) {
    await inspector!.call("Profiler.enable");
    await inspector!.call("Profiler.setSamplingInterval", { interval: 500 });
    await inspector!.call("Profiler.start");
  }
  // RSS swings with the garbage the server has not collected yet: its median over the window.
  const rssSamples: number[] = [];
  const rssSampler = setInterval(() => rssSamples.push(rssKb(server.pid)), 1000);
  await sleep(WINDOW_S * 1000);
  const seconds = (performance.now() - windowStart) / 1000;
  const cpu1 = {
    server: cpuTicks(server.pid),
    self: cpuTicks("self"),
    redis: redis.pid ? cpuTicks(redis.pid, true) : 0,
    machine: machineTicks(),
  };
  const sentInWindow = movesSent - sentBefore;
  const info1 = await redisInfo(redis.url);
  rssSamples.push(rssKb(server.pid));
  rssSamples.sort((a, b) => a - b);
  const steadyKb = percentile(rssSamples, 0.5);
  const peakKb = rssSamples[rssSamples.length - 1];
  const lowKb = rssSamples[0];
  const redisSteadyKb = redis.pid ? rssKb(redis.pid) : NaN;
  const selfKb = rssKb("self");
  const serverLag = inspector ? await inspector.lag() : null;
  let profileLines: string[] = [];
  if (PROFILE) {
    const { profile } = await inspector!.call<{ profile: CpuProfile }>("Profiler.stop");
    const path = await Deno.makeTempFile({ prefix: "tables-bench-server-", suffix: ".cpuprofile" });
    await Deno.writeTextFile(path, JSON.stringify(profile));
    profileLines = [`server CPU profile over the window (${path}), self time:`];
    profileLines.push(...topFunctions(profile, 25).map((l) => `  ${l}`));
  }
  const heap1 = inspector ? await inspector.memoryAfterGc() : null;
  if (HEAP_SNAPSHOT) {
    const text = await inspector!.heapSnapshot();
    const path = await Deno.makeTempFile({
      prefix: "tables-bench-server-",
      suffix: ".heapsnapshot",
    });
    await Deno.writeTextFile(path, text);
    profileLines.push(`server heap snapshot at steady state (${path}), growth since the baseline`);
    profileLines.push(
      ...heapGrowth(snapshot0!, heapSummary(text), opened, 40).map((l) => `  ${l}`),
    );
  }
  clearInterval(sampler);
  clearInterval(rssSampler);
  await sleep(Math.min(LOST_AFTER_MS, 2000)); // replies to the window's last moves
  clearInterval(lagTimer);
  clearInterval(watchdog);
  const stalled = tables.filter((t) => t.open && windowEnd - t.lastProgress > 5000).length;

  // Figures.
  latencies.sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const serverCpu = pct(cpu1.server - cpu0.server, seconds);
  const selfCpu = pct(cpu1.self - cpu0.self, seconds);
  const redisCpu = redis.pid ? pct(cpu1.redis - cpu0.redis, seconds) : NaN;
  const share = (k: "procs" | "irq" | "steal") =>
    ((cpu1.machine[k] - cpu0.machine[k]) / (cpu1.machine.total - cpu0.machine.total)) * 100 *
    navigator.hardwareConcurrency;
  // Everything else on the machine during the window: a busy neighbour spoils the figures.
  const otherCpu = Math.max(
    0,
    share("procs") - serverCpu - selfCpu - (redis.pid ? redisCpu : 0),
  );
  const serverPeakSecond = Math.max(...perSecond.map((s) => pct(s.server, 1)));
  const selfPeakSecond = Math.max(...perSecond.map((s) => pct(s.self, 1)));
  const kbPerTable = (steadyKb - baselineKb) / Math.max(1, opened);
  const p = (q: number) => ms1(percentile(latencies, q));
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);

  console.log(
    `moves measured: ${latencies.length} (${sentInWindow} sent in ${seconds.toFixed(1)} s: ` +
      `${(sentInWindow / seconds).toFixed(0)}/s for ${opened} tables)`,
  );
  console.log(
    `move sent → all four clients received: p50 ${p(0.5)} ms, p90 ${p(0.9)} ms, ` +
      `p99 ${p(0.99)} ms, max ${ms1(latencies[latencies.length - 1] ?? NaN)} ms`,
  );
  console.log(
    `move sent → ack at the sender: p50 ${ms1(percentile(ackLatencies, 0.5))} ms, ` +
      `p99 ${ms1(percentile(ackLatencies, 0.99))} ms`,
  );
  console.log(
    `server RSS: ${(baselineKb / 1024).toFixed(1)} MB before the tables, ` +
      `${(steadyKb / 1024).toFixed(1)} MB steady (median of the window; ${
        (lowKb / 1024).toFixed(1)
      } – ${(peakKb / 1024).toFixed(1)} MB): ` +
      `${kbPerTable.toFixed(1)} KB per table`,
  );
  if (redis.pid) {
    console.log(
      `redis RSS: ${(redisBaselineKb / 1024).toFixed(1)} → ${(redisSteadyKb / 1024).toFixed(1)} MB`,
    );
  }
  console.log(
    `CPU over the window (100% = one core, two cores): server ${serverCpu.toFixed(0)}% ` +
      `(busiest second ${serverPeakSecond.toFixed(0)}%), load generator ${selfCpu.toFixed(0)}% ` +
      `(busiest second ${selfPeakSecond.toFixed(0)}%), redis ${redisCpu.toFixed(0)}%, ` +
      `other processes ${otherCpu.toFixed(0)}%, interrupts ${share("irq").toFixed(0)}%, ` +
      `stolen by the host ${share("steal").toFixed(0)}%`,
  );
  const delta = (k: string) => Number(info1.get(k) ?? 0) - Number(info0.get(k) ?? 0);
  console.log(
    `redis over the window: ${
      (delta("total_commands_processed") / seconds).toFixed(0)
    } commands/s, ${delta("aof_rewrites")} AOF rewrites, ${
      delta("aof_delayed_fsync")
    } delayed fsyncs, ${delta("rdb_saves")} RDB saves, used memory ${
      (Number(info1.get("used_memory") ?? 0) / 1024 / 1024).toFixed(1)
    } MB`,
  );
  const calls = (info: Map<string, string>, k: string) =>
    Number(/calls=(\d+)/.exec(info.get(k) ?? "")?.[1] ?? 0);
  const commands = [...info1.keys()].filter((k) => k.startsWith("cmdstat_")).map((k) => ({
    name: k.slice(8),
    perSec: (calls(info1, k) - calls(info0, k)) / seconds,
  })).sort((a, b) => b.perSec - a.perSec).slice(0, 8);
  console.log(
    `  top commands/s (script calls included): ${
      commands.map((c) => `${c.name} ${c.perSec.toFixed(0)}`).join(", ")
    }`,
  );
  // The load generator's own major GCs (the heap drop in the timeline) take its main thread and
  // its GC threads take the cores from the server: the moves sent in the second of such a GC,
  // or of an event-loop pause over 50 ms, and in the second before it. Diagnostic only.
  const gcIn = (k: number) =>
    k > 0 && k < perSecond.length && perSecond[k].heapMb < 0.75 * perSecond[k - 1].heapMb &&
    perSecond[k - 1].heapMb - perSecond[k].heapMb > 50;
  const hiccup = (k: number) => (lagBySecond[k] ?? 0) > 50 || gcIn(k);
  const paused = (k: number) => hiccup(k) || hiccup(k + 1);
  const calm = bySecond.flatMap((xs, k) => (paused(k) ? [] : xs)).sort((a, b) => a - b);
  const pausedSeconds = bySecond.filter((_, k) => paused(k)).length;
  console.log(
    `  without the ${pausedSeconds} seconds around the load generator's major GCs and pauses: ` +
      `${calm.length} moves, p50 ${ms1(percentile(calm, 0.5))} ms, p99 ${
        ms1(percentile(calm, 0.99))
      } ms, max ${ms1(calm[calm.length - 1] ?? NaN)} ms`,
  );
  const timeline = (xs: number[]) => xs.map((x) => Math.round(x)).join(" ");
  console.log(
    `per second, p99 ms: ${
      timeline(bySecond.map((xs) => percentile(xs.sort((a, b) => a - b), 0.99)))
    }`,
  );
  console.log(`per second, server CPU %: ${timeline(perSecond.map((x) => pct(x.server, 1)))}`);
  console.log(
    `per second, load generator CPU %: ${timeline(perSecond.map((x) => pct(x.self, 1)))}`,
  );
  console.log(
    `per second, load generator JS heap MB: ${timeline(perSecond.map((x) => x.heapMb))}`,
  );
  if (otherCpu > 20) {
    console.log("  warning: other processes were busy during the window; the figures are spoiled");
  }
  if (heap0 && heap1) {
    const kb = (b: number) => b / 1024;
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    console.log(
      `server memory after a full GC: JS heap used ${mb(heap0.heapUsed)} → ${
        mb(heap1.heapUsed)
      } MB (${(kb(heap1.heapUsed - heap0.heapUsed) / Math.max(1, opened)).toFixed(1)} KB per ` +
        `table), heap committed ${mb(heap0.heapTotal)} → ${mb(heap1.heapTotal)} MB, external ` +
        `${mb(heap0.external)} → ${mb(heap1.external)} MB, RSS ${mb(heap0.rss)} → ${
          mb(heap1.rss)
        } MB (${(kb(heap1.rss - heap0.rss) / Math.max(1, opened)).toFixed(1)} KB per table)`,
    );
  }
  if (serverLag) {
    console.log(
      `server event-loop lag: p99 ${ms1(serverLag.p99)} ms, max ${ms1(serverLag.max)} ms`,
    );
  }
  for (const l of profileLines) console.log(l);
  console.log(
    `load generator: RSS ${(selfKb / 1024).toFixed(0)} MB, event-loop lag p99 ` +
      `${ms1(percentile(lags, 0.99))} ms, max ${ms1(lags[lags.length - 1] ?? NaN)} ms`,
  );
  console.log(
    `errors: ${errorCount} (open ${errors.open}, refused ${errors.refused}, lost ${errors.lost}, ` +
      `disconnects ${errors.disconnects}); stalled tables ${stalled}; rematches ${rematches}`,
  );
  if (refusals.size > 0) console.log(`  refusals: ${JSON.stringify(Object.fromEntries(refusals))}`);
  for (const e of firstErrors) console.log(`  ${e}`);
  const said = server.log.join("").split("\n").filter((l) =>
    l.trim() !== "" && !l.includes("baloot server") && !l.includes("Debugger listening") &&
    !l.includes("Visit https://docs.deno.com")
  );
  if (said.length > 0) {
    console.log(`the server printed ${said.length} lines, the first ones:`);
    for (const l of said.slice(0, 15)) console.log(`  | ${l.slice(0, 300)}`);
  }
  const met = opened >= GOAL.tables && p(0.99) <= GOAL.p99_ms &&
    kbPerTable <= GOAL.kb_per_table && errorCount === 0;
  console.log(
    `goal (≥ ${GOAL.tables} tables, p99 ≤ ${GOAL.p99_ms} ms, ≤ ${GOAL.kb_per_table} KB/table, ` +
      `no errors): ${met ? "met" : "not met"}`,
  );
  console.log(JSON.stringify({
    bench: "tables",
    quick,
    tables: opened,
    seconds: Math.round(seconds),
    moves: latencies.length,
    moves_per_sec: Math.round(sentInWindow / seconds),
    p50_ms: p(0.5),
    p90_ms: p(0.9),
    p99_ms: p(0.99),
    max_ms: ms1(latencies[latencies.length - 1] ?? NaN),
    p99_ms_without_loadgen_gc: ms1(percentile(calm, 0.99)),
    ack_p50_ms: ms1(percentile(ackLatencies, 0.5)),
    ack_p99_ms: ms1(percentile(ackLatencies, 0.99)),
    server_rss_mb: Math.round(steadyKb / 1024),
    server_rss_peak_mb: Math.round(peakKb / 1024),
    kb_per_table: Math.round(kbPerTable * 10) / 10,
    server_cpu_pct: Math.round(serverCpu),
    loadgen_cpu_pct: Math.round(selfCpu),
    redis_cpu_pct: Math.round(redisCpu),
    other_cpu_pct: Math.round(otherCpu),
    ...(heap0 && heap1
      ? {
        gc_heap_kb_per_table: Math.round((heap1.heapUsed - heap0.heapUsed) / 1024 / opened),
        gc_rss_kb_per_table: Math.round((heap1.rss - heap0.rss) / 1024 / opened),
      }
      : {}),
    loadgen_rss_mb: Math.round(selfKb / 1024),
    loadgen_lag_p99_ms: ms1(percentile(lags, 0.99)),
    errors: errorCount,
    stalled,
    goal_tables: GOAL.tables,
    goal_p99_ms: GOAL.p99_ms,
    goal_kb_per_table: GOAL.kb_per_table,
  }));
} catch (e) {
  console.error("tables bench failed:", e);
  console.error(server.log.join("").slice(-4000));
  exitCode = 1;
} finally {
  stopping = true;
  inspector?.close();
  // Leave in batches, then stop the server and Redis.
  for (let i = 0; i < tables.length; i += 100) {
    await Promise.race([
      Promise.all(tables.slice(i, i + 100).map((t) => t.close())),
      sleep(5000),
    ]);
  }
  await server.stop();
  await redis.stop();
}
Deno.exit(exitCode);
