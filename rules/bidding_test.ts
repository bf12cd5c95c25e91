import assert from "node:assert/strict";
import {
  type BidCall,
  type Card,
  type Command,
  decide,
  type GameState,
  makeProfile,
  type Profile,
  type Seat,
  type Suit,
} from "./mod.ts";
import { dealt, run } from "./_testing.ts";

const HANDS = [
  "AS KS QS JS TS 9S 8S 7S",
  "AH KH QH JH TH 9H 8H 7H",
  "AD KD QD JD TD 9D 8D 7D",
  "AC KC QC JC TC 9C 8C 7C",
];

/** A fresh deal by dealer 3 (seat 0 speaks first), face-up `faceUp`. */
function table(faceUp: Card = "7S", profile?: Profile): GameState {
  return dealt({ dealer: 3, faceUp, recipient: 0, hands: HANDS, profile });
}

const bid = (seat: Seat, call: BidCall, suit?: Suit): Command =>
  suit ? { type: "BID", seat, call, suit } : { type: "BID", seat, call };

function refused(commands: Command[], from = table()) {
  const s = run(commands.slice(0, -1), from);
  const d = decide(s, commands.at(-1)!);
  assert.ok(!d.ok, `${JSON.stringify(commands.at(-1))} should be refused`);
  return d;
}

Deno.test("[P4] the dealer's right speaks first; others wait their turn", () => {
  const s = table();
  assert.equal(s.hand!.toAct, 0);
  const d = refused([bid(2, "PASS")]);
  assert.equal(d.code, "WRONG_TURN");
});

Deno.test("[B1] Ashkal only for the third and fourth speakers; Hokum in the face-up suit", () => {
  assert.equal(refused([bid(0, "ASHKAL")]).rule, "B1");
  assert.equal(refused([bid(0, "PASS"), bid(1, "ASHKAL")]).rule, "B1");
  assert.equal(refused([bid(0, "HOKUM", "H")]).rule, "B1");
  const asked = run([bid(0, "PASS"), bid(1, "PASS"), bid(2, "ASHKAL")], table());
  assert.equal(asked.hand!.bidding.step, "PRIORITY", "Ashkal is a Sun: earlier speakers are asked");
  const s = run([bid(0, "PASS"), bid(1, "PASS")], asked);
  const c = s.hand!.contract!;
  assert.deepEqual([c.mode, c.buyer, c.ashkal, c.recipient], ["SUN", 2, true, 0]);
  assert.ok(s.hand!.hands[0].includes("7S"), "[L5] the caller's partner takes the face-up card");
  assert.deepEqual(s.hand!.hands.map((h) => h.length), [8, 8, 8, 8]);
});

Deno.test("[B2] a Sun by the first speaker ends the auction at once", () => {
  const s = run([bid(0, "SUN")], table());
  assert.equal(s.hand!.contract!.mode, "SUN");
  assert.equal(s.hand!.contract!.buyer, 0);
  assert.equal(s.phase, "PLAY", "no Sun Double at 0-0 ([X3]), so play starts");
});

Deno.test("[B2] earlier speakers may take a Sun before its caller (Gablak)", () => {
  const afterSun = run([bid(0, "PASS"), bid(1, "PASS"), bid(2, "SUN")], table());
  assert.equal(afterSun.hand!.bidding.step, "PRIORITY");
  assert.equal(afterSun.hand!.toAct, 0, "the earliest speaker is asked first");
  assert.equal(refused([bid(0, "SUN")], afterSun).rule, "B2");
  const taken = run([bid(0, "BEFORE_YOU")], afterSun);
  assert.equal(taken.hand!.contract!.buyer, 0);
  const waived = run([bid(0, "PASS"), bid(1, "PASS")], afterSun);
  assert.equal(waived.hand!.contract!.buyer, 2);
});

Deno.test("[B3] Hokum does not end the round; the bidder confirms or switches", () => {
  const s = run([bid(0, "HOKUM", "S"), bid(1, "PASS"), bid(2, "PASS"), bid(3, "PASS")], table());
  assert.equal(s.hand!.bidding.step, "HOKUM_DECISION");
  assert.equal(s.hand!.toAct, 0);
  assert.equal(refused([bid(0, "PASS")], s).code, "WRONG_PHASE");
  const confirmed = run([{ type: "HOKUM_DECISION", seat: 0, decision: "CONFIRM_HOKUM" }], s);
  assert.deepEqual([confirmed.hand!.contract!.mode, confirmed.hand!.contract!.trump], [
    "HOKUM",
    "S",
  ]);
  const switched = run([{ type: "HOKUM_DECISION", seat: 0, decision: "SWITCH_SUN" }], s);
  assert.equal(switched.hand!.contract!.mode, "SUN");
  assert.equal(switched.hand!.contract!.buyer, 0);
});

Deno.test("[B3] a later Sun overcalls a Hokum; the Hokum bidder may still take it first", () => {
  assert.equal(refused([bid(0, "HOKUM", "S"), bid(1, "HOKUM", "S")]).rule, "B3");
  const s = run([bid(0, "PASS"), bid(1, "HOKUM", "S"), bid(2, "SUN")], table());
  assert.equal(s.hand!.bidding.step, "PRIORITY");
  assert.deepEqual(s.hand!.bidding.priority, [0, 1]);
  const byHokumBidder = run([bid(0, "PASS"), bid(1, "BEFORE_YOU")], s);
  assert.deepEqual([byHokumBidder.hand!.contract!.mode, byHokumBidder.hand!.contract!.buyer], [
    "SUN",
    1,
  ]);
});

Deno.test("[B5] round 2: Hokum in another suit; [B8] all pass twice redeals to the right", () => {
  const passes = [0, 1, 2, 3].map((s) => bid(s as Seat, "PASS"));
  const round2 = run(passes, table());
  assert.equal(round2.hand!.bidding.round, 2);
  assert.equal(round2.hand!.toAct, 0);
  assert.equal(refused([bid(0, "HOKUM", "S")], round2).rule, "B5");
  const hearts = run(
    [bid(0, "HOKUM", "H"), bid(1, "PASS"), bid(2, "PASS"), bid(3, "PASS")],
    round2,
  );
  assert.equal(hearts.hand!.bidding.step, "HOKUM_DECISION");
  const d = decide(run(passes.slice(0, 3), round2), bid(3, "PASS"));
  assert.ok(d.ok);
  assert.deepEqual(d.events.map((e) => e.type), ["BID", "HAND_CANCELLED", "SEED_REVEAL"]);
  assert.equal(d.state.phase, "READY");
  assert.equal(d.state.dealer, 0, "the deal passes to the dealer's right");
  assert.deepEqual(d.state.score, [0, 0]);
});

Deno.test("[B7] Ashkal in round 2 follows the profile (V03)", () => {
  const passes = [0, 1, 2, 3].map((s) => bid(s as Seat, "PASS"));
  const ok = run(
    [...passes, bid(0, "PASS"), bid(1, "PASS"), bid(2, "ASHKAL"), bid(0, "PASS"), bid(1, "PASS")],
    table(),
  );
  assert.equal(ok.hand!.contract!.ashkal, true);
  const strict = makeProfile("R", { ashkalSecondRound: false }) as Profile;
  const d = refused(
    [...passes, bid(0, "PASS"), bid(1, "PASS"), bid(2, "ASHKAL")],
    table("7S", strict),
  );
  assert.equal(d.rule, "B7");
});

Deno.test("[B4] V04: with a face-up Ace only the dealer's right may take Sun", () => {
  const aceRule = makeProfile("R", { aceSunDealerRightOnly: true }) as Profile;
  const hands = ["7S KS QS JS TS 9S 8S AS", ...HANDS.slice(1)];
  const s = dealt({ dealer: 3, faceUp: "AS", recipient: 0, hands, profile: aceRule });
  assert.equal(refused([bid(0, "PASS"), bid(1, "SUN")], s).rule, "V04");
  assert.ok(run([bid(0, "SUN")], s).hand!.contract);
});

Deno.test("[L4] the buyer takes the face-up card and 2, the others 3", () => {
  const s = run([bid(0, "PASS"), bid(1, "SUN"), bid(0, "PASS")], table());
  const h = s.hand!;
  assert.deepEqual(h.hands.map((x) => x.length), [8, 8, 8, 8]);
  assert.ok(h.hands[1].includes("7S"));
  assert.equal(h.stock, null);
});
