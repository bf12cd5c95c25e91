import assert from "node:assert/strict";
import { cardIndex, DECK, parseCard, parseCards, points, sortCards, strength } from "./mod.ts";

Deno.test("[D1] 32 cards, canonical order S H D C, then A K Q J T 9 8 7", () => {
  assert.equal(DECK.length, 32);
  assert.deepEqual(DECK.slice(0, 8), ["AS", "KS", "QS", "JS", "TS", "9S", "8S", "7S"]);
  assert.deepEqual(DECK.map(cardIndex), DECK.map((_, i) => i));
  assert.deepEqual(sortCards(["7C", "AS", "TD", "KH"]), ["AS", "KH", "TD", "7C"]);
});

Deno.test("[D2] trick order: trumps J 9 A 10 K Q 8 7; plain A 10 K Q J 9 8 7", () => {
  const byStrength = (suit: "S" | null) =>
    DECK.filter((c) => c[1] === "S").sort((a, b) => strength(b, suit) - strength(a, suit)).join(
      " ",
    );
  assert.equal(byStrength("S"), "JS 9S AS TS KS QS 8S 7S");
  assert.equal(byStrength(null), "AS TS KS QS JS 9S 8S 7S");
});

Deno.test("[D3][D5] point values add up to 152 in Hokum and 120 in Sun (before the last trick)", () => {
  assert.equal(DECK.reduce((s, c) => s + points(c, "H"), 0), 152);
  assert.equal(DECK.reduce((s, c) => s + points(c, null), 0), 120);
  assert.equal(points("JH", "H"), 20);
  assert.equal(points("9H", "H"), 14);
  assert.equal(points("JH", "S"), 2);
});

Deno.test("[§3.1] parsing accepts 10, lower case and suit symbols; writes canonically", () => {
  assert.equal(parseCard("10♦"), "TD");
  assert.equal(parseCard("qs"), "QS");
  assert.equal(parseCard("A♣"), "AC");
  assert.equal(parseCard("1S"), null);
  assert.equal(parseCard("6H"), null);
  assert.deepEqual(parseCards("AS  kh 10d"), ["AS", "KH", "TD"]);
  assert.equal(parseCards("AS XX"), null);
});
