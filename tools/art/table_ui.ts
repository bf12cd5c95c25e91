/**
 * The table felt and the small interface icons. Icons are white on transparent, so the client
 * can tint them; the trump frame carries its own colours and leaves its centre free for a suit.
 *
 * @module
 */

import type { Suit } from "../../rules/card.ts";
import { GOLD } from "./court.ts";
import { SUIT_PATHS } from "./suits.ts";
import { circlePath, el, khatam, ngon, num, type Pt, svgDoc } from "./svg.ts";

const FELT_LIGHT = "#1f7350";
const FELT = "#176043";
const FELT_DARK = "#0b3a28";

/** A faint star-and-square lattice, period `s`, as a pattern with the given id. */
function feltLattice(id: string, s: number): string {
  return el(
    "pattern",
    { id, patternUnits: "userSpaceOnUse", width: s, height: s },
    el("path", {
      d: khatam(s / 2, s / 2, s * 0.42) +
        [0, s].flatMap((x) => [0, s].map((y) => ngon(x, y, 4, s * 0.12)))
          .join(""),
      fill: "none",
      stroke: "#ffffff",
      "stroke-opacity": 0.05,
      "stroke-width": 1.5,
    }),
  );
}

/** Fine felt grain: stitched fractal noise, very faint. */
function grain(id: string): string {
  return el(
    "filter",
    { id, x: 0, y: 0, width: 1, height: 1 },
    el("feTurbulence", {
      type: "fractalNoise",
      baseFrequency: 0.75,
      numOctaves: 2,
      seed: 7,
      stitchTiles: "stitch",
    }),
    el("feColorMatrix", { values: "0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  0 0 0 0.14 0" }),
  );
}

/** The table background, meant to be stretched over the table: a soft radial gradient. */
export function felt(): string {
  const size = 1024;
  const defs = el(
    "defs",
    {},
    el(
      "radialGradient",
      { id: "glow", cx: 0.5, cy: 0.5, r: 0.72 },
      el("stop", { offset: 0, "stop-color": FELT_LIGHT }),
      el("stop", { offset: 0.55, "stop-color": FELT }),
      el("stop", { offset: 1, "stop-color": FELT_DARK }),
    ),
    feltLattice("lattice", 64),
    grain("grain"),
  );
  const full = { width: size, height: size };
  return svgDoc(size, size, [
    defs,
    el("rect", { ...full, fill: "url(#glow)" }),
    el("rect", { ...full, fill: "url(#lattice)" }),
    el("rect", { ...full, filter: "url(#grain)" }),
  ]);
}

/** A seamless tile of the same felt without the gradient, for repeating. */
export function feltTile(): string {
  const size = 128;
  const full = { width: size, height: size };
  return svgDoc(size, size, [
    el("defs", {}, feltLattice("lattice", 64), grain("grain")),
    el("rect", { ...full, fill: FELT }),
    el("rect", { ...full, fill: "url(#lattice)" }),
    el("rect", { ...full, filter: "url(#grain)" }),
  ]);
}

const STROKE = {
  fill: "none",
  stroke: "#ffffff",
  "stroke-width": 5,
  "stroke-linecap": "round",
  "stroke-linejoin": "round",
} as const;

function icon(...body: string[]): string {
  return svgDoc(64, 64, body);
}

function speaker(): string {
  const body: Pt[] = [[9, 24], [19, 24], [31, 13], [31, 51], [19, 40], [9, 40]];
  return el("path", {
    d: body.map(([x, y], i) => `${i ? "L" : "M"}${x} ${y}`).join("") + "Z",
    fill: "#ffffff",
    stroke: "#ffffff",
    "stroke-width": 3,
    "stroke-linejoin": "round",
  });
}

/** Sound on: a speaker with two sound waves. */
export function soundOn(): string {
  return icon(
    speaker(),
    el("path", { ...STROKE, d: "M40 24a11 11 0 0 1 0 16M46 16a21 21 0 0 1 0 32" }),
  );
}

/** Sound off: a speaker with a cross. */
export function soundOff(): string {
  return icon(speaker(), el("path", { ...STROKE, d: "M40 25L54 39M54 25L40 39" }));
}

/** Settings: an eight-toothed gear. */
export function settings(): string {
  const teeth = 8, outer = 27, root = 20.5;
  const pts: string[] = [];
  for (let i = 0; i < teeth; i++) {
    const a = (2 * Math.PI * i) / teeth;
    const step = (2 * Math.PI) / teeth;
    for (const [da, r] of [[-0.3, root], [-0.17, outer], [0.17, outer], [0.3, root]] as const) {
      const t = a + da * step * 1.4;
      pts.push(
        `${pts.length ? "L" : "M"}${num(32 + r * Math.cos(t))} ${num(32 + r * Math.sin(t))}`,
      );
    }
  }
  return icon(el("path", {
    d: pts.join("") + "Z" + circlePath(32, 32, 8.5),
    fill: "#ffffff",
    "fill-rule": "evenodd",
    stroke: "#ffffff",
    "stroke-width": 1.5,
    "stroke-linejoin": "round",
  }));
}

/** Back: a left chevron. */
export function back(): string {
  return icon(el("path", { ...STROKE, "stroke-width": 6, d: "M38 14L20 32L38 50" }));
}

/** Leave: an arrow walking out of a door. */
export function leave(): string {
  return icon(
    el("path", { ...STROKE, d: "M30 10H48a4 4 0 0 1 4 4V50a4 4 0 0 1-4 4H30" }),
    el("path", { ...STROKE, d: "M40 32H10M20 22L10 32L20 42" }),
  );
}

/** Eye: an almond outline and its pupil (how many watch). */
export function eye(): string {
  return icon(
    el("path", {
      ...STROKE,
      d: "M6 32C14 19 22 14 32 14S50 19 58 32C50 45 42 50 32 50S14 45 6 32Z",
    }),
    el("circle", { cx: 32, cy: 32, r: 8, fill: "#ffffff" }),
  );
}

/** Rewind: two triangles pointing back, against a bar. */
export function rewind(): string {
  return icon(
    el("path", { d: "M12 14V50", ...STROKE }),
    el("path", { d: "M36 16L18 32L36 48ZM56 16L38 32L56 48Z", fill: "#ffffff" }),
  );
}

/** The trump indicator's frame: a dark green tile with a gold double border and star corners. */
export function trumpFrame(): string {
  const s = 128;
  const rect = (d: number, a: Record<string, string | number>) =>
    el("rect", { x: d, y: d, width: s - 2 * d, height: s - 2 * d, ...a });
  const corners = [[14, 14], [s - 14, 14], [14, s - 14], [s - 14, s - 14]]
    .map(([x, y]) => khatam(x, y, 8)).join("");
  return svgDoc(s, s, [
    rect(2, { rx: 20, fill: "#0b3b2d", "fill-opacity": 0.9, stroke: GOLD, "stroke-width": 3 }),
    rect(9, { rx: 14, fill: "none", stroke: GOLD, "stroke-width": 1.2, "stroke-opacity": 0.8 }),
    el("path", { d: corners, fill: "#0b3b2d", stroke: GOLD, "stroke-width": 1.6 }),
  ]);
}

/** A suit symbol alone, white, 64 × 64 (for the trump indicator or menus; tint to colour). */
export function suitIcon(suit: Suit): string {
  return svgDoc(64, 64, [
    el("path", { d: SUIT_PATHS[suit], fill: "#ffffff", transform: "translate(32 32) scale(0.52)" }),
  ]);
}

/** Every table and interface file: path under assets/ → SVG text. */
export function tableAndUi(): Map<string, string> {
  const files = new Map<string, string>([
    ["table/felt.svg", felt()],
    ["table/felt-tile.svg", feltTile()],
    ["ui/sound-on.svg", soundOn()],
    ["ui/sound-off.svg", soundOff()],
    ["ui/settings.svg", settings()],
    ["ui/back.svg", back()],
    ["ui/leave.svg", leave()],
    ["ui/eye.svg", eye()],
    ["ui/rewind.svg", rewind()],
    ["ui/trump-frame.svg", trumpFrame()],
  ]);
  for (const s of ["S", "H", "D", "C"] as const) files.set(`ui/suit-${s}.svg`, suitIcon(s));
  return files;
}
