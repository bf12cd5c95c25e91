/**
 * The table in PixiJS (the felt under it is the page's `#felt`): the four seats (name plates, face-down hands, the turn ring),
 * the face-up buyer card, the trick, and the player's own hand fanned at the bottom. `render`
 * puts everything where a state says; the `animate*` methods move cards there first.
 *
 * @module
 */

import { type Application, Container, Sprite, Text, type Texture } from "pixi.js";
import { type Card, type GameState, type Seat, strength, suitOf } from "@baloot/rules";
import type { CardTextures } from "./cards.ts";
import type { Layout, Point } from "./layout.ts";
import { TurnRing } from "../ui/turn_ring.ts";
import { BubbleLayer } from "./bubbles.ts";
import { EASE, type Tweens } from "./tween.ts";

/** A seat as the table shows it. */
export interface SeatLabel {
  readonly name: string;
  readonly detail: string;
}

const SUIT_ORDER: Record<string, number> = { S: 0, H: 1, C: 2, D: 3 }; // colours alternate

/** The table scene. */
export class TableView {
  readonly stage = new Container();
  readonly #plates = new Container();
  readonly #backs = new Container();
  readonly #center = new Container();
  readonly #hand = new Container();
  readonly bubbles: BubbleLayer;
  readonly #mine = new Map<Card, Sprite>();
  /** Where each of the player's cards sits in the fan (to return a cancelled drag). */
  readonly #slots = new Map<Card, { x: number; y: number; angle: number; z: number }>();
  readonly #trick: Sprite[] = [];
  #faceUp: Sprite | null = null;
  #layout!: Layout;
  #textures: CardTextures;
  /** The player's seat (relative positions are counted from it). */
  me: Seat = 0;
  /** A spectator's table: every hand small, face down or (the full view) face up. */
  spectating = false;
  /** Cards of the player that may be played now (others are dimmed), or null when not playing. */
  playable: ReadonlySet<Card> | null = null;
  #lifted: Card | null = null;
  #turn: { rel: number; deadline: number; total: number } | null = null;
  /** The countdown ring (DOM, over the canvas). */
  readonly ring = new TurnRing();

  constructor(app: Application, textures: CardTextures, readonly tweens: Tweens) {
    this.#textures = textures;
    this.bubbles = new BubbleLayer(tweens);
    this.stage.addChild(this.#plates, this.#backs, this.#center, this.#hand);
    this.stage.addChild(this.bubbles.layer);
    app.stage.addChild(this.stage);
  }

  /** Swaps the card art (four-colour setting). */
  setTextures(textures: CardTextures): void {
    this.#textures = textures;
    for (const [card, s] of this.#mine) s.texture = textures[card];
    for (const s of [...this.#trick, this.#faceUp]) if (s) s.texture = textures[s.label];
    for (const s of this.#backs.children) if (s instanceof Sprite) s.texture = textures[s.label];
    this.tweens.invalidate();
  }

  /** Shows or hides the whole table (the lobby hides it). */
  show(visible: boolean): void {
    this.stage.visible = visible;
    if (visible) this.#placeRing();
    else this.ring.hide();
    this.tweens.invalidate();
  }

  /** The position of a seat relative to the player: 0 me, 1 right, 2 across, 3 left. */
  rel(seat: Seat): number {
    return (seat - this.me + 4) % 4;
  }

  /** Re-lays the table out for a new screen size. */
  setLayout(l: Layout): void {
    this.#layout = l;
    this.bubbles.layout = l;
    this.#placeRing();
    this.tweens.invalidate();
  }

  /** The current layout. */
  get layout(): Layout {
    return this.#layout;
  }

  #card(card: string): Sprite {
    const s = new Sprite(this.#textures[card] as Texture);
    s.label = card;
    s.anchor.set(0.5);
    return s;
  }

  #size(s: Sprite, width: number): void {
    s.width = width;
    s.height = width * 1.4;
  }

  /** Puts everything where `view` says, without animation. */
  render(view: GameState, labels: readonly SeatLabel[]): void {
    const l = this.#layout;
    const h = view.hand;
    this.tweens.invalidate();
    this.#renderPlates(labels, view);
    // The player's hand.
    const held = this.spectating
      ? []
      : (h?.hands[this.me] ?? []).filter((c): c is Card => c !== null);
    for (const [card, s] of this.#mine) {
      if (!held.includes(card)) {
        s.destroy();
        this.#mine.delete(card);
      }
    }
    const order = this.#sorted(held, h?.contract?.trump ?? null);
    order.forEach((card, i) => {
      let s = this.#mine.get(card);
      if (!s) {
        s = this.#card(card);
        this.#mine.set(card, s);
        this.#hand.addChild(s);
      }
      const p = this.handSlot(i, order.length);
      this.#size(s, l.cardW);
      s.position.set(p.x, p.y - (this.#lifted === card ? l.cardH * 0.18 : 0));
      s.rotation = p.angle;
      s.zIndex = i;
      this.#slots.set(card, { x: p.x, y: p.y, angle: p.angle, z: i });
      s.tint = this.playable && !this.playable.has(card) ? 0x8a8a8a : 0xffffff;
    });
    this.#hand.sortableChildren = true;
    // The other seats' face-down hands.
    this.#backs.removeChildren().forEach((c) => c.destroy());
    for (let seat = 0; seat < 4; seat++) {
      if ((seat === this.me && !this.spectating) || !h) continue;
      const count = h.hands[seat].length;
      const place = l.seats[this.rel(seat as Seat)];
      for (let i = 0; i < count; i++) {
        const s = this.#card(h.hands[seat][i] ?? "back");
        this.#size(s, l.smallW);
        const spread = (i - (count - 1) / 2) * l.smallW * 0.28;
        const along = { x: Math.cos(place.angle), y: Math.sin(place.angle) };
        s.position.set(place.hand.x + spread * along.x, place.hand.y + spread * along.y);
        s.rotation = place.angle;
        this.#backs.addChild(s);
      }
    }
    // The face-up buyer card, before the completion deal.
    this.#faceUp?.destroy();
    this.#faceUp = null;
    if (h?.faceUp && !h.completed && !h.cancelled) {
      this.#faceUp = this.#card(h.faceUp);
      this.#size(this.#faceUp, l.cardW);
      this.#faceUp.position.set(l.center.x, l.center.y);
      this.#center.addChild(this.#faceUp);
    }
    // The trick.
    for (const s of this.#trick) s.destroy();
    this.#trick.length = 0;
    h?.trick.cards.forEach((card, i) => {
      const seat = ((h.trick.leader + i) % 4) as Seat;
      const s = this.#card(card);
      this.#size(s, l.cardW);
      const p = l.seats[this.rel(seat)].trick;
      s.position.set(p.x, p.y);
      s.rotation = (this.rel(seat) - 0) * 0.04;
      this.#trick.push(s);
      this.#center.addChild(s);
    });
  }

  #renderPlates(labels: readonly SeatLabel[], view: GameState): void {
    const l = this.#layout;
    this.#plates.removeChildren().forEach((c) => c.destroy());
    labels.forEach((label, seat) => {
      const place = l.seats[this.rel(seat as Seat)];
      const dealer = view.hand?.dealer === seat;
      const text = new Text({
        text: `${label.name}${dealer ? " ◆" : ""}\n${label.detail}`,
        style: {
          fill: 0xf4f1de,
          fontSize: Math.max(12, Math.round(l.cardW * 0.17)),
          fontFamily: "sans-serif",
          align: "center",
          fontWeight: "600",
          dropShadow: { color: 0x000000, alpha: 0.5, distance: 1, blur: 2 },
        },
      });
      text.anchor.set(0.5);
      text.position.set(place.plate.x, place.plate.y);
      this.#plates.addChild(text);
    });
  }

  /** The player's cards in display order: suits alternating colour, strongest first. */
  #sorted(cards: readonly Card[], trump: string | null): Card[] {
    return [...cards].sort((a, b) =>
      suitOf(a) !== suitOf(b)
        ? SUIT_ORDER[suitOf(a)] - SUIT_ORDER[suitOf(b)]
        : strength(b, trump as never) - strength(a, trump as never)
    );
  }

  /** Where the `i`-th of `n` cards of the player's hand sits, and its tilt. */
  handSlot(i: number, n: number): Point & { angle: number } {
    const l = this.#layout;
    const k = i - (n - 1) / 2;
    return {
      x: l.handCenter.x + k * l.handSpread,
      y: l.handCenter.y + Math.abs(k) * Math.abs(k) * l.cardH * 0.009,
      angle: k * 0.035,
    };
  }

  /** The player's cards in display order (the keyboard's order). */
  handOrder(view: GameState): Card[] {
    const h = view.hand;
    const held = (h?.hands[this.me] ?? []).filter((c): c is Card => c !== null);
    return this.#sorted(held, h?.contract?.trump ?? null);
  }

  /** Lifts one of the player's cards (hover or keyboard focus), or none. */
  lift(card: Card | null): void {
    if (this.#lifted === card) return;
    const l = this.#layout;
    for (const c of [this.#lifted, card]) {
      const s = c && this.#mine.get(c);
      if (!s) continue;
      const up = c === card ? -l.cardH * 0.18 : l.cardH * 0.18;
      this.tweens.to(s, { y: s.y + up }, 120);
    }
    this.#lifted = card;
  }

  /** Dims the player's cards that may not be played now (`null`: none is dimmed). */
  setPlayable(playable: ReadonlySet<Card> | null): void {
    this.playable = playable;
    this.tweens.invalidate();
    for (const [card, s] of this.#mine) {
      s.tint = playable && !playable.has(card) ? 0x8a8a8a : 0xffffff;
    }
  }

  /** Follows a drag of one of the player's cards; `cancel` puts it back. */
  drag(card: Card, x: number, y: number, end: "move" | "drop" | "cancel"): void {
    const s = this.#mine.get(card);
    if (!s) return;
    if (end === "move") {
      this.tweens.invalidate();
      s.position.set(x, y);
      s.rotation = 0;
      s.zIndex = 100;
    } else if (end === "cancel") {
      const slot = this.#slots.get(card);
      this.#lifted = null;
      if (!slot) return;
      s.zIndex = slot.z;
      this.tweens.to(s, { x: slot.x, y: slot.y, rotation: slot.angle }, 150);
    }
  }

  /** A card of the player's hand, to drag. */
  sprite(card: Card): Sprite | undefined {
    return this.#mine.get(card);
  }

  /** Shows whose turn it is, with a countdown ring when a deadline is known. */
  setTurn(seat: Seat | null, deadline: number): void {
    if (seat === null) {
      this.#turn = null;
    } else {
      const rel = this.rel(seat);
      const same = this.#turn?.rel === rel && this.#turn.deadline === deadline;
      // The countdown's length is what was left when this turn was first shown.
      const total = same
        ? this.#turn!.total
        : deadline > 0
        ? Math.max(1, deadline - Date.now())
        : 0;
      this.#turn = { rel, deadline, total };
    }
    this.#placeRing();
  }

  #placeRing(): void {
    if (!this.#turn || !this.#layout || !this.stage.visible) return this.ring.hide();
    const place = this.#layout.seats[this.#turn.rel];
    const r = Math.max(22, this.#layout.cardW * 0.36);
    this.ring.show(place.plate.x, place.plate.y, r, this.#turn.deadline, this.#turn.total);
  }

  /** A card flies from `seat`'s hand into the trick. */
  async animatePlay(seat: Seat, card: Card): Promise<void> {
    const l = this.#layout;
    const rel = this.rel(seat);
    let s = this.#mine.get(card);
    if (s) this.#mine.delete(card);
    else {
      s = this.#card(card);
      this.#size(s, l.smallW);
      s.position.set(l.seats[rel].hand.x, l.seats[rel].hand.y);
    }
    this.#center.addChild(s);
    const to = l.seats[rel].trick;
    const ratio = l.cardW / s.width;
    await this.tweens.to(s, {
      x: to.x,
      y: to.y,
      rotation: rel * 0.04,
      width: l.cardW,
      height: l.cardH,
    }, 260 * Math.min(1.5, ratio));
    this.#trick.push(s);
  }

  /** The trick's cards gather and slide to the winner. */
  async animateTrickEnd(winner: Seat): Promise<void> {
    const l = this.#layout;
    const to = l.seats[this.rel(winner)].hand;
    await this.tweens.wait(420);
    await Promise.all(
      this.#trick.map((s) => this.tweens.to(s, { x: l.center.x, y: l.center.y, rotation: 0 }, 160)),
    );
    await Promise.all(
      this.#trick.map((s) =>
        this.tweens.to(
          s,
          { x: to.x, y: to.y, width: l.smallW * 0.6, height: l.smallW * 0.84, alpha: 0 },
          260,
          EASE.inOut,
        )
      ),
    );
  }

  /** Cards fly from the middle to the seats: `counts[seat]` each, in dealing order. */
  async animateDeal(order: readonly Seat[], packets: readonly number[]): Promise<void> {
    const l = this.#layout;
    const flights: Promise<void>[] = [];
    let n = 0;
    for (const packet of packets) {
      for (const seat of order) {
        const place = l.seats[this.rel(seat)];
        for (let i = 0; i < packet; i++) {
          const s = this.#card("back");
          this.#size(s, l.smallW);
          s.position.set(l.center.x, l.center.y);
          this.#center.addChild(s);
          const delay = n++ * 28;
          flights.push(
            this.tweens.wait(delay).then(() =>
              this.tweens.to(s, { x: place.hand.x, y: place.hand.y, rotation: place.angle }, 220)
            ).then(() => s.destroy()),
          );
        }
      }
    }
    await Promise.all(flights);
  }

  /** Ends every running animation at its end point. */
  finishAnimations(): void {
    this.tweens.finishAll();
  }
}
