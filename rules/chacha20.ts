/**
 * A ChaCha20 keystream (RFC 8439 block function) used as a deterministic cryptographic random
 * generator: a 256-bit seed is the key, the nonce is zero, and the block counter counts up.
 * Anyone holding the seed re-derives exactly the same numbers, in any language.
 *
 * Words are kept in `Int32Array`s so the arithmetic stays in 32-bit integers; they are read out
 * as unsigned.
 *
 * @module
 */

const SIGMA = Int32Array.of(0x61707865, 0x3320646e, 0x79622d32, 0x6b206574);

function quarter(x: Int32Array, a: number, b: number, c: number, d: number): void {
  let t: number;
  x[a] += x[b];
  t = x[d] ^ x[a];
  x[d] = (t << 16) | (t >>> 16);
  x[c] += x[d];
  t = x[b] ^ x[c];
  x[b] = (t << 12) | (t >>> 20);
  x[a] += x[b];
  t = x[d] ^ x[a];
  x[d] = (t << 8) | (t >>> 24);
  x[c] += x[d];
  t = x[b] ^ x[c];
  x[b] = (t << 7) | (t >>> 25);
}

/**
 * One 64-byte ChaCha20 block: `input` is the 16-word initial state (constants, key, counter,
 * nonce); the block is written to `out` as sixteen little-endian words.
 */
export function chachaBlock(input: Int32Array, out: Int32Array): void {
  out.set(input);
  for (let i = 0; i < 10; i++) {
    quarter(out, 0, 4, 8, 12);
    quarter(out, 1, 5, 9, 13);
    quarter(out, 2, 6, 10, 14);
    quarter(out, 3, 7, 11, 15);
    quarter(out, 0, 5, 10, 15);
    quarter(out, 1, 6, 11, 12);
    quarter(out, 2, 7, 8, 13);
    quarter(out, 3, 4, 9, 14);
  }
  for (let i = 0; i < 16; i++) out[i] += input[i];
}

/** A stream of 32-bit random words from a 32-byte seed. */
export class ChaChaStream {
  #input = new Int32Array(16);
  #block = new Int32Array(16);
  #index = 16;

  /** Keys the stream with a 32-byte seed; the nonce is zero and the counter starts at 0. */
  constructor(seed: Uint8Array) {
    if (seed.length !== 32) throw new RangeError("ChaCha20 seed must be 32 bytes");
    this.#input.set(SIGMA, 0);
    for (let i = 0; i < 8; i++) {
      const j = i * 4;
      this.#input[4 + i] = seed[j] | (seed[j + 1] << 8) | (seed[j + 2] << 16) | (seed[j + 3] << 24);
    }
  }

  /** The next 32-bit word, uniformly distributed. */
  nextUint32(): number {
    if (this.#index === 16) {
      chachaBlock(this.#input, this.#block);
      this.#input[12]++;
      this.#index = 0;
    }
    return this.#block[this.#index++] >>> 0;
  }

  /** A uniform integer in `[0, bound)` by rejection sampling (no modulo bias). */
  nextInt(bound: number): number {
    const limit = Math.floor(0x100000000 / bound) * bound;
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % bound;
    }
  }
}
