/**
 * Screen-reader announcements: calls, plays, trick winners and scores go to an ARIA live region
 * (`#live` in the page), one short sentence at a time.
 *
 * @module
 */

/** Speaks through a live region. */
export class Announcer {
  readonly #queue: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly region: HTMLElement) {}

  /** Queues a sentence; sentences are set one after another so each is read. */
  say(text: string): void {
    this.#queue.push(text);
    if (this.#queue.length > 20) this.#queue.splice(0, this.#queue.length - 20);
    if (!this.#timer) this.#next();
  }

  #next(): void {
    const text = this.#queue.shift();
    if (text === undefined) {
      this.#timer = undefined;
      return;
    }
    this.region.textContent = text;
    this.#timer = setTimeout(() => this.#next(), 700);
  }

  /** Everything said so far in this region's current text (tests read it). */
  get current(): string {
    return this.region.textContent ?? "";
  }
}
