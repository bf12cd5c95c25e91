import assert from "node:assert/strict";
import { makeProfile, PROFILE_KM, PROFILE_OPTIONS, PROFILE_R } from "./mod.ts";

Deno.test("profiles R and KM differ exactly where §2.11 and §2.14 say", () => {
  const differing = Object.keys(PROFILE_R).filter((k) =>
    PROFILE_R[k as keyof typeof PROFILE_R] !== PROFILE_KM[k as keyof typeof PROFILE_KM]
  );
  assert.deepEqual(differing.sort(), [
    "balootOnKhasara",
    "contractTest",
    "gahwaRecord",
    "id",
    "kabootLoser",
    "kabootProjects",
    "lockChoice",
    "projectMultiplier",
    "undoubledTie",
  ]);
});

Deno.test("every enumerated profile key lists its allowed values, R's among them", () => {
  for (const [key, options] of Object.entries(PROFILE_OPTIONS)) {
    assert.ok(options.includes(PROFILE_R[key as keyof typeof PROFILE_R] as string), key);
    assert.ok(options.includes(PROFILE_KM[key as keyof typeof PROFILE_KM] as string), key);
  }
});

Deno.test("makeProfile() applies overrides and names a bad key or value", () => {
  const p = makeProfile("KM", { target: 151, reverseKabootSun: 88 });
  assert.ok(typeof p !== "string");
  assert.equal(p.id, "KM");
  assert.equal(p.target, 151);
  assert.equal(p.reverseKabootSun, 88);
  assert.match(makeProfile("R", { colour: "red" }) as string, /profile\.colour/);
  assert.match(makeProfile("R", { sunRounding: "BANKERS" }) as string, /profile\.sunRounding/);
  assert.match(makeProfile("R", { target: 0 }) as string, /profile\.target/);
});
