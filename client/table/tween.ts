/**
 * A small tween engine on the Pixi ticker: numeric properties of display objects move to target
 * values over a duration with an easing, and each tween resolves a promise when done. The
 * animation speed setting scales every duration.
 *
 * It also decides when the table is drawn: only while something moves or after a change
 * (`invalidate`). A steady table draws nothing, which matters on software renderers, where one
 * full frame of this table costs about 25 ms of CPU (see `renderOnDemand`).
 *
 * @module
 */

import { type Application, type Ticker, UPDATE_PRIORITY } from "pixi.js";

/** An easing function on [0, 1]. */
export type Ease = (t: number) => number;

/** Common easings. */
export const EASE = {
  linear: (t: number) => t,
  out: (t: number) => 1 - (1 - t) ** 3,
  inOut: (t: number) => (t < 0.5 ? 4 * t ** 3 : 1 - (-2 * t + 2) ** 3 / 2),
} satisfies Record<string, Ease>;

type Target = Record<string, unknown>;

interface Running {
  readonly target: Target;
  readonly from: Record<string, number>;
  readonly to: Record<string, number>;
  readonly ms: number;
  readonly ease: Ease;
  elapsed: number;
  readonly done: () => void;
  /** False for waits: nothing on screen changes. */
  readonly visual: boolean;
}

/** The target of a wait. */
class Wait {
  v = 0;
}

/** Runs tweens on a ticker. */
export class Tweens {
  readonly #running = new Set<Running>();
  /** Duration factor: 2 halves durations (fast), 0.5 doubles them. */
  speed = 1;
  /** Frames rendered while tweens ran, with their durations in ms (the client bench reads it). */
  readonly frameTimes: number[] = [];
  #dirty = true;

  constructor(ticker: Ticker) {
    ticker.add((t) => this.#step(t.deltaMS));
  }

  /** Moves `target`'s numeric `props` to their new values in `ms` (scaled by `speed`). */
  to(
    target: object,
    props: Record<string, number>,
    ms: number,
    ease: Ease = EASE.out,
  ): Promise<void> {
    const t = target as Target;
    if (t.destroyed === true) return Promise.resolve();
    for (const r of this.#running) if (r.target === t) { for (const k in props) delete r.to[k]; }
    const duration = ms / this.speed;
    if (duration <= 1) {
      Object.assign(t, props);
      this.#dirty = true;
      return Promise.resolve();
    }
    const from: Record<string, number> = {};
    for (const k in props) from[k] = t[k] as number;
    return new Promise((done) => {
      this.#running.add({
        target: t,
        from,
        to: { ...props },
        ms: duration,
        ease,
        elapsed: 0,
        done,
        visual: !(target instanceof Wait),
      });
    });
  }

  /** Something on the table changed: draw the next frame. */
  invalidate(): void {
    this.#dirty = true;
  }

  /** Whether this tick must draw (a change, or a visible tween running); clears the change. */
  takeFrame(): boolean {
    if (this.#dirty) {
      this.#dirty = false;
      return true;
    }
    return this.#moving();
  }

  /** Whether a tween that shows on screen is running (waits do not). */
  #moving(): boolean {
    for (const r of this.#running) if (r.visual) return true;
    return false;
  }

  /** Waits `ms` (scaled by `speed`). */
  wait(ms: number): Promise<void> {
    return this.to(new Wait(), { v: 1 }, ms, EASE.linear);
  }

  /** Ends every tween at its target at once. */
  finishAll(): void {
    this.#dirty = true;
    for (const r of this.#running) {
      Object.assign(r.target, r.to);
      r.done();
    }
    this.#running.clear();
  }

  #step(dt: number): void {
    if (this.#running.size === 0) return;
    if (this.frameTimes.length < 10_000 && this.#moving()) this.frameTimes.push(dt);
    for (const r of this.#running) {
      r.elapsed += dt;
      const k = r.ease(Math.min(1, r.elapsed / r.ms));
      // A target destroyed mid-tween (a card re-dealt by a snapshot) ends its tween; one bad
      // tween must never stop the others, or every animation after it would wait forever.
      let failed = r.target.destroyed === true;
      if (!failed) {
        try {
          for (const p in r.to) r.target[p] = r.from[p] + (r.to[p] - r.from[p]) * k;
        } catch {
          failed = true;
        }
      }
      if (failed || r.elapsed >= r.ms) {
        this.#running.delete(r);
        r.done();
      }
    }
  }
}

/**
 * Draws `app` only when `tweens` says so, instead of on every tick as PixiJS does by default.
 * Resizing the renderer (which clears the canvas) also draws.
 */
export function renderOnDemand(app: Application, tweens: Tweens): void {
  app.ticker.remove(app.render, app);
  app.ticker.add(
    () => {
      if (tweens.takeFrame()) app.render();
    },
    undefined,
    UPDATE_PRIORITY.LOW,
  );
  app.renderer.on("resize", () => tweens.invalidate());
}
