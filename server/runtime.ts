/**
 * The server process's shared parts, set once by `main.ts`: Colyseus builds rooms without
 * arguments, so rooms and routes find the store, the Brain client and the settings here.
 *
 * @module
 */

import { matchMaker } from "@colyseus/core";
import type { Redis } from "ioredis";
import { inviteKey } from "@baloot/wire";
import type { Archive } from "./archive.ts";
import { type BotOracle, NO_BRAIN } from "./brain_client.ts";
import type { ServerConfig } from "./config.ts";
import type { GameStore } from "./game_store.ts";
import type { TableDeps } from "./table.ts";

/** What rooms and routes share within one process. */
export class Runtime {
  readonly #recoveries = new Map<string, string>();
  /** Where bot seats ask for moves (the Brain client once it runs). */
  brain: BotOracle = NO_BRAIN;
  /** Rebuilds an orphaned game here (set by the janitor). */
  recover: (gameId: string) => void = () => {};

  constructor(
    readonly redis: Redis,
    readonly store: GameStore,
    readonly archive: Archive,
    readonly config: ServerConfig,
  ) {}

  /** This process's Colyseus id (known once the server listens). */
  get processId(): string {
    return matchMaker.processId;
  }

  /** What a table of this process needs. */
  get tableDeps(): TableDeps {
    return {
      store: this.store,
      brain: this.brain,
      archive: this.archive,
      timings: this.config.timings,
      owner: this.processId,
      leaseMs: this.config.leaseMs,
    };
  }

  /** Allows one local recovery of `gameId`; returns the nonce the room must present. */
  allowRecovery(gameId: string): string {
    const nonce = crypto.randomUUID();
    this.#recoveries.set(gameId, nonce);
    return nonce;
  }

  /** Consumes a recovery permission (true once, for the matching nonce). */
  takeRecovery(gameId: string, nonce: string): boolean {
    const ok = this.#recoveries.get(gameId) === nonce;
    if (ok) this.#recoveries.delete(gameId);
    return ok;
  }

  /** Records a private table's invite code (kept for a day). */
  async registerInvite(code: string, gameId: string): Promise<void> {
    await this.redis.set(inviteKey(code), gameId, "EX", 24 * 3600);
  }

  /** The game behind an invite code. */
  async resolveInvite(code: string): Promise<string | null> {
    return await this.redis.get(inviteKey(code));
  }
}

let current: Runtime | null = null;

/** Installs the process runtime (once, in `main.ts`). */
export function setRuntime(r: Runtime): void {
  current = r;
}

/** The process runtime. */
export function runtime(): Runtime {
  if (!current) throw new Error("server runtime not set");
  return current;
}
