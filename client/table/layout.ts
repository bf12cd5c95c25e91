/**
 * Where everything goes on a screen of a given size: the four seats around the table (the
 * player always at the bottom), the trick in the middle, the player's hand fanned at the bottom.
 * Recomputed on every resize or rotation; all values are in CSS pixels.
 *
 * @module
 */

/** A point. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A seat's place, by its position relative to the player: 0 me, 1 right, 2 across, 3 left. */
export interface SeatPlace {
  /** Centre of the seat's name plate. */
  readonly plate: Point;
  /** Where its (face-down) hand is drawn, and the fan's direction in radians. */
  readonly hand: Point;
  readonly angle: number;
  /** Where its card lands in the trick. */
  readonly trick: Point;
  /** Where its speech bubble points from. */
  readonly bubble: Point;
}

/** The whole layout. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly portrait: boolean;
  /** Card size (width; height is 1.4 times). */
  readonly cardW: number;
  readonly cardH: number;
  /** Small cards for the other seats' hands and the deck. */
  readonly smallW: number;
  readonly center: Point;
  readonly seats: readonly SeatPlace[];
  /** The player's hand: the baseline centre and the spread between cards. */
  readonly handCenter: Point;
  readonly handSpread: number;
  /** The felt's ellipse: centre and radii. */
  readonly felt: {
    readonly x: number;
    readonly y: number;
    readonly rx: number;
    readonly ry: number;
  };
}

/** Lays out a `width` × `height` screen; `scale` is the card size setting. */
export function layout(width: number, height: number, scale = 1): Layout {
  const portrait = height > width;
  const base = Math.min(width / (portrait ? 6.2 : 11), height / 5.6);
  const cardW = Math.round(Math.max(44, Math.min(150, base * scale)));
  const cardH = Math.round(cardW * 1.4);
  const smallW = Math.round(cardW * 0.55);
  const top = 56; // the score bar
  // Low enough to leave the table room, high enough that the fan's outer cards (dropped by the
  // arc and tilted) stay on screen: 0.54 card heights of a tilted card plus the arc's 0.11.
  const bottomHand = height - cardH * 0.66;
  const center = { x: width / 2, y: top + (bottomHand - top) / 2 - cardH * 0.15 };
  const dx = Math.min(width * 0.36, cardW * (portrait ? 1.9 : 3.2));
  const offset = cardW * 0.62;
  const seats: SeatPlace[] = [
    {
      plate: { x: width / 2, y: height - cardH * 1.2 - 22 },
      hand: { x: width / 2, y: bottomHand },
      angle: 0,
      trick: { x: center.x, y: center.y + offset * 0.8 },
      bubble: { x: width / 2, y: height - cardH * 1.2 - 50 },
    },
    {
      plate: { x: center.x + dx + cardW * 0.6, y: center.y - cardH * 0.2 },
      hand: { x: center.x + dx + cardW * 0.6, y: center.y + cardH * 0.35 },
      angle: -Math.PI / 2,
      trick: { x: center.x + offset, y: center.y },
      bubble: { x: center.x + dx + cardW * 0.3, y: center.y - cardH * 0.6 },
    },
    {
      plate: { x: width / 2, y: top + 22 },
      hand: { x: width / 2, y: top + 50 },
      angle: Math.PI,
      trick: { x: center.x, y: center.y - offset * 0.8 },
      bubble: { x: width / 2 + cardW * 1.2, y: top + 40 },
    },
    {
      plate: { x: center.x - dx - cardW * 0.6, y: center.y - cardH * 0.2 },
      hand: { x: center.x - dx - cardW * 0.6, y: center.y + cardH * 0.35 },
      angle: Math.PI / 2,
      trick: { x: center.x - offset, y: center.y },
      bubble: { x: center.x - dx - cardW * 0.3, y: center.y - cardH * 0.6 },
    },
  ];
  const handSpread = Math.min(cardW * 0.78, (width - cardW - 16) / 7);
  return {
    width,
    height,
    portrait,
    cardW,
    cardH,
    smallW,
    center,
    seats,
    handCenter: { x: width / 2, y: bottomHand },
    handSpread,
    felt: {
      x: center.x,
      y: center.y,
      rx: Math.min(width, height) * 0.42 * (portrait ? 1 : 1.5),
      ry: Math.min(width, height) * 0.42,
    },
  };
}
