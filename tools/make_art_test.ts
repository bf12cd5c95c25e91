/**
 * The art generator (`tools/make_art.ts`): deterministic output that matches the committed
 * assets, a PixiJS atlas whose 33 frames tile the image without overlapping, well-formed SVG
 * with only generic fonts and no outside references, valid non-silent WAV files and, where
 * Chromium is installed, atlases that render with every card opaque, drawn and padded apart.
 *
 * @module
 */

import assert from "node:assert/strict";
import { DECK } from "../rules/card.ts";
import { generateArt } from "./make_art.ts";
import { openRenderer, type Rect } from "./art/render.ts";
import { skipBrowserTests } from "./browser.ts";

const ROOT = new URL("../", import.meta.url);
const art = generateArt();
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const paths = (suffix: string) => [...art.keys()].filter((p) => p.endsWith(suffix));

/** Throws unless `src` is well-formed XML with a single root element (a small checker). */
export function checkXml(src: string): void {
  const NAME = /[A-Za-z_][\w.:-]*/y;
  const ATTR = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/y;
  const checkText = (t: string, at: number) => {
    const bad = t.match(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/);
    if (bad) throw new Error(`bare & at ${at + bad.index!}`);
  };
  const stack: string[] = [];
  let roots = 0;
  let i = src.startsWith("<?xml") ? src.indexOf("?>") + 2 : 0;
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const between = src.slice(i, lt < 0 ? src.length : lt);
    checkText(between, i);
    if (!stack.length && between.trim()) throw new Error(`text outside the root at ${i}`);
    if (lt < 0) break;
    if (src.startsWith("<!--", lt)) {
      const end = src.indexOf("-->", lt + 4);
      if (end < 0 || src.slice(lt + 4, end).includes("--")) throw new Error(`bad comment at ${lt}`);
      i = end + 3;
      continue;
    }
    if (src[lt + 1] === "/") {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(src)?.[0];
      if (!name || name !== stack.pop() || src[lt + 2 + name.length] !== ">") {
        throw new Error(`mismatched end tag </${name}> at ${lt}`);
      }
      i = lt + 3 + name.length;
      continue;
    }
    NAME.lastIndex = lt + 1;
    const name = NAME.exec(src)?.[0];
    if (!name) throw new Error(`bad tag at ${lt}`);
    let j = lt + 1 + name.length;
    const seen = new Set<string>();
    for (let m; (ATTR.lastIndex = j, m = ATTR.exec(src));) {
      if (seen.has(m[1])) throw new Error(`duplicate attribute ${m[1]} at ${j}`);
      seen.add(m[1]);
      checkText(m[2], j);
      j = ATTR.lastIndex;
    }
    while (/\s/.test(src[j])) j++;
    if (!stack.length) roots++;
    if (src.startsWith("/>", j)) i = j + 2;
    else if (src[j] === ">") {
      stack.push(name);
      i = j + 1;
    } else throw new Error(`malformed tag <${name}> at ${j}`);
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

Deno.test("make_art: two runs give the same bytes", () => {
  const again = generateArt();
  assert.deepEqual([...again.keys()], [...art.keys()]);
  for (const [path, bytes] of art) assert.deepEqual(again.get(path), bytes, path);
});

Deno.test("make_art: assets/ holds the generator's current output (run `deno task art`)", () => {
  for (const [path, bytes] of art) {
    const onDisk = Deno.readFileSync(new URL(path, ROOT));
    assert.ok(
      onDisk.length === bytes.length && onDisk.every((b, i) => b === bytes[i]),
      `${path} is stale: run \`deno task art\``,
    );
  }
});

Deno.test("make_art: the required files are all there", () => {
  for (const name of ["atlas.svg", "atlas.json", "atlas-four.svg", "atlas-four.json"]) {
    assert.ok(art.has(`assets/cards/${name}`), name);
  }
  for (const name of ["deal", "play", "trick", "turn", "win"]) {
    assert.ok(art.has(`assets/sounds/${name}.wav`), name);
  }
  assert.ok(art.has("assets/table/felt.svg"));
  for (
    const name of ["sound-on", "sound-off", "settings", "leave", "eye", "rewind", "trump-frame"]
  ) {
    assert.ok(art.has(`assets/ui/${name}.svg`), name);
  }
  const licence = decode(art.get("assets/LICENSE.md")!);
  assert.match(licence, /CC0 1\.0/);
  for (const path of art.keys()) assert.ok(licence.includes(`\`${path}\``), path);
});

interface SheetFrame {
  frame: Rect;
  rotated: boolean;
  trimmed: boolean;
  spriteSourceSize: Rect;
  sourceSize: { w: number; h: number };
}
interface Sheet {
  frames: Record<string, SheetFrame>;
  meta: { image: string; size: { w: number; h: number }; scale: string; format: string };
}

function sheet(json: string): Sheet {
  return JSON.parse(decode(art.get(`assets/cards/${json}`)!));
}

function svgSize(svg: string): { w: number; h: number } {
  const m = svg.match(/<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/)!;
  return { w: Number(m[1]), h: Number(m[2]) };
}

for (const json of ["atlas.json", "atlas-four.json"]) {
  Deno.test(`make_art: ${json} has the 33 frames, inside the image and apart`, () => {
    const { frames, meta } = sheet(json);
    assert.deepEqual(Object.keys(frames).sort(), [...DECK, "back"].sort());
    assert.equal(meta.image, json.replace(".json", ".svg"));
    assert.deepEqual(meta.size, svgSize(decode(art.get(`assets/cards/${meta.image}`)!)));
    assert.equal(meta.scale, "1");
    assert.equal(meta.format, "RGBA8888");
    const rects = Object.values(frames).map((f) => f.frame);
    for (const [name, f] of Object.entries(frames)) {
      const { x, y, w, h } = f.frame;
      assert.ok(x >= 0 && y >= 0 && x + w <= meta.size.w && y + h <= meta.size.h, name);
      assert.equal(f.rotated, false);
      assert.equal(f.trimmed, false);
      assert.deepEqual(f.spriteSourceSize, { x: 0, y: 0, w, h });
      assert.deepEqual(f.sourceSize, { w, h });
    }
    for (let a = 0; a < rects.length; a++) {
      for (let b = a + 1; b < rects.length; b++) {
        const [p, q] = [rects[a], rects[b]];
        // at least 2 units of empty space between any two frames
        const apart = p.x + p.w + 2 <= q.x || q.x + q.w + 2 <= p.x || p.y + p.h + 2 <= q.y ||
          q.y + q.h + 2 <= p.y;
        assert.ok(apart, `frames ${a} and ${b} touch or overlap`);
      }
    }
  });
}

Deno.test("make_art: SVGs are well-formed, use generic fonts and reference nothing outside", () => {
  for (const path of paths(".svg")) {
    const svg = decode(art.get(path)!);
    assert.doesNotThrow(() => checkXml(svg), path);
    for (const [, family] of svg.matchAll(/font-family="([^"]*)"/g)) {
      assert.ok(family === "serif" || family === "sans-serif", `${path}: font ${family}`);
    }
    assert.doesNotMatch(svg, /@font-face|<image|<script|<foreignObject/, path);
    for (const [, ref] of svg.matchAll(/href="([^"]*)"/g)) assert.match(ref, /^#/, path);
    for (const [, ref] of svg.matchAll(/url\(([^)]*)\)/g)) assert.match(ref, /^#/, path);
  }
});

Deno.test("make_art: the checker rejects malformed XML", () => {
  for (const bad of ["<a><b></a></b>", "<a>", "<a x=1/>", "<a/><b/>", "<a>&</a>", "<a y='1'/>"]) {
    assert.throws(() => checkXml(bad), bad);
  }
  checkXml('<?xml version="1.0"?>\n<a x="1"><!-- c --><b/>t &amp; u</a>\n');
});

const STATED_MS: Record<string, number> = { deal: 60, play: 80, trick: 250, turn: 300, win: 600 };

Deno.test("make_art: sounds are short mono 16-bit 22 050 Hz PCM WAVs, not silent", () => {
  for (const path of paths(".wav")) {
    const bytes = art.get(path)!;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
    assert.equal(ascii(0), "RIFF", path);
    assert.equal(view.getUint32(4, true), bytes.length - 8, path);
    assert.equal(ascii(8), "WAVE", path);
    assert.equal(ascii(12), "fmt ", path);
    assert.equal(view.getUint32(16, true), 16, path);
    assert.equal(view.getUint16(20, true), 1, `${path}: PCM`);
    assert.equal(view.getUint16(22, true), 1, `${path}: mono`);
    assert.equal(view.getUint32(24, true), 22050, `${path}: rate`);
    assert.equal(view.getUint32(28, true), 44100, `${path}: byte rate`);
    assert.equal(view.getUint16(32, true), 2, `${path}: block align`);
    assert.equal(view.getUint16(34, true), 16, `${path}: bits`);
    assert.equal(ascii(36), "data", path);
    const n = view.getUint32(40, true) / 2;
    assert.equal(44 + 2 * n, bytes.length, path);
    assert.ok(bytes.length < 40 * 1024, `${path}: ${bytes.length} bytes`);
    const name = path.split("/").pop()!.replace(".wav", "");
    const ms = (n / 22050) * 1000;
    assert.ok(Math.abs(ms - STATED_MS[name]) <= STATED_MS[name] * 0.1, `${path}: ${ms} ms`);
    let peak = 0, sum2 = 0;
    for (let i = 0; i < n; i++) {
      const v = view.getInt16(44 + 2 * i, true) / 32768;
      peak = Math.max(peak, Math.abs(v));
      sum2 += v * v;
    }
    assert.ok(peak > 0.3 && peak < 0.99, `${path}: peak ${peak}`);
    assert.ok(Math.sqrt(sum2 / n) > 0.03, `${path}: too quiet`);
    assert.equal(view.getInt16(44, true), 0, `${path}: starts at zero`);
  }
});

Deno.test({
  name: "make_art: in Chromium every atlas frame is opaque, drawn, and padded from its neighbours",
  ignore: skipBrowserTests(),
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const renderer = await openRenderer();
    try {
      for (const json of ["atlas.json", "atlas-four.json"]) {
        const { frames, meta } = sheet(json);
        const svg = decode(art.get(`assets/cards/${meta.image}`)!);
        const names = Object.keys(frames);
        const stats = await renderer.stats(svg, names.map((n) => frames[n].frame));
        stats.forEach((s, i) => {
          const where = `${meta.image} ${names[i]}`;
          assert.ok(s.opaque > 0.99, `${where}: only ${s.opaque} opaque`);
          assert.ok(s.spread > 8, `${where}: flat (${s.spread})`);
          assert.equal(s.ring, 0, `${where}: pixels in the padding`);
        });
      }
      for (const path of paths(".svg").filter((p) => !p.includes("/cards/"))) {
        const svg = decode(art.get(path)!);
        const { w, h } = svgSize(svg);
        const [s] = await renderer.stats(svg, [{ x: 0, y: 0, w, h }]);
        assert.ok(s.opaque > 0.05, `${path}: nearly empty`);
      }
    } finally {
      await renderer.close();
    }
  },
});
