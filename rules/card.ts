/**
 * Cards and their notation (rules spec §3.1, §2.2).
 *
 * A card is two ASCII characters, `<rank><suit>`: `JS` is the jack of spades, `TD` the ten of
 * diamonds. The same string is the card's atlas frame name in the client.
 *
 * @module
 */

/** Suits: spades, hearts, diamonds, clubs (♠ ♥ ♦ ♣). */
export type Suit = "S" | "H" | "D" | "C";
/** Ranks, `T` being the ten. */
export type Rank = "7" | "8" | "9" | "T" | "J" | "Q" | "K" | "A";
/** A card id such as `"JS"` or `"TD"`. */
export type Card = `${Rank}${Suit}`;
/** Contract types: Sun (no trumps) and Hokum (trumps). */
export type Mode = "SUN" | "HOKUM";

/** Suits in canonical order (S, H, D, C). */
export const SUITS: readonly Suit[] = ["S", "H", "D", "C"];
/** Ranks in sequence order, highest first ([D6]: A K Q J T 9 8 7). */
export const RANKS: readonly Rank[] = ["A", "K", "Q", "J", "T", "9", "8", "7"];

/** The 32 cards in canonical order: suit S, H, D, C, then A K Q J T 9 8 7. */
export const DECK: readonly Card[] = SUITS.flatMap((s) => RANKS.map((r) => `${r}${s}` as Card));

const CARD_SET: ReadonlySet<string> = new Set(DECK);

// Lookup tables indexed by a rank's position in "789TJQKA" (7 = 0 … A = 7), read through
// character codes: monomorphic array loads keep the hot paths (legality, points) fast.
const RANK_POS = new Int8Array(128).fill(-1);
"789TJQKA".split("").forEach((r, i) => (RANK_POS[r.charCodeAt(0)] = i));
const SUIT_POS = new Int8Array(128).fill(-1);
"SHDC".split("").forEach((s, i) => (SUIT_POS[s.charCodeAt(0)] = i));

/** Trick strength in a plain suit or in Sun ([D2]: A, 10, K, Q, J, 9, 8, 7), higher wins. */
const PLAIN_STRENGTH = Int8Array.of(0, 1, 2, 6, 3, 4, 5, 7); // 7 8 9 T J Q K A
/** Trick strength in the trump suit ([D2]: J, 9, A, 10, K, Q, 8, 7), higher wins. */
const TRUMP_STRENGTH = Int8Array.of(0, 1, 6, 4, 7, 2, 3, 5);
/** Point values ([D3]). */
const PLAIN_POINTS = Int8Array.of(0, 0, 0, 10, 2, 3, 4, 11);
const TRUMP_POINTS = Int8Array.of(0, 0, 14, 10, 20, 3, 4, 11);

/** The rank of a card. */
export function rankOf(card: Card): Rank {
  return card[0] as Rank;
}

/** The suit of a card. */
export function suitOf(card: Card): Suit {
  return card[1] as Suit;
}

/** Whether `value` is a canonical card id. */
export function isCard(value: unknown): value is Card {
  return typeof value === "string" && CARD_SET.has(value);
}

/**
 * Trick strength of a card (higher beats lower within one suit).
 *
 * @example
 * ```ts
 * import { strength } from "@baloot/rules";
 * strength("9S", "S") > strength("AS", "S"); // true: the trump nine beats the ace
 * ```
 */
export function strength(card: Card, trump: Suit | null): number {
  const r = RANK_POS[card.charCodeAt(0)];
  return card[1] === trump ? TRUMP_STRENGTH[r] : PLAIN_STRENGTH[r];
}

/** Card points ([D3]): trump values in the trump suit, plain values otherwise. */
export function points(card: Card, trump: Suit | null): number {
  const r = RANK_POS[card.charCodeAt(0)];
  return card[1] === trump ? TRUMP_POINTS[r] : PLAIN_POINTS[r];
}

/** Position of a rank in sequence order ([D6]): 7 → 0 … A → 7. */
export function sequenceIndex(rank: Rank): number {
  return RANK_POS[rank.charCodeAt(0)];
}

/** Canonical index of a card, 0..31 (suit S, H, D, C; then A K Q J T 9 8 7). */
export function cardIndex(card: Card): number {
  return SUIT_POS[card.charCodeAt(1)] * 8 + 7 - RANK_POS[card.charCodeAt(0)];
}

/** A copy of `cards` in canonical order (for logs, hashing and display). */
export function sortCards(cards: readonly Card[]): Card[] {
  return [...cards].sort((a, b) => cardIndex(a) - cardIndex(b));
}

const SUIT_ALIASES: Record<string, Suit> = {
  S: "S",
  H: "H",
  D: "D",
  C: "C",
  "♠": "S",
  "♥": "H",
  "♦": "D",
  "♣": "C",
  "♤": "S",
  "♡": "H",
  "♢": "D",
  "♧": "C",
};

/**
 * Parses a card written canonically or with an accepted alias (`10D`, lower case, suit
 * symbols). Returns `null` for anything else.
 *
 * @example
 * ```ts
 * import { parseCard } from "@baloot/rules";
 * parseCard("10♦"); // "TD"
 * parseCard("qs"); // "QS"
 * ```
 */
export function parseCard(text: string): Card | null {
  const t = text.trim().toUpperCase();
  const suit = SUIT_ALIASES[t.slice(-1)];
  let rank = t.slice(0, -1);
  if (rank === "10") rank = "T";
  const card = `${rank}${suit}`;
  return suit && CARD_SET.has(card) ? card as Card : null;
}

/** Parses a space-separated hand such as `"AS KS QS"`; `null` if any card is invalid. */
export function parseCards(text: string): Card[] | null {
  const parts = text.trim().split(/\s+/).filter((p) => p.length > 0);
  const cards = parts.map(parseCard);
  return cards.every((c) => c !== null) ? cards as Card[] : null;
}
