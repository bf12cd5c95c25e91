/**
 * The messages between a table's clients and its room (Colyseus message types and bodies), and
 * the options a client may join with. The room checks every incoming body here; a malformed one
 * gets an `error` reply and changes nothing.
 *
 * Client → room: `cmd` (a seat command with the client's action number `n`), `sync` (events
 * after a version), `start` (the host starts a private table), `rematch`.
 * Room → client: `welcome`, `events`, `snapshot`, `ack`, `error`; every one carries the event
 * version `v`, so a client can detect a gap and ask for `sync`.
 *
 * @module
 */

import type { GameEvent, GameState, Seat, SeatCommand } from "@baloot/rules";
import { attempt, Fields, int, Invalid, isObject, oneOf, text } from "./_fields.ts";
import { parseClientCommand } from "./command_codec.ts";

/** Message type names. */
export const MSG = {
  cmd: "cmd",
  sync: "sync",
  start: "start",
  rematch: "rematch",
  welcome: "welcome",
  events: "events",
  snapshot: "snapshot",
  ack: "ack",
  error: "error",
} as const;

/** Largest message body the room accepts, in bytes of its encoding (also the WebSocket limit). */
export const MAX_MESSAGE_BYTES = 2048;

/** A versioned event as a seat receives it (already redacted for that seat). */
export interface VersionedEvent {
  readonly v: number;
  readonly e: GameEvent;
}

/** `welcome`: who you are at this table. `seatToken` only on the first join (keep it secret). */
export interface Welcome {
  readonly protocol: number;
  readonly gameId: string;
  readonly seat: Seat;
  readonly seatToken?: string;
  readonly v: number;
}

/** `events`: contiguous events from `events[0].v`. */
export interface EventsMessage {
  readonly events: readonly VersionedEvent[];
}

/** `snapshot`: the seat's whole view at version `v` (sent on join, and when a gap is too big). */
export interface Snapshot {
  readonly v: number;
  readonly view: GameState;
}

/** `ack`: command `n` was accepted and recorded; its events end at version `v`. */
export interface Ack {
  readonly n: number;
  readonly v: number;
}

/** Error codes beyond the rules' rejection codes. */
export type TableErrorCode =
  | "BAD_MESSAGE" // malformed body
  | "NOT_SEATED" // spectators and strangers send no commands
  | "NOT_HOST"
  | "NOT_STARTED"
  | "UNAVAILABLE"; // the move could not be recorded (storage down): try again

/** `error`: command `n` (or a message without one) was refused; nothing changed. */
export interface ErrorMessage {
  readonly n: number | null;
  readonly code: string;
  readonly rule: string | null;
  readonly message: string;
  readonly v: number;
}

/** A client's command: its own running number `n` and the command without a seat. */
export interface CommandMessage {
  readonly n: number;
  readonly command: SeatCommand;
}

/** Reads a `cmd` body for the client on `seat`. */
export function parseCommandMessage(value: unknown, seat: Seat): CommandMessage | string {
  if (!isObject(value)) return "cmd: expected a JSON object";
  const r = attempt(() => {
    const f = new Fields(value, "cmd");
    const n = f.req("n", int(0, 2 ** 31));
    f.req("command", (v) => v);
    f.done();
    return n;
  });
  if (typeof r !== "number") return (r as Invalid).message;
  const command = parseClientCommand(value.command, seat);
  return typeof command === "string" ? `cmd.${command}` : { n: r, command };
}

/** Reads a `sync` body: `{ since }`, the last version the client holds. */
export function parseSync(value: unknown): { since: number } | string {
  const r = attempt(() => {
    const f = new Fields(value, "sync");
    const since = f.req("since", int(0));
    f.done();
    return { since };
  });
  return r instanceof Error ? r.message : r;
}

/** Reads a body that must be empty (`start`, `rematch`). */
export function parseEmpty(value: unknown, type: string): true | string {
  if (value === undefined || value === null) return true;
  const r = attempt(() => new Fields(value, type).done());
  return r instanceof Error ? r.message : true;
}

/** Bot strength for an empty seat: 1 heuristic, 2 search, 3 search with inference. */
export type BotLevel = 1 | 2 | 3;

/** What a client may join or create a table with. */
export interface JoinOptions {
  /** `quick` (a seat at any table with room, bots fill the rest) or `private` (invite code). */
  readonly mode: "quick" | "private";
  readonly name: string;
  /** Returning to a seat (after a reload or a crash). */
  readonly seatToken?: string;
  /** A private table's invite code (joining one). */
  readonly code?: string;
  /** Private table settings, for its host. */
  readonly profile?: "R" | "KM";
  readonly target?: number;
  readonly turnSeconds?: number;
  /** Bot levels of seats 1, 2 and 3 when they are empty at the start. */
  readonly bots?: readonly BotLevel[];
  /**
   * Private tables: how far the spectators' full view runs behind, in seconds (0 to 3600;
   * default 180). A hand is never shown before it has ended.
   */
  readonly watchDelaySeconds?: number;
  /** Quick play: the level of the table's bots (1 by default); players meet at their level. */
  readonly level?: BotLevel;
}

// Display names: 1 to 24 characters with at least one visible one; no control or invisible
// formatting characters (a right-to-left override would scramble other names), no surrogate
// halves, no angle brackets.
const NAME = text(/^(?=.*[^\s])[^\p{Cc}\p{Cf}\p{Cs}<>]{1,24}$/u, "a name of 1 to 24 characters");
/** Seat tokens: 32 base64url characters (192 bits). */
export const SEAT_TOKEN = /^[A-Za-z0-9_-]{32}$/;
/** Invite codes: 10 characters of Crockford base32 (50 bits). */
export const INVITE_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** Reads join options; unknown fields are refused. */
export function parseJoinOptions(value: unknown): JoinOptions | string {
  const r = attempt(() => {
    const f = new Fields(value ?? {}, "options");
    const mode = f.opt("mode", oneOf(["quick", "private"])) ?? "quick";
    const name = f.opt("name", NAME) ?? "Player";
    const seatToken = f.opt("seatToken", text(SEAT_TOKEN, "a seat token"));
    const code = f.opt("code", text(INVITE_CODE, "an invite code"));
    const profile = f.opt("profile", oneOf(["R", "KM"]));
    const target = f.opt("target", int(21, 1000));
    const turnSeconds = f.opt("turnSeconds", int(5, 120));
    const bots = f.opt("bots", (v, p) => {
      if (!Array.isArray(v) || v.length !== 3) throw new Invalid(p, "expected three bot levels");
      return Array.from(v, (x, i) => oneOf([1, 2, 3] as const)(x, `${p}[${i}]`));
    });
    const watchDelaySeconds = f.opt("watchDelaySeconds", int(0, 3600));
    const level = f.opt("level", oneOf([1, 2, 3] as const));
    f.done();
    const out: Record<string, unknown> = { mode, name };
    const given = { seatToken, code, profile, target, turnSeconds, bots, watchDelaySeconds, level };
    for (const [k, x] of Object.entries(given)) {
      if (x !== undefined) out[k] = x;
    }
    return out as unknown as JoinOptions;
  });
  return r instanceof Error ? r.message : r;
}
