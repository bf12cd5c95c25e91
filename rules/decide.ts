/**
 * `decide`: validates a command against the full (server) state and produces its events, then
 * the automatic events that follow (contract, completion deal, trick ends, projects, result,
 * seed reveal, match end). It sees hidden cards, so it runs only where the full state lives.
 *
 * @module
 */

import { type Card, rankOf, sortCards, suitOf } from "./card.ts";
import { apply } from "./apply.ts";
import { checkBid, checkHokumDecision } from "./bidding.ts";
import { type Command, type Decision, reject, type Rejection } from "./commands.ts";
import { commitmentOf, dealInitial, seedBytes } from "./deal.ts";
import { checkEscalation } from "./escalation.ts";
import type { GameEvent } from "./events.ts";
import { nextAutomatic } from "./automatic.ts";
import { declarableProjects, type Project } from "./projects.ts";
import { verifySawa } from "./sawa.ts";
import { isSeat, nextSeat, type Seat } from "./seat.ts";
import type { GameState, HandState } from "./state.ts";
import { isSureWinner, type TrickContext, whyIllegal } from "./trick.ts";

/**
 * Validates `command` and returns its events with the resulting state, or a rejection.
 *
 * @example
 * ```ts
 * import { decide, initialState, PROFILE_R } from "@baloot/rules";
 * const started = decide(initialState(), { type: "START_MATCH", profile: PROFILE_R, dealer: 3 });
 * if (started.ok) {
 *   const d = decide(started.state, { type: "PLAY", seat: 0, card: "AS" });
 *   d.ok; // false: code "WRONG_PHASE"
 * }
 * ```
 */
export function decide(state: GameState, command: Command): Decision {
  const first = validate(state, command);
  if (!Array.isArray(first)) return first as Rejection;
  let s = state;
  const events: GameEvent[] = [];
  for (const e of first) {
    s = apply(s, e);
    events.push(e);
  }
  for (let e = nextAutomatic(s); e !== null; e = nextAutomatic(s)) {
    s = apply(s, e);
    events.push(e);
  }
  return { ok: true, events, state: s };
}

/** The trick context of the seat on turn. */
export function trickContext(state: GameState, h: HandState): TrickContext {
  return {
    trump: h.contract!.trump,
    locked: h.escalation.locked,
    leader: h.trick.leader,
    cards: h.trick.cards,
    playedMask: h.playedMask,
    profile: state.profile!,
  };
}

/** The command's own events, or why it is refused. */
function validate(state: GameState, c: Command): GameEvent[] | Rejection {
  if (c.type === "START_MATCH") {
    if (state.phase !== "NEW") return reject("WRONG_PHASE", "the match has already started");
    if (!isSeat(c.dealer)) return reject("INVALID_COMMAND", "dealer must be a seat 0..3");
    return [{ type: "MATCH_START", profile: c.profile, dealer: c.dealer }];
  }
  if (state.phase === "NEW") return reject("MATCH_NOT_STARTED", "the match has not started");
  if (state.phase === "OVER") return reject("MATCH_OVER", "the match is over");
  if (c.type === "DEAL") {
    if (state.phase !== "READY") return reject("WRONG_PHASE", "a hand is in progress");
    const bytes = seedBytes(c.seed);
    if (!bytes) return reject("INVALID_COMMAND", "seed must be 64 lower-case hex digits");
    const deal = dealInitial(bytes, state.dealer);
    return [
      {
        type: "HAND_START",
        hand: state.handsPlayed + 1,
        dealer: state.dealer,
        commitment: commitmentOf(bytes),
        seed: c.seed,
      },
      { type: "DEAL_INITIAL", hands: deal.hands, faceUp: deal.faceUp, stock: deal.stock },
    ];
  }
  const h = state.hand;
  if (!isSeat(c.seat)) return reject("INVALID_COMMAND", "seat must be 0..3");
  if (!h || h.toAct === null) return reject("WRONG_PHASE", "no decision is awaited now");
  if (h.toAct !== c.seat) return reject("WRONG_TURN", `it is seat ${h.toAct}'s turn`);
  const profile = state.profile!;
  switch (c.type) {
    case "BID": {
      if (state.phase !== "BIDDING" || h.bidding.step === "HOKUM_DECISION") {
        return reject("WRONG_PHASE", "not bidding now");
      }
      const p = checkBid(h, c.seat, c.call, c.suit, profile);
      if (p) return reject("ILLEGAL_CALL", p.message, p.rule);
      const bid = { type: "BID", seat: c.seat, round: h.bidding.round, call: c.call } as const;
      return [c.call === "HOKUM" ? { ...bid, suit: c.suit } : bid];
    }
    case "HOKUM_DECISION": {
      const p = checkHokumDecision(h, c.seat, c.decision, profile);
      if (p) return reject("ILLEGAL_CALL", p.message, p.rule);
      return [{ type: "HOKUM_DECISION", seat: c.seat, decision: c.decision }];
    }
    case "KASHO":
      return kasho(state, h, c.seat);
    case "ESCALATE": {
      if (state.phase !== "ESCALATION") return reject("WRONG_PHASE", "not in the doubling window");
      const p = checkEscalation(h.escalation, h.contract!, c.call, c.locked, profile);
      if (p) return reject("ILLEGAL_CALL", p.message, p.rule);
      const e = { type: "ESCALATE", seat: c.seat, call: c.call } as const;
      return [c.locked === undefined ? e : { ...e, locked: c.locked }];
    }
    case "DECLARE":
      return declare(state, h, c.seat, c.projects);
    case "PLAY":
      return play(state, h, c.seat, c.card, c.baloot === true, c.ekka === true);
    case "SAWA":
      return sawa(state, h, c.seat);
  }
}

function kasho(state: GameState, h: HandState, seat: Seat): GameEvent[] | Rejection {
  const rule = state.profile!.kasho;
  if (rule === "OFF") return reject("ILLEGAL_CALL", "Kasho is off at this table", "V31");
  if (state.phase !== "BIDDING" || h.bidding.round !== 1 || h.bidding.step !== "SPEAK") {
    return reject("WRONG_PHASE", "Kasho is claimed before your first-round call", "L6");
  }
  // Both readings of V31 (no A, K, Q, J, 10; five cards of 7, 8, 9) name the same hands.
  const cards = h.hands[seat] as Card[];
  if (!cards.every((c) => "789".includes(rankOf(c)))) {
    return reject("ILLEGAL_CALL", "Kasho needs five cards of 7, 8 and 9", "L6");
  }
  return [{ type: "KASHO", seat, cards }];
}

function declare(
  state: GameState,
  h: HandState,
  seat: Seat,
  projects: readonly (readonly Card[])[],
): GameEvent[] | Rejection {
  if (state.phase !== "PLAY" || h.tricks.length > 0) {
    return reject("WRONG_PHASE", "projects are declared in trick 1, before your card", "J3");
  }
  if (h.declared[seat] !== null) {
    return reject("INVALID_PROJECT", "you have already declared", "J3");
  }
  if (!Array.isArray(projects) || projects.length === 0) {
    return reject("INVALID_COMMAND", "declare at least one project");
  }
  const mode = h.contract!.mode;
  const available = declarableProjects(h.hands[seat] as Card[], seat, mode);
  const chosen: Project[] = [];
  for (const cards of projects) {
    const key = Array.isArray(cards) ? sortCards(cards).join(" ") : "";
    const p = available.find((a) => a.cards.join(" ") === key);
    if (!p) return reject("INVALID_PROJECT", `not a project of your hand: ${key}`, "J1");
    if (chosen.includes(p)) return reject("INVALID_PROJECT", "a project declared twice", "J2");
    chosen.push(p);
  }
  return [{
    type: "PROJECT_DECLARE",
    seat,
    declarations: chosen.map((project) => ({ type: project.type, project })),
  }];
}

function play(
  state: GameState,
  h: HandState,
  seat: Seat,
  card: Card,
  baloot: boolean,
  ekka: boolean,
): GameEvent[] | Rejection {
  if (state.phase !== "PLAY") return reject("WRONG_PHASE", "cards are played after the bidding");
  const hand = h.hands[seat] as Card[];
  if (!hand.includes(card)) return reject("NOT_IN_HAND", `${card} is not in your hand`);
  const ctx = trickContext(state, h);
  const why = whyIllegal(hand, card, ctx);
  if (why) return reject("ILLEGAL_CARD", `${card}: ${why.message}`, why.rule);
  const trump = ctx.trump;
  if (baloot) {
    const other = `${rankOf(card) === "K" ? "Q" : "K"}${trump}` as Card;
    const pairCard = trump !== null && suitOf(card) === trump && "KQ".includes(rankOf(card));
    if (!pairCard || playedBy(h, other) !== seat) {
      return reject(
        "FALSE_BALOOT",
        "Baloot is announced with the second of your trump K and Q",
        "K3",
      );
    }
  }
  if (ekka) {
    const valid = trump !== null && ctx.cards.length === 0 && suitOf(card) !== trump &&
      rankOf(card) !== "A" && isSureWinner(card, trump, h.playedMask);
    if (!valid) {
      return reject("FALSE_EKKA", "Ekka is a lead of the highest card left in a plain suit", "T8");
    }
  }
  const e = { type: "PLAY", seat, card } as const;
  return [baloot ? (ekka ? { ...e, baloot, ekka } : { ...e, baloot }) : ekka ? { ...e, ekka } : e];
}

/** The seat that played `card` in a completed trick, if any. */
export function playedBy(h: HandState, card: Card): Seat | null {
  for (const t of h.tricks) {
    const i = t.cards.indexOf(card);
    if (i >= 0) return nextSeat(t.leader, i);
  }
  return null;
}

function sawa(state: GameState, h: HandState, seat: Seat): GameEvent[] | Rejection {
  if (state.phase !== "PLAY" || h.trick.cards.length > 0) {
    return reject("WRONG_PHASE", "Sawa is claimed when you lead a trick", "T9");
  }
  const hands = h.hands as (readonly Card[])[];
  const verdict = verifySawa({
    hands,
    leader: seat,
    trump: h.contract!.trump,
    locked: h.escalation.locked,
    playedMask: h.playedMask,
    profile: state.profile!,
  });
  if (verdict !== "PROVEN") {
    const why = verdict === "REFUTED"
      ? "the opponents can win a trick"
      : "the claim could not be verified within the search budget";
    return reject("SAWA_REFUSED", `Sawa refused: ${why}`, "T9");
  }
  let baloot: Seat | null = null;
  const trump = h.contract!.trump;
  if (trump && h.baloot === null) {
    const k = `K${trump}` as Card, q = `Q${trump}` as Card;
    for (const s of [0, 1, 2, 3] as Seat[]) {
      const holds = (c: Card) => hands[s].includes(c) || playedBy(h, c) === s;
      if ((hands[s].includes(k) || hands[s].includes(q)) && holds(k) && holds(q)) baloot = s;
    }
  }
  return [{ type: "SAWA", seat, hands: hands.map((x) => sortCards(x)), baloot }];
}
