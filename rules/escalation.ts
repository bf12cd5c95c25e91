/**
 * Doubling and its replies ([X1]–[X5], V08–V10): Double by a defender, Three by the buyer's team,
 * Four by the defenders, Gahwa by the buyer's team, each a reply to the one before, between the
 * completion deal and the first card. Sun has only the Double, and only at the match score
 * [X3] allows.
 *
 * @module
 */

import type { EscalationCall } from "./events.ts";
import { nextSeat, partnerOf, type Seat, teamOf } from "./seat.ts";
import type { Profile } from "./profile.ts";
import { sunDoubleAllowed } from "./scoring.ts";
import type { Contract, EscalationState } from "./state.ts";

/** Escalation before anyone doubles. */
export const NO_ESCALATION: EscalationState = {
  level: 1,
  locked: false,
  doubler: null,
  pending: [],
};

/** The seats asked first: the defenders, from the dealer's right; none if no Double is allowed. */
export function openingEscalation(
  contract: Contract,
  dealer: Seat,
  score: readonly [number, number],
  profile: Profile,
): EscalationState {
  const buyerTeam = teamOf(contract.buyer);
  if (contract.mode === "SUN" && !sunDoubleAllowed(score, buyerTeam, profile)) {
    return NO_ESCALATION;
  }
  const defenders: Seat[] = [];
  for (let k = 1; k <= 4; k++) {
    const s = nextSeat(dealer, k);
    if (teamOf(s) !== buyerTeam) defenders.push(s);
  }
  return { ...NO_ESCALATION, pending: defenders };
}

/** The call that raises the current level, if there is one. */
export function nextCall(level: EscalationState["level"]): EscalationCall | null {
  return level === 1
    ? "DOUBLE"
    : level === 2
    ? "TRIPLE"
    : level === 3
    ? "FOUR"
    : level === 4
    ? "GAHWA"
    : null;
}

/** Whether the caller of `call` chooses open or locked play (V09, decision 10). */
export function choosesLock(call: EscalationCall, contract: Contract, profile: Profile): boolean {
  if (contract.mode !== "HOKUM" || call === "PASS" || call === "GAHWA") return false;
  switch (profile.lockChoice) {
    case "EACH_CALL":
      return true;
    case "AT_DOUBLE":
      return call === "DOUBLE";
    case "AT_FOUR":
      return call === "FOUR";
  }
}

/** A refused escalation call. */
export interface EscalationProblem {
  readonly rule: string;
  readonly message: string;
}

/** Why an escalation call by the seat on turn is not legal, or `null`. */
export function checkEscalation(
  esc: EscalationState,
  contract: Contract,
  call: EscalationCall,
  locked: boolean | undefined,
  profile: Profile,
): EscalationProblem | null {
  if (call === "PASS") {
    return locked === undefined ? null : { rule: "X4", message: "a pass does not lock play" };
  }
  const expected = nextCall(esc.level);
  if (call !== expected) {
    return {
      rule: "X1",
      message: expected ? `the next escalation is ${expected}` : "no escalation is left",
    };
  }
  if (contract.mode === "SUN" && call !== "DOUBLE") {
    return { rule: "X3", message: "Sun has only the Double" };
  }
  if (choosesLock(call, contract, profile)) {
    if (locked === undefined) {
      return { rule: "X4", message: `say whether ${call} is open or locked` };
    }
  } else if (locked !== undefined) {
    return { rule: "V09", message: `${call} does not choose open or locked play here` };
  }
  return null;
}

/** Escalation after a call by `seat`. */
export function applyEscalation(
  esc: EscalationState,
  contract: Contract,
  seat: Seat,
  call: EscalationCall,
  locked: boolean | undefined,
  profile: Profile,
): EscalationState {
  if (call === "PASS") return { ...esc, pending: esc.pending.slice(1) };
  const byTeam = (first: Seat): Seat[] =>
    profile.escalationBy === "TEAM" ? [first, partnerOf(first)] : [first];
  const doubler = esc.doubler ?? seat;
  switch (call) {
    case "DOUBLE":
      return {
        level: 2,
        locked: locked ?? false,
        doubler,
        pending: contract.mode === "SUN" ? [] : byTeam(contract.buyer),
      };
    case "TRIPLE":
      return { level: 3, locked: locked ?? esc.locked, doubler, pending: byTeam(doubler) };
    case "FOUR":
      return { level: 4, locked: locked ?? esc.locked, doubler, pending: byTeam(contract.buyer) };
    case "GAHWA":
      return { level: "GAHWA", locked: false, doubler, pending: [] };
  }
}
