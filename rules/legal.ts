/**
 * `legalCommands`: every command a seat may send now. The UI offers exactly these, bots choose
 * among them, and `decide` accepts each of them. Sawa is not listed: it is a claim the engine
 * verifies by search when it is made.
 *
 * @module
 */

import { type Card, rankOf, suitOf } from "./card.ts";
import { candidateBids, checkBid, checkHokumDecision } from "./bidding.ts";
import type { SeatCommand } from "./commands.ts";
import { playedBy, trickContext } from "./decide.ts";
import { checkEscalation, choosesLock, nextCall } from "./escalation.ts";
import { declarableProjects } from "./projects.ts";
import type { Seat } from "./seat.ts";
import type { GameState } from "./state.ts";
import { isSureWinner, legalCards } from "./trick.ts";

/**
 * The commands `seat` may send in `state` (its own view is enough: only its cards are used).
 *
 * @example
 * ```ts
 * import { initialState, legalCommands } from "@baloot/rules";
 * legalCommands(initialState(), 0); // []: nothing to do before the match starts
 * ```
 */
export function legalCommands(state: GameState, seat: Seat): SeatCommand[] {
  const h = state.hand;
  if (!h || h.toAct !== seat || state.profile === null) return [];
  const profile = state.profile;
  const out: SeatCommand[] = [];
  switch (state.phase) {
    case "BIDDING": {
      if (h.bidding.step === "HOKUM_DECISION") {
        for (const decision of ["CONFIRM_HOKUM", "SWITCH_SUN"] as const) {
          if (!checkHokumDecision(h, seat, decision, profile)) {
            out.push({ type: "HOKUM_DECISION", seat, decision });
          }
        }
        return out;
      }
      for (const { call, suit } of candidateBids(h)) {
        if (!checkBid(h, seat, call, suit, profile)) {
          out.push(
            suit === undefined ? { type: "BID", seat, call } : { type: "BID", seat, call, suit },
          );
        }
      }
      const first = h.bidding.round === 1 && h.bidding.step === "SPEAK";
      const hand = h.hands[seat];
      if (
        profile.kasho !== "OFF" && first &&
        hand.every((c) => c !== null && "789".includes(rankOf(c)))
      ) {
        out.push({ type: "KASHO", seat });
      }
      return out;
    }
    case "ESCALATION": {
      out.push({ type: "ESCALATE", seat, call: "PASS" });
      const call = nextCall(h.escalation.level);
      if (
        call &&
        !checkEscalation(
          h.escalation,
          h.contract!,
          call,
          choosesLock(call, h.contract!, profile) ? false : undefined,
          profile,
        )
      ) {
        if (choosesLock(call, h.contract!, profile)) {
          out.push({ type: "ESCALATE", seat, call, locked: false });
          out.push({ type: "ESCALATE", seat, call, locked: true });
        } else out.push({ type: "ESCALATE", seat, call });
      }
      return out;
    }
    case "PLAY":
      return playCommands(state, seat);
    default:
      return out;
  }
}

function playCommands(state: GameState, seat: Seat): SeatCommand[] {
  const h = state.hand!;
  const held = h.hands[seat];
  const hand = (held.includes(null) ? held.filter((c) => c !== null) : held) as Card[];
  const ctx = trickContext(state, h);
  const out: SeatCommand[] = [];
  if (h.tricks.length === 0 && h.declared[seat] === null) {
    const projects = declarableProjects(hand, seat, h.contract!.mode);
    for (let mask = 1; mask < 1 << projects.length; mask++) {
      const chosen = projects.filter((_, i) => mask & (1 << i)).map((p) => p.cards);
      out.push({ type: "DECLARE", seat, projects: chosen });
    }
  }
  const trump = ctx.trump;
  for (const card of legalCards(hand, ctx)) {
    out.push({ type: "PLAY", seat, card });
    if (trump && suitOf(card) === trump && (rankOf(card) === "K" || rankOf(card) === "Q")) {
      const other = `${rankOf(card) === "K" ? "Q" : "K"}${trump}` as Card;
      if (playedBy(h, other) === seat) out.push({ type: "PLAY", seat, card, baloot: true });
    }
    if (
      trump && ctx.cards.length === 0 && suitOf(card) !== trump && rankOf(card) !== "A" &&
      isSureWinner(card, trump, h.playedMask)
    ) out.push({ type: "PLAY", seat, card, ekka: true });
  }
  return out;
}
