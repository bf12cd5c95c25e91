/**
 * Hand scoring (rules spec §2.9–§2.11): conversion, the contract test, Khasara, ties,
 * multipliers, Kaboot, Gahwa, Baloot and the match end. A pure function of the hand facts and
 * the profile; every result lists the rule ids that produced it, and the variations consulted.
 *
 * @module
 */

import type { Mode, Rank, Suit } from "./card.ts";
import type { Profile } from "./profile.ts";
import { type ProjectFact, projectGp, projectRaw, resolveProjects } from "./projects.ts";
import type { Seat, Team } from "./seat.ts";

/** Multiplier level: 1, Double 2, Three 3, Four 4, or Gahwa. */
export type Level = 1 | 2 | 3 | 4 | "GAHWA";

/** The facts a hand's score depends on (`../shared/rules/hand-facts.md`). */
export interface HandFacts {
  readonly mode: Mode;
  readonly buyerTeam: Team;
  readonly level: Level;
  /** The team that made the first Double, `null` at level 1. */
  readonly doublerTeam: Team | null;
  /** Card raw per team, the last-trick 10 included. */
  readonly cardRaw: readonly [number, number];
  /** Tricks won per team. */
  readonly tricks: readonly [number, number];
  /** Declared projects per team, before the comparison. */
  readonly projects: readonly [readonly ProjectFact[], readonly ProjectFact[]];
  /** The team that announced a scoring Baloot, or `null`. */
  readonly balootTeam: Team | null;
  /** The match score before the hand, or `null`. */
  readonly matchBefore: readonly [number, number] | null;
  /** The dealer, for the project seat-order tie-break (seat 3 when absent). */
  readonly dealer?: Seat;
  /** The trump suit, for the trump-sequence tie-break option (V28). */
  readonly trump?: Suit | null;
  /** The face-up card's rank, for the face-up-Ace Kaboot option (V24). */
  readonly faceUpRank?: Rank;
}

/** A scored hand. */
export interface HandScore {
  /** Game points each team adds to its match score. */
  readonly awarded: readonly [number, number];
  /** Whether the buyer's team made its contract. */
  readonly made: boolean;
  /** Whether one team took all eight tricks. */
  readonly kaboot: boolean;
  /** The team that wins the match with this hand, else `null`. */
  readonly matchWinner: Team | null;
  /** How the match ended with this hand, if it did. */
  readonly matchEnd: "TARGET" | "GAHWA" | null;
  /** Both teams reached the target with equal totals: one more hand is dealt ([M2]). */
  readonly extraHand: boolean;
  /** Rule ids applied, in order (e.g. `R1`, `C2`, `S1`, `A1`). */
  readonly rules: readonly string[];
  /** Variations consulted, as `V16=RAW_WITH_BALOOT`. */
  readonly variations: readonly string[];
  /** Converted card points per team ([C1]/[C2]). */
  readonly cardGp: readonly [number, number];
  /** Counted project points per team, unmultiplied ([C3], [J4]). */
  readonly projectGp: readonly [number, number];
  /** Baloot points awarded per team ([K2]). */
  readonly balootGp: readonly [number, number];
  /** The team whose projects counted, or `null`. */
  readonly projectWinner: Team | null;
  /** The match score after the hand, or `null` when `matchBefore` was `null`. */
  readonly matchAfter: readonly [number, number] | null;
}

/**
 * Sun card game points ([C1], V14).
 *
 * @example
 * ```ts
 * import { PROFILE_R, sunCardGp } from "@baloot/rules";
 * [64, 65, 66, 73].map((raw) => sunCardGp(raw, PROFILE_R)); // [12, 13, 14, 14]
 * ```
 */
export function sunCardGp(raw: number, profile: Profile): number {
  if (profile.sunRounding === "DOUBLE_THEN_ROUND") return Math.floor(raw / 5 + 0.5);
  const units = raw % 10;
  return 2 * Math.floor(raw / 10) + (units >= 6 ? 2 : units === 5 ? 1 : 0);
}

/**
 * Hokum card game points of both teams ([C2], V15): ÷10 with .5 rounded down, and the 6/6
 * correction when the two add up to 17.
 */
export function hokumCardGp(raw: readonly [number, number], profile: Profile): [number, number] {
  const gp = raw.map((r) => Math.floor(r / 10) + (r % 10 >= 6 ? 1 : 0)) as [number, number];
  if (gp[0] + gp[1] === 17) {
    const [u0, u1] = [raw[0] % 10, raw[1] % 10];
    let off: Team = u0 !== u1 ? (u0 > u1 ? 0 : 1) : raw[0] >= raw[1] ? 0 : 1;
    if (profile.hokum66 === "HIGHER_RAW_KEEPS") off = raw[0] >= raw[1] ? 1 : 0;
    gp[off] -= 1;
  }
  return gp;
}

/** Converted card points of both teams, with the rule id used. */
export function cardGp(
  mode: Mode,
  raw: readonly [number, number],
  profile: Profile,
): [number, number] {
  return mode === "SUN"
    ? [sunCardGp(raw[0], profile), sunCardGp(raw[1], profile)]
    : hokumCardGp(raw, profile);
}

/** Whether a Sun Double is allowed at this match score ([X3], V10). */
export function sunDoubleAllowed(
  matchBefore: readonly [number, number],
  buyerTeam: Team,
  profile: Profile,
): boolean {
  return matchBefore[buyerTeam] > profile.sunDoubleBuyerAbove &&
    matchBefore[1 - buyerTeam] <= profile.sunDoubleDoublerAtMost;
}

/** Checks the facts; returns a message naming the first bad field, or `null`. */
export function checkFacts(f: HandFacts, profile: Profile): string | null {
  const total = f.mode === "SUN" ? 130 : 162;
  if (f.cardRaw[0] + f.cardRaw[1] !== total) {
    return `cardRaw: must add up to ${total} in ${f.mode}, got ${f.cardRaw[0] + f.cardRaw[1]}`;
  }
  if (f.tricks[0] + f.tricks[1] !== 8) return "tricks: must add up to 8";
  for (const t of [0, 1] as const) {
    if (f.tricks[t] === 0 && f.cardRaw[t] !== 0) {
      return `cardRaw: team ${t} won no trick but has ${f.cardRaw[t]} raw`;
    }
  }
  if (f.mode === "SUN" && f.level !== 1 && f.level !== 2) {
    return "level: Sun has only the Double (level 1 or 2)";
  }
  if (f.level === 1 && f.doublerTeam !== null) return "doublerTeam: must be null at level 1";
  if (f.level !== 1 && f.doublerTeam !== 1 - f.buyerTeam) {
    return "doublerTeam: the first Double is made by the defending team";
  }
  if (
    f.mode === "SUN" && f.level === 2 && f.matchBefore &&
    !sunDoubleAllowed(f.matchBefore, f.buyerTeam, profile)
  ) {
    return `level: a Sun Double needs the buyer's team above ${profile.sunDoubleBuyerAbove} ` +
      `and the doubling team at most ${profile.sunDoubleDoublerAtMost} (X3)`;
  }
  if (f.mode === "SUN" && f.balootTeam !== null) return "balootTeam: Baloot exists only in Hokum";
  for (const list of f.projects) {
    for (const p of list) {
      const bad = checkProject(p, f.mode);
      if (bad) return bad;
    }
  }
  return null;
}

function checkProject(p: ProjectFact, mode: Mode): string | null {
  if (p.type === "FOUR_HUNDRED") {
    if (mode !== "SUN") {
      return "projects: Four Hundred exists only in Sun (four Aces are a Hundred)";
    }
    if (p.kind !== "FOUR_OF_A_KIND" || p.topRank !== "A") {
      return "projects: Four Hundred is four Aces";
    }
    return null;
  }
  if (p.kind === "FOUR_OF_A_KIND") {
    if (p.type !== "HUNDRED") return "projects: four of a kind is a Hundred";
    if (!["K", "Q", "J", "T"].includes(p.topRank) && !(p.topRank === "A" && mode === "HOKUM")) {
      return `projects: four ${p.topRank}s are not a Hundred in ${mode}`;
    }
    return null;
  }
  const minTop = { SIRA: "9", FIFTY: "T", HUNDRED: "J" }[p.type];
  const order = "789TJQKA";
  if (order.indexOf(p.topRank) < order.indexOf(minTop)) {
    return `projects: a ${p.type} cannot have ${p.topRank} as its top card`;
  }
  return null;
}

/**
 * Scores a hand (§2.11). The facts must be valid (see {@linkcode checkFacts}); an unbreakable
 * project tie is reported as a string.
 *
 * @example
 * ```ts
 * import { PROFILE_R, scoreHand } from "@baloot/rules";
 * const s = scoreHand({
 *   mode: "HOKUM", buyerTeam: 0, level: 1, doublerTeam: null, cardRaw: [98, 64],
 *   tricks: [5, 3], projects: [[], []], balootTeam: null, matchBefore: [0, 0],
 * }, PROFILE_R);
 * if (typeof s !== "string") s.awarded; // [10, 6]
 * ```
 */
export function scoreHand(f: HandFacts, profile: Profile): HandScore | string {
  const rules: string[] = ["R1"];
  const variations: string[] = [];
  const v = (id: string, value: unknown) => variations.push(`${id}=${value}`);
  const B = f.buyerTeam, O = (1 - B) as Team;
  const base = f.mode === "SUN" ? 26 : 16;
  const gahwa = f.level === "GAHWA";
  const level = gahwa ? 4 : f.level as number;

  const ctx = {
    profile,
    mode: f.mode,
    trump: f.trump ?? null,
    dealer: f.dealer ?? 3 as Seat,
  };
  const resolution = resolveProjects(f.projects, ctx);
  if (typeof resolution === "string") return resolution;
  if (f.projects[0].length + f.projects[1].length > 0) {
    rules.push("J4");
    if (f.mode === "HOKUM" && f.projects.some((l) => l.some((p) => p.kind === "FOUR_OF_A_KIND"))) {
      v("V27", profile.hundredOrder);
    }
  }
  const counted = resolution.counted;
  const projGp = counted.map((l) => l.reduce((s, p) => s + projectGp(p.type, f.mode), 0)) as [
    number,
    number,
  ];
  const projRaw = counted.map((l) => l.reduce((s, p) => s + projectRaw(p.type), 0));
  if (projGp[0] + projGp[1] > 0) rules.push("C3");
  const baloot = (t: Team) => (!gahwa && f.balootTeam === t ? 1 : 0);
  const awarded: [number, number] = [0, 0];
  const balootGp: [number, number] = [0, 0];
  const result = (made: boolean, kaboot: boolean, cardGpPair: [number, number]): HandScore =>
    finish(
      f,
      profile,
      { awarded, made, kaboot, cardGp: cardGpPair, projectGp: projGp, balootGp },
      resolution.winningTeam,
      rules,
      variations,
    );

  // 1. Kaboot ([Q1]–[Q5]).
  const kabootTeam = f.tricks[0] === 8 ? 0 : f.tricks[1] === 8 ? 1 : null;
  if (kabootTeam !== null) {
    const k = kabootTeam, other = (1 - k) as Team;
    rules.push("Q1", "Q2");
    const made = k === B;
    if (gahwa) {
      const gp = cardGp(f.mode, f.cardRaw, profile);
      return gahwaResult(f, profile, k, made, rules, variations, {
        cardGp: gp,
        projectGp: projGp,
      }, resolution.winningTeam);
    }
    let value = f.mode === "SUN" ? 44 : 25;
    if (f.mode === "SUN" && k === O) {
      rules.push("Q4");
      v("V23", profile.reverseKabootSun);
      value = profile.reverseKabootSun;
    }
    if (profile.faceUpAceDoublesKaboot && f.faceUpRank === "A") {
      v("V24", true);
      value *= 2;
    }
    if (level > 1) {
      rules.push("Q3");
      v("V22", profile.kabootMultiplied ? "MULTIPLIED" : "FLAT");
      if (profile.kabootMultiplied) value *= level;
    }
    const projMult = profile.kabootProjects === "CAP_2" ? Math.min(level, 2) : 1;
    awarded[k] = value + projGp[k] * projMult;
    v("V25", profile.kabootLoser);
    if (profile.kabootLoser === "PROJECTS_TO_KABOOT_TEAM") awarded[k] += projGp[other] * projMult;
    if (baloot(k)) balootGp[k] = 2;
    if (baloot(other) && profile.kabootLoser !== "ALL_VOID") balootGp[other] = 2;
    if (balootGp[0] + balootGp[1] > 0) rules.push("K2");
    return result(made, true, cardGp(f.mode, f.cardRaw, profile));
  }

  // 2. Conversion.
  const gp = cardGp(f.mode, f.cardRaw, profile);
  rules.push(f.mode === "SUN" ? "C1" : "C2");
  if (f.mode === "SUN") v("V14", profile.sunRounding);
  else if (f.cardRaw[0] % 10 === 6 && f.cardRaw[1] % 10 === 6) v("V15", profile.hokum66);

  // 3. The contract test ([S1]–[S3]).
  rules.push("S1");
  v("V16", profile.contractTest);
  const side = (t: Team): [number, number] => {
    switch (profile.contractTest) {
      case "RAW_WITH_BALOOT":
        return [f.cardRaw[t] + projRaw[t] + 20 * baloot(t), 0];
      case "GP_WITH_BALOOT":
        return [gp[t] + projGp[t] + 2 * baloot(t), 0];
      case "GP_THEN_RAW":
        return [gp[t] + projGp[t], f.cardRaw[t] + projRaw[t]];
      case "CARD_RAW":
        return [f.cardRaw[t], 0];
    }
  };
  const [b, o] = [side(B), side(O)];
  let made: boolean;
  if (b[0] !== o[0]) made = b[0] > o[0];
  else if (b[1] !== o[1]) made = b[1] > o[1];
  else if (level === 1) {
    rules.push("S2");
    v("V17", profile.undoubledTie);
    made = profile.undoubledTie === "BUYER_MAKES" ||
      (profile.undoubledTie === "SUN_MAKES_HOKUM_FAILS" && f.mode === "SUN");
  } else {
    rules.push("S3");
    v("V18", profile.doubledTie);
    // The last announcer: Double and Four by the defenders, Three and Gahwa by the buyer's team.
    const lastByBuyer = level === 3 || gahwa;
    made = profile.doubledTie === "INITIAL_DOUBLER_LOSES" ? f.doublerTeam === O : !lastByBuyer;
  }

  // 4. Points.
  if (made) {
    awarded[B] = gp[B] + projGp[B];
    awarded[O] = gp[O] + projGp[O];
  } else {
    v("V19", profile.projectsOnKhasara);
    awarded[O] = base + projGp[O] + (profile.projectsOnKhasara === "TO_DEFENDERS" ? projGp[B] : 0);
    awarded[B] = 0;
  }
  if (level === 1) rules.push(made ? "A1" : "A2");
  else if (!made) rules.push("A2");

  // 5. Gahwa and multipliers.
  if (gahwa) {
    return gahwaResult(f, profile, made ? B : O, made, rules, variations, {
      cardGp: gp,
      projectGp: projGp,
    }, resolution.winningTeam);
  }
  if (level > 1) {
    rules.push("A3");
    if (f.mode === "SUN") rules.push("X3");
    const W = made ? B : O, L = (1 - W) as Team;
    v("V21", profile.projectMultiplier);
    v("V34", profile.doubledPoolHasLoserProjects);
    const loserProjectsKept = profile.doubledPoolHasLoserProjects &&
      !(!made && L === B && profile.projectsOnKhasara === "VOID");
    const pool = [...counted[W], ...(loserProjectsKept ? counted[L] : [])];
    const projects = pool.reduce((s, p) => {
      const m = profile.projectMultiplier === "FULL"
        ? level
        : profile.projectMultiplier === "CAP_2"
        ? Math.min(level, 2)
        : p.type === "HUNDRED"
        ? 2
        : 1;
      return s + projectGp(p.type, f.mode) * m;
    }, 0);
    awarded[W] = base * level + projects;
    awarded[L] = 0;
  }

  // 6. Baloot ([K2], V20): never multiplied.
  if (f.balootTeam !== null) {
    const h = f.balootTeam;
    rules.push("K2");
    if (made) balootGp[h] = 2;
    else {
      v("V20", profile.balootOnKhasara);
      if (profile.balootOnKhasara === "HOLDER_KEEPS") balootGp[h] = 2;
      else if (profile.balootOnKhasara === "TO_WINNER") balootGp[O] = 2;
      else if (h === O) balootGp[h] = 2;
    }
  }
  return result(made, false, gp);
}

type ScoreParts = Pick<
  HandScore,
  "awarded" | "made" | "kaboot" | "cardGp" | "projectGp" | "balootGp"
>;

function gahwaResult(
  f: HandFacts,
  profile: Profile,
  winner: Team,
  made: boolean,
  rules: string[],
  variations: string[],
  p: Omit<ScoreParts, "awarded" | "made" | "kaboot" | "balootGp">,
  projectWinner: Team | null,
): HandScore {
  rules.push("X2", "A4");
  variations.push(`GAHWA=${profile.gahwaRecord}`);
  const awarded: [number, number] = [0, 0];
  if (profile.gahwaRecord === "FLAT_TARGET") awarded[winner] = profile.target;
  return {
    ...p,
    awarded,
    made,
    kaboot: f.tricks[winner] === 8,
    balootGp: [0, 0],
    matchWinner: winner,
    matchEnd: "GAHWA",
    extraHand: false,
    rules,
    variations,
    projectWinner,
    matchAfter: f.matchBefore
      ? [f.matchBefore[0] + awarded[0], f.matchBefore[1] + awarded[1]]
      : null,
  };
}

function finish(
  f: HandFacts,
  profile: Profile,
  p: ScoreParts,
  projectWinner: Team | null,
  rules: string[],
  variations: string[],
): HandScore {
  const awarded: [number, number] = [
    p.awarded[0] + p.balootGp[0],
    p.awarded[1] + p.balootGp[1],
  ];
  let matchWinner: Team | null = null;
  let extraHand = false;
  let matchAfter: [number, number] | null = null;
  if (f.matchBefore) {
    matchAfter = [f.matchBefore[0] + awarded[0], f.matchBefore[1] + awarded[1]];
    const [a, b] = matchAfter;
    const t = profile.target;
    if (a >= t || b >= t) {
      rules.push("M1");
      if (profile.target !== 152) variations.push(`V29=${profile.target}`);
      if (a >= t && b >= t) rules.push("M2");
      if (a === b) extraHand = true;
      else matchWinner = a > b ? 0 : 1;
    }
  }
  return {
    ...p,
    awarded,
    matchWinner,
    matchEnd: matchWinner === null ? null : "TARGET",
    extraHand,
    rules,
    variations,
    projectWinner,
    matchAfter,
  };
}
