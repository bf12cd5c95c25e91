/**
 * Relay test helpers: relays started in the test's process on free ports, and games written
 * into Redis by the servers' own store, so a test or the benchmark controls exactly when each
 * event is appended.
 *
 * @module
 */

import type { Redis } from "ioredis";
import { type GameEvent, PROFILE_R, redact } from "@baloot/rules";
import type { WatchSeat } from "@baloot/wire";
import { GameStore } from "../server/game_store.ts";
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

/**
 * A game written into Redis event by event through the game servers' own store
 * (`server/game_store.ts`: the lease, the full and public streams, the version, the notify).
 */
export class GameWriter {
  /** Events appended so far. */
  appended = 0;
  readonly #store: GameStore;
  #token: string | null = null;

  constructor(
    readonly redis: Redis,
    readonly gameId: string,
    readonly events: readonly GameEvent[],
  ) {
    this.#store = new GameStore(redis, 3_600_000); // a lease for the whole test
  }

  /** Takes the game's lease and records its metadata (the relay refuses games without it). */
  async create(settings: Record<string, unknown> = {}): Promise<void> {
    this.#token = await this.#store.acquire(this.gameId, "test-writer");
    if (!this.#token) throw new Error(`game ${this.gameId} is owned elsewhere`);
    await this.#store.setMeta(this.gameId, {
      settings: JSON.stringify({ mode: "quick", profile: "R", target: 152, ...settings }),
      seats: JSON.stringify(SEATS.map((s) => ({ ...s, tokenHash: "secret", connected: false }))),
    });
  }

  /** Appends the next `n` events (all that are left by default); returns how many. */
  async append(n = this.events.length): Promise<number> {
    const batch = this.events.slice(this.appended, this.appended + n);
    if (batch.length === 0) return 0;
    const pairs = batch.map((e) => ({ full: e, public: redact(e, "spectator") }));
    const v = await this.#store.append(this.gameId, this.#token!, this.appended, pairs);
    if (typeof v !== "number") throw new Error(`game ${this.gameId}: append refused (${v})`);
    this.appended = v;
    return batch.length;
  }
}
