/**
 * The Redis adapter of the Brain's request queue, and the only Brain file that talks to Redis:
 * one consumer of a consumer group on the request stream.
 *
 * Two connections, because a blocking `XREADGROUP` holds its connection for up to `blockMs`:
 * - the reader only reads; it queues commands while Redis is away and sends them once it is
 *   back, so the worker keeps reading through a Redis restart;
 * - the writer (replies, acknowledgements, claims, dead letters) fails fast while Redis is
 *   away (no offline queue, a command timeout): the entry in hand then stays pending and is
 *   reclaimed later, by this worker or another.
 *
 * Entries: a request has one field `r` (the request's JSON), a reply likewise. A dead letter
 * carries the original fields, then `reason`, `entry` (the original id), `stream` and `worker`.
 *
 * @module
 */

import { Redis } from "ioredis";
import { BRAIN_DEAD_LETTERS, BRAIN_GROUP, BRAIN_REQUESTS, type BrainReply } from "@baloot/wire";
import {
  BODY_FIELD,
  type QueueEntry,
  QueueUnavailableError,
  type Reclaimed,
  type RequestQueue,
} from "./worker.ts";

/** How to reach the queue, and how to consume it. */
export interface RedisQueueOptions {
  /** The Redis URL, e.g. `redis://127.0.0.1:6379/0`. */
  readonly url: string;
  /** This consumer's name in the group. */
  readonly consumer: string;
  /** The request stream ({@linkcode BRAIN_REQUESTS} by default). */
  readonly stream?: string;
  /** The consumer group ({@linkcode BRAIN_GROUP} by default). */
  readonly group?: string;
  /** The dead-letter stream ({@linkcode BRAIN_DEAD_LETTERS} by default). */
  readonly deadLetters?: string;
  /** Entries per read (1 by default: a slow request then holds up no other). */
  readonly count?: number;
  /** How long a read waits for new entries, in milliseconds (2000 by default). */
  readonly blockMs?: number;
  /**
   * How long an entry must have waited unacknowledged before another consumer takes it over,
   * in milliseconds (5000 by default). It must exceed the slowest legitimate answer, or healthy
   * work is taken over and answered twice.
   */
  readonly reclaimIdleMs?: number;
  /** Entries claimed per reclaim (10 by default). */
  readonly reclaimCount?: number;
  /** Deliveries after which an entry goes to the dead letters instead (3 by default). */
  readonly maxDeliveries?: number;
  /** Time limit of the writer's commands, in milliseconds (2000 by default). */
  readonly commandTimeoutMs?: number;
  /** Where log lines go (`console.log` by default). */
  readonly log?: (line: string) => void;
}

/** Replies kept per reply stream (approximately). */
const REPLY_MAXLEN = 1000;
/** Dead letters kept (approximately). */
const DEAD_MAXLEN = 10_000;
/** How much longer than a read's block the reader waits for its reply (a dead peer). */
const READ_GRACE_MS = 3000;

type RawEntry = [id: string, fields: string[] | null];

/** A consumer of the Brain's request stream on Redis. Call {@linkcode close} when done. */
export class RedisQueue implements RequestQueue {
  readonly #writer: Redis;
  readonly #reader: Redis;
  readonly #stream: string;
  readonly #group: string;
  readonly #dead: string;
  readonly #consumer: string;
  readonly #count: number;
  readonly #blockMs: number;
  readonly #idleMs: number;
  readonly #claimCount: number;
  readonly #maxDeliveries: number;
  readonly #timeoutMs: number;
  readonly #log: (line: string) => void;
  #groupReady = false;
  #cursor = "0-0";
  #readerId: number | null = null;
  #reading = false;
  #interrupted = false;
  #closing = false;
  /** What is failing now (connections, commands); the outage is logged once. */
  readonly #down = new Set<string>();
  #downSince = 0;

  constructor(options: RedisQueueOptions) {
    this.#stream = options.stream ?? BRAIN_REQUESTS;
    this.#group = options.group ?? BRAIN_GROUP;
    this.#dead = options.deadLetters ?? BRAIN_DEAD_LETTERS;
    this.#consumer = options.consumer;
    this.#count = options.count ?? 1;
    this.#blockMs = options.blockMs ?? 2000;
    this.#idleMs = options.reclaimIdleMs ?? 5000;
    this.#claimCount = options.reclaimCount ?? 10;
    this.#maxDeliveries = options.maxDeliveries ?? 3;
    this.#timeoutMs = options.commandTimeoutMs ?? 2000;
    this.#log = options.log ?? console.log;
    const name = options.consumer.replace(/[^\x21-\x7e]/g, "_");
    this.#writer = new Redis(options.url, {
      connectionName: name,
      enableOfflineQueue: false,
      commandTimeout: this.#timeoutMs,
      maxRetriesPerRequest: 1,
    });
    this.#reader = new Redis(options.url, {
      connectionName: `${name}:reader`,
      commandTimeout: this.#blockMs + READ_GRACE_MS,
      maxRetriesPerRequest: null,
    });
    this.#watch(this.#writer, "writer");
    this.#watch(this.#reader, "reader");
  }

  /** New entries for this consumer (`XREADGROUP … >`), waiting up to `blockMs` for some. */
  async read(): Promise<QueueEntry[]> {
    await this.#ensureGroup();
    try {
      this.#readerId ??= await this.#reader.client("ID");
      if (this.#interrupted) return [];
      this.#reading = true;
      const result = await this.#reader.xreadgroup(
        "GROUP",
        this.#group,
        this.#consumer,
        "COUNT",
        this.#count,
        "BLOCK",
        this.#blockMs,
        "STREAMS",
        this.#stream,
        ">",
      ) as [string, RawEntry[]][] | null;
      this.#up("reads");
      return entriesOf(result?.[0]?.[1]);
    } catch (e) {
      const error = this.#failure(e, "reads");
      // The stream or its group is gone (deleted, or lost in a Redis restart): the next read
      // creates them again.
      if (/^(NOGROUP|UNBLOCKED)/.test(error.message)) {
        this.#groupReady = false;
        return [];
      }
      throw error;
    } finally {
      this.#reading = false;
      this.#interrupted = false;
    }
  }

  /**
   * Takes over entries idle for `reclaimIdleMs` (`XAUTOCLAIM`, resuming its cursor), and moves
   * those now delivered more than `maxDeliveries` times to the dead letters.
   */
  async reclaim(): Promise<Reclaimed> {
    await this.#ensureGroup();
    const [cursor, raw] = await this.#call(() =>
      this.#writer.xautoclaim(
        this.#stream,
        this.#group,
        this.#consumer,
        this.#idleMs,
        this.#cursor,
        "COUNT",
        this.#claimCount,
      )
    ) as [string, RawEntry[], string[]];
    this.#cursor = cursor;
    const claimed = entriesOf(raw);
    if (claimed.length === 0) return { entries: [], deadLettered: 0 };
    // The extended form: [id, consumer, idle ms, deliveries] per entry.
    const pending = await this.#call(() =>
      this.#writer.xpending(
        this.#stream,
        this.#group,
        claimed[0].id,
        claimed[claimed.length - 1].id,
        claimed.length + 100,
        this.#consumer,
      )
    ) as [string, string, number, number][];
    const deliveries = new Map(pending.map(([id, , , n]) => [id, n]));
    const entries: QueueEntry[] = [];
    let deadLettered = 0;
    for (const entry of claimed) {
      const n = deliveries.get(entry.id) ?? 0;
      if (n > this.#maxDeliveries) {
        await this.deadLetter(entry, `delivered ${n} times`);
        deadLettered++;
      } else {
        entries.push(entry);
      }
    }
    return { entries, deadLettered };
  }

  /** Adds a reply to `stream`, trimmed to about {@linkcode REPLY_MAXLEN} entries. */
  async reply(stream: string, reply: BrainReply): Promise<void> {
    await this.#call(() =>
      this.#writer.xadd(stream, "MAXLEN", "~", REPLY_MAXLEN, "*", BODY_FIELD, JSON.stringify(reply))
    );
  }

  /** Acknowledges an entry. */
  async ack(entry: QueueEntry): Promise<void> {
    await this.#call(() => this.#writer.xack(this.#stream, this.#group, entry.id));
  }

  /** Copies an entry to the dead letters with the reason, then acknowledges it. */
  async deadLetter(entry: QueueEntry, reason: string): Promise<void> {
    const fields = Object.entries(entry.fields).flat();
    await this.#call(() =>
      this.#writer.xadd(
        this.#dead,
        "MAXLEN",
        "~",
        DEAD_MAXLEN,
        "*",
        ...fields,
        "reason",
        reason,
        "entry",
        entry.id,
        "stream",
        this.#stream,
        "worker",
        this.#consumer,
      )
    );
    await this.ack(entry);
  }

  /** Ends a read in progress (`CLIENT UNBLOCK`), or makes the next one return at once. */
  async interrupt(): Promise<void> {
    this.#interrupted = true;
    if (this.#reading && this.#readerId !== null && this.#writer.status === "ready") {
      await this.#writer.client("UNBLOCK", this.#readerId).catch(() => {});
    }
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#reader.disconnect();
    await this.#writer.quit().catch(() => this.#writer.disconnect());
  }

  /** Creates the group (and the stream) unless it exists; again after Redis lost it. */
  async #ensureGroup(): Promise<void> {
    if (this.#groupReady) return;
    await this.#whenConnected();
    try {
      await this.#call(() =>
        this.#writer.xgroup("CREATE", this.#stream, this.#group, "$", "MKSTREAM")
      );
      this.#log(`redis: created group ${this.#group} on ${this.#stream}`);
    } catch (e) {
      if (!(e instanceof Error && e.message.startsWith("BUSYGROUP"))) throw e;
    }
    this.#groupReady = true;
  }

  /** Waits (up to the command timeout) for the writer's connection, at start or after an outage. */
  #whenConnected(): Promise<void> {
    if (this.#writer.status === "ready") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#writer.off("ready", ready);
        reject(new QueueUnavailableError("redis: not connected"));
      }, this.#timeoutMs);
      this.#writer.once("ready", ready);
    });
  }

  /** Runs a writer command, noting Redis as reachable or not. */
  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      const result = await command();
      this.#up("writes");
      return result;
    } catch (e) {
      throw this.#failure(e, "writes");
    }
  }

  /** An error reply is the caller's; anything else means Redis is out of reach. */
  #failure(e: unknown, what: string): Error {
    const text = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && e.name === "ReplyError") {
      if (text.startsWith("NOGROUP")) this.#groupReady = false;
      return e;
    }
    this.#lost(what, text);
    return new QueueUnavailableError(text, { cause: e });
  }

  #watch(connection: Redis, label: string): void {
    connection.on("error", (e: Error) => this.#lost(label, e.message));
    connection.on("close", () => {
      if (label === "reader") this.#readerId = null;
      this.#lost(label, "connection closed");
    });
    connection.on("ready", () => {
      this.#up(label);
      if (label === "writer") this.#up("writes");
      if (label === "reader") this.#up("reads");
    });
  }

  #lost(what: string, reason: string): void {
    if (this.#closing) return;
    if (this.#down.size === 0) {
      this.#downSince = Date.now();
      this.#log(`redis: unavailable (${reason}); retrying`);
    }
    this.#down.add(what);
  }

  #up(what: string): void {
    if (!this.#down.delete(what) || this.#down.size > 0) return;
    this.#log(`redis: back after ${((Date.now() - this.#downSince) / 1000).toFixed(1)} s`);
  }
}

function entriesOf(raw: readonly RawEntry[] | null | undefined): QueueEntry[] {
  const out: QueueEntry[] = [];
  for (const [id, list] of raw ?? []) {
    if (list === null) continue; // deleted from the stream while pending (Redis 6.2)
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < list.length; i += 2) fields[list[i]] = list[i + 1];
    out.push({ id, fields });
  }
  return out;
}
