/**
 * The events that follow by themselves once a command is applied: the contract and completion
 * deal after the auction, trick ends, the project comparison, the hand result, the seed reveal
 * and the match end. `decide` emits them until none is due.
 *
 * @module
 */

import { type Card, points, rankOf } from "./card.ts";
import { dealCompletion } from "./deal.ts";
import type { GameEvent } from "./events.ts";
import { type Project, type ProjectFact, resolveProjects } from "./projects.ts";
import { type HandFacts, scoreHand } from "./scoring.ts";
import { nextSeat, type Seat, teamOf } from "./seat.ts";
import type { GameState, HandState } from "./state.ts";
import { trickWinner } from "./trick.ts";

/** The next automatic event, or `null` when a seat (or the next deal) is awaited. */
export function nextAutomatic(state: GameState): GameEvent | null {
  const h = state.hand;
  if (!h) return null;
  switch (state.phase) {
    case "BIDDING": {
      if (h.kasho !== null) {
        const same = state.profile!.kasho === "SAME_DEALER";
        return {
          type: "HAND_CANCELLED",
          reason: "KASHO",
          nextDealer: same ? h.dealer : nextSeat(h.dealer),
        };
      }
      const outcome = h.bidding.outcome;
      if (outcome === "ALL_PASS") {
        return { type: "HAND_CANCELLED", reason: "ALL_PASS", nextDealer: nextSeat(h.dealer) };
      }
      if (outcome && !h.contract) return { type: "CONTRACT_SET", ...outcome };
      if (h.contract && !h.completed) {
        return {
          type: "DEAL_COMPLETION",
          cards: dealCompletion(h.stock!, h.dealer, h.contract.recipient),
        };
      }
      return null;
    }
    case "PLAY": {
      const cards = h.trick.cards;
      const trump = h.contract!.trump;
      if (cards.length === 4) {
        const n = h.tricks.length + 1;
        const pts = cards.reduce((s, c) => s + points(c, trump), 0) + (n === 8 ? 10 : 0);
        return {
          type: "TRICK_END",
          trick: n,
          winner: trickWinner(h.trick.leader, cards, trump),
          points: pts,
        };
      }
      const playOver = h.tricks.length === 8 || h.sawa !== null;
      const declared = h.declared;
      if (
        (h.tricks.length > 0 || playOver) && h.projects === null &&
        (declared[0] || declared[1] || declared[2] || declared[3])
      ) {
        return projectsResolved(state, h);
      }
      if (playOver && h.result === null) return handResult(state, h);
      return null;
    }
    case "HAND_OVER": {
      if (!h.seedRevealed) return { type: "SEED_REVEAL", hand: h.no, seed: h.seed! };
      const last = state.results.at(-1);
      if (!h.cancelled && last && last.score.matchWinner !== null) {
        return {
          type: "MATCH_END",
          winner: last.score.matchWinner,
          reason: last.score.matchEnd!,
          score: state.score,
        };
      }
      return null;
    }
    default:
      return null;
  }
}

/** Declared projects per team, in seat order. */
function declaredByTeam(h: HandState): [Project[], Project[]] {
  const out: [Project[], Project[]] = [[], []];
  h.declared.forEach((list, seat) => {
    for (const d of list ?? []) if (d.project) out[teamOf(seat as Seat)].push(d.project);
  });
  return out;
}

function compareContext(state: GameState, h: HandState) {
  return {
    profile: state.profile!,
    mode: h.contract!.mode,
    trump: h.contract!.trump,
    dealer: h.dealer,
  };
}

function projectsResolved(state: GameState, h: HandState): GameEvent {
  const r = resolveProjects(declaredByTeam(h), compareContext(state, h));
  if (typeof r === "string") throw new Error(`rules: ${r}`); // seats differ, so never
  return {
    type: "PROJECTS_RESOLVED",
    winningTeam: r.winningTeam,
    counted: [...r.counted[0], ...r.counted[1]],
  };
}

/** Whether the Baloot of `seat` is absorbed by a declared Hundred holding the trump K or Q (V26). */
function balootAbsorbed(state: GameState, h: HandState, seat: Seat): boolean {
  const trump = h.contract!.trump!;
  const pair = [`K${trump}`, `Q${trump}`] as Card[];
  return (h.declared[seat] ?? []).some((d) => {
    const p = d.project;
    if (!p || p.type !== "HUNDRED") return false;
    if (state.profile!.balootInHundred === "FOUR_KINGS_OR_QUEENS_ONLY") {
      return p.kind === "FOUR_OF_A_KIND" && "KQ".includes(p.topRank);
    }
    return p.cards.some((c) => pair.includes(c));
  });
}

/** The hand facts of a finished hand, as the scorer reads them. */
export function handFacts(state: GameState, h: HandState): { facts: HandFacts; absorbed: boolean } {
  const contract = h.contract!;
  const esc = h.escalation;
  const absorbed = h.baloot !== null && balootAbsorbed(state, h, h.baloot);
  const toFact = (p: Project): ProjectFact => ({
    type: p.type,
    kind: p.kind,
    topRank: p.topRank,
    seat: p.seat,
    suit: p.suit,
  });
  const declared = declaredByTeam(h);
  const facts: HandFacts = {
    mode: contract.mode,
    buyerTeam: teamOf(contract.buyer),
    level: esc.level,
    doublerTeam: esc.doubler === null ? null : teamOf(esc.doubler),
    cardRaw: [h.raw[0], h.raw[1]],
    tricks: [h.tricksWon[0], h.tricksWon[1]],
    projects: [declared[0].map(toFact), declared[1].map(toFact)],
    balootTeam: h.baloot === null || absorbed ? null : teamOf(h.baloot),
    matchBefore: [state.score[0], state.score[1]],
    dealer: h.dealer,
    trump: contract.trump,
    faceUpRank: rankOf(h.faceUp!),
  };
  return { facts, absorbed };
}

function handResult(state: GameState, h: HandState): GameEvent {
  const { facts, absorbed } = handFacts(state, h);
  const score = scoreHand(facts, state.profile!);
  if (typeof score === "string") throw new Error(`rules: ${score}`);
  return {
    type: "HAND_RESULT",
    facts,
    score: absorbed ? { ...score, rules: [...score.rules, "K4"] } : score,
  };
}
