/**
 * The Level 1 bot: plays like a sound casual player. It bids from a simple count of honours,
 * declares its projects, announces Baloot, leads Aces (and, buying in Hokum, draws trumps with
 * the top trump), wins tricks cheaply, feeds points to a partner who is sure to win and
 * discards its cheapest card otherwise. It reads only its own cards and what is public, and
 * ties are broken by a seeded hash of the position, so games replay.
 *
 * @module
 */

import {
  type Card,
  cardIndex,
  type Contract,
  deriveSeed,
  type GameState,
  type HandState,
  nextSeat,
  partnerOf,
  points,
  type Rank,
  rankOf,
  RANKS,
  type Seat,
  type SeatCommand,
  strength,
  type Suit,
  suitOf,
  SUITS,
  teamOf,
  winningIndex,
} from "@baloot/rules";
import { type Policy, positionKey } from "./policy.ts";

/** The heuristic's bidding thresholds: part of a brain version's parameters. */
export interface HeuristicParams {
  /** Hand score (`hokumScore`) at which the bot buys Hokum. */
  readonly hokumBid: number;
  /** Hand score (`sunScore`) at which the bot buys Sun. */
  readonly sunBid: number;
  /** A Sun hand strong enough to take Sun ahead of an opponent, or over a partner's Hokum. */
  readonly sunStrong: number;
  /** What an unseen card adds to a Sun hand on average (for Ashkal). */
  readonly unseenSun: number;
}

/** The thresholds Level 1 was tuned with. */
export const HEURISTIC_PARAMS: HeuristicParams = Object.freeze({
  hokumBid: 8,
  sunBid: 8,
  sunStrong: 10,
  unseenSun: 0.6,
});

/**
 * The Level 1 heuristic bot. `seed` only drives tie-breaks between equally good moves.
 *
 * @example
 * ```ts
 * import { heuristicPolicy, seatChooser } from "@baloot/brain";
 * const chooser = seatChooser([0, 1, 2, 3].map((s) => heuristicPolicy(`table-7:${s}`)));
 * ```
 */
export function heuristicPolicy(
  seed = "heuristic",
  params: HeuristicParams = HEURISTIC_PARAMS,
): Policy {
  /**
   * Ties are broken by a hash of the seed and the position in the hand ({@linkcode positionKey}),
   * not by a stream that moves on with every decision: the same seat in the same position breaks
   * a tie the same way whatever happened in earlier hands.
   */
  const bestAt = (view: GameState): Best => (items, score) => {
    let top = -Infinity;
    const ties: (typeof items)[number][] = [];
    for (const item of items) {
      const s = score(item);
      if (s > top) {
        top = s;
        ties.length = 0;
      }
      if (s === top) ties.push(item);
    }
    if (ties.length === 1) return ties[0];
    const key = deriveSeed(seed, `tie:${positionKey(view)}`);
    return ties[parseInt(key.slice(0, 8), 16) % ties.length];
  };
  return (view, seat, legal) => {
    const h = view.hand;
    if (legal.length === 1 || h === null) return legal[0];
    switch (view.phase) {
      case "BIDDING":
        return bid(h, seat, legal, params);
      case "ESCALATION":
        return escalate(h, seat, legal);
      case "PLAY": {
        const declare = mostProjects(legal);
        if (declare) return declare;
        const k = new Knowledge(h, seat, view.profile?.cannotOvertrump !== "FREE");
        return playCommand(legal, chooseCard(k, h, legal, bestAt(view)));
      }
      default:
        return legal[0];
    }
  };
}

/** The seat's own cards. */
function ownCards(h: HandState, seat: Seat): Card[] {
  return h.hands[seat].filter((c): c is Card => c !== null);
}

/** Trump honours and length, plus side Aces and Tens: about 8 is a Hokum. */
export function hokumScore(cards: readonly Card[], trump: Suit): number {
  const TRUMP: Record<Rank, number> = { J: 3.5, 9: 2.5, A: 2, T: 1.5, K: 1, Q: 1, 8: 0.7, 7: 0.7 };
  const trumps = cards.filter((c) => suitOf(c) === trump).map(rankOf);
  if (trumps.length === 0) return 0;
  let score = Math.max(0, trumps.length - 2);
  for (const r of trumps) score += TRUMP[r];
  if (trumps.includes("J") && trumps.includes("9")) score += 0.5;
  if (trumps.includes("K") && trumps.includes("Q")) score += 1; // Baloot
  for (const s of SUITS) {
    if (s === trump) continue;
    const side = cards.filter((c) => suitOf(c) === s).map(rankOf);
    const ace = side.includes("A");
    if (ace) score += 2;
    if (side.includes("T")) score += ace ? 1.2 : side.length >= 2 ? 0.5 : 0.2;
    if (side.length === 0 && trumps.length >= 3) score += 0.3;
  }
  return score;
}

/** Aces, guarded Tens and long suits headed by an Ace: about 8 is a Sun. */
export function sunScore(cards: readonly Card[]): number {
  let score = 0;
  for (const s of SUITS) {
    const side = cards.filter((c) => suitOf(c) === s).map(rankOf);
    const ace = side.includes("A"), ten = side.includes("T"), n = side.length;
    if (ace) score += 3;
    if (ten) score += ace ? 2.5 : n >= 3 ? 1.2 : n === 2 ? 0.7 : 0.2;
    if (side.includes("K")) score += ace && ten ? 1.5 : ace || ten ? 0.6 : 0.2;
    if (ace && n >= 4) score += (n - 3) * 0.8;
  }
  return score;
}

function bid(
  h: HandState,
  seat: Seat,
  legal: readonly SeatCommand[],
  p: HeuristicParams,
): SeatCommand {
  const kasho = legal.find((c) => c.type === "KASHO");
  if (kasho) return kasho;
  const own = ownCards(h, seat);
  const full = [...own, h.faceUp!]; // the buyer takes the face-up card
  const sun = sunScore(full);
  const b = h.bidding;
  if (b.step === "HOKUM_DECISION") {
    const hokum = hokumScore(full, b.hokum!.suit);
    const pick = sun >= p.sunStrong && sun > hokum ? "SWITCH_SUN" : "CONFIRM_HOKUM";
    return legal.find((c) => c.type === "HOKUM_DECISION" && c.decision === pick) ?? legal[0];
  }
  const call = (name: string, suit?: Suit) =>
    legal.find((c) => c.type === "BID" && c.call === name && (!suit || c.suit === suit));
  const pass = call("PASS") ?? legal[0];
  if (b.step === "PRIORITY") {
    const rival = b.sun !== null && teamOf(b.sun.seat) !== teamOf(seat);
    return (rival && sun >= p.sunStrong && call("BEFORE_YOU")) || pass;
  }
  const sunNeeded = b.hokum?.seat === partnerOf(seat) ? p.sunStrong : p.sunBid;
  const without = sunScore(own);
  const ashkal = call("ASHKAL");
  if (ashkal && without + p.unseenSun >= sunNeeded && sun - without < p.unseenSun) return ashkal;
  const sunCall = call("SUN");
  if (sunCall && sun >= sunNeeded) return sunCall;
  let bestSuit: Suit | null = null, bestScore = p.hokumBid;
  for (const s of SUITS) {
    const score = call("HOKUM", s) ? hokumScore(full, s) : -1;
    if (score >= bestScore) [bestSuit, bestScore] = [s, score];
  }
  return (bestSuit && call("HOKUM", bestSuit)) || pass;
}

function escalate(h: HandState, seat: Seat, legal: readonly SeatCommand[]): SeatCommand {
  const pass = legal.find((c) => c.type === "ESCALATE" && c.call === "PASS") ?? legal[0];
  const raise = legal.find((c) => c.type === "ESCALATE" && c.call !== "PASS" && !c.locked);
  if (!raise || raise.type !== "ESCALATE") return pass;
  const contract = h.contract!;
  const own = ownCards(h, seat);
  if (raise.call === "DOUBLE") {
    return teamOf(seat) !== teamOf(contract.buyer) && strongDefence(own, contract) ? raise : pass;
  }
  return overwhelming(own, contract) ? raise : pass;
}

/** Trump ranks held in Hokum. */
function trumpRanks(cards: readonly Card[], contract: Contract): Rank[] {
  return cards.filter((c) => suitOf(c) === contract.trump).map(rankOf);
}

/** Worth a Double: J and 9 of trumps, or four trumps with two of J, 9, A; in Sun three Aces. */
function strongDefence(cards: readonly Card[], contract: Contract): boolean {
  if (contract.mode === "SUN") return cards.filter((c) => rankOf(c) === "A").length >= 3;
  const t = trumpRanks(cards, contract);
  const honours = t.filter((r) => r === "J" || r === "9" || r === "A").length;
  return (t.includes("J") && t.includes("9")) || (t.length >= 4 && honours >= 2);
}

/** Worth Three, Four or Gahwa: J, 9 and A of trumps among five or more trumps. */
function overwhelming(cards: readonly Card[], contract: Contract): boolean {
  const t = trumpRanks(cards, contract);
  return t.length >= 5 && t.includes("J") && t.includes("9") && t.includes("A");
}

/** The DECLARE command naming the most projects, if declaring is open. */
function mostProjects(legal: readonly SeatCommand[]): SeatCommand | null {
  let found: SeatCommand | null = null;
  for (const c of legal) {
    if (
      c.type === "DECLARE" &&
      (found?.type !== "DECLARE" || c.projects.length > found.projects.length)
    ) {
      found = c;
    }
  }
  return found;
}

/** The PLAY of `card`, announcing Baloot when possible and never Ekka. */
export function playCommand(legal: readonly SeatCommand[], card: Card): SeatCommand {
  let plain: SeatCommand | null = null;
  for (const c of legal) {
    if (c.type !== "PLAY" || c.card !== card) continue;
    if (c.baloot) return c;
    if (!c.ekka) plain = c;
  }
  return plain!;
}

type Best = <T>(items: readonly T[], score: (item: T) => number) => T;

function chooseCard(k: Knowledge, h: HandState, legal: readonly SeatCommand[], best: Best): Card {
  const cards: Card[] = [];
  for (const c of legal) if (c.type === "PLAY" && !cards.includes(c.card)) cards.push(c.card);
  if (h.trick.cards.length === 0) return best(cards, (c) => leadScore(k, h.contract!, c));
  const trick = h.trick.cards, trump = k.trump;
  const win = winningSeat(h.trick.leader, trick, trump);
  const last = trick.length === 3;
  if (win === partnerOf(k.seat)) {
    const sure = last || k.sureToHold(trick, h.trick.leader);
    return best(cards, (c) => sure ? points(c, trump) - k.keepValue(c) : -k.discardCost(c));
  }
  const winners = cards.filter((c) => winningSeat(h.trick.leader, [...trick, c], trump) === k.seat);
  const worth = trick.reduce((sum, c) => sum + points(c, trump), 0);
  const holding = last
    ? winners
    : winners.filter((c) => k.sureToHold([...trick, c], h.trick.leader));
  let take = holding.length > 0 ? holding : trick.length === 2 ? winners : [];
  // Keep the trump Jack for a trick worth having.
  if (trump && worth < 10 && k.hand.length > 2) take = take.filter((c) => c !== `J${trump}`);
  if (take.length > 0) return best(take, (c) => -winCost(c, trick, trump));
  return best(cards, (c) => -k.discardCost(c));
}

/** The seat winning a (partial) trick. */
function winningSeat(leader: Seat, cards: readonly Card[], trump: Suit | null): Seat {
  return nextSeat(leader, winningIndex(cards, trump));
}

/** What winning with `card` costs: a higher card, and a trump more than a plain card. */
function winCost(card: Card, trick: readonly Card[], trump: Suit | null): number {
  const ruff = suitOf(card) === trump && suitOf(trick[0]) !== trump ? 10 : 0;
  return ruff + strength(card, trump) + points(card, trump) / 100;
}

/** How good `card` is as a lead (higher is better). */
function leadScore(k: Knowledge, contract: Contract, card: Card): number {
  const trump = k.trump, suit = suitOf(card);
  const pts = points(card, trump);
  if (suit === trump) {
    const buying = teamOf(contract.buyer) === teamOf(k.seat);
    if (buying && k.top(card) && k.opponentsMayHold(suit)) return 100 + pts; // draw trumps
    return -30 - strength(card, trump);
  }
  const ruffed = k.opponentMayRuff(suit);
  if (k.top(card)) return ruffed ? -20 + pts / 10 : 50 + pts;
  let score = -pts - strength(card, trump) / 10;
  if (ruffed) score -= 20;
  else if (k.partnerMayRuff(suit)) score += 5;
  return score;
}

const SUIT_BIT: Record<Suit, number> = { S: 1, H: 2, D: 4, C: 8 };
const SUIT_SHIFT: Record<Suit, number> = { S: 0, H: 8, D: 16, C: 24 };

/**
 * What the seat knows during play: its cards, the cards gone, and the suits each seat has
 * shown it lacks. Built only from the seat's own hand and public facts.
 */
class Knowledge {
  readonly trump: Suit | null;
  readonly hand: readonly Card[];
  /** Canonical-index bitmask of the cards played (this trick included) or held. */
  readonly #seen: number;
  /** Per seat, the suits it is known to lack (a `SUIT_BIT` mask). */
  readonly #voids = [0, 0, 0, 0];

  /** `trumpVoids`: a seat that neither follows nor trumps when it must has no trumps. */
  constructor(h: HandState, readonly seat: Seat, trumpVoids: boolean) {
    this.trump = h.contract!.trump;
    this.hand = ownCards(h, seat);
    let seen = h.playedMask;
    for (const c of [...this.hand, ...h.trick.cards]) seen |= 1 << cardIndex(c);
    this.#seen = seen;
    for (const t of h.tricks) this.#noteVoids(t.leader, t.cards, trumpVoids);
    this.#noteVoids(h.trick.leader, h.trick.cards, trumpVoids);
  }

  #noteVoids(leader: Seat, cards: readonly Card[], trumpVoids: boolean): void {
    const trump = this.trump;
    for (let i = 1; i < cards.length; i++) {
      const seat = nextSeat(leader, i), suit = suitOf(cards[i]), led = suitOf(cards[0]);
      if (suit === led) continue;
      this.#voids[seat] |= SUIT_BIT[led];
      if (!trump || suit === trump) continue;
      const before = cards.slice(0, i);
      const winner = winningSeat(leader, before, trump);
      const ruffed = before.some((c) => suitOf(c) === trump);
      if (winner !== partnerOf(seat) && (trumpVoids || !ruffed)) {
        this.#voids[seat] |= SUIT_BIT[trump];
      }
    }
  }

  /** Cards of `suit` nobody has played and the seat does not hold. */
  unseenIn(suit: Suit): number {
    let m = (~this.#seen >>> SUIT_SHIFT[suit]) & 0xff, n = 0;
    for (; m; m &= m - 1) n++;
    return n;
  }

  /** Whether `seat` surely has no card of `suit`. */
  isVoid(seat: Seat, suit: Suit): boolean {
    return (this.#voids[seat] & SUIT_BIT[suit]) !== 0 || this.unseenIn(suit) === 0;
  }

  /** Whether no unseen card of its suit beats `card`. */
  top(card: Card): boolean {
    const suit = suitOf(card), s = strength(card, this.trump);
    for (const r of RANKS) {
      const other = `${r}${suit}` as Card;
      if (strength(other, this.trump) > s && !(this.#seen & (1 << cardIndex(other)))) return false;
    }
    return true;
  }

  #opponents(): Seat[] {
    return [nextSeat(this.seat), nextSeat(this.seat, 3)];
  }

  /** Whether an opponent may still hold a card of `suit`. */
  opponentsMayHold(suit: Suit): boolean {
    return this.#opponents().some((o) => !this.isVoid(o, suit));
  }

  #mayRuff(seat: Seat, suit: Suit): boolean {
    const t = this.trump;
    return t !== null && suit !== t && this.isVoid(seat, suit) && !this.isVoid(seat, t);
  }

  /** Whether an opponent is known to lack `suit` and may trump it. */
  opponentMayRuff(suit: Suit): boolean {
    return this.#opponents().some((o) => this.#mayRuff(o, suit));
  }

  /** Whether the partner is known to lack `suit` and may trump it. */
  partnerMayRuff(suit: Suit): boolean {
    return this.#mayRuff(partnerOf(this.seat), suit);
  }

  /** Whether the card winning `cards` can be beaten by none of the opponents still to play. */
  sureToHold(cards: readonly Card[], leader: Seat): boolean {
    const winner = winningSeat(leader, cards, this.trump);
    const card = cards[(winner - leader + 4) % 4], suit = suitOf(card);
    for (let i = cards.length; i < 4; i++) {
      const seat = nextSeat(leader, i);
      if (teamOf(seat) === teamOf(winner)) continue;
      if (!this.top(card) && !this.isVoid(seat, suit)) return false;
      if (this.#mayRuff(seat, suit)) return false;
    }
    return true;
  }

  /** What parting with `card` gives up: trumps, and cards sure to win a trick later. */
  keepValue(card: Card): number {
    if (suitOf(card) === this.trump) {
      return 6 + strength(card, this.trump) + (this.top(card) ? 10 : 0);
    }
    return this.top(card) ? 12 : 0;
  }

  /** What throwing `card` to an opponent's trick costs. */
  discardCost(card: Card): number {
    return points(card, this.trump) + this.keepValue(card);
  }
}
