import assert from "node:assert/strict";
import {
  commitmentOf,
  dealCompletion,
  dealInitial,
  DECK,
  deriveSeed,
  isSeed,
  nextSeat,
  type Seat,
  sha256,
  shuffledDeck,
  toHex,
} from "./mod.ts";

const SEED = deriveSeed("deal-test", 1);

Deno.test("the commitment is the hex SHA-256 of the seed's 32 bytes", () => {
  const bytes = Uint8Array.from(SEED.match(/../g)!.map((h) => parseInt(h, 16)));
  assert.equal(commitmentOf(SEED), toHex(sha256(bytes)));
  assert.ok(isSeed(SEED));
  assert.ok(!isSeed(SEED.toUpperCase()));
  assert.ok(!isSeed(SEED.slice(1)));
});

Deno.test("a seed always shuffles the same way, and different seeds differently", () => {
  assert.deepEqual(shuffledDeck(SEED), shuffledDeck(SEED));
  assert.notDeepEqual(shuffledDeck(SEED), shuffledDeck(deriveSeed("deal-test", 2)));
  assert.deepEqual([...shuffledDeck(SEED)].sort(), [...DECK].sort());
});

Deno.test("[L2][L3] 3 then 2 cards from the dealer's right, then the face-up card", () => {
  for (const dealer of [0, 1, 2, 3] as Seat[]) {
    const deck = shuffledDeck(SEED);
    const d = dealInitial(SEED, dealer);
    const first = nextSeat(dealer);
    assert.deepEqual(d.hands[first], [...deck.slice(0, 3), ...deck.slice(12, 14)]);
    assert.deepEqual(d.hands[dealer], [...deck.slice(9, 12), ...deck.slice(18, 20)]);
    assert.equal(d.faceUp, deck[20]);
    assert.deepEqual(d.stock, deck.slice(21));
  }
});

Deno.test("[L4][L5] completion: the face-up recipient takes 2, the others 3", () => {
  const d = dealInitial(SEED, 3);
  for (const recipient of [0, 1, 2, 3] as Seat[]) {
    const c = dealCompletion(d.stock, 3, recipient);
    assert.deepEqual(c.map((x) => x.length), [0, 1, 2, 3].map((s) => (s === recipient ? 2 : 3)));
    assert.deepEqual(c.flat().sort(), [...d.stock].sort());
  }
});

Deno.test("shuffles are uniform enough: each card lands on each seat about equally", () => {
  const counts = new Map<string, number>();
  const n = 4000;
  for (let i = 0; i < n; i++) {
    const d = dealInitial(deriveSeed("uniform", i), 3);
    d.hands.forEach((h, seat) =>
      h.forEach((c) => counts.set(`${c}${seat}`, (counts.get(`${c}${seat}`) ?? 0) + 1))
    );
  }
  // Each card is in a given seat's five with probability 5/32: 625 of 4000 expected.
  for (const [k, v] of counts) assert.ok(v > 500 && v < 760, `${k}: ${v}`);
});
