/**
 * Entry point of `deno task baloot <command>`: picks the command and exits with its code.
 *
 * @module
 */

import { arenaCommand } from "./arena_command.ts";
import { demoCommand } from "./demo_command.ts";
import { publishCommand } from "./publish_command.ts";
import { replayCommand } from "./replay_command.ts";
import { scoreCommand } from "./score_command.ts";
import { selfplayCommand } from "./selfplay_command.ts";
import { USAGE } from "./usage.ts";

type Command = (args: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  replay: replayCommand,
  score: scoreCommand,
  selfplay: selfplayCommand,
  demo: demoCommand,
  arena: arenaCommand,
  publish: publishCommand,
  help: () => {
    console.log(USAGE);
    return Promise.resolve(0);
  },
};

/** Runs the command named by `args[0]`; returns the process exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === "--help" || name === "-h") return COMMANDS.help(rest);
  if (name === undefined || !Object.hasOwn(COMMANDS, name)) {
    console.error(
      name === undefined ? "baloot: no command given" : `baloot: unknown command "${name}"`,
    );
    console.error(USAGE);
    return 2;
  }
  return await COMMANDS[name](rest);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
