/**
 * The browser client's speed (`deno task bench:client [--quick]`), in Debian's headless Chromium
 * on this machine's software WebGL renderer (SwiftShader), against a real game server:
 *
 * - bundle: the JavaScript bundle's size, minified and gzipped (goal ≤ 600 KB gzip);
 * - lobby: navigation to an interactive lobby;
 * - interactive: navigation (a reload, on the player's turn, with a seat to return to) to the
 *   first interactive table: drawn, settled, the turn offered (goal ≤ 2 s, p95);
 * - animation frames: time between frames while the deal and trick animations run (p50/p95);
 * - steady frames: time between frames of a steady table, waiting with the countdown running
 *   (goal p95 ≤ 16.7 ms).
 *
 * Ends with one JSON line of the figures.
 *
 * @module
 */

import {
  Browsing,
  look,
  Person,
  playUntil,
  startClientServer,
  waitUntil,
} from "../client/_browser_testing.ts";
import { buildClient } from "../tools/build_client.ts";
import { percentile } from "./_stats.ts";
import type { Page } from "playwright-core";

const quick = Deno.args.includes("--quick");
const RELOADS = quick ? 5 : 20;
const HANDS = quick ? 1 : 3;

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Intervals between animation frames in the page over `ms`. */
async function frameIntervals(page: Page, ms: number): Promise<number[]> {
  // As source: this file is type-checked without the DOM's types.
  return await page.evaluate<number[]>(`new Promise((done) => {
    const out = [];
    let last = performance.now();
    const end = last + ${ms};
    const frame = (now) => {
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame);
      else done(out.slice(1));
    };
    requestAnimationFrame(frame);
  })`);
}

const build = await buildClient();
const server = await startClientServer(6, { BOT_DELAY_MS: "300", HAND_PAUSE_MS: "1000" });
const browsing = await Browsing.launch();
try {
  // A first visit: the lobby, then quick play (the seat is remembered for the reloads below).
  const lobby: number[] = [];
  const page = await browsing.page(`${server.url}/`);
  for (let i = 0; i < (quick ? 3 : 10); i++) {
    const t0 = performance.now();
    await page.reload();
    await page.getByTestId("quick-play").waitFor({ state: "visible" });
    await waitUntil(page, (h) => h.screen === "lobby", "the lobby");
    lobby.push(performance.now() - t0);
  }
  const renderer = await page.evaluate<string>('document.getElementById("app")?.dataset.renderer');
  await page.getByTestId("name").fill("Bench");
  await page.getByTestId("quick-play").click();
  await waitUntil(page, (h) => h.screen === "table" && h.myTurn, "the first turn", 30_000);

  // Steady table: the player's turn (once the last call's bubble has faded), nothing moving but
  // the countdown ring.
  await page.waitForTimeout(2_000);
  const steady = await frameIntervals(page, quick ? 2_000 : 5_000);

  // Animations: play hands; the app records the frame times while its tweens run.
  const person = new Person(page, 9, "click");
  const startHand = (await look(page)).handNo;
  await playUntil(
    [person],
    (h) => h.handNo >= startHand + HANDS || h.panel === "match",
    `${HANDS} hands`,
    300_000,
  );
  const animation: number[] = await page.evaluate(
    () => [
      ...(globalThis as unknown as { __baloot: { frameTimes: number[] } }).__baloot.frameTimes,
    ],
  );

  // Navigation to an interactive table: reloads of a tab with a seat to return to, each on the
  // player's turn (the table waits for them), timed until the turn is offered again. A reload at
  // another moment would also time the game's own pace (a hand ending, the next deal).
  const interactive: number[] = [];
  for (let i = 0; i < RELOADS; i++) {
    await playUntil([person], (h) => h.settled && h.myTurn, "the player's turn", 120_000);
    const t0 = performance.now();
    await page.reload();
    await waitUntil(
      page,
      (h) => h.screen === "table" && h.settled && h.myTurn,
      "the turn offered after a reload",
      30_000,
    );
    interactive.push(performance.now() - t0);
    await person.turn();
  }

  for (const xs of [lobby, interactive, animation, steady]) xs.sort((a, b) => a - b);
  const figures = {
    bench: "client",
    quick,
    renderer,
    bundle_kb: r1(build.bytes / 1024),
    bundle_gzip_kb: r1(build.gzipBytes / 1024),
    lobby_p50_ms: r1(percentile(lobby, 0.5)),
    interactive_p50_ms: r1(percentile(interactive, 0.5)),
    interactive_p95_ms: r1(percentile(interactive, 0.95)),
    animation_frames: animation.length,
    animation_frame_p50_ms: r1(percentile(animation, 0.5)),
    animation_frame_p95_ms: r1(percentile(animation, 0.95)),
    steady_frames: steady.length,
    steady_frame_p50_ms: r1(percentile(steady, 0.5)),
    steady_frame_p95_ms: r1(percentile(steady, 0.95)),
  };
  console.log(
    [
      `bundle: ${figures.bundle_kb} KB minified, ${figures.bundle_gzip_kb} KB gzip (goal ≤ 600)`,
      `lobby interactive: p50 ${figures.lobby_p50_ms} ms`,
      `table interactive after navigation (${RELOADS} reloads): p50 ${figures.interactive_p50_ms} ms, ` +
      `p95 ${figures.interactive_p95_ms} ms (goal ≤ 2000)`,
      `animation frames (${animation.length}): p50 ${figures.animation_frame_p50_ms} ms, ` +
      `p95 ${figures.animation_frame_p95_ms} ms`,
      `steady table frames (${steady.length}): p50 ${figures.steady_frame_p50_ms} ms, ` +
      `p95 ${figures.steady_frame_p95_ms} ms (goal ≤ 16.7)`,
      `renderer: ${renderer}`,
    ].join("\n"),
  );
  console.log(JSON.stringify(figures));
} finally {
  await browsing.close();
  await server.stop();
}
