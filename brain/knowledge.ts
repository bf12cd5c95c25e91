/**
 * What a seat knows about the hidden cards, read from its own view only: its cards, the cards
 * shown (the face-up card with its taker, counted projects), the cards played, and what the
 * play proves: a seat that did not follow suit holds none of it, one that did not trump or
 * overtrump when it had to holds no trump (or none high enough), a locked lead of a trump
 * shows a hand of trumps only.
 *
 * @module
 */

import {
  type Card,
  cardIndex,
  ChaChaStream,
  DECK,
  type GameState,
  nextSeat,
  partnerExempt,
  type Seat,
  strength,
  type Suit,
  suitOf,
  teamOf,
  winningIndex,
} from "@baloot/rules";
import { sampleWorld } from "./worlds.ts";

/** A seat's knowledge of a hand in play or in bidding. */
export interface Knowledge {
  readonly seat: Seat;
  /** Cards each seat is known to hold now (all of them for `seat`). */
  readonly known: readonly (readonly Card[])[];
  /** How many unknown cards each seat holds now (0 for `seat`). */
  readonly hidden: readonly number[];
  /** Cards no one has shown: in other hands, or in the stock. */
  readonly unseen: readonly Card[];
  /** Cards that cannot be in each seat's hand, as canonical-index bitmasks. */
  readonly excluded: readonly number[];
  /** How many unseen cards are in the stock (before the completion deal). */
  readonly stock: number;
}

const bit = (c: Card) => 1 << cardIndex(c);
const suitBits = (suit: Suit) =>
  DECK.filter((c) => suitOf(c) === suit).reduce((m, c) => m | bit(c), 0);

/** Knowledge already worked out, per view object and seat (views are never changed). */
const worked = new WeakMap<GameState, (Knowledge | undefined)[]>();

/**
 * The knowledge of `seat` in its view `view` (a state with hidden cards as `null`). Worked out
 * once per view and seat: checking a request and searching it share one.
 */
export function knowledgeOf(view: GameState, seat: Seat): Knowledge {
  let bySeat = worked.get(view);
  if (!bySeat) worked.set(view, bySeat = []);
  return bySeat[seat] ??= workOut(view, seat);
}

function workOut(view: GameState, seat: Seat): Knowledge {
  const h = view.hand;
  if (h === null) throw new Error("knowledge: no hand in progress");
  const seen = new Set<Card>();
  const known = h.hands.map((cards) => cards.filter((c): c is Card => c !== null));
  const hidden = h.hands.map((cards) => cards.filter((c) => c === null).length);
  for (const cards of known) for (const c of cards) seen.add(c);
  for (const t of h.tricks) for (const c of t.cards) seen.add(c);
  for (const c of h.trick.cards) seen.add(c);
  // The face-up card is seen by all; before the completion deal it is on the table.
  if (h.faceUp !== null) seen.add(h.faceUp);
  const unseen = DECK.filter((c) => !seen.has(c));
  const stock = unseen.length - hidden.reduce((a, b) => a + b, 0);
  const excluded = [0, 0, 0, 0];
  excluded[seat] = ~0;
  if (h.contract !== null && view.profile !== null) {
    const trump = h.contract.trump;
    const free = view.profile.cannotOvertrump === "FREE";
    let playedMask = 0;
    const tricks = [...h.tricks, { leader: h.trick.leader, cards: h.trick.cards }];
    for (const t of tricks) {
      readTrick(t.leader, t.cards, trump, h.escalation.locked, playedMask, free, view, excluded);
      for (const c of t.cards) playedMask |= bit(c);
    }
  }
  return { seat, known, hidden, unseen, excluded, stock };
}

/** What one trick's plays prove about the players' hands, added to `excluded`. */
function readTrick(
  leader: Seat,
  cards: readonly Card[],
  trump: Suit | null,
  locked: boolean,
  playedMask: number,
  free: boolean,
  view: GameState,
  excluded: number[],
): void {
  if (cards.length === 0) return;
  const led = suitOf(cards[0]);
  if (locked && trump !== null && led === trump) {
    // [X4]: a trump lead in locked play means nothing else was held.
    for (const s of ["S", "H", "D", "C"] as Suit[]) {
      if (s !== trump) excluded[leader] |= suitBits(s);
    }
  }
  for (let i = 1; i < cards.length; i++) {
    const seat = nextSeat(leader, i);
    const c = cards[i];
    const before = cards.slice(0, i);
    const win = before[winningIndex(before, trump)];
    const partnerWins = teamOf(nextSeat(leader, winningIndex(before, trump))) === teamOf(seat);
    const higherTrumps = trump === null
      ? 0
      : DECK.filter((d) =>
        suitOf(d) === trump && (suitOf(win) !== trump || strength(d, trump) > strength(win, trump))
      ).reduce((m, d) => m | bit(d), 0);
    if (suitOf(c) !== led) {
      excluded[seat] |= suitBits(led);
      if (trump === null) continue;
      if (suitOf(c) !== trump) {
        const ctx = { trump, locked, leader, cards: before, playedMask, profile: view.profile! };
        if (partnerWins && partnerExempt(seat, ctx)) continue;
        if (suitOf(win) === trump && !partnerWins && free) excluded[seat] |= higherTrumps;
        else excluded[seat] |= suitBits(trump);
      } else if (
        suitOf(win) === trump && !partnerWins && strength(c, trump) < strength(win, trump)
      ) {
        excluded[seat] |= higherTrumps; // undertrumped: could not overtrump
      }
    } else if (
      led === trump && !partnerWins && strength(c, trump) < strength(win, trump)
    ) {
      excluded[seat] |= higherTrumps; // [T5]: did not beat the trump led
    }
  }
}

/** Whether `card` may be in `seat`'s hand as far as `k` knows. */
export function mayHold(k: Knowledge, seat: Seat, card: Card): boolean {
  return (k.excluded[seat] & bit(card)) === 0;
}

/**
 * Why `view` cannot be a real view of `seat`, or `null`: a card shown twice, hands of the wrong
 * size, or play that contradicts every possible deal (a bot must not think about a position
 * the rules cannot reach).
 */
export function viewProblem(view: GameState, seat: Seat): string | null {
  const h = view.hand;
  if (h === null) return "no hand in progress";
  const seen = new Set<Card>();
  const once = (c: Card | null, where: string): string | null => {
    if (c === null) return null;
    if (seen.has(c)) return `${c} is shown twice (again in ${where})`;
    seen.add(c);
    return null;
  };
  for (let s = 0; s < 4; s++) {
    for (const c of h.hands[s]) {
      const p = once(c, `seat ${s}'s hand`);
      if (p) return p;
    }
  }
  if (h.hands[seat].includes(null)) return `seat ${seat}'s own cards are hidden`;
  for (const t of [...h.tricks, h.trick]) {
    for (const c of t.cards) {
      const p = once(c, "the tricks");
      if (p) return p;
    }
  }
  if (h.faceUp !== null && !h.completed) {
    const p = once(h.faceUp, "the face-up card");
    if (p) return p;
  }
  if (h.completed) {
    for (let s = 0; s < 4; s++) {
      const seatPlayed = h.tricks.length +
        ((s - h.trick.leader + 4) % 4 < h.trick.cards.length ? 1 : 0);
      if (h.hands[s].length !== 8 - seatPlayed) {
        return `seat ${s} holds ${h.hands[s].length} cards, not ${8 - seatPlayed}`;
      }
    }
  } else if (h.hands.some((c) => c.length !== 5)) {
    return "before the completion deal hands hold 5 cards";
  }
  const k = knowledgeOf(view, seat);
  if (k.stock < 0 || k.stock !== (h.completed ? 0 : 11)) return "the cards do not add up to 32";
  try {
    sampleWorld(k, new ChaChaStream(new Uint8Array(32)));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return null;
}
