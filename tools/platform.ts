/**
 * `deno task start`: the whole platform on one machine, as supervised child processes.
 *
 * - `SERVER_PROCESSES` game servers (`server/main.ts`, default 2) on ports `PORT`, `PORT`+1, …
 *   (default 2567), each with its own `PUBLIC_ADDRESS` (`localhost:<port>`), all on `REDIS_URL`
 *   and sharing one `ARCHIVE_DIR` (default `.data/archive`);
 * - `BRAIN_WORKERS` Brain workers (`brain/main.ts`, default 1), one consumer group;
 * - one spectator relay (`relay/main.ts`) on `RELAY_PORT` (default 2570); the servers send
 *   spectators there (`RELAY_URLS`).
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

import { buildClient } from "./build_client.ts";
import { connect } from "node:net";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SERVER_V8_FLAGS } from "@baloot/server/config";
import { DemoMatch } from "./platform/demo.ts";
import { delay, printer, redacted, say } from "./platform/output.ts";
import { ROOT, type ServiceSpec, Supervisor } from "./platform/supervisor.ts";

const DEFAULT_PORT = 2567;
const DEFAULT_SERVERS = 2;
const DEFAULT_BRAIN_WORKERS = 1;
const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
const DEFAULT_ARCHIVE_DIR = ".data/archive";
/** How long the servers may take to print their ready line (first runs compile and cache). */
const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** What `server/main.ts` prints once it listens: `baloot server <processId> on :<port> (…)`. */
const SERVER_READY = /^baloot server (\S+) on :(\d+)/;
/** What `relay/main.ts` prints once it listens. */
const RELAY_READY = /^baloot relay (\S+) on :(\d+)/;
const DEFAULT_RELAY_PORT = 2570;

const USAGE = `Usage: deno task start [--servers N] [--port P] [--no-demo]

Starts the Baloot platform: game servers, Brain workers, and a live demo match in the terminal.

  --servers N   game server processes (env SERVER_PROCESSES, default ${DEFAULT_SERVERS})
  --port P      port of the first server; the others take P+1, P+2, … (env PORT, default ${DEFAULT_PORT})
  --no-demo     start the services only, without the demo match
  -h, --help    this text

Other environment: BRAIN_WORKERS (default ${DEFAULT_BRAIN_WORKERS}), RELAY_PORT (default ${DEFAULT_RELAY_PORT}), REDIS_URL (default ${DEFAULT_REDIS_URL}),
ARCHIVE_DIR (default ${DEFAULT_ARCHIVE_DIR}), READY_TIMEOUT_MS (default ${DEFAULT_READY_TIMEOUT_MS});
every other variable (TURN_MS, BOT_DELAY_MS, …) passes to the processes unchanged.`;

/** What the platform runs, from flags and environment. */
export interface PlatformOptions {
  readonly servers: number;
  readonly port: number;
  readonly brainWorkers: number;
  /** The spectator relay's port. */
  readonly relayPort: number;
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
  const relayPort = count("RELAY_PORT", env("RELAY_PORT"), DEFAULT_RELAY_PORT, 1);
  if (relayPort >= port && relayPort < port + servers) {
    throw new UsageError(`RELAY_PORT ${relayPort} is one of the game servers' ports`);
  }
  const archive = env("ARCHIVE_DIR") || DEFAULT_ARCHIVE_DIR;
  return {
    help: v.help === true,
    servers,
    port,
    brainWorkers: count("BRAIN_WORKERS", env("BRAIN_WORKERS"), DEFAULT_BRAIN_WORKERS, 0),
    relayPort,
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
// Main

/** The services to run for `o`. */
function services(o: PlatformOptions): ServiceSpec[] {
  const base = {
    ...Deno.env.toObject(),
    REDIS_URL: o.redisUrl,
    ARCHIVE_DIR: o.archiveDir,
    RELAY_URLS: `ws://localhost:${o.relayPort}`,
  };
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
  list.push({
    name: "relay-1",
    script: "relay/main.ts",
    env: { ...base, RELAY_PORT: String(o.relayPort), RELAY_ID: "relay-1" },
    ready: RELAY_READY,
    url: `ws://localhost:${o.relayPort}`,
  });
  // The browser client is served by every game server (`/`), built before they start.
  // ----- LATER: the scout joins here, with its issue. ------
  return list;
}

/** The game servers among the services. */
function gameServers(specs: readonly ServiceSpec[]): ServiceSpec[] {
  return specs.filter((s) => s.name.startsWith("game-"));
}

function banner(o: PlatformOptions, specs: readonly ServiceSpec[]): string[] {
  const servers = gameServers(specs).map((s) => `${s.name} ${s.url}`);
  const relays = specs.filter((s) => s.name.startsWith("relay-")).map((s) => s.url);
  const line = "─".repeat(64);
  return [
    line,
    "Baloot platform is up",
    `  game servers   ${servers.join("   ")}`,
    `  brain workers  ${o.brainWorkers}`,
    `  Redis          ${redacted(o.redisUrl)}`,
    `  game records   archived in ${o.archiveDir}`,
    `  PLAY           http://localhost:${o.port}/   (open it in a browser)`,
    `  spectators     ${relays.join("   ")}   (watch from the lobby's live tables)`,
    "  scout: not part of the platform yet",
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
  for (const p of [...Array(o.servers).keys()].map((i) => o.port + i).concat(o.relayPort)) {
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

  try {
    const built = await buildClient();
    say(
      `browser client built in ${(built.ms / 1000).toFixed(1)} s ` +
        `(${(built.gzipBytes / 1024).toFixed(0)} KB gzip)`,
    );
  } catch (e) {
    say(`ERROR: the browser client did not build: ${e instanceof Error ? e.message : e}`);
    return 1;
  }
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
    const listed = gameServers(specs);
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
