/**
 * A relay process: `Deno.serve` with WebSockets at `/watch/{gameId}` and its counters at
 * `/health`. Run with `deno run -A relay/main.ts` (settings: `config.ts`, `docs/operations.md`).
 *
 * @module
 */

import { originAllowed, parseWatchUrl, WATCH_CLOSE } from "@baloot/wire";
import { loadRelayConfig, type RelayConfig } from "./config.ts";
import type { Spectator } from "./feed.ts";
import { RedisLog } from "./redis_log.ts";
import { Relay } from "./relay.ts";

/** A running relay. */
export interface RunningRelay {
  readonly relay: Relay;
  /** `ws://host:port` of this relay. */
  readonly url: string;
  readonly port: number;
  /** Stops: spectators are told to reconnect, connections closed. */
  stop(): Promise<void>;
}

/** Starts a relay with `config`. */
export async function startRelay(config: RelayConfig): Promise<RunningRelay> {
  let relay: Relay | null = null;
  const log = new RedisLog(config.redisUrl, (gameId) => relay?.wake(gameId));
  await log.ready();
  relay = new Relay(config, log);
  const r = relay;
  r.start();
  let open = 0; // WebSockets accepted and not yet closed
  const server = Deno.serve({
    port: config.port,
    hostname: config.hostname,
    onListen: () => {},
  }, (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/health") return Response.json(r.stats());
    if (!url.pathname.startsWith("/watch/")) return new Response("not found", { status: 404 });
    if (!originAllowed(req.headers.get("origin"), config.allowedOrigins)) {
      return new Response("origin not allowed", { status: 403 });
    }
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("a WebSocket upgrade is expected", { status: 426 });
    }
    if (open >= config.maxSpectators) {
      // Full: refused before the process runs out of files (the connection closed with it).
      r.turnedAway++;
      return new Response("this relay is full", {
        status: 503,
        headers: { connection: "close", "retry-after": "5" },
      });
    }
    const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: 60 });
    const s: Spectator = socket;
    open++;
    let counted = true;
    const gone = () => {
      if (counted) (counted = false, open--);
      r.leave(s);
    };
    socket.onopen = () => {
      const w = parseWatchUrl(url);
      if (typeof w === "string") r.badInput(s, "BAD_REQUEST", w);
      else {
        r.watch(w, s).catch((e) => {
          console.error(`relay: ${e instanceof Error ? e.message : e}`);
          s.close(WATCH_CLOSE.goingAway, "UNAVAILABLE");
        });
      }
    };
    socket.onmessage = (m) => r.message(s, m.data);
    socket.onclose = gone;
    socket.onerror = gone;
    return response;
  });
  const port = server.addr.port;
  return {
    relay: r,
    port,
    url: `ws://localhost:${port}`,
    async stop() {
      await r.stop();
      await server.shutdown();
      log.close();
    },
  };
}

if (import.meta.main) {
  const config = loadRelayConfig();
  const running = await startRelay(config);
  console.log(`baloot relay ${config.relayId} on :${running.port}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    Deno.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(signal, stop);
}
