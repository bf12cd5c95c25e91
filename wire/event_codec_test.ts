import assert from "node:assert/strict";
import {
  type GameEvent,
  makeProfile,
  type Profile,
  PROFILE_KM,
  PROFILE_R,
  redact,
} from "@baloot/rules";
import { EVENT_TYPES, parseEvent } from "./event_codec.ts";
import { randomMatch } from "./_testing.ts";

const KASHO_ON = makeProfile("R", { kasho: "ROTATE", lockChoice: "AT_FOUR" }) as Profile;

/** Events of a few random matches, both profiles and a customised one. */
function sampleEvents(): GameEvent[] {
  const events: GameEvent[] = [];
  for (const [profile, label] of [[PROFILE_R, "a"], [PROFILE_KM, "b"], [KASHO_ON, "c"]] as const) {
    events.push(...randomMatch(profile, label).events);
  }
  return events;
}

const SAMPLE = sampleEvents();

/** Hand-made events of the types random play rarely or never produces. */
const RARE: GameEvent[] = [
  { type: "KASHO", seat: 2, cards: ["7S", "8S", "9H", "7D", "8C"] },
  { type: "HAND_CANCELLED", reason: "KASHO", nextDealer: 1 },
  { type: "HOKUM_DECISION", seat: 1, decision: "SWITCH_SUN" },
  { type: "BID", seat: 0, round: 2, call: "BEFORE_YOU" },
  {
    type: "SAWA",
    seat: 1,
    hands: [["AS", "KS"], ["JH", "9H"], ["7D", "8D"], ["7C", "8C"]],
    baloot: null,
  },
  { type: "ESCALATE", seat: 3, call: "GAHWA" },
  { type: "PLAY", seat: 0, card: "QH", baloot: true },
  { type: "PLAY", seat: 0, card: "KD", ekka: true },
  { type: "MATCH_END", winner: 1, reason: "GAHWA", score: [40, 12] },
];

Deno.test("parseEvent() accepts every event of recorded matches, unchanged", () => {
  const seen = new Set<string>();
  for (const e of [...SAMPLE, ...RARE]) {
    const wire = JSON.parse(JSON.stringify(e));
    const parsed = parseEvent(wire);
    assert.notEqual(typeof parsed, "string", `${e.type}: ${parsed}`);
    assert.deepEqual(parsed, wire);
    seen.add(e.type);
  }
  assert.deepEqual([...seen].sort(), [...EVENT_TYPES].sort(), "every event type is exercised");
});

Deno.test("parseEvent() refuses hidden fields in full events, accepts them when redacted", () => {
  let hiddenSeen = 0;
  for (const e of SAMPLE.slice(0, 200)) {
    for (const audience of [0, 1, 2, 3, "spectator"] as const) {
      const r = JSON.parse(JSON.stringify(redact(e, audience)));
      assert.notEqual(typeof parseEvent(r, { redacted: true }), "string");
      const full = parseEvent(r);
      if (JSON.stringify(r).includes("null") && typeof full === "string") {
        assert.match(full, /hidden \(null\) in a full event/);
        hiddenSeen++;
      }
    }
  }
  assert.ok(hiddenSeen > 0);
});

const START = SAMPLE[0];
const profileOf = (over: Record<string, unknown>) => ({
  type: "MATCH_START",
  profile: { ...(START as { profile: Profile }).profile, ...over },
  dealer: 0,
});
const hand = ["AS", "KS", "QS", "JS", "TS"];

/** [what, value, expected message]. */
const BAD: [string, unknown, string][] = [
  ["not an object", [1, 2], "expected a JSON object, got [1,2]"],
  ["no type", { seat: 0 }, "type: missing"],
  ["unknown type", { type: "FOLD", seat: 0 }, 'type: unknown event type "FOLD"'],
  ["type not a string", { type: 7 }, "type: unknown event type 7"],
  ["bad card", { type: "PLAY", seat: 0, card: "ZZ" }, 'PLAY.card: "ZZ" is not a card'],
  ["alias card", { type: "PLAY", seat: 0, card: "10D" }, 'PLAY.card: "10D" is not a card'],
  ["bad seat", { type: "PLAY", seat: 4, card: "AS" }, "PLAY.seat: expected a seat 0..3, got 4"],
  [
    "seat as string",
    { type: "PLAY", seat: "0", card: "AS" },
    'PLAY.seat: expected a seat 0..3, got "0"',
  ],
  ["missing field", { type: "PLAY", seat: 0 }, "PLAY.card: missing"],
  ["unknown field", { type: "PLAY", seat: 0, card: "AS", note: 1 }, "PLAY.note: unknown field"],
  [
    "baloot not boolean",
    { type: "PLAY", seat: 0, card: "QS", baloot: 1 },
    "PLAY.baloot: expected true or false, got 1",
  ],
  [
    "HOKUM without suit",
    { type: "BID", seat: 0, round: 1, call: "HOKUM" },
    "BID.suit: missing (a HOKUM call names its suit)",
  ],
  [
    "PASS with suit",
    { type: "BID", seat: 0, round: 1, call: "PASS", suit: "S" },
    "BID.suit: only HOKUM has one",
  ],
  [
    "bad round",
    { type: "BID", seat: 0, round: 3, call: "PASS" },
    "BID.round: expected one of 1, 2, got 3",
  ],
  [
    "bad call",
    { type: "ESCALATE", seat: 0, call: "REDOUBLE" },
    'ESCALATE.call: expected one of PASS, DOUBLE, TRIPLE, FOUR, GAHWA, got "REDOUBLE"',
  ],
  [
    "bad seed",
    { type: "SEED_REVEAL", hand: 1, seed: "AB".repeat(32) },
    `SEED_REVEAL.seed: "ABABABABABABABABABABABABABABABABABAB... is not a seed (64 lower-case hex digits)`,
  ],
  [
    "hand 0",
    { type: "SEED_REVEAL", hand: 0, seed: "ab".repeat(32) },
    "SEED_REVEAL.hand: expected an integer 1 or more, got 0",
  ],
  ["short hand", {
    type: "DEAL_INITIAL",
    hands: [hand, hand, hand, hand.slice(1)],
    faceUp: "AH",
    stock: [],
  }, "DEAL_INITIAL.hands[3]: expected 5 items, got 4"],
  ["bad hand card", {
    type: "DEAL_INITIAL",
    hands: [hand, hand, ["AS", "KS", "QS", "JS", "1S"], hand],
    faceUp: "AH",
    stock: [],
  }, 'DEAL_INITIAL.hands[2][4]: "1S" is not a card'],
  ["completion total", {
    type: "DEAL_COMPLETION",
    cards: [["AS", "KS"], ["QS", "JS"], ["TS", "9S"], ["8S", "7S"]],
  }, "DEAL_COMPLETION.cards: expected 11 cards in all, got 8"],
  ["Sun with trump", {
    type: "CONTRACT_SET",
    mode: "SUN",
    trump: "S",
    buyer: 0,
    ashkal: false,
    recipient: 0,
    round: 1,
  }, 'CONTRACT_SET.trump: "S" does not fit a SUN contract'],
  [
    "trick 9",
    { type: "TRICK_END", trick: 9, winner: 0, points: 10 },
    "TRICK_END.trick: expected an integer 1..8, got 9",
  ],
  [
    "negative points",
    { type: "TRICK_END", trick: 1, winner: 0, points: -1 },
    "TRICK_END.points: expected an integer 0 or more, got -1",
  ],
  [
    "fraction",
    { type: "TRICK_END", trick: 1.5, winner: 0, points: 1 },
    "TRICK_END.trick: expected an integer 1..8, got 1.5",
  ],
  [
    "profile: unknown id",
    profileOf({ id: "X" }),
    'MATCH_START.profile.id: expected "R" or "KM", got "X"',
  ],
  [
    "profile: bad value",
    profileOf({ sunRounding: "UP" }),
    "MATCH_START.profile.sunRounding: expected one of NEAREST_TEN_KEEP_FIVE, DOUBLE_THEN_ROUND",
  ],
  [
    "profile: bad target",
    profileOf({ target: 0 }),
    "MATCH_START.profile.target: expected an integer from 1 to 10000",
  ],
  [
    "profile: unknown key",
    profileOf({ jokers: true }),
    "MATCH_START.profile.jokers: unknown field",
  ],
  ["profile: missing key", profileOf({ kasho: undefined }), "MATCH_START.profile.kasho: missing"],
  ["declaration type", {
    type: "PROJECT_DECLARE",
    seat: 0,
    declarations: [{
      type: "FIFTY",
      project: {
        type: "SIRA",
        kind: "SEQUENCE",
        topRank: "A",
        seat: 0,
        suit: "S",
        cards: ["AS", "KS", "QS"],
      },
    }],
  }, "PROJECT_DECLARE.declarations[0].project.type: SIRA differs from the declared FIFTY"],
  ["declaration seat", {
    type: "PROJECT_DECLARE",
    seat: 1,
    declarations: [{
      type: "SIRA",
      project: {
        type: "SIRA",
        kind: "SEQUENCE",
        topRank: "A",
        seat: 0,
        suit: "S",
        cards: ["AS", "KS", "QS"],
      },
    }],
  }, "PROJECT_DECLARE.declarations[0].project.seat: 0 is not the declaring seat 1"],
  [
    "match end score",
    { type: "MATCH_END", winner: 0, reason: "TARGET", score: [152] },
    "MATCH_END.score: expected 2 items, got 1",
  ],
];

Deno.test("parseEvent() names the field that is wrong", () => {
  for (const [what, value, message] of BAD) {
    assert.equal(parseEvent(value), message, what);
  }
});

Deno.test("parseEvent() checks hand results field by field", () => {
  const result = SAMPLE.find((e) => e.type === "HAND_RESULT")!;
  const mutate = (path: string[], value: unknown) => {
    const copy = JSON.parse(JSON.stringify(result));
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key];
    if (value === undefined) delete target[path.at(-1)!];
    else target[path.at(-1)!] = value;
    return parseEvent(copy);
  };
  assert.equal(
    mutate(["score", "awarded"], [10, "6"]),
    'HAND_RESULT.score.awarded[1]: expected an integer 0 or more, got "6"',
  );
  assert.equal(mutate(["score", "made"], undefined), "HAND_RESULT.score.made: missing");
  assert.equal(
    mutate(["facts", "level"], 5),
    "HAND_RESULT.facts.level: expected one of 1, 2, 3, 4, GAHWA, got 5",
  );
  assert.equal(
    mutate(["facts", "tricks"], [9, 0]),
    "HAND_RESULT.facts.tricks[0]: expected an integer 0..8, got 9",
  );
  assert.equal(
    mutate(["score", "rules"], ["R1", "c 2"]),
    'HAND_RESULT.score.rules[1]: expected a rule id such as "C2", got "c 2"',
  );
  assert.equal(mutate(["facts", "extra"], 1), "HAND_RESULT.facts.extra: unknown field");
});
