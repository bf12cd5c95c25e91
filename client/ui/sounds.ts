/**
 * Sound effects (deal, play, trick won, your turn, match won) with Web Audio, muted by the
 * player's setting. Sounds load lazily; a browser that blocks audio simply stays silent.
 *
 * @module
 */

/** The effects. */
export type Effect = "deal" | "play" | "trick" | "turn" | "win";

/** Plays effects. */
export class Sounds {
  #ctx: AudioContext | null = null;
  readonly #buffers = new Map<Effect, AudioBuffer>();
  muted = false;

  /** Starts loading the effects (call after a user gesture so audio may start). */
  async load(base = "/assets/sounds"): Promise<void> {
    try {
      this.#ctx ??= new AudioContext();
      await Promise.all((["deal", "play", "trick", "turn", "win"] as Effect[]).map(async (e) => {
        const res = await fetch(`${base}/${e}.wav`);
        if (!res.ok) return;
        this.#buffers.set(e, await this.#ctx!.decodeAudioData(await res.arrayBuffer()));
      }));
    } catch { /* no audio: play() does nothing */ }
  }

  /** Plays an effect unless muted. */
  play(effect: Effect): void {
    const buffer = this.#buffers.get(effect);
    if (this.muted || !this.#ctx || !buffer) return;
    if (this.#ctx.state === "suspended") this.#ctx.resume().catch(() => {});
    const source = this.#ctx.createBufferSource();
    source.buffer = buffer;
    const gain = this.#ctx.createGain();
    gain.gain.value = 0.6;
    source.connect(gain).connect(this.#ctx.destination);
    source.start();
  }
}
