/**
 * What `replay` prints for a verified record: each hand's contract and result, and the match.
 *
 * @module
 */

import type { Level, Seat, Verified } from "@baloot/rules";
import type { GameRecord } from "@baloot/wire";

/** A hand's contract as it stood when play began. */
export interface ContractSummary {
  readonly mode: "SUN" | "HOKUM";
  readonly trump: string | null;
  readonly buyer: Seat;
  readonly ashkal: boolean;
  readonly recipient: Seat;
  readonly level: Level;
  readonly locked: boolean;
  /** The rules spec's contract notation (§3.3), e.g. `HOKUM S by 0 x2 LOCKED`. */
  readonly notation: string;
}

/** One hand of the match. */
export interface HandSummary {
  readonly hand: number;
  readonly dealer: Seat;
  readonly contract: ContractSummary | null;
  /** Why the hand was void, for a cancelled hand. */
  readonly cancelled?: "ALL_PASS" | "KASHO";
  readonly result: Record<string, unknown> | null;
}

/** The whole report of a verified record. */
export interface MatchSummary {
  readonly ok: true;
  readonly matchId: string;
  readonly profile: string;
  readonly events: number;
  readonly hands: HandSummary[];
  readonly match: {
    readonly winner: 0 | 1 | null;
    readonly score: readonly [number, number];
    readonly reason: "TARGET" | "GAHWA" | null;
  };
}

/** The §3.3 notation of a contract. */
export function contractNotation(c: Omit<ContractSummary, "notation">): string {
  const head = c.mode === "HOKUM" ? `HOKUM ${c.trump}` : c.ashkal ? "SUN(ASHKAL)" : "SUN";
  const by = c.ashkal ? `by ${c.buyer} recv ${c.recipient}` : `by ${c.buyer}`;
  const level = c.level === "GAHWA" ? "GAHWA" : `x${c.level}`;
  const play = c.mode === "HOKUM" && c.level !== "GAHWA" ? (c.locked ? " LOCKED" : " OPEN") : "";
  return `${head} ${by} ${level}${play}`;
}

/** Summarises a verified record from `verify`'s snapshots of each hand as it ended. */
export function summarizeMatch(record: GameRecord, checked: Verified): MatchSummary {
  const hands: HandSummary[] = checked.hands.map((h) => {
    const c = h.contract;
    const contract = c && {
      mode: c.mode,
      trump: c.trump,
      buyer: c.buyer,
      ashkal: c.ashkal,
      recipient: c.recipient,
      level: h.escalation.level,
      locked: h.escalation.locked,
    };
    const r = h.result;
    return {
      hand: h.no,
      dealer: h.dealer,
      contract: contract && { ...contract, notation: contractNotation(contract) },
      ...(h.cancelled
        ? { cancelled: h.kasho === null ? "ALL_PASS" as const : "KASHO" as const }
        : {}),
      result: r && {
        awarded: r.score.awarded,
        made: r.score.made,
        kaboot: r.score.kaboot,
        matchWinner: r.score.matchWinner,
        rules: r.score.rules,
        variations: r.score.variations,
        cardRaw: r.facts.cardRaw,
        tricks: r.facts.tricks,
        cardGp: r.score.cardGp,
        projectGp: r.score.projectGp,
        balootGp: r.score.balootGp,
        matchAfter: r.score.matchAfter,
      },
    };
  });
  const end = record.events.findLast((e) => e.type === "MATCH_END");
  return {
    ok: true,
    matchId: record.header.matchId,
    profile: record.header.profile,
    events: record.events.length,
    hands,
    match: end?.type === "MATCH_END"
      ? { winner: end.winner, score: end.score, reason: end.reason }
      : { winner: null, score: checked.state.score, reason: null },
  };
}
