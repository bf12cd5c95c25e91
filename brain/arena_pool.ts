/**
 * Runs arena pairs on worker threads (one per core by default), in pair order as far as
 * results go: the caller sees each result as it comes and may stop the run early (the SPRT
 * does).
 *
 * @module
 */

import type { ProfileId } from "@baloot/rules";
import type { PairResult } from "./arena.ts";
import type { BrainParams } from "./version.ts";

/** A bot as the arena names it: a built-in name, or a level with a version's parameters. */
export interface BotSpec {
  /** `random`, `level1` … `level3` (`heuristic` is `level1`). */
  readonly name: string;
  /** A version's parameters, for `level1` … `level3`. */
  readonly params?: BrainParams;
}

/** What a worker thread is asked to do. */
export interface PoolTask {
  readonly a: BotSpec;
  readonly b: BotSpec;
  readonly seed: string;
  readonly profile: ProfileId;
  readonly pair: number;
}

/**
 * Plays pairs `0 … pairs-1` on `threads` threads; `onResult` returns `false` to stop (pairs in
 * hand are finished and reported). Resolves with every result, in pair order.
 */
export async function runPairs(
  task: Omit<PoolTask, "pair">,
  pairs: number,
  threads: number,
  onResult: (r: PairResult) => boolean | void,
): Promise<PairResult[]> {
  const results: PairResult[] = [];
  let next = 0;
  let stop = false;
  const runOne = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const step = () => {
        if (stop || next >= pairs) return resolve();
        const pair = next++;
        worker.postMessage({ ...task, pair } satisfies PoolTask);
      };
      worker.onmessage = (e: MessageEvent<PairResult | { error: string }>) => {
        if ("error" in e.data) return reject(new Error(e.data.error));
        results.push(e.data);
        if (onResult(e.data) === false) stop = true;
        step();
      };
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      step();
    });
  const workers = Array.from(
    { length: Math.max(1, Math.min(threads, pairs)) },
    () => new Worker(new URL("./arena_worker.ts", import.meta.url), { type: "module" }),
  );
  try {
    await Promise.all(workers.map(runOne));
  } finally {
    for (const w of workers) w.terminate();
  }
  return results.sort((x, y) => x.pair - y.pair);
}
