import assert from "node:assert/strict";
import { bidText, cardText, handText, Narrator } from "./narrate.ts";

Deno.test("cardText() writes suit symbols and the ten as 10", () => {
  assert.deepEqual(["JS", "TD", "AH", "7C"].map((c) => cardText(c as "JS")), [
    "J♠",
    "10♦",
    "A♥",
    "7♣",
  ]);
  assert.equal(handText(["7C", "AS", "TH", "KS"]), "A♠ K♠  10♥  7♣");
});

Deno.test("bidText() gives plain words with the Arabic term", () => {
  assert.equal(bidText("HOKUM", 1, "H"), "Hokum ♥ (حكم)");
  assert.equal(bidText("HOKUM", 2, "C"), "Hokum ♣ (حكم ثاني)");
  assert.equal(bidText("PASS", 1), "Pass (بس)");
  assert.equal(bidText("PASS", 2), "Pass (ولا)");
  assert.equal(bidText("ASHKAL", 1), "Ashkal (أشكل)");
});

Deno.test("Narrator tells a trick on one line once it ends", () => {
  const n = new Narrator();
  assert.deepEqual(n.feed({ type: "BID", seat: 1, round: 1, call: "HOKUM", suit: "H" }), [
    "  Bidding:",
    "    East: Hokum ♥ (حكم)",
  ]);
  assert.deepEqual(n.feed({ type: "PLAY", seat: 0, card: "JS" }), []);
  n.feed({ type: "PLAY", seat: 1, card: "TD" });
  n.feed({ type: "PLAY", seat: 2, card: "QS", baloot: true });
  n.feed({ type: "PLAY", seat: 3, card: "7C" });
  assert.deepEqual(n.feed({ type: "TRICK_END", trick: 5, winner: 0, points: 25 }), [
    "  Trick  5: South J♠ · East 10♦ · North Q♠ Baloot! (بلوت) · West 7♣  → South +25",
  ]);
});
