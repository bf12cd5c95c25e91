/**
 * A seat at a table, over Colyseus: joins (quick play, private table, invite, or back to a
 * seat), keeps the seat's view current by folding the versioned events it receives with
 * `rules.apply`, asks for the missed events when it sees a gap, and finds its table again when
 * the connection or the server process goes away. The browser UI and the tests use it alike.
 *
 * @module
 */

import { Client, type Room } from "@colyseus/sdk";
import { apply, type GameEvent, type GameState, type Seat, type SeatCommand } from "@baloot/rules";
import type { Ack, ErrorMessage, Snapshot, VersionedEvent, Welcome } from "@baloot/wire";
import { MSG } from "@baloot/wire";

/** A command as a client sends it: the room knows the seat. */
export type ClientCommand = SeatCommand extends infer C
  ? C extends SeatCommand ? Omit<C, "seat"> : never
  : never;

/** How to reach the servers and what to report. */
export interface TableClientOptions {
  /** Base URLs of the game servers (any one answers matchmaking and lookups). */
  readonly endpoints: readonly string[];
  readonly name: string;
  /** Called after every change of the seat's view. */
  readonly onView?: (view: GameState, client: TableClient) => void;
  /** Called with every event folded into the view, in order, and the view after it. */
  readonly onEvent?: (event: GameEvent, v: number, view: GameState) => void;
  /** Called when a snapshot replaces the view (joining, returning, a large gap). */
  readonly onSnapshot?: (view: GameState) => void;
  /** Called with every message received, before it is handled (tests record them). */
  readonly onFrame?: (type: string, body: unknown) => void;
  /** Called when a room is joined (first join, rematch, or the table moved to another server). */
  readonly onRoom?: (room: Room) => void;
  /** Called when the table's connection state changes. */
  readonly onStatus?: (status: ConnectionStatus) => void;
  /** Whether to find the table again after losing it (default true). */
  readonly autoResume?: boolean;
}

/** Where the connection stands. */
export type ConnectionStatus = "idle" | "connected" | "reconnecting" | "moving" | "closed";

/** What a command came back with. */
export type CommandReply = ({ ok: true } & Ack) | ({ ok: false } & ErrorMessage);

/** One player's connection to one table. */
export class TableClient {
  seat: Seat | null = null;
  gameId: string | null = null;
  seatToken: string | null = null;
  view: GameState | null = null;
  /** The last event version folded into `view`. */
  version = 0;
  room: Room | null = null;
  status: ConnectionStatus = "idle";
  /** Resumed after the hosting process went away, how many times. */
  moves = 0;
  #n = 0;
  readonly #pending = new Map<number, (r: CommandReply) => void>();
  #endpoint = 0;
  #ready: (() => void) | null = null;

  constructor(readonly options: TableClientOptions) {}

  get #client(): Client {
    return new Client(this.options.endpoints[this.#endpoint % this.options.endpoints.length]);
  }

  /**
   * A seat at any quick-play table with room whose bots play at `level` (bots fill it after a
   * short wait).
   */
  async quickPlay(level: 1 | 2 | 3 = 1): Promise<void> {
    // Always named: matchmaking filters only on the fields a client gives.
    const options = { mode: "quick", name: this.options.name, level };
    await this.#attach(await this.#client.joinOrCreate("table", options));
  }

  /** Creates a private table as its host (seat 0). */
  async createPrivate(settings: Record<string, unknown> = {}): Promise<void> {
    await this.#attach(
      await this.#client.create("table", { mode: "private", name: this.options.name, ...settings }),
    );
  }

  /** Joins a private table by its invite code. */
  async joinInvite(code: string): Promise<void> {
    const r = await this.#get(`/api/invites/${encodeURIComponent(code)}`);
    if (!r.ok) throw new Error(String(r.body.error ?? `invite lookup failed (${r.status})`));
    await this.#attach(
      await this.#client.joinById(String(r.body.roomId), {
        mode: "private",
        name: this.options.name,
      }),
    );
  }

  /** Returns to a seat with its token (after a reload, or when the table moved). */
  async resume(gameId: string, seatToken: string, timeoutMs = 15_000): Promise<void> {
    this.gameId = gameId;
    this.seatToken = seatToken;
    const until = Date.now() + timeoutMs;
    let last: unknown = null;
    while (Date.now() < until) {
      try {
        const r = await this.#get(`/api/games/${encodeURIComponent(gameId)}`);
        if (r.ok && r.body.status === "live") {
          const room = await this.#client.joinById(String(r.body.roomId), {
            name: this.options.name,
            seatToken,
          });
          await this.#attach(room);
          return;
        }
        if (r.ok && r.body.status === "finished") throw new Error("the match is over");
        last = r.body;
      } catch (e) {
        last = e;
        if (e instanceof Error && e.message === "the match is over") throw e;
      }
      this.#endpoint++; // try the next server: the last one may be the one that died
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `could not return to game ${gameId}: ${
        last instanceof Error ? last.message : JSON.stringify(last)
      }`,
    );
  }

  async #get(
    path: string,
  ): Promise<{ ok: boolean; status: number; body: Record<string, unknown> }> {
    const base = this.options.endpoints[this.#endpoint % this.options.endpoints.length];
    const res = await fetch(`${base}${path}`);
    const body = await res.json().catch(() => ({}));
    return { ok: res.ok, status: res.status, body };
  }

  /** Takes over a joined room; resolves once the seat and its view have arrived. */
  #attach(room: Room): Promise<void> {
    this.room = room;
    const ready = new Promise<void>((resolve, reject) => {
      this.#ready = resolve;
      setTimeout(() => reject(new Error("the table sent no snapshot")), 10_000);
    });
    room.reconnection.maxRetries = 5;
    room.reconnection.minDelay = 100;
    room.reconnection.maxDelay = 400;
    room.reconnection.minUptime = 0;
    room.onMessage(
      "*",
      (type: string | number, body: unknown) => this.#receive(String(type), body),
    );
    room.onDrop(() => this.#setStatus("reconnecting"));
    room.onReconnect(() => {
      this.#setStatus("connected");
      this.#abandonPending();
      room.send(MSG.sync, { since: this.version });
    });
    room.onLeave((code: number) => {
      if (this.room !== room) return;
      this.room = null;
      this.#abandonPending();
      const resume = this.options.autoResume ?? true;
      if (
        !resume || code === 4000 || this.view?.phase === "OVER" || !this.gameId || !this.seatToken
      ) {
        this.#setStatus("closed");
      } else {
        this.#move();
      }
    });
    this.#setStatus("connected");
    this.options.onRoom?.(room);
    return ready;
  }

  /** The server went away: find where the table lives now and take the seat back. */
  async #move(): Promise<void> {
    this.#setStatus("moving");
    try {
      await this.resume(this.gameId!, this.seatToken!);
      this.moves++;
    } catch {
      this.#setStatus("closed");
    }
  }

  /**
   * Commands in flight when the connection broke may or may not have been recorded; their
   * replies are lost. They resolve as `CONNECTION_LOST`, and the view (caught up after the
   * reconnection) tells what happened. Sending again is safe: the rules refuse a repeat.
   */
  #abandonPending(): void {
    for (const [n, resolve] of this.#pending) {
      resolve({
        ok: false,
        n,
        code: "CONNECTION_LOST",
        rule: null,
        message: "the connection broke before the reply",
        v: this.version,
      });
    }
    this.#pending.clear();
  }

  #setStatus(s: ConnectionStatus): void {
    this.status = s;
    this.options.onStatus?.(s);
  }

  #receive(type: string, body: unknown): void {
    this.options.onFrame?.(type, body);
    switch (type) {
      case MSG.welcome: {
        const w = body as Welcome;
        if (w.gameId !== this.gameId) {
          this.version = 0;
          this.view = null;
        }
        this.seat = w.seat;
        this.gameId = w.gameId;
        if (w.seatToken) this.seatToken = w.seatToken;
        break;
      }
      case MSG.snapshot: {
        const s = body as Snapshot;
        if (s.v >= this.version || this.view === null) {
          this.view = s.view;
          this.version = s.v;
          this.options.onSnapshot?.(this.view);
          this.options.onView?.(this.view, this);
        }
        this.#ready?.();
        this.#ready = null;
        break;
      }
      case MSG.events:
        this.#fold((body as { events: VersionedEvent[] }).events);
        break;
      case MSG.ack:
      case MSG.error: {
        const { n, v } = body as { n: number | null; v: number };
        // Replies carry the table's version: if it is ahead of ours, events went missing.
        if (v > this.version && this.view !== null) {
          this.room?.send(MSG.sync, { since: this.version });
        }
        const resolve = n === null ? undefined : this.#pending.get(n);
        if (resolve) {
          this.#pending.delete(n!);
          resolve({ ok: type === MSG.ack, ...(body as Ack & ErrorMessage) } as CommandReply);
        }
        break;
      }
    }
  }

  #fold(events: readonly VersionedEvent[]): void {
    if (this.view === null) return;
    let changed = false;
    for (const { v, e } of events) {
      if (v <= this.version) continue; // already have it
      if (v !== this.version + 1) {
        this.room?.send(MSG.sync, { since: this.version }); // a gap: ask for what was missed
        break;
      }
      this.view = apply(this.view, e);
      this.version = v;
      this.options.onEvent?.(e, v, this.view);
      changed = true;
    }
    if (changed) this.options.onView?.(this.view, this);
  }

  /** Sends a command for this seat; resolves with its acknowledgement or refusal. */
  send(command: ClientCommand): Promise<CommandReply> {
    const n = ++this.#n;
    return new Promise((resolve) => {
      this.#pending.set(n, resolve);
      if (this.room) this.room.send(MSG.cmd, { n, command });
      else this.#abandonPending(); // between tables: nothing can be sent now
    });
  }

  /** The host starts a private table (empty seats get bots). */
  start(): void {
    this.room?.send(MSG.start, {});
  }

  /** Votes for a rematch after the match. */
  rematch(): void {
    this.room?.send(MSG.rematch, {});
  }

  /** Leaves the table for good. */
  async leave(): Promise<void> {
    const room = this.room;
    this.room = null;
    this.#setStatus("closed");
    await room?.leave(true).catch(() => {});
  }
}
