/**
 * Card textures from the atlas (`assets/cards/atlas.svg` with `atlas.json`, frame names = card
 * ids, and `back`). The SVG is rasterized once at the density the cards are shown at (device
 * pixel ratio times card size), so cards stay sharp at every `devicePixelRatio`; a four-colour
 * atlas serves the four-colour setting.
 *
 * @module
 */

import { ImageSource, Rectangle, Texture } from "pixi.js";

/** Card textures by card id, plus `back`. */
export type CardTextures = Readonly<Record<string, Texture>>;

/** The atlas description (the TexturePacker JSON shape). */
interface AtlasData {
  readonly frames: Record<string, { frame: { x: number; y: number; w: number; h: number } }>;
}

/** The width of one card in the atlas drawing, in SVG units. */
export const ATLAS_CARD_WIDTH = 200;

/**
 * The rasterization density for cards shown `cardWidth` CSS pixels wide on a screen of
 * `devicePixelRatio` `dpr`: enough pixels for every screen pixel, capped for memory.
 */
export function atlasResolution(cardWidth: number, dpr: number): number {
  return Math.min(2.5, Math.max(0.5, Math.ceil((cardWidth * dpr / ATLAS_CARD_WIDTH) * 4) / 4));
}

/** Loads an atlas rasterized at `resolution`. */
export async function loadCards(fourColour: boolean, resolution: number): Promise<CardTextures> {
  const name = fourColour ? "atlas-four" : "atlas";
  const base = "/assets/cards/";
  const [data, svg] = await Promise.all([
    fetch(`${base}${name}.json`).then((r) => r.json() as Promise<AtlasData>),
    fetch(`${base}${name}.svg`).then((r) => r.text()),
  ]);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(image.width * resolution);
  canvas.height = Math.ceil(image.height * resolution);
  const ctx = canvas.getContext("2d")!;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const source = new ImageSource({
    resource: canvas,
    resolution,
    alphaMode: "premultiply-alpha-on-upload",
    autoGenerateMipmaps: true,
    scaleMode: "linear",
  });
  const textures: Record<string, Texture> = {};
  for (const [id, { frame }] of Object.entries(data.frames)) {
    textures[id] = new Texture({
      source,
      frame: new Rectangle(frame.x, frame.y, frame.w, frame.h),
    });
  }
  return textures;
}
