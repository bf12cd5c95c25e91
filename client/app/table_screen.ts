/**
 * The table screen's controller: joins a table through a `TableClient`, plays the events it
 * receives on the PixiJS table one after another (deal, cards, tricks, bubbles, sounds,
 * announcements), keeps the bar and the waiting room current from the room's public state, and
 * hands the player's turn to the input (`TableInput`). It runs one event queue: the table shows
 * each event's state after its animation, and when events pile up (a tab in the background, a
 * burst after reconnecting) it skips the animations to catch up.
 *
 * @module
 */

import type { Room } from "@colyseus/sdk";
import { type GameEvent, type GameState, nextSeat, type Seat, teamOf } from "@baloot/rules";
import { type ConnectionStatus, TableClient } from "../net/table_client.ts";
import type { TableView } from "../table/table_view.ts";
import { Hud } from "../ui/hud.ts";
import type { Lobby } from "../ui/lobby.ts";
import type { Panels } from "../ui/panels.ts";
import type { Announcer } from "../ui/announcer.ts";
import type { Sounds } from "../ui/sounds.ts";
import { describe } from "./describe.ts";
import { strings } from "./i18n.ts";
import { saveSeat } from "./session.ts";
import type { SettingsStore } from "./settings.ts";
import { TableInput } from "./table_input.ts";
import { type PublicSeat, publicState, seatLabel } from "./room_state.ts";

/** How to get a seat. */
export type Join =
  | { readonly kind: "quick"; readonly level: 1 | 2 | 3 }
  | { readonly kind: "private"; readonly settings: Record<string, unknown> }
  | { readonly kind: "invite"; readonly code: string }
  | { readonly kind: "resume"; readonly gameId: string; readonly seatToken: string };

/** What the screen works with. */
export interface ScreenHost {
  readonly view: TableView;
  readonly overlay: HTMLElement;
  readonly panels: Panels;
  readonly lobby: Lobby;
  readonly announcer: Announcer;
  readonly sounds: Sounds;
  readonly settings: SettingsStore;
  readonly endpoints: readonly string[];
  /** Back to the lobby, showing `message` (an error) if given. */
  exit(message?: string): void;
}

interface Item {
  readonly event: GameEvent;
  readonly view: GameState;
}

/** Events waiting beyond this many are shown without animation. */
const CATCH_UP = 4;
/** The longest one event's animation may take (the slowest speed setting is well under it). */
const ANIMATION_CAP_MS = 6_000;

/** The table screen. */
export class TableScreen {
  readonly hud: Hud;
  readonly input: TableInput;
  client: TableClient | null = null;
  /** The state the table shows (behind the client's while animations run). */
  shown: GameState | null = null;
  seats: readonly PublicSeat[] = [];
  deadline = 0;
  #code = "";
  #queue: Item[] = [];
  #busy = false;
  #leaving = false;

  constructor(readonly host: ScreenHost) {
    this.hud = new Hud({
      toggleSound: () => host.settings.update({ muted: !host.settings.value.muted }),
      openSettings: () => host.panels.settings(host.settings.value, (p) => host.settings.update(p)),
      leave: () => this.leave(),
    });
    this.input = new TableInput(this);
    host.overlay.append(this.hud.el, this.input.controls.el, this.input.keys.el);
    this.hud.el.hidden = true;
  }

  /** The player's seat. */
  get me(): Seat {
    return this.client?.seat ?? 0;
  }

  /** Whether the table is idle: every event shown. */
  get settled(): boolean {
    return !this.#busy && this.#queue.length === 0;
  }

  /** Takes a seat; on failure goes back to the lobby with the reason. */
  async join(how: Join, name: string): Promise<void> {
    this.#leaving = false;
    const client = new TableClient({
      endpoints: this.host.endpoints,
      name,
      onSnapshot: (view) => this.#snapshot(view),
      onEvent: (event, _v, view) => this.#event(event, view),
      onStatus: (s) => this.#status(s),
      onRoom: (room) => this.#room(room),
    });
    this.client = client;
    try {
      if (how.kind === "quick") await client.quickPlay(how.level);
      else if (how.kind === "private") await client.createPrivate(how.settings);
      else if (how.kind === "invite") await client.joinInvite(how.code);
      else await client.resume(how.gameId, how.seatToken, 8_000);
    } catch (e) {
      if (this.client !== client) return;
      this.client = null;
      if (how.kind === "resume") saveSeat(null);
      await client.leave();
      this.host.exit(this.#explain(how, e));
      return;
    }
    this.hud.el.hidden = false;
    this.#refresh();
  }

  #explain(how: Join, e: unknown): string {
    const t = strings(this.host.settings.value.lang);
    const text = e instanceof Error ? e.message : String(e);
    if (/full|started/.test(text)) return t.tableFull;
    if (how.kind === "invite") return t.inviteInvalid;
    if (how.kind === "resume") return /over/.test(text) ? t.matchOver : t.serverGone;
    return `${t.couldNotJoin} (${text})`;
  }

  /** Leaves the table for the lobby. */
  async leave(): Promise<void> {
    this.#leaving = true;
    const client = this.client;
    this.client = null;
    saveSeat(null);
    this.#queue = [];
    this.shown = null;
    this.input.clear();
    this.hud.el.hidden = true;
    this.host.view.show(false);
    this.host.exit();
    await client?.leave();
  }

  #room(room: Room): void {
    const update = (state: unknown) => {
      const p = publicState(state);
      this.seats = p.seats;
      this.#code = p.code;
      if (p.deadline !== this.deadline) {
        this.deadline = p.deadline;
        this.#turn();
      }
      this.#render();
    };
    room.onStateChange(update);
    if (room.state) update(room.state);
  }

  #snapshot(view: GameState): void {
    this.#queue = [];
    this.host.view.finishAnimations();
    this.shown = view;
    const c = this.client;
    if (c?.gameId && c.seatToken) saveSeat({ gameId: c.gameId, seatToken: c.seatToken });
    this.host.view.me = this.me;
    this.host.view.show(true);
    if (view.phase === "OVER" && view.winner !== null) this.#matchOver(view);
    else if (this.host.panels.kind === "match") this.host.panels.close();
    this.#refresh();
  }

  #event(event: GameEvent, view: GameState): void {
    this.#queue.push({ event, view });
    if (!this.#busy) this.#pump();
  }

  async #pump(): Promise<void> {
    this.#busy = true;
    this.input.clear();
    try {
      while (this.#queue.length > 0) {
        const item = this.#queue.shift()!;
        const fast = this.#queue.length >= CATCH_UP || document.hidden;
        try {
          // An animation that has not ended in its time is cut short: never a frozen table.
          let timer: ReturnType<typeof setTimeout> | undefined;
          const late = new Promise<"late">((
            r,
          ) => (timer = setTimeout(() => r("late"), ANIMATION_CAP_MS)));
          const ended = await Promise.race([this.#present(item, fast), late]);
          clearTimeout(timer);
          if (ended === "late") this.host.view.finishAnimations();
        } catch (e) {
          console.warn("animation failed", e); // the state below is still right
        }
        this.shown = item.view;
        this.#render();
      }
    } finally {
      this.#busy = false;
    }
    this.#refresh();
  }

  /** Shows one event: its bubble, words, sound and animation. */
  async #present({ event: e, view }: Item, fast: boolean): Promise<void> {
    const { lang } = this.host.settings.value;
    const v = this.host.view;
    const said = describe(e, lang, (s) => this.seats[s]?.name || `#${s + 1}`);
    if (said.speech) this.host.announcer.say(said.speech);
    if (said.bubble && "seat" in e && !fast) v.bubbles.show(v.rel(e.seat as Seat), said.bubble);
    switch (e.type) {
      case "MATCH_START":
        this.host.lobby.el.hidden = true;
        this.host.panels.close();
        break;
      case "HAND_START":
        if (this.host.panels.kind === "hand") this.host.panels.close();
        v.bubbles.clear();
        break;
      case "DEAL_INITIAL":
        if (fast) break;
        this.host.sounds.play("deal");
        await v.animateDeal(dealingOrder(view.hand!.dealer), [3, 2]);
        break;
      case "DEAL_COMPLETION":
        if (fast) break;
        this.host.sounds.play("deal");
        await v.animateDeal(dealingOrder(view.hand!.dealer), [3]);
        break;
      case "PLAY":
        if (fast) break;
        this.host.sounds.play("play");
        await v.animatePlay(e.seat, e.card);
        break;
      case "TRICK_END":
        if (fast) break;
        if (teamOf(e.winner) === teamOf(this.me)) this.host.sounds.play("trick");
        await v.animateTrickEnd(e.winner);
        break;
      case "HAND_RESULT":
        this.host.panels.handResult(e, teamOf(this.me), lang, () => this.host.panels.close());
        break;
      case "MATCH_END":
        this.#matchOver(view);
        break;
    }
  }

  #matchOver(view: GameState): void {
    const mine = teamOf(this.me);
    if (view.winner === mine) this.host.sounds.play("win");
    this.host.panels.matchResult(view.winner!, view.score, mine, this.host.settings.value.lang, {
      rematch: () => {
        this.client?.rematch();
        this.host.panels.waitingRematch(this.host.settings.value.lang);
      },
      lobby: () => this.leave(),
    }, view.hand?.escalation.level === "GAHWA");
  }

  #status(s: ConnectionStatus): void {
    this.hud.setStatus(s, this.host.settings.value.lang);
    if (s === "closed" && !this.#leaving && this.client && this.client.view?.phase !== "OVER") {
      const t = strings(this.host.settings.value.lang);
      saveSeat(null);
      this.host.panels.message(t.serverGone, this.host.settings.value.lang, () => this.leave());
    }
  }

  /** Draws everything for the shown state; then offers the turn if the table is idle. */
  #refresh(): void {
    this.#render();
    this.#turn();
    if (this.settled) this.input.update();
  }

  #render(): void {
    const view = this.shown;
    const { lang, muted } = this.host.settings.value;
    const names = this.seats.map((s) => s.name);
    this.hud.update(view, this.client?.seat ?? null, names, lang, muted);
    this.#waitingRoom(view);
    if (!view) return;
    this.host.view.render(view, this.seats.map((s) => seatLabel(s, lang)));
    this.input.layoutKeys();
  }

  #waitingRoom(view: GameState | null): void {
    const lobby = this.host.lobby;
    if (!this.client || !view || view.phase !== "NEW") return;
    lobby.el.hidden = false;
    const { lang } = this.host.settings.value;
    lobby.waiting(
      lang,
      this.#code || null,
      this.me === 0,
      this.seats,
      () => this.client?.start(),
      () => this.leave(),
    );
  }

  #turn(): void {
    const seat = this.shown?.hand?.toAct ?? null;
    const over = !this.shown || this.shown.phase === "OVER";
    this.host.view.setTurn(
      over ? null : seat,
      seat !== null && this.seats[seat]?.kind === "human" ? this.deadline : 0,
    );
  }

  /** Re-lays out and redraws (resize, settings). */
  relayout(): void {
    this.host.view.finishAnimations();
    this.#refresh();
  }
}

/** Seats in dealing order: from the dealer's right (the next seat), the dealer last. */
function dealingOrder(dealer: Seat): Seat[] {
  return [1, 2, 3, 4].map((k) => nextSeat(dealer, k));
}
