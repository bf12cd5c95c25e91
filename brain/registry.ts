/**
 * The built-in bots by name, for command lines, the arena and table options.
 *
 * @module
 */

import type { Policy } from "./policy.ts";
import { randomPolicy } from "./random_policy.ts";
import { DEFAULT_PARAMS, levelPolicies } from "./version.ts";

/** Makes a bot from a seed (bots that need no randomness ignore it). */
export type PolicyFactory = (seed: string) => Policy;

const levels = levelPolicies(DEFAULT_PARAMS);

/**
 * The built-in bots: `random` (uniform legal moves), `level1` (the heuristic, also named
 * `heuristic`), `level2` (search) and `level3` (search with inference), with the built-in
 * parameters.
 */
export const POLICIES: Readonly<Record<string, PolicyFactory>> = {
  random: randomPolicy,
  heuristic: levels[1],
  level1: levels[1],
  level2: levels[2],
  level3: levels[3],
};
