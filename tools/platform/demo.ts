/**
 * The launcher's demo: a bot takes a quick-play seat through the real client and each hand's
 * contract and result are printed as the match is played against the server's bots.
 *
 * @module
 */

import { heuristicPolicy } from "@baloot/brain";
import { type ClientCommand, TableClient } from "@baloot/client";
import {
  type Contract,
  type EscalationState,
  type GameState,
  type HandResult,
  legalCommands,
} from "@baloot/rules";
import { delay, printer } from "./output.ts";

/** The demo bot's pause before each move: a person's pace (rooms drop clients past 20 msg/s). */
const DEMO_MOVE_MS = 400;

const SEAT_NAMES = ["South", "East", "North", "West"] as const;
const SUITS: Record<string, string> = { S: "♠", H: "♥", D: "♦", C: "♣" };

function contractText(c: Contract, e: EscalationState): string {
  const what = c.mode === "HOKUM" ? `Hokum ${SUITS[c.trump!]}` : c.ashkal ? "Ashkal (Sun)" : "Sun";
  const level = e.level === 1 ? "" : e.level === "GAHWA" ? ", Gahwa" : `, ×${e.level}`;
  const locked = c.mode === "HOKUM" && e.level !== 1 && e.level !== "GAHWA"
    ? (e.locked ? " locked" : " open")
    : "";
  return `${what}${level}${locked}`;
}

/**
 * One bot at a quick-play table through the real client, narrating the match: a hand's contract
 * when play starts, its result when it is scored, and the final score. The bot chooses from its
 * seat's own view, as folded by the client from the seat's redacted events.
 */
export class DemoMatch {
  readonly #say = printer("demo");
  readonly #policy = heuristicPolicy("platform-demo");
  readonly #client: TableClient;
  #busy = false;
  #stopped = false;
  #started = false;
  #contractsShown = new Set<number>();
  #voidShown = new Set<number>();
  #resultsShown = 0;
  #over = false;
  readonly #finished = Promise.withResolvers<void>();

  /** Joins on `endpoints[0]`; the others help find the table again if that server dies. */
  constructor(
    readonly endpoints: readonly string[],
    readonly serverName: string,
    readonly archiveDir: string,
  ) {
    this.#client = new TableClient({
      endpoints,
      name: "Demo bot",
      onView: (view, client) => {
        this.#narrate(view, client);
        this.#play(view, client);
      },
      onStatus: (status) => {
        if (status === "moving") this.#say("the table's server went away: finding it again…");
        if (status === "closed" && !this.#over && !this.#stopped) {
          this.#say("the table closed before the match ended");
          this.#finished.resolve();
        }
      },
    });
  }

  /** Joins and plays; resolves when the match is over (or the demo is stopped). */
  async run(): Promise<void> {
    this.#say(`joining a quick-play table on ${this.serverName} (${this.endpoints[0]})…`);
    await this.#client.quickPlay();
    const seat = this.#client.seat;
    const where = seat === null ? "" : ` as ${SEAT_NAMES[seat]}`;
    this.#say(
      `seated${where}; the server's bots take the empty seats within a few seconds (QUICK_FILL_MS)`,
    );
    await this.#finished.promise;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#finished.resolve();
    await this.#client.leave();
  }

  #team(seat: number, us: number): string {
    return seat % 2 === us ? "us" : "them";
  }

  #narrate(view: GameState, client: TableClient): void {
    if (client.seat === null || this.#stopped) return;
    const us = client.seat % 2;
    const them = 1 - us;
    const hand = view.hand;
    if (!this.#started && view.phase !== "NEW") {
      this.#started = true;
      const profile = view.profile ? `, rule profile ${view.profile.id}` : "";
      this.#say(`the match has started (we are ${SEAT_NAMES[client.seat]}, team "us"${profile})`);
    }
    if (
      hand?.contract && !this.#contractsShown.has(hand.no) &&
      view.phase !== "BIDDING" && view.phase !== "ESCALATION"
    ) {
      this.#contractsShown.add(hand.no);
      const buyer = hand.contract.buyer;
      this.#say(
        `hand ${hand.no}: ${contractText(hand.contract, hand.escalation)}, bought by ` +
          `${SEAT_NAMES[buyer]} (${this.#team(buyer, us)})`,
      );
    }
    if (hand?.cancelled && !this.#voidShown.has(hand.no)) {
      this.#voidShown.add(hand.no);
      this.#say(`hand ${hand.no}: no contract (${hand.kasho === null ? "all passed" : "Kasho"})`);
    }
    for (; this.#resultsShown < view.results.length; this.#resultsShown++) {
      const r: HandResult = view.results[this.#resultsShown];
      const s = r.score;
      const buyers = r.facts.buyerTeam === us ? "we" : "they";
      const outcome = s.made ? "made it" : "failed (Khasara)";
      const match = s.matchAfter ?? view.score;
      this.#say(
        `  → ${buyers} ${outcome}${s.kaboot ? ", Kaboot" : ""}: +${s.awarded[us]} us, ` +
          `+${s.awarded[them]} them · match ${match[us]}–${match[them]}`,
      );
    }
    if (view.phase === "OVER" && !this.#over) {
      this.#over = true;
      const result = view.winner === us ? "we won" : "they won";
      this.#say(
        `match over after ${view.handsPlayed} hands: ${result} ${view.score[us]}–` +
          `${view.score[them]}`,
      );
      if (client.gameId) {
        const file = `${this.archiveDir}/${client.gameId}.jsonl`;
        this.#say(`its record: ${file} (check it: deno task baloot replay ${file})`);
      }
      this.#finished.resolve();
      void client.leave();
    }
  }

  #play(view: GameState, client: TableClient): void {
    const seat = client.seat;
    if (this.#stopped || this.#busy || seat === null) return;
    if (view.phase === "OVER" || view.hand?.toAct !== seat) return;
    const legal = legalCommands(view, seat);
    if (legal.length === 0) return;
    const { seat: _, ...command } = this.#policy(view, seat, legal);
    this.#busy = true;
    setTimeout(async () => {
      // A reply lost with its connection must not stall the bot: the server's turn timer and
      // the next view carry on either way.
      if (!this.#stopped) await Promise.race([client.send(command as ClientCommand), delay(5_000)]);
      this.#busy = false;
      if (client.view && !this.#stopped) this.#play(client.view, client);
    }, DEMO_MOVE_MS);
  }
}
