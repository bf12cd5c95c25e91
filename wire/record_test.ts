import assert from "node:assert/strict";
import { PROFILE_KM, PROFILE_R, sameValue, verify } from "@baloot/rules";
import { decodeRecord, encodeRecord, type RecordHeader } from "./record.ts";
import { randomMatch } from "./_testing.ts";

const HEADER: RecordHeader = {
  record: "baloot",
  format: 1,
  matchId: "test-1",
  profile: "R",
  createdBy: "record_test",
};
const MATCH = randomMatch(PROFILE_R, "record");
const TEXT = encodeRecord(HEADER, MATCH.events);
const LINES = TEXT.trimEnd().split("\n");

/** The record with line `n` (1-based) replaced. */
function withLine(n: number, line: string): string {
  const lines = LINES.slice();
  lines[n - 1] = line;
  return lines.join("\n") + "\n";
}

Deno.test("encodeRecord() writes a header line then one event per line", () => {
  assert.equal(LINES.length, MATCH.events.length + 1);
  assert.ok(TEXT.endsWith("}\n"));
  assert.equal(
    LINES[0],
    '{"record":"baloot","format":1,"matchId":"test-1","profile":"R","createdBy":"record_test"}',
  );
  assert.equal(JSON.parse(LINES[1]).type, "MATCH_START");
  assert.equal(encodeRecord(HEADER, MATCH.events), TEXT, "deterministic");
});

Deno.test("encodeRecord() puts the fixed header fields first, metadata after", () => {
  const text = encodeRecord(
    {
      players: ["a", "b", "c", "d"],
      createdBy: "x",
      profile: "KM",
      matchId: "m",
      format: 1,
      record: "baloot",
    },
    [],
  );
  assert.equal(
    text,
    '{"record":"baloot","format":1,"matchId":"m","profile":"KM","createdBy":"x","players":["a","b","c","d"]}\n',
  );
});

Deno.test("decodeRecord() round-trips a whole match, which then verifies", () => {
  for (const [profile, id] of [[PROFILE_R, "R"], [PROFILE_KM, "KM"]] as const) {
    const match = profile === PROFILE_R ? MATCH : randomMatch(profile, "record-km");
    const decoded = decodeRecord(encodeRecord({ ...HEADER, profile: id }, match.events));
    assert.ok("events" in decoded, "error" in decoded ? decoded.error : "");
    assert.equal(decoded.header.profile, id);
    assert.ok(sameValue(decoded.events, match.events));
    const checked = verify(decoded.events);
    assert.ok(checked.ok);
    assert.deepEqual(checked.state.score, match.state.score);
  }
});

Deno.test("decodeRecord() keeps free metadata and accepts CRLF line ends", () => {
  const text = encodeRecord(
    { ...HEADER, seed: "s", matchIndex: 3, table: { name: "x" } },
    MATCH.events,
  );
  const decoded = decodeRecord(text.replaceAll("\n", "\r\n"));
  assert.ok("header" in decoded);
  assert.deepEqual(decoded.header.table, { name: "x" });
  assert.equal(decoded.header.matchIndex, 3);
});

Deno.test("decodeRecord() names the line and the field of the first problem", () => {
  const playLine = LINES.findIndex((l) => l.includes('"type":"PLAY"')) + 1;
  const play = JSON.parse(LINES[playLine - 1]);
  const cases: [string, string, number][] = [
    ["", "line 1: empty record: no header", 1],
    [LINES[0] + "\n", "line 2: missing: a record's second line is its MATCH_START", 2],
    [
      withLine(playLine, JSON.stringify({ ...play, card: "ZZ" })),
      `line ${playLine}: PLAY.card: "ZZ" is not a card`,
      playLine,
    ],
    [
      withLine(playLine, JSON.stringify({ ...play, card: undefined })),
      `line ${playLine}: PLAY.card: missing`,
      playLine,
    ],
    [withLine(5, "{oops"), "line 5: not valid JSON", 5],
    [withLine(5, "   "), "line 5: empty line", 5],
    [withLine(1, "[]"), "line 1: header: expected a JSON object, got []", 1],
    [
      withLine(1, JSON.stringify({ ...HEADER, format: 2 })),
      "line 1: header.format: expected 1, got 2 (unsupported format)",
      1,
    ],
    [
      withLine(1, JSON.stringify({ ...HEADER, record: "chess" })),
      'line 1: header.record: expected "baloot", got "chess"',
      1,
    ],
    [
      withLine(1, JSON.stringify({ ...HEADER, matchId: undefined })),
      "line 1: header.matchId: missing",
      1,
    ],
    [
      withLine(1, JSON.stringify({ ...HEADER, profile: "KM" })),
      'line 2: MATCH_START.profile.id: "R" differs from the header\'s "KM"',
      2,
    ],
    [
      withLine(2, LINES[2]),
      "line 2: type: a record's second line is its MATCH_START, not HAND_START",
      2,
    ],
    [
      withLine(1, JSON.stringify({ ...HEADER, players: ["a"] })),
      "line 1: header.players: expected 4 items, got 1",
      1,
    ],
  ];
  for (const [text, message, line] of cases) {
    const decoded = decodeRecord(text);
    assert.ok("error" in decoded, message);
    assert.ok(decoded.error.startsWith(message), `${decoded.error} vs ${message}`);
    assert.equal(decoded.line, line);
  }
});

Deno.test("decodeRecord() refuses a redacted event: a record is complete", () => {
  const start = JSON.parse(LINES[2]);
  assert.equal(start.type, "HAND_START");
  const decoded = decodeRecord(withLine(3, JSON.stringify({ ...start, seed: null })));
  assert.ok("error" in decoded);
  assert.equal(decoded.error, "line 3: HAND_START.seed: hidden (null) in a full event");
});
