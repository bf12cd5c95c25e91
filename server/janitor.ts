/**
 * Crash recovery: every server process watches for games whose ownership lease has expired
 * (their process died) and rebuilds them locally from their event logs. The lease decides who
 * wins when several processes try at once; the players' clients then find the new room through
 * `GET /api/games/:id` and return to their seats with their seat tokens.
 *
 * @module
 */

import { matchMaker } from "@colyseus/core";
import type { GameStore } from "./game_store.ts";
import type { Runtime } from "./runtime.ts";

/** Finds and recovers orphaned games. */
export class Janitor {
  readonly #busy = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly store: GameStore, private readonly rt: Runtime) {
    rt.recover = (gameId) => void this.recover(gameId);
  }

  /** Checks for orphans every `ms` milliseconds. */
  start(ms: number): void {
    this.#timer = setInterval(() => this.tick().catch(() => {}), ms);
  }

  /** Stops watching. */
  stop(): void {
    clearInterval(this.#timer);
  }

  /** One round: recover every orphan nobody owns. */
  async tick(): Promise<void> {
    for (const gameId of await this.store.orphans()) {
      if (!(await this.store.isOwned(gameId))) this.recover(gameId);
    }
  }

  /** Rebuilds `gameId` in a room of this process, unless it is already being rebuilt here. */
  async recover(gameId: string): Promise<void> {
    if (this.#busy.has(gameId)) return;
    this.#busy.add(gameId);
    try {
      const nonce = this.rt.allowRecovery(gameId);
      await matchMaker.handleCreateRoom("table", { recover: gameId, nonce });
    } catch {
      // Another process won the lease, or the game is finished: nothing to do here.
    } finally {
      this.#busy.delete(gameId);
    }
  }
}
