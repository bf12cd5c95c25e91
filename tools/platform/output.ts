/**
 * The launcher's output: each process's lines under its name, in its own colour on a terminal.
 *
 * @module
 */

const color = Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR");
const PALETTE = [36, 32, 35, 34, 33, 96, 92, 95];
let nextColor = 0;

/** A function printing lines under `name |`, in the name's own colour on a terminal. */
export function printer(name: string, toStderr = false): (line: string) => void {
  const code = PALETTE[nextColor++ % PALETTE.length];
  const prefix = color ? `\x1b[${code}m${name} |\x1b[0m ` : `${name} | `;
  return (line) => (toStderr ? console.error : console.log)(prefix + line);
}

export const say = printer("platform");

/** Prints each line of `stream` with `print` as it arrives. */
export async function forwardLines(
  stream: ReadableStream<Uint8Array>,
  print: (line: string) => void,
): Promise<void> {
  let rest = "";
  try {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) print(line.replace(/\r$/, ""));
    }
  } catch { /* the pipe broke: the child is gone */ }
  if (rest !== "") print(rest);
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `url` without its password, for printing. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(the Redis URL)";
  }
}
