/**
 * A tiny helper to build DOM elements: `h("button", { class: "big", onclick }, "Play")`.
 * Text is always set as text, never parsed as HTML.
 *
 * @module
 */

type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

/** Creates an element with attributes (`on…` keys become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: (Node | string | null | undefined | false)[]): void {
  el.replaceChildren(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
}

/** One of the UI icons drawn for the project (`assets/ui/NAME.svg`), decorative. */
export function icon(name: string): HTMLImageElement {
  return h("img", {
    src: `/assets/ui/${name}.svg`,
    alt: "",
    width: 22,
    height: 22,
    draggable: "false",
  });
}
