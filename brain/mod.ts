/**
 * `@baloot/brain`: bot policies. Each policy sees only its seat's view.
 *
 * @module
 */

export * from "./policy.ts";
export * from "./random_policy.ts";
export { heuristicPolicy } from "./heuristic_policy.ts";
export * from "./registry.ts";
