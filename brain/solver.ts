/**
 * The double-dummy solver: the exact best card points a side can take from a position where
 * every hand is known, the last-trick 10 included, in Sun and in Hokum.
 *
 * Cards are bits of one 32-bit mask per hand, numbered `suit * 8 + strength` (strength 7 is the
 * highest card of the suit under the contract), so "the cards above this one" and "the best
 * card of a suit" are a shift and a `clz32`. The search is alpha-beta over single cards with:
 * a transposition table of lower and upper bounds at trick starts (a typed-array table of fixed
 * size, exact keys, so memory is bounded and nothing collides); move ordering (the table's
 * best lead first, then winners, then cheap discards); equivalent cards (touching cards of the
 * same points in one hand) searched once; runs (cards of one suit in one hand with no other
 * hand's card between them) searched once where the card settles who takes the trick: the
 * winning side plays the highest of the run, the losing side the lowest, since the rest of the
 * deal plays alike and only the points differ; and sure-point bounds at trick starts (trumps
 * from the top held by one team, the leader's and its partner's cashable top cards, and the
 * cards the others must follow to them). An uncapped solve is one
 * principal variation search over the whole range of points; a capped one (and `solveCards`'s
 * stop-early tests) bisects with null windows instead, so that a cap still returns proven bounds.
 *
 * @module
 */

import { type Card, type Profile, type Seat, strength, type Suit } from "@baloot/rules";
import { SearchAborted, TranspositionTable } from "./solver_table.ts";

/** A position with every hand known: the remaining cards, and the trick in progress. */
export interface SolverPosition {
  /** Each seat's remaining cards (seat order). */
  readonly hands: readonly (readonly Card[])[];
  /** The leader of the trick in progress. */
  readonly leader: Seat;
  /** The cards of the trick in progress, the leader's first. */
  readonly trick: readonly Card[];
  /** The trump suit in Hokum, `null` in Sun. */
  readonly trump: Suit | null;
  /** Locked play: no trump lead while holding another suit ([X4]). */
  readonly locked: boolean;
  /** The rules of trumping (V11, V12) come from here. */
  readonly profile: Profile;
}

/** What a search may spend; either cap ends it with bounds instead of an exact value. */
export interface SolverLimits {
  /** The most nodes (cards tried). */
  readonly nodes?: number;
  /** The most milliseconds. */
  readonly ms?: number;
}

/** A solve's answer, for the team of the seat to move, in card points still to be taken. */
export interface SolverResult {
  /** The exact value when `exact`, else the middle of the bounds. */
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly exact: boolean;
  /** Nodes searched. */
  readonly nodes: number;
}

const SUIT_INDEX: Record<Suit, number> = { S: 0, H: 1, D: 2, C: 3 };
const SUIT_NAMES: readonly Suit[] = ["S", "H", "D", "C"];
/** Points by strength (0 = lowest): plain suits 7 8 9 J Q K T A, trumps 7 8 Q K T A 9 J. */
const PLAIN_POINTS = [0, 0, 0, 2, 3, 4, 10, 11];
const TRUMP_POINTS = [0, 0, 3, 4, 10, 11, 14, 20];
const PLAIN_RANKS = "789JQKTA";
const TRUMP_RANKS = "78QKTA9J";
const LAST_TRICK = 10;
const EXEMPT_ALWAYS = 0, EXEMPT_FOURTH = 1, EXEMPT_NONE = 2;
/** Most legal cards in one position, and the deepest search (32 cards). */
const MAX_MOVES = 8, MAX_DEPTH = 33;
/**
 * The ordering bonus of a killer move: a card that cut off a sibling position at the same depth
 * is tried before cards of its class (250 lifts a cheap card above a sure winning lead, and a
 * low card to the partner's winner above all but the table's move; measured on the bench's
 * deals against no killer: 14% fewer Sun nodes, 11% fewer Hokum at 150, and at 250 another 6–8%
 * fewer, on those deals and on 120 others; a second killer slot did worse). A card's history
 * grows with the depth left below the cut it made.
 */
const KILLER = 250;
const NO_MOVE = -1;
/** Numbers kept per completed trick: its four cards and two of its `#win`. */
const DONE = 6;
/** Cards more than this many points below the best are left with bounds in `solveCards`. */
const CLOSE = 20;

const suitMask = (s: number) => 0xff << (s * 8);
/** The cards of `c`'s suit that beat `c`. */
const above = (c: number) => suitMask(c >> 3) & ~((2 << c) - 1);
const highest = (m: number) => 31 - Math.clz32(m);
const lowest = (m: number) => 31 - Math.clz32(m & -m);
const bitCount = (m: number) => {
  m = m - ((m >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return Math.imul((m + (m >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
};

/**
 * A solver: reusable across positions and deals (its table keeps what it learnt while the
 * contract's trump and rules stay the same).
 *
 * @example
 * ```ts
 * import { PROFILE_R } from "@baloot/rules";
 * import { Solver } from "@baloot/brain";
 * const solver = new Solver();
 * solver.solve({
 *   hands: [["AS"], ["7S"], ["KS"], ["8S"]], leader: 0, trick: [],
 *   trump: null, locked: false, profile: PROFILE_R,
 * }).value; // 25: the ace takes the king, and the last-trick 10
 * ```
 */
export class Solver {
  readonly #table: TranspositionTable;
  #config = "";
  // The position, changed in place while searching.
  readonly #hands = new Int32Array(4);
  readonly #trick = new Int32Array(4);
  /** `#win[i]`: the index of the card winning the trick after its card `i`. */
  readonly #win = new Int8Array(4);
  /** The cards of the trick in progress. */
  #onTable = 0;
  /** Every card still in a hand, and their points. */
  #all = 0;
  #left = 0;
  /** Completed tricks of the search (cards, and `#win` after the second and third), to put back
   * when a card is taken back. */
  readonly #done = new Int32Array(8 * DONE);
  #doneCount = 0;
  #count = 0;
  #leader = 0;
  // The contract.
  #trump = -1;
  #locked = false;
  #exemption = EXEMPT_ALWAYS;
  #freeUnder = false;
  readonly #points = new Int8Array(32);
  // Search bookkeeping.
  readonly #moves = new Int8Array(MAX_DEPTH * MAX_MOVES);
  readonly #scores = new Int32Array(MAX_MOVES);
  readonly #history = new Int32Array(128 * 4);
  /** Per depth, the card that last cut the search off there (the "killer" move). */
  readonly #killers = new Int8Array(MAX_DEPTH).fill(-1);
  #nodes = 0;
  #nodeCap = Infinity;
  #deadline = Infinity;

  /** `tableBits`: the table holds `2 ** tableBits` positions (18 by default, about 5 MB). */
  constructor(tableBits = 18) {
    this.#table = new TranspositionTable(tableBits);
  }

  /** The table's size in bytes. */
  get tableBytes(): number {
    return this.#table.bytes;
  }

  /** Forgets what the table learnt, so the next answers do not depend on earlier searches. */
  reset(): void {
    this.#table.clear();
    this.#history.fill(0);
    this.#killers.fill(-1);
  }

  /** The best card points the team of the seat to move can take from `position` on. */
  solve(position: SolverPosition, limits: SolverLimits = {}): SolverResult {
    this.#load(position);
    const mover = (this.#leader + this.#count) & 3;
    return this.#solveLoaded(mover, limits);
  }

  /**
   * The value of each legal card of the seat to move: the best points its team can take after
   * playing it. Cards the table cannot finish within the caps get bounds.
   */
  solveCards(position: SolverPosition, limits: SolverLimits = {}): Map<Card, SolverResult> {
    this.#load(position);
    const mover = (this.#leader + this.#count) & 3;
    const legal = this.#legal(mover);
    const out = new Map<Card, SolverResult>();
    const deadline = limits.ms === undefined ? Infinity : performance.now() + limits.ms;
    let best = -1;
    for (let m = legal; m !== 0; m &= m - 1) {
      const card = lowest(m);
      const left = deadline - performance.now();
      const gained = this.#play(mover, card);
      const g = gained >= 0 && (gained & 1) === (mover & 1) ? gained >> 3 : 0;
      // After the first card, test against the best so far first, and leave a card far
      // below it with an upper bound: only the cards near the top need exact values.
      const rest = this.#solveLoaded(
        mover,
        {
          nodes: limits.nodes,
          ms: deadline === Infinity ? undefined : Math.max(0, left),
        },
        best < 0 ? -1 : best - g,
        best < 0 ? -1 : best - CLOSE - g,
      );
      this.#unplay(mover, card, gained);
      const r = {
        value: rest.value + g,
        lower: rest.lower + g,
        upper: rest.upper + g,
        exact: rest.exact,
        nodes: rest.nodes,
      };
      if (r.exact && r.value > best) best = r.value;
      out.set(this.#cardOf(card), r);
    }
    return out;
  }

  /** The legal cards of the seat to move, as the rules engine lists them. */
  legalCards(position: SolverPosition): Card[] {
    this.#load(position);
    const out: Card[] = [];
    for (let m = this.#legal((this.#leader + this.#count) & 3); m !== 0; m &= m - 1) {
      out.push(this.#cardOf(lowest(m)));
    }
    return out;
  }

  /**
   * Solves the loaded position for `mover`'s team. `first`: a value of the mover's to test
   * first; `floor`: once the mover's value is proven at most this, stop (an upper bound will
   * do). Both -1 for a plain bisection.
   */
  #solveLoaded(mover: number, limits: SolverLimits, first = -1, floor = -1): SolverResult {
    this.#nodes = 0;
    this.#nodeCap = limits.nodes ?? Infinity;
    this.#deadline = limits.ms === undefined ? Infinity : performance.now() + limits.ms;
    let total = this.#count === 0 ? 0 : LAST_TRICK;
    for (let s = 0; s < 4; s++) {
      for (let m = this.#hands[s]; m !== 0; m &= m - 1) total += this.#points[lowest(m)];
    }
    for (let i = 0; i < this.#count; i++) total += this.#points[this.#trick[i]];
    if (this.#count === 0 && this.#hands[this.#leader] !== 0) total += LAST_TRICK;
    const mine = (mover & 1) === 0;
    const hands = this.#hands.slice(), trick = this.#trick.slice();
    const count = this.#count, leader = this.#leader, doneCount = this.#doneCount;
    // Bisection on the team-0 value with null windows: each test proves a bound.
    let lo = 0, hi = total;
    // In team-0 terms: the first probe, and the bound that ends the search.
    const firstProbe = first < 0 ? -1 : mine ? first : total - first + 1;
    let probe = firstProbe > 0 && firstProbe <= total ? firstProbe : -1;
    const done = () => lo >= hi || (floor >= 0 && (mine ? hi <= floor : lo >= total - floor));
    try {
      // An exact value with no caps: one principal variation search over the whole range (18%
      // fewer nodes than the bisection on the bench's deals). Caps and early stops bisect, so
      // that every finished probe is a proven bound.
      if (first < 0 && floor < 0 && this.#nodeCap === Infinity && this.#deadline === Infinity) {
        lo = hi = this.#search(-1, total + 1, 0);
      }
      while (!done()) {
        if (probe < 0 || probe <= lo || probe > hi) probe = (lo + hi + 1) >> 1;
        const v = this.#search(probe - 1, probe, 0);
        if (v >= probe) lo = v < hi ? v : hi;
        else hi = v > lo ? v : lo;
        probe = -1;
      }
    } catch (e) {
      if (!(e instanceof SearchAborted)) throw e;
      this.#hands.set(hands);
      this.#trick.set(trick);
      this.#count = count;
      this.#leader = leader;
      this.#doneCount = doneCount;
      this.#derive();
    }
    const lower = mine ? lo : total - hi, upper = mine ? hi : total - lo;
    return {
      value: lo === hi ? lower : Math.round((lower + upper) / 2),
      lower,
      upper,
      exact: lo === hi,
      nodes: this.#nodes,
    };
  }

  /** Team 0's best points from here on (cards on the table included), within (alpha, beta). */
  #search(alpha: number, beta: number, depth: number): number {
    if ((++this.#nodes & 1023) === 0) this.#checkLimits();
    const hands = this.#hands;
    let slot = -1, pair = 0;
    let ttMove = NO_MOVE;
    if (this.#count === 0) {
      const leader = this.#leader;
      const lead = hands[leader];
      if (lead === 0) return 0;
      if ((lead & (lead - 1)) === 0) return this.#lastTrick();
      pair = this.#table.pairOf(hands, leader);
      slot = this.#table.find(pair, hands, leader);
      if (slot >= 0) {
        const lo = this.#table.lower(slot), hi = this.#table.upper(slot);
        if (lo >= beta) return lo;
        if (hi <= alpha) return hi;
        // An exact entry answers any window (narrowing a wider window to it would leave an empty
        // one, whose search returns nonsense; the bisection's null windows never get here).
        if (lo === hi) return lo;
        if (lo > alpha) alpha = lo;
        if (hi < beta) beta = hi;
        ttMove = this.#table.move(slot);
      }
      this.#surePoints();
      if (this.#sureLower >= beta) return this.#sureLower;
      if (this.#sureUpper <= alpha) return this.#sureUpper;
    }
    const seat = (this.#leader + this.#count) & 3;
    const maximizing = (seat & 1) === 0;
    const n = this.#orderedMoves(seat, depth, ttMove);
    const alpha0 = alpha, beta0 = beta;
    let best = maximizing ? -1 : 1 << 14;
    let bestMove = NO_MOVE;
    const base = depth * MAX_MOVES;
    for (let i = 0; i < n; i++) {
      const card = this.#moves[base + i];
      const gained = this.#play(seat, card);
      const g = gained >= 0 && (gained & 1) === 0 ? gained >> 3 : 0;
      let v: number;
      // Principal variation search: in a wide window the first card is searched with it, the
      // others with a null window first (proving them no better), and again only if one is.
      if (i === 0 || beta - alpha <= 1) v = g + this.#search(alpha - g, beta - g, depth + 1);
      else if (maximizing) {
        v = g + this.#search(alpha - g, alpha + 1 - g, depth + 1);
        if (v > alpha && v < beta) v = g + this.#search(v - 1 - g, beta - g, depth + 1);
      } else {
        v = g + this.#search(beta - 1 - g, beta - g, depth + 1);
        if (v < beta && v > alpha) v = g + this.#search(alpha - g, v + 1 - g, depth + 1);
      }
      this.#unplay(seat, card, gained);
      if (maximizing ? v > best : v < best) {
        best = v;
        bestMove = card;
      }
      if (maximizing) {
        if (best > alpha) alpha = best;
      } else if (best < beta) beta = best;
      if (alpha >= beta) {
        this.#history[(this.#count << 7) | (seat << 5) | card] += 32 - depth;
        this.#killers[depth] = card;
        break;
      }
    }
    if (this.#count === 0) {
      const lo = best >= beta0 ? best : best > alpha0 ? best : 0;
      const hi = best <= alpha0 ? best : best < beta0 ? best : 1 << 14;
      this.#table.store(pair, hands, this.#leader, lo, hi, bestMove);
    }
    return best;
  }

  /** The last trick, where every card is forced: team 0's points from it. */
  #lastTrick(): number {
    const h = this.#hands, leader = this.#leader;
    let win = highest(h[leader]), winner = leader;
    let points = LAST_TRICK + this.#points[win];
    for (let i = 1; i < 4; i++) {
      const seat = (leader + i) & 3, c = highest(h[seat]);
      points += this.#points[c];
      if (this.#beats(c, win)) {
        win = c;
        winner = seat;
      }
    }
    return (winner & 1) === 0 ? points : 0;
  }

  #checkLimits(): void {
    if (this.#nodes > this.#nodeCap || performance.now() > this.#deadline) {
      throw new SearchAborted();
    }
  }

  /**
   * Plays `card` for `seat`. Returns -1 while the trick goes on; when the card ends the trick,
   * the trick is scored and cleared, and the result packs the winning team (bit 0), the old
   * leader (bits 1–2) and the trick's points (bits 3 on).
   */
  #play(seat: number, card: number): number {
    const pts = this.#points, t = this.#trick, w = this.#win;
    this.#hands[seat] ^= 1 << card;
    this.#all ^= 1 << card;
    this.#left -= pts[card];
    const k = this.#count++;
    t[k] = card;
    this.#onTable |= 1 << card;
    if (k === 0) {
      w[0] = 0;
      return -1;
    }
    const before = w[k - 1];
    const win = this.#beats(card, t[before]) ? k : before;
    w[k] = win;
    if (k < 3) return -1;
    let points = pts[t[0]] + pts[t[1]] + pts[t[2]] + pts[t[3]];
    if (this.#all === 0) points += LAST_TRICK;
    const winner = (this.#leader + win) & 3;
    const out = (winner & 1) | (this.#leader << 1) | (points << 3);
    const at = this.#doneCount++ * DONE, d = this.#done;
    d[at] = t[0];
    d[at + 1] = t[1];
    d[at + 2] = t[2];
    d[at + 3] = t[3];
    d[at + 4] = w[1];
    d[at + 5] = w[2];
    this.#leader = winner;
    this.#count = 0;
    this.#onTable = 0;
    return out;
  }

  #unplay(seat: number, card: number, gained: number): void {
    if (gained >= 0) {
      this.#leader = (gained >> 1) & 3;
      this.#count = 4;
      const at = --this.#doneCount * DONE, t = this.#trick, d = this.#done, w = this.#win;
      t[0] = d[at];
      t[1] = d[at + 1];
      t[2] = d[at + 2];
      t[3] = d[at + 3];
      w[1] = d[at + 4];
      w[2] = d[at + 5];
      this.#onTable = (1 << t[0]) | (1 << t[1]) | (1 << t[2]) | (1 << t[3]);
    }
    this.#onTable ^= 1 << card;
    this.#count--;
    this.#hands[seat] ^= 1 << card;
    this.#all ^= 1 << card;
    this.#left += this.#points[card];
  }

  /** `#win` for the first `n` cards of the trick on the table. */
  #winsOf(n: number): void {
    const t = this.#trick, w = this.#win;
    w[0] = 0;
    for (let i = 1; i < n; i++) w[i] = this.#beats(t[i], t[w[i - 1]]) ? i : w[i - 1];
  }

  /** The state kept up to date by play and unplay, worked out from the hands and the trick. */
  #derive(): void {
    this.#all = this.#hands[0] | this.#hands[1] | this.#hands[2] | this.#hands[3];
    this.#left = 0;
    for (let m = this.#all; m !== 0; m &= m - 1) this.#left += this.#points[lowest(m)];
    this.#winsOf(this.#count);
    this.#onTable = 0;
    for (let i = 0; i < this.#count; i++) this.#onTable |= 1 << this.#trick[i];
  }

  #beats(a: number, b: number): boolean {
    const sa = a >> 3, sb = b >> 3;
    if (sa === sb) return a > b;
    return sa === this.#trump;
  }

  /** The legal cards of `seat` as a mask ([T2]–[T5], [X4], V11, V12, as `rules/trick.ts`). */
  #legal(seat: number): number {
    const hand = this.#hands[seat];
    const trump = this.#trump;
    const trumps = trump < 0 ? 0 : suitMask(trump);
    if (this.#count === 0) {
      if (this.#locked && trump >= 0 && (hand & ~trumps) !== 0) return hand & ~trumps;
      return hand;
    }
    const t = this.#trick;
    const led = t[0] >> 3;
    const win = this.#win[this.#count - 1];
    const winCard = t[win];
    const partnerWins = ((this.#leader + win) & 1) === (seat & 1);
    const follows = hand & suitMask(led);
    const myTrumps = hand & trumps;
    const beaters = (winCard >> 3) === trump ? myTrumps & above(winCard) : myTrumps;
    if (follows !== 0) {
      if (led === trump && !partnerWins && beaters !== 0) return beaters;
      return follows;
    }
    if (myTrumps === 0) return hand;
    if (partnerWins && this.#exempt(seat)) return hand;
    if ((winCard >> 3) === trump && !partnerWins) {
      if (beaters !== 0) return beaters;
      if (this.#freeUnder) return hand;
    }
    return myTrumps;
  }

  #exempt(seat: number): boolean {
    if (this.#exemption === EXEMPT_ALWAYS) return true;
    if (this.#exemption === EXEMPT_NONE) return false;
    if (this.#count === 3) return true;
    if (this.#count !== 2 || ((this.#leader ^ seat) & 1) !== 0) return false;
    // The partner's lead is a sure winner: every higher card of its suit was played before.
    const out = this.#all | (1 << this.#trick[1]);
    return (out & above(this.#trick[0])) === 0;
  }

  /** Fills this depth's move list, best first; returns how many. */
  #orderedMoves(seat: number, depth: number, ttMove: number): number {
    const legal = this.#legal(seat);
    const base = depth * MAX_MOVES;
    if ((legal & (legal - 1)) === 0) {
      this.#moves[base] = lowest(legal);
      return 1;
    }
    const h = this.#hands, pts = this.#points, t = this.#trick, count = this.#count;
    const others = this.#all & ~h[seat];
    const blockers = others | this.#onTable;
    const killer = this.#killers[depth];
    const history = (count << 7) | (seat << 5);
    // What every card's score needs, worked out once for the position.
    let ruffs = 0, partner = 0, winCard = 0, partnerWins = false, ours = false;
    if (count === 0) {
      partner = h[(seat + 2) & 3];
      ruffs = this.#ruffableSuits(seat);
    } else {
      const win = this.#win[count - 1];
      winCard = t[win];
      partnerWins = ((this.#leader + win) & 1) === (seat & 1);
      ours = count < 3 && partnerWins && !this.#beatenLater(seat, winCard);
    }
    let n = 0;
    for (let m = legal; m !== 0; m &= m - 1) {
      const c = lowest(m);
      const p = pts[c];
      const settles = count > 0
        ? this.#settles(seat, c, winCard, partnerWins, ours)
        : (others & above(c)) === 0 && ((ruffs >> (c >> 3)) & 1) === 0
        ? 2 // a lead no one can beat
        : 0;
      // Cards tried once. Where the card settles who takes the trick whatever comes after it,
      // cards of a run (one suit, no other hand holding a card between them) that settle it
      // alike are alike from the next trick on but for their points: the trick's winner gets the
      // one played, the one kept goes wherever it goes later. So of such a run the side winning
      // the trick plays its highest card, the side losing it its lowest. Otherwise touching
      // cards of the same points, nothing still in play between them, are equivalent: the lowest
      // is tried, but when leading the highest (a lead with no higher card left out lets the
      // partner off trumping under V11's "sure winner", and a higher lead never takes a choice
      // away from it).
      const up = settles !== 0 ? settles > 1 : count === 0;
      const side = up ? legal & above(c) : legal & suitMask(c >> 3) & ((1 << c) - 1);
      if (side !== 0) {
        const next = up ? lowest(side) : highest(side);
        const lo = next < c ? next : c, hi = next < c ? c : next;
        const between = ((1 << hi) - 1) & ~((2 << lo) - 1);
        if (
          settles !== 0
            ? (others & between) === 0 &&
              (count === 0 || this.#settles(seat, next, winCard, partnerWins, ours) === settles)
            : pts[next] === p && (blockers & between) === 0
        ) continue;
      }
      let score: number;
      if (c === ttMove) score = 1000;
      else if (count === 0) {
        // Leads: a winner first (no one else holds a better card of its suit, and in Hokum no
        // opponent can ruff it); then a low card to the partner's winner; then cheap cards.
        const inSuit = others & suitMask(c >> 3);
        if (settles === 2) score = 300 + p;
        else if (inSuit !== 0 && (partner & (1 << highest(inSuit))) !== 0) score = 200 - p;
        else score = 100 - p - (c & 7);
      } else if (count === 3) {
        if (partnerWins) score = 200 + p; // the trick is ours: add points
        else if (this.#beats(c, winCard)) score = 400 + p; // take it
        else score = 100 - p - (c & 7); // lose cheaply
      } else if (ours) score = 350 + p; // it's ours: add points
      else if (this.#beats(c, winCard)) {
        score = this.#beatenLater(seat, c) ? 95 - p : 380 + p; // a sure winner, or a try
      } else score = 100 - p - (c & 7);
      if (c === killer) score += KILLER;
      this.#scores[n] = score * 1000 + Math.min(999, this.#history[history | c]);
      this.#moves[base + n++] = c;
    }
    // Insertion sort, highest score first.
    for (let i = 1; i < n; i++) {
      const s = this.#scores[i], c = this.#moves[base + i];
      let j = i - 1;
      for (; j >= 0 && this.#scores[j] < s; j--) {
        this.#scores[j + 1] = this.#scores[j];
        this.#moves[base + j + 1] = this.#moves[base + j];
      }
      this.#scores[j + 1] = s;
      this.#moves[base + j + 1] = c;
    }
    return n;
  }

  /**
   * Whether `c`, played third or fourth, settles the trick's winner: 0 if what comes after can
   * still change it, 1 if the other side takes the trick, 2 if `c` takes it, 3 if the partner
   * does.
   */
  #settles(seat: number, c: number, winCard: number, partnerWins: boolean, ours: boolean): number {
    const last = this.#count === 3;
    if (this.#beats(c, winCard)) return last || !this.#beatenLater(seat, c) ? 2 : 0;
    if (this.#count === 1) {
      // Second to play, not beating the lead: the other side keeps it unless the partner can
      // beat it.
      return this.#canBeat((seat + 2) & 3, winCard) ? 0 : 1;
    }
    if (!partnerWins) return 1; // the other side's card wins, and only its side plays after
    return last || ours ? 3 : 0;
  }

  /** Whether `seat`, yet to play to this trick, holds a card that beats `card`. */
  #canBeat(seat: number, card: number): boolean {
    const hand = this.#hands[seat], led = this.#trick[0] >> 3, trump = this.#trump;
    const follow = hand & suitMask(led);
    if (follow !== 0) return (card >> 3) === led && (follow & above(card)) !== 0;
    if (trump < 0) return false;
    const trumps = hand & suitMask(trump);
    return (card >> 3) === trump ? (trumps & above(card)) !== 0 : trumps !== 0;
  }

  /** The suits (a bit each) an opponent of `seat` could ruff: void there, holding a trump. */
  #ruffableSuits(seat: number): number {
    const trump = this.#trump;
    if (trump < 0) return 0;
    const h = this.#hands, tm = suitMask(trump);
    const a = h[(seat + 1) & 3], b = h[(seat + 3) & 3];
    let out = 0;
    for (let s = 0; s < 4; s++) {
      const sm = suitMask(s);
      if (((a & sm) === 0 && (a & tm) !== 0) || ((b & sm) === 0 && (b & tm) !== 0)) out |= 1 << s;
    }
    return out & ~(1 << trump);
  }

  /** Whether an opponent of `seat` still to play in this trick can beat `card`. */
  #beatenLater(seat: number, card: number): boolean {
    for (let i = this.#count + 1; i < 4; i++) {
      const o = (this.#leader + i) & 3;
      if (((o ^ seat) & 1) !== 0 && this.#canBeat(o, card)) return true;
    }
    return false;
  }

  /**
   * Sure points at a trick start, as team-0 bounds: trumps taken from the top by the team that
   * holds them are that team's whatever happens; the leader can cash its top cards (in Hokum a
   * plain suit while every opponent holding a trump, and a partner that would have to trump,
   * still follow it), and the others must follow to them.
   */
  #sureLower = 0;
  #sureUpper = 0;
  #surePoints(): void {
    const h = this.#hands;
    const pts = this.#points;
    const all = this.#all;
    let sure0 = 0, sure1 = 0;
    const total = LAST_TRICK + this.#left;
    const trump = this.#trump;
    const leader = this.#leader;
    const team = leader & 1;
    let leaderSure = 0;
    /** The trumps counted as their team's from the top. */
    let topTrumps = 0;
    if (trump >= 0) {
      let trumps = all & suitMask(trump);
      const owner = this.#teamHolding(highest(trumps));
      while (trumps !== 0) {
        const c = highest(trumps);
        if (this.#teamHolding(c) !== owner) break;
        if (owner === 0) sure0 += pts[c];
        else sure1 += pts[c];
        trumps ^= 1 << c;
        topTrumps |= 1 << c;
      }
    }
    // The leader's cashable cards: its top run in each suit it leads with a sure win.
    const mine = h[leader];
    let cashable = 0;
    const tm = trump < 0 ? 0 : suitMask(trump);
    const left = h[(leader + 1) & 3], right = h[(leader + 3) & 3];
    // Without the partner's exemption (V11 "NONE") a partner void in the suit must trump the
    // leader's winner, and then leads itself.
    const partnerRuffs = this.#exemption === EXEMPT_NONE && (h[(leader + 2) & 3] & tm) !== 0;
    let trumpRun = 0;
    for (let s = 0; s < 4; s++) {
      // In Hokum a plain suit is led safely while every opponent holding a trump still follows
      // (and the partner too, if it would have to trump).
      let safe = 8;
      if (s !== trump && trump >= 0) {
        if ((left & tm) !== 0) safe = bitCount(left & suitMask(s));
        if ((right & tm) !== 0) safe = Math.min(safe, bitCount(right & suitMask(s)));
        if (partnerRuffs) safe = Math.min(safe, bitCount(h[(leader + 2) & 3] & suitMask(s)));
      }
      let suit = all & suitMask(s);
      let run = 0;
      while (suit !== 0 && run < safe) {
        const c = highest(suit);
        if ((mine & (1 << c)) === 0) break;
        cashable |= 1 << c;
        if (s !== trump) leaderSure += pts[c];
        suit ^= 1 << c;
        run++;
      }
      if (s === trump) trumpRun = run;
      else leaderSure += this.#follows(s, run, 0);
    }
    // The leader's top trumps bring the others' trumps too (the partner's not counted from the
    // top already), if it may lead them: locked play forbids a trump lead while it holds another
    // suit, unless all of that is cashed first.
    if (trumpRun > 0 && (!this.#locked || (mine & ~tm & ~cashable) === 0)) {
      leaderSure += this.#follows(trump, trumpRun, topTrumps);
    }
    if (cashable === mine) {
      // The leader wins every trick left.
      this.#sureLower = this.#sureUpper = team === 0 ? total : 0;
      return;
    }
    if (trump < 0) leaderSure += this.#partnerCash(cashable);
    if (team === 0) sure0 += leaderSure;
    else sure1 += leaderSure;
    this.#sureLower = sure0;
    this.#sureUpper = total - sure1;
  }

  /**
   * The least points the other seats give to `run` leads of suit `s` won by seat `from` (the
   * leader unless said): each
   * follows while it has the suit, with its lowest cards at least (points never fall as strength
   * rises, in a plain suit as in trumps), `except` cards counted elsewhere.
   */
  #follows(s: number, run: number, except: number, from = this.#leader): number {
    const h = this.#hands, pts = this.#points;
    let sum = 0;
    for (let i = 1; i < 4; i++) {
      let follow = h[(from + i) & 3] & suitMask(s) & ~except;
      for (let j = 0; j < run && follow !== 0; j++) {
        sum += pts[lowest(follow)];
        follow &= follow - 1;
      }
    }
    return sum;
  }

  /**
   * In Sun, after the leader cashed `cashable`: the points of the partner's top runs, if the
   * leader keeps a card of a suit the partner heads (an entry: nothing beats the partner's top
   * there) and the partner has enough other cards to discard meanwhile; 0 otherwise.
   */
  #partnerCash(cashable: number): number {
    const h = this.#hands, pts = this.#points, leader = this.#leader;
    const mine = h[leader], partner = h[(leader + 2) & 3];
    const all = this.#all;
    let tops = 0, entry = false;
    for (let s = 0; s < 4; s++) {
      let suit = all & suitMask(s);
      if (suit === 0 || (partner & (1 << highest(suit))) === 0) continue;
      if ((mine & suitMask(s)) !== 0) entry = true;
      while (suit !== 0 && (partner & (1 << highest(suit))) !== 0) {
        tops |= 1 << highest(suit);
        suit &= ~(1 << highest(suit));
      }
    }
    if (!entry || tops === 0 || bitCount(partner & ~tops) < bitCount(cashable)) return 0;
    let sum = 0;
    for (let m = tops; m !== 0; m &= m - 1) sum += pts[lowest(m)];
    // The other seats' cards of those suits: each plays at least as many of them into the
    // partner's tricks as the partner has tops there (or it runs out), its lowest at least.
    for (let s = 0; s < 4; s++) {
      sum += this.#follows(s, bitCount(tops & suitMask(s)), 0, (leader + 2) & 3);
    }
    return sum;
  }

  /** The team holding `card` (a card in play). */
  #teamHolding(card: number): number {
    const bit = 1 << card;
    const h = this.#hands;
    return (h[0] & bit) !== 0 || (h[2] & bit) !== 0 ? 0 : 1;
  }

  #load(p: SolverPosition): void {
    const trump = p.trump === null ? -1 : SUIT_INDEX[p.trump];
    const exemption = p.profile.partnerExemption === "ALWAYS"
      ? EXEMPT_ALWAYS
      : p.profile.partnerExemption === "NONE"
      ? EXEMPT_NONE
      : EXEMPT_FOURTH;
    const freeUnder = p.profile.cannotOvertrump === "FREE";
    const config = `${trump}:${p.locked}:${exemption}:${freeUnder}`;
    if (config !== this.#config) {
      this.#table.clear();
      this.#config = config;
    }
    this.#trump = trump;
    this.#locked = p.locked;
    this.#exemption = exemption;
    this.#freeUnder = freeUnder;
    for (let c = 0; c < 32; c++) {
      this.#points[c] = (c >> 3) === trump ? TRUMP_POINTS[c & 7] : PLAIN_POINTS[c & 7];
    }
    const t = p.trump;
    const bit = (card: Card) => SUIT_INDEX[card[1] as Suit] * 8 + strength(card, t);
    for (let s = 0; s < 4; s++) {
      let m = 0;
      for (const c of p.hands[s]) m |= 1 << bit(c);
      this.#hands[s] = m;
    }
    this.#count = p.trick.length;
    p.trick.forEach((c, i) => (this.#trick[i] = bit(c)));
    this.#leader = p.leader;
    this.#derive();
    let seen = this.#onTable;
    const size = bitCount(this.#hands[p.leader]) + (this.#count > 0 ? 1 : 0);
    for (let i = 0; i < 4; i++) {
      const seat = (p.leader + i) & 3, m = this.#hands[seat];
      if ((seen & m) !== 0 || bitCount(m) + (i < this.#count ? 1 : 0) !== size) {
        throw new Error("solver: the hands and the trick in progress do not fit together");
      }
      seen |= m;
    }
  }

  #cardOf(c: number): Card {
    const ranks = (c >> 3) === this.#trump ? TRUMP_RANKS : PLAIN_RANKS;
    return `${ranks[c & 7]}${SUIT_NAMES[c >> 3]}` as Card;
  }
}
