/**
 * `deno task arena --a POLICY --b POLICY --pairs N --seed S`: duplicate matches between two
 * bots. Options: `--threads T` (one per core by default), `--profile R|KM`, `--a-params FILE`
 * and `--b-params FILE` (a level's parameters from a version file). Progress goes to stderr;
 * the summary ends with one JSON line.
 *
 * @module
 */

import { type ProfileId, PROFILES } from "@baloot/rules";
import { type PairResult, summarize } from "./arena.ts";
import { type BotSpec, runPairs } from "./arena_pool.ts";
import { POLICIES } from "./registry.ts";
import { parseBrainParams } from "./version.ts";

const USAGE = "usage: deno task arena --a POLICY --b POLICY [--pairs N] [--seed S] " +
  "[--threads T] [--profile R|KM] [--a-params FILE] [--b-params FILE]\n" +
  `policies: ${Object.keys(POLICIES).join(", ")}`;

/** Reads `--name value` options; unknown or repeated ones are errors. */
export function parseOptions(
  args: readonly string[],
  known: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, "");
    if (!args[i].startsWith("--") || !known.includes(name)) {
      throw new Error(`unknown option ${args[i]}`);
    }
    if (i + 1 >= args.length) throw new Error(`${args[i]} needs a value`);
    if (out.has(name)) throw new Error(`${args[i]} given twice`);
    out.set(name, args[i + 1]);
  }
  return out;
}

async function spec(name: string | undefined, paramsFile: string | undefined): Promise<BotSpec> {
  if (name === undefined) throw new Error("--a and --b are required");
  if (!Object.hasOwn(POLICIES, name)) throw new Error(`unknown policy ${name}`);
  if (paramsFile === undefined) return { name };
  const json = JSON.parse(await Deno.readTextFile(paramsFile));
  const params = parseBrainParams(json.params ?? json);
  if (typeof params === "string") throw new Error(`${paramsFile}: ${params}`);
  return { name, params };
}

if (import.meta.main) {
  try {
    const o = parseOptions(Deno.args, [
      "a",
      "b",
      "pairs",
      "seed",
      "threads",
      "profile",
      "a-params",
      "b-params",
    ]);
    const pairs = Number(o.get("pairs") ?? 100);
    const threads = Number(o.get("threads") ?? navigator.hardwareConcurrency);
    const profile = o.get("profile") ?? "R";
    if (!Number.isInteger(pairs) || pairs < 2) {
      throw new Error("--pairs: a whole number, 2 or more");
    }
    if (!Number.isInteger(threads) || threads < 1) throw new Error("--threads: 1 or more");
    if (!Object.hasOwn(PROFILES, profile)) throw new Error("--profile: R or KM");
    const a = await spec(o.get("a"), o.get("a-params"));
    const b = await spec(o.get("b"), o.get("b-params"));
    const seed = o.get("seed") ?? "arena";
    const started = performance.now();
    const done: PairResult[] = [];
    const results = await runPairs(
      { a, b, seed, profile: profile as ProfileId },
      pairs,
      threads,
      (r) => {
        done.push(r);
        if (done.length % 10 === 0) {
          const so = summarize(done);
          console.error(
            `${done.length} pairs: ${so.gpPerDeal.toFixed(2)} ± ${so.ci95.toFixed(2)} gp/deal`,
          );
        }
      },
    );
    const s = summarize(results);
    const f = (x: number) => x.toFixed(2);
    console.log(
      `${a.name} vs ${b.name}, ${s.pairs} duplicate pairs (seed ${seed}, profile ${profile})`,
    );
    console.log(`  game points per deal, A over B: ${f(s.gpPerDeal)} ± ${f(s.ci95)} (95%)`);
    console.log(`  interval: [${f(s.gpPerDeal - s.ci95)}, ${f(s.gpPerDeal + s.ci95)}]`);
    console.log(`  matches won by A: ${(s.winRate * 100).toFixed(1)}%`);
    console.log(
      `  ms per decision: A mean ${f(s.msA.mean)} p95 ${f(s.msA.p95)}; ` +
        `B mean ${f(s.msB.mean)} p95 ${f(s.msB.p95)}`,
    );
    console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s on ${threads} threads`);
    console.log(JSON.stringify({
      bench: "arena",
      a: a.name,
      b: b.name,
      pairs: s.pairs,
      seed,
      gp_per_deal: Number(f(s.gpPerDeal)),
      ci95: Number(f(s.ci95)),
      lower: Number(f(s.gpPerDeal - s.ci95)),
      win_rate: Number(s.winRate.toFixed(3)),
      ms_a_mean: Number(f(s.msA.mean)),
      ms_b_mean: Number(f(s.msB.mean)),
    }));
  } catch (e) {
    console.error(`arena: ${e instanceof Error ? e.message : e}\n${USAGE}`);
    Deno.exit(2);
  }
}
