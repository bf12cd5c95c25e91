/**
 * The game store: each game's append-only event log in Redis (the truth; a room is a cache of
 * it), its ownership lease with a fencing token, and its table metadata. The only module of the
 * server that speaks Redis for games.
 *
 * An append checks, in one Lua script, that the caller still holds the lease (its fencing token)
 * and that the log is at the version the caller expects, then adds the full events to the
 * server-only stream and the spectator-redacted ones to the public stream, and publishes the
 * new version. Two processes can therefore never both write one game, and a move is recorded
 * exactly once or not at all.
 *
 * @module
 */

import type { Redis } from "ioredis";
import type { GameEvent } from "@baloot/rules";
import { gameKeys, LEASES_KEY, parseEvent, sumViewers } from "@baloot/wire";

/** Why an append was refused. */
export type AppendRefusal = "FENCED" | "CONFLICT" | "UNAVAILABLE";

/** An event to record: the full event, and the copy spectators may see. */
export interface EventPair {
  readonly full: GameEvent;
  readonly public: GameEvent;
}

/** Stream entry ids are the event versions (`<v>-0`), so reads can start at any version. */
const entryId = (v: number) => `${v}-0`;

const APPEND = `
local lease = redis.call('GET', KEYS[3])
if lease ~= ARGV[1] then return -1 end
local v = tonumber(redis.call('GET', KEYS[4]) or '0')
if v ~= tonumber(ARGV[2]) then return -2 end
local n = tonumber(ARGV[3])
local now = ARGV[4]
for i = 1, n do
  v = v + 1
  redis.call('XADD', KEYS[1], v .. '-0', 't', now, 'e', ARGV[4 + 2 * i - 1])
  redis.call('XADD', KEYS[2], v .. '-0', 't', now, 'e', ARGV[4 + 2 * i])
end
redis.call('SET', KEYS[4], v)
redis.call('PUBLISH', KEYS[5], v)
return v
`;

// Renewal also takes an expired lease back when nobody has taken the game since (the fencing
// counter is still ours): a stall longer than the lease need not drop every table.
const RENEW = `
local lease = redis.call('GET', KEYS[1])
if lease == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
elseif lease == false and redis.call('GET', KEYS[3]) == ARGV[5] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
return 1
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;

/** The Redis-backed store. Writes fail fast: the connection must not queue commands offline. */
export class GameStore {
  constructor(private readonly redis: Redis, private readonly leaseMs: number) {}

  /**
   * Takes ownership of a game: a new fencing token, set only if nobody holds the lease.
   * Returns the token, or `null` when another process owns the game.
   */
  async acquire(gameId: string, owner: string): Promise<string | null> {
    const k = gameKeys(gameId);
    const fence = await this.redis.incr(k.fence);
    const token = `${owner}:${fence}`;
    const ok = await this.redis.set(k.lease, token, "PX", this.leaseMs, "NX");
    if (ok !== "OK") return null;
    await this.redis.zadd(LEASES_KEY, Date.now() + this.leaseMs, gameId);
    return token;
  }

  /** Extends the lease; `false` means it was lost (expired and taken, or expired). */
  async renew(gameId: string, token: string): Promise<boolean> {
    const k = gameKeys(gameId);
    const fence = token.slice(token.lastIndexOf(":") + 1);
    const r = await this.redis.eval(
      RENEW,
      3,
      k.lease,
      LEASES_KEY,
      k.fence,
      token,
      this.leaseMs,
      Date.now() + this.leaseMs,
      gameId,
      fence,
    );
    return r === 1;
  }

  /** Gives up ownership (a clean shutdown, or a finished game). */
  async release(gameId: string, token: string, finished: boolean): Promise<void> {
    await this.redis.eval(RELEASE, 1, gameKeys(gameId).lease, token);
    if (finished) await this.redis.zrem(LEASES_KEY, gameId);
  }

  /** Games whose lease has expired: candidates for recovery by another process. */
  async orphans(limit = 16): Promise<string[]> {
    return await this.redis.zrangebyscore(LEASES_KEY, "-inf", Date.now(), "LIMIT", 0, limit);
  }

  /** Whether anybody holds the game's lease now. */
  async isOwned(gameId: string): Promise<boolean> {
    return (await this.redis.exists(gameKeys(gameId).lease)) === 1;
  }

  /**
   * Appends events after version `expected`, as the holder of `token`. Resolves to the new
   * version, or the reason nothing was written.
   */
  async append(
    gameId: string,
    token: string,
    expected: number,
    events: readonly EventPair[],
  ): Promise<number | AppendRefusal> {
    const k = gameKeys(gameId);
    const args: (string | number)[] = [token, expected, events.length, Date.now()];
    for (const e of events) args.push(JSON.stringify(e.full), JSON.stringify(e.public));
    try {
      const r = await this.redis.eval(
        APPEND,
        5,
        k.events,
        k.public,
        k.lease,
        k.version,
        k.notify,
        ...args,
      ) as number;
      return r === -1 ? "FENCED" : r === -2 ? "CONFLICT" : r;
    } catch {
      return "UNAVAILABLE";
    }
  }

  /** The full events after version `since`, in order, each checked by the wire codec. */
  async read(gameId: string, since = 0): Promise<GameEvent[]> {
    const entries = await this.redis.xrange(gameKeys(gameId).events, entryId(since + 1), "+");
    return entries.map(([id, fields]) => {
      const json = fields[fields.indexOf("e") + 1];
      const e = parseEvent(JSON.parse(json));
      if (typeof e === "string") throw new Error(`game ${gameId} entry ${id}: ${e}`);
      return e;
    });
  }

  /** The table metadata (all string fields). */
  async meta(gameId: string): Promise<Record<string, string>> {
    return await this.redis.hgetall(gameKeys(gameId).meta);
  }

  /** Sets table metadata fields. */
  async setMeta(gameId: string, fields: Record<string, string>): Promise<void> {
    await this.redis.hset(gameKeys(gameId).meta, fields);
  }

  /** How many spectators watch each game, over all relays (`relay_protocol.ts`). */
  async viewers(gameIds: readonly string[]): Promise<number[]> {
    if (gameIds.length === 0) return [];
    const p = this.redis.pipeline();
    for (const id of gameIds) p.hgetall(gameKeys(id).viewers);
    const now = Date.now();
    return ((await p.exec()) ?? []).map(([err, hash]) =>
      err ? 0 : sumViewers((hash ?? {}) as Record<string, string>, now)
    );
  }

  /** Keeps a finished game's keys for `seconds` more (it is archived by then). */
  async expire(gameId: string, seconds: number): Promise<void> {
    const k = gameKeys(gameId);
    const m = this.redis.multi();
    for (const key of [k.events, k.public, k.version, k.fence, k.meta]) m.expire(key, seconds);
    await m.exec();
  }
}
