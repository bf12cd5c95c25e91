/**
 * The relay's hub: one feed per watched game and view, spectators attached to them, their
 * messages (rate-limited `history` requests; anything else closes the socket), the polling that
 * backs up pub/sub, viewer counts, and following a table into its rematch.
 *
 * @module
 */

import {
  MAX_SPECTATOR_MESSAGE_BYTES,
  parseSpectatorMessage,
  WATCH_CLOSE,
  type WatchRequest,
  type WatchSeat,
  type WatchView,
} from "@baloot/wire";
import type { RelayConfig } from "./config.ts";
import { Feed, type GameLog, type Spectator, warn } from "./feed.ts";

/** What the hub needs of Redis beyond reading logs. */
export interface RelayStore extends GameLog {
  meta(gameId: string): Promise<Record<string, string>>;
  listen(gameId: string): Promise<void>;
  unlisten(gameId: string): Promise<void>;
  publishViewers(
    relayId: string,
    counts: ReadonlyMap<string, number>,
  ): Promise<Map<string, number>>;
}

/** The relay's counters (served at `/health`). */
export interface RelayStats {
  readonly relayId: string;
  readonly spectators: number;
  readonly feeds: number;
  /** Spectators dropped for being too slow. */
  readonly dropped: number;
  /** Spectators closed for bad input. */
  readonly refused: number;
  /** Connections refused because the relay was full (`MAX_SPECTATORS`). */
  readonly turnedAway: number;
  /** The process's resident memory and V8 heap in use, bytes. */
  readonly rss: number;
  readonly heapUsed: number;
}

/** How often a finished game's metadata is read for its rematch. */
const NEXT_POLL_MS = 2_000;
/** Messages a spectator may send per second (a burst of twice as many passes). */
const MESSAGES_PER_SECOND = 5;

interface Watcher {
  readonly feed: Feed;
  tokens: number;
  at: number;
}

/** The relay. */
export class Relay {
  readonly #feeds = new Map<string, Feed>();
  readonly #opening = new Map<string, Promise<Feed | string>>();
  readonly #watchers = new Map<Spectator, Watcher>();
  /** Spectators whose feed is opening, with the messages they sent meanwhile. */
  readonly #early = new Map<Spectator, unknown[]>();
  readonly #viewers = new Map<string, number>(); // totals over all relays, as last published
  readonly #published = new Map<string, number>(); // this relay's counts, as last published
  readonly #next = new Map<string, string>(); // game → the game its table went on with
  readonly #nextAsked = new Map<string, number>(); // game → when its metadata was last read
  readonly #uses = new Map<string, number>(); // game → feeds open or opening (pub/sub while > 0)
  #polling = false;
  #dropped = 0;
  #refused = 0;
  /** Connections refused because the relay was full (counted by `main.ts`). */
  turnedAway = 0;
  #timers: ReturnType<typeof setInterval>[] = [];

  constructor(readonly config: RelayConfig, private readonly store: RelayStore) {}

  /** Starts polling and publishing viewer counts. */
  start(): void {
    this.#timers.push(setInterval(() => this.#poll(), this.config.pollMs));
    this.#timers.push(setInterval(() => this.#publish(), this.config.viewersMs));
  }

  /** Adds a spectator for `req`; refuses it (error frame, close) if the game is unknown. */
  async watch(req: WatchRequest, s: Spectator): Promise<void> {
    let feed: Feed | string;
    this.#early.set(s, []);
    try {
      feed = await this.#feed(req.gameId, req.view);
    } catch (e) {
      this.#early.delete(s);
      // Redis is away or the log unreadable: try again later (or at another relay). The reason
      // stays in the relay's log: a message about the full log could name a hidden card.
      warn(req.gameId, e);
      return refuse(s, "UNAVAILABLE", "this game cannot be watched now", WATCH_CLOSE.goingAway);
    }
    const early = this.#early.get(s);
    this.#early.delete(s);
    if (early === undefined) return; // it left while the feed opened
    if (typeof feed === "string") return refuse(s, "NOT_FOUND", feed, WATCH_CLOSE.notFound);
    this.#watchers.set(s, { feed, tokens: 2 * MESSAGES_PER_SECOND, at: Date.now() });
    feed.add(s, req.since);
    const n = this.#viewers.get(req.gameId);
    if (n !== undefined) feed.deliver(s, viewersFrame(n));
    if (feed.nextSent) feed.deliver(s, nextFrame(this.#next.get(req.gameId)!));
    for (const data of early) this.message(s, data);
  }

  /** A spectator's message. */
  message(s: Spectator, data: unknown): void {
    const early = this.#early.get(s);
    if (early) {
      // Answered once its feed is open; a client that floods meanwhile is closed at once.
      if (early.length >= 2 * MESSAGES_PER_SECOND) this.badInput(s, "FLOOD", "too many messages");
      else early.push(data);
      return;
    }
    const w = this.#watchers.get(s);
    if (!w) return;
    const now = Date.now();
    w.tokens = Math.min(
      2 * MESSAGES_PER_SECOND,
      w.tokens + (now - w.at) * MESSAGES_PER_SECOND / 1e3,
    );
    w.at = now;
    if (--w.tokens < 0) return this.badInput(s, "FLOOD", "too many messages");
    if (typeof data !== "string" || utf8Length(data) > MAX_SPECTATOR_MESSAGE_BYTES) {
      return this.badInput(
        s,
        "BAD_MESSAGE",
        `messages are JSON text of at most ${MAX_SPECTATOR_MESSAGE_BYTES} bytes`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return this.badInput(s, "BAD_MESSAGE", "not JSON");
    }
    const m = parseSpectatorMessage(value);
    if (typeof m === "string") return this.badInput(s, "BAD_MESSAGE", m);
    w.feed.deliver(s, w.feed.historyFrame(m.from, m.to));
  }

  /** Closes a spectator for bad input (a malformed request or message). */
  badInput(s: Spectator, code: string, message: string): void {
    this.leave(s);
    this.#refused++;
    refuse(s, code, message, WATCH_CLOSE.badInput);
  }

  /** A spectator left (or was closed). */
  leave(s: Spectator): void {
    this.#early.delete(s);
    const w = this.#watchers.get(s);
    if (!w) return;
    this.#watchers.delete(s);
    w.feed.remove(s);
  }

  /** A game has new events (pub/sub). */
  wake(gameId: string): void {
    for (const feed of this.#feedsOf(gameId)) feed.pull().catch((e) => warn(gameId, e));
  }

  /** A game's open feeds (its live view, its full view). */
  #feedsOf(gameId: string): Feed[] {
    const feeds: Feed[] = [];
    for (const view of ["live", "full"] as const) {
      const feed = this.#feeds.get(key(gameId, view));
      if (feed) feeds.push(feed);
    }
    return feeds;
  }

  /** The counters. */
  stats(): RelayStats {
    return {
      relayId: this.config.relayId,
      spectators: this.#watchers.size,
      feeds: this.#feeds.size,
      dropped: this.#dropped,
      refused: this.#refused,
      turnedAway: this.turnedAway,
      ...(({ rss, heapUsed }) => ({ rss, heapUsed }))(Deno.memoryUsage()),
    };
  }

  async #feed(gameId: string, view: WatchView): Promise<Feed | string> {
    const k = key(gameId, view);
    const open = this.#feeds.get(k);
    if (open) return open;
    let opening = this.#opening.get(k);
    if (!opening) {
      opening = this.#open(gameId, view).finally(() => this.#opening.delete(k));
      this.#opening.set(k, opening);
    }
    return await opening;
  }

  async #open(gameId: string, view: WatchView): Promise<Feed | string> {
    this.#use(gameId, +1);
    try {
      const meta = await this.store.meta(gameId);
      if (!meta.settings) {
        this.#use(gameId, -1);
        return `no game ${gameId}`;
      }
      const settings = JSON.parse(meta.settings) as { watchDelaySeconds?: number };
      const seats = (JSON.parse(meta.seats ?? "[]") as WatchSeat[]).map((s) => ({
        name: String(s.name ?? ""),
        kind: String(s.kind ?? "empty"),
        level: Number(s.level ?? 1),
      }));
      const feed = new Feed({
        gameId,
        view,
        delayMs: settings.watchDelaySeconds !== undefined
          ? settings.watchDelaySeconds * 1000
          : this.config.fullViewDelayMs,
        seats,
        sendBufferBytes: this.config.sendBufferBytes,
        onDrop: (s) => {
          this.#dropped++;
          this.#watchers.delete(s);
        },
      }, this.store);
      await feed.pull();
      if (meta.next) this.#next.set(gameId, meta.next);
      this.#feeds.set(key(gameId, view), feed);
      return feed;
    } catch (e) {
      this.#use(gameId, -1);
      throw e;
    }
  }

  /** Counts a game's feeds (open or opening): pub/sub listens while there is one. */
  #use(gameId: string, d: 1 | -1): void {
    const n = (this.#uses.get(gameId) ?? 0) + d;
    if (n > 0) this.#uses.set(gameId, n);
    else {
      this.#uses.delete(gameId);
      this.#next.delete(gameId);
      this.#nextAsked.delete(gameId);
      this.#viewers.delete(gameId);
    }
    // Pub/sub only wakes feeds early (they poll anyway): a failure here is not fatal.
    if (d > 0 && n === 1) this.store.listen(gameId).catch((e) => warn(gameId, e));
    if (n === 0) this.store.unlisten(gameId).catch(() => {});
  }

  /**
   * Reads every feed's log (pub/sub may drop a message), closes idle feeds, and tells each
   * view's spectators of a rematch once that view has shown the match's end.
   */
  async #poll(): Promise<void> {
    if (this.#polling) return; // the last round is still waiting for Redis
    this.#polling = true;
    try {
      const now = Date.now();
      const over: Feed[] = [];
      for (const [k, feed] of this.#feeds) {
        const { gameId } = feed.options;
        if (feed.spectators.size === 0 && now - feed.lastUsed > this.config.lingerMs) {
          feed.close();
          this.#feeds.delete(k);
          this.#use(gameId, -1);
          continue;
        }
        feed.pull().catch((e) => warn(gameId, e));
        if (feed.state.phase === "OVER" && !feed.nextSent) over.push(feed);
      }
      await Promise.all(over.map((feed) => this.#tellNext(feed, now)));
    } finally {
      this.#polling = false;
    }
  }

  /** Sends `next` to a finished feed's spectators once the game's rematch is known. */
  async #tellNext(feed: Feed, now: number): Promise<void> {
    const { gameId } = feed.options;
    if (!this.#next.has(gameId) && now - (this.#nextAsked.get(gameId) ?? 0) >= NEXT_POLL_MS) {
      this.#nextAsked.set(gameId, now);
      const next = (await this.store.meta(gameId).catch(() => ({} as Record<string, string>))).next;
      if (next && this.#uses.has(gameId)) this.#next.set(gameId, next);
    }
    const next = this.#next.get(gameId);
    if (next && !feed.nextSent) {
      feed.nextSent = true;
      feed.broadcast(nextFrame(next));
    }
  }

  /** Publishes this relay's viewer counts and tells spectators the totals that changed. */
  async #publish(): Promise<void> {
    const counts = new Map<string, number>();
    for (const feed of this.#feeds.values()) {
      const id = feed.options.gameId;
      counts.set(id, (counts.get(id) ?? 0) + feed.spectators.size);
    }
    for (const id of this.#published.keys()) if (!counts.has(id)) counts.set(id, 0);
    if (counts.size === 0) return;
    let totals: Map<string, number>;
    try {
      totals = await this.store.publishViewers(this.config.relayId, counts);
    } catch {
      return; // Redis is away: the next round publishes
    }
    for (const [id, n] of counts) n > 0 ? this.#published.set(id, n) : this.#published.delete(id);
    for (const [id, n] of totals) {
      if (this.#viewers.get(id) === n || !this.#uses.has(id)) continue;
      this.#viewers.set(id, n);
      const frame = viewersFrame(n);
      for (const feed of this.#feedsOf(id)) feed.broadcast(frame);
    }
  }

  /** Stops: every spectator is told to reconnect (to any relay), counts are withdrawn. */
  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    for (const feed of this.#feeds.values()) feed.close();
    const counts = new Map([...this.#published.keys()].map((id) => [id, 0]));
    if (counts.size > 0) {
      await this.store.publishViewers(this.config.relayId, counts).catch(() => {});
    }
    this.#feeds.clear();
    this.#watchers.clear();
  }
}

const key = (gameId: string, view: WatchView) => `${gameId}|${view}`;
const nextFrame = (gameId: string) => JSON.stringify({ type: "next", gameId });
const viewersFrame = (n: number) => JSON.stringify({ type: "viewers", n });
const ENCODER = new TextEncoder();
/** A string's length in UTF-8 bytes (measured only when it could be over the limit). */
const utf8Length = (s: string) =>
  s.length * 3 <= MAX_SPECTATOR_MESSAGE_BYTES ? s.length : ENCODER.encode(s).length;

/** Sends an `error` frame and closes. */
export function refuse(s: Spectator, code: string, message: string, close: number): void {
  try {
    s.send(JSON.stringify({ type: "error", code, message }));
  } catch { /* already closing */ }
  s.close(close, code);
}
