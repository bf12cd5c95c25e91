/**
 * The game server's side of the bot-move protocol (`wire/brain_protocol.ts`): requests go to the
 * Brain's request stream, replies come back on this process's own reply stream, read by one
 * blocking reader. A request unanswered by its deadline resolves to `null`, and the table plays
 * its fallback bot instead: a table never stalls on the Brain.
 *
 * @module
 */

import type { Redis } from "ioredis";
import type { GameState, Seat, SeatCommand } from "@baloot/rules";
import {
  type BotLevel,
  BRAIN_PROTOCOL,
  BRAIN_REQUESTS,
  brainReplies,
  type BrainRequest,
  parseBrainReply,
  requestId,
} from "@baloot/wire";

/** Asks the Brain for a bot move. */
export interface BotOracle {
  /** The seat's move, or `null` when none came in time. */
  ask(
    gameId: string,
    view: GameState,
    seat: Seat,
    level: BotLevel,
    ms: number,
  ): Promise<SeatCommand | null>;
}

/** No Brain: every request falls back at once (tests, or a deployment without workers). */
export const NO_BRAIN: BotOracle = { ask: () => Promise.resolve(null) };

/** The Redis Brain client of one server process. */
export class BrainClient implements BotOracle {
  readonly #pending = new Map<string, (c: SeatCommand | null) => void>();
  readonly #replies: string;
  #running = true;
  #loop: Promise<void> | null = null;

  /**
   * `writer` sends requests (fail-fast connection); `reader` is dedicated to the blocking read
   * of this process's reply stream.
   */
  constructor(
    private readonly writer: Redis,
    private readonly reader: Redis,
    processId: string,
  ) {
    this.#replies = brainReplies(processId);
  }

  /** Starts reading replies. */
  start(): void {
    this.#loop = this.#read();
  }

  async #read(): Promise<void> {
    let last = "0-0"; // this process's own stream: read it all, from its first reply
    while (this.#running) {
      try {
        const r = await this.reader.xread(
          "COUNT",
          100,
          "BLOCK",
          1000,
          "STREAMS",
          this.#replies,
          last,
        );
        for (const [, entries] of r ?? []) {
          for (const [id, fields] of entries) {
            last = id;
            this.#deliver(fields[fields.indexOf("r") + 1]);
          }
        }
      } catch {
        if (this.#running) await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  #deliver(json: string | undefined): void {
    let value: unknown;
    try {
      value = JSON.parse(json ?? "");
    } catch {
      return;
    }
    const reply = parseBrainReply(value);
    if (typeof reply === "string") return;
    const resolve = this.#pending.get(reply.id);
    if (resolve) {
      this.#pending.delete(reply.id);
      resolve(reply.command ?? null); // an error: the fallback bot plays now
    }
  }

  /** Sends a request and waits up to `ms` for the reply. */
  ask(
    gameId: string,
    view: GameState,
    seat: Seat,
    level: BotLevel,
    ms: number,
  ): Promise<SeatCommand | null> {
    const version = view.version;
    const request: BrainRequest = {
      protocol: BRAIN_PROTOCOL,
      id: requestId(gameId, version, seat),
      gameId,
      version,
      seat,
      level,
      deadline: Date.now() + ms,
      replyTo: this.#replies,
      // Bots need the hand and the score, not the full history of results.
      view: { ...view, results: [] },
    };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(request.id);
        resolve(null);
      }, ms);
      this.#pending.set(request.id, (c) => {
        clearTimeout(timer);
        resolve(c);
      });
      this.writer.xadd(BRAIN_REQUESTS, "MAXLEN", "~", 10000, "*", "r", JSON.stringify(request))
        .catch(() => {
          clearTimeout(timer);
          this.#pending.delete(request.id);
          resolve(null);
        });
    });
  }

  /** Stops reading; pending requests resolve to `null`. */
  async stop(): Promise<void> {
    this.#running = false;
    for (const resolve of this.#pending.values()) resolve(null);
    this.#pending.clear();
    this.reader.disconnect();
    await this.#loop;
    await this.writer.del(this.#replies).catch(() => {});
  }
}
