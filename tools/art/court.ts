/**
 * Court cards (J, Q, K): an original double-ended design. Each half is a geometric bust built
 * from simple shapes in the suit's ink with gold accents, inside a frame whose band carries a
 * row of eight-point stars. The king wears a crown and holds a star-topped sceptre, the queen a
 * veil and tiara and holds a rosette, the jack a headcloth with a double cord and holds a sword.
 *
 * @module
 */

import type { Suit } from "../../rules/card.ts";
import { circlePath, el, g, khatam, line, mix, poly, type Pt, starPoints } from "./svg.ts";

/** Gold accents on court cards and the back. */
export const GOLD = "#d2a63c";
const GOLD_DARK = "#8f6a1a";
const SKIN = "#eec9a2";
const HAIR = "#2a2322";
const WHITE = "#ffffff";

/** The frame around the figures, in card units. */
export const FRAME = { x0: 46, y0: 10, x1: 154, y1: 270, band: 6 } as const;
const MID = (FRAME.y0 + FRAME.y1) / 2;
/** Half-panel height, from the frame's inner top edge to the midline. */
const HALF = MID - FRAME.y0 - FRAME.band;

type Court = "J" | "Q" | "K";
/** The busts are drawn a little over the panel size and scaled about the midline. */
const FIGURE_SCALE = 1.12;

/** A suit symbol from the atlas's `<defs>`, centred at (x, y), `size` units tall. */
export function pip(suit: Suit, x: number, y: number, size: number, fill: string, flip = false) {
  const rot = flip ? " rotate(180)" : "";
  return el("use", {
    href: `#suit-${suit}`,
    fill,
    transform: `translate(${x} ${y})${rot} scale(${size / 100})`,
  });
}

function robe(ink: string): string {
  const y = HALF;
  return el("path", {
    d: `M-50 ${y}L-50 ${y - 14}C-50 ${y - 30}-38 ${y - 38}-19 ${y - 42}` +
      `L19 ${y - 42}C38 ${y - 38} 50 ${y - 30} 50 ${y - 14}L50 ${y}Z`,
    fill: ink,
  }) +
    // gold trim along the shoulders: a row of small triangles
    el("path", {
      d: Array.from({ length: 9 }, (_, i) => {
        const x = -40 + i * 10;
        return poly([[x - 3.5, y - 6], [x, y - 12], [x + 3.5, y - 6]]);
      }).join(""),
      fill: GOLD,
    }) +
    el("path", { d: line([[-50, y - 3], [50, y - 3]]), stroke: GOLD, "stroke-width": 1.5 });
}

function collar(ink: string): string {
  const y = HALF - 42;
  const studs = [y + 31, y + 37].map((cy) => khatam(0, cy, 2.6)).join("");
  return el("path", { d: poly([[-19, y], [0, y + 26], [19, y]]), fill: GOLD }) +
    el("path", { d: poly([[-12, y], [0, y + 17], [12, y]]), fill: mix(ink, WHITE, 0.88) }) +
    el("rect", { x: -4, y: y + 24, width: 8, height: 18, fill: GOLD }) +
    el("path", { d: studs, fill: ink });
}

function head(style: "beard" | "moustache" | "lips"): string {
  const neck = el("rect", { x: -6, y: 68, width: 12, height: 18, fill: SKIN });
  const face = el("ellipse", { cx: 0, cy: 56, rx: 13.5, ry: 16, fill: SKIN });
  const eyes = el("path", { d: circlePath(-5, 55, 1.6) + circlePath(5, 55, 1.6), fill: HAIR });
  const brows = el("path", {
    d: "M-9 51Q-6 48.6-2.5 50M2.5 50Q6 48.6 9 51",
    fill: "none",
    stroke: HAIR,
    "stroke-width": 1.3,
    "stroke-linecap": "round",
  });
  let mouth: string;
  if (style === "beard") {
    mouth = el("path", {
      d: "M-13.5 57C-13 74-7 84 0 89C7 84 13 74 13.5 57C11 63 7 65 4 64" +
        "C2 62-2 62-4 64C-7 65-11 63-13.5 57Z",
      fill: HAIR,
    });
  } else if (style === "moustache") {
    mouth = el("path", {
      d: "M-7 64.5C-4.5 61.5-1 62 0 63C1 62 4.5 61.5 7 64.5C4 63.6 1 64.6 0 64.6" +
        "C-1 64.6-4 63.6-7 64.5ZM-4.5 68.5C-2 70 2 70 4.5 68.5L2.5 73L-2.5 73Z",
      fill: HAIR,
    });
  } else {
    mouth = el("ellipse", { cx: 0, cy: 64.5, rx: 3.2, ry: 1.4, fill: "#c2554e" });
  }
  return neck + face + eyes + brows + mouth;
}

function crown(ink: string): string {
  const body: Pt[] = [[-17, 44], [-18, 24], [-9, 33], [0, 19], [9, 33], [18, 24], [17, 44]];
  return el("path", {
    d: poly(body),
    fill: GOLD,
    stroke: GOLD_DARK,
    "stroke-width": 1.2,
    "stroke-linejoin": "round",
  }) +
    el("path", {
      d: circlePath(-18, 23.5, 2.5) + circlePath(0, 18.5, 2.7) + circlePath(18, 23.5, 2.5),
      fill: GOLD,
    }) +
    el("rect", { x: -17, y: 36, width: 34, height: 6, fill: GOLD_DARK }) +
    el("path", { d: khatam(0, 39, 4.2) + khatam(-10, 39, 2.6) + khatam(10, 39, 2.6), fill: ink });
}

function sceptre(): string {
  return el("path", { d: line([[34, HALF], [34, 34]]), stroke: GOLD_DARK, "stroke-width": 3.2 }) +
    el("path", { d: line([[34, HALF], [34, 34]]), stroke: GOLD, "stroke-width": 1.6 }) +
    el("path", { d: khatam(34, 28, 7.5), fill: GOLD, stroke: GOLD_DARK, "stroke-width": 1 }) +
    el("ellipse", { cx: 34, cy: 98, rx: 5, ry: 4, fill: SKIN });
}

function veil(ink: string): string {
  return el("path", {
    d: "M-16 46C-18 30 18 30 16 46L19 84L-19 84Z",
    fill: HAIR,
  }) +
    el("path", {
      d: "M-24 86C-26 58-24 34 0 29C24 34 26 58 24 86L15 86C17 64 15 44 0 42" +
        "C-15 44-17 64-15 86Z",
      fill: ink,
    }) +
    el("path", {
      d: "M-20 80C-22 58-20 38 0 33.5C20 38 22 58 20 80",
      fill: "none",
      stroke: GOLD,
      "stroke-width": 1.1,
      "stroke-dasharray": "2 2.2",
    });
}

function tiara(ink: string): string {
  const pts: Pt[] = [[-13, 40], [-10, 33], [-5, 36], [0, 26], [5, 36], [10, 33], [13, 40]];
  return el("path", {
    d: poly(pts),
    fill: GOLD,
    stroke: GOLD_DARK,
    "stroke-width": 1,
    "stroke-linejoin": "round",
  }) + el("path", { d: khatam(0, 34.5, 3.4), fill: ink });
}

function necklace(ink: string): string {
  const beads = Array.from({ length: 7 }, (_, i) => {
    const t = (i - 3) / 3;
    return circlePath(t * 14, HALF - 40 + 13 * (1 - t * t), i === 3 ? 2.6 : 1.7);
  }).join("");
  return el("path", { d: beads, fill: GOLD }) +
    el("path", { d: circlePath(0, HALF - 27, 1.2), fill: ink });
}

function rosette(ink: string): string {
  const petals = Array.from({ length: 8 }, (_, i) =>
    el("ellipse", {
      cx: 0,
      cy: -6,
      rx: 2.8,
      ry: 6,
      transform: `rotate(${i * 45})`,
    })).join("");
  return el("path", {
    d: line([[-34, HALF - 20], [-34, 40]]),
    stroke: GOLD_DARK,
    "stroke-width": 1.6,
  }) +
    g({ transform: "translate(-34 34)", fill: GOLD }, petals) +
    el("path", { d: circlePath(-34, 34, 3.4), fill: ink }) +
    el("ellipse", { cx: -34, cy: 98, rx: 5, ry: 4, fill: SKIN });
}

function headcloth(ink: string): string {
  const cloth = "M0 28C-19 28-25 42-25 58L-31 96L-15 96L-14 58C-14 47-9 43 0 43" +
    "C9 43 14 47 14 58L15 96L31 96L25 58C25 42 19 28 0 28Z";
  const checks: string[] = [];
  for (const [x, y] of [[-21, 60], [-24, 74], [-22, 88], [21, 60], [24, 74], [22, 88]]) {
    checks.push(poly([[x, y - 3], [x + 3, y], [x, y + 3], [x - 3, y]]));
  }
  return el("path", { d: cloth, fill: WHITE, stroke: ink, "stroke-width": 1.4 }) +
    el("path", { d: checks.join(""), fill: ink }) +
    el("ellipse", {
      cx: 0,
      cy: 37,
      rx: 18,
      ry: 4.2,
      fill: "none",
      stroke: HAIR,
      "stroke-width": 3,
    }) +
    el("ellipse", {
      cx: 0,
      cy: 32.5,
      rx: 15,
      ry: 3.6,
      fill: "none",
      stroke: HAIR,
      "stroke-width": 2.6,
    });
}

function sword(): string {
  const blade = poly([[31.5, 98], [31.5, 34], [34, 27], [36.5, 34], [36.5, 98]]);
  return el("path", { d: blade, fill: "#e4e7ec", stroke: "#7d8590", "stroke-width": 1 }) +
    el("path", { d: line([[34, 36], [34, 94]]), stroke: "#aab1bb", "stroke-width": 0.8 }) +
    el("rect", {
      x: 26,
      y: 96,
      width: 16,
      height: 4,
      rx: 2,
      fill: GOLD,
      stroke: GOLD_DARK,
      "stroke-width": 0.8,
    }) +
    el("ellipse", { cx: 34, cy: 106, rx: 5, ry: 4, fill: SKIN });
}

function emblem(suit: Suit, ink: string): string {
  const cx = -33, cy = HALF - 18;
  return el("path", {
    d: circlePath(cx, cy, 9.5),
    fill: WHITE,
    stroke: GOLD,
    "stroke-width": 1.6,
  }) +
    pip(suit, cx, cy, 12, ink);
}

/** One half of the court card, origin at the middle of the panel's top edge, y down. */
function figure(rank: Court, suit: Suit, ink: string): string {
  switch (rank) {
    case "K":
      return robe(ink) + collar(ink) + head("beard") + crown(ink) + sceptre() + emblem(suit, ink);
    case "Q":
      return veil(ink) + robe(ink) + collar(ink) + head("lips") + necklace(ink) + tiara(ink) +
        rosette(ink) + emblem(suit, ink);
    case "J":
      return robe(ink) + collar(ink) + head("moustache") + headcloth(ink) + sword() +
        emblem(suit, ink);
  }
}

/** The chain of small eight-point stars along the middle of the frame's band. */
function bandStars(): string {
  const { x0, y0, x1, y1, band } = FRAME;
  const stars: string[] = [];
  const h = band / 2;
  const along = (a: number, b: number, fixed: number, vertical: boolean) => {
    const n = Math.round((b - a) / 10);
    for (let i = 0; i <= n; i++) {
      const t = a + ((b - a) * i) / n;
      stars.push(vertical ? khatam(fixed, t, 2.2) : khatam(t, fixed, 2.2));
    }
  };
  along(x0 + h, x1 - h, y0 + h, false);
  along(x0 + h, x1 - h, y1 - h, false);
  along(y0 + h + 10, y1 - h - 10, x0 + h, true);
  along(y0 + h + 10, y1 - h - 10, x1 - h, true);
  return stars.join("");
}

/** The frame's band: gold between two ink rules, carrying the star chain in the ink. */
function frameBand(ink: string): string {
  const { x0, y0, x1, y1, band } = FRAME;
  const rect = (d: number, a: Record<string, string | number>) =>
    el("rect", { x: x0 + d, y: y0 + d, width: x1 - x0 - 2 * d, height: y1 - y0 - 2 * d, ...a });
  return rect(0, { rx: 4, fill: GOLD, stroke: ink, "stroke-width": 1.4 }) +
    el("use", { href: "#court-stars", fill: ink }) +
    rect(band, { fill: "none", stroke: ink, "stroke-width": 1.2 });
}

/** A court card's art inside its frame (the white card and indices are drawn by the caller). */
export function courtArt(rank: Court, suit: Suit, ink: string): string {
  const { x0, y0, x1, y1, band } = FRAME;
  const inner = {
    x: x0 + band,
    y: y0 + band,
    width: x1 - x0 - 2 * band,
    height: y1 - y0 - 2 * band,
  };
  const id = `half-${rank}${suit}`;
  const half = g(
    {
      id,
      transform: `translate(100 ${y0 + band + HALF}) scale(${FIGURE_SCALE}) translate(0 ${-HALF})`,
    },
    figure(rank, suit, ink),
  );
  return frameBand(ink) +
    g(
      { "clip-path": "url(#court-panel)" },
      el("rect", { ...inner, fill: mix(ink, WHITE, 0.9) }),
      el("rect", { ...inner, fill: `url(#lattice-${ink.slice(1)})` }),
      half,
      el("use", { href: `#${id}`, transform: `rotate(180 100 ${MID})` }),
      el("path", { d: line([[x0, MID], [x1, MID]]), stroke: GOLD, "stroke-width": 2 }),
      el("path", { d: poly(starPoints(100, MID, 4, 6, 2.4)), fill: GOLD }),
    );
}

/** The court panel's clip path and, per ink, a faint eight-point-star lattice pattern. */
export function courtDefs(inks: readonly string[]): string {
  const { x0, y0, x1, y1, band } = FRAME;
  const inner = {
    x: x0 + band,
    y: y0 + band,
    width: x1 - x0 - 2 * band,
    height: y1 - y0 - 2 * band,
  };
  return el("clipPath", { id: "court-panel" }, el("rect", inner)) +
    el("path", { id: "court-stars", d: bandStars() }) +
    [...new Set(inks)].map(latticePattern).join("");
}

function latticePattern(ink: string): string {
  const s = 16;
  return el(
    "pattern",
    {
      id: `lattice-${ink.slice(1)}`,
      patternUnits: "userSpaceOnUse",
      width: s,
      height: s,
      x: 4,
      y: 4,
    },
    el("path", {
      d: khatam(s / 2, s / 2, s / 2 - 0.5),
      fill: "none",
      stroke: mix(ink, WHITE, 0.78),
      "stroke-width": 0.7,
    }),
  );
}
