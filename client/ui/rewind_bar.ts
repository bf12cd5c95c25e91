/**
 * A spectator's rewind bar: a "Rewind" button while watching live; while rewinding, a slider
 * over the match's deals and tricks (arrow keys move it), where it stands in words, and "Back to
 * live".
 *
 * @module
 */

import { type Lang, strings } from "../app/i18n.ts";
import { fill, h, icon } from "./dom.ts";

/** A point the slider can stop at: the table after a deal or a trick. */
export interface RewindPoint {
  /** The event version the table is shown at. */
  readonly v: number;
  readonly hand: number;
  /** 0 for the deal, 1 to 8 for the tricks. */
  readonly trick: number;
}

/** What the bar asks for. */
export interface RewindActions {
  start(): void;
  seek(index: number): void;
  live(): void;
}

/** The bar. */
export class RewindBar {
  readonly el = h("nav", { id: "rewind", class: "rewind", hidden: true });

  constructor(private readonly actions: RewindActions) {}

  /** Watching live: offers to rewind (and says `note`, if any: why the table is empty). */
  showLive(lang: Lang, note: string | null = null): void {
    const t = strings(lang);
    this.el.hidden = false;
    fill(
      this.el,
      note ? h("output", { "data-testid": "watch-note", role: "status" }, note) : null,
      h(
        "button",
        {
          type: "button",
          "data-testid": "rewind",
          onclick: () => this.actions.start(),
        },
        icon("rewind"),
        ` ${t.rewind}`,
      ),
    );
  }

  /** Rewinding: the slider at `at` over `points` (focused, for the arrow keys). */
  showRewind(lang: Lang, points: readonly RewindPoint[], at: number): void {
    const t = strings(lang);
    this.el.hidden = false;
    const label = h("output", { "data-testid": "rewind-at", "aria-live": "polite" });
    const slider = h("input", {
      type: "range",
      min: 0,
      max: points.length - 1,
      step: 1,
      value: at,
      "data-testid": "rewind-slider",
      "aria-label": t.rewind,
    }) as HTMLInputElement;
    const say = () => {
      const p = points[Number(slider.value)];
      label.textContent = t.rewindAt(p.hand, p.trick);
      slider.setAttribute("aria-valuetext", label.textContent);
    };
    say();
    slider.oninput = () => {
      say();
      this.actions.seek(Number(slider.value));
    };
    fill(
      this.el,
      slider,
      label,
      h("button", {
        type: "button",
        class: "primary",
        "data-testid": "back-to-live",
        onclick: () => this.actions.live(),
      }, t.backToLive),
    );
    slider.focus();
  }

  /** Hides the bar (a player's table). */
  hide(): void {
    this.el.hidden = true;
  }
}
