/**
 * The browser bundle's entry point (`deno task build:client` bundles it to
 * `client/dist/app/main.js`).
 *
 * @module
 */

// The page's policy forbids `eval`; this makes PixiJS build its shader and uniform code without it.
import "pixi.js/unsafe-eval";
import { boot } from "./app/app.ts";

const root = document.getElementById("app")!;
boot(root).catch((e) => {
  console.error("the app failed to start", e);
  const box = document.createElement("div");
  box.className = "fatal";
  box.setAttribute("role", "alert");
  box.textContent = `The table could not start (${e instanceof Error ? e.message : e}). ` +
    "Reload the page; if it persists, try another browser.";
  root.replaceChildren(box);
});
