/**
 * The relay's Redis adapter: reads a game's streams and metadata, listens for new versions on
 * the games' notify channels (one subscriber connection for the whole process), and publishes
 * this relay's viewer counts. The only module of the relay that speaks Redis.
 *
 * @module
 */

import { Redis } from "ioredis";
import { gameKeys, sumViewers, VIEWERS_TTL_MS, viewersEntry, type WatchView } from "@baloot/wire";
import type { GameLog, RawEntry } from "./feed.ts";

/** Redis for one relay process. */
export class RedisLog implements GameLog {
  readonly #redis: Redis;
  readonly #sub: Redis;
  readonly #channels = new Map<string, string>(); // channel → game id

  /** Connects; `onWake(gameId)` is called when a watched game has new events. */
  constructor(url: string, onWake: (gameId: string) => void) {
    // Reads may wait for a restarting Redis (the relay polls again), but not forever.
    const options = { maxRetriesPerRequest: 2, commandTimeout: 5_000 };
    this.#redis = new Redis(url, options);
    // ioredis's own resubscribe after a reconnection leaves its promise unhandled, and a
    // close() while it waits would reject it with nobody listening: resubscribe here instead.
    this.#sub = new Redis(url, { maxRetriesPerRequest: 2, autoResubscribe: false });
    for (const r of [this.#redis, this.#sub]) r.on("error", () => {}); // reconnects by itself
    this.#sub.on("ready", () => {
      const channels = [...this.#channels.keys()];
      if (channels.length > 0) this.#sub.subscribe(...channels).catch(() => {});
    });
    this.#sub.on("message", (channel: string) => {
      const gameId = this.#channels.get(channel);
      if (gameId) onWake(gameId);
    });
  }

  /** Resolves once both connections are up. */
  async ready(): Promise<void> {
    await Promise.all([this.#redis.ping(), this.#sub.ping()]);
  }

  async read(gameId: string, view: WatchView, after: number, count: number): Promise<RawEntry[]> {
    const k = gameKeys(gameId);
    const key = view === "live" ? k.public : k.events;
    const entries = await this.#redis.xrange(key, `${after + 1}-0`, "+", "COUNT", count);
    return entries.map(([id, f]) => ({
      v: Number(id.slice(0, id.indexOf("-"))),
      t: Number(f[f.indexOf("t") + 1]),
      json: f[f.indexOf("e") + 1],
    }));
  }

  /** The game's metadata hash (settings, seats, `next` after a rematch). */
  async meta(gameId: string): Promise<Record<string, string>> {
    return await this.#redis.hgetall(gameKeys(gameId).meta);
  }

  /** Starts listening for a game's new versions. */
  async listen(gameId: string): Promise<void> {
    const channel = gameKeys(gameId).notify;
    this.#channels.set(channel, gameId);
    await this.#sub.subscribe(channel);
  }

  /** Stops listening for a game. */
  async unlisten(gameId: string): Promise<void> {
    const channel = gameKeys(gameId).notify;
    this.#channels.delete(channel);
    await this.#sub.unsubscribe(channel);
  }

  /**
   * Records this relay's viewer count for each game (0 removes the entry) and returns each
   * game's total over all relays.
   */
  async publishViewers(
    relayId: string,
    counts: ReadonlyMap<string, number>,
  ): Promise<Map<string, number>> {
    const now = Date.now();
    const m = this.#redis.multi();
    const games = [...counts.keys()];
    for (const [gameId, n] of counts) {
      const key = gameKeys(gameId).viewers;
      if (n > 0) m.hset(key, relayId, viewersEntry(n, now)).pexpire(key, 2 * VIEWERS_TTL_MS);
      else m.hdel(key, relayId);
      m.hgetall(key);
    }
    const replies = (await m.exec()) ?? [];
    const totals = new Map<string, number>();
    let at = 0;
    for (const gameId of games) {
      at += counts.get(gameId)! > 0 ? 2 : 1;
      const [err, hash] = replies[at++] ?? [];
      if (!err) totals.set(gameId, sumViewers((hash ?? {}) as Record<string, string>, now));
    }
    return totals;
  }

  /** Closes both connections. */
  close(): void {
    this.#redis.disconnect();
    this.#sub.disconnect();
  }
}
