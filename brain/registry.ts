/**
 * The built-in bots by name, for command lines and table options.
 *
 * @module
 */

import type { Policy } from "./policy.ts";
import { randomPolicy } from "./random_policy.ts";

/** Makes a bot from a seed (bots that need no randomness ignore it). */
export type PolicyFactory = (seed: string) => Policy;

/** The built-in bots: `random` (uniform legal moves). */
export const POLICIES: Readonly<Record<string, PolicyFactory>> = {
  random: randomPolicy,
};
