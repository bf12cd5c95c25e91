/**
 * Field readers for strict runtime validation (internal to `wire/`). A reader checks one value
 * and returns it typed, or throws {@linkcode Invalid} naming the field's path. The exported
 * codecs catch `Invalid` and return its message as data: nothing here escapes `wire/`.
 *
 * @module
 */

import {
  type Card,
  isCard,
  isSeat,
  isSeed,
  isTeam,
  type Rank,
  RANKS,
  type Seat,
  type Seed,
  type Suit,
  SUITS,
  type Team,
} from "@baloot/rules";

/** A value that fails validation, at `path` (e.g. `PLAY.card`). */
export class Invalid extends Error {
  /** Builds the error; the message is `path: detail`. */
  constructor(readonly path: string, readonly detail: string) {
    super(path === "" ? detail : `${path}: ${detail}`);
  }
}

/** Checks a value found at a path; throws {@linkcode Invalid} when it is wrong. */
export type Read<T> = (value: unknown, path: string) => T;

/** A short JSON rendering of a value for error messages. */
export function show(value: unknown): string {
  if (value === undefined) return "undefined";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Hostile values (BigInts, a `toString` that is not a function) must not escape as errors.
    try {
      text = String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Joins a path and a key: `PLAY` + `card` → `PLAY.card`. */
export function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/**
 * Reads the fields of one JSON object, remembering which were read so that {@linkcode done}
 * can reject the rest as unknown.
 */
export class Fields {
  readonly #seen = new Set<string>();

  /** Checks that `value` is an object; `path` names it in errors. */
  constructor(readonly value: unknown, readonly path: string) {
    if (!isObject(value)) throw new Invalid(path, `expected a JSON object, got ${show(value)}`);
  }

  /** A required field. */
  req<T>(key: string, read: Read<T>): T {
    this.#seen.add(key);
    const v = (this.value as Record<string, unknown>)[key];
    if (v === undefined) throw new Invalid(join(this.path, key), "missing");
    return read(v, join(this.path, key));
  }

  /** An optional field: absent gives `undefined`, present must be valid. */
  opt<T>(key: string, read: Read<T>): T | undefined {
    this.#seen.add(key);
    const v = (this.value as Record<string, unknown>)[key];
    return v === undefined ? undefined : read(v, join(this.path, key));
  }

  /** Rejects any field that was not read. */
  done(): void {
    for (const key of Object.keys(this.value as object)) {
      if (!this.#seen.has(key)) throw new Invalid(join(this.path, key), "unknown field");
    }
  }
}

/** A reader that accepts exactly one of `values`. */
export function oneOf<const T extends string | number | boolean>(values: readonly T[]): Read<T> {
  return (v, path) => {
    if (!values.includes(v as T)) {
      throw new Invalid(path, `expected one of ${values.join(", ")}, got ${show(v)}`);
    }
    return v as T;
  };
}

/** A reader that also accepts `null`. */
export function nullable<T>(read: Read<T>): Read<T | null> {
  return (v, path) => (v === null ? null : read(v, path));
}

/** An integer from `min` to `max`. */
export function int(min: number, max = Number.MAX_SAFE_INTEGER): Read<number> {
  return (v, path) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min}..${max}`;
      throw new Invalid(path, `expected an integer ${range}, got ${show(v)}`);
    }
    return v;
  };
}

/** A boolean. */
export const bool: Read<boolean> = (v, path) => {
  if (typeof v !== "boolean") throw new Invalid(path, `expected true or false, got ${show(v)}`);
  return v;
};

/** A string matching `pattern`, described as `what` in errors. */
export function text(pattern: RegExp, what: string): Read<string> {
  return (v, path) => {
    if (typeof v !== "string" || !pattern.test(v)) {
      throw new Invalid(path, `expected ${what}, got ${show(v)}`);
    }
    return v;
  };
}

/** An array of `read` items, with its length checked. */
export function array<T>(
  read: Read<T>,
  length: { min?: number; max?: number } = {},
): Read<T[]> {
  const min = length.min ?? 0, max = length.max ?? Infinity;
  return (v, path) => {
    if (!Array.isArray(v)) throw new Invalid(path, `expected an array, got ${show(v)}`);
    if (v.length < min || v.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `${min} or more` : `${min}..${max}`;
      throw new Invalid(path, `expected ${want} items, got ${v.length}`);
    }
    return Array.from(v, (item, i) => read(item, `${path}[${i}]`)); // holes are read too
  };
}

/** A pair `[a, b]` of `read` items. */
export function pair<T>(read: Read<T>): Read<[T, T]> {
  const two = array(read, { min: 2, max: 2 });
  return (v, path) => two(v, path) as [T, T];
}

/** A seat, 0..3. */
export const seat: Read<Seat> = (v, path) => {
  if (!isSeat(v)) throw new Invalid(path, `expected a seat 0..3, got ${show(v)}`);
  return v;
};

/** A team, 0 or 1. */
export const team: Read<Team> = (v, path) => {
  if (!isTeam(v)) throw new Invalid(path, `expected a team 0 or 1, got ${show(v)}`);
  return v;
};

/** A canonical card id such as `"JS"`. */
export const card: Read<Card> = (v, path) => {
  if (!isCard(v)) throw new Invalid(path, `${show(v)} is not a card`);
  return v;
};

/** A suit letter. */
export const suit: Read<Suit> = oneOf(SUITS);

/** A rank letter. */
export const rank: Read<Rank> = oneOf(RANKS);

/** A deal seed: 64 lower-case hex digits. */
export const seed: Read<Seed> = (v, path) => {
  if (!isSeed(v)) throw new Invalid(path, `${show(v)} is not a seed (64 lower-case hex digits)`);
  return v;
};

/** A SHA-256 commitment: 64 lower-case hex digits. */
export const commitment: Read<string> = text(/^[0-9a-f]{64}$/, "64 lower-case hex digits");

/** Runs `read` on `value`, turning a validation failure into its message. */
export function attempt<T>(read: () => T): T | Invalid {
  try {
    return read();
  } catch (e) {
    if (e instanceof Invalid) return e;
    throw e;
  }
}
