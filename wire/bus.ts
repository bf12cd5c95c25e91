/**
 * Redis key, stream and channel names: the only place they are spelled. Every key of a game
 * carries the game id as a `{hash tag}`, so a game's keys share one Redis Cluster slot and a
 * Lua script may touch them together.
 *
 * @module
 */

/** A game's keys and channels. */
export interface GameKeys {
  /** Stream of the full events (server-only): fields `v` (version) and `e` (event JSON). */
  readonly events: string;
  /** Stream of the spectator-redacted events, for the relay and other readers: `v`, `e`. */
  readonly public: string;
  /** Pub/sub channel woken with the new version after each append. */
  readonly notify: string;
  /** The last appended version (an integer string). */
  readonly version: string;
  /** The ownership lease: the owner's fencing token, with a short expiry. */
  readonly lease: string;
  /** The fencing counter: incremented by every new owner. */
  readonly fence: string;
  /** Table metadata hash: options, seat names, seat token hashes, bots, room id. */
  readonly meta: string;
  /** Spectator counts: relay id → `count|expiresAt` (see `relay_protocol.ts`). */
  readonly viewers: string;
}

/**
 * The keys of game `gameId`.
 *
 * @example
 * ```ts
 * import { gameKeys } from "@baloot/wire";
 * gameKeys("k3x9").events; // "game:{k3x9}:events"
 * ```
 */
export function gameKeys(gameId: string): GameKeys {
  const base = `game:{${gameId}}`;
  return {
    events: `${base}:events`,
    public: `${base}:public`,
    notify: `${base}:notify`,
    version: `${base}:version`,
    lease: `${base}:lease`,
    fence: `${base}:fence`,
    meta: `${base}:meta`,
    viewers: `${base}:viewers`,
  };
}

/** Sorted set of live games scored by their lease expiry (ms): the janitor's to-do list. */
export const LEASES_KEY = "games:leases";

/** The game id behind a private table's invite code. */
export function inviteKey(code: string): string {
  return `invite:${code}`;
}

/** The stream bots' move requests go to (one consumer group of Brain workers reads it). */
export const BRAIN_REQUESTS = "brain:requests";
/** The Brain workers' consumer group on {@linkcode BRAIN_REQUESTS}. */
export const BRAIN_GROUP = "brain";
/** Requests that failed repeatedly; the table's fallback bot answered them. */
export const BRAIN_DEAD_LETTERS = "brain:dead";

/** The stream a server process reads its bot replies from. */
export function brainReplies(processId: string): string {
  return `brain:replies:${processId}`;
}
