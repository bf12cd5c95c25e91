import assert from "node:assert/strict";
import {
  type Card,
  type Command,
  decide,
  type GameState,
  initialState,
  legalCommands,
  PROFILE_R,
} from "./mod.ts";
import {
  dealt,
  deepFreeze,
  MIXED,
  NO_DOUBLE,
  randomMatch,
  run,
  SEAT0_HOKUM_SPADES,
} from "./_testing.ts";

const cards = (s: string) => s.split(" ") as Card[];

/** Seat 0 plays Hokum in spades, undoubled; seat 0 leads trick 1. */
function playing(): GameState {
  return run(
    [...SEAT0_HOKUM_SPADES, ...NO_DOUBLE],
    dealt({ dealer: 3, faceUp: "TS", recipient: 0, hands: MIXED }),
  );
}

function refused(s: GameState, c: Command) {
  deepFreeze(s);
  const d = decide(s, c);
  assert.ok(!d.ok, `${JSON.stringify(c)} should be refused`);
  return d;
}

Deno.test("decide() refuses commands before the match, after it, and out of phase", () => {
  assert.equal(
    refused(initialState(), { type: "PLAY", seat: 0, card: "AS" }).code,
    "MATCH_NOT_STARTED",
  );
  const started = run([{ type: "START_MATCH", profile: PROFILE_R, dealer: 0 }]);
  assert.equal(
    refused(started, { type: "START_MATCH", profile: PROFILE_R, dealer: 0 }).code,
    "WRONG_PHASE",
  );
  assert.equal(refused(started, { type: "DEAL", seed: "xyz" }).code, "INVALID_COMMAND");
  assert.equal(refused(started, { type: "DEAL", seed: "A".repeat(64) }).code, "INVALID_COMMAND");
  assert.equal(refused(started, { type: "BID", seat: 1, call: "PASS" }).code, "WRONG_PHASE");
  const over = randomMatch(PROFILE_R, "decide-over").state;
  assert.equal(refused(over, { type: "DEAL", seed: "0".repeat(64) }).code, "MATCH_OVER");
  const bidding = dealt({ dealer: 3, faceUp: "TS", recipient: 0, hands: MIXED });
  assert.equal(refused(bidding, { type: "PLAY", seat: 0, card: "JS" }).code, "WRONG_PHASE");
  assert.equal(
    refused(bidding, { type: "BID", seat: 5 as 0, call: "PASS" }).code,
    "INVALID_COMMAND",
  );
});

Deno.test("decide() names the rule an illegal card breaks, and changes nothing", () => {
  const s = run([{ type: "PLAY", seat: 0, card: "AH" }], playing());
  const before = JSON.stringify(s);
  assert.equal(refused(s, { type: "PLAY", seat: 2, card: "TD" }).code, "WRONG_TURN");
  assert.equal(refused(s, { type: "PLAY", seat: 1, card: "AS" }).code, "NOT_IN_HAND");
  const d = refused(s, { type: "PLAY", seat: 1, card: "AD" });
  assert.equal(d.code, "ILLEGAL_CARD");
  assert.equal(d.rule, "T2");
  assert.match(d.message, /follow/);
  assert.equal(JSON.stringify(s), before);
});

Deno.test("[K3] Baloot is announced with the second of the trump K and Q, never the first", () => {
  // Seat 1 holds KS and QS. Trick 1: 0 leads JS (trump), 1 must follow with a trump.
  let s = run([{ type: "PLAY", seat: 0, card: "JS" }], playing());
  assert.equal(
    refused(s, { type: "PLAY", seat: 1, card: "KS", baloot: true }).code,
    "FALSE_BALOOT",
  );
  s = run([
    { type: "PLAY", seat: 1, card: "KS" },
    { type: "PLAY", seat: 2, card: "JH" },
    { type: "PLAY", seat: 3, card: "QH" },
    { type: "PLAY", seat: 0, card: "9S" },
  ], s);
  const withBaloot = legalCommands(s, 1).filter((c) => c.type === "PLAY" && c.baloot);
  assert.deepEqual(withBaloot, [{ type: "PLAY", seat: 1, card: "QS", baloot: true }]);
  s = run([{ type: "PLAY", seat: 1, card: "QS", baloot: true }], s);
  assert.equal(s.hand!.baloot, 1);
});

Deno.test("[T8] a false Ekka is refused; a true one is accepted", () => {
  const s = playing();
  // TH is not the highest heart out (AH is), and AH is an Ace (obviously highest).
  assert.equal(refused(s, { type: "PLAY", seat: 0, card: "AH", ekka: true }).code, "FALSE_EKKA");
  assert.equal(refused(s, { type: "PLAY", seat: 0, card: "KH", ekka: true }).code, "FALSE_EKKA");
  // Once AH and TH have fallen, seat 0 (who won trick 1) may lead KH as Ekka.
  const t = run([
    { type: "PLAY", seat: 0, card: "AH" },
    { type: "PLAY", seat: 1, card: "TH" },
    { type: "PLAY", seat: 2, card: "7H" },
    { type: "PLAY", seat: 3, card: "QH" },
    { type: "PLAY", seat: 0, card: "KH", ekka: true },
  ], s);
  assert.deepEqual(t.hand!.trick.cards, ["KH"]);
});

Deno.test("[J1]–[J3] projects: only the hand's own, once, in trick 1 before one's card", () => {
  const s = playing();
  // Seat 0 holds A K of hearts only; seat 3 holds Q J T 9 8 of clubs (a Hundred).
  assert.equal(
    refused(s, { type: "DECLARE", seat: 0, projects: [cards("AH KH QH")] }).code,
    "INVALID_PROJECT",
  );
  let t = run([{ type: "PLAY", seat: 0, card: "AH" }, { type: "PLAY", seat: 1, card: "TH" }, {
    type: "PLAY",
    seat: 2,
    card: "7H",
  }], s);
  assert.deepEqual(
    legalCommands(t, 3).filter((c) => c.type === "DECLARE"),
    [{ type: "DECLARE", seat: 3, projects: [cards("QC JC TC 9C 8C")] }],
  );
  assert.equal(
    refused(t, { type: "DECLARE", seat: 3, projects: [cards("QC JC TC")] }).code,
    "INVALID_PROJECT",
    "a run is never split",
  );
  t = run([{ type: "DECLARE", seat: 3, projects: [cards("8C 9C TC JC QC")] }], t);
  assert.equal(t.hand!.declared[3]![0].type, "HUNDRED");
  assert.equal(
    refused(t, { type: "DECLARE", seat: 3, projects: [cards("QC JC TC 9C 8C")] }).code,
    "INVALID_PROJECT",
  );
  t = run([{ type: "PLAY", seat: 3, card: "QH" }], t);
  assert.equal(t.hand!.projects?.winningTeam, 1, "shown after trick 1");
  assert.equal(
    refused(t, { type: "DECLARE", seat: 0, projects: [cards("JS 9S AS")] }).code,
    "WRONG_PHASE",
  );
});
