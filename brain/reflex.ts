/**
 * The reflex cache's key: a canonical name for a decision's information set. Two requests get
 * the same key exactly when the bot would see the same thing: the same level under the same
 * brain version, the same seat, and the same view once what cannot matter is left out (the
 * event count, the hand's number and commitment, the seed, earlier results). Duplicate matches,
 * a request answered again after a worker died, and common early decisions all hit.
 *
 * @module
 */

import { sha256, toHex } from "@baloot/rules";
import type { BrainRequest } from "@baloot/wire";

/** The cache key of `request`'s decision under brain version `version`. */
export function reflexKey(request: BrainRequest, version: string): string {
  const v = request.view;
  const h = v.hand!;
  const canonical = {
    phase: v.phase,
    profile: v.profile,
    score: v.score,
    hand: {
      ...h,
      no: null,
      commitment: null,
      seed: null,
      seedRevealed: null,
      result: null,
    },
  };
  const text = JSON.stringify([version, request.level, request.seat, canonical]);
  return `${version}:${request.level}:${toHex(sha256(new TextEncoder().encode(text)))}`;
}
