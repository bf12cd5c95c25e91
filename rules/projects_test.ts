import assert from "node:assert/strict";
import {
  type Card,
  compareProjects,
  declarableProjects,
  makeProfile,
  type Profile,
  PROFILE_R,
  type ProjectFact,
  resolveProjects,
} from "./mod.ts";

const c = (s: string) => s.split(" ") as Card[];
const types = (hand: string, mode: "SUN" | "HOKUM" = "SUN") =>
  declarableProjects(c(hand), 0, mode).map((p) => `${p.type}:${p.cards.join("")}`);

Deno.test("[J1] runs and fours; four 9s, 8s and 7s score nothing", () => {
  assert.deepEqual(types("AS KS QS 7H 8H 9D 8D 7D"), ["SIRA:ASKSQS", "SIRA:9D8D7D"]);
  assert.deepEqual(
    types("KH QH JH TH 9H 8H 7H AS"),
    ["HUNDRED:KHQHJHTH9H8H7H"],
    "V35: one Hundred",
  );
  assert.deepEqual(types("9S 9H 9D 9C 8S 8H 8D 7C"), []);
  assert.deepEqual(types("AS AH AD AC 7S 9H 8D 7C"), ["FOUR_HUNDRED:ASAHADAC"]);
  assert.deepEqual(types("AS AH AD AC 7S 9H 8D 7C", "HOKUM"), ["HUNDRED:ASAHADAC"]);
});

Deno.test("§2.14 decision 6: the declarable set with the most raw, runs never split", () => {
  assert.deepEqual(types("AS KS QS JS TS KH KD KC"), ["HUNDRED:KSKHKDKC", "SIRA:QSJSTS"]);
  assert.deepEqual(types("AS KS QS JS JH JD JC 7C"), ["HUNDRED:JSJHJDJC", "SIRA:ASKSQS"]);
});

const seq = (type: ProjectFact["type"], topRank: ProjectFact["topRank"], seat: 0 | 1 | 2 | 3 = 0) =>
  ({ type, kind: "SEQUENCE", topRank, seat, suit: "S" }) as const;
const four = (topRank: ProjectFact["topRank"], seat: 0 | 1 | 2 | 3 = 0) =>
  ({ type: "HUNDRED", kind: "FOUR_OF_A_KIND", topRank, seat, suit: null }) as const;
const ctx = (profile: Profile = PROFILE_R) => ({
  profile,
  mode: "HOKUM" as const,
  trump: "S" as const,
  dealer: 3 as const,
});

Deno.test("[J4] comparison: category, then sequence before four (V27), then top card, then seat", () => {
  assert.ok(compareProjects(seq("FIFTY", "9"), seq("SIRA", "A"), ctx()) > 0);
  assert.ok(compareProjects(seq("HUNDRED", "J"), four("A"), ctx()) > 0, "sequence Hundred first");
  assert.ok(compareProjects(four("A"), four("K"), ctx()) > 0);
  const topRank = makeProfile("R", { hundredOrder: "TOP_RANK" }) as Profile;
  assert.ok(compareProjects(seq("HUNDRED", "J"), four("A"), ctx(topRank)) < 0, "V27 by top rank");
  assert.ok(
    compareProjects(seq("SIRA", "K", 1), seq("SIRA", "K", 2), ctx()) > 0,
    "seat 1 speaks first",
  );
});

Deno.test("[J4] only the team with the best project scores, and all of its projects", () => {
  const r = resolveProjects(
    [[seq("SIRA", "A", 0), seq("SIRA", "K", 2)], [seq("FIFTY", "9", 1)]],
    ctx(),
  );
  assert.ok(typeof r !== "string");
  assert.equal(r.winningTeam, 1);
  assert.deepEqual(r.counted[0], []);
  assert.equal(r.counted[1].length, 1);
});
