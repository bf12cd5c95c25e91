/**
 * Game state: what `apply` folds events into. States are read-only values; `apply` returns new
 * ones and shares what did not change. Unknown cards are `null` (a seat's view of the others'
 * hands), so the same state type serves the server, a seat, a spectator and a replay.
 *
 * @module
 */

import type { Card, Suit } from "./card.ts";
import type { Seed } from "./deal.ts";
import type { Declaration, HandResult } from "./events.ts";
import type { Profile } from "./profile.ts";
import type { ProjectResolution } from "./projects.ts";
import type { Project } from "./projects.ts";
import type { Level } from "./scoring.ts";
import type { Seat, Team } from "./seat.ts";
import type { Mode } from "./card.ts";

/** Where the match stands. */
export type MatchPhase =
  | "NEW" // before MATCH_START
  | "READY" // between hands: the next DEAL is due
  | "BIDDING"
  | "ESCALATION"
  | "PLAY"
  | "HAND_OVER" // scored or cancelled: the seed is revealed next
  | "OVER"; // the match has a winner

/** The bidding's sub-step. */
export type BiddingStep =
  | "SPEAK" // speakers in turn from the dealer's right
  | "PRIORITY" // earlier speakers may take a Sun ahead of its caller ([B2], Gablak)
  | "HOKUM_DECISION" // the Hokum bidder confirms or switches to Sun ([B3])
  | "DONE"; // the contract is decided, or all passed

/** The auction. */
export interface BiddingState {
  readonly round: 1 | 2;
  readonly step: BiddingStep;
  /** How many speakers of this round have spoken (0..4). */
  readonly spoken: number;
  /** A pending Hokum bid of this round. */
  readonly hokum: { readonly seat: Seat; readonly suit: Suit } | null;
  /** A Sun or Ashkal call waiting for the priority window. */
  readonly sun: { readonly seat: Seat; readonly ashkal: boolean } | null;
  /** Seats still to be asked in the priority window, in priority order. */
  readonly priority: readonly Seat[];
  /** The decided contract, before `CONTRACT_SET` is recorded. */
  readonly outcome: Contract | "ALL_PASS" | null;
}

/** A contract, e.g. Hokum in spades bought by seat 0 in round 1. */
export interface Contract {
  readonly mode: Mode;
  /** The trump suit in Hokum, `null` in Sun. */
  readonly trump: Suit | null;
  readonly buyer: Seat;
  /** Whether the contract is an Ashkal (a Sun whose face-up card goes to the partner). */
  readonly ashkal: boolean;
  /** The seat that takes the face-up card ([L4], [L5]). */
  readonly recipient: Seat;
  /** The bidding round that decided it. */
  readonly round: 1 | 2;
}

/** Doubling and its replies. */
export interface EscalationState {
  readonly level: Level;
  readonly locked: boolean;
  /** The seat that made the first Double. */
  readonly doubler: Seat | null;
  /** Seats that may still call now, in order; the first is on turn. */
  readonly pending: readonly Seat[];
}

/** A completed trick. */
export interface Trick {
  readonly leader: Seat;
  /** Cards in play order, the leader's first. */
  readonly cards: readonly Card[];
  readonly winner: Seat;
  /** Card points, with the last-trick 10 on trick 8. */
  readonly points: number;
}

/** One hand, from the deal to the result. */
export interface HandState {
  readonly no: number;
  readonly dealer: Seat;
  readonly commitment: string;
  /** The seed: server-only until revealed. */
  readonly seed: Seed | null;
  readonly seedRevealed: boolean;
  /**
   * Each seat's cards: the known ones in canonical order, then `null` for each unknown card.
   */
  readonly hands: readonly (readonly (Card | null)[])[];
  /** The face-up buyer card, `null` before the deal. */
  readonly faceUp: Card | null;
  /** Undealt cards (server-only), `null` once dealt or when hidden. */
  readonly stock: readonly Card[] | null;
  readonly bidding: BiddingState;
  readonly contract: Contract | null;
  /** Whether the completion deal was made. */
  readonly completed: boolean;
  readonly escalation: EscalationState;
  /** The seat whose decision is awaited, or `null` when the next step is automatic. */
  readonly toAct: Seat | null;
  readonly tricks: readonly Trick[];
  /** The trick in progress. */
  readonly trick: { readonly leader: Seat; readonly cards: readonly Card[] };
  /** Cards played in completed tricks, as a bitmask of canonical indices. */
  readonly playedMask: number;
  readonly tricksWon: readonly [number, number];
  /** Card raw per team so far, last-trick 10 included. */
  readonly raw: readonly [number, number];
  /** Declarations per seat ([J3]); `null` until the seat's first card in trick 1. */
  readonly declared: readonly (readonly Declaration[] | null)[];
  /** The comparison once shown ([J4]). */
  readonly projects: ProjectResolution<Project> | null;
  /** The seat that announced Baloot. */
  readonly baloot: Seat | null;
  /** The seat whose verified Sawa ended play. */
  readonly sawa: Seat | null;
  /** The seat whose Kasho annulled the deal. */
  readonly kasho: Seat | null;
  readonly result: HandResult | null;
  readonly cancelled: boolean;
}

/** The whole match. */
export interface GameState {
  /** Events applied so far: the version a client tracks to detect gaps. */
  readonly version: number;
  readonly phase: MatchPhase;
  /** `null` before `MATCH_START`. */
  readonly profile: Profile | null;
  /** Match score per team. */
  readonly score: readonly [number, number];
  /** Hands started so far. */
  readonly handsPlayed: number;
  /** The dealer of the current hand, or of the next one between hands. */
  readonly dealer: Seat;
  readonly hand: HandState | null;
  /** Scored hands, in order. */
  readonly results: readonly HandResult[];
  readonly winner: Team | null;
}

/** The state before any event. */
export function initialState(): GameState {
  return {
    version: 0,
    phase: "NEW",
    profile: null,
    score: [0, 0],
    handsPlayed: 0,
    dealer: 0,
    hand: null,
    results: [],
    winner: null,
  };
}
