/**
 * Events in words: the short text of a seat's speech bubble, and the sentence a screen reader
 * announces, in the interface's language.
 *
 * @module
 */

import type { Contract, GameEvent, Level, SeatCommand, Suit } from "@baloot/rules";
import { cardName, type Lang, projectName, strings, suitName, suitSymbol } from "./i18n.ts";

/** What an event shows and says. */
export interface Described {
  /** Text for the bubble at the acting seat, if any. */
  readonly bubble?: string;
  /** The sentence for screen readers, if any. */
  readonly speech?: string;
}

/** The label of a call or command (buttons and bubbles share it). */
export function callLabel(c: SeatCommand | GameEvent, lang: Lang, round = 1): string {
  const t = strings(lang);
  switch (c.type) {
    case "BID":
      switch (c.call) {
        case "PASS":
          return round === 2 ? t.passR2 : t.passR1;
        case "HOKUM":
          return `${t.hokum} ${suitSymbol(c.suit!)}`;
        case "SUN":
          return t.sun;
        case "ASHKAL":
          return t.ashkal;
        case "BEFORE_YOU":
          return t.beforeYou;
      }
      break;
    case "HOKUM_DECISION":
      return c.decision === "CONFIRM_HOKUM" ? t.confirmHokum : t.switchSun;
    case "KASHO":
      return t.kasho;
    case "ESCALATE": {
      const name =
        { PASS: t.pass, DOUBLE: t.double, TRIPLE: t.triple, FOUR: t.four, GAHWA: t.gahwa }[c.call];
      return c.locked === undefined ? name : `${name} (${c.locked ? t.locked : t.open})`;
    }
    case "SAWA":
      return t.sawa;
  }
  return c.type;
}

/** A contract in words: "Hokum ♠ · Amal · ×2 locked". */
export function contractText(
  c: Contract,
  level: Level,
  locked: boolean,
  buyer: string,
  lang: Lang,
): string {
  const t = strings(lang);
  const mode = c.mode === "HOKUM"
    ? `${t.hokum} ${suitSymbol(c.trump!)}`
    : c.ashkal
    ? t.ashkal
    : t.sun;
  const x = level === "GAHWA"
    ? t.gahwa
    : level > 1
    ? `×${level}${locked ? ` ${t.locked}` : ""}`
    : "";
  return [mode, buyer, x].filter((s) => s !== "").join(" · ");
}

/** What `e` shows and says; `name(seat)` gives seat names. */
export function describe(e: GameEvent, lang: Lang, name: (seat: number) => string): Described {
  const t = strings(lang);
  switch (e.type) {
    case "BID":
    case "HOKUM_DECISION":
    case "ESCALATE": {
      const label = callLabel(e, lang, e.type === "BID" ? e.round : 1);
      return { bubble: label, speech: `${name(e.seat)}: ${label}` };
    }
    case "KASHO":
      return { bubble: t.kasho, speech: `${name(e.seat)}: ${t.kasho}` };
    case "CONTRACT_SET": {
      const mode = e.mode === "HOKUM"
        ? `${t.hokum} ${suitName(e.trump as Suit, lang)}`
        : e.ashkal
        ? t.ashkal
        : t.sun;
      return { speech: `${t.contract}: ${mode}, ${t.buyer} ${name(e.buyer)}` };
    }
    case "PROJECT_DECLARE": {
      const types = e.declarations.map((d) => projectName(d.type, lang)).join(" + ");
      return { bubble: types, speech: `${name(e.seat)}: ${types}` };
    }
    case "PLAY": {
      const extra = e.baloot ? t.baloot : e.ekka ? t.ekka : undefined;
      return {
        ...(extra ? { bubble: extra } : {}),
        speech: `${name(e.seat)} ${t.played} ${cardName(e.card, lang)}${extra ? `, ${extra}` : ""}`,
      };
    }
    case "TRICK_END":
      return { speech: `${name(e.winner)} ${t.wonTrick} (+${e.points})` };
    case "PROJECTS_RESOLVED": {
      if (e.winningTeam === null || e.counted.length === 0) return {};
      const list = e.counted.map((p) => `${name(p.seat)}: ${projectName(p.type, lang)}`).join(", ");
      return { speech: `${t.projects}: ${list}` };
    }
    case "SAWA":
      return { bubble: t.sawa, speech: `${name(e.seat)}: ${t.sawa}` };
    case "HAND_CANCELLED":
      return { speech: t.cancelled };
    case "HAND_RESULT": {
      const [a, b] = e.score.matchAfter ?? [0, 0];
      return { speech: `${t.score}: ${a} – ${b}` };
    }
    default:
      return {};
  }
}
