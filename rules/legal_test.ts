import assert from "node:assert/strict";
import { type Card, decide, DECK, legalCommands, PROFILE_KM, PROFILE_R, viewFor } from "./mod.ts";
import { randomMatch } from "./_testing.ts";

Deno.test("legalCommands() and decide() agree: every listed command is accepted, every other card refused", () => {
  let checked = 0;
  for (const profile of [PROFILE_R, PROFILE_KM]) {
    for (let m = 0; m < 40; m++) {
      randomMatch(profile, `legal-${m}`, (_events, state) => {
        const seat = state.hand?.toAct;
        if (seat === null || seat === undefined) return;
        const legal = legalCommands(state, seat);
        assert.ok(legal.length > 0, "someone on turn always has a move");
        for (const c of legal) assert.ok(decide(state, c).ok, `${JSON.stringify(c)} refused`);
        assert.deepEqual(
          legalCommands(viewFor(state, seat), seat),
          legal,
          "the seat's view suffices",
        );
        for (let other = 0; other < 4; other++) {
          if (other !== seat) assert.deepEqual(legalCommands(state, other as 0), []);
        }
        if (state.phase === "PLAY") {
          const allowed = new Set(
            legal.filter((c) => c.type === "PLAY").map((c) => (c as { card: Card }).card),
          );
          for (const card of DECK) {
            if (!allowed.has(card)) {
              assert.ok(!decide(state, { type: "PLAY", seat, card }).ok, card);
            }
          }
        }
        checked++;
      });
    }
  }
  assert.ok(checked > 5000, `${checked} positions checked`);
});
