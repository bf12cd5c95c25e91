/**
 * Short game sounds synthesized from seeded noise and sine partials, written as mono 16-bit PCM
 * WAV at 22 050 Hz. The noise comes from a seeded generator, so every run gives the same bytes.
 *
 * @module
 */

/** Sample rate of every sound. */
export const RATE = 22_050;

/** A deterministic noise source in [-1, 1) (mulberry32). */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
}

type FilterKind = "lowpass" | "highpass" | "bandpass";

/** A biquad filter (RBJ cookbook) whose cutoff may change from sample to sample. */
function biquad(kind: FilterKind, q: number): (x: number, freq: number) => number {
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  return (x, freq) => {
    const w = (2 * Math.PI * Math.min(freq, RATE * 0.45)) / RATE;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * q);
    let b0: number, b1: number, b2: number;
    if (kind === "lowpass") [b0, b1, b2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
    else if (kind === "highpass") [b0, b1, b2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
    else [b0, b1, b2] = [alpha, 0, -alpha];
    const a0 = 1 + alpha, a1 = -2 * cos, a2 = 1 - alpha;
    const y = (b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    [x2, x1, y2, y1] = [x1, x, y1, y];
    return y;
  };
}

function samples(seconds: number): Float64Array {
  return new Float64Array(Math.round(seconds * RATE));
}

/** Linear attack over `attack` seconds, then exponential decay with time constant `tau`. */
function envelope(t: number, attack: number, tau: number): number {
  return t < attack ? t / attack : Math.exp(-(t - attack) / tau);
}

/** A soft chime tone: a sine with two quiet upper partials. */
function chime(out: Float64Array, start: number, freq: number, gain: number, tau: number) {
  const from = Math.round(start * RATE);
  for (let i = from; i < out.length; i++) {
    const t = (i - from) / RATE;
    const p = 2 * Math.PI * freq * t;
    const tone = Math.sin(p) + 0.22 * Math.sin(2 * p) * Math.exp(-t / 0.05) +
      0.08 * Math.sin(3.01 * p);
    out[i] += gain * envelope(t, 0.004, tau) * tone;
  }
}

/** Card dealt: a soft flick, noise band-passed around 3 kHz, ~60 ms. */
export function deal(): Float64Array {
  const out = samples(0.06);
  const rnd = noise(101);
  const bp = biquad("bandpass", 0.9);
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    out[i] = bp(rnd(), 3200 - 12_000 * t) * envelope(t, 0.003, 0.014);
  }
  return out;
}

/** Card played: a snap, a bright noise crack over a short low thump, ~80 ms. */
export function play(): Float64Array {
  const out = samples(0.08);
  const rnd = noise(202);
  const bp = biquad("bandpass", 1.3);
  const hp = biquad("highpass", 0.7);
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    const crack = bp(rnd(), 2000) * envelope(t, 0.001, 0.007) +
      0.35 * hp(rnd(), 5000) * envelope(t, 0.0005, 0.003);
    phase += (2 * Math.PI * (150 - 500 * t)) / RATE;
    out[i] = crack + 0.45 * Math.sin(phase) * envelope(t, 0.002, 0.022);
  }
  return out;
}

/** Trick taken: a sweep, noise through a low-pass whose cutoff falls from 7 kHz, ~250 ms. */
export function trick(): Float64Array {
  const out = samples(0.25);
  const rnd = noise(303);
  const lp = biquad("lowpass", 1.6);
  const T = out.length / RATE;
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    const cutoff = 7000 * Math.pow(400 / 7000, t / T);
    const shape = Math.sin(Math.PI * Math.pow(t / T, 0.6));
    out[i] = lp(rnd(), cutoff) * shape * shape;
  }
  return out;
}

/** Your turn: a gentle two-note chime (G5 then D6), ~300 ms. */
export function turn(): Float64Array {
  const out = samples(0.3);
  chime(out, 0, 783.99, 0.8, 0.08);
  chime(out, 0.11, 1174.66, 0.7, 0.07);
  return out;
}

/** Game won: a short rising arpeggio (C5 E5 G5 C6), ~600 ms. */
export function win(): Float64Array {
  const out = samples(0.6);
  const notes = [523.25, 659.26, 783.99, 1046.5];
  notes.forEach((f, i) => chime(out, i * 0.085, f, 0.55, i === 3 ? 0.16 : 0.1));
  chime(out, 0.255, 1568, 0.12, 0.12); // a faint fifth above the top note
  return out;
}

/** Mono 16-bit PCM WAV bytes, scaled to `peak`, faded in over 2 ms and out over the last 12 %. */
export function wav(signal: Float64Array, peak: number): Uint8Array {
  const max = signal.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const n = signal.length;
  const fadeIn = Math.round(0.002 * RATE);
  const fadeOut = Math.round(0.12 * n);
  const bytes = new Uint8Array(44 + 2 * n);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) =>
    [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + 2 * n, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, RATE, true);
  view.setUint32(28, RATE * 2, true); // bytes per second
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, 2 * n, true);
  for (let i = 0; i < n; i++) {
    const tail = Math.min(1, (n - 1 - i) / fadeOut);
    const edge = Math.min(1, i / fadeIn) * Math.sin((Math.PI / 2) * tail);
    const v = Math.round((signal[i] / max) * peak * edge * 32767);
    view.setInt16(44 + 2 * i, Math.max(-32768, Math.min(32767, v)), true);
  }
  return bytes;
}

/** Every sound: file name → WAV bytes. */
export function sounds(): Map<string, Uint8Array> {
  return new Map([
    ["deal.wav", wav(deal(), 0.5)],
    ["play.wav", wav(play(), 0.7)],
    ["trick.wav", wav(trick(), 0.45)],
    ["turn.wav", wav(turn(), 0.5)],
    ["win.wav", wav(win(), 0.55)],
  ]);
}
