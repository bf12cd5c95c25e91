/**
 * The random bot: a uniformly random legal command, from a seeded stream so games replay.
 *
 * @module
 */

import { ChaChaStream, deriveSeed, fromHex } from "@baloot/rules";
import type { Policy } from "./policy.ts";

/**
 * A policy that picks uniformly among the legal commands.
 *
 * @example
 * ```ts
 * import { randomPolicy } from "@baloot/brain";
 * const bot = randomPolicy("seed-1");
 * ```
 */
export function randomPolicy(seed: string): Policy {
  const rng = new ChaChaStream(fromHex(deriveSeed(seed, "random-policy"))!);
  return (_view, _seat, legal) => legal[rng.nextInt(legal.length)];
}
