/**
 * The turn ring around the name of the seat to act, with its countdown: an SVG circle over the
 * table whose stroke runs down by a CSS animation (gold, then red in the last third), in quarter
 * seconds. The browser animates it on its own, so a countdown never makes the WebGL table redraw,
 * and the page is repainted four times a second, not on every frame.
 *
 * @module
 */

const SVG = "http://www.w3.org/2000/svg";
const STEP_MS = 250;

/** The ring. */
export class TurnRing {
  readonly el: SVGSVGElement;
  readonly #track: SVGCircleElement;
  readonly #arc: SVGCircleElement;
  #key = "";

  constructor() {
    this.el = document.createElementNS(SVG, "svg");
    this.el.setAttribute("class", "turn-ring");
    this.el.setAttribute("viewBox", "0 0 100 100");
    this.el.setAttribute("aria-hidden", "true");
    this.#track = document.createElementNS(SVG, "circle");
    this.#arc = document.createElementNS(SVG, "circle");
    for (const c of [this.#track, this.#arc]) {
      c.setAttribute("cx", "50");
      c.setAttribute("cy", "50");
      c.setAttribute("r", "44");
      c.setAttribute("pathLength", "100");
      this.el.append(c);
    }
    this.#track.setAttribute("class", "track");
    this.#arc.setAttribute("class", "arc");
    this.el.style.display = "none";
  }

  /**
   * Shows the ring centred at (`x`, `y`) in CSS pixels with radius `r`; with a deadline, the arc
   * runs down from `total` ms to the `deadline` (epoch ms), else it stays full.
   */
  show(x: number, y: number, r: number, deadline: number, total: number): void {
    Object.assign(this.el.style, {
      display: "block",
      left: `${x - r}px`,
      top: `${y - r}px`,
      width: `${2 * r}px`,
      height: `${2 * r}px`,
    });
    const key = `${deadline}:${total}`;
    if (key === this.#key) return;
    this.#key = key;
    const arc = this.#arc;
    arc.style.animation = "none";
    if (deadline > 0 && total > 0) {
      const left = Math.max(0, deadline - Date.now());
      // Restart the animation part-way: a negative delay starts it `elapsed` ms in.
      void arc.getBoundingClientRect();
      // In steps of a quarter second: the page is repainted 4 times a second, not 60.
      const steps = Math.max(1, Math.round(total / STEP_MS));
      arc.style.animation = `turn-countdown ${total}ms steps(${steps}) ${left - total}ms forwards`;
    }
  }

  /** Hides the ring. */
  hide(): void {
    this.el.style.display = "none";
    this.#key = "";
  }
}
