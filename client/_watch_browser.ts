/**
 * A spectator in a real browser: headless Chromium watches a bot match from the lobby's list of
 * live tables through the relay, rewinds through the match while it goes on, and comes back to
 * live. Every frame the page received from the relay is checked for hidden cards. Registered in
 * `browser_test.ts`, so that browser tests run one after another (two Chromiums at once on two
 * cores starve the servers under test).
 *
 * @module
 */

import assert from "node:assert/strict";
import { Redis } from "ioredis";
import type { GameEvent } from "@baloot/rules";
import { gameKeys, parseEvent } from "@baloot/wire";
import { botPlayer, testRedis, until } from "../server/_testing.ts";
import { findLeaks } from "../server/_leaks.ts";
import { GameWriter, startTestRelay } from "../relay/_testing.ts";
import {
  assertCanvasDrawn,
  Browsing,
  look,
  shot,
  startClientServer,
  waitUntil,
} from "./_browser_testing.ts";

const DB = 7;

/** The spectator scenario (its own Redis database, relay and server). */
export async function spectatorScenario(): Promise<void> {
  const redisUrl = testRedis(DB);
  // The full view runs 10 s behind: longer than a hand of these bots, as 3 minutes is for people.
  const relay = await startTestRelay(redisUrl, {
    relayId: "relay-browser",
    fullViewDelayMs: 10_000,
  });
  // Unhurried bots: the match lasts while the spectator watches and rewinds.
  const server = await startClientServer(DB, { RELAY_URLS: relay.url, BOT_DELAY_MS: "120" });
  const browsing = await Browsing.launch();
  const redis = new Redis(redisUrl);
  const player = botPlayer({ endpoints: [server.url], name: "Lama", delayMs: 120 });
  try {
    await player.quickPlay();
    await until(() => (player.view?.version ?? 0) > 5, 20_000, "the match to start");
    const gameId = player.gameId!;

    const page = await browsing.page(`${server.url}/`);
    const frames: string[] = [];
    page.on("websocket", (ws) => {
      if (!ws.url().includes("/watch/")) return;
      ws.on("framereceived", (f) => frames.push(String(f.payload)));
    });
    await waitUntil(page, (h) => h.screen === "lobby", "the lobby");
    const watch = page.locator(`[data-testid=watch][data-game="${gameId}"]`);
    await watch.waitFor({ timeout: 15_000 });
    await shot(page, "watch-1-lobby");
    await watch.click();
    await waitUntil(page, (h) => h.screen === "watch" && h.gameId === gameId, "the spectator view");
    // These bots move faster than the table animates: it is rarely idle, so no waiting for that.
    await waitUntil(page, (h) => h.phase === "PLAY", "a trick being played", 60_000);
    assert.equal(await page.getByTestId("watch-badge").textContent(), "LIVE");
    await assertCanvasDrawn(page, "the spectator's table");
    await waitUntil(page, (h) => h.viewers === 1, "the viewer count", 10_000);
    assert.equal(await page.getByTestId("viewers").textContent(), "1");
    assert.match(page.url(), new RegExp(`\\?watch=${gameId}$`), "a link to share");
    await shot(page, "watch-2-live");

    // Rewind once a few tricks are over; the match goes on meanwhile.
    await waitUntil(page, (h) => h.handNo >= 1 && h.version > 60, "some play", 60_000);
    await page.getByTestId("rewind").click();
    const at = await waitUntil(page, (h) => h.screen === "rewind", "the rewind slider");
    const slider = page.getByTestId("rewind-slider");
    await slider.press("Home");
    await page.waitForTimeout(200);
    const first = await look(page);
    assert.ok(first.shownVersion < at.version, "the table shows the start of the match");
    const start = await page.getByTestId("rewind-at").textContent();
    assert.equal(start, "Hand 1: the deal");
    assert.equal(await page.getByTestId("watch-badge").textContent(), "REWIND");
    await slider.press("ArrowRight");
    await slider.press("ArrowRight");
    await page.waitForTimeout(200);
    // Two stops on: the first two tricks, or a hand with no play (all passed) and the next deal.
    const moved = await page.getByTestId("rewind-at").textContent() ?? "";
    assert.match(moved, /^Hand \d+(: the deal|, trick \d)$/);
    assert.notEqual(moved, start);
    const later = await look(page);
    assert.ok(later.shownVersion > first.shownVersion, "the slider moves through the tricks");
    await shot(page, "watch-3-rewind");
    await waitUntil(page, (h) => h.version > at.version + 5, "the game to go on while rewinding");

    await page.getByTestId("back-to-live").click();
    await waitUntil(
      page,
      (h) => h.screen === "watch" && h.version - h.shownVersion < 8,
      "back to live",
    );
    assert.equal(await page.getByTestId("watch-badge").textContent(), "LIVE");
    await shot(page, "watch-4-back-live");

    // The full view, by link: every hand face up, once it has ended.
    const full = await browsing.page(`${server.url}/?watch=${gameId}&view=full`);
    await waitUntil(full, (h) => h.screen === "watch", "the full view");
    assert.match(await full.getByTestId("watch-badge").textContent() ?? "", /^ALL HANDS/);
    assert.match(await full.getByTestId("watch-badge").textContent() ?? "", /10 s behind/);
    await waitUntil(full, (h) => h.handCardsShown >= 16, "the hands, face up", 40_000);
    await shot(full, "watch-5-full-view");

    // A table whose first hand has not been released yet says why it is empty.
    await new GameWriter(redis, "waiting-game", []).create();
    const early = await browsing.page(`${server.url}/?watch=waiting-game&view=full`);
    await waitUntil(early, (h) => h.screen === "watch", "an empty full view");
    assert.match(
      await early.getByTestId("watch-note").textContent() ?? "",
      /once it has ended and 10 s have passed/,
    );

    // Nothing the page received from the relay held a card the public did not know.
    const entries = await redis.xrange(gameKeys(gameId).events, "-", "+");
    const log = entries.map(([, f]) => parseEvent(JSON.parse(f[f.indexOf("e") + 1])) as GameEvent);
    assert.ok(frames.length > 5, `${frames.length} frames`);
    const leaks = findLeaks(
      log,
      frames.map((text) => {
        const body = JSON.parse(text);
        return { seat: "spectator" as const, type: body.type, body };
      }),
    );
    assert.deepEqual(leaks, []);
    assert.deepEqual(browsing.errors, []);
  } finally {
    await player.leave();
    await browsing.close();
    await server.stop();
    await relay.stop();
    redis.disconnect();
  }
}
