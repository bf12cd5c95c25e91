/**
 * The Colyseus state of a table room: public table information only (seats, whose turn, the
 * deadline, the score). No card, hidden or not, is ever in it: the game itself travels as
 * versioned, per-seat redacted events (`wire/table_protocol.ts`).
 *
 * @module
 */

import { schema, type SchemaType, t } from "@colyseus/schema";

/** One seat as everyone sees it. */
export const SeatState = schema({
  name: t.string().default(""),
  /** `empty`, `human` or `bot`. */
  kind: t.string().default("empty"),
  /** Bot level for a bot seat (1 heuristic, 2 search, 3 search with inference). */
  level: t.uint8().default(1),
  connected: t.boolean().default(false),
  /** A bot is playing for this human (timeouts, or gone past the reconnection window). */
  autopilot: t.boolean().default(false),
  /** Voted for a rematch after the match. */
  rematch: t.boolean().default(false),
}, "SeatState");

/** The table. */
export const TableState = schema({
  gameId: t.string().default(""),
  /** `quick` or `private`. */
  mode: t.string().default("quick"),
  /** A private table's invite code. */
  code: t.string().default(""),
  profile: t.string().default("R"),
  target: t.uint16().default(152),
  /** The engine's match phase (`NEW`, `BIDDING`, `PLAY`, … `OVER`). */
  phase: t.string().default("NEW"),
  seats: t.array(SeatState),
  /**
   * When the human on turn must have moved (epoch ms), or 0 while a bot or nobody is on turn.
   * Whose turn it is, and the version, come with the events: fields that change with every move
   * would add a state patch to every move for every client.
   */
  deadline: t.float64().default(0),
  score: t.array("uint16"),
  /** Spectators watching, over all relays (refreshed every few seconds). */
  viewers: t.uint32().default(0),
}, "TableState");

/** The room state's type. */
export type TableStateType = SchemaType<typeof TableState>;
