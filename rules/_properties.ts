/**
 * Property checks over seeded random matches, shared by the property test files. The trick
 * rules and points are re-derived here independently of the engine (profiles R and KM both use
 * the partner exemption "always" and undertrumping).
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Card, DECK, type Rank, type Suit } from "./card.ts";
import { apply } from "./apply.ts";
import type { GameEvent } from "./events.ts";
import type { Profile } from "./profile.ts";
import { nextSeat, type Seat } from "./seat.ts";
import { type GameState, initialState } from "./state.ts";
import { type Audience, redact, viewFor } from "./view.ts";
import { cardsInJson, deepFreeze, randomMatch } from "./_testing.ts";

const PLAIN = "789JQKTA", TRUMP = "78QKTA9J";
const PLAIN_PTS: Record<string, number> = { A: 11, T: 10, K: 4, Q: 3, J: 2 };
const TRUMP_PTS: Record<string, number> = { J: 20, "9": 14, A: 11, T: 10, K: 4, Q: 3 };
const suit = (c: Card) => c[1] as Suit;
const power = (c: Card, trump: Suit | null) => (suit(c) === trump ? TRUMP : PLAIN).indexOf(c[0]);
const value = (c: Card, trump: Suit | null) =>
  (suit(c) === trump ? TRUMP_PTS : PLAIN_PTS)[c[0] as Rank] ?? 0;

/** Index of the winning card, straight from [T7]. */
function winnerIndex(cards: readonly Card[], trump: Suit | null): number {
  const trumps = cards.map((c, i) => [c, i] as const).filter(([c]) => suit(c) === trump);
  const pool = trumps.length > 0
    ? trumps
    : cards.map((c, i) => [c, i] as const).filter(([c]) => suit(c) === suit(cards[0]));
  return pool.reduce((a, b) => (power(b[0], trump) > power(a[0], trump) ? b : a))[1];
}

/** The legal cards straight from [T2]–[T5] and [X4] (exemption always, undertrump). */
function oracle(
  hand: Card[],
  cards: readonly Card[],
  trump: Suit | null,
  locked: boolean,
): Card[] {
  if (cards.length === 0) {
    const plain = hand.filter((c) => suit(c) !== trump);
    return locked && trump && plain.length > 0 ? plain : hand;
  }
  const w = winnerIndex(cards, trump);
  const partnerWinning = w === cards.length - 2;
  const winCard = cards[w];
  const follow = hand.filter((c) => suit(c) === suit(cards[0]));
  if (follow.length > 0) {
    if (suit(cards[0]) === trump && !partnerWinning) {
      const higher = follow.filter((c) => power(c, trump) > power(winCard, trump));
      return higher.length > 0 ? higher : follow;
    }
    return follow;
  }
  const trumps = hand.filter((c) => suit(c) === trump);
  if (trump === null || trumps.length === 0 || partnerWinning) return hand;
  if (suit(winCard) === trump) {
    const higher = trumps.filter((c) => power(c, trump) > power(winCard, trump));
    return higher.length > 0 ? higher : trumps;
  }
  return trumps;
}

const AUDIENCES: Audience[] = [0, 1, 2, 3, "spectator"];

/** Matches per profile per run (two profiles, so 10,000 in all by default). */
export const MATCHES = Number(Deno.env.get("PROPERTY_MATCHES") ?? 5000);
/** One match in this many also checks views, redaction and non-mutation at every event. */
const HEAVY_EVERY = Number(Deno.env.get("PROPERTY_HEAVY_EVERY") ?? 50);

/**
 * Plays one random match and checks every property of the issue on it. Match number `n` also
 * gets the per-event checks of views, redaction and non-mutation when it is a multiple of
 * `HEAVY_EVERY`.
 */
export function checkRandomMatch(profile: Profile, label: string, n: number): GameState {
  const heavy = n % HEAVY_EVERY === 0;
  let prev = initialState();
  const known = new Map<Audience, Set<Card>>();
  const everyone = new Set<Card>();
  const resetKnown = () => {
    everyone.clear();
    for (const a of AUDIENCES) known.set(a, new Set());
  };
  resetKnown();
  const isKnown = (a: Audience, c: Card) => everyone.has(c) || known.get(a)!.has(c);

  const check = (e: GameEvent) => {
    if (heavy) deepFreeze(prev);
    const h = prev.hand;
    switch (e.type) {
      case "HAND_START":
        resetKnown();
        break;
      case "DEAL_INITIAL":
        e.hands.forEach((cards, s) => cards.forEach((c) => known.get(s as Seat)!.add(c!)));
        everyone.add(e.faceUp);
        break;
      case "DEAL_COMPLETION":
        e.cards.forEach((cards, s) => cards.forEach((c) => known.get(s as Seat)!.add(c!)));
        break;
      case "PLAY": {
        const legal = oracle(
          h!.hands[e.seat] as Card[],
          h!.trick.cards,
          h!.contract!.trump,
          h!.escalation.locked,
        );
        assert.ok(legal.includes(e.card), `illegal ${e.card} by ${e.seat} in ${h!.trick.cards}`);
        everyone.add(e.card);
        break;
      }
      case "TRICK_END": {
        const cards = h!.trick.cards;
        assert.equal(cards.length, 4);
        assert.equal(new Set(cards).size, 4);
        const trump = h!.contract!.trump;
        assert.equal(e.winner, nextSeat(h!.trick.leader, winnerIndex(cards, trump)));
        const pts = cards.reduce((s, c) => s + value(c, trump), 0) + (e.trick === 8 ? 10 : 0);
        assert.equal(e.points, pts);
        break;
      }
      case "PROJECTS_RESOLVED":
        for (const p of e.counted) p.cards.forEach((c) => everyone.add(c));
        break;
      case "KASHO":
        e.cards.forEach((c) => everyone.add(c));
        break;
      case "SAWA":
        e.hands.forEach((cards) => cards.forEach((c) => everyone.add(c)));
        break;
      case "SEED_REVEAL":
        DECK.forEach((c) => everyone.add(c));
        break;
      case "HAND_RESULT":
        checkResult(prev, e, profile);
        break;
    }
    const next = apply(prev, e);
    conservation(next);
    if (heavy) {
      for (const a of AUDIENCES) {
        for (const c of cardsInJson(JSON.stringify(redact(e, a)))) {
          assert.ok(isKnown(a, c), `${e.type} leaks ${c} to ${a}`);
        }
        for (const c of cardsInJson(JSON.stringify(viewFor(next, a)))) {
          assert.ok(isKnown(a, c), `view after ${e.type} leaks ${c} to ${a}`);
        }
      }
    }
    prev = next;
  };

  const match = randomMatch(profile, label, (events, state) => {
    for (const e of events) check(e);
    if (heavy) assert.deepEqual(prev, state, "apply event by event equals decide's state");
  });
  // The record replays to the live final state.
  assert.deepEqual(match.events.reduce(apply, initialState()), match.state);
  assert.deepEqual(prev, match.state);
  if (heavy) {
    for (const a of AUDIENCES) {
      const redacted = match.events.map((e) => redact(e, a)).reduce(apply, initialState());
      assert.deepEqual(
        redacted,
        viewFor(match.state, a),
        `redacted replay equals the view of ${a}`,
      );
    }
  }
  return match.state;
}

/** Every card is in exactly one place: a hand, the stock, a trick, or face up. */
function conservation(s: GameState) {
  const h = s.hand;
  if (
    !h || h.sawa !== null || h.kasho !== null ||
    h.hands.every((x) => x.length === 0) && h.tricks.length === 0
  ) return;
  const seen: Card[] = [];
  for (const cards of h.hands) for (const c of cards) seen.push(c!);
  for (const c of h.stock ?? []) seen.push(c);
  if (!h.completed && h.faceUp) seen.push(h.faceUp);
  for (const t of h.tricks) seen.push(...t.cards);
  seen.push(...h.trick.cards);
  assert.equal(seen.length, 32, `32 cards, got ${seen.length}`);
  assert.equal(new Set(seen).size, 32, "no card twice");
}

/** Game points add up as §2.11 says, for profiles R and KM. */
function checkResult(
  s: GameState,
  e: Extract<GameEvent, { type: "HAND_RESULT" }>,
  profile: Profile,
) {
  const { facts: f, score: r } = e;
  const total = f.mode === "SUN" ? 130 : 162;
  const base = f.mode === "SUN" ? 26 : 16;
  assert.equal(f.cardRaw[0] + f.cardRaw[1], total, "raw adds up to 130/162");
  assert.equal(f.tricks[0] + f.tricks[1], 8);
  assert.deepEqual(f.cardRaw, s.hand!.raw);
  const B = f.buyerTeam, O = 1 - B;
  const [a0, a1] = r.awarded;
  assert.ok(a0 >= 0 && a1 >= 0);
  if (f.level === "GAHWA") {
    assert.notEqual(r.matchWinner, null);
    return;
  }
  const level = f.level;
  const proj = r.projectGp[0] + r.projectGp[1];
  const kaboot = f.tricks[0] === 8 || f.tricks[1] === 8;
  assert.equal(r.kaboot, kaboot);
  if (kaboot) {
    const k = f.tricks[0] === 8 ? 0 : 1;
    assert.equal(r.awarded[1 - k], r.balootGp[1 - k], "the Kaboot loser scores at most its Baloot");
    return;
  }
  assert.equal(r.cardGp[0] + r.cardGp[1], base, "card points convert to 16/26");
  const W = r.made ? B : O, L = 1 - W;
  if (level === 1 && r.made) {
    for (const t of [0, 1]) {
      assert.equal(r.awarded[t], r.cardGp[t] + r.projectGp[t] + r.balootGp[t]);
    }
  } else if (level === 1) {
    assert.equal(r.awarded[B], r.balootGp[B]);
    assert.equal(r.awarded[O], base + proj + r.balootGp[O], "Khasara: the pool and every project");
  } else {
    const mult = profile.projectMultiplier === "FULL" ? level : Math.min(level, 2);
    assert.equal(r.awarded[L], r.balootGp[L], "a multiplied hand: the loser scores only Baloot");
    assert.equal(r.awarded[W], base * level + proj * mult + r.balootGp[W]);
  }
  assert.deepEqual(r.matchAfter, [s.score[0] + a0, s.score[1] + a1]);
}
