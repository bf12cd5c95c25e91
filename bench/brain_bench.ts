/**
 * The Brain on one core (`deno task bench:brain [--quick]`).
 *
 * 1. Solver: exact values of random full deals from the first lead, Sun and Hokum apart (goal:
 *    mean ≤ 20 ms, p95 ≤ 100 ms), and of random positions from trick 3 (goal: mean ≤ 2 ms).
 * 2. Level 3 decisions over whole matches (level 3 in every seat, through the worker's
 *    `answer`, as a request is answered): p50, p95 and max (goals: ≤ 50 ms, ≤ 250 ms, hard cap
 *    1 s), and the fallback rate (decisions that hit the cap or searched no world; goal ≤ 1%).
 * 3. Decisions per second of one worker at level 2 and level 3 over those matches, and the
 *    process's peak resident memory (goal ≤ 256 MB; the solver's table is fixed in size).
 * 4. The reflex cache on Redis (database 4): the same deals played twice by level 2 in every
 *    seat (a game replayed, or both halves of a duplicate pair at one level), every decision
 *    looked up first: the second match meets the first one's information sets.
 *
 * Ends with one JSON line of the figures.
 */

import {
  DECK,
  deriveSeed,
  driveMatch,
  type GameState,
  nextSeat,
  PROFILE_R,
  type Seat,
  type Suit,
  SUITS,
  viewFor,
} from "@baloot/rules";
import {
  answer,
  BUILT_IN,
  LEVEL_POLICIES,
  type LevelPolicies,
  SEARCH_STATS,
  Solver,
  type SolverPosition,
} from "@baloot/brain";
import { BRAIN_PROTOCOL, type BrainRequest, requestId } from "@baloot/wire";
import { RedisBrainStore } from "../brain/redis_store.ts";
import { reflexKey } from "../brain/reflex.ts";
import { percentile } from "./_stats.ts";

const quick = Deno.args.includes("--quick");
const DEALS = quick ? 16 : 60;
const MATCHES = quick ? 1 : 3;

let peakRss = 0;
const sampleMemory = () => (peakRss = Math.max(peakRss, Deno.memoryUsage().rss));

/** A seeded shuffle of the deck into four hands, and a trump suit. */
function deal(label: string): { hands: (typeof DECK[number])[][]; trump: Suit } {
  const cards = DECK.slice();
  let x = parseInt(deriveSeed("brain-bench", label).slice(0, 8), 16);
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  for (let i = cards.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [cards[i], cards[j]] = [cards[j], cards[i]];
  }
  return {
    hands: [0, 1, 2, 3].map((s) => cards.slice(s * 8, s * 8 + 8)),
    trump: SUITS[next() % 4],
  };
}

function stats(times: number[]) {
  const sorted = times.slice().sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { mean, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1)! };
}

const round = (x: number, d = 1) => Number(x.toFixed(d));

// ------------------------------------------------------------------ 1. the solver
const solver = new Solver();

/** Solve times of random deals, from the first lead or from trick 3's. */
function solveDeals(hokum: boolean, fromTrick3: boolean): number[] {
  const times: number[] = [];
  for (let i = 0; i < DEALS; i++) {
    const d = deal(`${hokum}:${fromTrick3}:${i}`);
    const trump = hokum ? d.trump : null;
    let hands = d.hands;
    let leader = (i % 4) as Seat;
    // From trick 3: two tricks of each seat's first legal card, led by seat to seat.
    for (let t = 0; fromTrick3 && t < 2; t++) {
      const trick: (typeof DECK[number])[] = [];
      for (let k = 0; k < 4; k++) {
        const seat = nextSeat(leader, k);
        const pos = { hands, leader, trick, trump, locked: false, profile: PROFILE_R };
        const card = solver.legalCards(pos)[0];
        trick.push(card);
        hands = hands.map((h, s) => (s === seat ? h.filter((c) => c !== card) : h));
      }
      leader = nextSeat(leader, 1);
    }
    const position: SolverPosition = {
      hands,
      leader,
      trick: [],
      trump,
      locked: false,
      profile: PROFILE_R,
    };
    solver.reset(); // each deal from an empty table, as a new deal meets it
    const t = performance.now();
    const r = solver.solve(position);
    times.push(performance.now() - t);
    if (!r.exact) throw new Error("an uncapped solve must be exact");
    sampleMemory();
  }
  return times;
}
solveDeals(false, false); // JIT warm-up
const sun = stats(solveDeals(false, false));
const hokum = stats(solveDeals(true, false));
const trick3 = stats([...solveDeals(false, true), ...solveDeals(true, true)]);
console.log(`solver, full deal from the first lead (${DEALS} deals each, one core):`);
console.log(
  `  Sun    mean ${sun.mean.toFixed(1)} ms, p50 ${sun.p50.toFixed(1)}, p95 ${
    sun.p95.toFixed(1)
  }, max ${sun.max.toFixed(1)}`,
);
console.log(
  `  Hokum  mean ${hokum.mean.toFixed(1)} ms, p50 ${hokum.p50.toFixed(1)}, p95 ${
    hokum.p95.toFixed(1)
  }, max ${hokum.max.toFixed(1)}`,
);
console.log(
  `  from trick 3 (Sun and Hokum): mean ${trick3.mean.toFixed(2)} ms, p95 ${trick3.p95.toFixed(2)}`,
);
console.log(`  table: ${(solver.tableBytes / 2 ** 20).toFixed(1)} MB, fixed`);

// ------------------------------------------------------------------ 2, 3. decisions in matches
/** The request a table would send for `seat`'s decision. */
function requestOf(gameId: string, state: GameState, seat: Seat, level: 1 | 2 | 3): BrainRequest {
  return {
    protocol: BRAIN_PROTOCOL,
    id: requestId(gameId, state.version, seat),
    gameId,
    version: state.version,
    seat,
    level,
    deadline: Date.now() + 60_000,
    replyTo: "bench",
    view: viewFor(state, seat),
  };
}

/** Plays `MATCHES` matches with `level` in every seat through `answer`; decision times. */
function decisions(level: 2 | 3, policies: LevelPolicies = LEVEL_POLICIES): number[] {
  const times: number[] = [];
  for (let m = 0; m < MATCHES; m++) {
    const gameId = `bench-${level}-${m}`;
    driveMatch(
      { profile: PROFILE_R, dealer: (m % 4) as Seat, seedFor: (n) => deriveSeed(gameId, n) },
      (state, seat) => {
        const request = requestOf(gameId, state, seat, level);
        const t = performance.now();
        const reply = answer(request, { worker: "bench", policies })!;
        times.push(performance.now() - t);
        sampleMemory();
        return reply.command!;
      },
    );
  }
  return times;
}
const before = { ...SEARCH_STATS };
const l3times = decisions(3);
const l3searched = SEARCH_STATS.searched - before.searched;
const l3fallback = SEARCH_STATS.capped - before.capped + SEARCH_STATS.fallback - before.fallback;
const l3 = stats(l3times);
const l2times = decisions(2);
const l2 = stats(l2times);
const perSecond = (times: number[]) => times.length / (times.reduce((a, b) => a + b, 0) / 1000);
console.log(`level 3, every seat, ${MATCHES} match(es), ${l3times.length} decisions:`);
console.log(
  `  p50 ${l3.p50.toFixed(1)} ms, p95 ${l3.p95.toFixed(1)}, max ${l3.max.toFixed(1)} (cap 1000); ` +
    `fallbacks ${l3fallback} of ${l3searched} searched (${
      (100 * l3fallback / Math.max(1, l3searched)).toFixed(2)
    }%)`,
);
console.log(
  `decisions per second, one worker: level 2 ${perSecond(l2times).toFixed(0)} ` +
    `(p95 ${l2.p95.toFixed(1)} ms), level 3 ${perSecond(l3times).toFixed(0)}`,
);
console.log(`peak resident memory: ${(peakRss / 2 ** 20).toFixed(0)} MB`);

// ------------------------------------------------------------------ 4. the reflex cache
const store = new RedisBrainStore("redis://127.0.0.1:6379/4", {
  prefix: `bench:reflex:${crypto.randomUUID()}:`,
  ttlSeconds: 120,
});
let hits = 0, lookups = 0;
try {
  await store.ready();
  // The same deals twice, every decision looked up.
  // What a lookup finds: this match's own entries, and what Redis held from the first match.
  const known = new Map<string, string | null>();
  for (const swap of [0, 1]) {
    const gameId = `bench-reflex-${swap}`;
    // Written once the match is over: a match blocks the event loop while it plays.
    const pending: [string, string][] = [];
    const decide = (request: BrainRequest) => {
      const key = reflexKey(request, BUILT_IN.id);
      lookups++;
      const cached = known.get(key);
      if (cached) hits++;
      const reply = answer(request, { worker: "bench" }, cached ? JSON.parse(cached) : null)!;
      if (!cached) {
        known.set(key, JSON.stringify(reply.command));
        pending.push([key, JSON.stringify(reply.command)]);
      }
      return reply.command!;
    };
    const keys: string[] = [];
    driveMatch(
      { profile: PROFILE_R, dealer: 0, seedFor: (n) => deriveSeed("bench-reflex", n) },
      (state, seat) => {
        const request = requestOf(gameId, state, seat, 2);
        keys.push(reflexKey(request, BUILT_IN.id));
        return decide(request);
      },
    );
    await Promise.all(pending.map(([k, v]) => store.set(k, v)));
    if (swap === 0) {
      // The second match reads the first one's entries back from Redis, as another worker
      // would (keys the first match did not write are not in this run's fresh namespace).
      known.clear();
      const values = await Promise.all(keys.map((k) => store.get(k)));
      keys.forEach((k, i) => known.set(k, values[i]));
    }
  }
} finally {
  await store.close();
}
const hitRate = hits / Math.max(1, lookups);
console.log(
  `reflex cache, the same deals twice at level 2: ${hits} hits in ${lookups} ` +
    `lookups (${(100 * hitRate).toFixed(1)}%)`,
);

console.log(JSON.stringify({
  bench: "brain",
  quick,
  solver_sun_mean_ms: round(sun.mean),
  solver_sun_p95_ms: round(sun.p95),
  solver_hokum_mean_ms: round(hokum.mean),
  solver_hokum_p95_ms: round(hokum.p95),
  solver_trick3_mean_ms: round(trick3.mean, 2),
  l3_p50_ms: round(l3.p50),
  l3_p95_ms: round(l3.p95),
  l3_max_ms: round(l3.max),
  l3_fallback_rate: round(l3fallback / Math.max(1, l3searched), 4),
  l2_decisions_per_s: round(perSecond(l2times), 0),
  l3_decisions_per_s: round(perSecond(l3times), 0),
  peak_rss_mb: round(peakRss / 2 ** 20, 0),
  reflex_hit_rate: round(hitRate, 3),
}));
