/**
 * The auction ([B1]–[B8], V03, V04): which calls are legal, and how each call moves the bidding.
 *
 * Round 1 offers Hokum in the face-up suit, Sun, and Ashkal to the third and fourth speakers.
 * A Sun (or Ashkal) ends the round, but earlier speakers are then asked in priority order
 * whether to take Sun ahead of the caller (`BEFORE_YOU`, Gablak, [B2]); the first who does
 * takes it. A Hokum does not end the round: later speakers may still overcall with Sun; if none
 * does, the Hokum bidder confirms Hokum or switches to Sun ([B3]). Round 2 is the same with
 * Hokum in any other suit ([B5], [B6]). All passing twice cancels the hand ([B8]).
 *
 * @module
 */

import { rankOf, type Suit, suitOf, SUITS } from "./card.ts";
import type { Bid, BidCall, HokumDecision } from "./events.ts";
import { nextSeat, partnerOf, type Seat, speakingPosition } from "./seat.ts";
import type { BiddingState, Contract, HandState } from "./state.ts";
import type { Profile } from "./profile.ts";

/** A fresh auction, round 1. */
export const NEW_BIDDING: BiddingState = {
  round: 1,
  step: "SPEAK",
  spoken: 0,
  hokum: null,
  sun: null,
  priority: [],
  outcome: null,
};

/** A refused call: rule id and message. */
export interface BidProblem {
  readonly rule: string;
  readonly message: string;
}

/** Whether Sun is barred for this seat by the face-up Ace option (V04). */
/** Whether a face-up Ace bars `seat` from Sun under `profile` (V04). */
export function aceBarsSun(hand: HandState, seat: Seat, profile: Profile): boolean {
  return profile.aceSunDealerRightOnly && rankOf(hand.faceUp!) === "A" &&
    seat !== nextSeat(hand.dealer);
}

/**
 * Why `call` is not legal for the seat on turn, or `null` when it is. The caller checks the
 * turn and the phase.
 */
export function checkBid(
  hand: HandState,
  seat: Seat,
  call: BidCall,
  suit: Suit | undefined,
  profile: Profile,
): BidProblem | null {
  const b = hand.bidding;
  if (b.step === "PRIORITY") {
    if (call === "PASS") return null;
    if (call !== "BEFORE_YOU") {
      return { rule: "B2", message: "a Sun was called: take it before the caller, or pass" };
    }
    if (aceBarsSun(hand, seat, profile)) {
      return { rule: "V04", message: "with a face-up Ace only the dealer's right may take Sun" };
    }
    return null;
  }
  if (b.step !== "SPEAK") return { rule: "B3", message: "the bidding is not taking calls" };
  if (call !== "HOKUM" && suit !== undefined) {
    return { rule: "B1", message: "only a Hokum call names a suit" };
  }
  switch (call) {
    case "PASS":
      return null;
    case "BEFORE_YOU":
      return { rule: "B2", message: "nobody called Sun after you" };
    case "HOKUM": {
      if (b.hokum) return { rule: "B3", message: "Hokum was already bid this round; Sun or pass" };
      const faceSuit = suitOf(hand.faceUp!);
      if (b.round === 1 && suit !== faceSuit) {
        return { rule: "B1", message: `a first-round Hokum is in the face-up suit (${faceSuit})` };
      }
      if (b.round === 2 && (suit === undefined || suit === faceSuit)) {
        return {
          rule: "B5",
          message: "a second-round Hokum names a suit other than the face-up suit",
        };
      }
      return null;
    }
    case "SUN":
    case "ASHKAL": {
      if (aceBarsSun(hand, seat, profile)) {
        return { rule: "V04", message: "with a face-up Ace only the dealer's right may take Sun" };
      }
      if (call === "SUN") return null;
      if (speakingPosition(seat, hand.dealer) < 2) {
        return { rule: "B1", message: "Ashkal is open only to the dealer-left and the dealer" };
      }
      if (b.round === 2 && !profile.ashkalSecondRound) {
        return { rule: "B7", message: "Ashkal is not allowed in the second round" };
      }
      if (!profile.ashkalOverAce && rankOf(hand.faceUp!) === "A") {
        return { rule: "V03", message: "Ashkal is not allowed over a face-up Ace" };
      }
      return null;
    }
  }
}

/** Why a Hokum decision is not legal, or `null`. */
export function checkHokumDecision(
  hand: HandState,
  seat: Seat,
  decision: HokumDecision,
  profile: Profile,
): BidProblem | null {
  if (hand.bidding.step !== "HOKUM_DECISION") {
    return { rule: "B3", message: "no Hokum bid is waiting for confirmation" };
  }
  if (decision === "SWITCH_SUN" && aceBarsSun(hand, seat, profile)) {
    return { rule: "V04", message: "with a face-up Ace only the dealer's right may take Sun" };
  }
  return null;
}

/** The calls to try when listing legal calls. */
export function candidateBids(hand: HandState): { call: BidCall; suit?: Suit }[] {
  if (hand.bidding.step === "PRIORITY") return [{ call: "BEFORE_YOU" }, { call: "PASS" }];
  const hokum = hand.bidding.round === 1
    ? [{ call: "HOKUM" as const, suit: suitOf(hand.faceUp!) }]
    : SUITS.map((suit) => ({ call: "HOKUM" as const, suit }));
  return [{ call: "PASS" }, ...hokum, { call: "SUN" }, { call: "ASHKAL" }];
}

function sunContract(seat: Seat, ashkal: boolean, round: 1 | 2): Contract {
  return {
    mode: "SUN",
    trump: null,
    buyer: seat,
    ashkal,
    recipient: ashkal ? partnerOf(seat) : seat,
    round,
  };
}

/** The bidding after a call, and the seat on turn next (`null` once the auction is decided). */
export function applyBid(
  hand: HandState,
  e: Bid,
): { bidding: BiddingState; toAct: Seat | null } {
  const b = hand.bidding;
  if (b.step === "PRIORITY") {
    if (e.call === "BEFORE_YOU") {
      return done(b, sunContract(e.seat, false, b.round));
    }
    const priority = b.priority.slice(1);
    if (priority.length === 0) return done(b, sunContract(b.sun!.seat, b.sun!.ashkal, b.round));
    return { bidding: { ...b, priority }, toAct: priority[0] };
  }
  const spoken = b.spoken + 1;
  if (e.call === "SUN" || e.call === "ASHKAL") {
    const position = speakingPosition(e.seat, hand.dealer);
    const priority: Seat[] = [];
    for (let p = 0; p < position; p++) priority.push(nextSeat(hand.dealer, p + 1));
    const sun = { seat: e.seat, ashkal: e.call === "ASHKAL" };
    if (priority.length === 0) return done(b, sunContract(e.seat, sun.ashkal, b.round));
    return { bidding: { ...b, spoken, step: "PRIORITY", sun, priority }, toAct: priority[0] };
  }
  const hokum = e.call === "HOKUM" ? { seat: e.seat, suit: e.suit! } : b.hokum;
  if (spoken < 4) {
    return { bidding: { ...b, spoken, hokum }, toAct: nextSeat(hand.dealer, spoken + 1) };
  }
  if (hokum) {
    return { bidding: { ...b, spoken, hokum, step: "HOKUM_DECISION" }, toAct: hokum.seat };
  }
  if (b.round === 1) {
    return { bidding: { ...NEW_BIDDING, round: 2 }, toAct: nextSeat(hand.dealer) };
  }
  return { bidding: { ...b, spoken, step: "DONE", outcome: "ALL_PASS" }, toAct: null };
}

/** The bidding after the Hokum bidder's decision. */
export function applyHokumDecision(hand: HandState, decision: HokumDecision): BiddingState {
  const b = hand.bidding;
  const h = b.hokum!;
  const contract: Contract = decision === "SWITCH_SUN" ? sunContract(h.seat, false, b.round) : {
    mode: "HOKUM",
    trump: h.suit,
    buyer: h.seat,
    ashkal: false,
    recipient: h.seat,
    round: b.round,
  };
  return done(b, contract).bidding;
}

function done(b: BiddingState, contract: Contract): { bidding: BiddingState; toAct: null } {
  return { bidding: { ...b, step: "DONE", outcome: contract, priority: [] }, toAct: null };
}
