import assert from "node:assert/strict";
import {
  type Card,
  ChaChaStream,
  decide,
  deriveSeed,
  fromHex,
  legalCards,
  PROFILE_R,
  type Seat,
  shuffledDeck,
  trickWinner,
  verifySawa,
} from "./mod.ts";
import { dealt, MIXED, run } from "./_testing.ts";

const hands = (...h: string[]) => h.map((x) => (x ? x.split(" ") : []) as Card[]);
const pos = (h: Card[][], leader: Seat = 0, trump: "S" | null = null) => ({
  hands: h,
  leader,
  trump,
  locked: false,
  playedMask: 0,
  profile: PROFILE_R,
});

Deno.test("verifySawa(): proven with the top cards, refuted when an opponent can win", () => {
  assert.equal(verifySawa(pos(hands("AS AH", "7S 7H", "8S 8H", "9S 9H"))), "PROVEN");
  assert.equal(verifySawa(pos(hands("AS KH", "7S AH", "8S 8H", "9S 9H"))), "REFUTED");
  // In Hokum a void opponent trumps a plain ace.
  assert.equal(verifySawa(pos(hands("AH KH", "7S 7D", "8H 9H", "7C 8C"), 0, "S")), "REFUTED");
  // The partner's cards count for the claim.
  assert.equal(verifySawa(pos(hands("AH 7D", "8H 8D", "7H AD", "9H 9D"))), "PROVEN");
});

Deno.test("verifySawa(): a search it cannot finish is undecided, never a failure", () => {
  const full = hands(
    "AS KS QS JS AH KH QH JH",
    "TS 9S 8S 7S TH 9H 8H 7H",
    "AD KD QD JD AC KC QC JC",
    "TD 9D 8D 7D TC 9C 8C 7C",
  );
  assert.equal(verifySawa(pos(full), 10), "UNDECIDED");
});

Deno.test("[T9] a refused Sawa is an error that changes nothing", () => {
  const s = run([
    { type: "BID", seat: 0, call: "SUN" },
  ], dealt({ dealer: 3, faceUp: "TS", recipient: 0, hands: MIXED }));
  const refused = decide(s, { type: "SAWA", seat: 0 });
  assert.ok(!refused.ok);
  assert.equal(refused.code, "SAWA_REFUSED");
  assert.equal(refused.rule, "T9");
});

Deno.test("[T9] an accepted Sawa gives the claimer's team every remaining trick", () => {
  const s = run(
    [{ type: "BID", seat: 0, call: "SUN" }],
    dealt({
      dealer: 3,
      faceUp: "AS",
      recipient: 0,
      hands: [
        "AS TS AH TH AD TD AC TC",
        "KS QS KH QH KD QD KC QC",
        "JS 9S JH 9H JD 9D JC 9C",
        "8S 7S 8H 7H 8D 7D 8C 7C",
      ],
    }),
  );
  const d = decide(s, { type: "SAWA", seat: 0 });
  assert.ok(d.ok, JSON.stringify(d));
  assert.deepEqual(d.events.map((e) => e.type), ["SAWA", "HAND_RESULT", "SEED_REVEAL"]);
  const r = d.state.results[0];
  assert.deepEqual(r.facts.tricks, [8, 0]);
  assert.deepEqual(r.facts.cardRaw, [130, 0]);
  assert.equal(r.score.kaboot, true);
  assert.deepEqual(r.score.awarded, [44, 0]);
});

/** Plain exhaustive search, no pruning: the oracle for the property test below. */
function bruteForce(
  hands: Card[][],
  leader: Seat,
  trump: "S" | null,
  team: number,
  table: Card[] = [],
): boolean {
  if (table.length === 4) {
    const winner = trickWinner(leader, table, trump);
    if (winner % 2 !== team) return false;
    return hands[winner].length === 0 || bruteForce(hands, winner, trump, team);
  }
  const seat = ((leader + table.length) % 4) as Seat;
  const legal = legalCards(hands[seat], {
    trump,
    locked: false,
    leader,
    cards: table,
    playedMask: 0,
    profile: PROFILE_R,
  });
  const results = legal.map((card) => {
    const rest = hands.map((h, i) => (i === seat ? h.filter((c) => c !== card) : h));
    return bruteForce(rest, leader, trump, team, [...table, card]);
  });
  return seat % 2 === team ? results.some((x) => x) : results.every((x) => x);
}

Deno.test("verifySawa() agrees with exhaustive search on random endgames", () => {
  const rng = new ChaChaStream(fromHex(deriveSeed("sawa", 0))!);
  let proven = 0;
  for (let n = 0; n < 400; n++) {
    const deck = shuffledDeck(deriveSeed("sawa", n + 1));
    const size = 2 + rng.nextInt(2); // endgames of 2 or 3 tricks
    const h = [0, 1, 2, 3].map((s) => deck.slice(s * size, (s + 1) * size));
    const trump = rng.nextInt(2) === 0 ? "S" : null;
    const leader = rng.nextInt(4) as Seat;
    const want = bruteForce(h, leader, trump, leader % 2);
    const got = verifySawa({
      hands: h,
      leader,
      trump,
      locked: false,
      playedMask: 0,
      profile: PROFILE_R,
    });
    assert.equal(got, want ? "PROVEN" : "REFUTED", `endgame ${n}: ${JSON.stringify(h)}`);
    if (want) proven++;
  }
  assert.ok(proven > 10, `some claims hold (${proven})`);
});

Deno.test("verifySawa(): a claim of all eight tricks with the aces and tens is proven quickly", () => {
  const full = hands(
    "AS TS AH TH AD TD AC TC",
    "KS QS KH QH KD QD KC QC",
    "JS 9S JH 9H JD 9D JC 9C",
    "8S 7S 8H 7H 8D 7D 8C 7C",
  );
  assert.equal(verifySawa(pos(full), 5_000), "PROVEN");
});
