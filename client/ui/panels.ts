/**
 * Panels over the table: the hand result (every point explained, with the rules' names), the
 * match result with the rematch button, the settings, and messages with a way back.
 *
 * @module
 */

import type { HandResult, Team } from "@baloot/rules";
import { type Lang, strings } from "../app/i18n.ts";
import type { Settings } from "../app/settings.ts";
import { fill, h } from "./dom.ts";

const RULE_NAMES: Record<string, [string, string]> = {
  R1: ["card points of the tricks won", "أبناط الأكلات"],
  C1: ["Sun conversion (÷10, ×2, a 5 kept)", "تحويل الصن"],
  C2: ["Hokum conversion (÷10, .5 down)", "تحويل الحكم"],
  C3: ["project points", "نقاط المشاريع"],
  J4: ["only the best project's team scores", "المشروع الأكبر يأخذ"],
  S1: ["contract test", "هل نجح المشتري"],
  S2: ["exact tie", "التعادل"],
  S3: ["doubled tie: the doubler loses", "تعادل المضاعفة"],
  A1: ["contract made: each team its points", "نجح المشتري"],
  A2: ["Khasara: the defenders take all", "خسارة"],
  A3: ["multiplier: the winner takes all", "المضاعفة"],
  A4: ["Gahwa decides the match", "القهوة"],
  Q1: ["Kaboot: all eight tricks", "كبوت"],
  Q2: ["Kaboot counted by tricks", "الكبوت بالأكلات"],
  Q3: ["Kaboot under doubling", "كبوت مع مضاعفة"],
  Q4: ["the defenders' Kaboot", "كبوت عكسي"],
  K2: ["Baloot: 2 points, never multiplied", "بلوت"],
  K4: ["Baloot inside a declared Hundred", "البلوت داخل المية"],
  X2: ["Gahwa", "قهوة"],
  X3: ["Sun Double", "دبل الصن"],
  M1: ["target reached", "وصل للنهاية"],
  M2: ["both over the target: the higher wins", "تجاوز الفريقين"],
};

/** A panel host (one panel at a time). */
export class Panels {
  readonly el = h("div", { id: "panel", class: "panel", role: "dialog", "aria-modal": "false" });

  /** Which panel is open (`null`: none). */
  kind: "hand" | "match" | "message" | "settings" | null = null;

  constructor() {
    this.el.hidden = true;
  }

  /** Closes the panel. */
  close(): void {
    this.el.hidden = true;
    this.kind = null;
    fill(this.el);
  }

  /** Whether a panel is open. */
  get open(): boolean {
    return !this.el.hidden;
  }

  #show(kind: Exclude<Panels["kind"], null>, title: string, ...body: (Node | string)[]): void {
    fill(this.el, h("h2", {}, title), ...body);
    this.el.hidden = false;
    this.kind = kind;
    this.el.dataset.kind = kind;
    this.el.setAttribute("role", kind === "message" ? "alertdialog" : "dialog");
    this.el.setAttribute("aria-label", title);
  }

  /**
   * A hand's result, explained from the player's team's side (a spectator's `sides` name the
   * two teams instead of "us" and "them").
   */
  handResult(
    r: HandResult,
    mine: Team,
    lang: Lang,
    onContinue: () => void,
    sides?: readonly [string, string],
  ): void {
    const t = strings(lang);
    const us = sides?.[mine] ?? t.us, them = sides?.[1 - mine] ?? t.them;
    const f = r.facts, s = r.score;
    const other = (1 - mine) as Team;
    const row = (label: string, pair: readonly number[], strong = false) =>
      h(
        "tr",
        strong ? { class: "strong" } : {},
        h("th", {}, label),
        h("td", {}, String(pair[mine])),
        h("td", {}, String(pair[other])),
      );
    const buyerIsUs = f.buyerTeam === mine;
    const outcome = s.kaboot ? t.kaboot : `${buyerIsUs ? us : them}: ${s.made ? t.made : t.failed}`;
    const level = f.level === "GAHWA" ? t.gahwa : f.level > 1 ? `×${f.level}` : "";
    this.#show(
      "hand",
      t.handResult,
      h(
        "p",
        { class: "outcome", "data-testid": "outcome" },
        [outcome, level].filter(Boolean).join(" · "),
      ),
      h(
        "table",
        { class: "result" },
        h("thead", {}, h("tr", {}, h("th", {}), h("th", {}, us), h("th", {}, them))),
        h(
          "tbody",
          {},
          row(`${t.cardPoints} (${t.lastTrick})`, f.cardRaw),
          row(t.convert, s.cardGp),
          row(t.projects, s.projectGp),
          row(t.baloot, s.balootGp),
          row(t.awarded, s.awarded, true),
          ...(s.matchAfter ? [row(t.score, s.matchAfter, true)] : []),
        ),
      ),
      h(
        "details",
        {},
        h("summary", {}, t.rules),
        h(
          "ul",
          { class: "rules" },
          ...s.rules.map((id) =>
            h("li", {}, `${id}: ${RULE_NAMES[id]?.[lang === "ar" ? 1 : 0] ?? ""}`)
          ),
        ),
      ),
      h("button", {
        type: "button",
        class: "primary",
        "data-testid": "continue",
        onclick: onContinue,
      }, t.continue),
    );
  }

  /** The match's end: who won, the score, a rematch (players) or the teams' names (spectators). */
  matchResult(
    winner: Team,
    score: readonly number[],
    mine: Team,
    lang: Lang,
    actions: { rematch?(): void; lobby(): void },
    byGahwa = false,
    sides?: readonly [string, string],
  ): void {
    const t = strings(lang);
    const us = sides?.[mine] ?? t.us, them = sides?.[1 - mine] ?? t.them;
    this.#show(
      "match",
      t.matchResult,
      h(
        "p",
        { class: "outcome", "data-testid": "match-winner" },
        sides ? `${sides[winner]} ${t.winsMatch}` : winner === mine ? t.weWin : t.theyWin,
      ),
      h("p", { class: "final" }, `${us} ${score[mine]} · ${them} ${score[1 - mine]}`),
      byGahwa ? h("p", { "data-testid": "match-reason" }, t.wonByGahwa) : "",
      h(
        "div",
        { class: "row" },
        actions.rematch
          ? h("button", {
            type: "button",
            class: "primary",
            "data-testid": "rematch",
            onclick: () => actions.rematch!(),
          }, t.rematch)
          : "",
        h("button", { type: "button", onclick: () => actions.lobby() }, t.backToLobby),
      ),
    );
  }

  /** After voting for a rematch: waiting for the others. */
  waitingRematch(lang: Lang): void {
    const t = strings(lang);
    const button = this.el.querySelector<HTMLButtonElement>("[data-testid=rematch]");
    if (button) {
      button.disabled = true;
      button.textContent = t.waitingRematch;
    }
  }

  /** A message (an error) with the way back to the lobby. */
  message(text: string, lang: Lang, back: () => void): void {
    const t = strings(lang);
    this.#show(
      "message",
      text,
      h(
        "button",
        { type: "button", class: "primary", "data-testid": "back", onclick: back },
        t.backToLobby,
      ),
    );
  }

  /** The settings. */
  settings(s: Settings, change: (p: Partial<Settings>) => void): void {
    const t = strings(s.lang);
    const select = (
      label: string,
      value: string,
      options: [string, string][],
      on: (v: string) => void,
    ) =>
      h(
        "label",
        {},
        label,
        h(
          "select",
          { onchange: (e: Event) => on((e.target as HTMLSelectElement).value) },
          ...options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)),
        ),
      );
    const check = (label: string, value: boolean, on: (v: boolean) => void) =>
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          checked: value,
          onchange: (e: Event) => on((e.target as HTMLInputElement).checked),
        }),
        label,
      );
    this.#show(
      "settings",
      t.settings,
      select(
        t.language,
        s.lang,
        [["en", "English"], ["ar", "العربية"]],
        (v) => change({ lang: v as Lang }),
      ),
      select(t.cardSize, String(s.cardScale), [["0.8", "S"], ["1", "M"], ["1.2", "L"], [
        "1.4",
        "XL",
      ]], (v) => change({ cardScale: Number(v) })),
      select(t.animSpeed, String(s.animSpeed), [["0.5", "×0.5"], ["1", "×1"], ["2", "×2"], [
        "3",
        "×3",
      ]], (v) => change({ animSpeed: Number(v) })),
      check(t.fourColour, s.fourColour, (v) => change({ fourColour: v })),
      check(t.sound, !s.muted, (v) => change({ muted: !v })),
      h("button", { type: "button", class: "primary", onclick: () => this.close() }, t.close),
    );
  }
}
