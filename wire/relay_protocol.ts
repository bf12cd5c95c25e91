/**
 * The spectator protocol between the relay (`relay/`) and a watching client, and the viewer
 * counts the relays publish for the game servers and the lobby.
 *
 * A spectator opens a WebSocket to `/watch/{gameId}?view=live|full[&since=V&epoch=E]`. The relay
 * answers with a `snapshot` (the view at version `v`), then `events` as they happen; a client
 * that comes back with the `since` and `epoch` it last saw gets exactly the missed events, or a
 * fresh snapshot when they are gone (another epoch): never a partial catch-up. The `live` view
 * holds public information only; the `full` view (every hand) runs the table's delay behind and
 * never shows a hand before it has ended.
 *
 * Spectator → relay: `history` (public events of a range, for rewinding). Anything else, or
 * anything malformed, gets an `error` and the socket is closed.
 *
 * @module
 */

import type { GameEvent, GameState } from "@baloot/rules";
import { attempt, Fields, int, isObject, oneOf } from "./_fields.ts";

/** Which view a spectator watches. */
export type WatchView = "live" | "full";

/** The default delay of the full view behind the live game: 3 minutes. */
export const DEFAULT_FULL_VIEW_DELAY_MS = 180_000;

/** Largest message a spectator may send, in bytes. */
export const MAX_SPECTATOR_MESSAGE_BYTES = 256;

/** Most events one `history` reply holds. */
export const MAX_HISTORY_EVENTS = 2_000;

/** WebSocket close codes the relay uses (application range 4000–4999). */
export const WATCH_CLOSE = {
  /** The spectator sent something malformed or not allowed. */
  badInput: 4400,
  /** No such game, or not yet started. */
  notFound: 4404,
  /** The spectator did not keep up: its send buffer overflowed. */
  tooSlow: 4408,
  /** The relay is shutting down: reconnect (to any relay). */
  goingAway: 4503,
} as const;

/** An event with its version and the time it was recorded (ms since the epoch). */
export interface TimedEvent {
  readonly v: number;
  /** When the event was appended to the game's log (the relay's delay is measured from it). */
  readonly t: number;
  readonly e: GameEvent;
}

/** A seat as spectators see it. */
export interface WatchSeat {
  readonly name: string;
  /** `empty`, `human` or `bot`. */
  readonly kind: string;
  readonly level: number;
}

/** `snapshot`: the whole view at version `v` of epoch `epoch`. */
export interface WatchSnapshot {
  readonly type: "snapshot";
  readonly gameId: string;
  readonly view: WatchView;
  /** Identifies the log: offsets of another epoch mean nothing here. */
  readonly epoch: string;
  readonly v: number;
  readonly state: GameState;
  readonly seats: readonly WatchSeat[];
  /** How far the full view runs behind (0 for the live view). */
  readonly delayMs: number;
}

/** `events`: contiguous events from `events[0].v`, right after the last one sent. */
export interface WatchEvents {
  readonly type: "events";
  readonly epoch: string;
  readonly events: readonly TimedEvent[];
}

/** `history`: the reply to a spectator's `history` request (public events of the range). */
export interface WatchHistory {
  readonly type: "history";
  readonly epoch: string;
  readonly from: number;
  readonly events: readonly TimedEvent[];
}

/** `viewers`: how many watch this table, over all relays. */
export interface WatchViewers {
  readonly type: "viewers";
  readonly n: number;
}

/** `next`: the table goes on with a new game (a rematch); watch that one. */
export interface WatchNext {
  readonly type: "next";
  readonly gameId: string;
}

/** `error`: why the relay closes this socket. */
export interface WatchError {
  readonly type: "error";
  readonly code: string;
  readonly message: string;
}

/** Everything a relay sends. */
export type WatchFrame =
  | WatchSnapshot
  | WatchEvents
  | WatchHistory
  | WatchViewers
  | WatchNext
  | WatchError;

/** A spectator's request for public events `from`..`to` (inclusive). */
export interface HistoryRequest {
  readonly type: "history";
  readonly from: number;
  readonly to: number;
}

/** What a spectator asked for in its URL. */
export interface WatchRequest {
  readonly gameId: string;
  readonly view: WatchView;
  /** The last version it holds, with the epoch it belongs to (a reconnection). */
  readonly since: { readonly v: number; readonly epoch: string } | null;
}

const GAME_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EPOCH = /^[0-9]{1,20}$/;

/** Reads a watch URL (`/watch/{gameId}?view=…&since=…&epoch=…`). */
export function parseWatchUrl(url: URL): WatchRequest | string {
  const m = /^\/watch\/([^/]+)$/.exec(url.pathname);
  if (!m || !GAME_ID.test(m[1])) return "expected /watch/{gameId} with a game id";
  for (const key of url.searchParams.keys()) {
    if (!["view", "since", "epoch"].includes(key)) return `unknown parameter "${key}"`;
  }
  const view = url.searchParams.get("view") ?? "live";
  if (view !== "live" && view !== "full") return 'view must be "live" or "full"';
  const since = url.searchParams.get("since");
  const epoch = url.searchParams.get("epoch");
  if ((since === null) !== (epoch === null)) return "since and epoch go together";
  if (since === null || epoch === null) return { gameId: m[1], view, since: null };
  if (!/^[0-9]{1,9}$/.test(since)) return "since must be a version number";
  if (!EPOCH.test(epoch)) return "epoch must be digits";
  return { gameId: m[1], view, since: { v: Number(since), epoch } };
}

/** Reads a spectator's message (already parsed from JSON). */
export function parseSpectatorMessage(value: unknown): HistoryRequest | string {
  if (!isObject(value)) return "expected a JSON object";
  const r = attempt(() => {
    const f = new Fields(value, "message");
    f.req("type", oneOf(["history"] as const));
    const from = f.req("from", int(1, 1e9));
    const to = f.req("to", int(1, 1e9));
    f.done();
    return { type: "history" as const, from, to };
  });
  if (r instanceof Error) return r.message;
  if (r.to < r.from) return "history: to is before from";
  if (r.to - r.from >= MAX_HISTORY_EVENTS) return `history: at most ${MAX_HISTORY_EVENTS} events`;
  return r;
}

/** How long a relay's viewer count stays valid without a refresh. */
export const VIEWERS_TTL_MS = 10_000;

/** A relay's entry in a game's viewer hash: its count and when the entry expires. */
export function viewersEntry(count: number, now: number): string {
  return `${count}|${now + VIEWERS_TTL_MS}`;
}

/**
 * The viewers of a game over all relays, from the game's viewer hash (relay id → entry).
 * Entries of relays that stopped refreshing (crashed) have expired and are not counted.
 */
export function sumViewers(hash: Record<string, string>, now: number): number {
  let n = 0;
  for (const entry of Object.values(hash)) {
    const [count, until] = entry.split("|").map(Number);
    if (Number.isInteger(count) && count > 0 && until > now) n += count;
  }
  return n;
}
