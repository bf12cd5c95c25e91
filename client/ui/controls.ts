/**
 * The player's calls: exactly the legal ones for this moment (bids, Hokum decision, doubles,
 * project declarations, Sawa) as buttons, reachable by keyboard (arrows move, Enter confirms).
 *
 * @module
 */

import type { Card, Mode, SeatCommand } from "@baloot/rules";
import { callLabel } from "../app/describe.ts";
import { cardShort, type Lang, projectName, strings } from "../app/i18n.ts";
import { declarableProjects } from "@baloot/rules";
import { fill, h } from "./dom.ts";

/** The call buttons. */
export class Controls {
  readonly el = h("section", { id: "controls", class: "controls", "aria-label": "calls" });

  constructor(private readonly onCommand: (c: SeatCommand) => void) {
    this.el.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      const buttons = [...this.el.querySelectorAll("button")];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (i < 0) return;
      const rtl = document.documentElement.dir === "rtl";
      const step = (e.key === "ArrowRight") !== rtl ? 1 : -1;
      buttons[(i + step + buttons.length) % buttons.length].focus();
      e.preventDefault();
    });
  }

  /**
   * Shows the calls among `legal` (cards are played on the hand, not here); `round` names the
   * pass of the bidding round; `hand` is the player's cards (for the projects' names).
   */
  show(
    legal: readonly SeatCommand[],
    lang: Lang,
    round: number,
    hand: readonly Card[],
    mode: Mode,
    sawa: boolean,
  ): void {
    const t = strings(lang);
    const calls = legal.filter((c) => c.type !== "PLAY");
    const buttons = calls.map((c) => {
      let label = callLabel(c, lang, round);
      if (c.type === "DECLARE") {
        const all = declarableProjects(hand, c.seat, mode);
        label = `${t.declare}: ${
          c.projects.map((cards) => {
            const p = all.find((x) => x.cards.join() === [...cards].join());
            return `${projectName(p?.type ?? "", lang)} ${cards.map(cardShort).join(" ")}`;
          }).join(" + ")
        }`;
      }
      return h("button", {
        type: "button",
        class: c.type === "BID" && c.call === "PASS" ? "call pass" : "call",
        "data-testid": "call",
        "data-command": JSON.stringify(c),
        onclick: () => this.onCommand(c),
      }, label);
    });
    if (sawa && legal.some((c) => c.type === "PLAY")) {
      buttons.push(h("button", {
        type: "button",
        class: "call sawa",
        "data-testid": "call",
        "data-command": JSON.stringify({ type: "SAWA" }),
        onclick: () => this.onCommand({ type: "SAWA", seat: legal[0].seat }),
      }, t.sawa));
    }
    fill(this.el, ...buttons);
    this.el.hidden = buttons.length === 0;
  }

  /** Hides the calls. */
  clear(): void {
    fill(this.el);
    this.el.hidden = true;
  }

  /** Focuses the first call (keyboard play). */
  focus(): void {
    this.el.querySelector("button")?.focus();
  }
}
