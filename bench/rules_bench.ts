/**
 * Rules engine throughput on one core (`deno task bench:rules [--quick]`).
 *
 * 1. Complete random hands, deal to score, through `decide` (validation, automatic events,
 *    scoring) with each decision drawn uniformly from `legalCommands`: hands per second and the
 *    per-hand time percentiles. Cancelled (all-pass) deals cost time but are not counted.
 * 2. Decision steps: one `legalCommands` plus one `decide` (which applies the events), per second.
 * 3. Replay: `apply` alone over recorded matches, events per second (replays, relays, recovery).
 *
 * Ends with one JSON line of the figures. Goal (issue #2): ≥ 20,000 complete hands/s per core.
 */

import { percentile } from "./_stats.ts";
import {
  apply,
  ChaChaStream,
  decide,
  deriveSeed,
  fromHex,
  type GameEvent,
  type GameState,
  initialState,
  legalCommands,
  PROFILE_R,
} from "@baloot/rules";

const quick = Deno.args.includes("--quick");
const seconds = quick ? 4 : 20;

const rng = new ChaChaStream(fromHex(deriveSeed("bench", 1))!);
// Deal seeds come from a pre-drawn pool, as a server draws them from the OS CSPRNG: deriving
// them here would time the harness, not the engine.
const seeds = Array.from({ length: 8192 }, (_, i) => deriveSeed("bench", `deal-${i}`));
let dealNo = 0;

/** Where events go: nowhere while timing, so the harness keeps nothing alive for the GC. */
type Sink = ((events: readonly GameEvent[]) => void) | null;

function start(sink: Sink): GameState {
  const d = decide(initialState(), { type: "START_MATCH", profile: PROFILE_R, dealer: 0 });
  if (!d.ok) throw new Error(d.message);
  sink?.(d.events);
  return d.state;
}

/** Plays one deal from a READY state to its end; returns the state and the decisions taken. */
function playHand(state: GameState, sink: Sink): { state: GameState; steps: number } {
  const deal = decide(state, { type: "DEAL", seed: seeds[dealNo++ % seeds.length] });
  if (!deal.ok) throw new Error(deal.message);
  sink?.(deal.events);
  let s = deal.state;
  let steps = 0;
  while (s.phase !== "READY" && s.phase !== "OVER") {
    const legal = legalCommands(s, s.hand!.toAct!);
    const d = decide(s, legal[rng.nextInt(legal.length)]);
    if (!d.ok) throw new Error(`${d.code}: ${d.message}`);
    sink?.(d.events);
    s = d.state;
    steps++;
  }
  return { state: s, steps };
}

/** Plays deals for `ms` milliseconds; returns timings and counts. */
function play(ms: number) {
  let state = start(null);
  const times = new Float64Array(2_000_000);
  let deals = 0, scored = 0, steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    const a = performance.now();
    const before = state.results.length;
    const r = playHand(state, null);
    times[deals++] = performance.now() - a;
    steps += r.steps;
    state = r.state;
    if (state.results.length > before) scored++;
    if (state.phase === "OVER") state = start(null);
  }
  const sorted = Array.from(times.subarray(0, deals)).sort((x, y) => x - y);
  return { seconds: (performance.now() - t0) / 1000, times: sorted, scored, steps };
}

/** Records `n` whole matches' events, untimed, for the replay figure. */
function record(n: number): GameEvent[][] {
  const matches: GameEvent[][] = [];
  for (let m = 0; m < n; m++) {
    const events: GameEvent[] = [];
    const sink = (e: readonly GameEvent[]) => void events.push(...e);
    let state = start(sink);
    while (state.phase !== "OVER") state = playHand(state, sink).state;
    matches.push(events);
  }
  return matches;
}

play(2000); // JIT warm-up
const run = play(seconds * 1000);
const handsPerSec = run.scored / run.seconds;
const stepsPerSec = run.steps / run.seconds;

const matches = record(200);
let applied = 0;
const t1 = performance.now();
while (performance.now() - t1 < (seconds / 4) * 1000) {
  for (const events of matches) {
    events.reduce(apply, initialState());
    applied += events.length;
  }
}
const applyPerSec = applied / ((performance.now() - t1) / 1000);

const us = (ms: number) => Math.round(ms * 1000);
console.log(
  `complete random hands, deal to score: ${handsPerSec.toFixed(0)}/s (${run.scored} hands)`,
);
console.log(
  `  time per deal: p50 ${us(percentile(run.times, 0.5))} µs, p99 ${
    us(percentile(run.times, 0.99))
  } µs`,
);
console.log(`legalCommands + decide steps: ${stepsPerSec.toFixed(0)}/s`);
console.log(`apply (replay): ${applyPerSec.toFixed(0)} events/s`);
console.log(JSON.stringify({
  bench: "rules",
  quick,
  hands_per_sec: Math.round(handsPerSec),
  deal_p50_us: us(percentile(run.times, 0.5)),
  deal_p99_us: us(percentile(run.times, 0.99)),
  steps_per_sec: Math.round(stepsPerSec),
  apply_events_per_sec: Math.round(applyPerSec),
  goal_hands_per_sec: 20000,
}));
