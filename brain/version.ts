/**
 * Brain versions: the parameters every level plays with (bidding thresholds, search budgets),
 * named and published with the arena figures that admitted them. Workers build their level
 * policies from the current version and switch when a new one is published.
 *
 * @module
 */

import { HEURISTIC_PARAMS, type HeuristicParams, heuristicPolicy } from "./heuristic_policy.ts";
import { LEVEL_2, LEVEL_3, searchPolicy, type SearchSettings } from "./search_policy.ts";
import type { PolicyFactory } from "./registry.ts";

/** What a version sets. */
export interface BrainParams {
  readonly heuristic: HeuristicParams;
  readonly level2: SearchSettings;
  readonly level3: SearchSettings;
}

/** A published version. */
export interface BrainVersion {
  /** `v1`, `v2`, …: the order of publication. */
  readonly id: string;
  readonly params: BrainParams;
  /** The figures it was admitted with (arena result, SPRT verdict, …). */
  readonly metrics: Readonly<Record<string, number | string>>;
  /** ISO time of publication. */
  readonly publishedAt: string;
}

/** The built-in parameters: the version a worker plays before any is published. */
export const DEFAULT_PARAMS: BrainParams = Object.freeze({
  heuristic: HEURISTIC_PARAMS,
  level2: LEVEL_2,
  level3: LEVEL_3,
});

/** The policy of each bot level under `params`. */
export function levelPolicies(params: BrainParams): Record<1 | 2 | 3, PolicyFactory> {
  return {
    1: (seed) => heuristicPolicy(seed, params.heuristic),
    2: searchPolicy(params.level2, params.heuristic),
    3: searchPolicy(params.level3, params.heuristic),
  };
}

const NUMBER_FIELDS = {
  heuristic: ["hokumBid", "sunBid", "sunStrong", "unseenSun"],
  search: [
    "worlds",
    "fromTrick",
    "budgetNodes",
    "capMs",
    "solveNodes",
    "bidSamples",
    "callSolveNodes",
  ],
} as const;

/**
 * Reads parameters from JSON, filling what is left out from {@linkcode DEFAULT_PARAMS}; a
 * message naming the first bad field otherwise.
 */
export function parseBrainParams(value: unknown): BrainParams | string {
  if (!isRecord(value)) return "params: expected an object";
  for (const key of Object.keys(value)) {
    if (!(key in DEFAULT_PARAMS)) return `params.${key}: unknown field`;
  }
  const heuristic: Record<string, number> = { ...DEFAULT_PARAMS.heuristic };
  const given = value.heuristic ?? {};
  if (!isRecord(given)) return "params.heuristic: expected an object";
  for (const [k, v] of Object.entries(given)) {
    if (!(NUMBER_FIELDS.heuristic as readonly string[]).includes(k)) {
      return `params.heuristic.${k}: unknown field`;
    }
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100) {
      return `params.heuristic.${k}: expected a number from 0 to 100`;
    }
    heuristic[k] = v;
  }
  const out: Record<string, unknown> = { heuristic };
  for (const level of ["level2", "level3"] as const) {
    const settings: Record<string, number | boolean> = { ...DEFAULT_PARAMS[level] };
    const g = value[level] ?? {};
    if (!isRecord(g)) return `params.${level}: expected an object`;
    for (const [k, v] of Object.entries(g)) {
      const path = `params.${level}.${k}`;
      if (k === "inference" || k === "gamePoints") {
        if (typeof v !== "boolean") return `${path}: expected true or false`;
      } else if (!(NUMBER_FIELDS.search as readonly string[]).includes(k)) {
        return `${path}: unknown field`;
      } else if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 100_000_000) {
        return `${path}: expected a whole number from 0 to 100000000`;
      }
      settings[k] = v as number | boolean;
    }
    if ((settings.capMs as number) > 1000) return `params.${level}.capMs: at most 1000`;
    if ((settings.fromTrick as number) < 1 || (settings.fromTrick as number) > 8) {
      return `params.${level}.fromTrick: expected 1 to 8`;
    }
    out[level] = settings;
  }
  return out as unknown as BrainParams;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
