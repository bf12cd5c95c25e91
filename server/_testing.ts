/**
 * Test helpers: server processes started as real subprocesses (Colyseus keeps one matchmaker
 * per process, and crash tests need processes to kill), and players driven by bots through the
 * real client over WebSocket.
 *
 * @module
 */

import { type GameState, legalCommands } from "@baloot/rules";
import { heuristicPolicy } from "@baloot/brain";
import { type ClientCommand, TableClient, type TableClientOptions } from "@baloot/client";
import { Redis } from "ioredis";
import { SERVER_V8_FLAGS } from "./config.ts";

/** The Redis server tests use (`TEST_REDIS_HOST`, default the local one). */
const TEST_REDIS_BASE = Deno.env.get("TEST_REDIS_BASE") ?? "redis://127.0.0.1:6379";

/**
 * A Redis database of its own for one test file, away from a developer's data (database 0)
 * and from the other test files, which run in parallel and flush their databases.
 */
export function testRedis(db: number): string {
  return `${TEST_REDIS_BASE}/${db}`;
}

/** The default test database (files that need their own pass `testRedis(n)`). */
export const TEST_REDIS = testRedis(9);

/** A server subprocess. */
export interface ServerProcess {
  readonly port: number;
  readonly url: string;
  readonly child: Deno.ChildProcess;
  /** Everything it printed. */
  readonly log: string[];
  /** Stops it cleanly (SIGTERM), or kills it outright (SIGKILL). */
  stop(signal?: Deno.Signal): Promise<void>;
}

let nextPort = 27000 + Math.floor(Math.random() * 2000);

/** Starts `server/main.ts` with fast test timings (overridable by `env`). */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = nextPort++;
  const archive = await Deno.makeTempDir({ prefix: "baloot-archive-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--v8-flags=${SERVER_V8_FLAGS}`,
      new URL("./main.ts", import.meta.url).pathname,
    ],
    env: {
      PORT: String(port),
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      REDIS_URL: env.REDIS_URL ?? TEST_REDIS,
      ARCHIVE_DIR: archive,
      BRAIN: "off",
      BOT_DELAY_MS: "0",
      HAND_PAUSE_MS: "0",
      QUICK_FILL_MS: "200",
      TURN_MS: "20000",
      CALL_MS: "15000",
      LEASE_MS: "2000",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log: string[] = [];
  let ready: (() => void) | null = null;
  const started = new Promise<void>((r) => (ready = r));
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      const text = decoder.decode(chunk);
      log.push(text);
      if (text.includes("baloot server")) ready?.();
    }
  };
  pump(child.stdout);
  pump(child.stderr);
  const timeout = setTimeout(() => ready?.(), 20_000);
  await started;
  clearTimeout(timeout);
  if (!log.join("").includes("baloot server")) {
    throw new Error(`server did not start:\n${log.join("")}`);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    log,
    archiveDir: archive,
    async stop(signal: Deno.Signal = "SIGTERM") {
      try {
        child.kill(signal);
      } catch { /* already gone */ }
      await child.status;
    },
  } as ServerProcess & { archiveDir: string };
}

/** Empties a test database (between tests). */
export async function flushTestRedis(url = TEST_REDIS): Promise<void> {
  const r = new Redis(url);
  await r.flushdb();
  r.disconnect();
}

/**
 * A player whose moves a bot chooses, from the seat's own view as the client folded it; it
 * plays whenever its seat is on turn and the match is not over.
 */
export function botPlayer(
  options: TableClientOptions & { seed?: string; delayMs?: number },
): TableClient {
  const policy = heuristicPolicy(options.seed ?? options.name);
  let busy = false;
  const play = (view: GameState, client: TableClient) => {
    const seat = client.seat;
    if (busy || seat === null || view.phase === "OVER" || view.hand?.toAct !== seat) return;
    let chosen;
    try {
      const legal = legalCommands(view, seat);
      if (legal.length === 0) return;
      chosen = policy(view, seat, legal);
    } catch (e) {
      console.error("botPlayer: no move from this view", e, JSON.stringify(view.hand));
      throw e;
    }
    const { seat: _, ...command } = chosen;
    busy = true;
    setTimeout(async () => {
      const reply = await client.send(command as ClientCommand);
      // After a refusal or a broken connection, look again a little later, as a person would.
      if (!reply.ok) await new Promise((r) => setTimeout(r, 250));
      busy = false;
      if (client.view) play(client.view, client);
    }, options.delayMs ?? 60); // a person's pace: the room drops clients past 20 messages/s
  };
  return new TableClient({
    ...options,
    onView: (view, client) => {
      options.onView?.(view, client);
      play(view, client);
    },
  });
}

/** Resolves when `check` holds, polling; rejects after `ms`. */
export async function until(check: () => boolean, ms = 30_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Seats four clients at one private table: the first creates it (with `settings`), the others
 * join by its invite code. Resolves with the code once all four are seated.
 */
export async function seatPrivateTable(
  clients: readonly TableClient[],
  settings: Record<string, unknown> = {},
): Promise<string> {
  const [host, ...guests] = clients;
  await host.createPrivate(settings);
  const code = () => (host.room?.state as { code?: string } | undefined)?.code ?? "";
  await until(() => code().length === 10, 5_000, "the invite code");
  for (const guest of guests) await guest.joinInvite(code());
  return code();
}

/** A `redis-server` of a test's own, with AOF on (`appendfsync` as given), in `dir`. */
export async function startRedisServer(
  port: number,
  dir: string,
  appendfsync: "always" | "everysec" = "always",
): Promise<Deno.ChildProcess> {
  const child = new Deno.Command("redis-server", {
    args: [
      ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
      ...["--appendonly", "yes", "--appendfsync", appendfsync, "--save", ""],
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  for (let i = 0; i < 100; i++) {
    const r = new Redis(port, { lazyConnect: true, maxRetriesPerRequest: 0 });
    r.on("error", () => {});
    try {
      await r.connect();
      await r.ping();
      r.disconnect();
      return child;
    } catch {
      r.disconnect();
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
  throw new Error(`redis-server did not start on port ${port}`);
}
