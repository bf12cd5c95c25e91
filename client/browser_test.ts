/**
 * The client in a real browser: headless Chromium (Debian's, through playwright-core) on the
 * page a game server serves, playing through the page only, as people would. Each test saves
 * screenshots under `out/screenshots/` and checks the canvas's pixels.
 *
 * @module
 */

import assert from "node:assert/strict";
import { skipBrowserTests } from "../tools/browser.ts";
import {
  assertCanvasDrawn,
  chooseSetting,
  heldCards,
  inBrowser,
  look,
  Person,
  playUntil,
  shot,
  waitUntil,
} from "./_browser_testing.ts";
import type { Page } from "playwright-core";
import { spectatorScenario } from "./_watch_browser.ts";

const DB = 13;
const ignore = skipBrowserTests();
const opts = { ignore, sanitizeOps: false, sanitizeResources: false };

/** Once the table is idle in a hand, its canvas shows it drawn (`assertCanvasDrawn`). */
async function assertTableDrawn(page: Page, what: string): Promise<void> {
  await waitUntil(page, (h) => h.settled && (h.phase === "BIDDING" || h.phase === "PLAY"), what);
  await assertCanvasDrawn(page, what);
}

Deno.test({
  name: "browser: a new user plays a complete quick-play match against three bots",
  ...opts,
}, () =>
  inBrowser(DB, async (server, browsing) => {
    const page = await browsing.page(`${server.url}/`);
    await waitUntil(page, (h) => h.screen === "lobby", "the lobby");
    await shot(page, "quick-1-lobby");
    await chooseSetting(page, "Animation speed", "3");
    await page.getByTestId("name").fill("Noura");
    await page.getByTestId("quick-play").click();
    const seated = await waitUntil(page, (h) => h.screen === "table" && h.myTurn, "a turn", 20_000);
    assert(seated.seat !== null && seated.gameId !== null);
    await assertTableDrawn(page, "first turn");
    await shot(page, "quick-2-table");
    const person = new Person(page, 1, "mix");
    await playUntil([person], (h) => h.panel === "match", "the match result", 300_000);
    await shot(page, "quick-3-match-result");
    const end = await look(page);
    // A match ends at the target, or at once when a Gahwa hand is won.
    const contract = await page.getByTestId("contract").textContent() ?? "";
    assert(
      Math.max(...end.score) >= 152 || contract.includes("Gahwa"),
      `the match ended at ${end.score} (${contract})`,
    );
    // Every card of every hand was played by the person (no timeouts, no autopilot): 8 a hand.
    assert(person.turns >= 8 * end.handNo, `${person.turns} turns in ${end.handNo} hands`);
    // A lost input may be retried by a click, rarely: more would be a broken way to play.
    assert(person.retries <= person.turns / 10, `${person.retries} of ${person.turns} retried`);
    await page.getByTestId("match-winner").waitFor();
  }));

Deno.test({
  name: "browser: two people share a private table through its invite link and play a hand",
  ...opts,
}, () =>
  inBrowser(DB, async (server, browsing) => {
    const host = await browsing.page(`${server.url}/`);
    await waitUntil(host, (h) => h.screen === "lobby", "the lobby");
    await chooseSetting(host, "Animation speed", "3");
    await host.getByTestId("name").fill("Host");
    await host.getByTestId("target").selectOption("51");
    await host.getByTestId("create").click();
    const link = host.getByTestId("invite-link");
    await link.waitFor();
    const url = await link.inputValue();
    assert(/\?invite=[A-Z0-9]+$/.test(url), url);
    await shot(host, "private-1-waiting-room");

    const guest = await browsing.page(url, { width: 390, height: 844 }, {
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    await waitUntil(guest, (h) => h.screen === "invited", "the invitation");
    await guest.getByTestId("name").fill("Guest");
    await guest.getByTestId("join").click();
    // The host sees the guest sit down, then starts: the two empty seats get bots.
    await host.getByTestId("seats").getByText("Guest").waitFor();
    await host.getByTestId("start").click();
    const [a, b] = await Promise.all([
      waitUntil(host, (h) => h.screen === "table" && h.phase !== null, "the host's table"),
      waitUntil(guest, (h) => h.screen === "table" && h.phase !== null, "the guest's table"),
    ]);
    assert.equal(a.gameId, b.gameId);
    assert.notEqual(a.seat, b.seat);
    await assertTableDrawn(host, "host");
    await assertTableDrawn(guest, "guest (phone, 3× density)");
    await shot(host, "private-2-host");
    await shot(guest, "private-3-guest-phone");
    const people = [new Person(host, 2, "click"), new Person(guest, 3, "mix")];
    await playUntil(
      people,
      (h) => h.handNo >= 2 || h.panel === "match",
      "the second hand",
      120_000,
    );
    assert(people[0].turns >= 8 && people[1].turns >= 8, `${people[0].turns}, ${people[1].turns}`);
    await waitUntil(guest, (h) => h.handNo >= 2 || h.panel === "match", "the guest's second hand");
    await shot(guest, "private-4-guest-second-hand");
  }));

Deno.test({
  name: "browser: reloading the page mid-hand returns to the same seat and hand",
  ...opts,
}, () =>
  inBrowser(DB, async (server, browsing) => {
    const page = await browsing.page(`${server.url}/`);
    await waitUntil(page, (h) => h.screen === "lobby", "the lobby");
    await page.getByTestId("name").fill("Faisal");
    await page.getByTestId("quick-play").click();
    const person = new Person(page, 4, "click");
    // Mid-hand: the bidding is over and the person holds a full hand of eight, so the first
    // reload's pixel check sees a full table (a late-hand table with two cards left draws little).
    await playUntil(
      [person],
      (h) => h.phase === "PLAY" && h.myTurn,
      "the person's first card to play",
      90_000,
    );
    // Reloaded four times, a turn taken between reloads (a held seat must not pile up). Each
    // reload comes on the person's turn: the table waits for them, so nothing moves meanwhile.
    for (let reload = 0; reload < 4; reload++) {
      const before = await waitUntil(page, (h) => h.settled && h.myTurn, "the person's turn");
      const cards = await heldCards(page);
      await page.reload();
      const after = await waitUntil(
        page,
        (h) => h.screen === "table" && h.settled && h.myTurn,
        `the table after reload ${reload + 1}`,
      );
      assert.equal(after.gameId, before.gameId);
      assert.equal(after.seat, before.seat);
      assert.equal(after.handNo, before.handNo);
      assert.equal(after.version, before.version);
      assert.deepEqual(await heldCards(page), cards);
      if (reload === 0) {
        await assertTableDrawn(page, "after the reload");
        await shot(page, "reload-1-resumed");
      }
      // And the game goes on from there.
      const turns = person.turns;
      await playUntil(
        [person],
        (h) => person.turns > turns || h.panel === "match",
        "a turn",
        60_000,
      );
    }
  }));

Deno.test({
  name: "browser: the Arabic layout runs right to left with Arabic game terms",
  ...opts,
}, () =>
  inBrowser(DB, async (server, browsing) => {
    const page = await browsing.page(`${server.url}/`);
    await waitUntil(page, (h) => h.screen === "lobby", "the lobby");
    await chooseSetting(page, "Language", "ar");
    assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ar");
    // The lobby reads right to left: the name field's label sits to the right of the field.
    const label = (await page.locator("#lobby .row label").first().boundingBox())!;
    const input = (await page.getByTestId("name").boundingBox())!;
    assert(label.x > input.x, `label at ${label.x}, field at ${input.x}`);
    await shot(page, "arabic-1-lobby");
    await page.getByTestId("name").fill("نورة");
    await page.getByTestId("quick-play").click();
    await waitUntil(page, (h) => h.screen === "table", "the table", 20_000);
    // A bidding turn: when the bots' auction ended before the player spoke, its first turn is a
    // card, so the person plays on until a hand's bidding reaches it.
    await playUntil(
      [new Person(page, 9, "click")],
      (h) => h.myTurn && h.phase === "BIDDING",
      "a bidding turn",
      60_000,
    );
    const calls = await page.locator("#controls [data-testid=call]").allTextContents();
    assert(calls.some((c) => /[\u0600-\u06FF]/.test(c)), `calls: ${calls}`);
    assert(
      calls.includes("بس") || calls.includes("ولا") || calls.some((c) => c.includes("حكم")),
      `calls: ${calls}`,
    );
    // The score sits at the start of the HUD, which in Arabic is the right-hand side.
    const score = (await page.getByTestId("score").boundingBox())!;
    assert(score.x > 1280 / 2, `score at ${score.x}`);
    await assertTableDrawn(page, "arabic table");
    await shot(page, "arabic-2-table");
  }));

/** Whether every card of the player's hand, and the bar, lie inside the viewport. */
async function fitsOnScreen(page: Page, what: string): Promise<void> {
  const view = page.viewportSize()!;
  const boxes = await page.locator(".card-key").evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom])
  );
  assert(boxes.length > 0, `${what}: the hand is shown`);
  for (const [l, t, r, b] of boxes) {
    assert(
      l >= -1 && t >= -1 && r <= view.width + 1 && b <= view.height + 1,
      `${what}: a card at ${[l, t, r, b]} in ${view.width}×${view.height}`,
    );
  }
  const bar = (await page.locator("#hud").boundingBox())!;
  assert(bar.x >= 0 && bar.x + bar.width <= view.width + 1, `${what}: the bar fits (${bar.width})`);
}

Deno.test({
  name: "browser: the table fits a 360×640 phone, turned, and a 2560×1440 desktop",
  ...opts,
}, () =>
  inBrowser(DB, async (server, browsing) => {
    const page = await browsing.page(`${server.url}/`, { width: 360, height: 640 }, {
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await waitUntil(page, (h) => h.screen === "lobby", "the lobby");
    await page.getByTestId("quick-play").click();
    await waitUntil(page, (h) => h.screen === "table", "the table", 30_000);
    // A card to play in the first trick: the fan at its widest (eight cards, or seven).
    await playUntil(
      [new Person(page, 4, "click")],
      (h) => h.myTurn && h.phase === "PLAY",
      "a card to play",
      90_000,
    );
    await assertTableDrawn(page, "phone, portrait");
    await fitsOnScreen(page, "phone, portrait");
    await shot(page, "sizes-1-phone-portrait");
    for (
      const [width, height, name] of [[640, 360, "phone-landscape"], [
        2560,
        1440,
        "desktop",
      ]] as const
    ) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400); // the resize is debounced, then the table is laid out again
      await fitsOnScreen(page, name);
      const px = await assertCanvasDrawn(page, name);
      assert(px.width >= width, `${name}: the canvas spans the window (${px.width})`);
      await shot(page, `sizes-${name}`);
    }
  }));

Deno.test({
  name: "browser: a spectator watches a bot match from the lobby, rewinds, and returns to live",
  ...opts,
}, spectatorScenario);
