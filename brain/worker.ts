/**
 * The Brain worker: answers bot-move requests taken from a queue. `answer` and `triage` are the
 * pure core (apart from the clock): a request in, a reply (or a reason to drop it) out.
 * `BrainWorker` loops over a {@linkcode RequestQueue} port; `redis_queue.ts` is the production
 * adapter, chosen in `main.ts`.
 *
 * Delivery is at least once. A reply is idempotent: policies are seeded with the request id, so
 * answering a request twice gives the same command, and a table applies a reply only while its
 * game is still at the request's version.
 *
 * @module
 */

import { legalCommands, type SeatCommand } from "@baloot/rules";
import {
  type BotLevel,
  BRAIN_PROTOCOL,
  type BrainReply,
  type BrainRequest,
  parseBrainReply,
  parseBrainRequest,
} from "@baloot/wire";
import { viewProblem } from "./knowledge.ts";
import type { PolicyFactory } from "./registry.ts";
import { reflexKey } from "./reflex.ts";
import { type BrainVersion, DEFAULT_PARAMS, levelPolicies } from "./version.ts";

/** The stream-entry field holding a request's or a reply's JSON. */
export const BODY_FIELD = "r";

/** The policy that plays each bot level, made per request from a seed. */
export type LevelPolicies = Readonly<Record<BotLevel, PolicyFactory>>;

/** The built-in levels: the heuristic, search, and search with inference. */
export const LEVEL_POLICIES: LevelPolicies = levelPolicies(DEFAULT_PARAMS);

/** The version a worker plays before any is published: the built-in parameters. */
export const BUILT_IN: BrainVersion = {
  id: "v0",
  params: DEFAULT_PARAMS,
  metrics: {},
  publishedAt: "built in",
};

/** Who answers, and how. */
export interface AnswerOptions {
  /** The worker's name, carried by its replies (1 to 64 characters). */
  readonly worker: string;
  /** The policy of each level; {@linkcode LEVEL_POLICIES} by default. */
  readonly policies?: LevelPolicies;
  /** The clock that deadlines are read against, in epoch milliseconds; `Date.now` by default. */
  readonly clock?: () => number;
}

/**
 * Answers a request with the move of its level's policy, seeded with the request id; `null` if
 * the request is past its deadline (before or after thinking): the table's fallback bot has
 * played by then. Throws if the seat has no legal command.
 */
export function answer(
  request: BrainRequest,
  options: AnswerOptions,
  cached: SeatCommand | null = null,
): BrainReply | null {
  const now = options.clock ?? Date.now;
  if (now() > request.deadline) return null;
  const problem = viewProblem(request.view, request.seat);
  if (problem !== null) throw new Error(`impossible view: ${problem}`);
  const legal = legalCommands(request.view, request.seat);
  if (legal.length === 0) {
    throw new Error(`no legal command for seat ${request.seat} in phase ${request.view.phase}`);
  }
  const started = performance.now();
  const known = cached && legal.find((c) => sameCommand(c, cached));
  const command = known ||
    (options.policies ?? LEVEL_POLICIES)[request.level](request.id)(
      request.view,
      request.seat,
      legal,
    );
  const ms = Math.round(performance.now() - started);
  if (now() > request.deadline) return null;
  const { id, gameId, version, seat } = request;
  return {
    protocol: BRAIN_PROTOCOL,
    id,
    gameId,
    version,
    seat,
    command,
    worker: options.worker,
    ms,
  };
}

/** What to do with one queue entry. */
export type Outcome =
  /** Send `reply` to the stream `replyTo`, then acknowledge. */
  | { readonly type: "answer"; readonly reply: BrainReply; readonly replyTo: string }
  /** Acknowledge without an answer: too late. */
  | { readonly type: "expired"; readonly id: string }
  /** Move to the dead letters with `reason`: it can never be answered. */
  | { readonly type: "reject"; readonly reason: string }
  /**
   * A readable request with a view no move can be found in: send the error `reply` (the table
   * plays its fallback bot at once), then move it to the dead letters with `reason`.
   */
  | {
    readonly type: "refuse";
    readonly reply: BrainReply;
    readonly replyTo: string;
    readonly reason: string;
  };

/** Decides the fate of a request entry's fields; never throws. */
export function triage(fields: Readonly<Record<string, string>>, options: AnswerOptions): Outcome {
  const read = readEntry(fields);
  return "type" in read ? read : triageRequest(read, options);
}

/** The request in an entry's fields, or why it cannot be read; never throws. */
export function readEntry(
  fields: Readonly<Record<string, string>>,
): BrainRequest | { readonly type: "reject"; readonly reason: string } {
  const body = fields[BODY_FIELD];
  if (body === undefined) return { type: "reject", reason: `no field "${BODY_FIELD}"` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { type: "reject", reason: `bad JSON: ${message(e)}` };
  }
  let request: BrainRequest | string;
  try {
    // A parser is not trusted never to throw: an entry must not stop the worker.
    request = parseBrainRequest(json);
  } catch (e) {
    request = message(e);
  }
  return typeof request === "string" ? { type: "reject", reason: request } : request;
}

/**
 * Decides the fate of a readable request; never throws. `cached`: a move remembered for the
 * same information set, played if it is legal here.
 */
export function triageRequest(
  request: BrainRequest,
  options: AnswerOptions,
  cached: SeatCommand | null = null,
): Outcome {
  let reply: BrainReply | null;
  try {
    reply = answer(request, options, cached);
  } catch (e) {
    const reason = `no answer: ${message(e)}`;
    const { id, gameId, version, seat } = request;
    const error = { code: "BAD_VIEW", message: reason.slice(0, 300) } as const;
    const reply = {
      protocol: BRAIN_PROTOCOL,
      id,
      gameId,
      version,
      seat,
      error,
      worker: options.worker,
      ms: 0,
    };
    return { type: "refuse", reply, replyTo: request.replyTo, reason };
  }
  if (reply === null) return { type: "expired", id: request.id };
  // The table validates replies too; refusing a bad one here puts it where someone will look.
  const checked = parseBrainReply(JSON.parse(JSON.stringify(reply)));
  if (typeof checked === "string") return { type: "reject", reason: `bad reply: ${checked}` };
  return { type: "answer", reply, replyTo: request.replyTo };
}

/** One entry of the request stream. */
export interface QueueEntry {
  /** The stream entry id. */
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** Entries taken over from consumers that stopped answering. */
export interface Reclaimed {
  /** Entries to answer now. */
  readonly entries: readonly QueueEntry[];
  /** Entries delivered too often, already moved to the dead letters. */
  readonly deadLettered: number;
}

/** Thrown by a queue that cannot reach its store; the queue has logged it already. */
export class QueueUnavailableError extends Error {
  override name = "QueueUnavailableError";
}

/** The request queue, as the worker sees it (one consumer of a group). */
export interface RequestQueue {
  /** New entries for this consumer; waits a little for some, and returns `[]` if none came. */
  read(): Promise<QueueEntry[]>;
  /** Claims entries other consumers left unacknowledged for too long. */
  reclaim(): Promise<Reclaimed>;
  /** Sends a reply. */
  reply(stream: string, reply: BrainReply): Promise<void>;
  /** Acknowledges an entry: it is done with. */
  ack(entry: QueueEntry): Promise<void>;
  /** Moves an entry to the dead letters with the reason, and acknowledges it. */
  deadLetter(entry: QueueEntry, reason: string): Promise<void>;
  /** Makes a pending `read` return soon. */
  interrupt(): Promise<void>;
}

/** The reflex cache, as the worker sees it: decisions by information set. */
export interface ReflexCache {
  /** The JSON of the command cached under `key`, or `null`. */
  get(key: string): Promise<string | null>;
  /** Caches a command's JSON under `key` (the cache sets the expiry). */
  set(key: string, value: string): Promise<void>;
}

/** Counts since the worker started. */
export interface WorkerStats {
  answered: number;
  expired: number;
  deadLettered: number;
  reclaimed: number;
  /** Answers taken from the reflex cache, and lookups that found nothing usable. */
  cacheHits: number;
  cacheMisses: number;
}

/** A worker's settings. */
export interface WorkerOptions extends AnswerOptions {
  /** How often to look for abandoned entries, in milliseconds (1000 by default). */
  readonly reclaimEveryMs?: number;
  /** Where log lines go (`console.log` by default). */
  readonly log?: (line: string) => void;
  /** The reflex cache; none by default. */
  readonly cache?: ReflexCache;
}

/** The longest pause after a failure, in milliseconds. */
const MAX_BACKOFF_MS = 2000;

/**
 * One worker: takes requests from its queue and answers them until stopped.
 *
 * @example
 * ```ts ignore
 * const worker = new BrainWorker(queue, { worker: "brain-1" });
 * const done = worker.run();
 * // … later:
 * await worker.stop();
 * ```
 */
export class BrainWorker {
  /** Counts since the start. */
  readonly stats: WorkerStats = noStats();
  #version: BrainVersion = BUILT_IN;
  #policies: LevelPolicies;
  readonly #queue: RequestQueue;
  readonly #options: WorkerOptions;
  readonly #log: (line: string) => void;
  #stopping = false;
  #running: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  /** The failure being retried, logged once. */
  #trouble: string | null = null;

  constructor(queue: RequestQueue, options: WorkerOptions) {
    if (!/^.{1,64}$/.test(options.worker)) {
      throw new Error(`BrainWorker: the worker name must have 1 to 64 characters`);
    }
    this.#queue = queue;
    this.#options = options;
    this.#policies = options.policies ?? LEVEL_POLICIES;
    this.#log = options.log ?? console.log;
  }

  /** The brain version the worker plays. */
  get version(): BrainVersion {
    return this.#version;
  }

  /**
   * Plays `version` from the next request on (a hot swap: no restart, nothing in hand is
   * lost). Its cached decisions are its own: the cache key names the version.
   */
  useVersion(version: BrainVersion): void {
    this.#version = version;
    this.#policies = levelPolicies(version.params);
  }

  /** Answers requests until {@linkcode stop}; resolves when stopped. */
  run(): Promise<void> {
    this.#running ??= this.#loop();
    return this.#running;
  }

  /** Stops after the entries in hand are done with; resolves when the worker has stopped. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#queue.interrupt().catch(() => {});
    await this.#running;
  }

  async #loop(): Promise<void> {
    const clock = this.#options.clock ?? Date.now;
    const every = this.#options.reclaimEveryMs ?? 1000;
    let nextReclaim = 0;
    let backoff = 0;
    while (!this.#stopping) {
      try {
        if (clock() >= nextReclaim) {
          nextReclaim = clock() + every;
          const { entries, deadLettered } = await this.#queue.reclaim();
          this.stats.reclaimed += entries.length;
          this.stats.deadLettered += deadLettered;
          for (const entry of entries) await this.#handle(entry);
        }
        if (this.#stopping) break;
        for (const entry of await this.#queue.read()) await this.#handle(entry);
        if (this.#trouble !== null) this.#log(`worker: recovered from ${this.#trouble}`);
        this.#trouble = null;
        backoff = 0;
      } catch (e) {
        // The entry in hand stays pending: a worker reclaims it once it has been idle long enough.
        if (!(e instanceof QueueUnavailableError) && this.#trouble !== message(e)) {
          this.#log(`worker: ${message(e)}; retrying`);
        }
        this.#trouble = message(e);
        backoff = Math.min(MAX_BACKOFF_MS, Math.max(50, backoff * 2));
        await this.#pause(backoff);
      }
    }
  }

  async #handle(entry: QueueEntry): Promise<void> {
    const read = readEntry(entry.fields);
    const options = { ...this.#options, policies: this.#policies };
    let outcome: Outcome;
    if ("type" in read) outcome = read;
    else {
      const cache = this.#options.cache;
      const key = cache ? reflexKey(read, this.#version.id) : "";
      const cached = cache ? await this.#lookUp(cache, key) : null;
      outcome = triageRequest(read, options, cached);
      if (cache && outcome.type === "answer") {
        const used = cached !== null && sameCommand(outcome.reply.command!, cached);
        if (used) this.stats.cacheHits++;
        else {
          this.stats.cacheMisses++;
          // Fire and forget: a cache that is away must not hold the answer up.
          cache.set(key, JSON.stringify(outcome.reply.command)).catch(() => {});
        }
      }
    }
    switch (outcome.type) {
      case "answer":
        await this.#queue.reply(outcome.replyTo, outcome.reply);
        await this.#queue.ack(entry);
        this.stats.answered++;
        return;
      case "expired":
        await this.#queue.ack(entry);
        this.stats.expired++;
        return;
      case "refuse":
        await this.#queue.reply(outcome.replyTo, outcome.reply);
        await this.#queue.deadLetter(entry, outcome.reason);
        this.stats.deadLettered++;
        return;
      case "reject":
        await this.#queue.deadLetter(entry, outcome.reason);
        this.stats.deadLettered++;
        return;
    }
  }

  async #lookUp(cache: ReflexCache, key: string): Promise<SeatCommand | null> {
    try {
      const json = await cache.get(key);
      return json === null ? null : JSON.parse(json) as SeatCommand;
    } catch {
      return null; // the cache is away or holds junk: think instead
    }
  }

  #pause(ms: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}

/** Counts of a worker that has done nothing yet. */
export function noStats(): WorkerStats {
  return { answered: 0, expired: 0, deadLettered: 0, reclaimed: 0, cacheHits: 0, cacheMisses: 0 };
}

/** A log line of the counts gained since `before`. */
export function formatStats(now: WorkerStats, before: WorkerStats): string {
  return (Object.keys(now) as (keyof WorkerStats)[])
    .map((k) => `${k}=${now[k] - before[k]}`)
    .join(" ");
}

/** Whether two commands are the same move (field order aside). */
function sameCommand(a: SeatCommand, b: SeatCommand): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const x = a as unknown as Record<string, unknown>, y = b as unknown as Record<string, unknown>;
  for (const k of keys) if (JSON.stringify(x[k]) !== JSON.stringify(y[k])) return false;
  return true;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
