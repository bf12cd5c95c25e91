/**
 * Where two bots part: in a duplicate pair, hand n of both matches is the same deal, so the first
 * decision where the two matches differ is one where A, in a seat, chose otherwise than B in the
 * same seat with the same hand so far. Each hand's duplicate gain for A is put down to the kind of
 * that decision (a call, a Double, a card of trick n), which shows where A wins and loses.
 *
 * @module
 */

import type { GameEvent, GameState, SeatCommand } from "@baloot/rules";

/**
 * The kind of a decision: `call`, `double`, `declare`, `trick 1` … `trick 8`, `sawa`. A hand
 * whose matches part before any bot chose otherwise (the game offered the seats different
 * decisions: a Sun Double is open only while the buyer's team is above 100 and the other is not
 * [X3], and the match scores differ) is put down to {@linkcode MATCH_SCORE}. A bot that chose
 * otherwise because it weighs the match score (level 3's calls do) chose: that counts as its
 * decision.
 */
export function decisionKind(view: GameState, command: SeatCommand): string {
  switch (command.type) {
    case "PLAY":
      return `trick ${view.hand!.tricks.length + 1}`;
    case "ESCALATE":
      return "double";
    case "BID":
    case "HOKUM_DECISION":
    case "KASHO":
      return "call";
    default:
      return command.type.toLowerCase();
  }
}

/** Where the two matches of a hand parted because their match scores differ, not a choice. */
export const MATCH_SCORE = "match score";

/** One match's decisions and hand results, by hand number. */
export class MatchLog {
  readonly decisions = new Map<number, { kind: string; key: string; seat: number }[]>();
  /** Game points of team 0 less team 1's, per hand scored or cancelled. */
  readonly margins = new Map<number, number>();
  #hand = 0;

  /** Records a decision (call it with every decision, in order). */
  decided(view: GameState, command: SeatCommand): void {
    this.#hand = view.hand!.no;
    let list = this.decisions.get(this.#hand);
    if (!list) this.decisions.set(this.#hand, list = []);
    list.push({
      kind: decisionKind(view, command),
      key: JSON.stringify(command),
      seat: command.seat,
    });
  }

  /** Records the match's events (its hand results). */
  events(events: readonly GameEvent[]): void {
    for (const e of events) {
      if (e.type === "HAND_RESULT") {
        this.margins.set(this.#hand, e.score.awarded[0] - e.score.awarded[1]);
      }
      // A hand every seat passed (or a Kasho annulled) scores nothing: that, too, is a result,
      // and the hand may have parted at the call that let it be cancelled.
      if (e.type === "HAND_CANCELLED") this.margins.set(this.#hand, 0);
    }
  }
}

/** A hand played in both matches: where the two parted (`same` if nowhere) and A's gain. */
export interface Parting {
  readonly kind: string;
  readonly gain: number;
}

/**
 * The partings of a pair: `first` is the match A played as team 0, `second` as team 1. Hands
 * played in one match only (the other had ended) are left out.
 */
export function partings(first: MatchLog, second: MatchLog): Parting[] {
  const out: Parting[] = [];
  for (const [hand, one] of first.decisions) {
    const two = second.decisions.get(hand);
    const m1 = first.margins.get(hand), m2 = second.margins.get(hand);
    if (!two || m1 === undefined || m2 === undefined) continue;
    let kind = "same";
    for (let i = 0; i < Math.min(one.length, two.length); i++) {
      if (one[i].key !== two[i].key) {
        const offered = one[i].kind === two[i].kind && one[i].seat === two[i].seat;
        kind = offered ? one[i].kind : MATCH_SCORE;
        break;
      }
    }
    out.push({ kind, gain: m1 - m2 });
  }
  return out;
}
