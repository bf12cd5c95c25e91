/**
 * `@baloot/cli`: the `deno task baloot` command line (`replay`, `score`, `selfplay`, `demo`).
 *
 * @module
 */

export { main } from "./main.ts";
export { Narrator } from "./narrate.ts";
