/**
 * Seat commands as they arrive from a client (without a seat: the room knows who sent it) or
 * from a Brain worker (with the seat), checked field by field. Anything else is an error
 * message naming the field, never an exception.
 *
 * @module
 */

import type { Seat, SeatCommand } from "@baloot/rules";
import { array, attempt, bool, card, Fields, oneOf, type Read, seat, suit } from "./_fields.ts";

const COMMAND_TYPES = [
  "BID",
  "HOKUM_DECISION",
  "KASHO",
  "ESCALATE",
  "DECLARE",
  "PLAY",
  "SAWA",
] as const;

/** Reads the fields of a command after `type` (and `seat` when present). */
function readBody(f: Fields, type: typeof COMMAND_TYPES[number]): Record<string, unknown> {
  switch (type) {
    case "BID": {
      const call = f.req("call", oneOf(["PASS", "HOKUM", "SUN", "ASHKAL", "BEFORE_YOU"]));
      const s = f.opt("suit", suit);
      return s === undefined ? { call } : { call, suit: s };
    }
    case "HOKUM_DECISION":
      return { decision: f.req("decision", oneOf(["CONFIRM_HOKUM", "SWITCH_SUN"])) };
    case "ESCALATE": {
      const call = f.req("call", oneOf(["PASS", "DOUBLE", "TRIPLE", "FOUR", "GAHWA"]));
      const locked = f.opt("locked", bool);
      return locked === undefined ? { call } : { call, locked };
    }
    case "DECLARE":
      return {
        projects: f.req("projects", array(array(card, { min: 3, max: 8 }), { min: 1, max: 2 })),
      };
    case "PLAY": {
      const out: Record<string, unknown> = { card: f.req("card", card) };
      const baloot = f.opt("baloot", bool);
      const ekka = f.opt("ekka", bool);
      if (baloot) out.baloot = true;
      if (ekka) out.ekka = true;
      return out;
    }
    case "KASHO":
    case "SAWA":
      return {};
  }
}

const readCommand = (withSeat: boolean): Read<SeatCommand> => (v, path) => {
  const f = new Fields(v, path);
  const type = f.req("type", oneOf(COMMAND_TYPES));
  const who = withSeat ? f.req("seat", seat) : 0;
  const body = readBody(f, type);
  f.done();
  return { type, seat: who, ...body } as SeatCommand;
};

/**
 * A command sent by the client playing `seat`; it must not name a seat itself.
 *
 * @example
 * ```ts
 * import { parseClientCommand } from "@baloot/wire";
 * parseClientCommand({ type: "PLAY", card: "AS" }, 2); // { type: "PLAY", seat: 2, card: "AS" }
 * parseClientCommand({ type: "PLAY", card: "ZZ" }, 2); // 'command.card: "ZZ" is not a card'
 * ```
 */
export function parseClientCommand(value: unknown, who: Seat): SeatCommand | string {
  const r = attempt(() => readCommand(false)(value, "command"));
  return r instanceof Error ? r.message : { ...r, seat: who } as SeatCommand;
}

/** A command that names its seat (a Brain reply). */
export function parseSeatCommand(value: unknown, path = "command"): SeatCommand | string {
  const r = attempt(() => readCommand(true)(value, path));
  return r instanceof Error ? r.message : r;
}

/** The same reader, for other wire formats that embed a command. */
export const seatCommand: Read<SeatCommand> = readCommand(true);
