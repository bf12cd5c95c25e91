import assert from "node:assert/strict";
// deno-lint-ignore no-import-prefix -- fast-check is a test-only dependency, pinned here.
import fc from "npm:fast-check@4.10.2";
import { junk } from "./_testing.ts";
import {
  MAX_HISTORY_EVENTS,
  parseSpectatorMessage,
  parseWatchUrl,
  sumViewers,
  VIEWERS_TTL_MS,
  viewersEntry,
} from "./relay_protocol.ts";

const url = (path: string) => new URL(path, "ws://relay.test");

Deno.test("parseWatchUrl() reads the game, the view and a reconnection's position", () => {
  assert.deepEqual(parseWatchUrl(url("/watch/k3x9")), {
    gameId: "k3x9",
    view: "live",
    since: null,
  });
  assert.deepEqual(parseWatchUrl(url("/watch/k3x9?view=full&since=41&epoch=1795663618329")), {
    gameId: "k3x9",
    view: "full",
    since: { v: 41, epoch: "1795663618329" },
  });
  for (
    const [path, why] of [
      ["/watch/", "expected /watch/{gameId} with a game id"],
      ["/watch/a/b", "expected /watch/{gameId} with a game id"],
      ["/watch/a%20b", "expected /watch/{gameId} with a game id"],
      ["/watch/g?view=all", 'view must be "live" or "full"'],
      ["/watch/g?seat=1", 'unknown parameter "seat"'],
      ["/watch/g?since=3", "since and epoch go together"],
      ["/watch/g?since=-3&epoch=1", "since must be a version number"],
      ["/watch/g?since=3&epoch=x", "epoch must be digits"],
    ]
  ) assert.equal(parseWatchUrl(url(path)), why, path);
});

Deno.test("parseSpectatorMessage() accepts bounded history requests only, never throwing", () => {
  assert.deepEqual(parseSpectatorMessage({ type: "history", from: 1, to: 9 }), {
    type: "history",
    from: 1,
    to: 9,
  });
  assert.equal(
    parseSpectatorMessage({ type: "history", from: 9, to: 1 }),
    "history: to is before from",
  );
  assert.match(
    parseSpectatorMessage({ type: "history", from: 1, to: MAX_HISTORY_EVENTS + 1 }) as string,
    /at most/,
  );
  assert.equal(typeof parseSpectatorMessage({ type: "cards" }), "string");
  assert.equal(typeof parseSpectatorMessage({ type: "history", from: 1, to: 2, x: 1 }), "string");
  fc.assert(fc.property(fc.oneof(junk, fc.anything()), (v: unknown) => {
    const r = parseSpectatorMessage(v);
    if (typeof r !== "string") assert.deepEqual(Object.keys(r).sort(), ["from", "to", "type"]);
  }));
});

Deno.test("viewer counts add up live relays and ignore expired ones", () => {
  const now = 1_000_000;
  const hash = {
    a: viewersEntry(3, now),
    b: viewersEntry(4, now - VIEWERS_TTL_MS - 1), // a relay that stopped refreshing
    c: viewersEntry(2, now - 10),
    junk: "x|y",
  };
  assert.equal(sumViewers(hash, now), 5);
  assert.equal(sumViewers({}, now), 0);
});
