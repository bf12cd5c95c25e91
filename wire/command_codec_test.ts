import assert from "node:assert/strict";
// Pinned here: fast-check is a test-only dependency, not in the workspace import map.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.10.2";
import {
  DECK,
  driveMatch,
  makeProfile,
  type Profile,
  PROFILE_KM,
  PROFILE_R,
  type Seat,
  type SeatCommand,
  SUITS,
} from "@baloot/rules";
import { parseClientCommand, parseSeatCommand, seatCommand } from "./command_codec.ts";
import { junk, randomChooser } from "./_testing.ts";

const KASHO_ON = makeProfile("R", { kasho: "ROTATE", lockChoice: "AT_FOUR" }) as Profile;
const TYPES = ["BID", "HOKUM_DECISION", "KASHO", "ESCALATE", "DECLARE", "PLAY", "SAWA"];

/** Every legal command offered during a few random matches (both profiles, Kasho on). */
function legalSample(): SeatCommand[] {
  const out: SeatCommand[] = [];
  for (const [profile, label] of [[PROFILE_R, "cc-r"], [PROFILE_KM, "cc-km"], [KASHO_ON, "cc-k"]]) {
    const pick = randomChooser(label as string);
    driveMatch(
      { profile: profile as Profile, dealer: 1, seedFor: (n) => `${n}`.padStart(64, "c") },
      (state, seat, legal) => {
        out.push(...legal);
        return pick(state, seat, legal);
      },
    );
  }
  return out;
}

const SAMPLE = legalSample();

/** Hand-made commands with every type and every optional field. */
const MADE: SeatCommand[] = [
  { type: "BID", seat: 0, call: "PASS" },
  { type: "BID", seat: 1, call: "HOKUM", suit: "H" },
  { type: "BID", seat: 2, call: "SUN" },
  { type: "BID", seat: 3, call: "ASHKAL" },
  { type: "BID", seat: 0, call: "BEFORE_YOU" },
  { type: "HOKUM_DECISION", seat: 1, decision: "CONFIRM_HOKUM" },
  { type: "HOKUM_DECISION", seat: 1, decision: "SWITCH_SUN" },
  { type: "KASHO", seat: 2 },
  { type: "ESCALATE", seat: 3, call: "PASS" },
  { type: "ESCALATE", seat: 3, call: "DOUBLE", locked: true },
  { type: "ESCALATE", seat: 3, call: "TRIPLE", locked: false },
  { type: "ESCALATE", seat: 0, call: "FOUR" },
  { type: "ESCALATE", seat: 0, call: "GAHWA" },
  { type: "DECLARE", seat: 1, projects: [["7S", "8S", "9S"]] },
  {
    type: "DECLARE",
    seat: 1,
    projects: [["7S", "8S", "9S", "TS", "JS"], ["AH", "AD", "AC", "AS"]],
  },
  { type: "DECLARE", seat: 1, projects: [["7D", "8D", "9D", "TD", "JD", "QD", "KD", "AD"]] },
  { type: "PLAY", seat: 2, card: "AS" },
  { type: "PLAY", seat: 2, card: "QH", baloot: true },
  { type: "PLAY", seat: 2, card: "AD", ekka: true },
  { type: "PLAY", seat: 2, card: "KH", baloot: true, ekka: true },
  { type: "SAWA", seat: 3 },
];

/** A command without its seat, as a client sends it. */
function withoutSeat(c: SeatCommand): Record<string, unknown> {
  const { seat: _, ...rest } = c;
  return rest;
}

/** A structurally valid seat command (the engine may still refuse it). */
const validCommand: fc.Arbitrary<SeatCommand> = (() => {
  const seat = fc.constantFrom<Seat>(0, 1, 2, 3);
  const card = fc.constantFrom(...DECK);
  return fc.oneof(
    fc.record(
      {
        type: fc.constant("BID"),
        seat,
        call: fc.constantFrom("PASS", "HOKUM", "SUN", "ASHKAL", "BEFORE_YOU"),
        suit: fc.constantFrom(...SUITS),
      },
      { requiredKeys: ["type", "seat", "call"] },
    ),
    fc.record({
      type: fc.constant("HOKUM_DECISION"),
      seat,
      decision: fc.constantFrom("CONFIRM_HOKUM", "SWITCH_SUN"),
    }),
    fc.record({ type: fc.constantFrom("KASHO", "SAWA"), seat }),
    fc.record(
      {
        type: fc.constant("ESCALATE"),
        seat,
        call: fc.constantFrom("PASS", "DOUBLE", "TRIPLE", "FOUR", "GAHWA"),
        locked: fc.boolean(),
      },
      { requiredKeys: ["type", "seat", "call"] },
    ),
    fc.record({
      type: fc.constant("DECLARE"),
      seat,
      projects: fc.array(fc.array(card, { minLength: 3, maxLength: 8 }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
    fc.record(
      { type: fc.constant("PLAY"), seat, card, baloot: fc.constant(true), ekka: fc.constant(true) },
      { requiredKeys: ["type", "seat", "card"] },
    ),
  ) as fc.Arbitrary<SeatCommand>;
})();

/** Whether a parser's result is a well-formed command (it parses again to itself). */
function wellFormed(r: SeatCommand): boolean {
  const again = parseSeatCommand(JSON.parse(JSON.stringify(r)));
  return typeof again !== "string" && TYPES.includes(r.type) && isDeepEqual(again, r);
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

Deno.test("parseSeatCommand() and parseClientCommand() round-trip every legal command of real matches", () => {
  assert.ok(SAMPLE.length > 1000, `${SAMPLE.length} commands`);
  const seen = new Set<string>();
  for (const c of [...SAMPLE, ...MADE]) {
    const wire = JSON.parse(JSON.stringify(c));
    assert.deepEqual(parseSeatCommand(wire), wire);
    assert.deepEqual(seatCommand(wire, "x"), wire);
    for (const who of [0, 1, 2, 3] as const) {
      assert.deepEqual(parseClientCommand(withoutSeat(wire), who), { ...wire, seat: who });
    }
    seen.add(c.type);
  }
  assert.deepEqual([...seen].sort(), [...TYPES].sort(), "every command type is exercised");
});

Deno.test("parseSeatCommand() round-trips generated valid commands", () => {
  fc.assert(
    fc.property(validCommand, (c) => {
      const wire = JSON.parse(JSON.stringify(c));
      assert.deepEqual(parseSeatCommand(wire), wire);
      assert.deepEqual(parseClientCommand(withoutSeat(wire), 3), { ...wire, seat: 3 });
    }),
    { numRuns: 1000 },
  );
});

Deno.test("PLAY's announcements are normalised: false is the same as absent", () => {
  assert.deepEqual(
    parseClientCommand({ type: "PLAY", card: "AS", baloot: false, ekka: false }, 1),
    { type: "PLAY", seat: 1, card: "AS" },
  );
  assert.deepEqual(parseClientCommand({ type: "PLAY", card: "AS", ekka: true }, 1), {
    type: "PLAY",
    seat: 1,
    card: "AS",
    ekka: true,
  });
});

Deno.test("a client command is refused with a message naming the field", () => {
  const cases: [unknown, string][] = [
    [{ type: "PLAY", card: "ZZ" }, 'command.card: "ZZ" is not a card'],
    [{ type: "PLAY", card: "as" }, 'command.card: "as" is not a card'],
    [{ type: "PLAY", card: 12 }, "command.card: 12 is not a card"],
    [{ type: "PLAY" }, "command.card: missing"],
    [
      { type: "PLAY", card: "AS", baloot: "yes" },
      'command.baloot: expected true or false, got "yes"',
    ],
    [{ type: "PLAY", card: "AS", ekka: 1 }, "command.ekka: expected true or false, got 1"],
    [{ card: "AS" }, "command.type: missing"],
    [
      { type: "play", card: "AS" },
      'command.type: expected one of BID, HOKUM_DECISION, KASHO, ESCALATE, DECLARE, PLAY, SAWA, got "play"',
    ],
    // System commands never come from a client.
    [
      { type: "START_MATCH", profile: "R", dealer: 0 },
      'command.type: expected one of BID, HOKUM_DECISION, KASHO, ESCALATE, DECLARE, PLAY, SAWA, got "START_MATCH"',
    ],
    [
      { type: "DEAL", seed: "0".repeat(64) },
      'command.type: expected one of BID, HOKUM_DECISION, KASHO, ESCALATE, DECLARE, PLAY, SAWA, got "DEAL"',
    ],
    // The room knows the seat: a client naming one (its own or another's) is refused.
    [{ type: "PLAY", seat: 2, card: "AS" }, "command.seat: unknown field"],
    [{ type: "SAWA", seat: 0 }, "command.seat: unknown field"],
    [{ type: "SAWA", extra: true }, "command.extra: unknown field"],
    [{ type: "KASHO", cards: ["7S"] }, "command.cards: unknown field"],
    [{ type: "BID" }, "command.call: missing"],
    [
      { type: "BID", call: "DOUBLE" },
      'command.call: expected one of PASS, HOKUM, SUN, ASHKAL, BEFORE_YOU, got "DOUBLE"',
    ],
    [
      { type: "BID", call: "HOKUM", suit: "X" },
      'command.suit: expected one of S, H, D, C, got "X"',
    ],
    [
      { type: "BID", call: "HOKUM", suit: null },
      "command.suit: expected one of S, H, D, C, got null",
    ],
    [{ type: "HOKUM_DECISION" }, "command.decision: missing"],
    [
      { type: "HOKUM_DECISION", decision: true },
      "command.decision: expected one of CONFIRM_HOKUM, SWITCH_SUN, got true",
    ],
    [
      { type: "ESCALATE", call: "HOKUM" },
      'command.call: expected one of PASS, DOUBLE, TRIPLE, FOUR, GAHWA, got "HOKUM"',
    ],
    [
      { type: "ESCALATE", call: "DOUBLE", locked: "no" },
      'command.locked: expected true or false, got "no"',
    ],
    [{ type: "DECLARE" }, "command.projects: missing"],
    [{ type: "DECLARE", projects: "7S8S9S" }, 'command.projects: expected an array, got "7S8S9S"'],
    [{ type: "DECLARE", projects: [] }, "command.projects: expected 1..2 items, got 0"],
    [
      { type: "DECLARE", projects: [["7S", "8S", "9S"], ["7H", "8H", "9H"], ["7D", "8D", "9D"]] },
      "command.projects: expected 1..2 items, got 3",
    ],
    [
      { type: "DECLARE", projects: [["7S", "8S"]] },
      "command.projects[0]: expected 3..8 items, got 2",
    ],
    [
      { type: "DECLARE", projects: [[...DECK.slice(0, 9)]] },
      "command.projects[0]: expected 3..8 items, got 9",
    ],
    [
      { type: "DECLARE", projects: [["7S", "8S", "9S"], ["7H", "XX", "9H"]] },
      'command.projects[1][1]: "XX" is not a card',
    ],
    [null, "command: expected a JSON object, got null"],
    [undefined, "command: expected a JSON object, got undefined"],
    [[], "command: expected a JSON object, got []"],
    ["PLAY AS", 'command: expected a JSON object, got "PLAY AS"'],
    [42, "command: expected a JSON object, got 42"],
  ];
  for (const [value, message] of cases) {
    assert.equal(parseClientCommand(value, 0), message, JSON.stringify(value));
  }
});

Deno.test("a Brain's command must name a valid seat", () => {
  assert.equal(parseSeatCommand({ type: "SAWA" }), "command.seat: missing");
  assert.equal(
    parseSeatCommand({ type: "SAWA", seat: 4 }),
    "command.seat: expected a seat 0..3, got 4",
  );
  assert.equal(
    parseSeatCommand({ type: "SAWA", seat: "1" }),
    'command.seat: expected a seat 0..3, got "1"',
  );
  assert.equal(
    parseSeatCommand({ type: "SAWA", seat: -1 }, "reply.command"),
    "reply.command.seat: expected a seat 0..3, got -1",
  );
  assert.equal(
    parseSeatCommand({ type: "SAWA", seat: 1.5 }),
    "command.seat: expected a seat 0..3, got 1.5",
  );
});

Deno.test("long junk in a message is shortened in the error, never echoed whole", () => {
  const r = parseClientCommand({ type: "PLAY", card: "Z".repeat(2000) }, 0);
  assert.equal(typeof r, "string");
  assert.ok((r as string).length < 100, r as string);
});

Deno.test("the parsers never throw on junk: they return a message or a valid command", () => {
  const check = (v: unknown) => {
    for (const r of [parseClientCommand(v, 2), parseSeatCommand(v)]) {
      if (typeof r !== "string") assert.ok(wellFormed(r), JSON.stringify(r));
      else assert.match(r, /^command(\.|: )/);
    }
  };
  fc.assert(fc.property(junk, check), { numRuns: 1000 });
  // Junk inside an otherwise valid command.
  fc.assert(
    fc.property(validCommand, junk, fc.string(), (c, j, key) => {
      check({ ...c, card: j });
      check({ ...withoutSeat(c), projects: [j] });
      check({ ...withoutSeat(c), type: j });
      check({ ...c, [key]: j });
    }),
    { numRuns: 1000 },
  );
});

Deno.test("a junk value in any field is refused with a message naming that field", () => {
  fc.assert(
    fc.property(validCommand, junk, fc.nat(), (c, j, pick) => {
      const wire = JSON.parse(JSON.stringify(c));
      const keys = Object.keys(wire);
      const key = keys[pick % keys.length];
      const broken = { ...wire, [key]: j };
      const r = parseSeatCommand(broken);
      fc.pre(typeof r === "string"); // the junk may happen to be a valid value
      fc.pre(!(key === "type" && TYPES.includes(j as string)));
      assert.ok(
        (r as string).startsWith(`command.${key}`),
        `${key}: ${r}`,
      );
    }),
    { numRuns: 1000 },
  );
});

Deno.test("a missing required field, or an unknown one, is named", () => {
  fc.assert(
    fc.property(validCommand, fc.string({ minLength: 1 }), junk, (c, key, j) => {
      const wire = JSON.parse(JSON.stringify(c));
      for (const k of ["type", "seat", "call", "decision", "projects", "card"]) {
        if (!(k in wire)) continue;
        const { [k]: _, ...rest } = wire;
        assert.equal(parseSeatCommand(rest), `command.${k}: missing`);
      }
      fc.pre(!(key in wire) && !["suit", "locked", "baloot", "ekka"].includes(key));
      const extra = { ...wire };
      Object.defineProperty(extra, key, { value: j, enumerable: true });
      assert.equal(parseSeatCommand(extra), `command.${key}: unknown field`);
    }),
    { numRuns: 500 },
  );
});

Deno.test("prototype keys are data, not prototypes", () => {
  const hostile = JSON.parse('{"type": "SAWA", "__proto__": {"polluted": true}}');
  assert.equal(parseClientCommand(hostile, 0), "command.__proto__: unknown field");
  const r = parseClientCommand(JSON.parse('{"type": "SAWA", "constructor": {"prototype": 1}}'), 0);
  assert.equal(r, "command.constructor: unknown field");
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
