/**
 * `baloot selfplay`: plays matches between bots and writes one game record per match
 * (`DIR/match-0001.jsonl`, ...). The same arguments always write the same bytes: every seed
 * comes from `--seed` (see `bots.ts`) and records carry no timestamps.
 *
 * @module
 */

import { encodeRecord, type RecordHeader } from "@baloot/wire";
import { parseArgs, positiveInt, profileFlag } from "./args.ts";
import { matchSeed, parseBots, playBotMatch, playerNames } from "./bots.ts";

const USAGE =
  "usage: baloot selfplay --out DIR [--matches N] [--seed S] [--profile R|KM] [--bots A,B]";

/** The record file name of match `index` (from 0): `match-0001.jsonl` for index 0. */
export function recordName(index: number): string {
  return `match-${String(index + 1).padStart(4, "0")}.jsonl`;
}

/** Runs the command; returns the exit code. */
export async function selfplayCommand(args: readonly string[]): Promise<number> {
  const fail = (message: string) => {
    console.error(`selfplay: ${message}`);
    console.error(USAGE);
    return 2;
  };
  const parsed = parseArgs(args, {
    matches: "string",
    seed: "string",
    profile: "string",
    out: "string",
    bots: "string",
  });
  if (typeof parsed === "string") return fail(parsed);
  const { flags, positional } = parsed;
  if (positional.length > 0) return fail(`unexpected argument "${positional[0]}"`);
  const matches = flags.matches === undefined ? 1 : positiveInt(String(flags.matches), "matches");
  if (typeof matches === "string") return fail(matches);
  const profile = profileFlag(flags.profile);
  if (typeof profile === "string") return fail(profile);
  const bots = parseBots(flags.bots);
  if (typeof bots === "string") return fail(bots);
  const out = flags.out;
  if (typeof out !== "string" || out === "") return fail("--out DIR is required");
  const seed = typeof flags.seed === "string" ? flags.seed : "selfplay";

  try {
    await Deno.mkdir(out, { recursive: true });
  } catch (e) {
    console.error(`selfplay: cannot create ${out}: ${(e as Error).message}`);
    return 2;
  }
  const started = performance.now();
  const wins = [0, 0];
  let hands = 0, cancelled = 0;
  for (let index = 0; index < matches; index++) {
    let played;
    try {
      played = playBotMatch({ seed, index, profile, bots });
    } catch (e) {
      console.error(`selfplay: match ${index + 1} failed: ${(e as Error).message}`);
      return 1;
    }
    const header: RecordHeader = {
      record: "baloot",
      format: 1,
      matchId: `selfplay-${matchSeed(seed, index).slice(0, 16)}`,
      profile: profile.id,
      createdBy: "baloot-cli selfplay",
      players: playerNames(bots),
      seed,
      matchIndex: index,
    };
    await Deno.writeTextFile(`${out}/${recordName(index)}`, encodeRecord(header, played.events));
    if (played.state.winner !== null) wins[played.state.winner]++;
    hands += played.state.handsPlayed;
    cancelled += played.events.filter((e) => e.type === "HAND_CANCELLED").length;
  }
  const seconds = (performance.now() - started) / 1000;
  const last = matches === 1 ? "" : ` ... ${recordName(matches - 1)}`;
  console.log(
    [
      `selfplay: ${matches} match${matches === 1 ? "" : "es"}, profile ${profile.id}, ` +
      `seed "${seed}", ${bots[0]} (seats 0+2) vs ${bots[1]} (seats 1+3)`,
      `hands: ${hands} (${cancelled} cancelled), ${(hands / matches).toFixed(1)} per match`,
      `wins: team 0 (${bots[0]}) ${wins[0]}, team 1 (${bots[1]}) ${wins[1]}`,
      `time: ${seconds.toFixed(2)} s (${(seconds / matches * 1000).toFixed(0)} ms per match)`,
      `records: ${out}/${recordName(0)}${last}`,
    ].join("\n"),
  );
  return 0;
}
