/**
 * Test helpers for `wire/`: seeded random matches driven through the engine. Not exported from
 * `mod.ts`.
 *
 * @module
 */

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
