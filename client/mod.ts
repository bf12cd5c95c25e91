/**
 * `@baloot/client`: the browser client. `net/` is the only part that talks to the network.
 *
 * @module
 */

export * from "./net/table_client.ts";
export * from "./net/watch_client.ts";
