/**
 * Browser test helpers: a game server process serving the freshly built client, pages in
 * headless Chromium, a simulated person who takes their turns through the page only (clicks,
 * drags or keys on what is drawn, never the app's internals), screenshots saved as artifacts,
 * and a pixel check of what the canvas drew.
 *
 * `window.__baloot` (client/app/test_hook.ts) only tells the tests when to look.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ChaChaStream, deriveSeed, fromHex } from "@baloot/rules";
import type { HookState } from "./app/hook_state.ts";
import { launchChromium } from "../tools/browser.ts";
import { buildClient } from "../tools/build_client.ts";
import {
  flushTestRedis,
  type ServerProcess,
  startServerProcess,
  testRedis,
} from "../server/_testing.ts";

/** Where screenshots go (CI keeps `out/` as its artifacts). */
export const SHOTS_DIR = new URL("../out/screenshots/", import.meta.url);

let built: Promise<unknown> | null = null;

/** Builds the client once per test process (tests always run the current code). */
export function ensureBuilt(): Promise<unknown> {
  built ??= buildClient();
  return built;
}

/** A server with the client, fast bots and short pauses, on its own Redis database. */
export async function startClientServer(
  db: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  await ensureBuilt();
  const redis = testRedis(db);
  await flushTestRedis(redis);
  return await startServerProcess({
    REDIS_URL: redis,
    BOT_DELAY_MS: "20",
    HAND_PAUSE_MS: "300",
    QUICK_FILL_MS: "300",
    ...env,
  });
}

/** A browser with one page per player; console errors are collected for the test to check. */
export class Browsing {
  readonly errors: string[] = [];
  readonly #contexts: BrowserContext[] = [];
  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<Browsing> {
    return new Browsing(await launchChromium());
  }

  /** A page in a fresh context (its own storage: a separate person). */
  async page(
    url: string,
    viewport = { width: 1280, height: 800 },
    options: { deviceScaleFactor?: number; isMobile?: boolean; hasTouch?: boolean } = {},
  ): Promise<Page> {
    const context = await this.browser.newContext({ viewport, ...options });
    this.#contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") this.errors.push(`console: ${m.text()}`);
    });
    await page.goto(url);
    return page;
  }

  async close(): Promise<void> {
    for (const c of this.#contexts) await c.close().catch(() => {});
    await this.browser.close();
  }
}

/**
 * Runs `body` with a server (`startClientServer(db)`) and a browser, then checks no page logged
 * an error; stops both whatever happened.
 */
export async function inBrowser(
  db: number,
  body: (server: ServerProcess, browsing: Browsing) => Promise<void>,
): Promise<void> {
  const server = await startClientServer(db);
  const browsing = await Browsing.launch();
  try {
    await body(server, browsing);
    assert.deepEqual(browsing.errors, []);
  } finally {
    await browsing.close();
    await server.stop();
  }
}

/** Changes one setting in the settings panel (opened from the lobby), as a person would. */
export async function chooseSetting(page: Page, label: string, value: string): Promise<void> {
  await page.locator("#lobby button.icon").click();
  await page.getByLabel(label).selectOption(value);
  await page.locator("#panel button.primary").click();
}

/** The cards of the player's hand, as the page offers them, sorted. */
export async function heldCards(page: Page): Promise<string[]> {
  return await page.locator(".card-key").evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-card") ?? "").sort()
  );
}

/** What the app shows (`window.__baloot` without its frame times). */
export type Seen = HookState;

/** What the app shows now (`window.__baloot`). */
export async function look(page: Page): Promise<Seen> {
  return await page.evaluate(() => {
    const h = (globalThis as unknown as { __baloot?: Seen & { frameTimes: unknown } }).__baloot;
    if (!h) throw new Error("the app did not start (no window.__baloot)");
    const { frameTimes: _f, ...rest } = h;
    return rest as Seen;
  });
}

/** Waits until `check` holds for what the page shows. */
export async function waitUntil(
  page: Page,
  check: (h: Seen) => boolean,
  what: string,
  ms = 30_000,
): Promise<Seen> {
  const end = Date.now() + ms;
  let last: Seen | null = null;
  let error = "";
  while (Date.now() < end) {
    try {
      last = await look(page);
      if (check(last)) return last;
    } catch (e) {
      error = String(e); // the app may still be starting
    }
    await page.waitForTimeout(50);
  }
  throw new Error(
    `timed out waiting for ${what}; the page shows ${JSON.stringify(last)} ${error}`,
  );
}

/** How a simulated person acts: mouse clicks, dragging cards, the keyboard, or a mix. */
export type Style = "click" | "drag" | "keys" | "mix";

/** A person at the page: takes their turn when the table offers one. */
export class Person {
  /** The person's choices, from a seeded stream so a failing run can be replayed. */
  readonly #random: ChaChaStream;
  turns = 0;
  /** Turns whose first try did not register and were taken again by a click. */
  retries = 0;
  constructor(
    readonly page: Page,
    seed: number,
    readonly style: Style = "mix",
    readonly escalate = false,
  ) {
    this.#random = new ChaChaStream(fromHex(deriveSeed(String(seed), "person"))!);
  }

  #how(): Exclude<Style, "mix"> {
    if (this.style !== "mix") return this.style;
    const r = this.#random.nextInt(10);
    return r < 6 ? "click" : r < 8 ? "drag" : "keys";
  }

  /** Takes the turn if it is theirs (true), by a call or a card the page offers. */
  async turn(): Promise<boolean> {
    const h = await look(this.page);
    if (!h.myTurn || h.panel === "match") return false;
    const version = h.version;
    // Doubling is left to the bots unless `escalate`: matches then run to the target.
    const calls = this.page.locator(
      this.escalate
        ? "#controls [data-testid=call]:not(.sawa)"
        : '#controls [data-testid=call]:not(.sawa):not([data-command*=\'"type":"ESCALATE"\']), ' +
          '#controls [data-testid=call][data-command*=\'"call":"PASS"\']',
    );
    const cards = this.page.locator(".card-key[data-playable=true]");
    const nCalls = await calls.count();
    const nCards = await cards.count();
    if (nCalls === 0 && nCards === 0) return false;
    const how = this.#how();
    if (nCards > 0 && (nCalls === 0 || this.#random.nextInt(2) === 0)) {
      const i = this.#random.nextInt(nCards);
      if (how === "keys") await this.#keys(".card-key", i, cards);
      else if (how === "drag") await this.#drag(cards.nth(i));
      else await cards.nth(i).click();
    } else {
      const i = this.#random.nextInt(nCalls);
      if (how === "keys") await this.#keys("#controls [data-testid=call]", i, calls);
      else await calls.nth(i).click();
    }
    this.turns++;
    // The move is in when the version moves on or the turn is offered again (a refusal).
    const taken = (x: Seen) => x.version > version || x.panel !== null || !x.myTurn;
    try {
      await waitUntil(this.page, taken, "the move to be taken", 6_000);
    } catch {
      // Nothing happened (a drag or a key press lost while the table moved, on a loaded
      // machine): like a person, try again, by a click this time; the retry is counted.
      this.retries++;
      const playable = await cards.count();
      if (playable > 0) await cards.nth(this.#random.nextInt(playable)).click();
      else if (await calls.count() > 0) await calls.first().click();
      await waitUntil(this.page, taken, "the move to be taken (after a retry)", 15_000);
    }
    return true;
  }

  /** Arrow keys to the `i`-th enabled target, then Enter. */
  async #keys(all: string, i: number, targets: ReturnType<Page["locator"]>): Promise<void> {
    const want = await targets.nth(i).evaluate((el) => el.outerHTML);
    await this.page.evaluate("document.activeElement?.blur()");
    await this.page.keyboard.press("ArrowRight"); // focuses the turn's first card or call
    const total = await this.page.locator(all).count();
    for (let step = 0; step <= total; step++) {
      const focused = await this.page.evaluate<string>(
        "document.activeElement?.outerHTML ?? ''",
      );
      if (focused === want) break;
      await this.page.keyboard.press(all.startsWith(".card") ? "ArrowRight" : "Tab");
    }
    await this.page.keyboard.press("Enter");
  }

  /** Drags a card up to the middle of the table and lets go. */
  async #drag(card: ReturnType<Page["locator"]>): Promise<void> {
    const box = (await card.boundingBox())!;
    const view = this.page.viewportSize()!;
    const x = box.x + box.width / 2, y = box.y + box.height / 3;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(view.width / 2, view.height / 2, { steps: 6 });
    await this.page.mouse.up();
  }
}

/** Plays (as `people`) until `done` holds on the first page (each counts its own turns). */
export async function playUntil(
  people: readonly Person[],
  done: (h: Seen) => boolean,
  what: string,
  ms: number,
): Promise<void> {
  const end = Date.now() + ms;
  const trace = Deno.env.get("BALOOT_TRACE") === "1";
  const started = Date.now();
  let hand = -1;
  while (Date.now() < end) {
    const first = await look(people[0].page);
    if (trace && first.handNo !== hand) {
      hand = first.handNo;
      console.log(`hand ${hand} at ${Date.now() - started} ms, score ${first.score}`);
    }
    if (done(first)) return;
    let acted = false;
    for (const p of people) {
      const h = await look(p.page);
      if (h.panel === "hand") {
        const next = p.page.getByTestId("continue");
        if (await next.isVisible()) await next.click();
        acted = true;
      }
      if (await p.turn()) acted = true;
    }
    if (!acted) await people[0].page.waitForTimeout(40);
  }
  const panel = await people[0].page.locator("#panel").textContent().catch(() => "");
  throw new Error(
    `timed out playing until ${what}: ${JSON.stringify(await look(people[0].page))} ${panel}`,
  );
}

/** Saves a screenshot of the page as an artifact; returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  await Deno.mkdir(SHOTS_DIR, { recursive: true });
  const path = new URL(`${name}.png`, SHOTS_DIR).pathname;
  await page.screenshot({ path });
  return path;
}

/** Colour statistics of what the canvas alone drew (the page behind it made magenta). */
export interface CanvasPixels {
  readonly width: number;
  readonly height: number;
  /** Share of pixels the canvas drew (not the magenta behind it). */
  readonly drawn: number;
  /** Share of card-white pixels. */
  readonly white: number;
  /** Distinct colours after quantizing to 4 bits a channel. */
  readonly colours: number;
}

/**
 * Screenshots the canvas alone: the DOM overlay and the felt hidden and the page behind the
 * (transparent) canvas magenta, so every other pixel was drawn by WebGL.
 */
export async function canvasPixels(page: Page): Promise<CanvasPixels> {
  const png = await page.locator("canvas").screenshot({
    style: "#overlay, #lobby, #panel, #felt { visibility: hidden !important; } " +
      "#app, html, body { background: #ff00ff !important; }",
  });
  const b64 = btoa(Array.from(png, (b) => String.fromCharCode(b)).join(""));
  return await page.evaluate<CanvasPixels>(`(${PIXEL_STATS})(${JSON.stringify(b64)})`);
}

/**
 * The canvas drew the table, not a blank or an error screen: cards (white faces and their
 * colours) and the seats, where the page behind it would show magenta.
 */
export async function assertCanvasDrawn(page: Page, what: string): Promise<CanvasPixels> {
  const px = await canvasPixels(page);
  const msg = `${what}: ${JSON.stringify(px)}`;
  if (Deno.env.get("BALOOT_TRACE") === "1") console.log(msg);
  assert(px.width > 300 && px.height > 300, msg);
  assert(px.drawn > 0.04, `the canvas drew almost nothing (${msg})`);
  assert(px.white > 0.01, `no cards are drawn (${msg})`);
  assert(px.colours > 60, `too few colours for a drawn table (${msg})`);
  return px;
}

/** Runs in the page (as source: the tests are type-checked without the DOM's types). */
const PIXEL_STATS = `async (data) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const g = c.getContext("2d");
  g.drawImage(bitmap, 0, 0);
  const px = g.getImageData(0, 0, c.width, c.height).data;
  let drawn = 0, white = 0;
  const colours = new Set();
  for (let i = 0; i < px.length; i += 4) {
    const r = px[i], gr = px[i + 1], b = px[i + 2];
    if (!(r > 245 && gr < 10 && b > 245)) drawn++;
    if (r > 225 && gr > 225 && b > 225) white++;
    colours.add(((r >> 4) << 8) | ((gr >> 4) << 4) | (b >> 4));
  }
  const n = px.length / 4;
  return { width: c.width, height: c.height, drawn: drawn / n, white: white / n, colours: colours.size };
}`;
