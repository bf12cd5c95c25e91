/**
 * `@baloot/wire`: every format that crosses a process boundary.
 *
 * @module
 */

/** The wire protocol version, carried by every envelope. */
export const PROTOCOL_VERSION = 1;
