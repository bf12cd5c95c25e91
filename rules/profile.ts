/**
 * Rule profiles: every variation of the register (rules spec §2.13) that changes play or scoring
 * is a key here. Profile **R** is the default; profile **KM** reproduces Kammelna's scoring.
 * Where §2.13 marks a KM setting unknown, KM takes the R setting (§2.14).
 *
 * Fixed for every profile, with the reason:
 * - V01 (who cuts): no effect on play or scoring.
 * - V07 (escalation window): before the first card; the "during play" reading has no described
 *   mechanics to implement.
 * - V30 (Qayd): online tables are strict, illegal cards are refused (architecture decision 7).
 * - V32 (declare in trick 1, show at trick 2) and V35 (a run of 6–8 is one Hundred): all sources
 *   agree.
 * - V33 (Baloot call): announced with the second card; the two-phase call scores the same.
 *
 * @module
 */

/** A profile's identifier. */
export type ProfileId = "R" | "KM";

/** Sun rounding of card raw to game points (V14). */
export type SunRounding = "NEAREST_TEN_KEEP_FIVE" | "DOUBLE_THEN_ROUND";
/** Hokum 6/6 case, e.g. 86/76 (V15). */
export type Hokum66 = "PAIR_RULE" | "HIGHER_RAW_KEEPS";
/** The contract test (V16). */
export type ContractTest =
  | "RAW_WITH_BALOOT"
  | "GP_WITH_BALOOT"
  | "GP_THEN_RAW"
  | "CARD_RAW";
/** An undoubled exact tie (V17). */
export type UndoubledTie = "BUYER_MAKES" | "BUYER_FAILS" | "SUN_MAKES_HOKUM_FAILS";
/** A doubled exact tie (V18). */
export type DoubledTie = "INITIAL_DOUBLER_LOSES" | "LAST_ANNOUNCER_LOSES";
/** The failed buyer's counted projects (V19). */
export type ProjectsOnKhasara = "TO_DEFENDERS" | "VOID";
/** The failed buyer's Baloot (V20). */
export type BalootOnKhasara = "HOLDER_KEEPS" | "TO_WINNER" | "LOST";
/** Project multiplier at ×3/×4 (V21). */
export type ProjectMultiplier = "CAP_2" | "FULL" | "HUNDRED_ONLY_X2";
/** The losing side under Kaboot (V25). */
export type KabootLoser = "PROJECTS_VOID_BALOOT_KEPT" | "ALL_VOID" | "PROJECTS_TO_KABOOT_TEAM";
/** Baloot and a declared Hundred holding the trump K or Q (V26). */
export type BalootInHundred = "ABSORBED" | "FOUR_KINGS_OR_QUEENS_ONLY";
/** Sequence Hundred against a four-of-a-kind Hundred (V27). */
export type HundredOrder = "SEQUENCE_FIRST" | "TOP_RANK";
/** Equal best projects (V28). */
export type ProjectTieBreak = "SEAT_ORDER" | "TRUMP_SEQUENCE_THEN_SEAT";
/** The partner-winning exemption from trumping (V11). */
export type PartnerExemption = "ALWAYS" | "FOURTH_OR_SURE_WINNER" | "NONE";
/** A player who cannot overtrump (V12). */
export type CannotOvertrump = "UNDERTRUMP" | "FREE";
/** Who may Three, Four and Gahwa (V08). */
export type EscalationBy = "TEAM" | "SEAT";
/** Who chooses open or locked play (V09). */
export type LockChoice = "EACH_CALL" | "AT_DOUBLE" | "AT_FOUR";
/**
 * Kasho annulment (V31, [L6]): off, or on with the deal rotating (sakkah) or kept (tazjel).
 * Both definitions of the hand (no A, K, Q, J, 10; five cards of 7–9) name the same five cards.
 */
export type Kasho = "OFF" | "ROTATE" | "SAME_DEALER";
/** How a Gahwa hand is written down (§2.14 decision 3). */
export type GahwaRecord = "MATCH_WIN" | "FLAT_TARGET";
/** Projects of a Kaboot team under doubling (§2.14 decision 1). */
export type KabootProjects = "CAP_2" | "UNMULTIPLIED";

/** Every rule setting a table can choose. */
export interface Profile {
  /** Which named profile these settings started from. */
  readonly id: ProfileId;
  /** V29: game points that win the match (152; older sources 151). */
  readonly target: number;
  /** V03: Ashkal allowed in the second round (for the dealer and dealer-left). */
  readonly ashkalSecondRound: boolean;
  /** V03: Ashkal allowed when the face-up card is an Ace. */
  readonly ashkalOverAce: boolean;
  /** V04: with a face-up Ace only the dealer's right may take Sun. */
  readonly aceSunDealerRightOnly: boolean;
  /** V08: who may answer with Three, Four and Gahwa. */
  readonly escalationBy: EscalationBy;
  /** V09: who chooses open or locked play. */
  readonly lockChoice: LockChoice;
  /** V10: a Sun Double needs the buyer's team strictly above this many points... */
  readonly sunDoubleBuyerAbove: number;
  /** V10: ...and the doubling team at or below this many points. */
  readonly sunDoubleDoublerAtMost: number;
  /** V11: when a player who cannot follow is excused from trumping because the partner wins. */
  readonly partnerExemption: PartnerExemption;
  /** V12: what a player who cannot overtrump must play. */
  readonly cannotOvertrump: CannotOvertrump;
  /** V14: Sun rounding. */
  readonly sunRounding: SunRounding;
  /** V15: Hokum 86/76 rounding. */
  readonly hokum66: Hokum66;
  /** V16: the contract test. */
  readonly contractTest: ContractTest;
  /** V17: undoubled exact tie. */
  readonly undoubledTie: UndoubledTie;
  /** V18: doubled exact tie. */
  readonly doubledTie: DoubledTie;
  /** V19: projects of a failed buyer. */
  readonly projectsOnKhasara: ProjectsOnKhasara;
  /** V20: Baloot of a failed buyer. */
  readonly balootOnKhasara: BalootOnKhasara;
  /** V21: project multiplier at ×3 and ×4. */
  readonly projectMultiplier: ProjectMultiplier;
  /** V22: Kaboot multiplied by Double, Three, Four. */
  readonly kabootMultiplied: boolean;
  /** V23: points for the defenders' Kaboot in Sun (44 or 88). */
  readonly reverseKabootSun: number;
  /** V24: a face-up Ace doubles the Kaboot value. */
  readonly faceUpAceDoublesKaboot: boolean;
  /** V25: the losing side under Kaboot. */
  readonly kabootLoser: KabootLoser;
  /** V26: Baloot inside a declared Hundred. */
  readonly balootInHundred: BalootInHundred;
  /** V27: sequence Hundred against four of a kind. */
  readonly hundredOrder: HundredOrder;
  /** V28: equal best projects. */
  readonly projectTieBreak: ProjectTieBreak;
  /** V31: Kasho annulment. */
  readonly kasho: Kasho;
  /** V34: the doubled pool includes the losing side's counted projects. */
  readonly doubledPoolHasLoserProjects: boolean;
  /** §2.14 decision 1: projects of a Kaboot team under doubling. */
  readonly kabootProjects: KabootProjects;
  /** §2.14 decision 3: how Gahwa is written on the score sheet. */
  readonly gahwaRecord: GahwaRecord;
}

/** Profile R, the reference defaults of §2.13. */
export const PROFILE_R: Profile = Object.freeze({
  id: "R",
  target: 152,
  ashkalSecondRound: true,
  ashkalOverAce: true,
  aceSunDealerRightOnly: false,
  escalationBy: "TEAM",
  lockChoice: "EACH_CALL",
  sunDoubleBuyerAbove: 100,
  sunDoubleDoublerAtMost: 100,
  partnerExemption: "ALWAYS",
  cannotOvertrump: "UNDERTRUMP",
  sunRounding: "NEAREST_TEN_KEEP_FIVE",
  hokum66: "PAIR_RULE",
  contractTest: "RAW_WITH_BALOOT",
  undoubledTie: "BUYER_MAKES",
  doubledTie: "INITIAL_DOUBLER_LOSES",
  projectsOnKhasara: "TO_DEFENDERS",
  balootOnKhasara: "HOLDER_KEEPS",
  projectMultiplier: "CAP_2",
  kabootMultiplied: false,
  reverseKabootSun: 44,
  faceUpAceDoublesKaboot: false,
  kabootLoser: "PROJECTS_VOID_BALOOT_KEPT",
  balootInHundred: "ABSORBED",
  hundredOrder: "SEQUENCE_FIRST",
  projectTieBreak: "SEAT_ORDER",
  kasho: "OFF",
  doubledPoolHasLoserProjects: true,
  kabootProjects: "CAP_2",
  gahwaRecord: "MATCH_WIN",
});

/** Profile KM, Kammelna's scoring as reverse-engineered (§2.11, §2.13, §2.14). */
export const PROFILE_KM: Profile = Object.freeze({
  ...PROFILE_R,
  id: "KM",
  lockChoice: "AT_DOUBLE",
  contractTest: "GP_THEN_RAW",
  undoubledTie: "SUN_MAKES_HOKUM_FAILS",
  balootOnKhasara: "TO_WINNER",
  projectMultiplier: "FULL",
  kabootLoser: "PROJECTS_TO_KABOOT_TEAM",
  kabootProjects: "UNMULTIPLIED",
  gahwaRecord: "FLAT_TARGET",
});

/** The named profiles. */
export const PROFILES: Readonly<Record<ProfileId, Profile>> = { R: PROFILE_R, KM: PROFILE_KM };

/** Whether `value` names a profile. */
export function isProfileId(value: unknown): value is ProfileId {
  return value === "R" || value === "KM";
}

/** The allowed values of every enumerated profile key, for validation and documentation. */
export const PROFILE_OPTIONS: Readonly<Record<string, readonly (string | boolean | number)[]>> = {
  ashkalSecondRound: [true, false],
  ashkalOverAce: [true, false],
  aceSunDealerRightOnly: [true, false],
  escalationBy: ["TEAM", "SEAT"],
  lockChoice: ["EACH_CALL", "AT_DOUBLE", "AT_FOUR"],
  partnerExemption: ["ALWAYS", "FOURTH_OR_SURE_WINNER", "NONE"],
  cannotOvertrump: ["UNDERTRUMP", "FREE"],
  sunRounding: ["NEAREST_TEN_KEEP_FIVE", "DOUBLE_THEN_ROUND"],
  hokum66: ["PAIR_RULE", "HIGHER_RAW_KEEPS"],
  contractTest: ["RAW_WITH_BALOOT", "GP_WITH_BALOOT", "GP_THEN_RAW", "CARD_RAW"],
  undoubledTie: ["BUYER_MAKES", "BUYER_FAILS", "SUN_MAKES_HOKUM_FAILS"],
  doubledTie: ["INITIAL_DOUBLER_LOSES", "LAST_ANNOUNCER_LOSES"],
  projectsOnKhasara: ["TO_DEFENDERS", "VOID"],
  balootOnKhasara: ["HOLDER_KEEPS", "TO_WINNER", "LOST"],
  projectMultiplier: ["CAP_2", "FULL", "HUNDRED_ONLY_X2"],
  kabootMultiplied: [true, false],
  reverseKabootSun: [44, 88],
  faceUpAceDoublesKaboot: [true, false],
  kabootLoser: ["PROJECTS_VOID_BALOOT_KEPT", "ALL_VOID", "PROJECTS_TO_KABOOT_TEAM"],
  balootInHundred: ["ABSORBED", "FOUR_KINGS_OR_QUEENS_ONLY"],
  hundredOrder: ["SEQUENCE_FIRST", "TOP_RANK"],
  projectTieBreak: ["SEAT_ORDER", "TRUMP_SEQUENCE_THEN_SEAT"],
  kasho: ["OFF", "ROTATE", "SAME_DEALER"],
  doubledPoolHasLoserProjects: [true, false],
  kabootProjects: ["CAP_2", "UNMULTIPLIED"],
  gahwaRecord: ["MATCH_WIN", "FLAT_TARGET"],
};

/**
 * Builds a profile from a named base and overrides, checking every key. Returns an error
 * message naming the first bad key instead of throwing.
 */
export function makeProfile(
  base: ProfileId,
  overrides: Readonly<Record<string, unknown>> = {},
): Profile | string {
  const result: Record<string, unknown> = { ...PROFILES[base] };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === "id") continue;
    if (key === "target" || key === "sunDoubleBuyerAbove" || key === "sunDoubleDoublerAtMost") {
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 10_000) {
        return `profile.${key}: expected an integer from 1 to 10000`;
      }
    } else if (!(key in PROFILE_OPTIONS)) {
      return `profile.${key}: unknown rule setting`;
    } else if (!PROFILE_OPTIONS[key].includes(value as string)) {
      return `profile.${key}: expected one of ${PROFILE_OPTIONS[key].join(", ")}`;
    }
    result[key] = value;
  }
  return Object.freeze(result) as unknown as Profile;
}
