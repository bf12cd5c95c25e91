/**
 * `apply`: the one fold step every consumer uses (architecture decision 1). It trusts its input
 * (`decide` validated it), never mutates, and works as well on a seat's or a spectator's
 * redacted events, where unknown cards are `null`.
 *
 * @module
 */

import { type Card, cardIndex, points } from "./card.ts";
import { applyBid, applyHokumDecision, NEW_BIDDING } from "./bidding.ts";
import { applyEscalation, NO_ESCALATION, openingEscalation } from "./escalation.ts";
import type { GameEvent } from "./events.ts";
import type { Project } from "./projects.ts";
import { nextSeat, type Seat, teamOf } from "./seat.ts";
import type { GameState, HandState } from "./state.ts";

type Hand = readonly (Card | null)[];

/** A hand holding `cards` and `unknown` more hidden cards: known cards sorted, then nulls. */
function withCards(hand: Hand, cards: readonly (Card | null)[]): Hand {
  const known: Card[] = [];
  let unknown = 0;
  for (const c of hand) c === null ? unknown++ : known.push(c);
  for (const c of cards) c === null ? unknown++ : known.push(c);
  known.sort((a, b) => cardIndex(a) - cardIndex(b));
  const out: (Card | null)[] = known;
  for (let i = 0; i < unknown; i++) out.push(null);
  return out;
}

/** The hand without `card`, or without one unknown card when `card` is not known in it. */
function without(hand: Hand, card: Card): Hand {
  let i = hand.indexOf(card);
  if (i < 0) i = hand.indexOf(null);
  if (i < 0) return hand;
  const out: (Card | null)[] = [];
  for (let j = 0; j < hand.length; j++) if (j !== i) out.push(hand[j]);
  return out;
}

/** Shows `cards` in a hand that holds them: each newly known card replaces an unknown one. */
function reveal(hand: Hand, cards: readonly Card[]): Hand {
  const missing = cards.filter((c) => !hand.includes(c));
  if (missing.length === 0) return hand;
  const known = hand.filter((c) => c !== null);
  const unknown = hand.length - known.length - missing.length;
  return withCards(known, [...missing, ...Array<null>(Math.max(0, unknown)).fill(null)]);
}

function setSeat<T>(list: readonly T[], seat: Seat, value: T): T[] {
  const out = list.slice();
  out[seat] = value;
  return out;
}

function addTeam(pair: readonly [number, number], team: 0 | 1, n: number): [number, number] {
  return team === 0 ? [pair[0] + n, pair[1]] : [pair[0], pair[1] + n];
}

/**
 * The state after `event`.
 *
 * @example
 * ```ts
 * import { apply, initialState, PROFILE_R } from "@baloot/rules";
 * const s = apply(initialState(), { type: "MATCH_START", profile: PROFILE_R, dealer: 3 });
 * s.phase; // "READY"
 * ```
 */
export function apply(state: GameState, event: GameEvent): GameState {
  return step(state, event, state.version + 1);
}

function step(state: GameState, e: GameEvent, version: number): GameState {
  switch (e.type) {
    case "MATCH_START":
      return {
        ...state,
        version,
        phase: "READY",
        profile: e.profile,
        dealer: e.dealer,
        score: [0, 0],
      };
    case "HAND_START":
      return {
        ...state,
        version,
        phase: "BIDDING",
        handsPlayed: e.hand,
        dealer: e.dealer,
        hand: newHand(e.hand, e.dealer, e.commitment, e.seed),
      };
    case "SEED_REVEAL": {
      const hand = { ...state.hand!, seed: e.seed, seedRevealed: true };
      const last = state.results.at(-1);
      const pendingWinner = !hand.cancelled && last?.score.matchWinner != null;
      return { ...state, version, hand, phase: pendingWinner ? "HAND_OVER" : "READY" };
    }
    case "MATCH_END":
      return { ...state, version, phase: "OVER", winner: e.winner };
    case "HAND_RESULT": {
      const hand = { ...state.hand!, result: e, toAct: null };
      const a = e.score.awarded;
      return {
        ...state,
        version,
        phase: "HAND_OVER",
        hand,
        score: [state.score[0] + a[0], state.score[1] + a[1]],
        results: [...state.results, e],
        dealer: nextSeat(hand.dealer),
      };
    }
    case "HAND_CANCELLED":
      return {
        ...state,
        version,
        phase: "HAND_OVER",
        dealer: e.nextDealer,
        hand: { ...state.hand!, cancelled: true, toAct: null },
      };
    default: {
      const hand = stepHand(state, state.hand!, e);
      // The doubling window opens after the completion deal and closes with its last call.
      const phase = e.type === "DEAL_COMPLETION" || e.type === "ESCALATE"
        ? hand.escalation.pending.length > 0 ? "ESCALATION" : "PLAY"
        : state.phase;
      return { ...state, version, phase, hand };
    }
  }
}

function newHand(no: number, dealer: Seat, commitment: string, seed: string | null): HandState {
  return {
    no,
    dealer,
    commitment,
    seed,
    seedRevealed: false,
    hands: [[], [], [], []],
    faceUp: null,
    stock: null,
    bidding: NEW_BIDDING,
    contract: null,
    completed: false,
    escalation: NO_ESCALATION,
    toAct: null,
    tricks: [],
    trick: { leader: nextSeat(dealer), cards: [] },
    playedMask: 0,
    tricksWon: [0, 0],
    raw: [0, 0],
    declared: [null, null, null, null],
    projects: null,
    baloot: null,
    sawa: null,
    kasho: null,
    result: null,
    cancelled: false,
  };
}

/** The hand after a hand-level event. */
function stepHand(state: GameState, h: HandState, e: GameEvent): HandState {
  switch (e.type) {
    case "DEAL_INITIAL":
      return {
        ...h,
        hands: e.hands.map((cards) => withCards([], cards)),
        faceUp: e.faceUp,
        stock: e.stock,
        toAct: nextSeat(h.dealer),
      };
    case "BID": {
      const { bidding, toAct } = applyBid(h, e);
      return { ...h, bidding, toAct };
    }
    case "HOKUM_DECISION":
      return { ...h, bidding: applyHokumDecision(h, e.decision), toAct: null };
    case "KASHO":
      return {
        ...h,
        kasho: e.seat,
        toAct: null,
        hands: setSeat(h.hands, e.seat, reveal(h.hands[e.seat], e.cards)),
      };
    case "CONTRACT_SET": {
      const { type: _, ...contract } = e;
      return { ...h, contract, toAct: null };
    }
    case "DEAL_COMPLETION": {
      const contract = h.contract!;
      const hands = h.hands.map((cards, s) =>
        withCards(cards, s === contract.recipient ? [h.faceUp!, ...e.cards[s]] : e.cards[s])
      );
      const escalation = openingEscalation(contract, h.dealer, state.score, state.profile!);
      const playing = escalation.pending.length === 0;
      return {
        ...h,
        hands,
        stock: null,
        completed: true,
        escalation,
        toAct: playing ? nextSeat(h.dealer) : escalation.pending[0],
      };
    }
    case "ESCALATE": {
      const escalation = applyEscalation(
        h.escalation,
        h.contract!,
        e.seat,
        e.call,
        e.locked,
        state.profile!,
      );
      const playing = escalation.pending.length === 0;
      return { ...h, escalation, toAct: playing ? nextSeat(h.dealer) : escalation.pending[0] };
    }
    case "PROJECT_DECLARE":
      return { ...h, declared: setSeat(h.declared, e.seat, e.declarations) };
    case "PLAY": {
      const cards = [...h.trick.cards, e.card];
      return {
        ...h,
        hands: setSeat(h.hands, e.seat, without(h.hands[e.seat], e.card)),
        trick: { leader: h.trick.leader, cards },
        toAct: cards.length === 4 ? null : nextSeat(e.seat),
        baloot: e.baloot ? e.seat : h.baloot,
      };
    }
    case "TRICK_END": {
      let mask = h.playedMask;
      for (const c of h.trick.cards) mask |= 1 << cardIndex(c);
      const team = teamOf(e.winner);
      return {
        ...h,
        tricks: [...h.tricks, {
          leader: h.trick.leader,
          cards: h.trick.cards,
          winner: e.winner,
          points: e.points,
        }],
        trick: { leader: e.winner, cards: [] },
        playedMask: mask,
        tricksWon: addTeam(h.tricksWon, team, 1),
        raw: addTeam(h.raw, team, e.points),
        toAct: e.trick === 8 ? null : e.winner,
      };
    }
    case "PROJECTS_RESOLVED": {
      const counted: [Project[], Project[]] = [[], []];
      let hands = h.hands;
      for (const p of e.counted) {
        counted[teamOf(p.seat)].push(p);
        const stillHeld = p.cards.filter((c) =>
          !(h.playedMask & (1 << cardIndex(c))) && !h.trick.cards.includes(c)
        );
        hands = setSeat(hands, p.seat, reveal(hands[p.seat], stillHeld));
      }
      return { ...h, projects: { winningTeam: e.winningTeam, counted }, hands };
    }
    case "SAWA": {
      const team = teamOf(e.seat);
      const remaining = 8 - h.tricks.length;
      const trump = h.contract!.trump;
      let pts = 10;
      for (const cards of e.hands) for (const c of cards) pts += points(c, trump);
      return {
        ...h,
        hands: [[], [], [], []],
        sawa: e.seat,
        baloot: e.baloot ?? h.baloot,
        tricksWon: addTeam(h.tricksWon, team, remaining),
        raw: addTeam(h.raw, team, pts),
        toAct: null,
      };
    }
    default:
      throw new Error(`apply: unexpected ${e.type}`);
  }
}
