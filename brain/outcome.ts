/**
 * What a hand comes to in game points once its card play is known or solved: the contract made
 * or failed, Kaboot, doubling, projects and Baloot, by the rules' own scoring. Search bots value
 * cards (and level 3 its calls) with it.
 *
 * @module
 */

import { type Card, type GameState, handFacts, scoreHand, type Seat, teamOf } from "@baloot/rules";
import type { Solver, SolverLimits, SolverPosition } from "./solver.ts";

/** Game points awarded to a seat's team and to the other. */
export interface Awards {
  readonly mine: number;
  readonly theirs: number;
}

/**
 * The game points awarded to `seat`'s team and to the other at the hand's end, as a function of
 * the card points (last-trick 10 included) its team takes from now on, cached per value.
 */
export function awardsOf(view: GameState, seat: Seat): (rest: number) => Awards {
  const h = view.hand!;
  const team = teamOf(seat), other = 1 - team;
  const { facts } = handFacts(view, h);
  const left = cardPointsLeft(view);
  const memo = new Map<number, Awards>();
  return (rest) => {
    const known = memo.get(rest);
    if (known !== undefined) return known;
    const raw = [0, 0];
    raw[team] = h.raw[team] + rest;
    raw[other] = h.raw[other] + left - rest;
    // Kaboot (every trick to one team) as far as points tell: never once the other team has
    // taken a trick, even one worth nothing.
    const tricks: [number, number] = [4, 4];
    if (raw[other] === 0 && h.tricksWon[other] === 0) [tricks[team], tricks[other]] = [8, 0];
    else if (raw[team] === 0 && h.tricksWon[team] === 0) [tricks[team], tricks[other]] = [0, 8];
    const score = scoreHand(
      { ...facts, cardRaw: [raw[0], raw[1]], tricks, balootTeam: facts.balootTeam },
      view.profile!,
    );
    const value = typeof score === "string"
      ? { mine: rest, theirs: left - rest }
      : { mine: score.awarded[team], theirs: score.awarded[other] };
    memo.set(rest, value);
    return value;
  };
}

/** The game points of `seat`'s team less the other's, as a function as {@linkcode awardsOf}. */
export function gamePointsOf(view: GameState, seat: Seat): (rest: number) => number {
  const awards = awardsOf(view, seat);
  return (rest) => {
    const a = awards(rest);
    return a.mine - a.theirs;
  };
}

/** The card points not yet taken in the hand, the last-trick 10 included. */
export function cardPointsLeft(view: GameState): number {
  const h = view.hand!;
  return (h.contract!.mode === "SUN" ? 120 : 152) + 10 - h.raw[0] - h.raw[1];
}

/** The solver's position of a state whose every hand is known (a world's, or the full state). */
export function solverPosition(state: GameState): SolverPosition {
  const h = state.hand!;
  return {
    hands: h.hands as readonly (readonly Card[])[],
    leader: h.trick.leader,
    trick: h.trick.cards,
    trump: h.contract!.trump,
    locked: h.escalation.locked,
    profile: state.profile!,
  };
}

/**
 * The game points of a state whose every hand is known, its card play solved double dummy
 * within `limits` (a capped solve counts the middle of its bounds); `solved` keeps each
 * position's value for the calls of one decision that reach it.
 */
export function solvedOutcome(
  state: GameState,
  seat: Seat,
  solver: Solver,
  limits: SolverLimits,
  solved: Map<string, number> = new Map(),
): Awards {
  const position = solverPosition(state);
  const key = `${position.hands.map((cards) => cards.join("")).join("/")}|${position.leader}|` +
    `${position.trick.join("")}|${position.trump}|${position.locked}`;
  let value = solved.get(key);
  if (value === undefined) {
    value = Math.round(solver.solve(position, limits).value);
    solved.set(key, value);
  }
  const mover = (position.leader + position.trick.length) % 4;
  const rest = teamOf(mover as Seat) === teamOf(seat) ? value : cardPointsLeft(state) - value;
  return awardsOf(state, seat)(rest);
}
