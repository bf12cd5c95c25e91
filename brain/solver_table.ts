/**
 * The solver's transposition table: bounds on the value of positions at trick starts, in
 * typed arrays of a fixed size (memory is bounded whatever is searched). Keys are exact (the
 * four hands and the leader), so two positions never share an entry by accident; a new
 * position replaces the one in its slot unless that one holds more cards (dearer to redo).
 *
 * @module
 */

/** Thrown inside a search when its node or time cap is reached. */
export class SearchAborted extends Error {
  override name = "SearchAborted";
}

/** Bounds per position: `lower <= value <= upper`, and the best card found there. */
export class TranspositionTable {
  readonly #mask: number;
  readonly #keys: Int32Array;
  readonly #leaders: Int8Array;
  readonly #cards: Int8Array;
  readonly #lower: Int16Array;
  readonly #upper: Int16Array;
  readonly #moves: Int8Array;

  /** A table of `2 ** bits` entries. */
  constructor(bits: number) {
    const size = 1 << bits;
    this.#mask = size - 1;
    this.#keys = new Int32Array(size * 4);
    this.#leaders = new Int8Array(size).fill(-1);
    this.#cards = new Int8Array(size);
    this.#lower = new Int16Array(size);
    this.#upper = new Int16Array(size);
    this.#moves = new Int8Array(size);
  }

  /** Bytes held. */
  get bytes(): number {
    return this.#keys.byteLength + this.#leaders.byteLength * 3 + this.#lower.byteLength * 2;
  }

  /** Forgets everything. */
  clear(): void {
    this.#leaders.fill(-1);
  }

  /** The pair of slots a position may sit in (its first slot; the other is the next one). */
  pairOf(h: Int32Array, leader: number): number {
    let x = Math.imul(h[0], 0x9e3779b1) ^ Math.imul(h[1] ^ 0x2545f491, 0x85ebca77);
    x ^= Math.imul(h[2] ^ 0x68e31da4, 0xc2b2ae3d) ^ Math.imul(h[3] ^ 0x1b873593, 0x27d4eb2f);
    x ^= leader;
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
    x = Math.imul(x ^ (x >>> 12), 0x297a2d39);
    return (x ^ (x >>> 15)) & this.#mask & ~1;
  }

  /** The entry of this position in its pair (`pairOf`), or -1. */
  find(pair: number, h: Int32Array, leader: number): number {
    if (this.#matches(pair, h, leader)) return pair;
    if (this.#matches(pair + 1, h, leader)) return pair + 1;
    return -1;
  }

  #matches(i: number, h: Int32Array, leader: number): boolean {
    if (this.#leaders[i] !== leader) return false;
    const k = i * 4, keys = this.#keys;
    return keys[k] === h[0] && keys[k + 1] === h[1] && keys[k + 2] === h[2] && keys[k + 3] === h[3];
  }

  /** An entry's lower bound. */
  lower(i: number): number {
    return this.#lower[i];
  }

  /** An entry's upper bound. */
  upper(i: number): number {
    return this.#upper[i];
  }

  /** An entry's best card, or -1. */
  move(i: number): number {
    return this.#moves[i];
  }

  /**
   * Records bounds for a position (in its pair, `pairOf`), narrowing the ones it had. A new
   * position takes the slot of its pair that holds fewer cards (cheaper to search again), or an
   * empty one.
   */
  store(
    pair: number,
    h: Int32Array,
    leader: number,
    lower: number,
    upper: number,
    move: number,
  ): void {
    const found = this.find(pair, h, leader);
    if (found >= 0) {
      if (lower > this.#lower[found]) this.#lower[found] = lower;
      if (upper < this.#upper[found]) this.#upper[found] = upper;
      if (move >= 0) this.#moves[found] = move;
      return;
    }
    const i = this.#leaders[pair] < 0
      ? pair
      : this.#leaders[pair + 1] < 0
      ? pair + 1
      : this.#cards[pair] <= this.#cards[pair + 1]
      ? pair
      : pair + 1;
    const k = i * 4, keys = this.#keys;
    keys[k] = h[0];
    keys[k + 1] = h[1];
    keys[k + 2] = h[2];
    keys[k + 3] = h[3];
    this.#leaders[i] = leader;
    this.#cards[i] = cardCount(h);
    this.#lower[i] = lower;
    this.#upper[i] = upper;
    this.#moves[i] = move;
  }
}

function cardCount(h: Int32Array): number {
  let n = 0;
  for (let s = 0; s < 4; s++) {
    let m = h[s];
    m = m - ((m >>> 1) & 0x55555555);
    m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
    n += Math.imul((m + (m >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return n;
}
