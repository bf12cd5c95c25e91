/**
 * Levels 2 and 3: search bots. A card is chosen by sampling worlds (deals of the hidden cards
 * that agree with everything the seat knows), solving each world double-dummy for every legal
 * card, and playing the card with the best average. Level 3 also weights each world by how
 * likely the calls and declarations seen are in it, searches with more worlds and nodes, and
 * bids and doubles by playing each of its calls out over sampled deals.
 *
 * Decisions stop sampling when their node budget is spent, and never take longer than the hard
 * cap: the best answer so far is played.
 *
 * @module
 */

import {
  ChaChaStream,
  deriveSeed,
  fromHex,
  type GameState,
  type Seat,
  type SeatCommand,
  teamOf,
} from "@baloot/rules";
import {
  HEURISTIC_PARAMS,
  type HeuristicParams,
  heuristicPolicy,
  playCommand,
} from "./heuristic_policy.ts";
import { knowledgeOf } from "./knowledge.ts";
import { gamePointsOf, solvedOutcome } from "./outcome.ts";
import { type Policy, positionKey } from "./policy.ts";
import { worldLikelihood } from "./likelihood.ts";
import { passLikelihood } from "./auction_likelihood.ts";
import { playOut, worldState } from "./simulate.ts";
import { Solver } from "./solver.ts";
import { sampleWorld } from "./worlds.ts";

/** How a search bot spends its time. */
export interface SearchSettings {
  /** The most worlds sampled for a card. */
  readonly worlds: number;
  /** The first trick (1 to 8) decided by search; the heuristic plays the ones before. */
  readonly fromTrick: number;
  /**
   * Sampling stops once a decision has searched this many nodes (a count, not a clock, so a
   * request gets the same answer on any machine and under any load).
   */
  readonly budgetNodes: number;
  /** No decision thinks longer than this; the best answer so far is played. */
  readonly capMs: number;
  /** The most nodes of one solve (a capped solve counts the middle of its bounds). */
  readonly solveNodes: number;
  /** Weight worlds by how likely the calls and declarations seen are in them. */
  readonly inference: boolean;
  /** Deals played out per call when bidding and doubling; 0 bids by the heuristic's rules. */
  readonly bidSamples: number;
  /**
   * Value a card by the game points the hand's card points come to (the contract made or
   * failed, Kaboot, doubling), not by card points alone.
   */
  readonly gamePoints?: boolean;
  /**
   * When bidding and doubling by simulation, play each call out by the heuristic only to the
   * first trick's end and solve the rest double dummy with this many nodes (0: play it all out).
   */
  readonly callSolveNodes?: number;
}

/** Level 2: search from the second trick, rule-based bidding. */
export const LEVEL_2: SearchSettings = {
  worlds: 24,
  fromTrick: 2,
  budgetNodes: 800_000,
  capMs: 1000,
  solveNodes: 30_000,
  inference: false,
  bidSamples: 0,
};

/**
 * Level 3: more worlds, weighted; bids and doubles by simulation. Like level 2 it leaves the first
 * trick to the heuristic: searching it cost 40% more time and measured no better (`bench/README.md`).
 */
export const LEVEL_3: SearchSettings = {
  worlds: 32,
  fromTrick: 2,
  budgetNodes: 1_600_000,
  capMs: 1000,
  solveNodes: 40_000,
  inference: true,
  bidSamples: 32,
  gamePoints: true,
};

/** Counts of this process's search decisions, for benchmarks and logs. */
export const SEARCH_STATS = {
  /** Card decisions made by search. */
  searched: 0,
  /** Of those, decisions that reached the hard cap (the best answer so far was played). */
  capped: 0,
  /** Decisions where no world could be searched in time: the heuristic's card was played. */
  fallback: 0,
  /** Worlds solved. */
  worlds: 0,
};

let shared: Solver | null = null;
/** One solver per worker: its table is bounded, and decisions run one at a time. */
function solver(): Solver {
  return shared ??= new Solver();
}

/**
 * A search bot with these settings, bidding by `heuristic`'s thresholds where it does not
 * simulate; `seed`, with the decision's place in its hand ({@linkcode positionKey}), drives the
 * sampling.
 *
 * @example
 * ```ts
 * import { LEVEL_2, searchPolicy } from "@baloot/brain";
 * const bot = searchPolicy(LEVEL_2)("table-7:2");
 * ```
 */
export function searchPolicy(
  settings: SearchSettings,
  heuristic: HeuristicParams = HEURISTIC_PARAMS,
): (seed: string) => Policy {
  return (seed) => {
    const fallback = heuristicPolicy(seed, heuristic);
    return (view, seat, legal) => {
      if (legal.length === 1 || view.hand === null) return legal[0];
      const rng = new ChaChaStream(fromHex(deriveSeed(seed, `search:${positionKey(view)}`))!);
      const started = performance.now();
      switch (view.phase) {
        case "PLAY":
          if (legal.some((c) => c.type === "DECLARE")) break; // the heuristic declares
          return playCard(view, seat, legal, settings, rng, started) ??
            fallback(view, seat, legal);
        case "BIDDING":
        case "ESCALATION":
          if (settings.bidSamples > 0) {
            const ruled = fallback(view, seat, legal);
            return simulateCalls(view, seat, legal, settings, rng, started, seed, heuristic, ruled);
          }
      }
      return fallback(view, seat, legal);
    };
  };
}

function playCard(
  view: GameState,
  seat: Seat,
  legal: readonly SeatCommand[],
  settings: SearchSettings,
  rng: ChaChaStream,
  started: number,
): SeatCommand | null {
  const h = view.hand!;
  if (h.tricks.length + 1 < settings.fromTrick) return null;
  const cards = [...new Set(legal.flatMap((c) => (c.type === "PLAY" ? [c.card] : [])))];
  if (cards.length === 1) return playCommand(legal, cards[0]);
  const k = knowledgeOf(view, seat);
  const sums = new Map(cards.map((c) => [c, 0]));
  // A fresh table: a capped solve's bounds then depend on this request alone.
  solver().reset();
  const utility = gamePointsOf(view, seat);
  let weight = 0, nodes = 0;
  SEARCH_STATS.searched++;
  for (let i = 0; i < settings.worlds * (settings.inference ? 2 : 1); i++) {
    const spent = performance.now() - started;
    if (spent > settings.capMs) {
      SEARCH_STATS.capped++;
      break;
    }
    if (nodes > settings.budgetNodes && weight > 0) break;
    const world = sampleWorld(k, rng);
    const w = settings.inference ? worldLikelihood(view, seat, world) : 1;
    if (w <= 0) continue;
    const values = solver().solveCards({
      hands: world.hands,
      leader: h.trick.leader,
      trick: h.trick.cards,
      trump: h.contract!.trump,
      locked: h.escalation.locked,
      profile: view.profile!,
    }, { nodes: settings.solveNodes, ms: settings.capMs - spent });
    for (const [card, r] of values) {
      const value = settings.gamePoints ? utility(r.value) : r.value;
      sums.set(card, sums.get(card)! + w * value);
      nodes += r.nodes;
    }
    weight += w;
    SEARCH_STATS.worlds++;
    if (!settings.inference && i + 1 >= settings.worlds) break;
  }
  if (weight === 0) {
    SEARCH_STATS.fallback++;
    return null;
  }
  let best = cards[0];
  for (const c of cards) if (sums.get(c)! > sums.get(best)!) best = c;
  return playCommand(legal, best);
}

/**
 * Bids and doubles by simulation: the rule-based call, and each other call, are played out
 * over the same sampled deals; another call is made only when it did better than the rule-based
 * one by a margin the samples make sure of (a paired t above {@linkcode SURE_T}), so that noise
 * in a few play-outs never talks the bot into a wild call.
 */
function simulateCalls(
  view: GameState,
  seat: Seat,
  legal: readonly SeatCommand[],
  settings: SearchSettings,
  rng: ChaChaStream,
  started: number,
  seed: string,
  heuristic: HeuristicParams,
  ruled: SeatCommand,
): SeatCommand {
  if (ruled.type === "KASHO") return ruled;
  const calls = legal.filter((c) => c.type !== "KASHO");
  const base = calls.findIndex((c) => JSON.stringify(c) === JSON.stringify(ruled));
  if (base < 0) return ruled;
  const k = knowledgeOf(view, seat);
  const policies = [0, 1, 2, 3].map((s) => heuristicPolicy(`${seed}:sim:${s}`, heuristic));
  const target = view.profile!.target;
  const team = teamOf(seat);
  // Per call: the weighted sum and sum of squares of its gain over the rule-based call.
  const sum = calls.map(() => 0), squares = calls.map(() => 0);
  let weight = 0, weight2 = 0;
  const nodes = settings.callSolveNodes ?? 0;
  const solved = new Map<string, number>(); // a position's solve, shared by calls that reach it
  if (nodes > 0) solver().reset();
  for (let i = 0; i < settings.bidSamples; i++) {
    if (performance.now() - started > settings.capMs) break;
    const world = sampleWorld(k, rng);
    // Weighted by how likely the auction so far is in this deal (passes, or the contract and
    // a Double once bidding is over).
    const w = !settings.inference
      ? 1
      : view.phase === "BIDDING"
      ? passLikelihood(view, seat, world, heuristic)
      : worldLikelihood(view, seat, world);
    if (w <= 0) continue;
    const state = worldState(view, world);
    const results = calls.map((c) => callOutcome(state, c, seat, policies, nodes, solved));
    if (results.some((r) => r === null)) continue;
    const utility = results.map((r) => {
      const mine = view.score[team] + r!.mine, theirs = view.score[1 - team] + r!.theirs;
      // The match score counts: reaching the target first is worth more than its points.
      const bonus = mine >= target && mine > theirs
        ? 40
        : theirs >= target && theirs > mine
        ? -40
        : 0;
      return r!.mine - r!.theirs + bonus;
    });
    utility.forEach((u, j) => {
      const d = u - utility[base];
      sum[j] += w * d;
      squares[j] += w * d * d;
    });
    weight += w;
    weight2 += w * w;
  }
  // The weighted samples count as this many equal ones (Kish's effective sample size).
  const samples = weight > 0 ? weight * weight / weight2 : 0;
  let best = base, bestGain = 0;
  for (let j = 0; j < calls.length; j++) {
    if (j === base || !(samples >= 4)) continue;
    const mean = sum[j] / weight;
    const variance = Math.max(0, squares[j] / weight - mean * mean) * samples / (samples - 1);
    const t = mean / Math.sqrt(variance / samples || 1e-9);
    if (t > SURE_T && mean > MIN_GAIN && mean > bestGain) [best, bestGain] = [j, mean];
  }
  return calls[best];
}

/**
 * A call's game points for `seat`'s team and the other in one world: played out to the end, or
 * with `nodes`, to the first trick's end and the rest solved double dummy.
 */
function callOutcome(
  state: GameState,
  call: SeatCommand,
  seat: Seat,
  policies: readonly Policy[],
  nodes: number,
  solved: Map<string, number>,
): { mine: number; theirs: number } | null {
  const end = playOut(state, call, seat, policies, nodes > 0 ? 2 : 9);
  if (end === null || end.state === undefined) return end;
  return solvedOutcome(end.state, seat, solver(), { nodes }, solved);
}

/** How sure the samples must be that another call beats the rule-based one. */
const SURE_T = 2;
/** The least average gain, in game points, worth leaving the rule-based call for. */
const MIN_GAIN = 1;
