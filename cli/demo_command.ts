/**
 * `baloot demo` (what `deno task start` runs): one match between bots, told in the terminal.
 * A short pause after each trick lets a human follow; `--fast`, or output that is not a
 * terminal, prints without pauses. `--seed S` replays the same match as match 1 of
 * `selfplay --seed S` with the same profile and bots.
 *
 * @module
 */

import { parseArgs, profileFlag } from "./args.ts";
import { parseBots, playBotMatch } from "./bots.ts";
import { Narrator, TEAM_NAMES } from "./narrate.ts";

const USAGE = "usage: baloot demo [--seed S] [--profile R|KM] [--bots A,B] [--fast]";
/** Pause after each trick, in milliseconds. */
const TRICK_PAUSE = 450;
/** Pause after each hand's result. */
const HAND_PAUSE = 1200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh random seed for a demo run without `--seed`. */
function randomSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Runs the command; returns the exit code. */
export async function demoCommand(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args, {
    seed: "string",
    profile: "string",
    bots: "string",
    fast: "boolean",
  });
  const fail = (message: string) => {
    console.error(`demo: ${message}`);
    console.error(USAGE);
    return 2;
  };
  if (typeof parsed === "string") return fail(parsed);
  if (parsed.positional.length > 0) return fail(`unexpected argument "${parsed.positional[0]}"`);
  const profile = profileFlag(parsed.flags.profile);
  if (typeof profile === "string") return fail(profile);
  const bots = parseBots(parsed.flags.bots);
  if (typeof bots === "string") return fail(bots);
  const seed = typeof parsed.flags.seed === "string" ? parsed.flags.seed : randomSeed();
  const paced = parsed.flags.fast !== true && Deno.stdout.isTerminal();

  let match;
  try {
    match = playBotMatch({ seed, index: 0, profile, bots });
  } catch (e) {
    console.error(`demo: the match failed: ${(e as Error).message}`);
    return 1;
  }
  console.log(
    `Baloot (بلوت) demo: ${TEAM_NAMES[0]} (${bots[0]} bots) ` +
      `against ${TEAM_NAMES[1]} (${bots[1]} bots). Seed "${seed}".`,
  );
  const shown = /^[\w.:-]+$/.test(seed) ? seed : `'${seed.replaceAll("'", "'\\''")}'`;
  console.log(
    `Replay this match: deno task baloot demo --seed ${shown} --profile ${profile.id}` +
      ` --bots ${bots.join(",")}`,
  );
  const narrator = new Narrator();
  for (const e of match.events) {
    for (const line of narrator.feed(e)) console.log(line);
    if (paced && e.type === "TRICK_END") await sleep(TRICK_PAUSE);
    if (paced && (e.type === "HAND_RESULT" || e.type === "HAND_CANCELLED")) await sleep(HAND_PAUSE);
  }
  return 0;
}
