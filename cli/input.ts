/**
 * Reading a command's input file, or standard input for `-`.
 *
 * @module
 */

/** The text of `file` (`-` is standard input), or a message saying why it cannot be read. */
export async function readInput(file: string): Promise<string | { error: string }> {
  try {
    if (file === "-") return await new Response(Deno.stdin.readable).text();
    return await Deno.readTextFile(file);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "no such file" : (e as Error).message;
    return { error: `cannot read ${file === "-" ? "standard input" : file}: ${why}` };
  }
}
