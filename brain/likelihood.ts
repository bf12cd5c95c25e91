/**
 * How likely a sampled world makes what the seat saw: the buyer's contract, a Double, the
 * project types declared but not yet shown. Level 3 weights its worlds by this, so deals in
 * which the calls would have been odd count for little.
 *
 * @module
 */

import {
  type Card,
  declarableProjects,
  type GameState,
  nextSeat,
  points,
  rankOf,
  type Seat,
  strength,
  suitOf,
  teamOf,
  winningIndex,
} from "@baloot/rules";
import type { World } from "./worlds.ts";

/** A declared project type the world cannot explain weighs this much. */
const UNEXPLAINED = 0.02;

/** The relative likelihood (0..1] of `world` given the calls and declarations in `view`. */
export function worldLikelihood(view: GameState, seat: Seat, world: World): number {
  const h = view.hand!;
  const contract = h.contract;
  if (contract === null) return 1;
  const dealt = dealtCards(view, world);
  let w = 1;
  if (contract.buyer !== seat) {
    const cards = dealt[contract.buyer];
    w *= contract.mode === "HOKUM"
      ? logistic(hokumStrength(cards, contract.trump!) - 5)
      : logistic(sunStrength(cards) - 4);
  }
  const doubler = h.escalation.doubler;
  if (doubler !== null && doubler !== seat && teamOf(doubler) !== teamOf(contract.buyer)) {
    const cards = dealt[doubler];
    w *= contract.mode === "HOKUM"
      ? logistic(hokumStrength(cards, contract.trump!) - 5)
      : logistic(sunStrength(cards) - 5);
  }
  w *= playLikelihood(view, seat, world);
  h.declared.forEach((list, s) => {
    if (s === seat || list === null) return;
    const possible = declarableProjects(dealt[s], s as Seat, contract.mode).map((p) => p.type);
    for (const d of list) if (d.project === null && !possible.includes(d.type)) w *= UNEXPLAINED;
  });
  return w;
}

/** A losing follow that gave more points than a card the world says the seat had. */
const COSTLY_FOLLOW = 0.3;

/**
 * How plausible the world makes the others' plays: a player who followed suit to a trick its
 * side lost, giving more points than needed, is unlikely to have held a cheaper card of that
 * suit that would also have lost.
 */
function playLikelihood(view: GameState, seat: Seat, world: World): number {
  const h = view.hand!;
  const trump = h.contract!.trump;
  // What each seat still held when it played: its cards now, plus its later plays.
  const held = world.hands.map((c) => new Set<Card>(c));
  h.trick.cards.forEach((c, i) => held[nextSeat(h.trick.leader, i)].add(c));
  let w = 1;
  for (let t = h.tricks.length - 1; t >= 0; t--) {
    const { leader, cards } = h.tricks[t];
    const led = suitOf(cards[0]);
    const winIndex = winningIndex(cards, trump);
    const winCard = cards[winIndex];
    const winner = nextSeat(leader, winIndex);
    for (let i = cards.length - 1; i >= 0; i--) {
      const s = nextSeat(leader, i);
      const c = cards[i];
      held[s].add(c);
      if (s === seat || i === 0 || suitOf(c) !== led || teamOf(s) === teamOf(winner)) continue;
      for (const d of held[s]) {
        if (d === c || suitOf(d) !== led || points(d, trump) >= points(c, trump)) continue;
        if (suitOf(winCard) === led && strength(d, trump) > strength(winCard, trump)) continue;
        w *= COSTLY_FOLLOW;
        break;
      }
    }
  }
  return w;
}

/** Each seat's eight cards of the hand: those held now and those played. */
function dealtCards(view: GameState, world: World): Card[][] {
  const h = view.hand!;
  const out = world.hands.map((c) => c.slice());
  for (const t of [...h.tricks, h.trick]) {
    t.cards.forEach((c, i) => out[nextSeat(t.leader, i)].push(c));
  }
  return out;
}

/** Trumps with honours counted up: J 3, 9 2, A 1, each trump 1. */
function hokumStrength(cards: readonly Card[], trump: string): number {
  let s = 0;
  for (const c of cards) {
    if (suitOf(c) !== trump) continue;
    const r = rankOf(c);
    s += 1 + (r === "J" ? 3 : r === "9" ? 2 : r === "A" ? 1 : 0);
  }
  return s;
}

/** Aces 2, tens 1 (1.5 beside their ace). */
function sunStrength(cards: readonly Card[]): number {
  let s = 0;
  for (const c of cards) {
    const r = rankOf(c);
    if (r === "A") s += 2;
    if (r === "T") s += cards.includes(`A${suitOf(c)}` as Card) ? 1.5 : 1;
  }
  return s;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
