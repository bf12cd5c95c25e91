/**
 * `@baloot/brain`: bot policies (the Level 1 heuristic, the Level 2 and 3 search bots and the
 * double-dummy solver under them), brain versions, the arena that compares bots, and the worker
 * that answers the tables' bot-move requests (`worker.ts`; its Redis adapter, `redis_queue.ts`,
 * is chosen by `main.ts` and not exported here, so importing the policies needs no Redis
 * client). Each policy sees only its seat's view.
 *
 * @module
 */

export * from "./policy.ts";
export * from "./random_policy.ts";
export { HEURISTIC_PARAMS, type HeuristicParams, heuristicPolicy } from "./heuristic_policy.ts";
export * from "./search_policy.ts";
export * from "./solver.ts";
export * from "./knowledge.ts";
export * from "./worlds.ts";
export * from "./version.ts";
export * from "./arena.ts";
export * from "./sprt.ts";
export * from "./registry.ts";
export * from "./worker.ts";
