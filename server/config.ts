/**
 * The server's settings, from the environment, with the defaults a player expects.
 *
 * @module
 */

import { envNumber as num, LOCAL_ORIGINS, parseOrigins } from "@baloot/wire";
import type { TableTimings } from "./table.ts";

export { originAllowed } from "@baloot/wire";

/**
 * V8 flags every game server process is started with (the launcher, compose, the tests and the
 * benchmark use them). A smaller young generation and earlier heap growth keep each table's
 * memory near what it really holds: about 95 KB a table instead of 270 at 1,000 tables, for a
 * few milliseconds of p99 (`bench/README.md`).
 */
export const SERVER_V8_FLAGS = "--max-semi-space-size=4,--heap-growing-percent=25";

/** Every setting of a server process. */
export interface ServerConfig {
  readonly port: number;
  /** Where clients reach this process (unique per process: Colyseus routes by it). */
  readonly publicAddress: string;
  readonly redisUrl: string;
  readonly archiveDir: string;
  /** Browser origins allowed to connect; `*` allows any. Requests without an origin pass. */
  readonly allowedOrigins: readonly string[];
  readonly timings: TableTimings;
  /** How long a quick table waits for players before bots fill it. */
  readonly quickFillMs: number;
  /** How long a dropped player keeps the seat. */
  readonly reconnectSeconds: number;
  /** The ownership lease; a dead process's games are recovered within about this long. */
  readonly leaseMs: number;
  /** Whether bots ask the Brain (else the fallback bot plays at once). */
  readonly brain: boolean;
  /**
   * Where browsers reach the spectator relays (`ws://host:port`); a game's spectators are all
   * sent to one of them, chosen by the game id, so each game is read once per relay.
   */
  readonly relayUrls: readonly string[];
}

/** Reads the settings; throws naming the variable when one is malformed. */
export function loadConfig(
  env: (k: string) => string | undefined = (k) => Deno.env.get(k),
): ServerConfig {
  const port = num(env, "PORT", 2567);
  return {
    port,
    publicAddress: env("PUBLIC_ADDRESS") ?? `localhost:${port}`,
    redisUrl: env("REDIS_URL") ?? "redis://127.0.0.1:6379",
    archiveDir: env("ARCHIVE_DIR") ?? ".data/archive",
    allowedOrigins: parseOrigins(env("ALLOWED_ORIGINS") ?? LOCAL_ORIGINS),
    relayUrls: parseOrigins(env("RELAY_URLS") ?? "ws://localhost:2570"),
    timings: {
      cardMs: num(env, "TURN_MS", 20_000),
      callMs: num(env, "CALL_MS", 15_000),
      botDelayMs: num(env, "BOT_DELAY_MS", 700),
      brainMs: num(env, "BRAIN_MS", 1_500),
      handPauseMs: num(env, "HAND_PAUSE_MS", 2_500),
    },
    quickFillMs: num(env, "QUICK_FILL_MS", 5_000),
    reconnectSeconds: num(env, "RECONNECT_SECONDS", 90),
    leaseMs: num(env, "LEASE_MS", 3_000),
    brain: (env("BRAIN") ?? "on") !== "off",
  };
}
