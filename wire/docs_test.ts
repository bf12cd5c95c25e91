import assert from "node:assert/strict";
import { commitmentOf, dealInitial, shuffledDeck } from "@baloot/rules";
import { decodeRecord } from "./record.ts";
import { parseEvent } from "./event_codec.ts";

const DOC = await Deno.readTextFile(new URL("../docs/game-record.md", import.meta.url));

/** The lines of every ```jsonl block of the document. */
function jsonlExamples(): string[] {
  const lines: string[] = [];
  let inside = false;
  for (const line of DOC.split("\n")) {
    if (line.startsWith("```")) inside = line === "```jsonl";
    else if (inside) lines.push(line);
  }
  return lines;
}

Deno.test("docs/game-record.md: every example event line is a valid event", () => {
  const events = jsonlExamples().filter((l) => l.includes('"type"'));
  assert.ok(events.length >= 20);
  const types = new Set<string>();
  for (const line of events) {
    const e = parseEvent(JSON.parse(line));
    assert.notEqual(typeof e, "string", `${line.slice(0, 60)}: ${e}`);
    types.add(JSON.parse(line).type);
  }
  assert.equal(types.size, 18, "an example for each of the 18 event types");
});

Deno.test("docs/game-record.md: the example header decodes with the example MATCH_START", () => {
  const lines = jsonlExamples();
  const header = lines.find((l) => l.startsWith('{"record"'))!;
  const start = lines.find((l) => l.startsWith('{"type":"MATCH_START"'))!;
  const decoded = decodeRecord(`${header}\n${start}\n`);
  assert.ok("events" in decoded, "error" in decoded ? decoded.error : "");
});

Deno.test("docs/game-record.md: the deal test vector is what the engine deals", () => {
  const seed = "00".repeat(32);
  const deal = dealInitial(seed, 3);
  assert.ok(DOC.includes(`commitment  ${commitmentOf(seed)}`));
  assert.ok(DOC.includes(`shuffled    ${shuffledDeck(seed).join(" ")}`));
  const hands = deal.hands.map((h, s) => `${s}: ${h.join(" ")}`).join(" | ");
  assert.ok(DOC.includes(`hands       ${hands}`));
  assert.ok(DOC.includes(`face-up     ${deal.faceUp}`));
  assert.ok(DOC.includes(`stock       ${deal.stock.join(" ")}`));
});
