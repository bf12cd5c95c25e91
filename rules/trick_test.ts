import assert from "node:assert/strict";
import {
  type Card,
  cardIndex,
  isSureWinner,
  legalCards,
  makeProfile,
  type Profile,
  PROFILE_R,
  type Seat,
  type Suit,
  type TrickContext,
  trickWinner,
  whyIllegal,
} from "./mod.ts";

const c = (s: string) => (s ? s.split(" ") : []) as Card[];
const profile = (over: Record<string, unknown>) => makeProfile("R", over) as Profile;

function ctx(trick: string, trump: Suit | null, o: Partial<TrickContext> = {}): TrickContext {
  return {
    trump,
    locked: false,
    leader: 0,
    cards: c(trick),
    playedMask: 0,
    profile: PROFILE_R,
    ...o,
  };
}

const legal = (hand: string, trick: string, trump: Suit | null, o: Partial<TrickContext> = {}) =>
  legalCards(c(hand), ctx(trick, trump, o)).join(" ");

Deno.test("[T2] follow suit in Sun and in Hokum", () => {
  assert.equal(legal("AS KH 7H", "QH", null), "KH 7H");
  assert.equal(legal("AS KH 7H 9D", "QH", "D"), "KH 7H");
  assert.equal(whyIllegal(c("AS KH 7H"), "AS", ctx("QH", null))?.rule, "T2");
});

Deno.test("[T3] Sun: a player who cannot follow plays any card", () => {
  assert.equal(legal("AS KD 7C", "QH", null), "AS KD 7C");
});

Deno.test("[T4b] Hokum: cannot follow and an opponent wins: trump", () => {
  // Seat 1 answers seat 0's heart lead holding no heart.
  assert.equal(legal("AS 7D KC", "QH", "D"), "7D");
  assert.equal(whyIllegal(c("AS 7D KC"), "AS", ctx("QH", "D"))?.rule, "T4");
});

Deno.test("[T4a] the partner-winning exemption, each setting of V11", () => {
  // Seat 2: partner (seat 0) leads AH and still wins after seat 1's 7H.
  assert.equal(legal("AS 7D KC", "AH 7H", "D"), "AS 7D KC", "ALWAYS");
  const none = profile({ partnerExemption: "NONE" });
  assert.equal(legal("AS 7D KC", "AH 7H", "D", { profile: none }), "7D", "NONE");
  const sure = profile({ partnerExemption: "FOURTH_OR_SURE_WINNER" });
  assert.equal(
    legal("AS 7D KC", "AH 7H", "D", { profile: sure }),
    "AS 7D KC",
    "third, sure winner",
  );
  assert.equal(legal("AS 7D KC", "KH 7H", "D", { profile: sure }), "7D", "third, KH not sure");
  const betterGone = (1 << cardIndex("AH")) | (1 << cardIndex("TH"));
  assert.equal(
    legal("AS 7D KC", "KH 7H", "D", { profile: sure, playedMask: betterGone }),
    "AS 7D KC",
    "KH is sure once AH and TH have gone",
  );
  // Fourth seat: its partner (seat 1) wins with the heart ace.
  assert.equal(legal("AS 7D KC", "KH AH 8H", "D", { profile: sure }), "AS 7D KC", "fourth seat");
});

Deno.test("[T4c] an opponent trumped: overtrump if you can", () => {
  // Seat 2: seat 0 (partner) led 7H, seat 1 trumped with QD.
  assert.equal(legal("AS 7D KD 9D", "7H QD", "D"), "KD 9D");
  assert.equal(
    whyIllegal(c("AS 7D KD 9D"), "7D", ctx("7H QD", "D"))?.message.includes("overtrump"),
    true,
  );
});

Deno.test("[T4d] cannot overtrump: undertrump (R), or any card (V12 free)", () => {
  assert.equal(legal("AS 7D 8D", "7H JD", "D"), "7D 8D");
  const free = profile({ cannotOvertrump: "FREE" });
  assert.equal(legal("AS 7D 8D", "7H JD", "D", { profile: free }), "AS 7D 8D");
});

Deno.test("[T5] trump led: beat an opponent's trump, not a partner's", () => {
  // Seat 1 answers a trump lead by seat 0 (opponent).
  assert.equal(legal("7D JD AS", "9D", "D"), "JD");
  assert.equal(whyIllegal(c("7D JD AS"), "7D", ctx("9D", "D"))?.rule, "T5");
  assert.equal(legal("7D 8D AS", "9D", "D"), "7D 8D", "cannot beat: any trump");
  // Seat 2: its partner (seat 0) leads the trump 9 and wins: any trump.
  assert.equal(legal("7D JD AS", "9D 8D", "D"), "7D JD");
});

Deno.test("[X4] locked play: no trump lead while holding another suit", () => {
  assert.equal(legal("JD 9D AS", "", "D", { locked: true }), "AS");
  assert.equal(whyIllegal(c("JD 9D AS"), "JD", ctx("", "D", { locked: true }))?.rule, "X4");
  assert.equal(legal("JD 9D", "", "D", { locked: true }), "JD 9D", "only trumps left");
  assert.equal(legal("JD 9D AS", "", "D"), "JD 9D AS", "open play");
});

Deno.test("[T7] trick winners in Sun and Hokum", () => {
  const w = (leader: Seat, trick: string, trump: Suit | null) =>
    trickWinner(leader, c(trick), trump);
  assert.equal(w(0, "7H AH TH KS", null), 1);
  assert.equal(w(0, "7H AH TH AS", null), 1, "off-suit aces do not win in Sun");
  assert.equal(w(2, "AH 7D TH 8D", "D"), 1, "the higher trump wins: seat 2+3");
  assert.equal(w(0, "JD 9D AD TD", "D"), 0, "the trump jack beats the nine");
  assert.equal(w(0, "TH KH QH AH", "S"), 3);
});

Deno.test("isSureWinner(): aces, the trump jack, and cards whose betters are gone", () => {
  assert.ok(isSureWinner("AH", "D", 0));
  assert.ok(isSureWinner("JD", "D", 0));
  assert.ok(!isSureWinner("TH", "D", 0));
  assert.ok(isSureWinner("TH", "D", 1 << cardIndex("AH")));
  assert.ok(!isSureWinner("9D", "D", 0));
});
