/**
 * The leak checker of the server tests: given a match's full record, it knows from which
 * version on each seat may know each card, and checks every frame a client received against
 * it. A card id anywhere in a frame (its decoded JSON) that the seat could not know at that
 * version is a leak.
 *
 * @module
 */

import { type Card, DECK, type GameEvent, type Seat } from "@baloot/rules";

/** A frame a client received: its message type and body, and the seat it played (or watched). */
export interface Frame {
  readonly seat: Seat | "spectator";
  readonly type: string;
  readonly body: unknown;
}

const CARD = /"([789TJQKA][SHDC])"/g;

/** For each hand (by its HAND_START version), the version from which each seat knows each card. */
class Knowledge {
  /** Versions where hands start, ascending. */
  readonly starts: number[] = [];
  /** firstKnown[hand index][seat][card] = version. */
  readonly first: Map<Card, number>[][] = [];

  constructor(events: readonly GameEvent[]) {
    events.forEach((e, i) => {
      const v = i + 1;
      if (e.type === "HAND_START") {
        this.starts.push(v);
        this.first.push([0, 1, 2, 3].map(() => new Map()));
      }
      const hand = this.first.at(-1);
      if (!hand) return;
      const learn = (seats: readonly number[], cards: readonly (Card | null)[]) => {
        for (const s of seats) for (const c of cards) if (c && !hand[s].has(c)) hand[s].set(c, v);
      };
      const all = [0, 1, 2, 3];
      switch (e.type) {
        case "DEAL_INITIAL":
          e.hands.forEach((cards, s) => learn([s], cards));
          learn(all, [e.faceUp]);
          break;
        case "DEAL_COMPLETION":
          e.cards.forEach((cards, s) => learn([s], cards));
          break;
        case "PLAY":
          learn(all, [e.card]);
          break;
        case "PROJECTS_RESOLVED":
          for (const p of e.counted) learn(all, p.cards);
          break;
        case "KASHO":
          learn(all, e.cards);
          break;
        case "SAWA":
          for (const cards of e.hands) learn(all, cards);
          break;
        case "SEED_REVEAL":
          learn(all, DECK);
          break;
      }
    });
  }

  /** Whether `seat` (a spectator: every seat) may know `card` at version `v`. */
  knows(seat: Seat | "spectator", card: Card, v: number): boolean {
    if (seat === "spectator") return ([0, 1, 2, 3] as const).every((s) => this.knows(s, card, v));
    let h = -1;
    for (let i = 0; i < this.starts.length && this.starts[i] <= v; i++) h = i;
    if (h < 0) return false;
    const at = this.first[h][seat].get(card);
    return at !== undefined && at <= v;
  }
}

/** The leaks found in `frames` (empty when there are none). */
export function findLeaks(events: readonly GameEvent[], frames: readonly Frame[]): string[] {
  const k = new Knowledge(events);
  const leaks: string[] = [];
  const check = (seat: Seat | "spectator", v: number, value: unknown, where: string) => {
    for (const m of JSON.stringify(value).matchAll(CARD)) {
      if (!k.knows(seat, m[1] as Card, v)) {
        leaks.push(`${where}: seat ${seat} saw ${m[1]} at version ${v}`);
      }
    }
  };
  for (const f of frames) {
    const body = f.body as Record<string, unknown>;
    if (f.type === "events" || f.type === "history") {
      for (const { v, e } of body.events as { v: number; e: unknown }[]) {
        check(f.seat, v, e, "events");
      }
    } else if (f.type === "snapshot") {
      // A seat's snapshot holds `view`, a spectator's `state`.
      check(f.seat, body.v as number, "state" in body ? body.state : body.view, "snapshot");
    } else {
      // Acks, errors, welcomes carry no cards at all.
      check(f.seat, 0, body, f.type);
    }
  }
  return leaks;
}
