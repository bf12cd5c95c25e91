/**
 * Test helpers: seeded random matches and small builders. Not exported from `mod.ts`.
 *
 * @module
 */

import { type Card, DECK } from "./card.ts";
import { ChaChaStream } from "./chacha20.ts";
import type { Command } from "./commands.ts";
import { deriveSeed } from "./deal.ts";
import { decide } from "./decide.ts";
import { type Chooser, driveMatch, type DrivenMatch } from "./drive.ts";
import type { GameEvent } from "./events.ts";
import type { Profile } from "./profile.ts";
import type { Seat } from "./seat.ts";
import { fromHex } from "./sha256.ts";
import { type GameState, initialState } from "./state.ts";

/** A chooser that picks uniformly among the legal commands, from a seeded stream. */
export function randomChooser(seed: string): Chooser {
  const rng = new ChaChaStream(fromHex(deriveSeed(seed, "choices"))!);
  return (_state, _seat, legal) => legal[rng.nextInt(legal.length)];
}

/** A reproducible random match: seed `label` names the deals, the dealer and the choices. */
export function randomMatch(
  profile: Profile,
  label: string | number,
  onEvents?: (events: readonly GameEvent[], state: GameState) => void,
): DrivenMatch {
  const base = deriveSeed("property", label);
  const dealer = (parseInt(base.slice(0, 2), 16) % 4) as Seat;
  return driveMatch(
    { profile, dealer, seedFor: (n) => deriveSeed(base, n), onEvents },
    randomChooser(base),
  );
}

/** Runs commands from a fresh state, failing loudly on a rejection. */
export function run(commands: readonly Command[], from: GameState = initialState()): GameState {
  let s = from;
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.code} ${d.rule ?? ""} ${d.message}`);
    s = d.state;
  }
  return s;
}

/** Deeply freezes a value, so that any later mutation throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Card ids mentioned anywhere in a JSON text (as whole JSON strings). */
export function cardsInJson(json: string): Set<Card> {
  const found = new Set<Card>();
  for (const m of json.matchAll(/"([789TJQKA][SHDC])"/g)) found.add(m[1] as Card);
  return found;
}

/** The full deck as a set, for conservation checks. */
export const ALL_CARDS: ReadonlySet<Card> = new Set(DECK);
