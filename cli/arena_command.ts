/**
 * `deno task arena --a POLICY --b POLICY --pairs N --seed S` (`baloot arena …`): duplicate
 * matches between two bots. Options: `--threads T` (one per core by default), `--profile R|KM`, `--a-params FILE`
 * and `--b-params FILE` (a level's parameters from a version file). Progress goes to stderr;
 * the summary ends with one JSON line.
 *
 * @module
 */

import type { ProfileId } from "@baloot/rules";
import { type PairResult, parseBrainParams, POLICIES, summarize } from "@baloot/brain";
import { type BotSpec, runPairs } from "@baloot/brain/arena_pool";
import { parseArgs, positiveInt } from "./args.ts";

const USAGE = "usage: deno task arena --a POLICY --b POLICY [--pairs N] [--seed S] " +
  "[--threads T] [--profile R|KM] [--a-params FILE] [--b-params FILE]\n" +
  `policies: ${Object.keys(POLICIES).join(", ")}`;

/** An option's value, or `fallback`. */
function text(flags: Readonly<Record<string, string | boolean>>, name: string): string | undefined {
  const v = flags[name];
  return typeof v === "string" ? v : undefined;
}

/** Reads a bot: a policy name and, optionally, a level's parameters from a version file. */
async function spec(name: string | undefined, paramsFile: string | undefined): Promise<BotSpec> {
  if (name === undefined) throw new Error("--a and --b are required");
  if (!Object.hasOwn(POLICIES, name)) throw new Error(`unknown policy ${name}`);
  if (paramsFile === undefined) return { name };
  const json = JSON.parse(await Deno.readTextFile(paramsFile));
  const params = parseBrainParams(json.params ?? json);
  if (typeof params === "string") throw new Error(`${paramsFile}: ${params}`);
  return { name, params };
}

/** Runs the arena; returns the exit code (2 on bad input). */
export async function arenaCommand(args: readonly string[]): Promise<number> {
  try {
    const parsed = parseArgs(args, {
      a: "string",
      b: "string",
      pairs: "string",
      seed: "string",
      threads: "string",
      profile: "string",
      "a-params": "string",
      "b-params": "string",
    });
    if (typeof parsed === "string") throw new Error(parsed);
    if (parsed.positional.length > 0) throw new Error(`unexpected ${parsed.positional[0]}`);
    const o = parsed.flags;
    const pairs = positiveInt(text(o, "pairs") ?? "100", "pairs");
    const threads = positiveInt(
      text(o, "threads") ?? String(navigator.hardwareConcurrency),
      "threads",
      256,
    );
    const profile = text(o, "profile") ?? "R";
    if (typeof pairs === "string") throw new Error(pairs);
    if (pairs < 2) throw new Error("--pairs: 2 or more");
    if (typeof threads === "string") throw new Error(threads);
    if (profile !== "R" && profile !== "KM") throw new Error("--profile: R or KM");
    const a = await spec(text(o, "a"), text(o, "a-params"));
    const b = await spec(text(o, "b"), text(o, "b-params"));
    const seed = text(o, "seed") ?? "arena";
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
    console.log("  where A and B first parted in a hand: hands, A's mean gain (gp, both matches)");
    for (const p of s.parted) {
      const gain = `${p.gain >= 0 ? "+" : ""}${f(p.gain)}`;
      const ci = Number.isFinite(p.ci95) ? ` ± ${f(p.ci95)}` : "";
      console.log(`    ${p.kind.padEnd(11)} ${String(p.hands).padStart(6)}  ${gain}${ci}`);
    }
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
    return 0;
  } catch (e) {
    console.error(`arena: ${e instanceof Error ? e.message : e}\n${USAGE}`);
    return 2;
  }
}
