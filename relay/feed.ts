/**
 * One game's feed on one relay process: it reads the game's log once (the public stream for the
 * live view, the full stream for the delayed full view), folds it with `rules.apply` for
 * snapshots, and fans every new batch of events out to its spectators as one pre-encoded frame.
 *
 * The full view releases an event only when its delay has passed **and** the hand it belongs to
 * has ended (its `HAND_RESULT` or `HAND_CANCELLED` is in the log): no setting, and no path,
 * shows a hand's cards while it is being played.
 *
 * @module
 */

import { apply, type GameState, initialState } from "@baloot/rules";
import {
  MAX_HISTORY_EVENTS,
  parseEvent,
  type TimedEvent,
  WATCH_CLOSE,
  type WatchSeat,
  type WatchView,
} from "@baloot/wire";

/** A raw log entry: version, append time, event JSON. */
export interface RawEntry {
  readonly v: number;
  readonly t: number;
  readonly json: string;
}

/** Where feeds read games from (Redis in production: `redis_log.ts`). */
export interface GameLog {
  /** Entries after version `after`, in order, at most `count`. */
  read(gameId: string, view: WatchView, after: number, count: number): Promise<RawEntry[]>;
}

/** A connected spectator, as the feed sees it (a WebSocket in production). */
export interface Spectator {
  send(frame: string): void;
  /** Bytes queued but not yet sent. */
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

/** What a feed is opened with. */
export interface FeedOptions {
  readonly gameId: string;
  readonly view: WatchView;
  /** The full view's delay (ignored by the live view). */
  readonly delayMs: number;
  readonly seats: readonly WatchSeat[];
  /** A spectator with more than this many bytes unsent is dropped. */
  readonly sendBufferBytes: number;
  readonly now?: () => number;
  /** Called when a spectator is dropped for being too slow. */
  readonly onDrop?: (s: Spectator) => void;
}

const BATCH = 1_000;
const HAND_ENDS = new Set(["HAND_RESULT", "HAND_CANCELLED"]);

/** A game's feed for one view. */
export class Feed {
  readonly spectators: Set<Spectator> = new Set();
  /** Every event read so far, index `v - 1` (the full view: released or not). */
  readonly log: TimedEvent[] = [];
  /** The last version sent to spectators (released, for the full view). */
  head = 0;
  /** The game at `head` as this view shows it. */
  state: GameState = initialState();
  /** The log's identity: the first entry's append time (`"0"` while it is empty). */
  epoch = "0";
  /** Last time a spectator was here (feeds without spectators close after a while). */
  lastUsed: number;
  /** Whether its spectators were told the table's rematch (once this view shows the end). */
  nextSent = false;
  #closed = false;
  #gate: number[] = []; // full view: when the event's hand ended (0 outside a hand, ∞ while open)
  #openHand: number[] | null = null;
  #pulling: Promise<void> | null = null;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #snapshot: { head: number; frame: string } | null = null;
  readonly #now: () => number;

  constructor(readonly options: FeedOptions, private readonly source: GameLog) {
    this.#now = options.now ?? Date.now;
    this.lastUsed = this.#now();
  }

  /** Reads what is new in the log and sends it on; concurrent calls coalesce. */
  pull(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#pulling) {
      this.#again = true;
      return this.#pulling;
    }
    this.#pulling = (async () => {
      try {
        do {
          this.#again = false;
          await this.#readAll();
        } while (this.#again);
      } finally {
        this.#pulling = null;
      }
    })();
    return this.#pulling;
  }

  async #readAll(): Promise<void> {
    for (;;) {
      const entries = await this.source.read(
        this.options.gameId,
        this.options.view,
        this.log.length,
        BATCH,
      );
      for (const raw of entries) this.#take(raw);
      this.#release();
      if (entries.length < BATCH) return;
    }
  }

  #take(raw: RawEntry): void {
    if (raw.v !== this.log.length + 1) {
      throw new Error(
        `game ${this.options.gameId}: expected version ${this.log.length + 1}, got ${raw.v}`,
      );
    }
    const e = parseEvent(JSON.parse(raw.json), { redacted: this.options.view === "live" });
    if (typeof e === "string") throw new Error(`game ${this.options.gameId} v${raw.v}: ${e}`);
    if (this.log.length === 0) this.epoch = String(raw.t);
    this.log.push({ v: raw.v, t: raw.t, e });
    // Which hand the event belongs to, and so when the full view may show it.
    if (e.type === "HAND_START") this.#openHand = [];
    if (this.#openHand) {
      this.#openHand.push(raw.v - 1);
      this.#gate.push(Infinity);
      if (HAND_ENDS.has(e.type)) {
        for (const i of this.#openHand) this.#gate[i] = raw.t;
        this.#openHand = null;
      }
    } else this.#gate.push(0);
  }

  /** When event index `i` may be shown. */
  #releaseAt(i: number): number {
    if (this.options.view === "live") return 0;
    return Math.max(this.log[i].t + this.options.delayMs, this.#gate[i]);
  }

  #release(): void {
    clearTimeout(this.#timer);
    if (this.#closed) return;
    const now = this.#now();
    const from = this.head;
    while (this.head < this.log.length && this.#releaseAt(this.head) <= now) {
      this.state = apply(this.state, this.log[this.head].e);
      this.head++;
    }
    if (this.head < this.log.length) {
      const at = this.#releaseAt(this.head);
      if (Number.isFinite(at)) this.#timer = setTimeout(() => this.#releaseLater(), at - now + 1);
    }
    if (this.head > from) this.broadcast(this.eventsFrame(from, this.head));
  }

  /** The release timer: a failure is logged, never thrown out of a timer (it would end the process). */
  #releaseLater(): void {
    try {
      this.#release();
    } catch (e) {
      warn(this.options.gameId, e);
    }
  }

  /** The `events` frame of versions `from + 1` … `to`. */
  eventsFrame(from: number, to: number): string {
    return JSON.stringify({ type: "events", epoch: this.epoch, events: this.log.slice(from, to) });
  }

  /** The `snapshot` frame at `head` (encoded once per version, however many join). */
  snapshotFrame(): string {
    if (this.#snapshot?.head !== this.head) {
      const o = this.options;
      const frame = JSON.stringify({
        type: "snapshot",
        gameId: o.gameId,
        view: o.view,
        epoch: this.epoch,
        v: this.head,
        state: this.state,
        seats: o.seats,
        delayMs: o.view === "full" ? o.delayMs : 0,
      });
      this.#snapshot = { head: this.head, frame };
    }
    return this.#snapshot.frame;
  }

  /** The `history` frame for a spectator's request (clipped to what this view has shown). */
  historyFrame(from: number, to: number): string {
    const last = Math.min(to, this.head, from + MAX_HISTORY_EVENTS - 1);
    const events = from <= last ? this.log.slice(from - 1, last) : [];
    return JSON.stringify({ type: "history", epoch: this.epoch, from, events });
  }

  /**
   * Adds a spectator: the events after `since` when it holds this epoch's version `since.v`
   * (nothing missed, nothing twice), otherwise a snapshot.
   */
  add(s: Spectator, since: { v: number; epoch: string } | null): void {
    this.spectators.add(s);
    this.lastUsed = this.#now();
    const resumable = since !== null && since.epoch === this.epoch && since.v >= 1 &&
      since.v <= this.head;
    // A resumable spectator gets what it missed: an empty batch tells one up to date so.
    if (!resumable) this.deliver(s, this.snapshotFrame());
    else this.deliver(s, this.eventsFrame(since.v, this.head));
  }

  /** Removes a spectator. */
  remove(s: Spectator): void {
    if (this.spectators.delete(s)) this.lastUsed = this.#now();
  }

  /** Sends `frame` to every spectator. */
  broadcast(frame: string): void {
    for (const s of this.spectators) this.deliver(s, frame);
  }

  /**
   * Sends `frame` to one spectator, unless what it was sent before is still queued beyond the
   * send buffer's bound: then it is dropped (one large frame alone, a snapshot or a history
   * reply, does not count against a spectator that keeps up).
   */
  deliver(s: Spectator, frame: string): void {
    if (s.bufferedAmount > this.options.sendBufferBytes) {
      this.remove(s);
      this.options.onDrop?.(s);
      s.close(WATCH_CLOSE.tooSlow, "too slow: send buffer full");
      return;
    }
    try {
      s.send(frame);
    } catch {
      this.remove(s); // the socket is closing
    }
  }

  /** Stops the release timer. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const s of this.spectators) s.close(WATCH_CLOSE.goingAway, "relay closing");
    this.spectators.clear();
  }
}

/** Logs a game's failure (the relay carries on: the next poll tries again). */
export function warn(gameId: string, e: unknown): void {
  console.error(`relay: game ${gameId}: ${e instanceof Error ? e.message : e}`);
}
