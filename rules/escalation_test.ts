import assert from "node:assert/strict";
import {
  type Command,
  decide,
  type EscalationCall,
  type GameState,
  makeProfile,
  type Profile,
  type Seat,
} from "./mod.ts";
import { dealt, MIXED, run, SEAT0_HOKUM_SPADES } from "./_testing.ts";

/** Seat 0 buys Hokum in spades; the defenders (1, then 3) are asked to double. */
function hokum(profile?: Profile): GameState {
  return run(
    SEAT0_HOKUM_SPADES,
    dealt({ dealer: 3, faceUp: "TS", recipient: 0, hands: MIXED, profile }),
  );
}

const esc = (seat: Seat, call: EscalationCall, locked?: boolean): Command =>
  locked === undefined
    ? { type: "ESCALATE", seat, call }
    : { type: "ESCALATE", seat, call, locked };

function refusal(s: GameState, c: Command) {
  const d = decide(s, c);
  assert.ok(!d.ok, `${JSON.stringify(c)} should be refused`);
  return d;
}

Deno.test("[X1] the Hokum chain: Double, Three, Four, Gahwa, each by the right team", () => {
  const s = hokum();
  assert.equal(s.phase, "ESCALATION");
  assert.equal(s.hand!.toAct, 1, "the first defender from the dealer's right");
  assert.equal(refusal(s, esc(1, "TRIPLE")).rule, "X1");
  const doubled = run([esc(1, "DOUBLE", true)], s);
  assert.equal(doubled.hand!.escalation.level, 2);
  assert.equal(doubled.hand!.escalation.locked, true);
  assert.deepEqual(doubled.hand!.escalation.pending, [0, 2], "the buyer's team answers");
  const tripled = run([esc(0, "PASS"), esc(2, "TRIPLE", false)], doubled);
  assert.equal(tripled.hand!.escalation.level, 3);
  assert.equal(tripled.hand!.escalation.locked, false);
  assert.deepEqual(tripled.hand!.escalation.pending, [1, 3], "the doubler's team answers");
  const four = run([esc(1, "FOUR", true)], tripled);
  assert.equal(refusal(four, esc(0, "GAHWA", true)).rule, "V09", "Gahwa is always open");
  const gahwa = run([esc(0, "GAHWA")], four);
  assert.equal(gahwa.hand!.escalation.level, "GAHWA");
  assert.equal(gahwa.hand!.escalation.locked, false);
  assert.equal(gahwa.phase, "PLAY");
  assert.equal(gahwa.hand!.toAct, 0, "[T1] the dealer's right leads");
  assert.equal(gahwa.hand!.escalation.doubler, 1);
});

Deno.test("[X1] both defenders passing starts play undoubled", () => {
  const s = run([esc(1, "PASS"), esc(3, "PASS")], hokum());
  assert.equal(s.phase, "PLAY");
  assert.equal(s.hand!.escalation.level, 1);
});

Deno.test("[X4] V09 under R: each caller says open or locked; locked bars trump leads", () => {
  assert.equal(refusal(hokum(), esc(1, "DOUBLE")).rule, "X4");
  const locked = run([esc(1, "DOUBLE", true), esc(0, "PASS"), esc(2, "PASS")], hokum());
  assert.equal(locked.phase, "PLAY");
  const d = refusal(locked, { type: "PLAY", seat: 0, card: "JS" });
  assert.equal(d.code, "ILLEGAL_CARD");
  assert.equal(d.rule, "X4");
  assert.ok(decide(locked, { type: "PLAY", seat: 0, card: "AH" }).ok);
});

Deno.test("V09 under KM: only the Double chooses; V08 by seat: only the buyer answers", () => {
  const km = makeProfile("KM", { escalationBy: "SEAT" }) as Profile;
  const doubled = run([esc(1, "DOUBLE", true)], hokum(km));
  assert.deepEqual(doubled.hand!.escalation.pending, [0]);
  assert.equal(refusal(doubled, esc(0, "TRIPLE", false)).rule, "V09");
  const tripled = run([esc(0, "TRIPLE")], doubled);
  assert.equal(tripled.hand!.escalation.locked, true, "the Double's choice stays");
  assert.deepEqual(tripled.hand!.escalation.pending, [1], "Four by the doubler");
});

Deno.test("[X3] Sun: only a Double, only when the buyer is above 100 and the doubler is not", () => {
  const sun = (score: [number, number]) =>
    run(
      [{ type: "BID", seat: 0, call: "SUN" }],
      dealt({ dealer: 3, faceUp: "TS", recipient: 0, hands: MIXED, score }),
    );
  assert.equal(sun([0, 0]).phase, "PLAY");
  assert.equal(sun([101, 101]).phase, "PLAY");
  const open = sun([110, 80]);
  assert.equal(open.phase, "ESCALATION");
  assert.equal(refusal(open, esc(1, "DOUBLE", true)).rule, "V09", "no locking in Sun");
  const doubled = run([esc(1, "DOUBLE")], open);
  assert.equal(doubled.phase, "PLAY");
  assert.equal(doubled.hand!.escalation.level, 2);
});
