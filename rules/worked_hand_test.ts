import assert from "node:assert/strict";
import { type Card, type Command, PROFILE_KM, PROFILE_R, type Seat } from "./mod.ts";
import { dealt, NO_DOUBLE, run, SEAT0_HOKUM_SPADES } from "./_testing.ts";

const cards = (s: string) => s.split(" ") as Card[];
const play = (seat: Seat, card: string, baloot = false): Command =>
  baloot
    ? { type: "PLAY", seat, card: card as Card, baloot }
    : { type: "PLAY", seat, card: card as Card };

/** E1 (rules spec §4): dealer 3, face-up 9S, seat 0 buys Hokum in spades. */
function e1(profile = PROFILE_R) {
  const start = dealt({
    dealer: 3,
    faceUp: "9S",
    recipient: 0,
    profile,
    hands: [
      "AS KS QS JS AH TH 7D 9S",
      "TS 8S KH QH 9H AD TD 8D",
      "7S AC TC KC QC JH 8H 9D",
      "7H JC 9C 8C 7C KD QD JD",
    ],
  });
  const tricks: [string, string, string, string][] = [
    ["JS", "8S", "7S", "7C"],
    ["9S", "TS", "8H", "8C"],
    ["AS", "8D", "9D", "9C"],
    ["KS", "9H", "JH", "JC"],
    ["QS", "QH", "TC", "7H"],
    ["AH", "KH", "QC", "JD"],
    ["TH", "TD", "KC", "KD"],
    ["7D", "AD", "AC", "QD"],
  ];
  const commands: Command[] = [
    ...SEAT0_HOKUM_SPADES,
    ...NO_DOUBLE,
    { type: "DECLARE", seat: 0, projects: [cards("AS KS QS JS")] },
    play(0, "JS"),
    play(1, "8S"),
    { type: "DECLARE", seat: 2, projects: [cards("AC KC QC")] },
    play(2, "7S"),
    { type: "DECLARE", seat: 3, projects: [cards("KD QD JD"), cards("9C 8C 7C")] },
    play(3, "7C"),
  ];
  // Seat 0 wins tricks 1-7, so it leads every trick; trick 8 goes to seat 1.
  for (const trick of tricks.slice(1)) {
    trick.forEach((card, i) => commands.push(play(i as Seat, card, card === "QS")));
  }
  return run(commands, start);
}

Deno.test("worked example E1 plays card by card to (22, 3) under R and KM", () => {
  for (const profile of [PROFILE_R, PROFILE_KM]) {
    const s = e1(profile);
    const h = s.hand!;
    assert.deepEqual(h.tricks.map((t) => t.winner), [0, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(h.tricks.map((t) => t.points), [20, 24, 11, 8, 16, 20, 28, 35]);
    const r = s.results[0];
    assert.deepEqual(r.facts.cardRaw, [127, 35]);
    assert.equal(r.facts.balootTeam, 0, "Baloot announced on QS in trick 5");
    assert.deepEqual(r.score.cardGp, [13, 3]);
    assert.deepEqual(r.score.projectGp, [7, 0], "A's Fifty and Sira beat B's two Siras");
    assert.deepEqual(r.score.balootGp, [2, 0]);
    assert.deepEqual(r.score.awarded, [22, 3]);
    assert.deepEqual(s.score, [22, 3]);
    for (const id of ["R1", "J4", "C3", "C2", "S1", "A1", "K2"]) {
      assert.ok(r.score.rules.includes(id), `${profile.id} lists ${id}: ${r.score.rules}`);
    }
    assert.equal(s.phase, "READY", "the next hand is due, dealt by seat 0");
    assert.equal(s.dealer, 0);
  }
});

Deno.test("E1: the projects are shown after trick 1 and only A's count", () => {
  const s = e1();
  const p = s.hand!.projects!;
  assert.equal(p.winningTeam, 0);
  assert.deepEqual(p.counted[0].map((x) => [x.seat, x.type]), [[0, "FIFTY"], [2, "SIRA"]]);
  assert.deepEqual(p.counted[1], []);
});
