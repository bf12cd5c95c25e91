/**
 * Commands: what a seat (or the server, for the system commands) asks the engine to do.
 * `decide` answers each with events or a rejection; rejections are data, never exceptions.
 *
 * @module
 */

import type { Card, Suit } from "./card.ts";
import type { Seed } from "./deal.ts";
import type { BidCall, EscalationCall, GameEvent, HokumDecision } from "./events.ts";
import type { Profile } from "./profile.ts";
import type { Seat } from "./seat.ts";
import type { GameState } from "./state.ts";

/** System: start the match with a profile and the first dealer (drawn at random by the server). */
export interface StartMatch {
  readonly type: "START_MATCH";
  readonly profile: Profile;
  readonly dealer: Seat;
}

/** System: deal the next hand from a fresh 256-bit seed. */
export interface DealHand {
  readonly type: "DEAL";
  readonly seed: Seed;
}

/** A bidding call, e.g. `{ type: "BID", seat: 1, call: "HOKUM", suit: "H" }`. */
export interface BidCommand {
  readonly type: "BID";
  readonly seat: Seat;
  readonly call: BidCall;
  readonly suit?: Suit;
}

/** Confirm Hokum or switch to Sun ([B3]). */
export interface HokumDecisionCommand {
  readonly type: "HOKUM_DECISION";
  readonly seat: Seat;
  readonly decision: HokumDecision;
}

/** Annul the deal with a qualifying five-card hand (V31, when the profile allows it). */
export interface KashoCommand {
  readonly type: "KASHO";
  readonly seat: Seat;
}

/** Double, Three, Four, Gahwa or pass; `locked` when the caller chooses the play mode. */
export interface EscalateCommand {
  readonly type: "ESCALATE";
  readonly seat: Seat;
  readonly call: EscalationCall;
  readonly locked?: boolean;
}

/** Declare projects in trick 1, each given by its cards. */
export interface DeclareCommand {
  readonly type: "DECLARE";
  readonly seat: Seat;
  readonly projects: readonly (readonly Card[])[];
}

/** Play a card, optionally announcing Baloot or Ekka. */
export interface PlayCommand {
  readonly type: "PLAY";
  readonly seat: Seat;
  readonly card: Card;
  readonly baloot?: boolean;
  readonly ekka?: boolean;
}

/** Claim every remaining trick for the claimer's team ([T9], decision 7). */
export interface SawaCommand {
  readonly type: "SAWA";
  readonly seat: Seat;
}

/** Every command. */
export type Command =
  | StartMatch
  | DealHand
  | BidCommand
  | HokumDecisionCommand
  | KashoCommand
  | EscalateCommand
  | DeclareCommand
  | PlayCommand
  | SawaCommand;

/** A seat's command (not a system command). */
export type SeatCommand = Exclude<Command, StartMatch | DealHand>;

/** Why a command was refused. */
export type RejectionCode =
  | "INVALID_COMMAND" // malformed for the engine (unknown type, bad field)
  | "MATCH_NOT_STARTED"
  | "MATCH_OVER"
  | "WRONG_PHASE" // e.g. a card during bidding
  | "WRONG_TURN"
  | "ILLEGAL_CALL" // a bid, decision or escalation the rules forbid now
  | "NOT_IN_HAND"
  | "ILLEGAL_CARD" // a card the trick rules forbid; `rule` names the rule
  | "INVALID_PROJECT"
  | "FALSE_BALOOT"
  | "FALSE_EKKA"
  | "SAWA_REFUSED";

/** A refused command: `{ ok: false, code: "ILLEGAL_CARD", rule: "T2", message: "..." }`. */
export interface Rejection {
  readonly ok: false;
  readonly code: RejectionCode;
  /** The rule id that forbids it, when there is one. */
  readonly rule?: string;
  readonly message: string;
}

/** An accepted command: its events, and the state after them. */
export interface Accepted {
  readonly ok: true;
  readonly events: readonly GameEvent[];
  readonly state: GameState;
}

/** What `decide` returns. */
export type Decision = Accepted | Rejection;

/** Builds a rejection. */
export function reject(code: RejectionCode, message: string, rule?: string): Rejection {
  return rule === undefined ? { ok: false, code, message } : { ok: false, code, rule, message };
}
