import assert from "node:assert/strict";
// Pinned here: fast-check is a test-only dependency, not in the workspace import map.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.10.2";
import {
  driveMatch,
  type GameState,
  type Profile,
  PROFILE_KM,
  PROFILE_R,
  type Seat,
  type SeatCommand,
  viewFor,
} from "@baloot/rules";
import {
  BRAIN_PROTOCOL,
  type BrainReply,
  type BrainRequest,
  parseBrainReply,
  parseBrainRequest,
  requestId,
} from "./brain_protocol.ts";
import { brainReplies } from "./bus.ts";
import { junk, randomChooser } from "./_testing.ts";

/** One bot decision of a real match: the seat's view and the move it made. */
interface Decision {
  readonly view: GameState;
  readonly seat: Seat;
  readonly command: SeatCommand;
}

function decisions(): Decision[] {
  const out: Decision[] = [];
  for (const [profile, label] of [[PROFILE_R, "bp-r"], [PROFILE_KM, "bp-km"]] as const) {
    const pick = randomChooser(label);
    driveMatch(
      { profile: profile as Profile, dealer: 2, seedFor: (n) => `${n}`.padStart(64, "b") },
      (state, seat, legal) => {
        const command = pick(state, seat, legal);
        out.push({ view: viewFor(state, seat), seat, command });
        return command;
      },
    );
  }
  return out;
}

const DECISIONS = decisions();
const GAME = "Gm_7-x";

function request(d: Decision, i = 0): BrainRequest {
  return {
    protocol: BRAIN_PROTOCOL,
    id: requestId(GAME, d.view.version, d.seat),
    gameId: GAME,
    version: d.view.version,
    seat: d.seat,
    level: ((i % 3) + 1) as 1 | 2 | 3,
    deadline: 1_700_000_000_000 + i,
    replyTo: brainReplies("proc-Ab12_{x}"),
    view: d.view,
  };
}

function reply(d: Decision, i = 0): BrainReply {
  return {
    protocol: BRAIN_PROTOCOL,
    id: requestId(GAME, d.view.version, d.seat),
    gameId: GAME,
    version: d.view.version,
    seat: d.seat,
    command: d.command,
    worker: `worker-${i} on host.example`,
    ms: i,
  };
}

const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function noThrow<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    assert.fail(`threw ${e instanceof Error ? e.stack : "?"}`);
  }
}

Deno.test("requestId() is gameId:version:seat", () => {
  assert.equal(requestId("k3x9", 0, 0), "k3x9:0:0");
  assert.equal(requestId("Gm_7-x", 123, 3), "Gm_7-x:123:3");
});

Deno.test("requests and replies of every decision of real matches round-trip", () => {
  assert.ok(DECISIONS.length > 200, `${DECISIONS.length} decisions`);
  const types = new Set<string>();
  DECISIONS.forEach((d, i) => {
    const req = wire(request(d, i));
    assert.deepEqual(parseBrainRequest(req), req);
    const rep = wire(reply(d, i));
    assert.deepEqual(parseBrainReply(rep), rep);
    types.add(d.command.type);
  });
  assert.ok(types.has("BID") && types.has("PLAY"), [...types].join());
});

Deno.test("a request whose id is not its gameId:version:seat is refused, not thrown", () => {
  const d = DECISIONS[10];
  const good = wire(request(d));
  for (
    const id of [
      requestId(GAME, d.view.version + 1, d.seat),
      requestId(GAME, d.view.version, ((d.seat + 1) % 4) as Seat),
      requestId("other", d.view.version, d.seat),
    ]
  ) {
    const r = noThrow(() => parseBrainRequest({ ...good, id }));
    assert.equal(typeof r, "string", id);
    assert.match(r as string, /^request\.id: /);
  }
});

Deno.test("a request for a seat that is not on turn is refused, not thrown", () => {
  const d = DECISIONS[20];
  const other = ((d.seat + 1) % 4) as Seat;
  const req = { ...wire(request(d)), seat: other, id: requestId(GAME, d.view.version, other) };
  const r = noThrow(() => parseBrainRequest(req));
  assert.equal(typeof r, "string");
  assert.match(r as string, /^request\.(seat|view)\b/);
  // A view between hands: nobody is on turn.
  const idle = { ...wire(request(d)), view: { ...d.view, hand: { ...d.view.hand, toAct: null } } };
  assert.match(noThrow(() => parseBrainRequest(idle)) as string, /^request\.(seat|view)\b/);
});

Deno.test("a reply whose command is for another seat is refused, not thrown", () => {
  const d = DECISIONS[30];
  const other = ((d.seat + 1) % 4) as Seat;
  const rep = wire(reply(d));
  const r = noThrow(() => parseBrainReply({ ...rep, command: { ...rep.command, seat: other } }));
  assert.equal(typeof r, "string");
  assert.match(r as string, /^reply\.(command\.)?seat\b/);
});

Deno.test("a reply whose id is not its gameId:version:seat is refused", () => {
  // The server matches a reply to its request by id, then plays the reply's command: the id,
  // the version and the seat must agree, as they must in the request.
  const d = DECISIONS[40];
  const rep = wire(reply(d));
  const other = ((d.seat + 1) % 4) as Seat;
  for (
    const bad of [
      { ...rep, version: rep.version + 1 },
      { ...rep, gameId: "other" },
      { ...rep, seat: other, command: { ...rep.command, seat: other } },
    ]
  ) {
    const r = noThrow(() => parseBrainReply(bad));
    assert.equal(typeof r, "string", JSON.stringify(bad).slice(0, 80));
    assert.match(r as string, /^reply\.(id|gameId|version|seat)\b/);
  }
});

Deno.test("each request field is checked and named", () => {
  const good = wire(request(DECISIONS[5]));
  const cases: [Record<string, unknown>, string][] = [
    [{ protocol: 2 }, "request.protocol: expected one of 1, got 2"],
    [{ protocol: "1" }, 'request.protocol: expected one of 1, got "1"'],
    [{ id: "g:1" }, 'request.id: expected a request id, got "g:1"'],
    [{ id: "g:1:4" }, 'request.id: expected a request id, got "g:1:4"'],
    [{ id: "g h:1:0" }, 'request.id: expected a request id, got "g h:1:0"'],
    [{ gameId: "" }, 'request.gameId: expected a game id, got ""'],
    [{ gameId: "a/b" }, 'request.gameId: expected a game id, got "a/b"'],
    [{ gameId: "a".repeat(65) }, "request.gameId: expected a game id, got "],
    [{ version: -1 }, "request.version: expected an integer 0 or more, got -1"],
    [{ version: 1.5 }, "request.version: expected an integer 0 or more, got 1.5"],
    [{ seat: 4 }, "request.seat: expected a seat 0..3, got 4"],
    [{ level: 0 }, "request.level: expected one of 1, 2, 3, got 0"],
    [{ level: 4 }, "request.level: expected one of 1, 2, 3, got 4"],
    [{ deadline: -5 }, "request.deadline: expected an integer 0 or more, got -5"],
    [{ deadline: "soon" }, 'request.deadline: expected an integer 0 or more, got "soon"'],
    [{ replyTo: "a b" }, 'request.replyTo: expected a stream key, got "a b"'],
    [{ replyTo: "k".repeat(129) }, "request.replyTo: expected a stream key, got "],
    [{ view: "state" }, "request.view: expected a game view with a hand and a profile"],
    [
      { view: { hand: null, profile: {} } },
      "request.view: expected a game view with a hand and a profile",
    ],
    [{ view: { hand: {} } }, "request.view: expected a game view with a hand and a profile"],
    [{ extra: 1 }, "request.extra: unknown field"],
  ];
  for (const [change, message] of cases) {
    const r = noThrow(() => parseBrainRequest({ ...good, ...change }));
    assert.equal(typeof r, "string", message);
    assert.ok((r as string).startsWith(message), `${r} does not start with ${message}`);
  }
  for (const key of Object.keys(good)) {
    const { [key]: _, ...rest } = good as unknown as Record<string, unknown>;
    assert.equal(noThrow(() => parseBrainRequest(rest)), `request.${key}: missing`);
  }
  for (const v of [null, undefined, 1, "x", []]) {
    assert.match(noThrow(() => parseBrainRequest(v)) as string, /^request: expected a JSON object/);
  }
});

Deno.test("each reply field is checked and named", () => {
  const good = wire(reply(DECISIONS[7]));
  const cases: [Record<string, unknown>, string][] = [
    [{ protocol: 0 }, "reply.protocol: expected one of 1, got 0"],
    [{ id: "" }, 'reply.id: expected a request id, got ""'],
    [{ seat: "0" }, 'reply.seat: expected a seat 0..3, got "0"'],
    [{ command: null }, "reply.command: expected a JSON object, got null"],
    [{ command: { ...good.command, seat: undefined } }, "reply.command.seat: missing"],
    [
      { command: { type: "PLAY", seat: good.seat, card: "1S" } },
      'reply.command.card: "1S" is not a card',
    ],
    [{ command: { type: "DEAL", seat: good.seat } }, "reply.command.type: expected one of"],
    [{ worker: "" }, 'reply.worker: expected a worker name, got ""'],
    [{ worker: "w".repeat(65) }, "reply.worker: expected a worker name, got "],
    [{ worker: "a\nb" }, 'reply.worker: expected a worker name, got "a\\nb"'],
    [{ ms: -1 }, "reply.ms: expected an integer 0 or more, got -1"],
    [{ ms: 0.5 }, "reply.ms: expected an integer 0 or more, got 0.5"],
    [{ view: {} }, "reply.view: unknown field"],
  ];
  for (const [change, message] of cases) {
    const r = noThrow(() => parseBrainReply({ ...good, ...change }));
    assert.equal(typeof r, "string", message);
    assert.ok((r as string).startsWith(message), `${r} does not start with ${message}`);
  }
  for (const key of Object.keys(good)) {
    const { [key]: _, ...rest } = good as unknown as Record<string, unknown>;
    const expected = key === "command"
      ? "reply.command: expected either a command or an error"
      : `reply.${key}: missing`;
    assert.equal(noThrow(() => parseBrainReply(rest)), expected);
  }
});

Deno.test("the Brain parsers never throw on junk, and name the field junk was put in", () => {
  const req = wire(request(DECISIONS[3]));
  const rep = wire(reply(DECISIONS[3]));
  fc.assert(
    fc.property(junk, fc.nat(), (j, pick) => {
      for (const v of [j, { ...req, view: j }, { ...rep, command: j }]) {
        noThrow(() => parseBrainRequest(v));
        noThrow(() => parseBrainReply(v));
      }
      const rk = Object.keys(req)[pick % Object.keys(req).length];
      const r1 = noThrow(() => parseBrainRequest({ ...req, [rk]: j }));
      if (typeof r1 === "string") assert.ok(r1.startsWith(`request.`), r1);
      const pk = Object.keys(rep)[pick % Object.keys(rep).length];
      const r2 = noThrow(() => parseBrainReply({ ...rep, [pk]: j }));
      if (typeof r2 === "string") assert.ok(r2.startsWith(`reply.`), r2);
    }),
    { numRuns: 1000 },
  );
});

Deno.test("whatever parseBrainReply() accepts names one seat throughout", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...DECISIONS),
      fc.constantFrom<Seat>(0, 1, 2, 3),
      fc.constantFrom<Seat>(0, 1, 2, 3),
      fc.constantFrom<Seat>(0, 1, 2, 3),
      (d, idSeat, seat, commandSeat) => {
        const rep = {
          ...wire(reply(d)),
          id: requestId(GAME, d.view.version, idSeat),
          seat,
          command: { ...wire(d.command), seat: commandSeat },
        };
        const r = noThrow(() => parseBrainReply(rep));
        if (typeof r === "string") return;
        assert.equal(r.seat, r.command!.seat);
        assert.equal(r.id, requestId(r.gameId, r.version, r.seat));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("an error reply carries a code and a message instead of a command", () => {
  const d = DECISIONS[0];
  const { command: _, ...base } = reply(d);
  const error = { code: "BAD_VIEW", message: "no legal command for seat 1" } as const;
  assert.deepEqual(parseBrainReply(wire({ ...base, error })), { ...base, error });
  assert.match(
    parseBrainReply(wire(base)) as string,
    /either a command or an error/,
    "neither",
  );
  assert.match(
    parseBrainReply(wire({ ...base, command: d.command, error })) as string,
    /either a command or an error/,
    "both",
  );
  assert.match(
    parseBrainReply(wire({ ...base, error: { code: "OOPS", message: "x" } })) as string,
    /reply\.error\.code/,
  );
  assert.match(
    parseBrainReply(wire({ ...base, error: { ...error, message: "\u0000" } })) as string,
    /reply\.error\.message/,
  );
});
