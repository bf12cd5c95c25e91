/**
 * The bot-move protocol between game servers and Brain workers over Redis. A server adds a
 * request to the request stream (read by one consumer group of workers) carrying only the
 * bot seat's view; a worker replies on the stream named by `replyTo`. A table applies a reply
 * only if its game is still at `version` with that seat on turn, so duplicates are harmless.
 *
 * @module
 */

import type { GameState, Seat, SeatCommand } from "@baloot/rules";
import { attempt, Fields, int, Invalid, isObject, oneOf, seat, text } from "./_fields.ts";
import { seatCommand } from "./command_codec.ts";
import type { BotLevel } from "./table_protocol.ts";

/** This protocol's version. */
export const BRAIN_PROTOCOL = 1;

/** A request for a bot move. */
export interface BrainRequest {
  readonly protocol: number;
  /** `gameId:version:seat`: unique per decision, the idempotency key. */
  readonly id: string;
  readonly gameId: string;
  readonly version: number;
  readonly seat: Seat;
  readonly level: BotLevel;
  /** Epoch milliseconds after which the table no longer waits. */
  readonly deadline: number;
  /** The stream to reply on. */
  readonly replyTo: string;
  /** The seat's own view (`viewFor(state, seat)`), nothing more. */
  readonly view: GameState;
}

/** Why a worker could not answer a request it read: the table's fallback bot plays at once. */
export interface BrainError {
  /** `BAD_VIEW`: the view is not one the rules produce (no legal move, impossible cards). */
  readonly code: "BAD_VIEW";
  readonly message: string;
}

/** A worker's answer: a command, or an error. */
export interface BrainReply {
  readonly protocol: number;
  readonly id: string;
  readonly gameId: string;
  readonly version: number;
  readonly seat: Seat;
  /** The move; absent exactly when `error` is given. */
  readonly command?: SeatCommand;
  readonly error?: BrainError;
  /** The worker that answered, and the milliseconds it thought. */
  readonly worker: string;
  readonly ms: number;
}

/** The request id of a decision. */
export function requestId(gameId: string, version: number, seat: Seat): string {
  return `${gameId}:${version}:${seat}`;
}

const ID = text(/^[A-Za-z0-9_-]{1,64}:\d{1,9}:[0-3]$/, "a request id");
const GAME_ID = text(/^[A-Za-z0-9_-]{1,64}$/, "a game id");
const KEY = text(/^[A-Za-z0-9_:{}-]{1,128}$/, "a stream key");

/** Reads a request from its JSON value; the view is checked for its shape and its seat. */
export function parseBrainRequest(value: unknown): BrainRequest | string {
  const r = attempt(() => {
    const f = new Fields(value, "request");
    const out = {
      protocol: f.req("protocol", oneOf([BRAIN_PROTOCOL])),
      id: f.req("id", ID),
      gameId: f.req("gameId", GAME_ID),
      version: f.req("version", int(0)),
      seat: f.req("seat", seat),
      level: f.req("level", oneOf([1, 2, 3] as const)),
      deadline: f.req("deadline", int(0)),
      replyTo: f.req("replyTo", KEY),
      view: f.req("view", (v, p) => {
        if (!isObject(v) || !isObject(v.hand) || !isObject(v.profile)) {
          throw new Invalid(p, "expected a game view with a hand and a profile");
        }
        return v as unknown as GameState;
      }),
    };
    f.done();
    if (out.id !== requestId(out.gameId, out.version, out.seat)) {
      throw new Invalid("request.id", "does not match the game, version and seat");
    }
    if (out.view.hand?.toAct !== out.seat) {
      throw new Invalid("request.view", "the seat is not on turn");
    }
    return out;
  });
  return r instanceof Error ? r.message : r;
}

/** Reads a reply from its JSON value. */
export function parseBrainReply(value: unknown): BrainReply | string {
  const r = attempt(() => {
    const f = new Fields(value, "reply");
    const out = {
      protocol: f.req("protocol", oneOf([BRAIN_PROTOCOL])),
      id: f.req("id", ID),
      gameId: f.req("gameId", GAME_ID),
      version: f.req("version", int(0)),
      seat: f.req("seat", seat),
      command: f.opt("command", seatCommand),
      error: f.opt("error", brainError),
      worker: f.req("worker", text(/^.{1,64}$/, "a worker name")),
      ms: f.req("ms", int(0)),
    };
    f.done();
    if (out.id !== requestId(out.gameId, out.version, out.seat)) {
      throw new Invalid("reply.id", "does not match the game, version and seat");
    }
    if ((out.command === undefined) === (out.error === undefined)) {
      throw new Invalid("reply.command", "expected either a command or an error");
    }
    if (out.command && out.command.seat !== out.seat) {
      throw new Invalid("reply.command.seat", "not the request's seat");
    }
    const { command, error, ...rest } = out;
    return command ? { ...rest, command } : { ...rest, error: error! };
  });
  return r instanceof Error ? r.message : r;
}

const brainError = (value: unknown, path: string): BrainError => {
  const f = new Fields(value, path);
  const out = {
    code: f.req("code", oneOf(["BAD_VIEW"] as const)),
    message: f.req("message", text(/^\P{Cc}{1,300}$/u, "a message")),
  };
  f.done();
  return out;
};
