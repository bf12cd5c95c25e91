/**
 * A table: one match's authority. It turns seat commands into events with `rules.decide`,
 * records them in the game store before anyone hears of them, hands each seat its redacted
 * copy, and drives what no human does: deals, bot seats (the Brain, else the fallback bot) and
 * turn timers. Every change goes through one queue, so a table's moves are strictly ordered.
 *
 * The Colyseus room around it only maps connections to seats (`table_room.ts`).
 *
 * @module
 */

import {
  type Command,
  decide,
  type GameEvent,
  type GameState,
  initialState,
  legalCommands,
  makeProfile,
  type Profile,
  type ProfileId,
  redact,
  replay,
  type Seat,
  type SeatCommand,
  viewFor,
} from "@baloot/rules";
import { heuristicPolicy, type Policy } from "@baloot/brain";
import type { BotLevel, VersionedEvent } from "@baloot/wire";
import type { Archive } from "./archive.ts";
import type { BotOracle } from "./brain_client.ts";
import type { GameStore } from "./game_store.ts";
import { hashToken, newSeatToken, newSeed, randomBelow } from "./ids.ts";

/** Timings of a table, in milliseconds. */
export interface TableTimings {
  /** A human's time for a card (20 s by default). */
  readonly cardMs: number;
  /** A human's time for a call: a bid, a decision, a double (15 s). */
  readonly callMs: number;
  /** A bot's pause before it moves, so people can follow. */
  readonly botDelayMs: number;
  /** How long a bot seat waits for the Brain before the fallback bot plays. */
  readonly brainMs: number;
  /** The pause between a hand's result and the next deal. */
  readonly handPauseMs: number;
}

/** What a table was created with. */
export interface TableSettings {
  readonly mode: "quick" | "private";
  readonly profile: ProfileId;
  readonly target: number;
  /** Bot levels of seats 1, 2, 3 if they are empty at the start. */
  readonly bots: readonly BotLevel[];
  readonly code: string;
  /** A human's time for a card, when the host chose one (a call gets three quarters of it). */
  readonly turnSeconds?: number;
  /**
   * How far the spectators' full view (every hand) runs behind the game, when the host chose
   * (default 180 s); it never shows a hand before the hand has ended, whatever this says.
   */
  readonly watchDelaySeconds?: number;
}

/** One seat. */
export interface SeatInfo {
  name: string;
  kind: "empty" | "human" | "bot";
  level: BotLevel;
  tokenHash: string;
  connected: boolean;
  /** A bot plays for this human (three timeouts in a row, or gone past the reconnection window). */
  autopilot: boolean;
  timeouts: number;
}

/** What the table tells the room. */
export interface TableListener {
  /** Events for one seat's client, already redacted for that seat. */
  deliver(seat: Seat, events: readonly VersionedEvent[]): void;
  /** Public table information changed (seats, turn, deadline, score). */
  changed(): void;
  /** This process no longer owns the game (lease lost): the room must close. */
  lost(reason: string): void;
}

/** The result of a command. */
export type CommandResult =
  | { readonly ok: true; readonly v: number }
  | { readonly ok: false; readonly code: string; readonly rule?: string; readonly message: string };

/** Everything a table needs from the process. */
export interface TableDeps {
  readonly store: GameStore;
  readonly brain: BotOracle;
  readonly archive: Archive;
  readonly timings: TableTimings;
  readonly owner: string;
  readonly leaseMs: number;
}

const SEATS: readonly Seat[] = [0, 1, 2, 3];

/** A match's authority (see the module doc). */
export class Table {
  state: GameState = initialState();
  /** When the seat on turn must have moved (epoch ms), or 0. */
  deadline = 0;
  listener: TableListener | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #renew: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  readonly #fallback: Policy;

  private constructor(
    readonly gameId: string,
    readonly token: string,
    readonly settings: TableSettings,
    readonly seats: SeatInfo[],
    private readonly deps: TableDeps,
  ) {
    // Seeded by the game: tables break the fallback's ties each their own way, and a table
    // recovered elsewhere breaks them as before.
    this.#fallback = heuristicPolicy(`fallback:${gameId}`);
  }

  /** A new table: takes the game's lease and records its settings. */
  static async open(gameId: string, settings: TableSettings, deps: TableDeps): Promise<Table> {
    const token = await deps.store.acquire(gameId, deps.owner);
    if (!token) throw new Error(`game ${gameId} is owned elsewhere`);
    const seats = SEATS.map((s) => emptySeat(s === 0 ? 1 : settings.bots[s - 1]));
    const table = new Table(gameId, token, settings, seats, deps);
    await table.saveMeta();
    table.#keepLease();
    return table;
  }

  /** Rebuilds a table from its log after its process died; `null` if someone else owns it. */
  static async recover(gameId: string, deps: TableDeps): Promise<Table | null> {
    const token = await deps.store.acquire(gameId, deps.owner);
    if (!token) return null;
    const meta = await deps.store.meta(gameId);
    if (!meta.settings) {
      await deps.store.release(gameId, token, true);
      return null;
    }
    const table = new Table(gameId, token, JSON.parse(meta.settings), JSON.parse(meta.seats), deps);
    for (const s of table.seats) s.connected = false;
    table.state = replay(await deps.store.read(gameId));
    if (table.state.phase === "OVER") {
      // The process died between the last move and the archive: finish the job.
      await table.#finish();
      return null;
    }
    table.#keepLease();
    return table;
  }

  #keepLease(): void {
    this.#renew = setInterval(async () => {
      const ok = await this.deps.store.renew(this.gameId, this.token).catch(() => true);
      if (!ok) this.#lose("the game's lease was lost");
    }, Math.max(100, Math.floor(this.deps.leaseMs / 3)));
  }

  #lose(reason: string): void {
    if (this.#closed) return;
    this.close();
    this.listener?.lost(reason);
  }

  /** Stops timers and the lease renewal (the lease then expires, or is released). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearInterval(this.#renew);
  }

  /**
   * Releases the game cleanly (process shutdown): another process may take it over at once.
   * `forGood` drops it from recovery too (a finished match, or a table abandoned unstarted).
   */
  async release(forGood = false): Promise<void> {
    this.close();
    await this.deps.store.release(this.gameId, this.token, forGood || this.state.phase === "OVER")
      .catch(() => {});
  }

  /** Whether the match has started. */
  get started(): boolean {
    return this.state.phase !== "NEW";
  }

  /** Stores the settings and seats (names, kinds, token hashes) with the game. */
  async saveMeta(): Promise<void> {
    await this.deps.store.setMeta(this.gameId, {
      settings: JSON.stringify(this.settings),
      seats: JSON.stringify(this.seats.map((s) => ({ ...s, connected: false }))),
    });
  }

  /** The seat a returning player's token opens, if any. */
  seatOfToken(token: string): Seat | null {
    const h = hashToken(token);
    const seat = SEATS.find((s) => this.seats[s].kind === "human" && this.seats[s].tokenHash === h);
    return seat ?? null;
  }

  /** Seats a new player in the first empty seat before the start; returns the seat and token. */
  async seatNewPlayer(name: string): Promise<{ seat: Seat; token: string } | null> {
    if (this.started) return null;
    const seat = SEATS.find((s) => this.seats[s].kind === "empty");
    if (seat === undefined) return null;
    const token = newSeatToken();
    this.seats[seat] = {
      ...this.seats[seat],
      name,
      kind: "human",
      tokenHash: hashToken(token),
      connected: true,
    };
    await this.saveMeta();
    this.listener?.changed();
    return { seat, token };
  }

  /** A human came back (or left): back in control of the seat, or its connection marked gone. */
  setConnected(seat: Seat, connected: boolean): void {
    const s = this.seats[seat];
    s.connected = connected;
    if (connected) {
      s.autopilot = false;
      s.timeouts = 0;
    }
    this.listener?.changed();
    if (connected) this.#schedule();
  }

  /** The reconnection window passed: a bot plays the seat until its player returns. */
  abandon(seat: Seat): void {
    this.seats[seat].autopilot = true;
    this.listener?.changed();
    this.#schedule();
  }

  /** The seat's view now. */
  view(seat: Seat): GameState {
    return viewFor(this.state, seat);
  }

  /** The seat's events after version `since` (from the log). */
  async eventsSince(seat: Seat, since: number): Promise<VersionedEvent[]> {
    const events = await this.deps.store.read(this.gameId, since);
    return events.map((e, i) => ({ v: since + i + 1, e: redact(e, seat) }));
  }

  /** Runs `task` after every earlier one: one change at a time. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task);
    this.#queue = next.catch(() => {});
    return next;
  }

  /** Starts the match: empty seats get bots, the first dealer is drawn, the first hand dealt. */
  start(): Promise<CommandResult> {
    return this.#serial(async () => {
      if (this.started || this.#closed) {
        return refused("NOT_STARTED", "the match has already started");
      }
      for (const s of this.seats) if (s.kind === "empty") s.kind = "bot";
      for (const s of this.seats) {
        if (s.kind === "bot") s.name = `Bot ${s.level === 1 ? "" : s.level}`.trim();
      }
      await this.saveMeta();
      const profile = makeProfile(this.settings.profile, {
        target: this.settings.target,
      }) as Profile;
      return await this.#apply([
        { type: "START_MATCH", profile, dealer: randomBelow(4) as Seat },
        { type: "DEAL", seed: newSeed() },
      ]);
    });
  }

  /** A seat's command from its player (`human`) or from its bot. */
  command(command: SeatCommand, human: boolean): Promise<CommandResult> {
    return this.#serial(async () => {
      if (this.#closed) return refused("UNAVAILABLE", "the table is moving to another server");
      const seat = this.seats[command.seat];
      const result = await this.#apply([command]);
      if (result.ok && human) {
        seat.timeouts = 0;
        if (seat.autopilot) {
          seat.autopilot = false;
          this.listener?.changed();
        }
      }
      return result;
    });
  }

  /** Decides commands in turn on the current state, records all their events, then publishes. */
  async #apply(commands: readonly Command[]): Promise<CommandResult> {
    let s = this.state;
    const events: GameEvent[] = [];
    for (const c of commands) {
      const d = decide(s, c);
      if (!d.ok) {
        return { ok: false, code: d.code, ...(d.rule ? { rule: d.rule } : {}), message: d.message };
      }
      events.push(...d.events);
      s = d.state;
    }
    const from = this.state.version;
    const pairs = events.map((e) => ({ full: e, public: redact(e, "spectator") }));
    const v = await this.deps.store.append(this.gameId, this.token, from, pairs);
    if (v === "UNAVAILABLE") {
      return refused("UNAVAILABLE", "the move could not be recorded; try again");
    }
    if (typeof v !== "number") {
      this.#lose(v === "FENCED" ? "another server owns this game now" : "the game log moved on");
      return refused("UNAVAILABLE", "the table is moving to another server");
    }
    this.state = s;
    for (const seat of SEATS) {
      this.listener?.deliver(seat, events.map((e, i) => ({ v: from + i + 1, e: redact(e, seat) })));
    }
    if (s.phase === "OVER") await this.#finish();
    this.#schedule();
    return { ok: true, v };
  }

  async #finish(): Promise<void> {
    const events = await this.deps.store.read(this.gameId);
    await this.deps.archive.write(
      this.gameId,
      this.settings.profile,
      this.seats.map((s) => s.name),
      events,
    );
    await this.deps.store.setMeta(this.gameId, { finished: "1" });
    await this.deps.store.release(this.gameId, this.token, true);
    await this.deps.store.expire(this.gameId, 7 * 24 * 3600);
    clearInterval(this.#renew);
  }

  /** Arms the next automatic step: a deal, a bot's move, or a human's turn timer. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.deadline = 0;
    const s = this.state;
    if (this.#closed || s.phase === "NEW" || s.phase === "OVER") return this.listener?.changed();
    const t = this.deps.timings;
    if (s.phase === "READY") {
      this.#timer = setTimeout(
        () => this.#system([{ type: "DEAL", seed: newSeed() }]),
        t.handPauseMs,
      );
      return this.listener?.changed();
    }
    const seat = s.hand?.toAct;
    if (seat === null || seat === undefined) return this.listener?.changed();
    const info = this.seats[seat];
    if (info.kind === "bot" || info.autopilot) {
      this.#timer = setTimeout(() => this.#botMove(seat, s.version, info), t.botDelayMs);
    } else {
      const card = this.settings.turnSeconds ? this.settings.turnSeconds * 1000 : t.cardMs;
      const call = this.settings.turnSeconds ? card * 0.75 : t.callMs;
      const ms = s.phase === "PLAY" ? card : call;
      this.deadline = Date.now() + ms;
      this.#timer = setTimeout(() => this.#timeout(seat, s.version), ms);
    }
    this.listener?.changed();
  }

  /** A system step (the next deal); retried if the store is briefly unavailable. */
  #system(commands: Command[]): void {
    this.#serial(() => this.#apply(commands)).then((r) => {
      if (!r.ok && r.code === "UNAVAILABLE" && !this.#closed) {
        this.#timer = setTimeout(() => this.#system(commands), 500);
      }
    });
  }

  /** The fallback bot's move for `seat`, from that seat's view only. */
  #fallbackMove(seat: Seat): SeatCommand {
    const view = viewFor(this.state, seat);
    return this.#fallback(view, seat, legalCommands(view, seat));
  }

  async #botMove(seat: Seat, version: number, info: SeatInfo): Promise<void> {
    if (this.state.version !== version || this.#closed) return;
    const level = info.kind === "bot" ? info.level : 1;
    const asked = await this.deps.brain.ask(
      this.gameId,
      this.view(seat),
      seat,
      level,
      this.deps.timings.brainMs,
    );
    if (this.state.version !== version || this.#closed) return;
    let r: CommandResult | null = asked ? await this.command(asked, false) : null;
    if (r?.ok || this.state.version !== version) return;
    // No answer in time, or one the rules refuse: the fallback bot plays.
    r = await this.command(this.#fallbackMove(seat), false);
    if (!r.ok && r.code === "UNAVAILABLE" && !this.#closed) {
      this.#timer = setTimeout(() => this.#botMove(seat, version, info), 500);
    }
  }

  async #timeout(seat: Seat, version: number): Promise<void> {
    if (this.state.version !== version || this.#closed) return;
    const info = this.seats[seat];
    info.timeouts++;
    if (info.timeouts >= 3) info.autopilot = true;
    const r = await this.command(this.#fallbackMove(seat), false);
    if (!r.ok && r.code === "UNAVAILABLE" && !this.#closed) {
      this.#timer = setTimeout(() => this.#timeout(seat, version), 500);
    }
    this.listener?.changed();
  }
}

function emptySeat(level: BotLevel): SeatInfo {
  return {
    name: "",
    kind: "empty",
    level,
    tokenHash: "",
    connected: false,
    autopilot: false,
    timeouts: 0,
  };
}

function refused(code: string, message: string): CommandResult {
  return { ok: false, code, message };
}
