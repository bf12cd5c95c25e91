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
import { type GameEvent, type GameState, type Seat, teamOf } from "@baloot/rules";
import { type ConnectionStatus, TableClient } from "../net/table_client.ts";
import type { TableView } from "../table/table_view.ts";
import { Hud } from "../ui/hud.ts";
import type { Lobby } from "../ui/lobby.ts";
import type { Panels } from "../ui/panels.ts";
import type { Announcer } from "../ui/announcer.ts";
import type { Sounds } from "../ui/sounds.ts";
import { strings } from "./i18n.ts";
import { saveSeat } from "./session.ts";
import type { SettingsStore } from "./settings.ts";
import { TableInput } from "./table_input.ts";
import { type PublicSeat, publicState, seatLabel } from "./room_state.ts";
import { Presenter } from "./presenter.ts";

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

/** The table screen. */
export class TableScreen {
  readonly hud: Hud;
  readonly input: TableInput;
  readonly presenter: Presenter;
  client: TableClient | null = null;
  seats: readonly PublicSeat[] = [];
  deadline = 0;
  #code = "";
  #leaving = false;

  constructor(readonly host: ScreenHost) {
    this.hud = new Hud({
      toggleSound: () => host.settings.update({ muted: !host.settings.value.muted }),
      openSettings: () => host.panels.settings(host.settings.value, (p) => host.settings.update(p)),
      leave: () => this.leave(),
    });
    this.presenter = new Presenter(host, {
      names: () => this.seats.map((s) => s.name),
      me: () => this.me,
      shown: () => this.#render(),
      idle: () => this.#refresh(),
      matchOver: (view) => this.#matchOver(view),
    });
    this.input = new TableInput(this);
    host.overlay.append(this.hud.el, this.input.controls.el, this.input.keys.el);
    this.hud.el.hidden = true;
  }

  /** The player's seat. */
  get me(): Seat {
    return this.client?.seat ?? 0;
  }

  /** The state the table shows (behind the client's while animations run). */
  get shown(): GameState | null {
    return this.presenter.shown;
  }

  /** Whether the table is idle: every event shown. */
  get settled(): boolean {
    return this.presenter.settled;
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
    this.presenter.reset(null);
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
      this.hud.setViewers(p.viewers, this.host.settings.value.lang);
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
    this.presenter.reset(view);
    const c = this.client;
    if (c?.gameId && c.seatToken) saveSeat({ gameId: c.gameId, seatToken: c.seatToken });
    this.host.view.me = this.me;
    this.host.view.show(true);
    if (view.phase === "OVER" && view.winner !== null) this.#matchOver(view);
    else if (this.host.panels.kind === "match") this.host.panels.close();
    this.#refresh();
  }

  #event(event: GameEvent, view: GameState): void {
    this.input.clear();
    this.presenter.push(event, view);
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
