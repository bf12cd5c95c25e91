import assert from "node:assert/strict";
import { testStream } from "./_testing.ts";
import { Sprt } from "./sprt.ts";

/** Runs a test on pairs the candidate wins with probability `p`; the verdict and pairs used. */
function simulate(p: number, seed: string, max = 20_000): [string, number] {
  const rng = testStream(seed);
  const t = new Sprt();
  while (t.verdict === "CONTINUE" && t.pairs < max) {
    t.add(rng.nextUint32() / 2 ** 32 < p ? 3 : -3);
  }
  return [t.verdict, t.pairs];
}

Deno.test("the SPRT admits a stronger candidate and refuses a weaker one, each within its error rate", () => {
  const runs = 200;
  let wrongStrong = 0, wrongWeak = 0;
  for (let i = 0; i < runs; i++) {
    if (simulate(0.55, `strong-${i}`)[0] !== "NOT_WEAKER") wrongStrong++;
    if (simulate(0.42, `weak-${i}`)[0] !== "WEAKER") wrongWeak++;
  }
  // 5% error rates at p1 and p0; further out, fewer errors. 10% leaves room for chance.
  assert.ok(wrongStrong <= runs * 0.1, `${wrongStrong} strong candidates refused`);
  assert.ok(wrongWeak <= runs * 0.1, `${wrongWeak} weak candidates admitted`);
});

Deno.test("the SPRT ignores draws and starts undecided", () => {
  const t = new Sprt();
  assert.equal(t.verdict, "CONTINUE");
  for (let i = 0; i < 100; i++) t.add(0);
  assert.deepEqual([t.verdict, t.draws, t.llr], ["CONTINUE", 100, 0]);
  assert.throws(() => new Sprt({ p0: 0.5, p1: 0.5, alpha: 0.05, beta: 0.05 }));
});
