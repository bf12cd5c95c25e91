/**
 * The player's cards as buttons laid over their pictures: they take clicks and taps, drags to
 * the middle, and the keyboard (arrows move along the hand, Enter plays), and they tell screen
 * readers each card's name and whether it may be played.
 *
 * @module
 */

import type { Card } from "@baloot/rules";
import { cardName, type Lang, strings } from "../app/i18n.ts";
import { fill, h } from "./dom.ts";

/** A card's box on screen, in CSS pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What the hand's buttons report. */
export interface HandEvents {
  play(card: Card): void;
  focus(card: Card | null): void;
  /** A drag moved the card to (x, y); `end` ends it, and says whether it was released to play. */
  drag(card: Card, x: number, y: number, end: "move" | "drop" | "cancel"): void;
}

/** The hand's buttons. */
export class HandKeys {
  readonly el = h("div", { id: "hand-keys", class: "hand-keys", role: "group" });
  #dragged = false;
  #dropLine = 0;

  constructor(private readonly events: HandEvents) {
    this.el.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      const buttons = [...this.el.querySelectorAll("button")];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (i < 0) return;
      const step = e.key === "ArrowRight" ? 1 : -1; // the hand reads left to right in both languages
      buttons[(i + step + buttons.length) % buttons.length].focus();
      e.preventDefault();
    });
  }

  /** Lays the buttons over `cards` (display order) at `boxes`; `playable` null: nothing to play. */
  update(
    cards: readonly Card[],
    boxes: readonly Box[],
    playable: ReadonlySet<Card> | null,
    lang: Lang,
    dropLine: number,
  ): void {
    const t = strings(lang);
    this.#dropLine = dropLine;
    this.el.setAttribute("aria-label", t.yourHand);
    // Buttons are kept across updates (a focused or dragged card keeps its button).
    const existing = new Map<string, HTMLButtonElement>();
    for (const b of this.el.querySelectorAll<HTMLButtonElement>("button")) {
      existing.set(b.dataset.card!, b);
    }
    const wanted = new Set<string>(cards);
    for (const [card, b] of existing) if (!wanted.has(card)) b.remove();
    cards.forEach((card, i) => {
      const box = boxes[i];
      const can = playable?.has(card) ?? false;
      let b = existing.get(card);
      if (!b) {
        b = this.#button(card);
        this.el.append(b);
      }
      b.className = `card-key${can ? " playable" : ""}`;
      b.dataset.playable = String(can);
      b.setAttribute(
        "aria-label",
        `${cardName(card, lang)}${playable && !can ? ` (${t.refused})` : ""}`,
      );
      b.setAttribute("aria-disabled", String(!can));
      b.style.cssText =
        `left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px;z-index:${i}`;
    });
    // Document order follows the hand's order (for Tab); moving a node would drop its focus,
    // so only a changed order is rewritten.
    const now = [...this.el.children].map((b) => (b as HTMLElement).dataset.card);
    if (now.join() !== cards.join()) {
      const focused = (document.activeElement as HTMLElement | null)?.dataset?.card;
      for (const card of cards) this.el.append(this.el.querySelector(`[data-card="${card}"]`)!);
      if (focused) {
        (this.el.querySelector(`[data-card="${focused}"]`) as HTMLElement | null)?.focus();
      }
    }
  }

  #button(card: Card): HTMLButtonElement {
    const b = h("button", {
      type: "button",
      class: "card-key",
      "data-card": card,
      "data-testid": `card-${card}`,
      onclick: () => {
        if (this.#dragged) this.#dragged = false;
        else if (b.dataset.playable === "true") this.events.play(card);
      },
      onfocus: () => this.events.focus(card),
      onblur: () => this.events.focus(null),
      onpointerenter: () => this.events.focus(card),
      onpointerleave: () => this.events.focus(null),
    });
    this.#dragging(b, card);
    return b;
  }

  #dragging(b: HTMLButtonElement, card: Card): void {
    let start: { x: number; y: number } | null = null;
    let moving = false;
    b.addEventListener("pointerdown", (e) => {
      if (b.dataset.playable !== "true") return;
      start = { x: e.clientX, y: e.clientY };
      moving = false;
      b.setPointerCapture(e.pointerId);
    });
    b.addEventListener("pointermove", (e) => {
      if (!start) return;
      if (!moving && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 10) return;
      moving = true;
      this.events.drag(card, e.clientX, e.clientY, "move");
    });
    b.addEventListener("pointerup", (e) => {
      if (!start) return;
      start = null;
      if (!moving) return;
      this.#dragged = true;
      const drop = e.clientY < this.#dropLine && b.dataset.playable === "true";
      this.events.drag(card, e.clientX, e.clientY, drop ? "drop" : "cancel");
      if (drop) this.events.play(card);
    });
    b.addEventListener("pointercancel", (e) => {
      if (start && moving) this.events.drag(card, e.clientX, e.clientY, "cancel");
      start = null;
    });
  }

  /** Removes the buttons. */
  clear(): void {
    fill(this.el);
  }

  /** Focuses the first playable card (keyboard play). */
  focus(): void {
    (this.el.querySelector("button.playable") as HTMLElement | null)?.focus();
  }
}
