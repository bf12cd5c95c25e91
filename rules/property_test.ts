import assert from "node:assert/strict";
import { PROFILE_R } from "./mod.ts";
import { checkRandomMatch, MATCHES } from "./_properties.ts";

Deno.test(`${MATCHES} seeded random matches under profile R keep every invariant`, () => {
  for (let m = 0; m < MATCHES; m++) {
    assert.equal(checkRandomMatch(PROFILE_R, `R-${m}`, m).phase, "OVER");
  }
});
