/**
 * The Brain's other Redis state: the reflex cache (decisions by information set, with an
 * expiry) and the published brain versions (the current one, the history, a counter for ids).
 * Its connection fails fast while Redis is away: a cache miss or an old version is better than
 * a late answer.
 *
 * Keys: `brain:reflex:<key>` (a command's JSON, expiring), `brain:version:current` (the
 * current version's JSON), `brain:versions` (the published ones, newest first, 100 kept),
 * `brain:version:seq` (the id counter); each publication is announced on the channel
 * `brain:version`.
 *
 * @module
 */

import { Redis } from "ioredis";
import type { ReflexCache } from "./worker.ts";
import { type BrainParams, type BrainVersion, parseBrainParams } from "./version.ts";

const CURRENT = "brain:version:current";
const HISTORY = "brain:versions";
const SEQ = "brain:version:seq";
const CHANNEL = "brain:version";
const KEEP = 100;

/** The cache and the versions on one Redis. Call {@linkcode close} when done. */
export class RedisBrainStore implements ReflexCache {
  readonly #redis: Redis;
  readonly #ttl: number;
  readonly #prefix: string;

  /** `ttlSeconds`: how long a cached decision lives (an hour by default). */
  constructor(url: string, options: { ttlSeconds?: number; prefix?: string } = {}) {
    this.#redis = new Redis(url, {
      connectionName: "brain-store",
      enableOfflineQueue: false,
      commandTimeout: 500,
      maxRetriesPerRequest: 0,
      lazyConnect: false,
    });
    this.#redis.on("error", () => {}); // callers see failed commands; the client reconnects
    this.#ttl = options.ttlSeconds ?? 3600;
    this.#prefix = options.prefix ?? "brain:reflex:";
  }

  /** Resolves once connected; rejects after `ms` without a connection. */
  ready(ms = 5000): Promise<void> {
    if (this.#redis.status === "ready") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#redis.off("ready", done);
        reject(new Error(`Redis not reachable within ${ms} ms`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#redis.once("ready", done);
    });
  }

  /** A cached decision's JSON, or `null`. */
  get(key: string): Promise<string | null> {
    return this.#redis.get(this.#prefix + key);
  }

  /** Caches a decision's JSON until it expires. */
  async set(key: string, value: string): Promise<void> {
    await this.#redis.set(this.#prefix + key, value, "EX", this.#ttl);
  }

  /** The current version, or `null` before any is published. */
  async current(): Promise<BrainVersion | null> {
    const json = await this.#redis.get(CURRENT);
    return json === null ? null : readVersion(json);
  }

  /** Published versions, newest first. */
  async history(count = 20): Promise<BrainVersion[]> {
    const list = await this.#redis.lrange(HISTORY, 0, count - 1);
    return list.map(readVersion);
  }

  /** Publishes `params` as the next version, with the figures that admitted it. */
  async publish(
    params: BrainParams,
    metrics: Readonly<Record<string, number | string>>,
  ): Promise<BrainVersion> {
    const n = await this.#redis.incr(SEQ);
    const version: BrainVersion = {
      id: `v${n}`,
      params,
      metrics,
      publishedAt: new Date().toISOString(),
    };
    const json = JSON.stringify(version);
    await this.#redis.multi().set(CURRENT, json).lpush(HISTORY, json).ltrim(HISTORY, 0, KEEP - 1)
      .publish(CHANNEL, version.id).exec();
    return version;
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}

/** A version from its stored JSON; its parameters are checked like a candidate's. */
function readVersion(json: string): BrainVersion {
  const v = JSON.parse(json) as BrainVersion;
  const params = parseBrainParams(v.params);
  if (typeof params === "string") throw new Error(`stored version ${v.id}: ${params}`);
  return { ...v, params };
}
