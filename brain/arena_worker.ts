/**
 * An arena thread: plays the pairs it is sent and posts each result back.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { PROFILES } from "@baloot/rules";
import { playPair } from "./arena.ts";
import type { BotSpec, PoolTask } from "./arena_pool.ts";
import { POLICIES, type PolicyFactory } from "./registry.ts";
import { levelPolicies } from "./version.ts";

const LEVELS: Record<string, 1 | 2 | 3> = { heuristic: 1, level1: 1, level2: 2, level3: 3 };

/** The factory of a bot spec. */
function factory(spec: BotSpec): PolicyFactory {
  if (spec.params && spec.name in LEVELS) return levelPolicies(spec.params)[LEVELS[spec.name]];
  const f = POLICIES[spec.name];
  if (!f) throw new Error(`unknown bot ${spec.name}`);
  return f;
}

self.onmessage = (e: MessageEvent<PoolTask>) => {
  try {
    const t = e.data;
    self.postMessage(playPair(factory(t.a), factory(t.b), t.seed, t.pair, PROFILES[t.profile]));
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
