/**
 * The game record: one JSON Lines file per match (`docs/game-record.md`). Line 1 is a header;
 * every further line is exactly one full, unredacted `GameEvent` (the deal seeds are in it), so
 * anyone can re-derive every deal and re-check every move with `verify` from `@baloot/rules`.
 *
 * ```text
 * {"record":"baloot","format":1,"matchId":"m-1","profile":"R","createdBy":"baloot-cli selfplay"}
 * {"type":"MATCH_START","profile":{"id":"R",...},"dealer":3}
 * {"type":"HAND_START","hand":1,"dealer":3,"commitment":"...","seed":"..."}
 * ```
 *
 * @module
 */

import type { GameEvent, ProfileId } from "@baloot/rules";
import { profileId } from "./_facts.ts";
import { array, attempt, Fields, int, Invalid, isObject, show, text } from "./_fields.ts";
import { parseEvent } from "./event_codec.ts";

/** The record format version this module writes and reads. */
export const RECORD_FORMAT = 1;

/** Line 1 of a record. Fields beyond the known ones are free metadata, kept as they are. */
export interface RecordHeader {
  /** Always `"baloot"`: marks the file as a Baloot game record. */
  readonly record: "baloot";
  /** The format version, {@linkcode RECORD_FORMAT}. */
  readonly format: 1;
  /** The match's id, e.g. `"selfplay-3f0a9c1d22b4e5f6"`. */
  readonly matchId: string;
  /** The named profile the match's rules started from (its `MATCH_START` has every setting). */
  readonly profile: ProfileId;
  /** What wrote the record, e.g. `"baloot-cli selfplay"`. */
  readonly createdBy: string;
  /** Optional: who sat on seats 0..3, e.g. `["bot:random", ...]`. */
  readonly players?: readonly string[];
  /** Optional: when the match started (ISO 8601). Self-play leaves it out to stay reproducible. */
  readonly createdAt?: string;
  /** Optional: the base seed of a self-play run. */
  readonly seed?: string;
  /** Optional: the match's index in a self-play run, from 0. */
  readonly matchIndex?: number;
  /** Free metadata. */
  readonly [key: string]: unknown;
}

/** A decoded record. */
export interface GameRecord {
  readonly header: RecordHeader;
  readonly events: GameEvent[];
}

/** Why a record cannot be read: `line` is 1-based, and `error` starts with `line N: `. */
export interface RecordError {
  readonly error: string;
  readonly line: number;
}

const HEADER_ORDER = ["record", "format", "matchId", "profile", "createdBy"] as const;

/**
 * Writes a record: the header (its fixed fields first), then one event per line, each line
 * ending in `\n`. Deterministic: the same header and events give the same bytes.
 *
 * @example
 * ```ts
 * import { encodeRecord } from "@baloot/wire";
 * import { PROFILE_R } from "@baloot/rules";
 * const header = {
 *   record: "baloot", format: 1, matchId: "m-1", profile: "R", createdBy: "example",
 * } as const;
 * encodeRecord(header, [{ type: "MATCH_START", profile: PROFILE_R, dealer: 3 }]);
 * ```
 */
export function encodeRecord(header: RecordHeader, events: readonly GameEvent[]): string {
  const ordered: Record<string, unknown> = {};
  for (const key of HEADER_ORDER) ordered[key] = header[key];
  for (const [key, value] of Object.entries(header)) if (!(key in ordered)) ordered[key] = value;
  const lines = [JSON.stringify(ordered)];
  for (const e of events) lines.push(JSON.stringify(e));
  return lines.join("\n") + "\n";
}

/** Validates line 1. */
function parseHeader(value: unknown): RecordHeader {
  if (!isObject(value)) throw new Invalid("header", `expected a JSON object, got ${show(value)}`);
  const f = new Fields(value, "header");
  f.req("record", (v, path) => {
    if (v !== "baloot") throw new Invalid(path, `expected "baloot", got ${show(v)}`);
    return v;
  });
  f.req("format", (v, path) => {
    if (v !== RECORD_FORMAT) {
      throw new Invalid(path, `expected ${RECORD_FORMAT}, got ${show(v)} (unsupported format)`);
    }
    return v;
  });
  f.req("matchId", text(/^[\x21-\x7e]{1,128}$/, "1 to 128 printable ASCII characters"));
  f.req("profile", profileId);
  f.req("createdBy", text(/^.{1,200}$/, "a non-empty string"));
  f.opt("players", array(text(/^.{1,100}$/, "a player name"), { min: 4, max: 4 }));
  f.opt("createdAt", text(/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/, "an ISO 8601 time"));
  f.opt("seed", text(/^.{0,200}$/, "a seed string"));
  f.opt("matchIndex", int(0));
  return value as unknown as RecordHeader; // other fields are free metadata
}

/**
 * Reads a record, validating the header and every event strictly. The second line must be the
 * `MATCH_START`, whose profile id must be the header's. Returns the first problem with its line:
 * `line 17: PLAY.card: "ZZ" is not a card`. It does not check that the moves are legal: that is
 * `verify`'s job.
 */
export function decodeRecord(source: string): GameRecord | RecordError {
  const lines = source.split("\n");
  if (lines.at(-1) === "") lines.pop(); // the final newline
  const fail = (line: number, message: string): RecordError => ({
    error: `line ${line}: ${message}`,
    line,
  });
  if (lines.length === 0) return fail(1, "empty record: no header");
  const values: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    if (line.trim() === "") return fail(i + 1, "empty line");
    try {
      values.push(JSON.parse(line));
    } catch (e) {
      return fail(i + 1, `not valid JSON (${(e as Error).message})`);
    }
  }
  const header = attempt(() => parseHeader(values[0]));
  if (header instanceof Invalid) return fail(1, header.message);
  if (values.length < 2) return fail(2, "missing: a record's second line is its MATCH_START");
  const events: GameEvent[] = [];
  for (let i = 1; i < values.length; i++) {
    const e = parseEvent(values[i]);
    if (typeof e === "string") return fail(i + 1, e);
    if (i === 1 && e.type !== "MATCH_START") {
      return fail(2, `type: a record's second line is its MATCH_START, not ${e.type}`);
    }
    if (i === 1 && e.type === "MATCH_START" && e.profile.id !== header.profile) {
      return fail(
        2,
        `MATCH_START.profile.id: "${e.profile.id}" differs from the header's "${header.profile}"`,
      );
    }
    events.push(e);
  }
  return { header, events };
}
