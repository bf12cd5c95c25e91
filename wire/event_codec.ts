/**
 * The event codec: strict runtime validation of `GameEvent` values that arrive as JSON (a game
 * record line, a Redis stream entry). Every event type is known, every field present with the
 * right type, nothing extra. Errors are returned as data and name the field, e.g.
 * `PLAY.card: "ZZ" is not a card`.
 *
 * @module
 */

import type { EventType, GameEvent, Project } from "@baloot/rules";
import { handFacts, handScore, profile } from "./_facts.ts";
import {
  array,
  attempt,
  bool,
  card,
  commitment,
  Fields,
  int,
  Invalid,
  isObject,
  nullable,
  oneOf,
  pair,
  rank,
  type Read,
  seat,
  seed,
  show,
  suit,
  team,
} from "./_fields.ts";

/** How strictly hidden fields are read. */
export interface ParseOptions {
  /**
   * Accept redacted events (a seat's or a spectator's copy): hidden cards, the stock, an
   * unrevealed seed and other seats' projects may be `null`. Off by default: a game record and
   * the server's own stream hold full events.
   */
  readonly redacted?: boolean;
}

const PROJECT_TYPES = ["SIRA", "FIFTY", "HUNDRED", "FOUR_HUNDRED"] as const;

/** A live project with its cards (`{ type, kind, topRank, seat, suit, cards }`). */
const project: Read<Project> = (v, path) => {
  const f = new Fields(v, path);
  f.req("type", oneOf(PROJECT_TYPES));
  f.req("kind", oneOf(["SEQUENCE", "FOUR_OF_A_KIND"]));
  f.req("topRank", rank);
  f.req("seat", seat);
  f.req("suit", nullable(suit));
  f.req("cards", array(card, { min: 3, max: 8 }));
  f.done();
  return v as Project;
};

type Reader = (f: Fields, hidden: <T>(read: Read<T>) => Read<T | null>) => void;

/** One reader per event type; each reads every field of its event. */
const READERS: Record<EventType, Reader> = {
  MATCH_START(f) {
    f.req("profile", profile);
    f.req("dealer", seat);
  },
  HAND_START(f, hidden) {
    f.req("hand", int(1));
    f.req("dealer", seat);
    f.req("commitment", commitment);
    f.req("seed", hidden(seed));
  },
  DEAL_INITIAL(f, hidden) {
    f.req("hands", array(array(hidden(card), { min: 5, max: 5 }), { min: 4, max: 4 }));
    f.req("faceUp", card);
    f.req("stock", hidden(array(card, { min: 11, max: 11 })));
  },
  BID(f) {
    f.req("seat", seat);
    f.req("round", oneOf([1, 2]));
    const call = f.req("call", oneOf(["PASS", "HOKUM", "SUN", "ASHKAL", "BEFORE_YOU"]));
    const s = f.opt("suit", suit);
    if ((call === "HOKUM") !== (s !== undefined)) {
      const why = call === "HOKUM" ? "missing (a HOKUM call names its suit)" : "only HOKUM has one";
      throw new Invalid(`${f.path}.suit`, why);
    }
  },
  HOKUM_DECISION(f) {
    f.req("seat", seat);
    f.req("decision", oneOf(["CONFIRM_HOKUM", "SWITCH_SUN"]));
  },
  KASHO(f) {
    f.req("seat", seat);
    f.req("cards", array(card, { min: 5, max: 5 }));
  },
  CONTRACT_SET(f) {
    const mode = f.req("mode", oneOf(["SUN", "HOKUM"]));
    const trump = f.req("trump", nullable(suit));
    if ((mode === "HOKUM") !== (trump !== null)) {
      throw new Invalid(`${f.path}.trump`, `${show(trump)} does not fit a ${mode} contract`);
    }
    f.req("buyer", seat);
    const ashkal = f.req("ashkal", bool);
    if (ashkal && mode !== "SUN") throw new Invalid(`${f.path}.ashkal`, "an Ashkal is a Sun");
    f.req("recipient", seat);
    f.req("round", oneOf([1, 2]));
  },
  DEAL_COMPLETION(f, hidden) {
    const cards = f.req(
      "cards",
      array(array(hidden(card), { min: 2, max: 3 }), { min: 4, max: 4 }),
    );
    const total = cards.reduce((n, c) => n + c.length, 0);
    if (total !== 11) {
      throw new Invalid(`${f.path}.cards`, `expected 11 cards in all, got ${total}`);
    }
  },
  ESCALATE(f) {
    f.req("seat", seat);
    f.req("call", oneOf(["PASS", "DOUBLE", "TRIPLE", "FOUR", "GAHWA"]));
    f.opt("locked", bool);
  },
  PROJECT_DECLARE(f, hidden) {
    const declarer = f.req("seat", seat);
    f.req("declarations", array(declaration(declarer, hidden), { min: 1, max: 2 }));
  },
  PLAY(f) {
    f.req("seat", seat);
    f.req("card", card);
    f.opt("baloot", bool);
    f.opt("ekka", bool);
  },
  TRICK_END(f) {
    f.req("trick", int(1, 8));
    f.req("winner", seat);
    f.req("points", int(0));
  },
  PROJECTS_RESOLVED(f) {
    f.req("winningTeam", nullable(team));
    f.req("counted", array(project, { max: 8 }));
  },
  SAWA(f) {
    f.req("seat", seat);
    f.req("hands", array(array(card, { max: 8 }), { min: 4, max: 4 }));
    f.req("baloot", nullable(seat));
  },
  HAND_CANCELLED(f) {
    f.req("reason", oneOf(["ALL_PASS", "KASHO"]));
    f.req("nextDealer", seat);
  },
  HAND_RESULT(f) {
    f.req("facts", handFacts);
    f.req("score", handScore);
  },
  SEED_REVEAL(f) {
    f.req("hand", int(1));
    f.req("seed", seed);
  },
  MATCH_END(f) {
    f.req("winner", team);
    f.req("reason", oneOf(["TARGET", "GAHWA"]));
    f.req("score", pair(int(0)));
  },
};

/** A declaration `{ type, project }` of `declarer`, its project hidden in redacted events. */
function declaration(declarer: number, hidden: <T>(read: Read<T>) => Read<T | null>) {
  return (v: unknown, path: string) => {
    const f = new Fields(v, path);
    const type = f.req("type", oneOf(PROJECT_TYPES));
    const p = f.req("project", hidden(project));
    f.done();
    if (p !== null && p.type !== type) {
      throw new Invalid(`${path}.project.type`, `${p.type} differs from the declared ${type}`);
    }
    if (p !== null && p.seat !== declarer) {
      throw new Invalid(`${path}.project.seat`, `${p.seat} is not the declaring seat ${declarer}`);
    }
    return v;
  };
}

/** The event type names, in the order of the rules spec (§3.4). */
export const EVENT_TYPES: readonly EventType[] = Object.keys(READERS) as EventType[];

/**
 * Validates a decoded JSON value as a game event. Returns the event, or a message naming the
 * field that is wrong: `PLAY.card: "ZZ" is not a card`.
 *
 * @example
 * ```ts
 * import { parseEvent } from "@baloot/wire";
 * parseEvent({ type: "PLAY", seat: 0, card: "ZZ" }); // 'PLAY.card: "ZZ" is not a card'
 * ```
 */
export function parseEvent(value: unknown, options: ParseOptions = {}): GameEvent | string {
  const hidden = <T>(read: Read<T>): Read<T | null> =>
    options.redacted ? nullable(read) : (v, path) => {
      if (v === null) throw new Invalid(path, "hidden (null) in a full event");
      return read(v, path);
    };
  const result = attempt(() => {
    if (!isObject(value)) throw new Invalid("", `expected a JSON object, got ${show(value)}`);
    const type = value.type;
    if (type === undefined) throw new Invalid("type", "missing");
    if (typeof type !== "string" || !Object.hasOwn(READERS, type)) {
      throw new Invalid("type", `unknown event type ${show(type)}`);
    }
    const f = new Fields(value, type);
    f.req("type", (x) => x);
    READERS[type as EventType](f, hidden);
    f.done();
    return value as unknown as GameEvent;
  });
  return result instanceof Invalid ? result.message : result;
}
