/**
 * Test helper: runs the CLI as a subprocess, as a user would (`deno run -A cli/main.ts ...`).
 *
 * @module
 */

/** The repository root (the CLI's working directory in tests). */
export const ROOT: string = new URL("..", import.meta.url).pathname;

/** What a CLI run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `deno run -A cli/main.ts ...args`, feeding `stdin` when given. */
export async function runCli(args: readonly string[], stdin?: string): Promise<RunResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/main.ts", ...args],
    cwd: ROOT,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
