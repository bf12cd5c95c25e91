/**
 * `@baloot/cli`: the `deno task baloot` command line.
 *
 * @module
 */

export {};
