/**
 * The Colyseus room of a table: connections to seats, message validation, reconnection, and
 * public table state. Rules and persistence live in `table.ts`; this file is the thin edge.
 *
 * @module
 */

import { type AuthContext, type Client, Room, ServerError } from "@colyseus/core";
import type { Seat } from "@baloot/rules";
import {
  type JoinOptions,
  MSG,
  parseCommandMessage,
  parseEmpty,
  parseJoinOptions,
  parseSync,
  type VersionedEvent,
} from "@baloot/wire";
import { newGameId, newInviteCode } from "./ids.ts";
import { type CommandResult, Table, type TableListener, type TableSettings } from "./table.ts";
import { SeatState, TableState, type TableStateType } from "./table_schema.ts";
import { runtime } from "./runtime.ts";

const SEATS: readonly Seat[] = [0, 1, 2, 3];
/** How often a room reads its spectator count. */
const VIEWERS_MS = 2_000;

/** Options the janitor creates a recovery room with (never a client's: the nonce is local). */
interface RecoverOptions {
  readonly recover: string;
  readonly nonce: string;
}

/** One table room. */
export class TableRoom extends Room<{ state: TableStateType }> implements TableListener {
  override maxClients = 4;
  override maxMessagesPerSecond = 20;
  override state = new TableState();
  override autoDispose = false;
  table!: Table;
  readonly #clients: (Client | null)[] = [null, null, null, null];
  /** Dropped clients whose seats are held for their return, by session. */
  readonly #held = new Map<string, { reject: (reason?: unknown) => void }>();
  #fillTimer: ReturnType<typeof setTimeout> | undefined;

  /** Checks join options before a room or seat is touched; malformed options are refused. */
  static override onAuth(
    _token: string,
    options: unknown,
    _context: AuthContext,
  ): Promise<boolean> {
    const o = parseJoinOptions(options);
    if (typeof o === "string") throw new ServerError(400, o);
    return Promise.resolve(true);
  }

  override async onCreate(options: unknown): Promise<void> {
    const rt = runtime();
    const recover = options as Partial<RecoverOptions>;
    if (recover.recover !== undefined) {
      if (!rt.takeRecovery(recover.recover, recover.nonce ?? "")) {
        throw new ServerError(403, "not allowed");
      }
      const table = await Table.recover(recover.recover, rt.tableDeps);
      if (!table) throw new ServerError(409, "the game is owned elsewhere");
      this.table = table;
    } else {
      const o = parseJoinOptions(options);
      if (typeof o === "string") throw new ServerError(400, o);
      this.table = await Table.open(newGameId(), settingsFrom(o), rt.tableDeps);
      if (o.mode === "private") {
        await rt.registerInvite(this.table.settings.code, this.table.gameId);
      }
    }
    this.table.listener = this;
    this.#initState();
    await rt.tableDeps.store.setMeta(this.table.gameId, {
      roomId: this.roomId,
      processId: rt.processId,
    });
    this.#handlers();
    this.clock.setInterval(() => this.#countViewers(), VIEWERS_MS);
    const started = this.table.started;
    // Private tables are joined by invite; started tables only by returning players.
    await this.setMatchmaking({
      private: this.table.settings.mode === "private" || started,
      metadata: this.#listing(),
    });
    // A quick table's bots fill it some time after its first player sits down (counting from
    // here could start it before its creator's join arrives: a loaded machine takes a while).
    if (started) this.changed(); // a recovered table carries on where its log ends
  }

  /** Shows the players how many watch (the relays publish the counts). */
  async #countViewers(): Promise<void> {
    const [n] = await runtime().store.viewers([this.table.gameId]).catch(() => [undefined]);
    if (n !== undefined && n !== this.state.viewers) this.state.viewers = n;
  }

  #initState(): void {
    const t = this.table;
    this.state.gameId = t.gameId;
    this.state.mode = t.settings.mode;
    this.state.code = t.settings.code;
    this.state.profile = t.settings.profile;
    this.state.target = t.settings.target;
    this.state.seats.clear();
    for (const _ of SEATS) this.state.seats.push(new SeatState());
    this.state.score.clear();
    this.state.score.push(0, 0);
    this.changed();
  }

  #handlers(): void {
    this.onMessage(MSG.cmd, async (client, body) => {
      const seat = this.#seatOf(client);
      if (seat === null) return this.#error(client, null, "NOT_SEATED", "you have no seat here");
      const m = parseCommandMessage(body, seat);
      if (typeof m === "string") return this.#error(client, null, "BAD_MESSAGE", m);
      const r = await this.table.command(m.command, true).catch((e) => {
        console.error(`table ${this.table.gameId}: command failed`, e);
        return { ok: false as const, code: "UNAVAILABLE", message: "internal error" };
      });
      if (r.ok) client.send(MSG.ack, { n: m.n, v: r.v });
      else this.#refuse(client, m.n, r);
    });
    this.onMessage(MSG.sync, async (client, body) => {
      const seat = this.#seatOf(client);
      const m = parseSync(body);
      if (seat === null) return this.#error(client, null, "NOT_SEATED", "you have no seat here");
      if (typeof m === "string") return this.#error(client, null, "BAD_MESSAGE", m);
      await this.#catchUp(client, seat, m.since);
    });
    this.onMessage(MSG.start, async (client, body) => {
      const ok = parseEmpty(body, MSG.start);
      if (ok !== true) return this.#error(client, null, "BAD_MESSAGE", ok);
      if (this.#seatOf(client) !== 0) {
        return this.#error(client, null, "NOT_HOST", "only the host starts");
      }
      await this.#start();
    });
    this.onMessage(MSG.rematch, (client, body) => {
      const ok = parseEmpty(body, MSG.rematch);
      if (ok !== true) return this.#error(client, null, "BAD_MESSAGE", ok);
      this.#voteRematch(client);
    });
    this.onMessage("*", (client, type) => {
      // Never echo the body: only a short, printable rendering of the type.
      const name = typeof type === "string" || typeof type === "number"
        ? String(type).slice(0, 40)
        : typeof type;
      this.#error(client, null, "BAD_MESSAGE", `unknown message type ${JSON.stringify(name)}`);
    });
  }

  #seatOf(client: Client): Seat | null {
    const seat = SEATS.find((s) => this.#clients[s]?.sessionId === client.sessionId);
    return seat ?? null;
  }

  #error(client: Client, n: number | null, code: string, message: string, rule?: string): void {
    client.send(MSG.error, { n, code, rule: rule ?? null, message, v: this.table.state.version });
  }

  #refuse(client: Client, n: number, r: Exclude<CommandResult, { ok: true }>): void {
    this.#error(client, n, r.code, r.message, r.rule);
  }

  async #start(): Promise<void> {
    clearTimeout(this.#fillTimer);
    if (this.table.started) return;
    await this.table.start();
    await this.setMatchmaking({ private: true, metadata: this.#listing() });
  }

  /** Refreshes the lobby listing (players joined or left); not on every move. */
  async #relist(): Promise<void> {
    await this.setMatchmaking({ metadata: this.#listing() }).catch(() => {});
  }

  override async onJoin(client: Client, options: unknown): Promise<void> {
    const o = parseJoinOptions(options) as JoinOptions;
    let seat: Seat | null = null;
    let token: string | undefined;
    if (o.seatToken) {
      seat = this.table.seatOfToken(o.seatToken);
      if (seat === null) throw new ServerError(403, "this seat token opens no seat here");
      const previous = this.#clients[seat];
      if (previous && previous.sessionId !== client.sessionId) {
        // The seat's holder came back on a new connection (a reloaded page): a dropped one's
        // held place is released, or reloads would fill the room with held places and lock
        // it; a connected one (another tab) is closed.
        const held = this.#held.get(previous.sessionId);
        if (held) held.reject(new Error("the seat was taken back on a new connection"));
        else previous.leave(4000);
      }
    } else {
      const r = await this.table.seatNewPlayer(o.name);
      if (!r) {
        throw new ServerError(
          409,
          this.table.started ? "the match has started" : "the table is full",
        );
      }
      seat = r.seat;
      token = r.token;
    }
    this.#clients[seat] = client;
    this.table.setConnected(seat, true);
    client.send(MSG.welcome, {
      protocol: 1,
      gameId: this.table.gameId,
      seat,
      ...(token ? { seatToken: token } : {}),
      v: this.table.state.version,
    });
    client.send(MSG.snapshot, { v: this.table.state.version, view: this.table.view(seat) });
    const humans = this.table.seats.filter((s) => s.kind === "human").length;
    if (this.table.settings.mode === "quick" && humans === 4) await this.#start();
    else {
      if (this.table.settings.mode === "quick" && !this.table.started && !this.#fillTimer) {
        this.#fillTimer = setTimeout(() => this.#start(), runtime().config.quickFillMs);
      }
      await this.#relist();
    }
  }

  override onDrop(client: Client): void {
    const seat = this.#seatOf(client);
    if (seat === null) return;
    this.table.setConnected(seat, false);
    // Not awaited: Colyseus closes a socket it drops (a flooder's) only when this returns.
    const held = this.allowReconnection(client, runtime().config.reconnectSeconds);
    this.#held.set(client.sessionId, { reject: (why) => held.reject(why) });
    const release = () => this.#held.delete(client.sessionId);
    held.then(release, release);
  }

  override onReconnect(client: Client): void {
    const seat = this.#seatOf(client);
    if (seat === null) return;
    this.#clients[seat] = client; // the same session on a new connection
    this.table.setConnected(seat, true);
    client.send(MSG.snapshot, { v: this.table.state.version, view: this.table.view(seat) });
  }

  override onLeave(client: Client): void {
    const seat = this.#seatOf(client);
    if (seat === null) return;
    this.#clients[seat] = null;
    this.table.setConnected(seat, false);
    if (this.table.started) this.table.abandon(seat);
    this.#relist();
    this.#maybeClose();
  }

  /** Closes the room once nobody is left and nothing is left to play. */
  #maybeClose(): void {
    if (this.#clients.some((c) => c !== null)) return;
    const phase = this.table.state.phase;
    if (!this.table.started) {
      // Never started and nobody left: the table is gone for good (not one to recover).
      this.table.release(true).then(() => this.disconnect());
    } else if (phase === "OVER") {
      this.disconnect();
    }
    // A started match plays on with its bots to the end, so its record is complete.
  }

  /** A handler's error is logged, never fatal for the process and its other tables. */
  override onUncaughtException(error: Error, method: string): void {
    console.error(`table room ${this.roomId} (${this.table?.gameId}): ${method} failed`, error);
  }

  override async onDispose(): Promise<void> {
    clearTimeout(this.#fillTimer);
    await this.table?.release();
  }

  async #catchUp(client: Client, seat: Seat, since: number): Promise<void> {
    const v = this.table.state.version;
    if (since >= v) return;
    if (v - since > 400) {
      client.send(MSG.snapshot, { v, view: this.table.view(seat) });
      return;
    }
    const events = (await this.table.eventsSince(seat, since)).filter((e) => e.v <= v);
    client.send(MSG.events, { events });
  }

  #voteRematch(client: Client): void {
    const seat = this.#seatOf(client);
    if (seat === null || this.table.state.phase !== "OVER") return;
    this.state.seats[seat].rematch = true;
    const waiting = SEATS.some((s) => this.#clients[s] !== null && !this.state.seats[s].rematch);
    // Not awaited (a message handler); a failure (Redis away) is logged, never fatal.
    if (!waiting) {
      this.#rematch().catch((e) => console.error(`table room ${this.roomId}: rematch failed`, e));
    }
  }

  async #rematch(): Promise<void> {
    const old = this.table;
    const rt = runtime();
    const table = await Table.open(newGameId(), old.settings, rt.tableDeps);
    table.seats.splice(0, 4, ...old.seats.map((s) => ({ ...s, autopilot: false, timeouts: 0 })));
    await table.saveMeta();
    table.listener = this;
    this.table = table;
    this.#initState();
    await rt.tableDeps.store.setMeta(table.gameId, {
      roomId: this.roomId,
      processId: rt.processId,
    });
    // Spectators of the finished game follow the table into the new one.
    await rt.tableDeps.store.setMeta(old.gameId, { next: table.gameId });
    for (const seat of SEATS) {
      const client = this.#clients[seat];
      client?.send(MSG.welcome, { protocol: 1, gameId: table.gameId, seat, v: 0 });
    }
    await table.start();
    for (const seat of SEATS) {
      this.#clients[seat]?.send(MSG.snapshot, { v: table.state.version, view: table.view(seat) });
    }
  }

  // TableListener

  /** Sends a seat's redacted events to its client. */
  deliver(seat: Seat, events: readonly VersionedEvent[]): void {
    this.#clients[seat]?.send(MSG.events, { events });
  }

  /** Mirrors the table's public information into the room state and listing. */
  changed(): void {
    const t = this.table;
    const s = t.state;
    this.state.phase = s.phase;
    this.state.deadline = t.deadline;
    this.state.score[0] = s.score[0];
    this.state.score[1] = s.score[1];
    SEATS.forEach((i) => {
      const src = t.seats[i];
      const dst = this.state.seats[i];
      if (!dst) return;
      dst.name = src.name;
      dst.kind = src.kind;
      dst.level = src.level;
      dst.connected = src.connected;
      dst.autopilot = src.autopilot;
      if (s.phase !== "OVER") dst.rematch = false;
    });
  }

  /** Ownership moved away: clients reconnect to whichever process now owns the game. */
  lost(_reason: string): void {
    this.disconnect(4010);
  }

  #listing(): Record<string, unknown> {
    const t = this.table;
    return {
      gameId: t.gameId,
      mode: t.settings.mode,
      profile: t.settings.profile,
      target: t.settings.target,
      started: t.started,
      players: t.seats.map((s) => ({ name: s.name, kind: s.kind })),
      // Quick play matches on it (`filterBy(["level"])`): a listing update must keep it.
      ...(t.settings.mode === "quick" ? { level: t.settings.bots[0] } : {}),
    };
  }
}

/** Table settings from a host's options (quick tables take the defaults). */
function settingsFrom(o: JoinOptions): TableSettings {
  const quick = o.mode === "quick";
  return {
    mode: o.mode,
    profile: quick ? "R" : o.profile ?? "R",
    target: quick ? 152 : o.target ?? 152,
    bots: quick ? [o.level ?? 1, o.level ?? 1, o.level ?? 1] : o.bots ?? [1, 1, 1],
    code: quick ? "" : newInviteCode(),
    ...(!quick && o.turnSeconds ? { turnSeconds: o.turnSeconds } : {}),
    ...(!quick && o.watchDelaySeconds !== undefined
      ? { watchDelaySeconds: o.watchDelaySeconds }
      : {}),
  };
}
