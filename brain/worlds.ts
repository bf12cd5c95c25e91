/**
 * Sampling worlds: deals of the unseen cards to the other seats (and the stock, before the
 * completion deal) that agree with everything a seat knows. Cards with the fewest possible
 * places go first, each to a place drawn in proportion to the room left there; a dead end
 * starts over, and after a few dead ends an exhaustive search finds a consistent deal.
 *
 * @module
 */

import { type Card, cardIndex, type ChaChaStream, type Seat } from "@baloot/rules";
import type { Knowledge } from "./knowledge.ts";

/** One consistent deal of the hidden cards. */
export interface World {
  /** Every seat's cards now. */
  readonly hands: readonly (readonly Card[])[];
  /** The stock in dealing order (empty once the completion deal is made). */
  readonly stock: readonly Card[];
}

const STOCK = 4;
const RANDOM_TRIES = 20;

/** A random world consistent with `k`; throws if there is none (a view the rules forbid). */
export function sampleWorld(k: Knowledge, rng: ChaChaStream): World {
  const cards = shuffled(k.unseen, rng);
  // Places: seats 0..3, and 4 for the stock.
  const places = cards.map((c) => placesOf(k, c));
  const order = cards.map((_, i) => i).sort((a, b) => places[a].length - places[b].length);
  for (let attempt = 0; attempt < RANDOM_TRIES; attempt++) {
    const room = [...k.hidden, k.stock];
    const owner = new Int8Array(cards.length).fill(-1);
    let ok = true;
    for (const i of order) {
      let total = 0;
      for (const p of places[i]) total += room[p];
      if (total === 0) {
        ok = false;
        break;
      }
      let pick = rng.nextInt(total);
      for (const p of places[i]) {
        pick -= room[p];
        if (pick < 0) {
          owner[i] = p;
          room[p]--;
          break;
        }
      }
    }
    if (ok) return build(k, cards, owner);
  }
  const owner = exhaustive(k, cards, places, order);
  if (owner === null) throw new Error("worlds: no deal agrees with this view");
  return build(k, cards, owner);
}

function placesOf(k: Knowledge, card: Card): number[] {
  const out: number[] = [];
  const b = 1 << cardIndex(card);
  for (let s = 0; s < 4; s++) if (k.hidden[s] > 0 && (k.excluded[s] & b) === 0) out.push(s);
  if (k.stock > 0) out.push(STOCK);
  return out;
}

function exhaustive(
  k: Knowledge,
  cards: readonly Card[],
  places: readonly number[][],
  order: readonly number[],
): Int8Array | null {
  const room = [...k.hidden, k.stock];
  const owner = new Int8Array(cards.length).fill(-1);
  let budget = 200_000;
  const place = (n: number): boolean => {
    if (n === order.length) return true;
    if (--budget < 0) return false;
    const i = order[n];
    for (const p of places[i]) {
      if (room[p] === 0) continue;
      room[p]--;
      owner[i] = p;
      if (place(n + 1)) return true;
      room[p]++;
    }
    return false;
  };
  return place(0) ? owner : null;
}

function build(k: Knowledge, cards: readonly Card[], owner: Int8Array): World {
  const hands = k.known.map((c) => c.slice());
  const stock: Card[] = [];
  cards.forEach((c, i) => (owner[i] === STOCK ? stock.push(c) : hands[owner[i] as Seat].push(c)));
  return { hands, stock };
}

function shuffled<T>(items: readonly T[], rng: ChaChaStream): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
