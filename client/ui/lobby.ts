/**
 * The lobby: the player's name, quick play, a private table with its settings, and the live
 * tables. A private table's waiting room shows its invite link and, for the host, the start
 * button.
 *
 * @module
 */

import { type Lang, strings } from "../app/i18n.ts";
import type { PublicSeat } from "../app/room_state.ts";
import { fill, h, icon } from "./dom.ts";

/** What the lobby asks for. */
export interface LobbyActions {
  /** Quick play with bots of `level` (1 to 3). */
  quickPlay(name: string, level: 1 | 2 | 3): void;
  createPrivate(name: string, settings: Record<string, unknown>): void;
  joinInvite(name: string, code: string): void;
  /** Watch a table (`full`: every hand, running behind). */
  watch(gameId: string, view: "live" | "full"): void;
  settings(): void;
}

/** A listed table. */
export interface ListedTable {
  readonly gameId: string;
  readonly started: boolean;
  readonly players: readonly { name: string; kind: string }[];
  readonly viewers?: number;
}

/** The lobby screen. */
export class Lobby {
  readonly el = h("main", { id: "lobby", class: "lobby" });
  /** What the lobby shows now. */
  screen: "lobby" | "busy" | "invited" | "waiting" = "lobby";

  constructor(private readonly actions: LobbyActions) {}

  /** Draws the lobby. */
  show(lang: Lang, name: string, tables: readonly ListedTable[]): void {
    this.screen = "lobby";
    this.el.hidden = false;
    const t = strings(lang);
    const nameInput = h("input", {
      id: "name",
      "data-testid": "name",
      maxlength: 24,
      value: name,
      placeholder: t.yourName,
      autocomplete: "nickname",
    }) as HTMLInputElement;
    const value = () => nameInput.value.trim() || "Player";
    const select = (id: string, label: string, options: [string, string][], chosen: string) =>
      h(
        "label",
        {},
        label,
        h(
          "select",
          { id, "data-testid": id },
          ...options.map(([v, text]) => h("option", { value: v, selected: v === chosen }, text)),
        ),
      );
    const form = h(
      "form",
      {
        class: "private",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const get = (id: string) => (this.el.querySelector(`#${id}`) as HTMLSelectElement).value;
          this.actions.createPrivate(value(), {
            profile: get("profile"),
            target: Number(get("target")),
            turnSeconds: Number(get("turn")),
            watchDelaySeconds: Number(get("watchDelay")),
            bots: [Number(get("bot1")), Number(get("bot2")), Number(get("bot3"))],
          });
        },
      },
      h("h2", {}, t.privateTable),
      select("profile", t.profile, [["R", t.profileR], ["KM", t.profileKM]], "R"),
      select("target", t.target, [["152", "152"], ["101", "101"], ["51", "51"]], "152"),
      select("turn", t.turnTime, [["10", `10 ${t.seconds}`], ["20", `20 ${t.seconds}`], [
        "30",
        `30 ${t.seconds}`,
      ], ["60", `60 ${t.seconds}`]], "20"),
      select("watchDelay", t.watchDelay, [
        ["0", t.watchDelayHandEnd],
        ["60", `1 ${t.minutes}`],
        ["180", `3 ${t.minutes}`],
        ["600", `10 ${t.minutes}`],
      ], "180"),
      h(
        "fieldset",
        {},
        h("legend", {}, t.bots),
        ...[1, 2, 3].map((i) =>
          select(`bot${i}`, t.botSeats[i - 1], t.botLevels.map((l, k) => [String(k + 1), l]), "1")
        ),
      ),
      h("button", { type: "submit", class: "primary", "data-testid": "create" }, t.create),
    );
    fill(
      this.el,
      h("h1", {}, t.title, h("span", { class: "arabic-title", lang: "ar" }, " بلوت")),
      h(
        "div",
        { class: "row" },
        h("label", { for: "name" }, t.yourName),
        nameInput,
        h("button", {
          type: "button",
          class: "icon",
          "aria-label": t.settings,
          onclick: () => this.actions.settings(),
        }, icon("settings")),
      ),
      h(
        "section",
        { class: "quick" },
        h("button", {
          type: "button",
          class: "primary big",
          "data-testid": "quick-play",
          onclick: () => {
            const level = Number((this.el.querySelector("#quickLevel") as HTMLSelectElement).value);
            this.actions.quickPlay(value(), level === 2 || level === 3 ? level : 1);
          },
        }, t.quickPlay),
        select("quickLevel", t.quickLevel, t.botLevels.map((l, k) => [String(k + 1), l]), "1"),
        h("p", {}, t.quickPlayHint),
      ),
      form,
      h(
        "section",
        { class: "tables", "data-testid": "tables" },
        h("h2", {}, t.liveTables),
        tables.length === 0 ? h("p", {}, t.noTables) : h(
          "ul",
          {},
          ...tables.map((tb) =>
            h(
              "li",
              {},
              h("span", { class: "players" }, tb.players.map((p) => p.name || "…").join(" · ")),
              tb.viewers
                ? h(
                  "span",
                  { class: "viewers", title: t.viewers(tb.viewers) },
                  icon("eye"),
                  String(tb.viewers),
                )
                : "",
              h("button", {
                type: "button",
                "data-testid": "watch",
                "data-game": tb.gameId,
                disabled: !tb.started,
                onclick: () => this.actions.watch(tb.gameId, "live"),
              }, t.watch),
              h("button", {
                type: "button",
                class: "icon",
                "data-testid": "watch-full",
                title: t.watchFull,
                "aria-label": t.watchFull,
                disabled: !tb.started,
                onclick: () => this.actions.watch(tb.gameId, "full"),
              }, "🂠"),
            )
          ),
        ),
      ),
    );
  }

  /** Joining: a moment's message. */
  busy(lang: Lang): void {
    this.screen = "busy";
    this.el.hidden = false;
    fill(this.el, h("p", { class: "busy", role: "status" }, strings(lang).loading));
  }

  /** An invite link was opened: the name to join with, and the join button. */
  invited(lang: Lang, name: string, code: string): void {
    const t = strings(lang);
    this.screen = "invited";
    this.el.hidden = false;
    const input = h("input", {
      id: "name",
      "data-testid": "name",
      maxlength: 24,
      value: name,
      placeholder: t.yourName,
      autocomplete: "nickname",
    }) as HTMLInputElement;
    fill(
      this.el,
      h("h1", {}, t.title),
      h("h2", {}, t.invited),
      h(
        "form",
        {
          class: "row",
          onsubmit: (e: Event) => {
            e.preventDefault();
            this.actions.joinInvite(input.value.trim() || "Player", code);
          },
        },
        h("label", { for: "name" }, t.yourName),
        input,
        h("button", { type: "submit", class: "primary", "data-testid": "join" }, t.join),
      ),
    );
    input.focus();
  }

  /**
   * The waiting room of a table that has not started: who sits where, the invite link, and the
   * host's start button (a quick table starts by itself).
   */
  waiting(
    lang: Lang,
    invite: string | null,
    host: boolean,
    seats: readonly PublicSeat[],
    start: () => void,
    leave: () => void,
  ): void {
    const t = strings(lang);
    const link = invite ? `${location.origin}/?invite=${invite}` : null;
    const copy = (e: Event) => {
      navigator.clipboard?.writeText(link!).then(
        () => ((e.target as HTMLElement).textContent = t.copied),
      )
        .catch(() => {});
    };
    fill(
      this.el,
      h("h2", {}, t.waiting),
      link
        ? h(
          "div",
          { class: "invite" },
          h(
            "label",
            {},
            t.inviteLink,
            h("input", { readonly: true, value: link, "data-testid": "invite-link" }),
          ),
          h("button", { type: "button", onclick: copy }, t.copy),
        )
        : h("p", {}, t.quickPlayHint),
      h(
        "ol",
        { class: "seats", "data-testid": "seats" },
        ...seats.map((s) => h("li", {}, s.kind === "empty" ? t.emptySeat : s.name)),
      ),
      host
        ? h(
          "button",
          { type: "button", class: "primary", "data-testid": "start", onclick: start },
          t.start,
        )
        : null,
      host ? h("p", {}, t.startHint) : null,
      h("button", { type: "button", "data-testid": "leave", onclick: leave }, t.leave),
    );
    this.screen = "waiting";
    this.el.hidden = false;
  }
}
