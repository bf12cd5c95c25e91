/**
 * Small SVG-writing helpers for the art generator: fixed-precision numbers, elements, paths,
 * star polygons and colour mixing. Everything is a pure function of its arguments, so the
 * generated files are the same bytes on every run.
 *
 * @module
 */

/** Attribute values; `undefined` attributes are left out. */
export type Attrs = Record<string, string | number | undefined>;
/** A point `[x, y]`. */
export type Pt = readonly [number, number];

/** A number with at most two decimals, no trailing zeros, never `-0`. */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? "0" : String(r);
}

function escape(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");
}

/** ` k="v"` pairs in the given order. */
export function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? num(v) : escape(v as string)}"`)
    .join("");
}

/** An element; self-closing when it has no children. */
export function el(tag: string, a: Attrs = {}, ...children: string[]): string {
  const body = children.join("");
  return body ? `<${tag}${attrs(a)}>${body}</${tag}>` : `<${tag}${attrs(a)}/>`;
}

/** A text element (content escaped). */
export function text(a: Attrs, content: string): string {
  return `<text${attrs(a)}>${escape(content)}</text>`;
}

/** A group. */
export function g(a: Attrs, ...children: string[]): string {
  return el("g", a, ...children);
}

/** A closed polygon path `M … L … Z`. */
export function poly(points: readonly Pt[]): string {
  return points.map(([x, y], i) => `${i ? "L" : "M"}${num(x)} ${num(y)}`).join("") + "Z";
}

/** An open polyline path `M … L …`. */
export function line(points: readonly Pt[]): string {
  return points.map(([x, y], i) => `${i ? "L" : "M"}${num(x)} ${num(y)}`).join("");
}

/** Vertices of a star with `n` points (outer radius `R`, inner `r`), first point at `rot` rad. */
export function starPoints(
  cx: number,
  cy: number,
  n: number,
  R: number,
  r: number,
  rot = -Math.PI / 2,
): Pt[] {
  const pts: Pt[] = [];
  for (let i = 0; i < 2 * n; i++) {
    const a = rot + (i * Math.PI) / n;
    const rad = i % 2 ? r : R;
    pts.push([cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
  }
  return pts;
}

/**
 * The eight-point star of two overlapping squares (the khatam), outer radius `R`, as a path.
 * Its inner vertices sit where the two squares' edges cross.
 */
export function khatam(cx: number, cy: number, R: number, rot = -Math.PI / 2): string {
  const r = (R * Math.SQRT1_2) / Math.cos(Math.PI / 8);
  return poly(starPoints(cx, cy, 8, R, r, rot));
}

/** A regular polygon with `n` sides as a path. */
export function ngon(cx: number, cy: number, n: number, R: number, rot = -Math.PI / 2): string {
  const pts: Pt[] = [];
  for (let i = 0; i < n; i++) {
    const a = rot + (2 * i * Math.PI) / n;
    pts.push([cx + R * Math.cos(a), cy + R * Math.sin(a)]);
  }
  return poly(pts);
}

/** A circle as a path (two arcs), drawn counter-clockwise on screen like the suit paths. */
export function circlePath(cx: number, cy: number, r: number): string {
  return `M${num(cx - r)} ${num(cy)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0` +
    `a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0Z`;
}

function channels(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** `a` mixed toward `b` by `t` (0 = a, 1 = b), as `#rrggbb`. */
export function mix(a: string, b: string, t: number): string {
  const ca = channels(a);
  const cb = channels(b);
  return "#" +
    ca.map((c, i) => Math.round(c + (cb[i] - c) * t).toString(16).padStart(2, "0")).join("");
}

/** A standalone SVG document. */
export function svgDoc(w: number, h: number, body: string[], viewBox?: string): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(w)}" height="${num(h)}" ` +
    `viewBox="${viewBox ?? `0 0 ${num(w)} ${num(h)}`}">\n`;
  return head + body.join("\n") + "\n</svg>\n";
}
