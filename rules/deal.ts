/**
 * The deal ([L2]–[L5]) from a recorded 256-bit seed (architecture decision 4).
 *
 * The seed keys a ChaCha20 stream; a Fisher–Yates shuffle of the canonical deck draws from it;
 * cards are then dealt from the top: 3 to each seat starting at the dealer's right, 2 to each,
 * one face up, and the 11 left form the stock. The commitment published before the deal is
 * SHA-256 of the seed's 32 bytes; the seed itself is revealed when the hand ends.
 *
 * @module
 */

import { type Card, DECK } from "./card.ts";
import { ChaChaStream } from "./chacha20.ts";
import { nextSeat, type Seat } from "./seat.ts";
import { fromHex, sha256, toHex } from "./sha256.ts";

/** A deal seed: 64 lower-case hexadecimal characters (256 bits). */
export type Seed = string;

/** What the first deal puts on the table. */
export interface InitialDeal {
  /** Five cards per seat, indexed by seat. */
  readonly hands: readonly (readonly Card[])[];
  /** The buyer card, turned face up ([L3]). */
  readonly faceUp: Card;
  /** The 11 face-down cards left, in dealing order. */
  readonly stock: readonly Card[];
}

/** The 32 bytes of a well-formed seed (64 lower-case hex digits), else `null`. */
export function seedBytes(value: unknown): Uint8Array | null {
  if (typeof value !== "string" || value.length !== 64) return null;
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return null;
  }
  return fromHex(value);
}

/** Whether `value` is a well-formed seed. */
export function isSeed(value: unknown): value is Seed {
  return seedBytes(value) !== null;
}

const bytesOf = (seed: Seed | Uint8Array) => (typeof seed === "string" ? fromHex(seed)! : seed);

/**
 * The commitment to a seed: hex SHA-256 of its 32 bytes.
 *
 * @example
 * ```ts
 * import { commitmentOf } from "@baloot/rules";
 * commitmentOf("00".repeat(32));
 * // "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"
 * ```
 */
export function commitmentOf(seed: Seed | Uint8Array): string {
  return toHex(sha256(bytesOf(seed)));
}

/** The 32 cards shuffled by the seed's ChaCha20 stream (Fisher–Yates, top card first). */
export function shuffledDeck(seed: Seed | Uint8Array): Card[] {
  const stream = new ChaChaStream(bytesOf(seed));
  const deck = DECK.slice();
  for (let i = deck.length - 1; i > 0; i--) {
    const j = stream.nextInt(i + 1);
    const t = deck[i];
    deck[i] = deck[j];
    deck[j] = t;
  }
  return deck;
}

/**
 * The first deal: 3 then 2 cards to each seat from the dealer's right, then the face-up card.
 */
export function dealInitial(seed: Seed | Uint8Array, dealer: Seat): InitialDeal {
  const deck = shuffledDeck(seed);
  const hands: Card[][] = [[], [], [], []];
  let top = 0;
  for (const packet of [3, 2]) {
    for (let k = 1; k <= 4; k++) {
      const seat = nextSeat(dealer, k);
      for (let i = 0; i < packet; i++) hands[seat].push(deck[top++]);
    }
  }
  return { hands, faceUp: deck[top], stock: deck.slice(top + 1) };
}

/**
 * The completion deal ([L4], [L5]): from the stock, in order from the dealer's right, the seat
 * receiving the face-up card takes 2 and every other seat 3. Returns the cards per seat, without
 * the face-up card itself.
 */
export function dealCompletion(
  stock: readonly Card[],
  dealer: Seat,
  recipient: Seat,
): Card[][] {
  const cards: Card[][] = [[], [], [], []];
  let top = 0;
  for (let k = 1; k <= 4; k++) {
    const seat = nextSeat(dealer, k);
    const count = seat === recipient ? 2 : 3;
    for (let i = 0; i < count; i++) cards[seat].push(stock[top++]);
  }
  return cards;
}

/**
 * A seed derived from a base seed and a label, as hex SHA-256 of `base:label`. For self-play and
 * tests that must be reproducible; live tables draw every seed from the system's CSPRNG.
 */
export function deriveSeed(base: string, label: string | number): Seed {
  return toHex(sha256(new TextEncoder().encode(`${base}:${label}`)));
}
