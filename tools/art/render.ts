/**
 * Renders SVG files with the system's headless Chromium (through `playwright-core`), the way a
 * browser loads them as images: for preview PNGs and for the generator's pixel tests.
 *
 * @module
 */

import { launchChromium } from "../browser.ts";

/** A rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a rectangle of a rendered image holds. */
export interface RectStats {
  /** Share of pixels with any opacity. */
  opaque: number;
  /** Standard deviation of the luminance of the opaque pixels (0 = one flat colour). */
  spread: number;
  /** Share of pixels with any opacity in the 2-pixel ring just outside the rectangle. */
  ring: number;
}

/** An open headless browser page. */
export interface Renderer {
  /** The SVG as a PNG, `scale` device pixels per user unit, over `background`. */
  png(svg: string, scale?: number, background?: string): Promise<Uint8Array>;
  /** Statistics of each rectangle after drawing the SVG into a canvas at its own size. */
  stats(svg: string, rects: readonly Rect[]): Promise<RectStats[]>;
  close(): Promise<void>;
}

/** The little of the page's DOM used by code that runs inside Chromium (Deno has no DOM types). */
interface PageImage {
  src: string;
  naturalWidth: number;
  naturalHeight: number;
  complete: boolean;
  decode(): Promise<void>;
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: "2d", options: { willReadFrequently: boolean }): {
    drawImage(image: PageImage, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}
interface PageGlobals {
  document: { images: PageImage[]; createElement(tag: "canvas"): PageCanvas };
  Image: new () => PageImage;
}

function dataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return "data:image/svg+xml;base64," + btoa(bin);
}

function sizeOf(svg: string): { w: number; h: number } {
  const m = svg.match(/<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/);
  if (!m) throw new Error("SVG without width and height");
  return { w: Number(m[1]), h: Number(m[2]) };
}

/** Launches Chromium and opens one page. */
export async function openRenderer(): Promise<Renderer> {
  const browser = await launchChromium();
  const page = await browser.newPage();
  return {
    async png(svg, scale = 1, background = "#145a3e") {
      const { w, h } = sizeOf(svg);
      await page.setViewportSize({ width: Math.ceil(w * scale), height: Math.ceil(h * scale) });
      await page.setContent(
        `<body style="margin:0;background:${background}">` +
          `<img src="${dataUrl(svg)}" style="display:block;width:${w * scale}px;` +
          `height:${h * scale}px"></body>`,
      );
      await page.waitForFunction(() =>
        (globalThis as unknown as PageGlobals).document.images[0]?.complete
      );
      return await page.screenshot({ type: "png" });
    },
    stats(svg, rects) {
      return page.evaluate(async ([url, rs]) => {
        const { document, Image } = globalThis as unknown as PageGlobals;
        const img = new Image();
        img.src = url;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
        ctx.drawImage(img, 0, 0);
        const all = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const alphaAt = (x: number, y: number) =>
          x < 0 || y < 0 || x >= canvas.width || y >= canvas.height
            ? 0
            : all[(y * canvas.width + x) * 4 + 3];
        return rs.map((r) => {
          let opaque = 0, sum = 0, sum2 = 0;
          for (let y = r.y; y < r.y + r.h; y++) {
            for (let x = r.x; x < r.x + r.w; x++) {
              const i = (y * canvas.width + x) * 4;
              if (all[i + 3] === 0) continue;
              opaque++;
              const l = 0.299 * all[i] + 0.587 * all[i + 1] + 0.114 * all[i + 2];
              sum += l;
              sum2 += l * l;
            }
          }
          let ring = 0, ringTotal = 0;
          for (let d = 1; d <= 2; d++) {
            for (let x = r.x - d; x < r.x + r.w + d; x++) {
              ring += +(alphaAt(x, r.y - d) > 0) + +(alphaAt(x, r.y + r.h - 1 + d) > 0);
              ringTotal += 2;
            }
            for (let y = r.y; y < r.y + r.h; y++) {
              ring += +(alphaAt(r.x - d, y) > 0) + +(alphaAt(r.x + r.w - 1 + d, y) > 0);
              ringTotal += 2;
            }
          }
          const mean = opaque ? sum / opaque : 0;
          return {
            opaque: opaque / (r.w * r.h),
            spread: opaque ? Math.sqrt(Math.max(0, sum2 / opaque - mean * mean)) : 0,
            ring: ring / ringTotal,
          };
        });
      }, [dataUrl(svg), rects] as const);
    },
    async close() {
      await browser.close();
    },
  };
}
