/**
 * The relay's settings, from the environment.
 *
 * @module
 */

import {
  DEFAULT_FULL_VIEW_DELAY_MS,
  envNumber as num,
  LOCAL_ORIGINS,
  parseOrigins,
} from "@baloot/wire";

/** Every setting of a relay process. */
export interface RelayConfig {
  /** `RELAY_PORT` (default 2570). */
  readonly port: number;
  readonly hostname: string;
  readonly redisUrl: string;
  /** This relay's name in the games' viewer counts (`RELAY_ID`, unique per process). */
  readonly relayId: string;
  /** The full view's delay for tables that did not choose one (`FULL_VIEW_DELAY_MS`, 180 s). */
  readonly fullViewDelayMs: number;
  /** A spectator with more unsent bytes than this is dropped (`SEND_BUFFER_BYTES`, 256 KB). */
  readonly sendBufferBytes: number;
  /** How often every feed reads its log even without a notification (`POLL_MS`, 1 s). */
  readonly pollMs: number;
  /** How often viewer counts are published (`VIEWERS_MS`, 2 s). */
  readonly viewersMs: number;
  /** How long a feed stays open after its last spectator left (`LINGER_MS`, 30 s). */
  readonly lingerMs: number;
  /** Browser origins allowed to connect (`ALLOWED_ORIGINS`, as the game servers). */
  readonly allowedOrigins: readonly string[];
  /**
   * Spectators held at most (`MAX_SPECTATORS`); more are refused with 503. By default the
   * process's open-file limit less 1,000: past it `Deno.serve` would end the process.
   */
  readonly maxSpectators: number;
}

/** The open-file limit less a reserve (Redis, files), or a large number when unknown. */
export function defaultMaxSpectators(limits: string = readLimits()): number {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
  if (!m || m[1] === "unlimited") return 1_000_000;
  return Math.max(1, Number(m[1]) - 1_000);
}

function readLimits(): string {
  try {
    return Deno.readTextFileSync("/proc/self/limits");
  } catch {
    return "";
  }
}

/** Reads the settings; throws naming the variable when one is malformed. */
export function loadRelayConfig(
  env: (k: string) => string | undefined = (k) => Deno.env.get(k),
): RelayConfig {
  return {
    port: num(env, "RELAY_PORT", 2570),
    hostname: env("RELAY_HOST") ?? "0.0.0.0",
    redisUrl: env("REDIS_URL") ?? "redis://127.0.0.1:6379",
    relayId: env("RELAY_ID") ?? `relay-${crypto.randomUUID().slice(0, 8)}`,
    fullViewDelayMs: num(env, "FULL_VIEW_DELAY_MS", DEFAULT_FULL_VIEW_DELAY_MS),
    sendBufferBytes: num(env, "SEND_BUFFER_BYTES", 256 * 1024),
    pollMs: num(env, "POLL_MS", 1_000),
    viewersMs: num(env, "VIEWERS_MS", 2_000),
    lingerMs: num(env, "LINGER_MS", 30_000),
    allowedOrigins: parseOrigins(env("ALLOWED_ORIGINS") ?? LOCAL_ORIGINS),
    maxSpectators: num(env, "MAX_SPECTATORS", 0) || defaultMaxSpectators(),
  };
}
