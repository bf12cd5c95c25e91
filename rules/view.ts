/**
 * What each audience may know (architecture decision 3): `viewFor` filters a state, `redact`
 * filters an event, and folding the redacted events gives exactly the filtered state.
 *
 * A seat knows its own cards; everyone knows the face-up card, the cards played, the counted
 * projects once shown, cards shown for Kasho or Sawa, and each hand's seed once revealed.
 * A live spectator knows only what everyone knows. `"all"` is everything (the server, and
 * records of finished matches).
 *
 * @module
 */

import type { Card } from "./card.ts";
import type { GameEvent } from "./events.ts";
import type { Seat } from "./seat.ts";
import type { GameState, HandState } from "./state.ts";

/** Who is looking: a seat, a live spectator, or everyone after the fact. */
export type Audience = Seat | "spectator" | "all";

/** Cards in players' hands that every audience knows. */
function publicHandCards(h: HandState): Set<Card> {
  const known = new Set<Card>();
  if (h.completed) known.add(h.faceUp!);
  for (const list of h.projects?.counted ?? []) {
    for (const p of list) for (const c of p.cards) known.add(c);
  }
  return known;
}

/**
 * The state as `audience` may see it.
 *
 * @example
 * ```ts
 * import { initialState, viewFor } from "@baloot/rules";
 * viewFor(initialState(), "spectator").phase; // "NEW"
 * ```
 */
export function viewFor(state: GameState, audience: Audience): GameState {
  const h = state.hand;
  if (audience === "all" || h === null) return state;
  const known = publicHandCards(h);
  const hands = h.hands.map((cards, seat) => {
    if (seat === audience || h.kasho === seat) return cards;
    const shown: (Card | null)[] = [];
    let hidden = 0;
    for (const c of cards) c !== null && known.has(c) ? shown.push(c) : hidden++;
    for (let i = 0; i < hidden; i++) shown.push(null);
    return shown;
  });
  const declared = h.declared.map((list, seat) =>
    list === null || seat === audience ? list : list.map((d) => ({ type: d.type, project: null }))
  );
  return {
    ...state,
    hand: {
      ...h,
      hands,
      declared,
      stock: null,
      seed: h.seedRevealed ? h.seed : null,
    },
  };
}

const hide = (cards: readonly (Card | null)[]) => cards.map(() => null);

/**
 * The event as `audience` may receive it: other seats' cards become `null`, the stock and an
 * unrevealed seed are removed. Events with nothing hidden are returned as they are.
 */
export function redact(event: GameEvent, audience: Audience): GameEvent {
  if (audience === "all") return event;
  switch (event.type) {
    case "HAND_START":
      return event.seed === null ? event : { ...event, seed: null };
    case "DEAL_INITIAL":
      return {
        ...event,
        hands: event.hands.map((cards, seat) => (seat === audience ? cards : hide(cards))),
        stock: null,
      };
    case "DEAL_COMPLETION":
      return {
        ...event,
        cards: event.cards.map((cards, seat) => (seat === audience ? cards : hide(cards))),
      };
    case "PROJECT_DECLARE":
      return event.seat === audience ? event : {
        ...event,
        declarations: event.declarations.map((d) => ({ type: d.type, project: null })),
      };
    default:
      return event;
  }
}
