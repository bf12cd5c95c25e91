/**
 * `deno task brain:publish --candidate FILE` (`baloot publish …`): a candidate brain version (a parameters file)
 * plays duplicate pairs against the current published version at one level until the SPRT
 * decides; it is published only if it is not weaker. Running workers switch to it within
 * seconds, without a restart.
 *
 * Options: `--level 1|2|3` (the level compared, 3 by default), `--max-pairs N` (1000; an
 * undecided test publishes nothing; so does a candidate that ties the first 50 pairs, as one
 * deciding exactly like the current version does), `--seed S`, `--threads T`. `--list` shows the published
 * versions instead. Redis from `REDIS_URL`. Exit code 0 when published (or listed), 1 when
 * refused, 2 on bad input.
 *
 * @module
 */

import { BUILT_IN, parseBrainParams, Sprt, summarize } from "@baloot/brain";
import { runPairs } from "@baloot/brain/arena_pool";
import { RedisBrainStore } from "@baloot/brain/redis_store";
import { parseArgs, positiveInt } from "./args.ts";

const USAGE = "usage: deno task brain:publish --candidate FILE [--level 1|2|3] " +
  "[--max-pairs N] [--seed S] [--threads T]\n       deno task brain:publish --list";

/** Pairs, all tied, after which a candidate is taken to play as the current version does. */
const SAME_PLAY_PAIRS = 50;

async function publish(args: readonly string[]): Promise<number> {
  const url = Deno.env.get("REDIS_URL") || "redis://127.0.0.1:6379";
  if (args[0] === "--list") {
    const store = new RedisBrainStore(url);
    try {
      await store.ready();
      const list = await store.history();
      if (list.length === 0) console.log("no version published: workers play v0, the built-in one");
      for (const v of list) console.log(`${v.id}  ${v.publishedAt}  ${JSON.stringify(v.metrics)}`);
      return 0;
    } finally {
      await store.close();
    }
  }
  const parsed = parseArgs(args, {
    candidate: "string",
    level: "string",
    "max-pairs": "string",
    seed: "string",
    threads: "string",
  });
  if (typeof parsed === "string") throw new Error(parsed);
  if (parsed.positional.length > 0) throw new Error(`unexpected ${parsed.positional[0]}`);
  const o = new Map(Object.entries(parsed.flags).map(([k, v]) => [k, String(v)]));
  const file = o.get("candidate");
  if (!file) throw new Error("--candidate is required");
  const json = JSON.parse(await Deno.readTextFile(file));
  const params = parseBrainParams(json.params ?? json);
  if (typeof params === "string") throw new Error(`${file}: ${params}`);
  const level = o.get("level") ?? "3";
  if (!["1", "2", "3"].includes(level)) throw new Error("--level: 1, 2 or 3");
  const maxPairs = positiveInt(o.get("max-pairs") ?? "1000", "max-pairs");
  const threads = positiveInt(
    o.get("threads") ?? String(navigator.hardwareConcurrency),
    "threads",
    256,
  );
  if (typeof maxPairs === "string") throw new Error(maxPairs);
  if (maxPairs < 2) throw new Error("--max-pairs: 2 or more");
  if (typeof threads === "string") throw new Error(threads);
  const seed = o.get("seed") ?? `publish-${Date.now()}`;
  const store = new RedisBrainStore(url);
  try {
    await store.ready();
    const current = (await store.current()) ?? BUILT_IN;
    const name = `level${level}`;
    console.log(`candidate ${file} against ${current.id} at ${name}, up to ${maxPairs} pairs`);
    const sprt = new Sprt();
    const results = await runPairs(
      { a: { name, params }, b: { name, params: current.params }, seed, profile: "R" },
      maxPairs,
      threads,
      (r) => {
        sprt.add(r.diff);
        if (sprt.pairs % 25 === 0) {
          console.error(
            `${sprt.pairs} pairs: ${sprt.wins}-${sprt.losses}, llr ${sprt.llr.toFixed(2)}`,
          );
        }
        // The arena pairs the bots' randomness, so a candidate that decides exactly as the
        // current version does ties every pair: nothing to test, and nothing to gain.
        if (sprt.wins + sprt.losses === 0 && sprt.draws >= SAME_PLAY_PAIRS) return false;
        return sprt.verdict === "CONTINUE";
      },
    );
    const s = summarize(results);
    const metrics = {
      level: Number(level),
      against: current.id,
      pairs: sprt.pairs,
      wins: sprt.wins,
      losses: sprt.losses,
      draws: sprt.draws,
      llr: Number(sprt.llr.toFixed(3)),
      verdict: sprt.verdict,
      gp_per_deal: Number(s.gpPerDeal.toFixed(2)),
      ci95: Number(s.ci95.toFixed(2)),
      seed,
    };
    console.log(
      `SPRT after ${sprt.pairs} pairs (${sprt.wins} won, ${sprt.losses} lost): ` +
        `${sprt.verdict}; ${metrics.gp_per_deal} ± ${metrics.ci95} gp/deal`,
    );
    if (sprt.wins + sprt.losses === 0) {
      console.log(`not published: it played as ${current.id} did in all ${sprt.pairs} pairs`);
      return 1;
    }
    if (sprt.verdict !== "NOT_WEAKER") {
      console.log(`not published: ${sprt.verdict === "WEAKER" ? "weaker" : "undecided"}`);
      return 1;
    }
    const v = await store.publish(params, metrics);
    console.log(`published ${v.id}: workers switch to it within seconds`);
    console.log(JSON.stringify({ published: v.id, ...metrics }));
    return 0;
  } finally {
    await store.close();
  }
}

/** Runs the publish command; returns the exit code (0 published or listed, 1 refused, 2 bad input). */
export async function publishCommand(args: readonly string[]): Promise<number> {
  try {
    return await publish(args);
  } catch (e) {
    console.error(`publish: ${e instanceof Error ? e.message : e}\n${USAGE}`);
    return 2;
  }
}
