/**
 * `baloot replay FILE`: reads a game record, re-checks every deal from its revealed seed and
 * every move and score with the rules' `verify`, and prints the match or the first problem.
 *
 * Exit codes: 0 verified; 1 the record breaks the rules (tampered or wrong); 2 it cannot be
 * read (missing file, malformed line, bad arguments).
 *
 * @module
 */

import { verify, type VerifyProblem } from "@baloot/rules";
import { decodeRecord } from "@baloot/wire";
import { parseArgs } from "./args.ts";
import { readInput } from "./input.ts";
import { prettyJson } from "./json.ts";
import { summarizeMatch } from "./match_summary.ts";

/** The JSON printed for a record that does not verify; `line` is 1-based in the file. */
export function problemReport(p: VerifyProblem): Record<string, unknown> {
  return {
    ok: false,
    line: p.index + 2, // line 1 is the header, event 0 is line 2
    eventType: p.event?.type ?? null,
    code: p.code,
    rule: p.rule ?? null,
    message: p.message,
    ...(p.expected ? { expected: p.expected } : {}),
  };
}

/** Runs the command; returns the exit code. */
export async function replayCommand(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args, {});
  if (typeof parsed === "string" || parsed.positional.length !== 1) {
    console.error(`replay: ${typeof parsed === "string" ? parsed : "give one record file"}`);
    console.error("usage: baloot replay FILE   (FILE may be - for standard input)");
    return 2;
  }
  const file = parsed.positional[0];
  const text = await readInput(file);
  if (typeof text !== "string") {
    console.error(`replay: ${text.error}`);
    return 2;
  }
  const record = decodeRecord(text);
  if ("error" in record) {
    console.error(`replay: ${file}: ${record.error}`);
    return 2;
  }
  const checked = verify(record.events);
  if (!checked.ok) {
    const report = problemReport(checked);
    console.log(prettyJson(report));
    const rule = checked.rule ? `, rule ${checked.rule}` : "";
    console.error(
      `replay: ${file} line ${report.line} (${report.eventType ?? "end of record"}): ` +
        `${checked.code}${rule}: ${checked.message}`,
    );
    return 1;
  }
  console.log(prettyJson(summarizeMatch(record, checked)));
  return 0;
}
