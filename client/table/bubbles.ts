/**
 * Speech bubbles: every call (a bid, a double, a project, Baloot) appears at its seat for a
 * moment, in the interface's language.
 *
 * @module
 */

import { Container, Graphics, Text } from "pixi.js";
import type { Layout } from "./layout.ts";
import type { Tweens } from "./tween.ts";

/** The bubbles' layer. */
export class BubbleLayer {
  readonly layer = new Container();
  layout: Layout | null = null;
  readonly #bySeat = new Map<number, Container>();

  constructor(private readonly tweens: Tweens) {}

  /** Shows `text` at the seat in relative position `rel` for about `ms` milliseconds. */
  show(rel: number, text: string, ms = 1800): void {
    const l = this.layout;
    if (!l) return;
    this.#bySeat.get(rel)?.destroy({ children: true });
    this.tweens.invalidate();
    const bubble = new Container();
    const label = new Text({
      text,
      style: {
        fill: 0x1b1b1b,
        fontSize: Math.max(13, Math.round(l.cardW * 0.19)),
        fontFamily: "sans-serif",
        fontWeight: "700",
        align: "center",
      },
    });
    label.anchor.set(0.5);
    const w = label.width + 22, h = label.height + 12;
    const g = new Graphics().roundRect(-w / 2, -h / 2, w, h, 10).fill({ color: 0xfdf6e3 })
      .stroke({ width: 2, color: 0xc9a227 });
    bubble.addChild(g, label);
    const at = l.seats[rel].bubble;
    bubble.position.set(
      Math.min(l.width - w / 2 - 4, Math.max(w / 2 + 4, at.x)),
      Math.min(l.height - h / 2 - 4, Math.max(h / 2 + 4, at.y)),
    );
    bubble.alpha = 0;
    this.layer.addChild(bubble);
    this.#bySeat.set(rel, bubble);
    const alive = () => !bubble.destroyed;
    this.tweens.to(bubble, { alpha: 1 }, 120)
      .then(() => (alive() ? this.tweens.wait(ms) : undefined))
      .then(() => (alive() ? this.tweens.to(bubble, { alpha: 0 }, 300) : undefined))
      .then(() => {
        if (this.#bySeat.get(rel) === bubble) this.#bySeat.delete(rel);
        if (alive()) bubble.destroy({ children: true });
      });
  }

  /** Removes every bubble. */
  clear(): void {
    for (const b of this.#bySeat.values()) b.destroy({ children: true });
    this.#bySeat.clear();
    this.tweens.invalidate();
  }
}
