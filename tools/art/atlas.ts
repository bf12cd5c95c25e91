/**
 * The card atlas: 33 images (32 faces and the back) on one SVG sprite sheet, 8 columns × 5
 * rows, one suit per row (S, H, D, C) in rank order 7 8 9 10 J Q K A, the back alone on the last
 * row; and its PixiJS spritesheet JSON.
 *
 * @module
 */

import type { Card, Rank, Suit } from "../../rules/card.ts";
import { CARD_H, CARD_W, cardBack, cardDefs, cardFace } from "./cards.ts";
import { cardName } from "../../client/app/i18n.ts";
import type { Scheme } from "./suits.ts";
import { g, svgDoc } from "./svg.ts";

/** Rows and columns in atlas order. */
export const ATLAS_SUITS: readonly Suit[] = ["S", "H", "D", "C"];
export const ATLAS_RANKS: readonly Rank[] = ["7", "8", "9", "T", "J", "Q", "K", "A"];
/** Transparent units around each card, so neighbours never bleed into a sampled texture. */
export const PAD = 4;
const COLS = 8;
const ROWS = 5;
/** The atlas image size. */
export const ATLAS_W = COLS * (CARD_W + 2 * PAD);
export const ATLAS_H = ROWS * (CARD_H + 2 * PAD);

/** One frame: its name (a card id or `back`) and its rectangle. */
export interface Frame {
  name: Card | "back";
  x: number;
  y: number;
}

/** All 33 frames in atlas order. */
export function atlasFrames(): Frame[] {
  const at = (col: number, row: number) => ({
    x: col * (CARD_W + 2 * PAD) + PAD,
    y: row * (CARD_H + 2 * PAD) + PAD,
  });
  const faces = ATLAS_SUITS.flatMap((s, row) =>
    ATLAS_RANKS.map((r, col) => ({ name: `${r}${s}` as Card, ...at(col, row) }))
  );
  return [...faces, { name: "back", ...at(0, 4) }];
}

function title(name: Card | "back"): string {
  return name === "back" ? "card back" : cardName(name, "en"); // the words the client says for the card
}

/** The atlas SVG for one colour scheme. */
export function atlasSvg(scheme: Scheme): string {
  const cards = atlasFrames().map((f) =>
    `<!-- ${f.name}: ${title(f.name)} -->\n` +
    g(
      { id: `card-${f.name}`, transform: `translate(${f.x} ${f.y})` },
      f.name === "back" ? cardBack() : cardFace(f.name, scheme),
    )
  );
  return svgDoc(ATLAS_W, ATLAS_H, [cardDefs(scheme), ...cards]);
}

/** The PixiJS spritesheet JSON for an atlas image. */
export function atlasJson(image: string): string {
  const frames: Record<string, unknown> = {};
  for (const f of atlasFrames()) {
    frames[f.name] = {
      frame: { x: f.x, y: f.y, w: CARD_W, h: CARD_H },
      rotated: false,
      trimmed: false,
      spriteSourceSize: { x: 0, y: 0, w: CARD_W, h: CARD_H },
      sourceSize: { w: CARD_W, h: CARD_H },
    };
  }
  const meta = {
    app: "tools/make_art.ts",
    image,
    size: { w: ATLAS_W, h: ATLAS_H },
    scale: "1",
    format: "RGBA8888",
  };
  return JSON.stringify({ frames, meta }, null, 2) + "\n";
}
