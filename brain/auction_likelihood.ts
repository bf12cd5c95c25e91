/**
 * How likely a sampled world makes the passes of the auction so far: a seat that passed held no
 * call worth making, by the bidding scores the heuristic bids with. Level 3 weights the deals it
 * plays its calls out over by this, so that a partner who passed is not credited with an average
 * hand (which made its Ashkal and Hokum calls look better than they were).
 *
 * @module
 */

import {
  aceBarsSun,
  type BiddingState,
  type Card,
  type GameState,
  partnerOf,
  type Seat,
  SEATS,
  speakingPosition,
  suitOf,
  SUITS,
} from "@baloot/rules";
import {
  HEURISTIC_PARAMS,
  type HeuristicParams,
  hokumScore,
  sunScore,
} from "./heuristic_policy.ts";
import type { World } from "./worlds.ts";

/**
 * The relative likelihood (0..1] of the passes in `view`'s auction given the world's hands (the
 * five cards each seat holds while bidding), for every seat but `seat`; 1 outside the bidding.
 */
export function passLikelihood(
  view: GameState,
  seat: Seat,
  world: World,
  params: HeuristicParams = HEURISTIC_PARAMS,
): number {
  const h = view.hand!;
  if (view.phase !== "BIDDING" || h.faceUp === null) return 1;
  const b = h.bidding;
  const faceSuit = suitOf(h.faceUp);
  let w = 1;
  for (const s of SEATS) {
    if (s === seat) continue;
    const cards: Card[] = [...world.hands[s], h.faceUp];
    // Round 1: every seat spoke in it if this is round 2; else the first `spoken` speakers.
    const spokeIn1 = b.round === 2 || speakingPosition(s, h.dealer) < b.spoken;
    if (spokeIn1 && !called(b, s, 1)) {
      // A Hokum already pending left it only Sun to decline, and its partner's Hokum a Sun
      // only strong enough to take over from it.
      const hokumBefore = b.round === 1 && b.hokum !== null &&
        speakingPosition(b.hokum.seat, h.dealer) < speakingPosition(s, h.dealer);
      if (!hokumBefore) w *= declined(hokumScore(cards, faceSuit), params.hokumBid);
      const partners = hokumBefore && partnerOf(b.hokum!.seat) === s;
      if (!aceBarsSun(h, s, view.profile!)) {
        w *= declined(sunScore(cards), partners ? params.sunStrong : params.sunBid);
      }
    }
    if (b.round === 2 && speakingPosition(s, h.dealer) < b.spoken && !called(b, s, 2)) {
      const hokumOpen = b.hokum === null ||
        speakingPosition(b.hokum.seat, h.dealer) > speakingPosition(s, h.dealer);
      if (hokumOpen) {
        let best = 0;
        for (const suit of SUITS) {
          if (suit !== faceSuit) best = Math.max(best, hokumScore(cards, suit));
        }
        w *= declined(best, params.hokumBid);
      }
      // Sun was declined in round 1 already with the same cards: not counted twice.
    }
  }
  return w;
}

/** Whether `s` made the pending Hokum or Sun call of round `round`. */
function called(
  b: BiddingState,
  s: Seat,
  round: 1 | 2,
): boolean {
  if (b.round !== round) return false;
  return b.hokum?.seat === s || b.sun?.seat === s;
}

/** The chance a seat with this score passed a call whose threshold is `at`. */
function declined(score: number, at: number): number {
  return 1 - 1 / (1 + Math.exp(-(score - at)));
}
