import assert from "node:assert/strict";
import { DEFAULT_PARAMS, parseBrainParams } from "./version.ts";

Deno.test("brain parameters: what is left out is the built-in value; every field is checked", () => {
  assert.deepEqual(parseBrainParams({}), DEFAULT_PARAMS);
  const p = parseBrainParams({
    heuristic: { hokumBid: 7 },
    level3: { worlds: 40, gamePoints: false },
  });
  assert.notEqual(typeof p, "string");
  if (typeof p === "string") return;
  assert.equal(p.heuristic.hokumBid, 7);
  assert.equal(p.heuristic.sunBid, DEFAULT_PARAMS.heuristic.sunBid);
  assert.deepEqual(p.level3, { ...DEFAULT_PARAMS.level3, worlds: 40, gamePoints: false });
  assert.deepEqual(p.level2, DEFAULT_PARAMS.level2);
  const refused: [unknown, RegExp][] = [
    [null, /^params: expected an object/],
    [{ level4: {} }, /^params\.level4: unknown field/],
    [{ heuristic: { bluff: 1 } }, /^params\.heuristic\.bluff: unknown field/],
    [{ heuristic: { hokumBid: "8" } }, /^params\.heuristic\.hokumBid: expected a number/],
    [{ level2: { worlds: 2.5 } }, /^params\.level2\.worlds: expected a whole number/],
    [{ level2: { inference: 1 } }, /^params\.level2\.inference: expected true or false/],
    [{ level3: { capMs: 5000 } }, /^params\.level3\.capMs: at most 1000/],
    [{ level3: { fromTrick: 9 } }, /^params\.level3\.fromTrick: expected 1 to 8/],
  ];
  for (const [value, message] of refused) assert.match(parseBrainParams(value) as string, message);
});
