/**
 * Test helpers for `wire/`: seeded random matches driven through the engine, and the hostile
 * values the parsers are fuzzed with. Not exported from `mod.ts`.
 *
 * @module
 */

// deno-lint-ignore no-import-prefix -- fast-check is a test-only dependency, pinned here.
import fc from "npm:fast-check@4.10.2";

import {
  ChaChaStream,
  type Chooser,
  deriveSeed,
  driveMatch,
  type DrivenMatch,
  fromHex,
  type Profile,
  type Seat,
} from "@baloot/rules";

/** A chooser picking uniformly among the legal commands, from a seeded stream. */
export function randomChooser(seed: string): Chooser {
  const rng = new ChaChaStream(fromHex(deriveSeed(seed, "choices"))!);
  return (_state, _seat, legal) => legal[rng.nextInt(legal.length)];
}

/** A reproducible random match named by `label`. */
export function randomMatch(profile: Profile, label: string): DrivenMatch {
  const base = deriveSeed("wire-test", label);
  const dealer = (parseInt(base.slice(0, 2), 16) % 4) as Seat;
  return driveMatch(
    { profile, dealer, seedFor: (n) => deriveSeed(base, n) },
    randomChooser(base),
  );
}

/** Values a hostile peer can produce: fast-check's anything, and the corner cases it rarely hits. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    -0,
    -1,
    2 ** 31 + 1,
    2 ** 53,
    2n ** 64n,
    "",
    "__proto__",
    "a".repeat(5000),
    // JSON.stringify throws on these and String() does too: a value msgpack can carry.
    { toString: 1, big: 2n ** 70n },
    [{ valueOf: 1, toString: 1 }, 2n ** 63n],
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
  fc.string({ maxLength: 3000, unit: "binary" }),
);
