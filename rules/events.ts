/**
 * Game events (rules spec §3.4): the stable, past-tense facts that make up a game. State is
 * always `events.reduce(apply, initialState())`. Hidden fields are `null` in a redacted event.
 *
 * @module
 */

import type { Card, Suit } from "./card.ts";
import type { Seed } from "./deal.ts";
import type { Profile } from "./profile.ts";
import type { Project, ProjectType } from "./projects.ts";
import type { HandFacts, HandScore, Level } from "./scoring.ts";
import type { Seat, Team } from "./seat.ts";
import type { Contract } from "./state.ts";

/** A bidding call ([B1]–[B7], §3.3). `BEFORE_YOU` is the Gablak Sun claim. */
export type BidCall = "PASS" | "HOKUM" | "SUN" | "ASHKAL" | "BEFORE_YOU";
/** The Hokum bidder's choice once the round is over ([B3]). */
export type HokumDecision = "CONFIRM_HOKUM" | "SWITCH_SUN";
/** An escalation call ([X1]–[X4]). */
export type EscalationCall = "PASS" | "DOUBLE" | "TRIPLE" | "FOUR" | "GAHWA";

/** A declared project: its type is public at once, the project itself only to its owner. */
export interface Declaration {
  readonly type: ProjectType;
  /** The project with its cards; `null` for anyone but the declarer until the hand ends. */
  readonly project: Project | null;
}

/** The match begins: `{ type: "MATCH_START", profile: PROFILE_R, dealer: 3 }`. */
export interface MatchStart {
  readonly type: "MATCH_START";
  /** Every rule setting, so a record explains itself. */
  readonly profile: Profile;
  /** The first dealer, chosen at random by the server ([P3]). */
  readonly dealer: Seat;
}

/** A hand begins; the seed's commitment is published before any card is dealt. */
export interface HandStart {
  readonly type: "HAND_START";
  /** Hand number, from 1. */
  readonly hand: number;
  readonly dealer: Seat;
  /** Hex SHA-256 of the seed. */
  readonly commitment: string;
  /** The seed: server-only until `SEED_REVEAL`. */
  readonly seed: Seed | null;
}

/** The first deal: 5 cards per seat and the face-up buyer card ([L2], [L3]). */
export interface DealInitial {
  readonly type: "DEAL_INITIAL";
  /** Five cards per seat (each seat sees only its own). */
  readonly hands: readonly (readonly (Card | null)[])[];
  readonly faceUp: Card;
  /** The 11 face-down cards in dealing order: server-only. */
  readonly stock: readonly Card[] | null;
}

/** A bidding call: `{ type: "BID", seat: 0, round: 1, call: "HOKUM", suit: "S" }`. */
export interface Bid {
  readonly type: "BID";
  readonly seat: Seat;
  readonly round: 1 | 2;
  readonly call: BidCall;
  /** The trump suit of a Hokum call. */
  readonly suit?: Suit;
}

/** The Hokum bidder confirms or switches to Sun ([B3]). */
export interface HokumDecided {
  readonly type: "HOKUM_DECISION";
  readonly seat: Seat;
  readonly decision: HokumDecision;
}

/** Kasho (V31): a seat annuls the deal with a qualifying five-card hand. */
export interface KashoClaimed {
  readonly type: "KASHO";
  readonly seat: Seat;
  /** The five cards, shown. */
  readonly cards: readonly Card[];
}

/** The contract: `{ type: "CONTRACT_SET", mode: "HOKUM", trump: "S", buyer: 0, ... }`. */
export interface ContractSet extends Contract {
  readonly type: "CONTRACT_SET";
}

/** The completion deal; the recipient also takes the face-up card ([L4], [L5]). */
export interface DealCompletion {
  readonly type: "DEAL_COMPLETION";
  /** Cards per seat from the stock, without the face-up card (each seat sees only its own). */
  readonly cards: readonly (readonly (Card | null)[])[];
}

/** An escalation call: `{ type: "ESCALATE", seat: 1, call: "DOUBLE", locked: true }`. */
export interface Escalate {
  readonly type: "ESCALATE";
  readonly seat: Seat;
  readonly call: EscalationCall;
  /** Locked play chosen with the call ([X4], V09); absent when the caller has no choice. */
  readonly locked?: boolean;
}

/** Projects declared in trick 1, before the declarer's own card ([J3]). */
export interface ProjectDeclare {
  readonly type: "PROJECT_DECLARE";
  readonly seat: Seat;
  readonly declarations: readonly Declaration[];
}

/** A card played: `{ type: "PLAY", seat: 0, card: "QS", baloot: true }`. */
export interface Play {
  readonly type: "PLAY";
  readonly seat: Seat;
  readonly card: Card;
  /** Baloot announced with the second of the trump K and Q ([K3]). */
  readonly baloot?: boolean;
  /** Ekka announced on a lead ([T8]). */
  readonly ekka?: boolean;
}

/** A trick is complete: `points` includes the last-trick 10 on trick 8 ([D4]). */
export interface TrickEnd {
  readonly type: "TRICK_END";
  /** Trick number, 1..8. */
  readonly trick: number;
  readonly winner: Seat;
  readonly points: number;
}

/** Projects compared and shown ([J3], [J4]): the counted projects' cards become public. */
export interface ProjectsResolved {
  readonly type: "PROJECTS_RESOLVED";
  readonly winningTeam: Team | null;
  readonly counted: readonly Project[];
}

/** A verified Sawa claim ([T9], decision 7): the claimer's team takes every remaining trick. */
export interface SawaClaimed {
  readonly type: "SAWA";
  readonly seat: Seat;
  /** Every seat's remaining cards, shown. */
  readonly hands: readonly (readonly Card[])[];
  /** The seat whose Baloot counts because its cards were shown with the claim, if any. */
  readonly baloot: Seat | null;
}

/** The hand is void: all passed twice ([B8]) or Kasho (V31). The deal passes right. */
export interface HandCancelled {
  readonly type: "HAND_CANCELLED";
  readonly reason: "ALL_PASS" | "KASHO";
  readonly nextDealer: Seat;
}

/** The hand is scored: the facts and the result with its rule ids. */
export interface HandResult {
  readonly type: "HAND_RESULT";
  readonly facts: HandFacts;
  readonly score: HandScore;
}

/** The seed is revealed when the hand ends, so anyone can re-derive the deal. */
export interface SeedReveal {
  readonly type: "SEED_REVEAL";
  readonly hand: number;
  readonly seed: Seed;
}

/** The match is over ([M1]–[M3]). */
export interface MatchEnd {
  readonly type: "MATCH_END";
  readonly winner: Team;
  readonly reason: "TARGET" | "GAHWA";
  readonly score: readonly [number, number];
}

/** Every event of a game. */
export type GameEvent =
  | MatchStart
  | HandStart
  | DealInitial
  | Bid
  | HokumDecided
  | KashoClaimed
  | ContractSet
  | DealCompletion
  | Escalate
  | ProjectDeclare
  | Play
  | TrickEnd
  | ProjectsResolved
  | SawaClaimed
  | HandCancelled
  | HandResult
  | SeedReveal
  | MatchEnd;

/** The event type names. */
export type EventType = GameEvent["type"];

/** Levels an escalation call raises to. */
export const CALL_LEVEL: Readonly<Record<Exclude<EscalationCall, "PASS">, Level>> = {
  DOUBLE: 2,
  TRIPLE: 3,
  FOUR: 4,
  GAHWA: "GAHWA",
};
