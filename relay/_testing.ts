/**
 * Relay test helpers: relays started in the test's process on free ports, and games written
 * straight into Redis in the servers' format (full and public streams, version, notify), so a
 * test or the benchmark controls exactly when each event is appended.
 *
 * @module
 */

import type { Redis } from "ioredis";
import { type GameEvent, PROFILE_R, redact } from "@baloot/rules";
import { gameKeys, type WatchSeat } from "@baloot/wire";
import { randomMatch } from "../rules/_testing.ts";
import { loadRelayConfig, type RelayConfig } from "./config.ts";
import { type RunningRelay, startRelay } from "./main.ts";

/** Starts a relay on a free port with fast test timings (overridable). */
export function startTestRelay(
  redisUrl: string,
  overrides: Partial<RelayConfig> = {},
): Promise<RunningRelay> {
  return startRelay({
    ...loadRelayConfig(() => undefined),
    port: 0,
    hostname: "127.0.0.1",
    redisUrl,
    pollMs: 200,
    viewersMs: 300,
    lingerMs: 1_000,
    ...overrides,
  });
}

/** The events of a reproducible random match (about 40 to 60 per hand) to `target` points. */
export function recordedMatch(label: string | number, target = 152): readonly GameEvent[] {
  return randomMatch({ ...PROFILE_R, target }, label).events;
}

const SEATS: WatchSeat[] = ["Amal", "Badr", "Dana", "Fahd"].map((name) => ({
  name,
  kind: "bot",
  level: 1,
}));

/** A game written into Redis event by event, as a game server would. */
export class GameWriter {
  /** Events appended so far. */
  appended = 0;

  constructor(
    readonly redis: Redis,
    readonly gameId: string,
    readonly events: readonly GameEvent[],
  ) {}

  /** Records the table's metadata (the relay refuses games without it). */
  async create(settings: Record<string, unknown> = {}): Promise<void> {
    await this.redis.hset(gameKeys(this.gameId).meta, {
      settings: JSON.stringify({ mode: "quick", profile: "R", target: 152, ...settings }),
      seats: JSON.stringify(SEATS.map((s) => ({ ...s, tokenHash: "secret", connected: false }))),
    });
  }

  /** Appends the next `n` events (all that are left by default); returns how many. */
  async append(n = this.events.length): Promise<number> {
    const k = gameKeys(this.gameId);
    const batch = this.events.slice(this.appended, this.appended + n);
    if (batch.length === 0) return 0;
    const t = Date.now();
    const m = this.redis.multi();
    for (const e of batch) {
      const v = ++this.appended;
      m.xadd(k.events, `${v}-0`, "t", t, "e", JSON.stringify(e));
      m.xadd(k.public, `${v}-0`, "t", t, "e", JSON.stringify(redact(e, "spectator")));
    }
    m.set(k.version, this.appended).publish(k.notify, String(this.appended));
    await m.exec();
    return batch.length;
  }
}
