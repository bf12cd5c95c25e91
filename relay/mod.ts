/**
 * `@baloot/relay`: spectator fan-out. Each relay process reads a watched game's log once and
 * sends it to all of that game's spectators on the process (`docs/relay.md`).
 *
 * @module
 */

export { Feed, type FeedOptions, type GameLog, type RawEntry, type Spectator } from "./feed.ts";
export { Relay, type RelayStats, type RelayStore } from "./relay.ts";
export { loadRelayConfig, type RelayConfig } from "./config.ts";
export { type RunningRelay, startRelay } from "./main.ts";
