/**
 * Card faces and the card back, each drawn in its own 200 × 280 box (origin top left), for the
 * atlas to place. Faces: a white rounded card, the rank and suit index in the top-left and
 * bottom-right corners, classic pip layouts for 7–10, one large pip on a star rosette for the
 * ace, and the court design (court.ts) for J, Q and K.
 *
 * @module
 */

import type { Card, Rank, Suit } from "../../rules/card.ts";
import { courtArt, courtDefs, GOLD, pip } from "./court.ts";
import { type Scheme, SUIT_PATHS } from "./suits.ts";
import { circlePath, el, g, khatam, mix, ngon, text } from "./svg.ts";

/** Card size in atlas units, and its corner radius. */
export const CARD_W = 200;
export const CARD_H = 280;
export const CARD_R = 14;

const WHITE = "#ffffff";
const EDGE = "#aeb6c2";
const BACK_GREEN = "#0f4a37";
const BACK_DEEP = "#0a3528";

/** Shared `<defs>`: suit symbols, the face gradient, court panel patterns, the back lattice. */
export function cardDefs(scheme: Scheme): string {
  const suits = (Object.keys(SUIT_PATHS) as Suit[])
    .map((s) => el("path", { id: `suit-${s}`, d: SUIT_PATHS[s] }))
    .join("");
  const face = el(
    "linearGradient",
    { id: "face", x1: 0, y1: 0, x2: 0, y2: 1 },
    el("stop", { offset: 0, "stop-color": WHITE }),
    el("stop", { offset: 1, "stop-color": "#f3f4f1" }),
  );
  return el("defs", {}, suits, face, courtDefs(Object.values(scheme.ink)), backLattice());
}

function blank(fill: string): string {
  return el("rect", {
    x: 1,
    y: 1,
    width: CARD_W - 2,
    height: CARD_H - 2,
    rx: CARD_R - 1,
    fill,
    stroke: EDGE,
    "stroke-width": 2,
  });
}

function rankLabel(rank: Rank): string {
  return rank === "T" ? "10" : rank;
}

/** The rank over the suit, top left; the same turned half a turn, bottom right. */
function indices(rank: Rank, suit: Suit, ink: string): string {
  const label = rankLabel(rank);
  const corner = text({
    x: 25,
    y: 48,
    fill: ink,
    "font-family": "sans-serif",
    "font-size": 46,
    "font-weight": 700,
    "text-anchor": "middle",
    textLength: label.length > 1 ? 40 : undefined,
    lengthAdjust: label.length > 1 ? "spacingAndGlyphs" : undefined,
  }, label) + pip(suit, 25, 74, 28, ink);
  return corner + g({ transform: `rotate(180 ${CARD_W / 2} ${CARD_H / 2})` }, corner);
}

const COL = { L: 66, C: 100, R: 134 } as const;
const TOP = 48;
const BOTTOM = 232;
const ROW4 = [0, 1, 2, 3].map((i) => TOP + ((BOTTOM - TOP) * i) / 3);
const ROW3 = [TOP, (TOP + BOTTOM) / 2, BOTTOM];

/** Pip centres for 7–10, the classic layouts. */
export function pipLayout(rank: "7" | "8" | "9" | "T"): [number, number][] {
  const sides = (rows: number[]) =>
    rows.flatMap((y) => [[COL.L, y], [COL.R, y]] as [number, number][]);
  const mid = (a: number, b: number) => (a + b) / 2;
  switch (rank) {
    case "7":
      return [...sides(ROW3), [COL.C, mid(ROW3[0], ROW3[1])]];
    case "8":
      return [...sides(ROW3), [COL.C, mid(ROW3[0], ROW3[1])], [COL.C, mid(ROW3[1], ROW3[2])]];
    case "9":
      return [...sides(ROW4), [COL.C, CARD_H / 2]];
    case "T":
      return [...sides(ROW4), [COL.C, mid(ROW4[0], ROW4[1])], [COL.C, mid(ROW4[2], ROW4[3])]];
  }
}

function pips(rank: "7" | "8" | "9" | "T", suit: Suit, ink: string): string {
  return pipLayout(rank)
    .map(([x, y]) => pip(suit, x, y, 35, ink, y > CARD_H / 2 + 1))
    .join("");
}

/** The ace: one large pip on a faint rosette of an eight-point star in a ring. */
function ace(suit: Suit, ink: string): string {
  const cx = CARD_W / 2, cy = CARD_H / 2;
  const tint = mix(ink, WHITE, 0.82);
  const rosette = el("path", { d: circlePath(cx, cy, 66), fill: mix(ink, WHITE, 0.95) }) +
    el("path", {
      d: khatam(cx, cy, 64) + khatam(cx, cy, 64, -Math.PI / 2 + Math.PI / 8),
      fill: "none",
      stroke: tint,
      "stroke-width": 1.6,
      "stroke-linejoin": "round",
    }) +
    el("path", { d: circlePath(cx, cy, 66), fill: "none", stroke: tint, "stroke-width": 2 });
  return rosette + pip(suit, cx, cy, 96, ink);
}

/** A face card's drawing, in card units. */
export function cardFace(card: Card, scheme: Scheme): string {
  const rank = card[0] as Rank;
  const suit = card[1] as Suit;
  const ink = scheme.ink[suit];
  let art: string;
  if (rank === "A") art = ace(suit, ink);
  else if (rank === "J" || rank === "Q" || rank === "K") art = courtArt(rank, suit, ink);
  else art = pips(rank, suit, ink);
  return blank("url(#face)") + art + indices(rank, suit, ink);
}

/** The back's lattice: eight-point stars meeting tip to tip, with small squares between. */
function backLattice(): string {
  const s = 20;
  const star = khatam(s / 2, s / 2, s / 2);
  const gaps = [0, s].flatMap((x) => [0, s].map((y) => ngon(x, y, 4, 4.2)));
  return el(
    "pattern",
    {
      id: "back-lattice",
      patternUnits: "userSpaceOnUse",
      width: s,
      height: s,
      x: (CARD_W / 2 - s / 2) % s,
      y: (CARD_H / 2 - s / 2) % s,
    },
    el("path", { d: gaps.join(""), fill: GOLD, "fill-opacity": 0.35 }),
    el("path", { d: star, fill: "none", stroke: GOLD, "stroke-width": 0.9, "stroke-opacity": 0.7 }),
  );
}

/** The card back: deep green with a gold star lattice, a double frame and a star medallion. */
export function cardBack(): string {
  const inner = { x: 9, y: 9, width: CARD_W - 18, height: CARD_H - 18, rx: 8 };
  const frame = (d: number, w: number) =>
    el("rect", {
      x: 9 + d,
      y: 9 + d,
      width: CARD_W - 18 - 2 * d,
      height: CARD_H - 18 - 2 * d,
      rx: Math.max(2, 8 - d / 2),
      fill: "none",
      stroke: GOLD,
      "stroke-width": w,
    });
  const cx = CARD_W / 2, cy = CARD_H / 2;
  const corners = [[22, 22], [CARD_W - 22, 22], [22, CARD_H - 22], [CARD_W - 22, CARD_H - 22]]
    .map(([x, y]) => khatam(x, y, 7)).join("");
  const medallion =
    el("path", { d: khatam(cx, cy, 48), fill: BACK_DEEP, stroke: GOLD, "stroke-width": 2 }) +
    el("path", { d: circlePath(cx, cy, 31), fill: "none", stroke: GOLD, "stroke-width": 1.2 }) +
    el("path", { d: khatam(cx, cy, 26, -Math.PI / 2 + Math.PI / 8), fill: GOLD }) +
    el("path", { d: khatam(cx, cy, 14), fill: BACK_DEEP }) +
    el("path", { d: circlePath(cx, cy, 5), fill: GOLD });
  return blank(WHITE) +
    el("rect", { ...inner, fill: BACK_GREEN }) +
    el("rect", { ...inner, fill: "url(#back-lattice)" }) +
    frame(5, 1.6) + frame(9, 0.8) +
    el("path", { d: corners, fill: BACK_DEEP, stroke: GOLD, "stroke-width": 1.2 }) +
    medallion;
}
