/**
 * A spectator's connection to a relay: opens `/watch/{gameId}`, keeps the watched game's state
 * current by folding the events it receives with `rules.apply`, and after a drop reconnects
 * with the last version and epoch it holds, so it gets exactly the missed events (or a fresh
 * snapshot). The browser's spectator screen and the tests use it alike.
 *
 * @module
 */

import { apply, type GameEvent, type GameState } from "@baloot/rules";
import type {
  TimedEvent,
  WatchFrame,
  WatchHistory,
  WatchSeat,
  WatchSnapshot,
  WatchView,
} from "@baloot/wire";
import { WATCH_CLOSE } from "@baloot/wire";

/** What to watch and what to report. */
export interface WatchClientOptions {
  /** The relay's base URL (`ws://host:port`). */
  readonly relay: string;
  /**
   * Other relays to move to when this one stays unreachable (a relay that died): the client
   * tries them in turn and catches up there from its last version, as on any reconnection.
   */
  readonly fallbacks?: readonly string[];
  readonly gameId: string;
  readonly view?: WatchView;
  /** A snapshot replaced the state (joining, or a catch-up that was not possible). */
  readonly onSnapshot?: (state: GameState, snapshot: WatchSnapshot) => void;
  /** One event was folded in; `t` is when it was recorded. */
  readonly onEvent?: (event: GameEvent, v: number, state: GameState, t: number) => void;
  /** Every frame as received (tests check the bytes). */
  readonly onFrame?: (text: string) => void;
  readonly onViewers?: (n: number) => void;
  /** The table went on with a new game (a rematch). */
  readonly onNext?: (gameId: string) => void;
  readonly onStatus?: (status: WatchStatus, detail?: string) => void;
  /** Whether to reconnect after a drop (default true). */
  readonly autoReconnect?: boolean;
}

/** Where the connection stands. */
export type WatchStatus = "connecting" | "live" | "reconnecting" | "closed";

/** Failed attempts after which a first connection gives up. */
const FIRST_ATTEMPTS = 4;
/** Codes after which reconnecting would not help. */
const FINAL = new Set<number>([WATCH_CLOSE.badInput, WATCH_CLOSE.notFound]);

/** A spectator. */
export class WatchClient {
  state: GameState | null = null;
  /** The last version folded into `state`. */
  version = 0;
  epoch: string | null = null;
  seats: readonly WatchSeat[] = [];
  viewers = 0;
  delayMs = 0;
  status: WatchStatus = "closed";
  /** How many times the connection was opened again after a drop. */
  reconnects = 0;
  /** Snapshots received (1 on a first join; more when a catch-up was not possible). */
  snapshots = 0;
  #ws: WebSocket | null = null;
  #closing = false;
  #first: { resolve: () => void; reject: (e: Error) => void } | null = null;
  #history = new Map<number, { resolve: (e: TimedEvent[]) => void; reject: (e: Error) => void }>();
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** Connection attempts since the last time it was live (for the back-off). */
  #attempts = 0;
  /** Which relay it uses now: 0 the given one, then the fallbacks. */
  #relay = 0;

  constructor(readonly options: WatchClientOptions) {}

  /** Connects; resolves once the game's state is known. */
  connect(): Promise<void> {
    this.#closing = false;
    return new Promise<void>((resolve, reject) => {
      this.#first = { resolve, reject };
      this.#open();
    });
  }

  /** The URL this client opens now (with its position once it has one). */
  get url(): string {
    const o = this.options;
    const u = new URL(
      `/watch/${encodeURIComponent(o.gameId)}`,
      this.relayUrl.replace(/^http/, "ws"),
    );
    u.searchParams.set("view", o.view ?? "live");
    if (this.epoch !== null && this.version > 0) {
      u.searchParams.set("since", String(this.version));
      u.searchParams.set("epoch", this.epoch);
    }
    return u.toString();
  }

  #open(): void {
    this.#setStatus(this.reconnects > 0 ? "reconnecting" : "connecting");
    const ws = new WebSocket(this.url);
    this.#ws = ws;
    ws.onmessage = (m) => {
      if (typeof m.data === "string") this.#frame(m.data);
    };
    ws.onclose = (c) => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.#failHistory("disconnected");
      this.#attempts++;
      // A first connection that keeps failing is reported rather than retried for ever.
      const hopeless = this.#first !== null && this.#attempts >= FIRST_ATTEMPTS;
      const final = this.#closing || FINAL.has(c.code) || hopeless ||
        this.options.autoReconnect === false;
      if (final) {
        this.#closing = true;
        this.#setStatus("closed", c.reason);
        this.#first?.reject(new Error(`watching closed: ${c.code} ${c.reason}`));
        this.#first = null;
        return;
      }
      this.#setStatus("reconnecting", c.reason);
      // Twice in a row no answer from this relay: try the next one.
      if (this.#attempts % 2 === 0 && (this.options.fallbacks?.length ?? 0) > 0) this.#relay++;
      const wait = Math.min(5_000, 250 * 2 ** Math.min(this.#attempts - 1, 5));
      this.#retry = setTimeout(() => {
        this.reconnects++;
        if (!this.#closing) this.#open();
      }, wait);
    };
  }

  #frame(text: string): void {
    this.options.onFrame?.(text);
    const f = JSON.parse(text) as WatchFrame;
    switch (f.type) {
      case "snapshot":
        this.snapshots++;
        this.state = f.state;
        this.version = f.v;
        this.epoch = f.epoch;
        this.seats = f.seats;
        this.delayMs = f.delayMs;
        this.options.onSnapshot?.(f.state, f);
        this.#live();
        break;
      case "events":
        if (this.state === null) return this.#drop("events before a snapshot");
        // An empty log has no epoch yet: its first events bring it.
        if (f.epoch !== this.epoch && this.version === 0) this.epoch = f.epoch;
        if (f.epoch !== this.epoch) return this.#drop("epoch changed");
        for (const { v, t, e } of f.events) {
          if (v <= this.version) continue; // already held
          if (v !== this.version + 1) return this.#drop(`gap before ${v}`);
          this.state = apply(this.state, e);
          this.version = v;
          this.options.onEvent?.(e, v, this.state, t);
        }
        this.#live();
        break;
      case "history":
        this.#answer(f);
        break;
      case "viewers":
        this.viewers = f.n;
        this.options.onViewers?.(f.n);
        break;
      case "next":
        this.options.onNext?.(f.gameId);
        break;
      case "error":
        this.#setStatus(this.status, `${f.code}: ${f.message}`);
        break;
    }
  }

  /** A catch-up (or a first snapshot) arrived: the client is up to date. */
  #live(): void {
    this.#attempts = 0;
    if (this.status !== "live") this.#setStatus("live");
    this.#first?.resolve();
    this.#first = null;
  }

  /** Something is inconsistent: reconnect for a clean catch-up. */
  #drop(why: string): void {
    this.epoch = null; // ask for a snapshot
    this.#ws?.close(1000, why);
  }

  #answer(f: WatchHistory): void {
    const done = this.#history.get(f.from);
    this.#history.delete(f.from);
    done?.resolve([...f.events]);
  }

  #failHistory(why: string): void {
    for (const { reject } of this.#history.values()) reject(new Error(why));
    this.#history.clear();
  }

  /** Public events `from`..`to` of the watched game (for rewinding). */
  history(from: number, to: number): Promise<TimedEvent[]> {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error("not connected"));
    return new Promise((resolve, reject) => {
      this.#history.set(from, { resolve, reject });
      ws.send(JSON.stringify({ type: "history", from, to }));
    });
  }

  /** Sends raw text (tests of the relay's input checks). */
  sendRaw(text: string): void {
    this.#ws?.send(text);
  }

  #setStatus(s: WatchStatus, detail?: string): void {
    this.status = s;
    this.options.onStatus?.(s, detail);
  }

  /** Stops watching. */
  close(): void {
    this.#closing = true;
    clearTimeout(this.#retry);
    const ws = this.#ws;
    this.#ws = null;
    ws?.close(1000, "bye");
    this.#failHistory("closed");
    this.#first?.reject(new Error("watching closed"));
    this.#first = null;
    this.#setStatus("closed");
  }

  /** The relay it uses now. */
  get relayUrl(): string {
    const relays = [this.options.relay, ...(this.options.fallbacks ?? [])];
    return relays[this.#relay % relays.length];
  }

  /** Closes the socket as a network drop would (tests): the client reconnects by itself. */
  dropConnection(): void {
    this.#ws?.close(1000, "dropped");
  }
}
