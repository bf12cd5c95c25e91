/**
 * The built-in bots by name, for command lines and table options.
 *
 * @module
 */

import type { Policy } from "./policy.ts";
import { heuristicPolicy } from "./heuristic_policy.ts";
import { randomPolicy } from "./random_policy.ts";

/** Makes a bot from a seed (bots that need no randomness ignore it). */
export type PolicyFactory = (seed: string) => Policy;

/** The built-in bots: `random` (uniform legal moves) and `heuristic` (Level 1, a casual player). */
export const POLICIES: Readonly<Record<string, PolicyFactory>> = {
  random: randomPolicy,
  heuristic: heuristicPolicy,
};
