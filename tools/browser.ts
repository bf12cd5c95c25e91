/**
 * Headless Chromium for the browser tests, the client bench and the art tools: Debian's
 * `/usr/bin/chromium` driven through `playwright-core`, with WebGL on the SwiftShader software
 * renderer (no GPU here). Tests that need it skip when it is missing, except when
 * `BALOOT_NEEDS_CHROMIUM=1` (CI and the README's test command set it): then a missing browser
 * is a failure, never a silent skip.
 *
 * @module
 */

import { type Browser, chromium, type LaunchOptions } from "playwright-core";

/** Where Debian puts Chromium (`BALOOT_CHROMIUM` overrides). */
export const CHROMIUM = Deno.env.get("BALOOT_CHROMIUM") ?? "/usr/bin/chromium";

/** Chromium's flags: no sandbox (containers), no background traffic, software WebGL. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--enable-unsafe-swiftshader",
  "--use-angle=swiftshader",
  "--disable-renderer-backgrounding",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--autoplay-policy=no-user-gesture-required",
];

/** Whether Chromium is installed here. */
export function hasChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

/**
 * Whether browser tests should be skipped: Chromium is missing and not required. When it is
 * required and missing, tests run and fail with a clear message.
 */
export function skipBrowserTests(): boolean {
  return !hasChromium() && Deno.env.get("BALOOT_NEEDS_CHROMIUM") !== "1";
}

/** Launches headless Chromium. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!hasChromium()) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (or set BALOOT_CHROMIUM)`,
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
    ...options,
  });
}
