/**
 * `baloot score FILE` (or `-` for standard input): scores hand facts
 * (`../shared/rules/hand-facts.md`). One object gives one result, an array an array.
 *
 * Exit codes: 0 scored; 2 invalid input (the message names the field) or bad arguments.
 *
 * @module
 */

import { scoreHandFacts } from "@baloot/wire";
import { parseArgs } from "./args.ts";
import { readInput } from "./input.ts";
import { prettyJson } from "./json.ts";

/** Runs the command; returns the exit code. */
export async function scoreCommand(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args, {});
  if (typeof parsed === "string" || parsed.positional.length !== 1) {
    console.error(`score: ${typeof parsed === "string" ? parsed : "give one hand-facts file"}`);
    console.error("usage: baloot score FILE   (FILE may be - for standard input)");
    return 2;
  }
  const file = parsed.positional[0];
  const text = await readInput(file);
  if (typeof text !== "string") {
    console.error(`score: ${text.error}`);
    return 2;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    console.error(`score: ${file}: not valid JSON (${(e as Error).message})`);
    return 2;
  }
  const result = scoreHandFacts(value);
  if ("error" in result) {
    console.error(`score: ${file}: ${result.error}`);
    return 2;
  }
  console.log(prettyJson(result));
  return 0;
}
