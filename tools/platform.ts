/**
 * `deno task start`: the whole platform on one machine, as supervised child processes.
 *
 * - `SERVER_PROCESSES` game servers (`server/main.ts`, default 2) on ports `PORT`, `PORT`+1, …
 *   (default 2567), each with its own `PUBLIC_ADDRESS` (`localhost:<port>`), all on `REDIS_URL`
 *   and sharing one `ARCHIVE_DIR` (default `.data/archive`);
 * - `BRAIN_WORKERS` Brain workers (`brain/main.ts`, default 1), one consumer group.
 *
 * Every child's output lines are prefixed with its name (`game-1 | …`, `brain-1 | …`). Once every
 * server has printed its ready line, a banner says where things are; then, unless `--no-demo`,
 * a bot joins a quick-play table on the first server through the real client
 * (`@baloot/client`) and each hand's contract and result are printed as the match is played live
 * against the server's bots. The services keep running until Ctrl-C.
 *
 * A child that exits unexpectedly is reported and restarted (at most 3 restarts a minute per
 * child). SIGINT, SIGTERM or SIGHUP stop everything: SIGTERM to every child, SIGKILL to those
 * still running 5 s later, then exit 0.
 *
 * Usage: `deno run -A tools/platform.ts [--servers N] [--port P] [--no-demo]`
 * (`deno task start -- …` / `npm start -- …` pass the flags on).
 *
 * @module
 */

import { connect } from "node:net";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { heuristicPolicy } from "@baloot/brain";
import { type ClientCommand, TableClient } from "@baloot/client";
import { SERVER_V8_FLAGS } from "@baloot/server/config";
import {
  type Contract,
  type EscalationState,
  type GameState,
  type HandResult,
  legalCommands,
} from "@baloot/rules";

/** The repository root (this file is `<root>/tools/platform.ts`). */
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DEFAULT_PORT = 2567;
const DEFAULT_SERVERS = 2;
const DEFAULT_BRAIN_WORKERS = 1;
const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
const DEFAULT_ARCHIVE_DIR = ".data/archive";
/** How long the servers may take to print their ready line (first runs compile and cache). */
const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** How long children get to stop after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;
/** Restarts allowed per child within {@linkcode RESTART_WINDOW_MS}. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
/** Pause before a restart, so that a crashing child does not spin and its port is released. */
const RESTART_DELAY_MS = 1_000;
/** What `server/main.ts` prints once it listens: `baloot server <processId> on :<port> (…)`. */
const SERVER_READY = /^baloot server (\S+) on :(\d+)/;
/** The demo bot's pause before each move: a person's pace (rooms drop clients past 20 msg/s). */
const DEMO_MOVE_MS = 400;

const USAGE = `Usage: deno task start [--servers N] [--port P] [--no-demo]

Starts the Baloot platform: game servers, Brain workers, and a live demo match in the terminal.

  --servers N   game server processes (env SERVER_PROCESSES, default ${DEFAULT_SERVERS})
  --port P      port of the first server; the others take P+1, P+2, … (env PORT, default ${DEFAULT_PORT})
  --no-demo     start the services only, without the demo match
  -h, --help    this text

Other environment: BRAIN_WORKERS (default ${DEFAULT_BRAIN_WORKERS}), REDIS_URL (default ${DEFAULT_REDIS_URL}),
ARCHIVE_DIR (default ${DEFAULT_ARCHIVE_DIR}), READY_TIMEOUT_MS (default ${DEFAULT_READY_TIMEOUT_MS});
every other variable (TURN_MS, BOT_DELAY_MS, …) passes to the processes unchanged.`;

/** What the platform runs, from flags and environment. */
export interface PlatformOptions {
  readonly servers: number;
  readonly port: number;
  readonly brainWorkers: number;
  readonly demo: boolean;
  readonly redisUrl: string;
  /** Absolute. */
  readonly archiveDir: string;
  readonly readyTimeoutMs: number;
}

/** A usage mistake: printed with the usage text, exit status 2. */
class UsageError extends Error {}

function count(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${name} must be a whole number of at least ${min}, got "${value}"`);
  }
  return n;
}

/** Reads the flags and the environment; throws {@linkcode UsageError} on a mistake. */
export function parseOptions(
  args: readonly string[],
  env: (name: string) => string | undefined = (k) => Deno.env.get(k),
): PlatformOptions & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        servers: { type: "string" },
        port: { type: "string" },
        "no-demo": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const servers = count(
    v.servers !== undefined ? "--servers" : "SERVER_PROCESSES",
    v.servers ?? env("SERVER_PROCESSES"),
    DEFAULT_SERVERS,
    1,
  );
  const port = count(
    v.port !== undefined ? "--port" : "PORT",
    v.port ?? env("PORT"),
    DEFAULT_PORT,
    1,
  );
  if (port + servers - 1 > 65_535) {
    throw new UsageError(`ports ${port}..${port + servers - 1} go past 65535`);
  }
  const archive = env("ARCHIVE_DIR") || DEFAULT_ARCHIVE_DIR;
  return {
    help: v.help === true,
    servers,
    port,
    brainWorkers: count("BRAIN_WORKERS", env("BRAIN_WORKERS"), DEFAULT_BRAIN_WORKERS, 0),
    demo: v["no-demo"] !== true,
    redisUrl: env("REDIS_URL") || DEFAULT_REDIS_URL,
    archiveDir: isAbsolute(archive) ? archive : resolve(ROOT, archive),
    readyTimeoutMs: count(
      "READY_TIMEOUT_MS",
      env("READY_TIMEOUT_MS"),
      DEFAULT_READY_TIMEOUT_MS,
      1,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const color = Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR");
const PALETTE = [36, 32, 35, 34, 33, 96, 92, 95];
let nextColor = 0;

/** A function printing lines under `name |`, in the name's own colour on a terminal. */
function printer(name: string, toStderr = false): (line: string) => void {
  const code = PALETTE[nextColor++ % PALETTE.length];
  const prefix = color ? `\x1b[${code}m${name} |\x1b[0m ` : `${name} | `;
  return (line) => (toStderr ? console.error : console.log)(prefix + line);
}

const say = printer("platform");

/** Prints each line of `stream` with `print` as it arrives. */
async function forwardLines(
  stream: ReadableStream<Uint8Array>,
  print: (line: string) => void,
): Promise<void> {
  let rest = "";
  try {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) print(line.replace(/\r$/, ""));
    }
  } catch { /* the pipe broke: the child is gone */ }
  if (rest !== "") print(rest);
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `url` without its password, for printing. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(the Redis URL)";
  }
}

// ---------------------------------------------------------------------------------------------
// Supervision

/** One service to run: a script of this repository with its environment. */
interface ServiceSpec {
  readonly name: string;
  readonly script: string;
  /** V8 flags for the process, if any. */
  readonly v8Flags?: string;
  readonly env: Record<string, string>;
  /** The line that says it is ready (servers); services without one are ready once started. */
  readonly ready?: RegExp;
  /** Where it answers, for the banner. */
  readonly url?: string;
}

/** A supervised child: started, restarted when it dies, stopped on shutdown. */
class Supervised {
  proc: Deno.ChildProcess | null = null;
  /** Resolves when the current process has exited and its output is read. */
  exited: Promise<void> = Promise.resolve();
  /** Resolves on the first ready line; rejects if the first process exits before it. */
  readonly firstReady: Promise<void>;
  #readyOnce: { resolve: () => void; reject: (e: Error) => void };
  #everReady = false;
  #restarts: number[] = [];
  #gaveUp = false;
  readonly #out: (line: string) => void;
  readonly #err: (line: string) => void;

  constructor(readonly spec: ServiceSpec, readonly supervisor: Supervisor) {
    this.#out = printer(spec.name);
    this.#err = printer(spec.name, true);
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    promise.catch(() => {}); // observed by the start-up; never an unhandled rejection
    this.firstReady = promise;
    this.#readyOnce = { resolve, reject };
  }

  /** Whether it has printed its ready line (or needs none) at least once. */
  get everReady(): boolean {
    return this.#everReady;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  start(): void {
    const { spec } = this;
    const proc = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...(spec.v8Flags ? [`--v8-flags=${spec.v8Flags}`] : []), spec.script],
      cwd: ROOT,
      env: spec.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // Its own process group: a Ctrl-C at the terminal reaches only the platform, which then
      // stops each child once, in order (a second signal makes some services exit at once).
      detached: true,
    }).spawn();
    this.proc = proc;
    const onLine = (print: (line: string) => void) => (line: string) => {
      print(line);
      if (spec.ready?.test(line)) this.#onReady();
    };
    const output = Promise.all([
      forwardLines(proc.stdout, onLine(this.#out)),
      forwardLines(proc.stderr, onLine(this.#err)),
    ]);
    if (!spec.ready) this.#onReady();
    this.exited = (async () => {
      const status = await proc.status;
      await Promise.race([output, delay(500)]); // a grandchild could hold the pipes open
      this.proc = null;
      this.#onExit(status);
    })();
  }

  #onReady(): void {
    if (!this.#everReady) {
      this.#everReady = true;
      this.#readyOnce.resolve();
    } else if (this.#restarts.length > 0) {
      say(`${this.spec.name} is back`);
    }
  }

  #onExit(status: Deno.CommandStatus): void {
    const how = status.signal ? `signal ${status.signal}` : `code ${status.code}`;
    if (this.supervisor.stopping) return;
    if (!this.#everReady) {
      this.#readyOnce.reject(
        new Error(`${this.spec.name} exited (${how}) before it was ready; see its output above`),
      );
      return;
    }
    const now = Date.now();
    this.#restarts = this.#restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.#restarts.length >= MAX_RESTARTS) {
      this.#gaveUp = true;
      say(
        `${this.spec.name} exited unexpectedly (${how}) for the ${MAX_RESTARTS + 1}th time ` +
          `within a minute: not restarting it. The other processes keep running.`,
      );
      return;
    }
    this.#restarts.push(now);
    say(
      `${this.spec.name} exited unexpectedly (${how}); restarting it ` +
        `(restart ${this.#restarts.length} of at most ${MAX_RESTARTS} a minute)`,
    );
    setTimeout(() => {
      if (!this.supervisor.stopping && !this.#gaveUp) this.start();
    }, RESTART_DELAY_MS);
  }

  /** Sends `signal` to the running process, if any. */
  signal(signal: Deno.Signal): void {
    try {
      this.proc?.kill(signal);
    } catch { /* it has just exited */ }
  }
}

/** Starts, watches and stops the children. */
class Supervisor {
  stopping = false;
  readonly children: Supervised[] = [];

  add(spec: ServiceSpec): Supervised {
    const child = new Supervised(spec, this);
    this.children.push(child);
    child.start();
    return child;
  }

  /** SIGTERM to every child, SIGKILL to those still running after {@linkcode STOP_GRACE_MS}. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = this.children.filter((c) => c.running);
    for (const c of running) c.signal("SIGTERM");
    const all = Promise.all(this.children.map((c) => c.exited));
    const late = await Promise.race([all.then(() => false), delay(STOP_GRACE_MS).then(() => true)]);
    if (late) {
      for (const c of this.children.filter((c) => c.running)) {
        say(`${c.spec.name} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
        c.signal("SIGKILL");
      }
      await Promise.race([all, delay(2_000)]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checks before starting

/** Whether a Redis answers PING at `url` (`-NOAUTH` counts: the services have the password). */
function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  let host = "127.0.0.1";
  let port = 6379;
  try {
    const u = new URL(url);
    if (u.protocol !== "redis:") return Promise.resolve(true); // rediss: let the services try
    host = u.hostname.replace(/^\[|\]$/g, "") || host;
    port = Number(u.port || port);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    let reply = "";
    const sock = connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on("error", () => done(false));
    sock.on("connect", () => sock.write("PING\r\n"));
    sock.on("data", (buf: Uint8Array) => {
      reply += new TextDecoder().decode(buf);
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"));
    });
  });
}

/** Whether something already listens on `port`. */
function portTaken(port: number): boolean {
  try {
    Deno.listen({ port, hostname: "0.0.0.0" }).close();
    return false;
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) return true;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The demo match

const SEAT_NAMES = ["South", "East", "North", "West"] as const;
const SUITS: Record<string, string> = { S: "♠", H: "♥", D: "♦", C: "♣" };

function contractText(c: Contract, e: EscalationState): string {
  const what = c.mode === "HOKUM" ? `Hokum ${SUITS[c.trump!]}` : c.ashkal ? "Ashkal (Sun)" : "Sun";
  const level = e.level === 1 ? "" : e.level === "GAHWA" ? ", Gahwa" : `, ×${e.level}`;
  const locked = c.mode === "HOKUM" && e.level !== 1 && e.level !== "GAHWA"
    ? (e.locked ? " locked" : " open")
    : "";
  return `${what}${level}${locked}`;
}

/**
 * One bot at a quick-play table through the real client, narrating the match: a hand's contract
 * when play starts, its result when it is scored, and the final score. The bot chooses from its
 * seat's own view, as folded by the client from the seat's redacted events.
 */
class DemoMatch {
  readonly #say = printer("demo");
  readonly #policy = heuristicPolicy("platform-demo");
  readonly #client: TableClient;
  #busy = false;
  #stopped = false;
  #started = false;
  #contractsShown = new Set<number>();
  #voidShown = new Set<number>();
  #resultsShown = 0;
  #over = false;
  readonly #finished = Promise.withResolvers<void>();

  /** Joins on `endpoints[0]`; the others help find the table again if that server dies. */
  constructor(
    readonly endpoints: readonly string[],
    readonly serverName: string,
    readonly archiveDir: string,
  ) {
    this.#client = new TableClient({
      endpoints,
      name: "Demo bot",
      onView: (view, client) => {
        this.#narrate(view, client);
        this.#play(view, client);
      },
      onStatus: (status) => {
        if (status === "moving") this.#say("the table's server went away: finding it again…");
        if (status === "closed" && !this.#over && !this.#stopped) {
          this.#say("the table closed before the match ended");
          this.#finished.resolve();
        }
      },
    });
  }

  /** Joins and plays; resolves when the match is over (or the demo is stopped). */
  async run(): Promise<void> {
    this.#say(`joining a quick-play table on ${this.serverName} (${this.endpoints[0]})…`);
    await this.#client.quickPlay();
    const seat = this.#client.seat;
    const where = seat === null ? "" : ` as ${SEAT_NAMES[seat]}`;
    this.#say(
      `seated${where}; the server's bots take the empty seats within a few seconds (QUICK_FILL_MS)`,
    );
    await this.#finished.promise;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#finished.resolve();
    await this.#client.leave();
  }

  #team(seat: number, us: number): string {
    return seat % 2 === us ? "us" : "them";
  }

  #narrate(view: GameState, client: TableClient): void {
    if (client.seat === null || this.#stopped) return;
    const us = client.seat % 2;
    const them = 1 - us;
    const hand = view.hand;
    if (!this.#started && view.phase !== "NEW") {
      this.#started = true;
      const profile = view.profile ? `, rule profile ${view.profile.id}` : "";
      this.#say(`the match has started (we are ${SEAT_NAMES[client.seat]}, team "us"${profile})`);
    }
    if (
      hand?.contract && !this.#contractsShown.has(hand.no) &&
      view.phase !== "BIDDING" && view.phase !== "ESCALATION"
    ) {
      this.#contractsShown.add(hand.no);
      const buyer = hand.contract.buyer;
      this.#say(
        `hand ${hand.no}: ${contractText(hand.contract, hand.escalation)}, bought by ` +
          `${SEAT_NAMES[buyer]} (${this.#team(buyer, us)})`,
      );
    }
    if (hand?.cancelled && !this.#voidShown.has(hand.no)) {
      this.#voidShown.add(hand.no);
      this.#say(`hand ${hand.no}: no contract (${hand.kasho === null ? "all passed" : "Kasho"})`);
    }
    for (; this.#resultsShown < view.results.length; this.#resultsShown++) {
      const r: HandResult = view.results[this.#resultsShown];
      const s = r.score;
      const buyers = r.facts.buyerTeam === us ? "we" : "they";
      const outcome = s.made ? "made it" : "failed (Khasara)";
      const match = s.matchAfter ?? view.score;
      this.#say(
        `  → ${buyers} ${outcome}${s.kaboot ? ", Kaboot" : ""}: +${s.awarded[us]} us, ` +
          `+${s.awarded[them]} them · match ${match[us]}–${match[them]}`,
      );
    }
    if (view.phase === "OVER" && !this.#over) {
      this.#over = true;
      const result = view.winner === us ? "we won" : "they won";
      this.#say(
        `match over after ${view.handsPlayed} hands: ${result} ${view.score[us]}–` +
          `${view.score[them]}`,
      );
      if (client.gameId) {
        const file = `${this.archiveDir}/${client.gameId}.jsonl`;
        this.#say(`its record: ${file} (check it: deno task baloot replay ${file})`);
      }
      this.#finished.resolve();
      void client.leave();
    }
  }

  #play(view: GameState, client: TableClient): void {
    const seat = client.seat;
    if (this.#stopped || this.#busy || seat === null) return;
    if (view.phase === "OVER" || view.hand?.toAct !== seat) return;
    const legal = legalCommands(view, seat);
    if (legal.length === 0) return;
    const { seat: _, ...command } = this.#policy(view, seat, legal);
    this.#busy = true;
    setTimeout(async () => {
      // A reply lost with its connection must not stall the bot: the server's turn timer and
      // the next view carry on either way.
      if (!this.#stopped) await Promise.race([client.send(command as ClientCommand), delay(5_000)]);
      this.#busy = false;
      if (client.view && !this.#stopped) this.#play(client.view, client);
    }, DEMO_MOVE_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// Main

/** The services to run for `o`. */
function services(o: PlatformOptions): ServiceSpec[] {
  const base = { ...Deno.env.toObject(), REDIS_URL: o.redisUrl, ARCHIVE_DIR: o.archiveDir };
  const list: ServiceSpec[] = [];
  for (let i = 0; i < o.servers; i++) {
    const port = o.port + i;
    list.push({
      name: `game-${i + 1}`,
      script: "server/main.ts",
      v8Flags: SERVER_V8_FLAGS,
      env: { ...base, PORT: String(port), PUBLIC_ADDRESS: `localhost:${port}` },
      ready: SERVER_READY,
      url: `http://localhost:${port}`,
    });
  }
  const workerName = Deno.env.get("BRAIN_WORKER");
  for (let i = 0; i < o.brainWorkers; i++) {
    const env: Record<string, string> = { ...base };
    // Consumer names must differ: by default each worker takes brain-<host>-<pid>.
    if (workerName) env.BRAIN_WORKER = `${workerName}-${i + 1}`;
    list.push({ name: `brain-${i + 1}`, script: "brain/main.ts", env });
  }
  // ----- LATER: the browser client and the spectator relay join here, with their issues. ------
  // Add their ServiceSpec entries (a `ready` pattern for the banner to wait for, and a `url`),
  // and their lines to the banner below.
  return list;
}

function banner(o: PlatformOptions, specs: readonly ServiceSpec[]): string[] {
  const servers = specs.filter((s) => s.url).map((s) => `${s.name} ${s.url}`);
  const line = "─".repeat(64);
  return [
    line,
    "Baloot platform is up",
    `  game servers   ${servers.join("   ")}`,
    `  brain workers  ${o.brainWorkers}`,
    `  Redis          ${redacted(o.redisUrl)}`,
    `  game records   archived in ${o.archiveDir}`,
    // LATER: the browser client's URL and the relay's address (their issues).
    "  browser client, relay: not part of the platform yet",
    "Stop with Ctrl-C.",
    line,
  ];
}

async function main(args: readonly string[]): Promise<number> {
  let o: PlatformOptions & { help: boolean };
  try {
    o = parseOptions(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`platform: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (o.help) {
    console.log(USAGE);
    return 0;
  }

  if (!(await redisAnswers(o.redisUrl))) {
    say(
      `ERROR: no Redis answers at ${redacted(o.redisUrl)}. Start one (\`npm start\` does it for ` +
        "you), or point REDIS_URL at a running Redis.",
    );
    return 1;
  }
  for (let p = o.port; p < o.port + o.servers; p++) {
    if (portTaken(p)) {
      say(`ERROR: port ${p} is already in use (another platform running?); try --port`);
      return 1;
    }
  }
  await Deno.mkdir(o.archiveDir, { recursive: true });

  const supervisor = new Supervisor();
  let demo: DemoMatch | null = null;
  let exiting = false;
  const shutdown = async (why: string, code: number) => {
    if (exiting) return; // repeated signals (terminal and `deno task` both send one) change nothing
    exiting = true;
    say(`${why}: stopping ${supervisor.children.filter((c) => c.running).length} processes…`);
    supervisor.stopping = true;
    if (demo) await Promise.race([demo.stop().catch(() => {}), delay(1_000)]);
    await supervisor.stop();
    say("stopped");
    Deno.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    Deno.addSignalListener(signal, () => void shutdown(signal, 0));
  }
  // The supervisor must outlive a stray error (of the demo, say): report it and carry on.
  globalThis.addEventListener("unhandledrejection", (e) => {
    e.preventDefault();
    say(`unexpected error (carrying on): ${e.reason instanceof Error ? e.reason.stack : e.reason}`);
  });
  globalThis.addEventListener("error", (e) => {
    e.preventDefault();
    say(`unexpected error (carrying on): ${e.error instanceof Error ? e.error.stack : e.message}`);
  });

  const specs = services(o);
  say(
    `starting ${o.servers} game server${o.servers === 1 ? "" : "s"} and ${o.brainWorkers} ` +
      `brain worker${o.brainWorkers === 1 ? "" : "s"} on ${redacted(o.redisUrl)}`,
  );
  const started = specs.map((s) => supervisor.add(s));
  const servers = started.filter((c) => c.spec.ready);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      Promise.all(servers.map((c) => c.firstReady)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const late = servers.filter((c) => !c.everReady).map((c) => c.spec.name);
          reject(
            new Error(
              `timed out after ${o.readyTimeoutMs / 1000} s waiting for ${late.join(", ")} to ` +
                `print ${late.length === 1 ? "its" : "their"} ready line ` +
                "(`baloot server … on :<port>`); see the output above",
            ),
          );
        }, o.readyTimeoutMs);
      }),
    ]);
  } catch (e) {
    clearTimeout(timer);
    say(`ERROR: ${e instanceof Error ? e.message : e}`);
    await shutdown("start-up failed", 1);
    return 1;
  }
  clearTimeout(timer);
  for (const line of banner(o, specs)) say(line);

  if (o.demo) {
    const listed = specs.filter((s) => s.url);
    demo = new DemoMatch(listed.map((s) => s.url!), listed[0].name, o.archiveDir);
    try {
      await demo.run();
    } catch (e) {
      if (!supervisor.stopping) {
        printer("demo")(`the demo stopped: ${e instanceof Error ? e.message : e}`);
      }
    }
    if (!supervisor.stopping) {
      say("the demo is over; the services keep running. Stop with Ctrl-C.");
    }
  }
  // Until a signal: the interval keeps the process alive even if every child has given up.
  setInterval(() => {}, 1 << 30);
  await new Promise(() => {});
  return 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
