/**
 * The four suit symbols, drawn here as paths in a 100 × 100 box centred on the origin, and the
 * two colour schemes (classic two-colour and four-colour).
 *
 * @module
 */

import type { Suit } from "../../rules/card.ts";
import { circlePath } from "./svg.ts";

/** Heart: two round lobes meeting in a notch, tapering to a point. */
const HEART = "M0 46C-10 34-48 10-48-16C-48-35-35-46-22-46C-11-46-3-39 0-30" +
  "C3-39 11-46 22-46C35-46 48-35 48-16C48 10 10 34 0 46Z";

/** Spade: an upturned heart on a flared stem. */
const SPADE = "M0-48C10-36 48-14 48 10C48 26 37 34 25 34C15 34 8 29 4 23" +
  "C5 34 10 42 19 48L-19 48C-10 42-5 34-4 23C-8 29-15 34-25 34C-37 34-48 26-48 10" +
  "C-48-14-10-36 0-48Z";

/** Diamond: a lozenge with gently bowed sides. */
const DIAMOND = "M0-50C10-35 22-19 38 0C22 19 10 35 0 50C-10 35-22 19-38 0C-22-19-10-35 0-50Z";

/** Club: three leaves on a flared stem (all subpaths wind the same way, so they union). */
const CLUB = circlePath(0, -23, 22) + circlePath(-24, 12, 22) + circlePath(24, 12, 22) +
  "M0-23L-24 12L24 12Z" + // fills the gap between the three leaves
  "M-4 8C-4 30-10 40-19 48L19 48C10 40 4 30 4 8Z";

/** Path data per suit. */
export const SUIT_PATHS: Readonly<Record<Suit, string>> = {
  S: SPADE,
  H: HEART,
  D: DIAMOND,
  C: CLUB,
};

/** A colour scheme: ink per suit. */
export interface Scheme {
  readonly name: string;
  readonly ink: Readonly<Record<Suit, string>>;
}

const BLACK = "#1c2027";
const RED = "#cf2336";

/** Classic two colours: red hearts and diamonds, near-black spades and clubs. */
export const CLASSIC: Scheme = {
  name: "classic",
  ink: { S: BLACK, H: RED, D: RED, C: BLACK },
};

/** Four colours: spades black, hearts red, diamonds blue, clubs green. */
export const FOUR_COLOUR: Scheme = {
  name: "four",
  ink: { S: BLACK, H: RED, D: "#1d5fc2", C: "#16813f" },
};
