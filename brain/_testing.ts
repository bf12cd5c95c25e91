/**
 * Test helpers of the Brain: seeded random positions and a brute-force reference solver built
 * on the rules engine only (so the solver is checked against `rules`, not against itself).
 *
 * @module
 */

import {
  type Card,
  cardIndex,
  ChaChaStream,
  DECK,
  deriveSeed,
  driveMatch,
  fromHex,
  type GameState,
  legalCards,
  nextSeat,
  points,
  type Profile,
  PROFILE_R,
  type Seat,
  SEATS,
  type Suit,
  SUITS,
  teamOf,
  trickWinner,
  viewFor,
} from "@baloot/rules";
import { type BrainRequest, requestId } from "@baloot/wire";
import { seatChooser } from "./policy.ts";
import { POLICIES } from "./registry.ts";
import type { SolverPosition } from "./solver.ts";

/** A seeded stream for tests. */
export function testStream(seed: string): ChaChaStream {
  return new ChaChaStream(fromHex(deriveSeed(seed, "brain-test"))!);
}

/** A random position: `cards` cards left in the leader's hand, `played` on the table. */
export function randomPosition(
  rng: ChaChaStream,
  cards: number,
  profile: Profile,
  options: { hokum?: boolean; played?: number; locked?: boolean } = {},
): SolverPosition {
  const deck = DECK.slice();
  for (let i = deck.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [deck[i], deck[j]] = [deck[j], deck[i]];
  }
  const leader = rng.nextInt(4) as Seat;
  const played = options.played ?? rng.nextInt(4);
  const hands: Card[][] = [[], [], [], []];
  let k = 0;
  for (let i = 0; i < 4; i++) {
    const seat = nextSeat(leader, i);
    const n = cards - (i < played ? 1 : 0);
    for (let j = 0; j < n; j++) hands[seat].push(deck[k++]);
  }
  const trick = deck.slice(k, k + played);
  const hokum = options.hokum ?? rng.nextInt(2) === 0;
  const trump: Suit | null = hokum ? SUITS[rng.nextInt(4)] : null;
  return { hands, leader, trick, trump, locked: options.locked ?? false, profile };
}

/** The cards played before the position (every card not in a hand or on the table). */
export function playedMaskOf(p: SolverPosition): number {
  let mask = 0;
  const live = new Set([...p.hands.flat(), ...p.trick]);
  for (const c of DECK) if (!live.has(c)) mask |= 1 << cardIndex(c);
  return mask;
}

/** The rules engine's legal cards of the seat to move. */
export function rulesLegal(p: SolverPosition): Card[] {
  const seat = nextSeat(p.leader, p.trick.length);
  return legalCards(p.hands[seat], {
    trump: p.trump,
    locked: p.locked,
    leader: p.leader,
    cards: p.trick,
    playedMask: playedMaskOf(p),
    profile: p.profile,
  });
}

/** Exhaustive minimax with the rules engine: the mover's team's best remaining points. */
export function bruteForce(p: SolverPosition): number {
  const mover = nextSeat(p.leader, p.trick.length);
  return minimax(p, teamOf(mover));
}

/**
 * The same minimax, remembering each trick start's value (keyed by the hands and the leader):
 * still every card of every position, from the rules engine, but fast enough for five or six
 * cards a hand.
 */
export function bruteForceMemo(p: SolverPosition): number {
  const mover = nextSeat(p.leader, p.trick.length);
  return minimax(p, teamOf(mover), new Map());
}

function minimax(p: SolverPosition, team: 0 | 1, memo?: Map<string, number>): number {
  const key = memo && p.trick.length === 0
    ? `${p.leader}:${p.hands.map((h) => h.slice().sort().join(",")).join("|")}`
    : "";
  if (key !== "" && memo!.has(key)) return memo!.get(key)!;
  const seat = nextSeat(p.leader, p.trick.length);
  const maximize = teamOf(seat) === team;
  let best = maximize ? -Infinity : Infinity;
  for (const card of rulesLegal(p)) {
    const hands = p.hands.map((h, s) => (s === seat ? h.filter((c) => c !== card) : h));
    const trick = [...p.trick, card];
    let v: number;
    if (trick.length < 4) v = minimax({ ...p, hands, trick }, team, memo);
    else {
      const winner = trickWinner(p.leader, trick, p.trump);
      const last = hands.every((h) => h.length === 0);
      const pts = trick.reduce((n, c) => n + points(c, p.trump), 0) + (last ? 10 : 0);
      const mine = teamOf(winner) === team ? pts : 0;
      v = mine + (last ? 0 : minimax({ ...p, hands, trick: [], leader: winner }, team, memo));
    }
    best = maximize ? Math.max(best, v) : Math.min(best, v);
  }
  if (key !== "") memo!.set(key, best);
  return best;
}

let games = 0;

/**
 * The request a table sends for the bot on turn in `state`, answered on `replyTo`: its own
 * game id unless one is given, level 1 and a deadline 30 s away unless told otherwise.
 */
export function requestFor(
  state: GameState,
  replyTo: string,
  options: { gameId?: string; level?: 1 | 2 | 3; deadline?: number } = {},
): BrainRequest {
  const seat = state.hand!.toAct as Seat;
  const gameId = options.gameId ?? `g${++games}`;
  return {
    protocol: 1,
    id: requestId(gameId, state.version, seat),
    gameId,
    version: state.version,
    seat,
    level: options.level ?? 1,
    deadline: options.deadline ?? Date.now() + 30_000,
    replyTo,
    view: viewFor(state, seat),
  };
}

/**
 * Full states of a match of four heuristic bots (seeded by `label`) at each decision `keep`
 * picks: positions of real play for tests.
 */
export function matchStates(
  label: string,
  keep: (state: GameState) => boolean,
  options: { profile?: Profile; dealer?: Seat } = {},
): GameState[] {
  const out: GameState[] = [];
  const bots = seatChooser(SEATS.map((s) => POLICIES.level1(`${label}${s}`)));
  driveMatch(
    {
      profile: options.profile ?? PROFILE_R,
      dealer: options.dealer ?? 0,
      seedFor: (h) => deriveSeed(label, h),
    },
    (state, seat, legal) => {
      if (keep(state)) out.push(state);
      return bots(state, seat, legal);
    },
  );
  return out;
}
