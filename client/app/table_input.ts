/**
 * The player's turn: offers exactly the legal calls and cards of the latest state (from
 * `rules.legalCommands`), sends the chosen one, and tells the player when the table refused it.
 * Cards are played by click or tap, by dragging them to the middle, or with the keyboard;
 * Baloot is announced automatically with the second of the trump King and Queen.
 *
 * @module
 */

import { type Card, legalCommands, type SeatCommand } from "@baloot/rules";
import type { ClientCommand } from "../net/table_client.ts";
import { Controls } from "../ui/controls.ts";
import { h } from "../ui/dom.ts";
import { HandKeys } from "../ui/hand_keys.ts";
import { strings } from "./i18n.ts";
import type { TableScreen } from "./table_screen.ts";

/** The input side of the table screen. */
export class TableInput {
  readonly controls: Controls;
  readonly keys: HandKeys;
  readonly toast = h("div", { id: "toast", class: "toast", role: "alert", "data-testid": "toast" });
  #legal: SeatCommand[] = [];
  #playable: ReadonlySet<Card> | null = null;
  #sending = false;
  #turnKey = "";
  #keyboard = false;
  #toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly screen: TableScreen) {
    this.controls = new Controls((c) => this.send(c));
    this.keys = new HandKeys({
      play: (card) => this.play(card),
      focus: (card) => screen.host.view.lift(card),
      drag: (card, x, y, end) => screen.host.view.drag(card, x, y, end),
    });
    this.toast.hidden = true;
    screen.host.overlay.append(this.toast);
    addEventListener("keydown", (e) => {
      this.#keyboard = true;
      const idle = document.activeElement === document.body || document.activeElement === null;
      if (idle && ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Enter"].includes(e.key)) {
        if (this.#focusTurn()) e.preventDefault();
      }
    });
    addEventListener("pointerdown", () => (this.#keyboard = false));
  }

  /** The legal commands being offered now. */
  get legal(): readonly SeatCommand[] {
    return this.#legal;
  }

  /** Offers the player's turn for the latest state, or nothing if it is not their turn. */
  update(): void {
    const s = this.screen;
    const view = s.client?.view;
    const { lang } = s.host.settings.value;
    this.#legal = view && !this.#sending && s.client?.status === "connected"
      ? legalCommands(view, s.me)
      : [];
    const plays = this.#legal.filter((c) => c.type === "PLAY");
    this.#playable = plays.length > 0 ? new Set(plays.map((c) => c.card)) : null;
    s.host.view.setPlayable(this.#playable);
    const hand = view?.hand;
    const held = (hand?.hands[s.me] ?? []).filter((c): c is Card => c !== null);
    const sawa = plays.length > 0 && hand!.trick.cards.length === 0 && held.length <= 6;
    this.controls.show(
      this.#legal,
      lang,
      hand?.bidding.round ?? 1,
      held,
      hand?.contract?.mode ?? "SUN",
      sawa,
    );
    this.layoutKeys();
    const key = this.#legal.length > 0 ? `${s.client!.gameId}:${view!.version}` : "";
    if (key !== "" && key !== this.#turnKey) {
      s.host.sounds.play("turn");
      s.host.announcer.say(strings(lang).yourTurn);
      if (this.#keyboard) this.#focusTurn();
    }
    this.#turnKey = key;
  }

  /** Focuses the first playable card or call; false if there is nothing to do. */
  #focusTurn(): boolean {
    if (this.#playable) this.keys.focus();
    else if (this.#legal.length > 0) this.controls.focus();
    else return false;
    return true;
  }

  /** Lays the hand's buttons over the cards where they are drawn now. */
  layoutKeys(): void {
    const s = this.screen;
    const view = s.shown;
    if (!view) return this.keys.clear();
    const tv = s.host.view;
    const order = tv.handOrder(view);
    const boxes = order.map((card) => {
      const b = tv.sprite(card)?.getBounds();
      return b
        ? { x: b.x, y: b.y, width: b.width, height: b.height }
        : { x: 0, y: 0, width: 0, height: 0 };
    });
    const l = tv.layout;
    this.keys.update(
      order,
      boxes,
      this.#playable,
      s.host.settings.value.lang,
      l.handCenter.y - l.cardH * 0.9,
    );
  }

  /** Hides the calls and disables the cards (while events are shown). */
  clear(): void {
    this.#legal = [];
    this.#playable = null;
    this.screen.host.view.setPlayable(null);
    this.controls.clear();
  }

  /** Plays `card` (announcing Baloot with it when it may be). */
  play(card: Card): void {
    const variants = this.#legal.filter((c) => c.type === "PLAY" && c.card === card);
    const chosen = variants.find((c) => c.type === "PLAY" && c.baloot) ??
      variants.find((c) => c.type === "PLAY" && !c.ekka);
    if (chosen) this.send(chosen);
  }

  /** Sends a command; a refusal is shown and the turn offered again. */
  async send(command: SeatCommand): Promise<void> {
    const client = this.screen.client;
    if (this.#sending || !client) return;
    this.#sending = true;
    this.clear();
    const { seat: _seat, ...rest } = command;
    const reply = await client.send(rest as ClientCommand);
    this.#sending = false;
    if (!reply.ok && reply.code !== "CONNECTION_LOST") {
      const t = strings(this.screen.host.settings.value.lang);
      this.showToast(`${t.refused}: ${reply.message}`);
    }
    if (this.screen.settled) this.update();
  }

  /** Shows a short message for a few seconds. */
  showToast(text: string): void {
    this.toast.textContent = text;
    this.toast.hidden = false;
    clearTimeout(this.#toastTimer);
    this.#toastTimer = setTimeout(() => (this.toast.hidden = true), 4000);
  }
}
