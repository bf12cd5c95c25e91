/**
 * The always-visible bar: the match score (us / them), the contract with its trump, buyer and
 * multiplier, the current hand's tricks and card points, the connection status, and the sound,
 * settings and leave buttons.
 *
 * @module
 */

import type { GameState, Seat } from "@baloot/rules";
import { contractText } from "../app/describe.ts";
import { type Lang, strings } from "../app/i18n.ts";
import type { ConnectionStatus } from "../net/table_client.ts";
import { fill, h, icon } from "./dom.ts";

/** What the bar's buttons do. */
export interface HudActions {
  toggleSound(): void;
  openSettings(): void;
  leave(): void;
}

/** The bar. */
export class Hud {
  readonly el: HTMLElement;
  readonly #score = h("div", { class: "hud-score", "data-testid": "score" });
  readonly #contract = h("div", { class: "hud-contract", "data-testid": "contract" });
  readonly #hand = h("div", { class: "hud-hand", "data-testid": "hand-points" });
  readonly #status = h("span", {
    class: "status-dot",
    role: "status",
    "data-testid": "connection",
  });
  readonly #sound = h("button", { class: "icon", type: "button" });
  readonly #badge = h("span", { class: "hud-badge", "data-testid": "watch-badge", hidden: true });
  readonly #viewers = h("span", { class: "hud-viewers", "data-testid": "viewers", hidden: true });

  /** The bar of a player's table (`id` "hud"), or of the spectator screen. */
  constructor(private readonly actions: HudActions, id = "hud") {
    this.el = h("header", { id, class: "hud" });
  }

  /** Redraws the bar. */
  update(
    view: GameState | null,
    me: Seat | null,
    names: readonly string[],
    lang: Lang,
    muted: boolean,
    sides?: readonly [string, string],
  ): void {
    const t = strings(lang);
    const mine = ((me ?? 0) % 2) as 0 | 1;
    const score = view?.score ?? [0, 0];
    const us = sides?.[mine] ?? t.us, them = sides?.[1 - mine] ?? t.them;
    fill(
      this.#score,
      h("b", {}, `${us} ${score[mine]}`),
      " · ",
      h("span", {}, `${them} ${score[1 - mine]}`),
    );
    const hand = view?.hand;
    const c = hand?.contract;
    fill(
      this.#contract,
      c
        ? contractText(
          c,
          hand!.escalation.level,
          hand!.escalation.locked,
          names[c.buyer] ?? "",
          lang,
        )
        : "",
    );
    if (hand && c) {
      const tricks = hand.tricksWon, raw = hand.raw;
      fill(
        this.#hand,
        `${t.tricks} ${tricks[mine]}–${tricks[1 - mine]} · ${t.points} ${raw[mine]}–${
          raw[1 - mine]
        }`,
      );
    } else fill(this.#hand);
    this.#sound.replaceChildren(icon(muted ? "sound-off" : "sound-on"));
    this.#sound.setAttribute("aria-label", muted ? t.unmute : t.mute);
    fill(
      this.el,
      this.#score,
      this.#contract,
      this.#hand,
      h(
        "div",
        { class: "hud-tools" },
        this.#badge,
        this.#viewers,
        this.#status,
        this.#sound,
        h("button", {
          class: "icon",
          type: "button",
          "aria-label": t.settings,
          onclick: () => this.actions.openSettings(),
        }, icon("settings")),
        h("button", {
          class: "icon",
          type: "button",
          "aria-label": t.leave,
          onclick: () => this.actions.leave(),
        }, icon("leave")),
      ),
    );
    this.#sound.onclick = () => this.actions.toggleSound();
  }

  /** A spectator's badge (live, all hands delayed, rewinding), or none for a player. */
  setBadge(text: string | null, kind = ""): void {
    this.#badge.hidden = text === null;
    this.#badge.textContent = text ?? "";
    this.#badge.className = kind ? `hud-badge badge-${kind}` : "hud-badge";
  }

  /** How many watch the table (hidden when nobody does). */
  setViewers(n: number, lang: Lang): void {
    this.#viewers.hidden = n <= 0;
    this.#viewers.replaceChildren(icon("eye"), String(n));
    this.#viewers.title = strings(lang).viewers(n);
    this.#viewers.setAttribute("aria-label", strings(lang).viewers(n));
  }

  /** Shows the connection state. */
  setStatus(status: ConnectionStatus, lang: Lang): void {
    const t = strings(lang);
    const text = {
      idle: "",
      connected: t.connected,
      reconnecting: t.reconnecting,
      moving: t.moving,
      closed: t.closed,
    }[status];
    this.#status.className = `status-dot ${status}`;
    this.#status.title = text;
    this.#status.setAttribute("aria-label", text);
    this.#status.dataset.status = status;
  }
}
