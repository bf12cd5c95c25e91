/**
 * `@baloot/brain`: bot policies, and the worker that answers the tables' bot-move requests
 * (`worker.ts`; its Redis adapter, `redis_queue.ts`, is chosen by `main.ts` and not exported
 * here, so importing the policies needs no Redis client). Each policy sees only its seat's view.
 *
 * @module
 */

export * from "./policy.ts";
export * from "./random_policy.ts";
export { heuristicPolicy } from "./heuristic_policy.ts";
export * from "./registry.ts";
export * from "./worker.ts";
