/**
 * The player's settings, kept in the browser: language, card size, animation speed,
 * four-colour suits, sound. Changes notify listeners so the table re-lays itself out.
 *
 * @module
 */

import type { Lang } from "./i18n.ts";

/** Every setting. */
export interface Settings {
  lang: Lang;
  /** Card size factor, 0.8 to 1.4. */
  cardScale: number;
  /** Animation speed factor: 0.5 slow, 1 normal, 2 fast. */
  animSpeed: number;
  fourColour: boolean;
  muted: boolean;
  name: string;
}

const KEY = "baloot.settings";

function defaults(): Settings {
  const lang: Lang = (globalThis.navigator?.language ?? "en").startsWith("ar") ? "ar" : "en";
  return { lang, cardScale: 1, animSpeed: 1, fourColour: false, muted: false, name: "" };
}

/** The settings store. */
export class SettingsStore {
  value: Settings;
  readonly #listeners = new Set<(s: Settings) => void>();

  constructor(private readonly storage: Storage | null = globalThis.localStorage ?? null) {
    let saved: Partial<Settings> = {};
    try {
      saved = JSON.parse(storage?.getItem(KEY) ?? "{}");
    } catch { /* a broken entry: defaults */ }
    this.value = { ...defaults(), ...sanitize(saved) };
  }

  /** Changes some settings, saves them and tells listeners. */
  update(patch: Partial<Settings>): void {
    this.value = { ...this.value, ...sanitize(patch) };
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.value));
    } catch { /* storage full or blocked: settings last for this visit */ }
    for (const f of this.#listeners) f(this.value);
  }

  /** Calls `f` on every change. */
  listen(f: (s: Settings) => void): void {
    this.#listeners.add(f);
  }
}

function sanitize(p: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (p.lang === "en" || p.lang === "ar") out.lang = p.lang;
  if (typeof p.cardScale === "number") out.cardScale = Math.min(1.4, Math.max(0.8, p.cardScale));
  if (typeof p.animSpeed === "number") out.animSpeed = Math.min(3, Math.max(0.5, p.animSpeed));
  if (typeof p.fourColour === "boolean") out.fourColour = p.fourColour;
  if (typeof p.muted === "boolean") out.muted = p.muted;
  if (typeof p.name === "string") out.name = p.name.slice(0, 24);
  return out;
}
