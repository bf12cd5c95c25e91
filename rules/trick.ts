/**
 * Trick play ([T1]–[T7], [X4]): which cards a seat may play, and who wins a trick.
 *
 * @module
 */

import { type Card, cardIndex, type Rank, RANKS, strength, type Suit, suitOf } from "./card.ts";
import type { Profile } from "./profile.ts";
import { nextSeat, type Seat, teamOf } from "./seat.ts";

/** What legality depends on, besides the hand. */
export interface TrickContext {
  readonly trump: Suit | null;
  /** Locked play: no trump lead while holding another suit ([X4]). */
  readonly locked: boolean;
  readonly leader: Seat;
  /** Cards of the current trick, in play order. */
  readonly cards: readonly Card[];
  /** Cards played in earlier tricks (bitmask of canonical indices), for sure winners. */
  readonly playedMask: number;
  readonly profile: Profile;
}

/** Index in `cards` of the card currently winning the trick ([T7]). */
export function winningIndex(cards: readonly Card[], trump: Suit | null): number {
  let best = 0;
  for (let i = 1; i < cards.length; i++) {
    if (beats(cards[i], cards[best], suitOf(cards[0]), trump)) best = i;
  }
  return best;
}

/** Whether `a` beats `b` in a trick led in `led`. */
function beats(a: Card, b: Card, led: Suit, trump: Suit | null): boolean {
  const sa = suitOf(a), sb = suitOf(b);
  if (sa === sb) return strength(a, trump) > strength(b, trump);
  if (sa === trump) return true;
  if (sb === trump) return false;
  return sa === led && sb !== led;
}

/** The seat that wins a complete trick. */
export function trickWinner(leader: Seat, cards: readonly Card[], trump: Suit | null): Seat {
  return nextSeat(leader, winningIndex(cards, trump));
}

/**
 * Whether `card`, led after the cards in `playedMask`, is a sure winner (§2.14 decision 9):
 * a non-trump Ace, or a card all of whose higher cards in its suit have been played.
 */
export function isSureWinner(card: Card, trump: Suit | null, playedMask: number): boolean {
  const suit = suitOf(card);
  const s = strength(card, trump);
  for (const r of RANKS as readonly Rank[]) {
    const other = `${r}${suit}` as Card;
    if (strength(other, trump) > s && !(playedMask & (1 << cardIndex(other)))) return false;
  }
  return true;
}

/** Why a card may not be played: the rule id and a message. */
export interface Illegal {
  readonly rule: string;
  readonly message: string;
}

/** What a seat must play: the restriction's kind, and the cards it is measured against. */
const enum Must {
  Any,
  LeadPlain, // [X4] locked: no trump lead while holding another suit
  FollowSuit, // [T2]
  BeatTrumpLed, // [T5] beat the opponent's highest trump
  Overtrump, // [T4c] an opponent trumped: overtrump
  Trump, // [T4b], [T4d]
}

interface Restriction {
  readonly must: Must;
  readonly led: Suit | null;
  readonly winCard: Card | null;
}

const ANY: Restriction = { must: Must.Any, led: null, winCard: null };

const REASONS: Record<Must, Illegal> = {
  [Must.Any]: { rule: "", message: "" },
  [Must.LeadPlain]: {
    rule: "X4",
    message: "locked play: no trump lead while holding another suit",
  },
  [Must.FollowSuit]: { rule: "T2", message: "follow the suit led" },
  [Must.BeatTrumpLed]: {
    rule: "T5",
    message: "trump led: beat the opponent's highest trump when you can",
  },
  [Must.Overtrump]: { rule: "T4", message: "an opponent trumped: overtrump when you can" },
  [Must.Trump]: { rule: "T4", message: "you cannot follow suit: play a trump" },
};

function allowed(r: Restriction, card: Card, trump: Suit | null): boolean {
  const suit = suitOf(card);
  switch (r.must) {
    case Must.Any:
      return true;
    case Must.LeadPlain:
      return suit !== trump;
    case Must.FollowSuit:
      return suit === r.led;
    case Must.Trump:
      return suit === trump;
    case Must.BeatTrumpLed:
    case Must.Overtrump:
      return suit === trump &&
        (suitOf(r.winCard!) !== trump || strength(card, trump) > strength(r.winCard!, trump));
  }
}

/**
 * The cards of `hand` that may be played now, for a seat whose turn it is.
 *
 * @example
 * ```ts
 * import { legalCards, PROFILE_R } from "@baloot/rules";
 * legalCards(["AS", "KH", "7H"], {
 *   trump: null, locked: false, leader: 0, cards: ["QH"], playedMask: 0, profile: PROFILE_R,
 * }); // ["KH", "7H"]: follow suit ([T2])
 * ```
 */
export function legalCards(hand: readonly Card[], ctx: TrickContext): Card[] {
  const r = restriction(hand, ctx);
  if (r.must === Must.Any) return hand.slice();
  const out: Card[] = [];
  for (const c of hand) if (allowed(r, c, ctx.trump)) out.push(c);
  return out;
}

/** Why `card` may not be played now, or `null` when it may (`card` must be in `hand`). */
export function whyIllegal(hand: readonly Card[], card: Card, ctx: TrickContext): Illegal | null {
  const r = restriction(hand, ctx);
  return allowed(r, card, ctx.trump) ? null : REASONS[r.must];
}

/** The rule that restricts this play ([T2]–[T5], [X4], V11, V12). */
function restriction(hand: readonly Card[], ctx: TrickContext): Restriction {
  const { trump, cards } = ctx;
  if (cards.length === 0) {
    if (ctx.locked && trump && hand.some((c) => suitOf(c) !== trump)) {
      return { must: Must.LeadPlain, led: null, winCard: null };
    }
    return ANY;
  }
  const led = suitOf(cards[0]);
  const seat = nextSeat(ctx.leader, cards.length);
  const win = winningIndex(cards, trump);
  const winCard = cards[win];
  const partnerWins = teamOf(nextSeat(ctx.leader, win)) === teamOf(seat);
  let follows = false, hasTrump = false, canBeat = false;
  for (const c of hand) {
    const s = suitOf(c);
    if (s === led) follows = true;
    if (s === trump) {
      hasTrump = true;
      if (suitOf(winCard) !== trump || strength(c, trump) > strength(winCard, trump)) {
        canBeat = true;
      }
    }
  }
  if (follows) {
    if (led === trump && !partnerWins && canBeat) return { must: Must.BeatTrumpLed, led, winCard };
    return { must: Must.FollowSuit, led, winCard };
  }
  if (trump === null || !hasTrump) return ANY; // [T3], or nothing to trump with
  if (partnerWins && partnerExempt(seat, ctx)) return ANY; // [T4a], V11
  if (suitOf(winCard) === trump && !partnerWins) {
    if (canBeat) return { must: Must.Overtrump, led, winCard };
    if (ctx.profile.cannotOvertrump === "FREE") return ANY; // V12
  }
  return { must: Must.Trump, led, winCard };
}

/**
 * Whether `seat`, unable to follow while its partner wins the trick, is excused from trumping
 * ([T4a], V11). `ctx.cards` are the trick's cards before `seat`'s.
 */
export function partnerExempt(seat: Seat, ctx: TrickContext): boolean {
  switch (ctx.profile.partnerExemption) {
    case "ALWAYS":
      return true;
    case "NONE":
      return false;
    case "FOURTH_OR_SURE_WINNER": {
      if (ctx.cards.length === 3) return true;
      return ctx.cards.length === 2 && teamOf(ctx.leader) === teamOf(seat) &&
        isSureWinner(ctx.cards[0], ctx.trump, ctx.playedMask);
    }
  }
}
