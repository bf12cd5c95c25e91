import assert from "node:assert/strict";
import { PROFILE_KM } from "./mod.ts";
import { checkRandomMatch, MATCHES } from "./_properties.ts";

Deno.test(`${MATCHES} seeded random matches under profile KM keep every invariant`, () => {
  for (let m = 0; m < MATCHES; m++) {
    assert.equal(checkRandomMatch(PROFILE_KM, `KM-${m}`, m).phase, "OVER");
  }
});
