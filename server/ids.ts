/**
 * Identifiers and secrets from the system's cryptographic random source: game ids, invite
 * codes, seat tokens (never stored in clear: only their SHA-256), and deal seeds.
 *
 * @module
 */

import { type Seed, sha256, toHex } from "@baloot/rules";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function randomString(length: number, alphabet: string): string {
  // Alphabets of 32 and 64 letters divide 256: a byte modulo the size has no bias.
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let s = "";
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

/** A game id: 16 base64url characters (96 bits). */
export function newGameId(): string {
  return randomString(16, BASE64URL);
}

/** A private table's invite code: 10 Crockford base32 characters (50 bits). */
export function newInviteCode(): string {
  return randomString(10, CROCKFORD);
}

/** A seat token: 32 base64url characters (192 bits). Only its hash is stored. */
export function newSeatToken(): string {
  return randomString(32, BASE64URL);
}

/** The stored form of a seat token. */
export function hashToken(token: string): string {
  return toHex(sha256(new TextEncoder().encode(token)));
}

/** A fresh 256-bit deal seed. */
export function newSeed(): Seed {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/** A random integer in `[0, n)` (n ≤ 256), e.g. the first dealer. */
export function randomBelow(n: number): number {
  const limit = 256 - (256 % n);
  for (;;) {
    const b = crypto.getRandomValues(new Uint8Array(1))[0];
    if (b < limit) return b % n;
  }
}
