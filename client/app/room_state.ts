/**
 * The room's public state (names, bots, connection, the turn deadline, the invite code) read
 * from the Colyseus state object into plain values, and the seat plates' labels.
 *
 * @module
 */

import { type Lang, strings } from "./i18n.ts";

/** A seat as everyone sees it. */
export interface PublicSeat {
  readonly name: string;
  /** `empty`, `human` or `bot`. */
  readonly kind: string;
  readonly level: number;
  readonly connected: boolean;
  readonly autopilot: boolean;
  readonly rematch: boolean;
}

/** The table's public state. */
export interface PublicState {
  readonly seats: readonly PublicSeat[];
  readonly code: string;
  readonly deadline: number;
  readonly mode: string;
  /** Spectators watching. */
  readonly viewers: number;
}

/** Reads the Colyseus room state (tolerating a partial one while it arrives). */
export function publicState(state: unknown): PublicState {
  const s = (state ?? {}) as Record<string, unknown>;
  const list = s.seats as Iterable<Record<string, unknown>> | undefined;
  const seats = list ? Array.from(list) : [];
  return {
    seats: [0, 1, 2, 3].map((i) => {
      const x = seats[i] ?? {};
      return {
        name: String(x.name ?? ""),
        kind: String(x.kind ?? "empty"),
        level: Number(x.level ?? 1),
        connected: Boolean(x.connected),
        autopilot: Boolean(x.autopilot),
        rematch: Boolean(x.rematch),
      };
    }),
    code: String(s.code ?? ""),
    deadline: Number(s.deadline ?? 0),
    mode: String(s.mode ?? "quick"),
    viewers: Number(s.viewers ?? 0),
  };
}

/** A seat plate's two lines: the name, and what the seat is (a bot, away, on autopilot). */
export function seatLabel(seat: PublicSeat, lang: Lang): { name: string; detail: string } {
  const t = strings(lang);
  if (seat.kind === "empty") return { name: t.emptySeat, detail: "" };
  const detail = seat.kind === "bot"
    ? t.botLevels[Math.min(3, Math.max(1, seat.level)) - 1]
    : !seat.connected
    ? t.away
    : seat.autopilot
    ? t.autopilot
    : "";
  return { name: seat.name, detail };
}
