import assert from "node:assert/strict";
// Pinned here: fast-check is a test-only dependency, not in the workspace import map.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.10.2";
import { junk } from "./_testing.ts";
import { DECK } from "@baloot/rules";
import {
  INVITE_CODE,
  type JoinOptions,
  MAX_MESSAGE_BYTES,
  MSG,
  parseCommandMessage,
  parseEmpty,
  parseJoinOptions,
  parseSync,
  SEAT_TOKEN,
} from "./table_protocol.ts";

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const token = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 32, maxLength: 32 });
const invite = fc.string({ unit: fc.constantFrom(...CROCKFORD), minLength: 10, maxLength: 10 });

/** Valid join options, any subset of the fields. */
const validOptions: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    mode: fc.constantFrom("quick", "private"),
    name: fc.string({ minLength: 1, maxLength: 24 }).filter((s) =>
      !/[\p{Cc}\p{Cf}\p{Cs}<>]/u.test(s) && /\S/u.test(s)
    ),
    seatToken: token,
    code: invite,
    profile: fc.constantFrom("R", "KM"),
    target: fc.integer({ min: 21, max: 1000 }),
    turnSeconds: fc.integer({ min: 5, max: 120 }),
    watchDelaySeconds: fc.integer({ min: 0, max: 3600 }),
    bots: fc.array(fc.constantFrom(1, 2, 3), { minLength: 3, maxLength: 3 }),
  },
  { requiredKeys: [] },
);

function noThrow<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    assert.fail(`threw ${e instanceof Error ? e.stack : "?"}`);
  }
}

Deno.test("message names and the size limit are the documented ones", () => {
  assert.deepEqual(
    [MSG.cmd, MSG.sync, MSG.start, MSG.rematch],
    ["cmd", "sync", "start", "rematch"],
  );
  assert.deepEqual(
    [MSG.welcome, MSG.events, MSG.snapshot, MSG.ack, MSG.error],
    ["welcome", "events", "snapshot", "ack", "error"],
  );
  assert.equal(MAX_MESSAGE_BYTES, 2048);
});

Deno.test("parseCommandMessage() reads a client's command and adds its seat", () => {
  assert.deepEqual(parseCommandMessage({ n: 1, command: { type: "PLAY", card: "AS" } }, 2), {
    n: 1,
    command: { type: "PLAY", seat: 2, card: "AS" },
  });
  assert.deepEqual(parseCommandMessage({ n: 0, command: { type: "SAWA" } }, 0), {
    n: 0,
    command: { type: "SAWA", seat: 0 },
  });
  assert.deepEqual(parseCommandMessage({ n: 2 ** 31, command: { type: "KASHO" } }, 3), {
    n: 2 ** 31,
    command: { type: "KASHO", seat: 3 },
  });
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.constantFrom(...DECK),
      fc.constantFrom(0, 1, 2, 3),
      (n, card, seat) => {
        const wire = JSON.parse(JSON.stringify({ n, command: { type: "PLAY", card } }));
        assert.deepEqual(parseCommandMessage(wire, seat as 0), {
          n,
          command: { type: "PLAY", seat, card },
        });
      },
    ),
  );
});

Deno.test("parseCommandMessage() names the field it refuses", () => {
  const play = { type: "PLAY", card: "AS" };
  const cases: [unknown, string][] = [
    [{ n: 1, command: { type: "PLAY", card: "ZZ" } }, 'cmd.command.card: "ZZ" is not a card'],
    [{ n: 1, command: { type: "PLAY", seat: 1, card: "AS" } }, "cmd.command.seat: unknown field"],
    [{ n: 1, command: { type: "PLAY", card: "AS", x: 1 } }, "cmd.command.x: unknown field"],
    [{ n: 1, command: null }, "cmd.command: expected a JSON object, got null"],
    [{ n: 1, command: "PLAY AS" }, 'cmd.command: expected a JSON object, got "PLAY AS"'],
    [{ n: 1 }, "cmd.command: missing"],
    [{ command: play }, "cmd.n: missing"],
    [{ n: -1, command: play }, "cmd.n: expected an integer 0..2147483648, got -1"],
    [{ n: 1.5, command: play }, "cmd.n: expected an integer 0..2147483648, got 1.5"],
    [{ n: 2 ** 31 + 1, command: play }, "cmd.n: expected an integer 0..2147483648, got 2147483649"],
    [{ n: "1", command: play }, 'cmd.n: expected an integer 0..2147483648, got "1"'],
    [{ n: null, command: play }, "cmd.n: expected an integer 0..2147483648, got null"],
    [{ n: 10n, command: play }, "cmd.n: expected an integer 0..2147483648, got 10"],
    [{ n: 1, command: play, seat: 0 }, "cmd.seat: unknown field"],
    [{ n: 1, command: play, v: 3 }, "cmd.v: unknown field"],
    [null, "cmd: expected a JSON object"],
    [undefined, "cmd: expected a JSON object"],
    [[1, play], "cmd: expected a JSON object"],
    ["cmd", "cmd: expected a JSON object"],
  ];
  for (const [value, message] of cases) {
    assert.equal(parseCommandMessage(value, 1), message);
  }
});

Deno.test("parseSync() reads { since } and refuses anything else", () => {
  assert.deepEqual(parseSync({ since: 0 }), { since: 0 });
  assert.deepEqual(parseSync({ since: 2 ** 53 - 1 }), { since: 2 ** 53 - 1 });
  const cases: [unknown, string][] = [
    [{}, "sync.since: missing"],
    [{ since: -1 }, "sync.since: expected an integer 0 or more, got -1"],
    [{ since: 0.5 }, "sync.since: expected an integer 0 or more, got 0.5"],
    [{ since: "0" }, 'sync.since: expected an integer 0 or more, got "0"'],
    [{ since: 2 ** 53 }, "sync.since: expected an integer 0 or more, got 9007199254740992"],
    [{ since: 1, gameId: "x" }, "sync.gameId: unknown field"],
    [null, "sync: expected a JSON object, got null"],
    [undefined, "sync: expected a JSON object, got undefined"],
    [3, "sync: expected a JSON object, got 3"],
    [[0], "sync: expected a JSON object, got [0]"],
  ];
  for (const [value, message] of cases) assert.equal(parseSync(value), message);
});

Deno.test("parseEmpty() accepts nothing, null or {} and refuses any content", () => {
  for (const type of ["start", "rematch"]) {
    assert.equal(parseEmpty(undefined, type), true);
    assert.equal(parseEmpty(null, type), true);
    assert.equal(parseEmpty({}, type), true);
    assert.equal(parseEmpty({ force: true }, type), `${type}.force: unknown field`);
    assert.equal(parseEmpty([], type), `${type}: expected a JSON object, got []`);
    assert.equal(parseEmpty(0, type), `${type}: expected a JSON object, got 0`);
    assert.equal(parseEmpty(false, type), `${type}: expected a JSON object, got false`);
    assert.equal(parseEmpty("", type), `${type}: expected a JSON object, got ""`);
  }
});

Deno.test("parseJoinOptions() fills the defaults and keeps only given fields", () => {
  for (const empty of [undefined, null, {}]) {
    assert.deepEqual(parseJoinOptions(empty), { mode: "quick", name: "Player" });
  }
  const host: JoinOptions = {
    mode: "private",
    name: "Amal",
    profile: "KM",
    target: 21,
    turnSeconds: 120,
    bots: [1, 2, 3],
  };
  assert.deepEqual(parseJoinOptions(JSON.parse(JSON.stringify(host))), host);
  fc.assert(
    fc.property(validOptions, (o) => {
      const wire = JSON.parse(JSON.stringify(o));
      assert.deepEqual(parseJoinOptions(wire), { mode: "quick", name: "Player", ...wire });
    }),
    { numRuns: 500 },
  );
});

Deno.test("join names: 1 to 24 visible characters, no control or formatting characters, no angle brackets", () => {
  for (
    const name of [
      "A",
      "a".repeat(24),
      "Amal",
      "عبد الله",
      "Zoë O'Neil",
      "😀".repeat(24), // 24 characters (48 UTF-16 units)
      "名前",
    ]
  ) {
    assert.deepEqual(parseJoinOptions({ name }), { mode: "quick", name }, name);
  }
  for (
    const name of [
      "",
      "a".repeat(25),
      "😀".repeat(25),
      "a\u0000b",
      "line\nbreak",
      "tab\there",
      "bell\u0007",
      "del\u007f",
      "c1\u0085",
      "c1\u009b[31m",
      "<script>",
      "a<b",
      "a>b",
      "<",
      ">",
      "   ",
      "evil\u202Eeman", // a right-to-left override would scramble names shown beside it
      "zero\u200Bwidth",
    ]
  ) {
    const r = parseJoinOptions({ name });
    assert.equal(typeof r, "string", JSON.stringify(name));
    assert.match(r as string, /^options\.name: expected a name of 1 to 24 characters, got /);
  }
  for (const name of [null, 1, true, ["a"], { first: "a" }]) {
    assert.match(parseJoinOptions({ name }) as string, /^options\.name: /);
  }
  fc.assert(
    fc.property(fc.string({ maxLength: 40, unit: "binary" }), (name) => {
      const r = parseJoinOptions({ name });
      const ok = [...name].length >= 1 && [...name].length <= 24 &&
        !/[\p{Cc}\p{Cf}\p{Cs}<>]/u.test(name) && /\S/u.test(name);
      assert.equal(typeof r !== "string", ok, JSON.stringify(name));
    }),
    { numRuns: 1000 },
  );
});

Deno.test("join seat tokens are 32 base64url characters", () => {
  fc.assert(
    fc.property(token, (seatToken) => {
      assert.ok(SEAT_TOKEN.test(seatToken));
      assert.deepEqual(parseJoinOptions({ seatToken }), {
        mode: "quick",
        name: "Player",
        seatToken,
      });
    }),
  );
  for (
    const seatToken of [
      "",
      "a".repeat(31),
      "a".repeat(33),
      "a".repeat(31) + "+",
      "a".repeat(31) + "/",
      "a".repeat(31) + "=",
      "a".repeat(31) + " ",
      "a".repeat(31) + "é",
      "a".repeat(32) + "\n",
    ]
  ) {
    assert.match(
      parseJoinOptions({ seatToken }) as string,
      /^options\.seatToken: expected a seat token, got /,
      JSON.stringify(seatToken),
    );
  }
  assert.equal(
    parseJoinOptions({ seatToken: 7 }),
    "options.seatToken: expected a seat token, got 7",
  );
});

Deno.test("join invite codes are 10 Crockford base32 characters", () => {
  fc.assert(
    fc.property(invite, (code) => {
      assert.ok(INVITE_CODE.test(code));
      assert.deepEqual(parseJoinOptions({ code }), { mode: "quick", name: "Player", code });
    }),
  );
  for (
    const code of [
      "",
      "ABCDEFGHJ",
      "ABCDEFGHJKM",
      "abcdefghjk", // lower case
      "ABCDEFGHJI", // I, L, O and U are not Crockford digits
      "ABCDEFGHJL",
      "ABCDEFGHJO",
      "ABCDEFGHJU",
      "ABCDEFGHJ-",
      "ABCDEFGHJK\n",
    ]
  ) {
    assert.match(
      parseJoinOptions({ code }) as string,
      /^options\.code: expected an invite code, got /,
      JSON.stringify(code),
    );
  }
});

Deno.test("join table settings and bots are checked one by one", () => {
  const cases: [unknown, string][] = [
    [{ mode: "ranked" }, 'options.mode: expected one of quick, private, got "ranked"'],
    [{ mode: null }, "options.mode: expected one of quick, private, got null"],
    [{ profile: "X" }, 'options.profile: expected one of R, KM, got "X"'],
    [{ target: 20 }, "options.target: expected an integer 21..1000, got 20"],
    [{ target: 1001 }, "options.target: expected an integer 21..1000, got 1001"],
    [{ target: 152.5 }, "options.target: expected an integer 21..1000, got 152.5"],
    [{ target: "152" }, 'options.target: expected an integer 21..1000, got "152"'],
    [{ turnSeconds: 4 }, "options.turnSeconds: expected an integer 5..120, got 4"],
    [{ turnSeconds: 121 }, "options.turnSeconds: expected an integer 5..120, got 121"],
    [
      { watchDelaySeconds: -1 },
      "options.watchDelaySeconds: expected an integer 0..3600, got -1",
    ],
    [{ bots: [1, 2] }, "options.bots: expected three bot levels"],
    [{ bots: [1, 2, 3, 1] }, "options.bots: expected three bot levels"],
    [{ bots: "123" }, "options.bots: expected three bot levels"],
    [{ bots: { 0: 1, 1: 1, 2: 1, length: 3 } }, "options.bots: expected three bot levels"],
    [{ bots: [1, 2, 4] }, "options.bots[2]: expected one of 1, 2, 3, got 4"],
    [{ bots: [0, 2, 3] }, "options.bots[0]: expected one of 1, 2, 3, got 0"],
    [{ bots: [1, "2", 3] }, 'options.bots[1]: expected one of 1, 2, 3, got "2"'],
    // A hole is a missing level, not a skipped check.
    [
      { bots: Object.assign(new Array(3), { 0: 1, 2: 3 }) },
      "options.bots[1]: expected one of 1, 2, 3, got undefined",
    ],
    // The janitor's recovery options are never a client's.
    [{ recover: "abc", nonce: "x" }, "options.recover: unknown field"],
    [{ name: "A", seat: 0 }, "options.seat: unknown field"],
    ["quick", 'options: expected a JSON object, got "quick"'],
    [[], "options: expected a JSON object, got []"],
    [7, "options: expected a JSON object, got 7"],
  ];
  for (const [value, message] of cases) {
    assert.equal(parseJoinOptions(value), message, JSON.stringify(value));
  }
});

Deno.test("the table parsers never throw on junk", () => {
  const parsers: [string, (v: unknown) => unknown][] = [
    ["cmd", (v) => parseCommandMessage(v, 1)],
    ["sync", parseSync],
    ["start", (v) => parseEmpty(v, "start")],
    ["options", parseJoinOptions],
  ];
  fc.assert(
    fc.property(junk, fc.string(), (j, key) => {
      const values = [
        j,
        { n: 1, command: j },
        { n: j, command: { type: "SAWA" } },
        { n: 1, command: { type: "PLAY", card: j } },
        { since: j },
        { [key]: j },
        { name: j },
        { bots: [1, j, 1] },
        { name: "A", [key]: j },
      ];
      for (const [prefix, parse] of parsers) {
        for (const v of values) {
          const r = noThrow(() => parse(v));
          if (typeof r === "string") {
            assert.ok(r.startsWith(prefix), `${prefix}: ${r}`);
          }
        }
      }
    }),
    { numRuns: 1000 },
  );
});

Deno.test("whatever parseJoinOptions() accepts is made only of known, valid fields", () => {
  fc.assert(
    fc.property(fc.oneof(validOptions, junk, fc.dictionary(fc.string(), junk)), (v) => {
      const r = noThrow(() => parseJoinOptions(v));
      if (typeof r === "string") return;
      assert.deepEqual(parseJoinOptions(JSON.parse(JSON.stringify(r))), r);
      for (const k of Object.keys(r)) {
        assert.ok(
          [
            "mode",
            "name",
            "seatToken",
            "code",
            "profile",
            "target",
            "turnSeconds",
            "watchDelaySeconds",
            "bots",
          ].includes(k),
          k,
        );
      }
    }),
    { numRuns: 1000 },
  );
});

Deno.test("quick play names its bots' level, 1 to 3", () => {
  assert.deepEqual(parseJoinOptions({ level: 3 }), { mode: "quick", name: "Player", level: 3 });
  assert.match(parseJoinOptions({ level: 4 }) as string, /^options\.level: /);
  assert.match(parseJoinOptions({ level: "2" }) as string, /^options\.level: /);
});
