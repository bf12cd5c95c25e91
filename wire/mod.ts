/**
 * `@baloot/wire`: every format that crosses a process boundary, with strict runtime validation
 * wherever bytes enter a process.
 *
 * - `event_codec.ts`: `parseEvent`, the validator of every `GameEvent` (record lines, Redis
 *   stream entries).
 * - `record.ts`: the game record, one JSON Lines file per match (`docs/game-record.md`).
 * - `hand_facts.ts`: the input of the score command (`../shared/rules/hand-facts.md`).
 * - `relay_protocol.ts`: what spectators and the relay say to each other; viewer counts.
 *
 * @module
 */

/** The wire protocol version, carried by every envelope. */
export const PROTOCOL_VERSION = 1;

export * from "./event_codec.ts";
export * from "./record.ts";
export * from "./hand_facts.ts";
export * from "./bus.ts";
export * from "./command_codec.ts";
export * from "./table_protocol.ts";
export * from "./brain_protocol.ts";
export * from "./relay_protocol.ts";
export * from "./settings.ts";
