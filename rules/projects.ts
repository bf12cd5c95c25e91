/**
 * Projects (المشاريع, rules spec §2.7): detection in a hand, values, and the comparison that lets
 * only the team with the single best project score ([J1]–[J5], V26–V28, §2.14 decisions 6–7).
 *
 * @module
 */

import {
  type Card,
  type Mode,
  type Rank,
  rankOf,
  sequenceIndex,
  type Suit,
  suitOf,
  SUITS,
} from "./card.ts";
import type { Profile } from "./profile.ts";
import { type Seat, speakingPosition, type Team } from "./seat.ts";

/** Project categories, lowest first. */
export type ProjectType = "SIRA" | "FIFTY" | "HUNDRED" | "FOUR_HUNDRED";
/** A run in one suit, or four cards of one rank. */
export type ProjectKind = "SEQUENCE" | "FOUR_OF_A_KIND";

/** A project as the scorer needs it (the hand-facts form). */
export interface ProjectFact {
  readonly type: ProjectType;
  readonly kind: ProjectKind;
  /** The highest rank: the top of a run ([D6] order) or the rank of the four. */
  readonly topRank: Rank;
  /** The declaring seat, for the seat-order tie-break (V28). */
  readonly seat?: Seat;
  /** A run's suit, for the trump-sequence tie-break (V28); `null` for four of a kind. */
  readonly suit?: Suit | null;
}

/** A project in a live hand: the fact plus the declaring seat and its cards. */
export interface Project extends ProjectFact {
  readonly seat: Seat;
  readonly suit: Suit | null;
  readonly cards: readonly Card[];
}

const RAW: Record<ProjectType, number> = { SIRA: 20, FIFTY: 50, HUNDRED: 100, FOUR_HUNDRED: 200 };
const CATEGORY: Record<ProjectType, number> = { SIRA: 1, FIFTY: 2, HUNDRED: 3, FOUR_HUNDRED: 4 };

/** Raw value of a project ([J1]): Sira 20, Fifty 50, Hundred 100, Four Hundred 200. */
export function projectRaw(type: ProjectType): number {
  return RAW[type];
}

/** Game points of a project ([C3]): Sun raw × 2 ÷ 10, Hokum raw ÷ 10; never rounded. */
export function projectGp(type: ProjectType, mode: Mode): number {
  return mode === "SUN" ? RAW[type] / 5 : RAW[type] / 10;
}

/** The project a run of `length` cards makes, if any ([J1], V35: 5 or more is one Hundred). */
function runType(length: number): ProjectType | null {
  if (length >= 5) return "HUNDRED";
  if (length === 4) return "FIFTY";
  if (length === 3) return "SIRA";
  return null;
}

const FOUR_RANKS = ["A", "K", "Q", "J", "T"] as const;
const SEQUENCE_RANKS = ["7", "8", "9", "T", "J", "Q", "K", "A"] as const;

/** Per suit (S, H, D, C), a bitmask of the ranks held: bit i is rank i of "789TJQKA". */
function suitMasks(cards: readonly Card[]): number[] {
  const masks = [0, 0, 0, 0];
  for (const c of cards) masks[SUITS.indexOf(suitOf(c))] |= 1 << sequenceIndex(rankOf(c));
  return masks;
}

/** Maximal runs of three or more in the masks, one project each (runs are never split). */
function runs(masks: readonly number[], seat: Seat): Project[] {
  const found: Project[] = [];
  SUITS.forEach((suit, si) => {
    const m = masks[si];
    if ((m & (m >> 1) & (m >> 2)) === 0) return; // no three in a row
    for (let top = 7; top >= 2;) {
      let len = 0;
      while (top - len >= 0 && m & (1 << (top - len))) len++;
      const type = runType(len);
      if (type) {
        const cards: Card[] = [];
        for (let i = 0; i < len; i++) cards.push(`${SEQUENCE_RANKS[top - i]}${suit}` as Card);
        found.push({ type, kind: "SEQUENCE", topRank: SEQUENCE_RANKS[top], seat, suit, cards });
      }
      top -= len + 1;
    }
  });
  return found;
}

/**
 * The projects a hand may declare (§2.14 decision 6): the set with the highest total raw, then
 * the best single project. At most two per player ([J2]) follows from eight cards.
 *
 * @example
 * ```ts
 * import { declarableProjects } from "@baloot/rules";
 * declarableProjects(["AS", "KS", "QS", "JS", "TS", "KH", "KD", "KC"], 0, "SUN")
 *   .map((p) => p.type); // ["HUNDRED", "SIRA"]: four Kings and Q-J-10 of spades
 * ```
 */
export function declarableProjects(hand: readonly Card[], seat: Seat, mode: Mode): Project[] {
  const masks = suitMasks(hand);
  const fours: Project[] = [];
  for (const rank of FOUR_RANKS) {
    const bit = 1 << sequenceIndex(rank);
    if (masks.every((m) => m & bit)) {
      const type = rank === "A" && mode === "SUN" ? "FOUR_HUNDRED" : "HUNDRED";
      const cards = SUITS.map((su) => `${rank}${su}` as Card);
      fours.push({ type, kind: "FOUR_OF_A_KIND", topRank: rank, seat, suit: null, cards });
    }
  }
  if (fours.length === 0) return runs(masks, seat);
  let best: Project[] = [];
  let bestRaw = -1;
  for (let choice = 0; choice < 1 << fours.length; choice++) {
    const chosen = fours.filter((_, i) => choice & (1 << i));
    const left = masks.map((m) => chosen.reduce((x, p) => x & ~(1 << sequenceIndex(p.topRank)), m));
    const set = [...chosen, ...runs(left, seat)];
    const raw = set.reduce((sum, p) => sum + RAW[p.type], 0);
    if (raw > bestRaw || (raw === bestRaw && betterSingle(set, best))) {
      best = set;
      bestRaw = raw;
    }
  }
  return best;
}

function betterSingle(a: readonly Project[], b: readonly Project[]): boolean {
  const topA = a.reduce<Project | null>(
    (x, p) => (!x || strengthKey(p) > strengthKey(x) ? p : x),
    null,
  );
  const topB = b.reduce<Project | null>(
    (x, p) => (!x || strengthKey(p) > strengthKey(x) ? p : x),
    null,
  );
  return topA !== null && (topB === null || strengthKey(topA) > strengthKey(topB));
}

/** Category, then sequence before four of a kind, then top rank (R's order, for detection). */
function strengthKey(p: ProjectFact): number {
  return CATEGORY[p.type] * 100 + (p.kind === "SEQUENCE" ? 10 : 0) + sequenceIndex(p.topRank);
}

/** What the comparison needs to know about the hand. */
export interface CompareContext {
  readonly profile: Profile;
  readonly mode: Mode;
  /** The trump suit in Hokum. */
  readonly trump: Suit | null;
  /** The dealer, for seat order from the dealer's right (V28); seat 3 when unknown. */
  readonly dealer: Seat;
}

/**
 * Compares two projects ([J4], V27, V28, §2.14 decision 7). Positive when `a` is better,
 * negative when `b` is, 0 when they cannot be told apart (equal, and no seats to break the tie).
 */
export function compareProjects(a: ProjectFact, b: ProjectFact, ctx: CompareContext): number {
  const category = CATEGORY[a.type] - CATEGORY[b.type];
  if (category !== 0) return category;
  if (a.type === "HUNDRED" && ctx.profile.hundredOrder === "SEQUENCE_FIRST") {
    const seq = Number(a.kind === "SEQUENCE") - Number(b.kind === "SEQUENCE");
    if (seq !== 0) return seq;
  }
  const top = sequenceIndex(a.topRank) - sequenceIndex(b.topRank);
  if (top !== 0) return top;
  if (ctx.profile.projectTieBreak === "TRUMP_SEQUENCE_THEN_SEAT" && ctx.trump) {
    const trumpRun = (p: ProjectFact) => p.kind === "SEQUENCE" && p.suit === ctx.trump;
    const t = Number(trumpRun(a)) - Number(trumpRun(b));
    if (t !== 0) return t;
  }
  if (a.seat === undefined || b.seat === undefined || a.seat === b.seat) return 0;
  return speakingPosition(b.seat, ctx.dealer) - speakingPosition(a.seat, ctx.dealer);
}

/** The outcome of the comparison: which team's projects count. */
export interface ProjectResolution<P extends ProjectFact = ProjectFact> {
  /** The team with the single best project, or `null` when nobody declared. */
  readonly winningTeam: Team | null;
  /** The counted projects per team (all of the winner's, none of the other's). */
  readonly counted: readonly [readonly P[], readonly P[]];
}

/**
 * Resolves the declared projects of both teams ([J4]): only the team holding the single best
 * project scores, and it scores all of them. Returns an error message when the best projects
 * are equal and no seat is given to break the tie.
 */
export function resolveProjects<P extends ProjectFact>(
  declared: readonly [readonly P[], readonly P[]],
  ctx: CompareContext,
): ProjectResolution<P> | string {
  const best = declared.map((list) =>
    list.reduce<P | null>((x, p) => (!x || compareProjects(p, x, ctx) > 0 ? p : x), null)
  );
  const [a, b] = best;
  let winningTeam: Team | null;
  if (!a && !b) winningTeam = null;
  else if (!b) winningTeam = 0;
  else if (!a) winningTeam = 1;
  else {
    const c = compareProjects(a, b, ctx);
    if (c === 0) return "projects: the best projects are equal; give each a seat to break the tie";
    winningTeam = c > 0 ? 0 : 1;
  }
  const counted: [readonly P[], readonly P[]] = [[], []];
  if (winningTeam !== null) counted[winningTeam] = declared[winningTeam];
  return { winningTeam, counted };
}
