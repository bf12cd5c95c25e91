/**
 * Game events told in plain words, for the terminal demo: the deal, bids with their Arabic
 * terms, the contract, each trick as a line of cards with its winner, and each hand's result
 * with its points and rule ids. Works from full events (a finished match or a record).
 *
 * @module
 */

import {
  type BidCall,
  type Card,
  commitmentOf,
  type GameEvent,
  type Seat,
  sortCards,
  type Suit,
  type Team,
} from "@baloot/rules";

/** Compass names of seats 0..3 (rules spec §3.2). */
export const SEAT_NAMES: readonly string[] = ["South", "East", "North", "West"];
/** Team names: team 0 is seats 0 and 2, team 1 seats 1 and 3. */
export const TEAM_NAMES: readonly string[] = ["South–North", "East–West"];

const SUIT_SYMBOL: Record<Suit, string> = { S: "♠", H: "♥", D: "♦", C: "♣" };

/**
 * A card with its suit symbol, the ten written `10`.
 *
 * @example
 * ```ts
 * import { cardText } from "./narrate.ts";
 * cardText("TD"); // "10♦"
 * ```
 */
export function cardText(card: Card): string {
  return `${card[0] === "T" ? "10" : card[0]}${SUIT_SYMBOL[card[1] as Suit]}`;
}

/** Cards in canonical order, suits apart: `A♠ K♠  10♥  7♣`. */
export function handText(cards: readonly Card[]): string {
  const groups: string[][] = [];
  let last = "";
  for (const c of sortCards(cards)) {
    if (c[1] !== last) groups.push([]);
    groups.at(-1)!.push(cardText(c));
    last = c[1];
  }
  return groups.map((g) => g.join(" ")).join("  ");
}

const PROJECT_NAMES: Record<string, string> = {
  SIRA: "Sira (سرا)",
  FIFTY: "Fifty (خمسين)",
  HUNDRED: "Hundred (مية)",
  FOUR_HUNDRED: "Four Hundred (أربعمية)",
};

const ESCALATION_NAMES: Record<string, string> = {
  DOUBLE: "Double (دبل)",
  TRIPLE: "Three (ثري)",
  FOUR: "Four (فور)",
  GAHWA: "Gahwa (قهوة)",
};

/** A bidding call in plain words with its Arabic term, e.g. `Hokum ♥ (حكم)`. */
export function bidText(call: BidCall, round: 1 | 2, suit?: Suit): string {
  switch (call) {
    case "PASS":
      return round === 1 ? "Pass (بس)" : "Pass (ولا)";
    case "HOKUM":
      return `Hokum ${SUIT_SYMBOL[suit!]} (${round === 1 ? "حكم" : "حكم ثاني"})`;
    case "SUN":
      return "Sun (صن)";
    case "ASHKAL":
      return "Ashkal (أشكل)";
    case "BEFORE_YOU":
      return "Sun, before you (قبلك)";
  }
}

const pairText = (p: readonly [number, number]) => `${p[0]}–${p[1]}`;
const teamPoints = (p: readonly [number, number]) =>
  `${TEAM_NAMES[0]} ${p[0]}, ${TEAM_NAMES[1]} ${p[1]}`;

/** Turns events into lines of text, one event at a time. */
export class Narrator {
  #dealer: Seat = 0;
  #hand = 0;
  #commitment = "";
  #faceUp: Card | null = null;
  #hands: Card[][] = [[], [], [], []];
  #contract: Extract<GameEvent, { type: "CONTRACT_SET" }> | null = null;
  #plays: string[] = [];
  #bidding = false;
  #round = 1;
  #sunCaller: Seat | null = null;

  /** The lines that tell `e` (often none: plays are told with their trick). */
  feed(e: GameEvent): string[] {
    switch (e.type) {
      case "MATCH_START":
        return [
          `Profile ${e.profile.id}, playing to ${e.profile.target}. ` +
          `First dealer: ${SEAT_NAMES[e.dealer]}.`,
        ];
      case "HAND_START":
        this.#hand = e.hand;
        this.#dealer = e.dealer;
        this.#commitment = e.commitment;
        this.#contract = null;
        this.#bidding = false;
        this.#sunCaller = null;
        return [];
      case "DEAL_INITIAL":
        this.#faceUp = e.faceUp;
        this.#hands = e.hands.map((h) => h.filter((c): c is Card => c !== null));
        return [
          "",
          `Hand ${this.#hand} · dealer ${SEAT_NAMES[this.#dealer]} · face-up card ` +
          `${cardText(e.faceUp)} · deal commitment ${this.#commitment.slice(0, 12)}…`,
        ];
      case "BID": {
        const head = this.#bidding ? [] : ["  Bidding:"];
        this.#bidding = true;
        if (e.round !== this.#round) this.#sunCaller = null;
        this.#round = e.round;
        // A pass after a Sun call declines to take the Sun first (Gablak, [B2]).
        const leaves = e.call === "PASS" && this.#sunCaller !== null
          ? `, leaving the Sun to ${SEAT_NAMES[this.#sunCaller]}`
          : "";
        if (e.call === "SUN" || e.call === "ASHKAL" || e.call === "BEFORE_YOU") {
          this.#sunCaller = e.seat;
        }
        return [...head, `    ${SEAT_NAMES[e.seat]}: ${bidText(e.call, e.round, e.suit)}${leaves}`];
      }
      case "HOKUM_DECISION":
        return [
          `    ${SEAT_NAMES[e.seat]}: ` +
          (e.decision === "CONFIRM_HOKUM" ? "confirms Hokum (حكم)" : "switches to Sun (صن)"),
        ];
      case "KASHO":
        return [`    ${SEAT_NAMES[e.seat]}: Kasho, a hand of 7s, 8s and 9s: ${handText(e.cards)}`];
      case "CONTRACT_SET":
        return this.#contractSet(e);
      case "DEAL_COMPLETION":
        return this.#completion(e.cards);
      case "ESCALATE":
        if (e.call === "PASS") return [];
        return [
          `  ${SEAT_NAMES[e.seat]}: ${ESCALATION_NAMES[e.call]}` +
          (e.locked === undefined ? "" : e.locked ? ", locked (مقفول)" : ", open (مفتوح)"),
        ];
      case "PROJECT_DECLARE":
        return e.declarations.map((d) =>
          `  ${SEAT_NAMES[e.seat]} declares ${PROJECT_NAMES[d.type]}` +
          (d.project ? `: ${d.project.cards.map(cardText).join(" ")}` : "")
        );
      case "PLAY": {
        const calls = (e.baloot ? " Baloot! (بلوت)" : "") + (e.ekka ? " Ekka (إكة)" : "");
        this.#plays.push(`${SEAT_NAMES[e.seat]} ${cardText(e.card)}${calls}`);
        return [];
      }
      case "TRICK_END": {
        const plays = this.#plays.join(" · ");
        this.#plays = [];
        const n = String(e.trick).padStart(2);
        return [`  Trick ${n}: ${plays}  → ${SEAT_NAMES[e.winner]} +${e.points}`];
      }
      case "PROJECTS_RESOLVED":
        if (e.winningTeam === null) return [];
        return [
          `  Projects: ${TEAM_NAMES[e.winningTeam]} count ` +
          e.counted.map((p) => PROJECT_NAMES[p.type]).join(", "),
        ];
      case "SAWA":
        return [
          `  ${SEAT_NAMES[e.seat]} claims Sawa (سوا): the rest of the tricks go to ` +
          `${TEAM_NAMES[e.seat % 2]}`,
        ];
      case "HAND_CANCELLED":
        return [
          e.reason === "ALL_PASS"
            ? "  Everyone passed twice: no contract, the hand is void."
            : "  The hand is annulled by Kasho.",
          `  The deal passes to ${SEAT_NAMES[e.nextDealer]}.`,
        ];
      case "HAND_RESULT":
        return this.#result(e);
      case "SEED_REVEAL": {
        const ok = commitmentOf(e.seed) === this.#commitment;
        return [
          `  Seed revealed: ${e.seed.slice(0, 12)}… ` +
          (ok ? "(matches the commitment)" : "(DOES NOT match the commitment!)"),
        ];
      }
      case "MATCH_END": {
        const how = e.reason === "GAHWA" ? " by Gahwa (قهوة)" : "";
        return ["", `Winner: ${TEAM_NAMES[e.winner]}${how}. Final score: ${teamPoints(e.score)}.`];
      }
    }
  }

  #contractSet(e: Extract<GameEvent, { type: "CONTRACT_SET" }>): string[] {
    this.#contract = e;
    const what = e.mode === "HOKUM"
      ? `Hokum ${SUIT_SYMBOL[e.trump!]} (حكم)`
      : e.ashkal
      ? "Ashkal (أشكل), a Sun"
      : "Sun (صن)";
    const buyer = SEAT_NAMES[e.buyer];
    const takes = `${SEAT_NAMES[e.recipient]} takes the ${cardText(this.#faceUp!)}`;
    return [`  Contract: ${what} bought by ${buyer} (${TEAM_NAMES[e.buyer % 2]}); ${takes}.`];
  }

  #completion(cards: readonly (readonly (Card | null)[])[]): string[] {
    const recipient = this.#contract?.recipient;
    const lines = ["  Hands:"];
    for (let s = 0; s < 4; s++) {
      const got = cards[s].filter((c): c is Card => c !== null);
      const all = [...this.#hands[s], ...got, ...(s === recipient ? [this.#faceUp!] : [])];
      lines.push(`    ${SEAT_NAMES[s].padEnd(5)}  ${handText(all)}`);
    }
    return lines;
  }

  #result(e: Extract<GameEvent, { type: "HAND_RESULT" }>): string[] {
    const { facts: f, score: s } = e;
    const buyers = TEAM_NAMES[f.buyerTeam];
    const level = f.level === 1 ? "" : f.level === "GAHWA" ? " under Gahwa" : ` at ×${f.level}`;
    const outcome = s.made ? "made it" : "failed: Khasara (خسارة)";
    const lines = [`  Result: ${buyers} bought${level} and ${outcome}.`];
    const kabootTeam: Team | null = f.tricks[0] === 8 ? 0 : f.tricks[1] === 8 ? 1 : null;
    if (kabootTeam !== null) {
      lines.push(`  Kaboot (كبوت)! ${TEAM_NAMES[kabootTeam]} took all eight tricks.`);
    }
    lines.push(
      `    card points ${pairText(f.cardRaw)} raw → ${pairText(s.cardGp)}; projects ` +
        `${pairText(s.projectGp)}; Baloot ${pairText(s.balootGp)}`,
    );
    lines.push(`    awarded ${teamPoints(s.awarded)}   [rules ${s.rules.join(" ")}]`);
    if (s.matchAfter) lines.push(`  Match score: ${teamPoints(s.matchAfter)}`);
    if (s.extraHand) lines.push("  Both teams passed the target with equal totals: one more hand.");
    if (s.matchEnd === "GAHWA") {
      lines.push(`  Gahwa: ${TEAM_NAMES[s.matchWinner!]} win the match outright.`);
    }
    return lines;
  }
}
