/**
 * A game server process: Colyseus table rooms over Redis presence and driver, the game store,
 * the Brain client and the recovery janitor. Settings come from the environment (`config.ts`).
 *
 * Run: `deno run -A server/main.ts` (PORT, PUBLIC_ADDRESS, REDIS_URL, …).
 *
 * @module
 */

import { defineRoom, defineServer } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Encoder } from "@colyseus/schema";
import { Redis } from "ioredis";
import { MAX_MESSAGE_BYTES } from "@baloot/wire";
import { Archive } from "./archive.ts";
import { BrainClient } from "./brain_client.ts";
import { loadConfig, originAllowed, type ServerConfig } from "./config.ts";
import { GameStore } from "./game_store.ts";
import { Janitor } from "./janitor.ts";
import { createRoutes } from "./routes.ts";
import { Runtime, setRuntime } from "./runtime.ts";
import { TableRoom } from "./table_room.ts";
import { SpreadPingTransport } from "./transport.ts";
import { serveClient } from "./static_files.ts";
import type { Server as NodeServer } from "node:http";

/** A running server process. */
export interface RunningServer {
  readonly config: ServerConfig;
  readonly processId: string;
  /** Stops cleanly: rooms released (another process may take their games at once). */
  stop(): Promise<void>;
}

/** Starts a server process with `config`. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  // Game writes must fail fast, never queue while Redis is away: a move is acknowledged only
  // once it is recorded.
  const redis = new Redis(config.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
  });
  await new Promise<void>((resolve, reject) => {
    redis.once("ready", () => resolve());
    redis.once("error", reject);
  });
  const store = new GameStore(redis, config.leaseMs);
  const rt = new Runtime(redis, store, new Archive(config.archiveDir), config);
  setRuntime(rt);
  const janitor = new Janitor(store, rt);
  // A table's public state is a few hundred bytes: 2 KB encoding buffers (they grow on demand)
  // instead of 16 KB save 28 KB per table.
  Encoder.BUFFER_SIZE = 2 * 1024;
  const transport = new SpreadPingTransport({
    maxPayload: MAX_MESSAGE_BYTES,
    beforeUpgrade: (request) => {
      if (!originAllowed(request.headers.get("origin"), config.allowedOrigins)) {
        return new Response("origin not allowed", { status: 403 });
      }
    },
  });
  const server = defineServer({
    transport,
    presence: new RedisPresence(config.redisUrl),
    driver: new RedisDriver(config.redisUrl),
    publicAddress: config.publicAddress,
    greet: false,
    gracefullyShutdown: false, // main.ts handles the signals: rooms, Brain client and janitor stop together
    // Quick play matches players by bot level (a table's bots all play at one level).
    rooms: { table: defineRoom(TableRoom).filterBy(["level"]) },
    routes: createRoutes(rt),
  });
  // Colyseus heeds the HTTP server's "error" only once it listens: a port already in use would
  // leave start-up waiting for ever, so the error ends it here. (Only this listener is removed
  // after: the transport's own stays, for errors once running.)
  const http = transport.server as unknown as NodeServer;
  let failed: (e: Error) => void = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      failed = reject;
      http.once("error", failed);
      server.listen(config.port).then(resolve, reject);
    });
  } catch (e) {
    redis.disconnect();
    const code = (e as { code?: string }).code;
    throw code === "EADDRINUSE" ? new Error(`port ${config.port} is already in use`) : e;
  } finally {
    http.off("error", failed);
  }
  serveClient(http);
  const processId = rt.processId;
  let brain: BrainClient | null = null;
  if (config.brain) {
    brain = new BrainClient(
      new Redis(config.redisUrl, { enableOfflineQueue: false, commandTimeout: 2_000 }),
      new Redis(config.redisUrl),
      processId,
    );
    brain.start();
    rt.brain = brain;
  }
  janitor.start(Math.max(100, Math.floor(config.leaseMs / 4)));
  return {
    config,
    processId,
    async stop() {
      janitor.stop();
      await server.gracefullyShutdown(false);
      await brain?.stop();
      redis.disconnect();
    },
  };
}

if (import.meta.main) {
  const config = loadConfig();
  // Before Redis and the port: a start-up that hangs shows how far it got.
  console.log(`game server starting on :${config.port} (pid ${Deno.pid})`);
  const running = await startServer(config).catch((e) => {
    console.error(`game server could not start: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  });
  console.log(`baloot server ${running.processId} on :${config.port} (${config.publicAddress})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, async () => {
      await running.stop();
      Deno.exit(0);
    });
  }
}
