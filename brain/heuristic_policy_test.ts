import assert from "node:assert/strict";
import {
  apply,
  type Card,
  type Command,
  decide,
  DECK,
  deriveSeed,
  driveMatch,
  type GameState,
  initialState,
  legalCommands,
  makeProfile,
  nextSeat,
  parseCards,
  type Profile,
  PROFILE_R,
  rankOf,
  type Seat,
  type SeatCommand,
  suitOf,
  type Team,
  viewFor,
} from "@baloot/rules";
import { heuristicPolicy } from "./heuristic_policy.ts";
import { type Policy, seatChooser } from "./policy.ts";
import { randomPolicy } from "./random_policy.ts";
import { POLICIES } from "./registry.ts";
import { matchStates } from "./_testing.ts";

const cards = (text: string): Card[] => parseCards(text)!;

/**
 * A hand dealt by `dealer`: five-card hands per seat (`null`: any cards left), the face-up card,
 * and the rest in the stock.
 */
function dealt(
  dealer: Seat,
  hands: readonly (string | null)[],
  faceUp: Card,
  profile = PROFILE_R,
): GameState {
  const given = hands.map((h) => (h === null ? [] : cards(h)));
  const used = new Set([...given.flat(), faceUp]);
  const rest = DECK.filter((c) => !used.has(c));
  const five = given.map((h) => (h.length > 0 ? h : rest.splice(0, 5)));
  return fold(profile, dealer, five, faceUp, rest);
}

/**
 * A hand dealt so that each seat ends with `finals` (eight cards, the recipient's including
 * `faceUp`): the first five of each (the face-up card aside) are dealt first.
 */
function dealtFinal(dealer: Seat, finals: readonly string[], faceUp: Card, recipient: Seat) {
  const full = finals.map((f) => cards(f).filter((c) => c !== faceUp));
  const stock: Card[] = [];
  for (let k = 1; k <= 4; k++) stock.push(...full[nextSeat(dealer, k)].slice(5));
  assert.equal(full[recipient].length, 7);
  return fold(PROFILE_R, dealer, full.map((h) => h.slice(0, 5)), faceUp, stock);
}

function fold(profile: Profile, dealer: Seat, five: Card[][], faceUp: Card, stock: Card[]) {
  assert.equal(stock.length, 11);
  return [
    { type: "MATCH_START", profile, dealer },
    { type: "HAND_START", hand: 1, dealer, commitment: "0".repeat(64), seed: null },
    { type: "DEAL_INITIAL", hands: five, faceUp, stock },
  ].reduce((s, e) => apply(s, e as Parameters<typeof apply>[1]), initialState());
}

/** Runs seat commands through `decide`, failing loudly on a rejection. */
function run(state: GameState, commands: readonly Command[]): GameState {
  for (const c of commands) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.code} ${d.message}`);
    state = d.state;
  }
  return state;
}

const pass = (seat: Seat): Command => ({ type: "BID", seat, call: "PASS" });
const playCard = (seat: Seat, card: Card): Command => ({ type: "PLAY", seat, card });

/** The bot's choice for the seat on turn, checked to be one of the legal commands. */
function choice(state: GameState, seed = "test"): SeatCommand {
  const seat = state.hand!.toAct!;
  const legal = legalCommands(state, seat);
  const command = heuristicPolicy(seed)(viewFor(state, seat), seat, legal);
  assert.ok(legal.includes(command), `not legal: ${JSON.stringify(command)}`);
  return command;
}

Deno.test("heuristic: beats random bots over whole matches, always legally", () => {
  const matches = 200;
  let wins = 0;
  for (let i = 0; i < matches; i++) {
    const base = deriveSeed("heuristic-vs-random", i);
    const team = (i % 2) as Team;
    const policies: Policy[] = [0, 1, 2, 3].map((s) => {
      const bot = s % 2 === team ? heuristicPolicy(`${base}:${s}`) : randomPolicy(`${base}:${s}`);
      return (view, seat, legal) => {
        const c = bot(view, seat, legal);
        assert.ok(legal.includes(c));
        return c;
      };
    });
    const dealer = (parseInt(base.slice(0, 2), 16) % 4) as Seat;
    const { state } = driveMatch(
      { profile: PROFILE_R, dealer, seedFor: (n) => deriveSeed(base, n) },
      seatChooser(policies),
    );
    if (state.winner === team) wins++;
  }
  // Observed: 200 of 200 here, 998-1000 of 1000 over other seeds. A bot that bids well but
  // plays its first legal card, or passes every bid but plays well, wins only 191-193 of 200.
  assert.ok(wins >= 196, `won ${wins} of ${matches}`);
});

Deno.test("heuristic: decides from public facts and its own cards only", () => {
  const samples: GameState[] = [];
  for (let m = 0; m < 4; m++) {
    const base = deriveSeed("heuristic-hidden", m);
    const bots = [0, 1, 2, 3].map((s) => heuristicPolicy(`${base}:${s}`));
    let n = 0;
    driveMatch(
      {
        profile: PROFILE_R,
        dealer: (m % 4) as Seat,
        seedFor: (h) => deriveSeed(base, h),
        onEvents: (_e, s) => {
          if (s.hand && s.hand.toAct !== null && n++ % 3 === 0) samples.push(s);
        },
      },
      seatChooser(bots),
    );
  }
  assert.ok(samples.length > 300);
  let swapped = 0;
  for (const a of samples) {
    const seat = a.hand!.toAct!;
    const view = viewFor(a, seat);
    const [x, y] = [nextSeat(seat), nextSeat(seat, 2 + (swapped % 2))];
    const hidden = (s: Seat) => a.hand!.hands[s].filter((c) => !view.hand!.hands[s].includes(c));
    const [cx, cy] = [hidden(x)[0], hidden(y)[0]];
    if (!cx || !cy) continue;
    const hands = a.hand!.hands.map((h) => h.slice());
    hands[x][hands[x].indexOf(cx)] = cy;
    hands[y][hands[y].indexOf(cy)] = cx;
    const b: GameState = { ...a, hand: { ...a.hand!, hands } };
    assert.deepEqual(viewFor(b, seat), view);
    assert.ok(view.hand!.hands[x].includes(null), "the view hides the other seats' cards");
    const legal = legalCommands(a, seat);
    const fromView = heuristicPolicy("same")(view, seat, legal);
    assert.deepEqual(heuristicPolicy("same")(viewFor(b, seat), seat, legal), fromView);
    // Even handed the full state, the bot ignores the other seats' cards.
    assert.deepEqual(heuristicPolicy("same")(a, seat, legal), fromView);
    assert.deepEqual(heuristicPolicy("same")(b, seat, legal), fromView);
    swapped++;
  }
  assert.ok(swapped > 300, `swapped ${swapped}`);
});

Deno.test("heuristic: bids Sun, Hokum, Ashkal or passes by hand strength", () => {
  const bidOf = (c: SeatCommand) => c.type === "BID" ? `${c.call}${c.suit ?? ""}` : c.type;
  const first = (h: string, faceUp: Card) => dealt(3, [h, null, null, null], faceUp);
  assert.equal(bidOf(choice(first("AS AH AD TD KC", "7C"))), "SUN");
  assert.equal(bidOf(choice(first("JS 9S AS AH 7D", "8S"))), "HOKUMS");
  assert.equal(bidOf(choice(first("7S 8H 9S 7H 8S", "KS"))), "PASS");
  // Third to speak, with a Sun hand the face-up 7 would not help: Ashkal.
  const third = dealt(3, [null, null, "AS TS AH TH KC", null], "7C");
  assert.equal(bidOf(choice(run(third, [pass(0), pass(1)]))), "ASHKAL");
  // Round 2: Hokum in the best other suit.
  const second = dealt(3, ["JH 9H TH 7H AD", null, null, null], "7S");
  assert.equal(bidOf(choice(run(second, ([0, 1, 2, 3] as Seat[]).map(pass)))), "HOKUMH");
});

Deno.test("heuristic: takes Sun ahead of an opponent only with a strong Sun hand", () => {
  const priority = (h: string) =>
    run(dealt(3, [h, null, null, null], "7H"), [pass(0), { type: "BID", seat: 1, call: "SUN" }]);
  const weak = choice(priority("AS KS 7S 8S 9S"));
  assert.ok(weak.type === "BID" && weak.call === "PASS");
  const strong = choice(priority("AS TS AH TH AD"));
  assert.ok(strong.type === "BID" && strong.call === "BEFORE_YOU");
});

Deno.test("heuristic: claims Kasho when the table allows it", () => {
  const profile = makeProfile("R", { kasho: "ROTATE" }) as Profile;
  const s = dealt(3, ["7S 8S 9S 7H 8H", null, null, null], "9D", profile);
  assert.equal(choice(s).type, "KASHO");
});

/** Hokum in spades bought by seat 0, who holds the trump Jack; seat 1 holds 9-A-8-7. */
function spadesHokum(): GameState {
  return run(
    dealtFinal(
      3,
      [
        "JS TS AH AD 7H 8D 9C KS",
        "9S AS 8S 7S KH QH JH TC",
        "QS TH 9H 8H KD AC KC 7D",
        "QD JD TD 9D QC JC 8C 7C",
      ],
      "KS",
      0,
    ),
    [{ type: "BID", seat: 0, call: "HOKUM", suit: "S" }, pass(1), pass(2), pass(3)],
  );
}

Deno.test("heuristic: confirms Hokum, doubles with a strong trump holding, draws trumps", () => {
  let s = spadesHokum();
  const decision = choice(s);
  assert.ok(decision.type === "HOKUM_DECISION" && decision.decision === "CONFIRM_HOKUM");
  s = run(s, [decision]);
  const double = choice(s);
  assert.deepEqual(double, { type: "ESCALATE", seat: 1, call: "DOUBLE", locked: false });
  s = run(s, [double]);
  const reply = choice(s); // the buyer, three trumps: no Three
  assert.ok(reply.type === "ESCALATE" && reply.call === "PASS");
  s = run(s, [reply, { type: "ESCALATE", seat: 2, call: "PASS" }]);
  assert.deepEqual(choice(s), { type: "PLAY", seat: 0, card: "JS" });
});

/** Round-2 Hokum in hearts bought by seat 0 (K and Q of trumps), played into trick 1. */
function heartsHokum(): GameState {
  return run(
    dealtFinal(
      3,
      [
        "KH QH AS TS 9D 8S AD 7S",
        "JH 9H 7C 9C KC QS JS 8D",
        "AH 8H AC 7D KD 9S QC 8C",
        "KS JC TC TH 7H QD JD TD",
      ],
      "7S",
      0,
    ),
    [
      ...([0, 1, 2, 3] as Seat[]).map(pass),
      { type: "BID", seat: 0, call: "HOKUM", suit: "H" },
      pass(1),
      pass(2),
      pass(3),
      { type: "HOKUM_DECISION", seat: 0, decision: "CONFIRM_HOKUM" },
      { type: "ESCALATE", seat: 1, call: "PASS" },
      { type: "ESCALATE", seat: 3, call: "PASS" },
    ],
  );
}

Deno.test("heuristic: leads an Ace, plays cheap when beaten, feeds a winning partner", () => {
  let s = heartsHokum();
  const lead = choice(s);
  assert.ok(lead.type === "PLAY" && rankOf(lead.card) === "A" && suitOf(lead.card) !== "H");
  s = run(s, [playCard(0, "KH"), playCard(1, "JH")]);
  assert.deepEqual(choice(s), { type: "PLAY", seat: 2, card: "8H" }); // the Ace cannot win
  s = run(s, [playCard(2, "8H")]);
  const last = choice(s); // seat 3 declares its Sira first, then gives partner the ten
  assert.equal(last.type, "DECLARE");
  s = run(s, [last]);
  assert.deepEqual(choice(s), { type: "PLAY", seat: 3, card: "TH" });
});

Deno.test("heuristic: announces Baloot with the second of the trump K and Q", () => {
  const s = run(heartsHokum(), [
    playCard(0, "KH"),
    playCard(1, "JH"),
    playCard(2, "8H"),
    playCard(3, "7H"),
    playCard(1, "7C"),
    playCard(2, "8C"),
    playCard(3, "JC"), // seat 0 has no club and its partner is beaten: it must trump
  ]);
  assert.equal(legalCommands(s, 0).length, 2);
  assert.deepEqual(choice(s), { type: "PLAY", seat: 0, card: "QH", baloot: true });
});

/** Sun bought by seat 0, who holds a Sira (A-K-Q of spades) and a Fifty (J-10-9-8 of hearts). */
function sun(): GameState {
  return run(
    dealtFinal(
      3,
      [
        "AS KS QS JH TH 9H 8H 7D",
        "AH KH JS TS AC KC 8D 9D",
        "QH 7H 9S 8S QC JC AD KD",
        "7S TC 9C 8C 7C QD JD TD",
      ],
      "7D",
      0,
    ),
    [{ type: "BID", seat: 0, call: "SUN" }],
  );
}

Deno.test("heuristic: declares all its projects before its first card", () => {
  let s = sun();
  const declare = choice(s);
  assert.ok(declare.type === "DECLARE");
  assert.deepEqual(
    declare.projects.map((p) => p.join(" ")).sort(),
    ["AS KS QS", "JH TH 9H 8H"],
  );
  s = run(s, [declare]);
  assert.equal(choice(s).type, "PLAY");
});

Deno.test("heuristic: wins cheaply as the last player, discards its cheapest card", () => {
  let s = run(sun(), [
    { type: "DECLARE", seat: 0, projects: [cards("AS KS QS")] },
    playCard(0, "7D"),
    playCard(1, "8D"),
    playCard(2, "AD"),
    { type: "DECLARE", seat: 3, projects: [cards("TC 9C 8C 7C")] },
    playCard(3, "QD"),
    playCard(2, "QH"),
  ]);
  const discard = choice(s); // no heart: throw a card worth nothing
  assert.ok(discard.type === "PLAY" && "789".includes(rankOf(discard.card)));
  s = run(s, [playCard(3, "7S"), playCard(0, "8H")]);
  assert.deepEqual(choice(s), { type: "PLAY", seat: 1, card: "KH" }); // not the Ace
});

Deno.test("heuristic: is registered and replays the same choices from the same seed", () => {
  assert.equal(POLICIES.heuristic, POLICIES.level1);
  const s = heartsHokum();
  const legal = legalCommands(s, 0);
  const view = viewFor(s, 0);
  const a = heuristicPolicy("x"), b = heuristicPolicy("x");
  for (let i = 0; i < 20; i++) assert.deepEqual(a(view, 0, legal), b(view, 0, legal));
  // The registered bot is this policy with the built-in thresholds.
  const c = POLICIES.heuristic("x"), d = heuristicPolicy("x");
  for (let i = 0; i < 20; i++) assert.deepEqual(c(view, 0, legal), d(view, 0, legal));
});

Deno.test("heuristic: breaks a tie by the position in the hand alone, whatever it was asked before", () => {
  const states = ["tie-a", "tie-b"].flatMap((label) =>
    matchStates(label, (s) => s.phase === "PLAY" && s.hand!.toAct !== null)
  );
  const asked = (p: Policy, s: GameState, later = false) => {
    const seat = s.hand!.toAct!;
    const view = viewFor(s, seat);
    // `later`: the same position further into a match (more events before it).
    return p(later ? { ...view, version: view.version + 137 } : view, seat, legalCommands(s, seat));
  };
  // A bot that has already decided every position, in reverse order, against a fresh one each time.
  const used = heuristicPolicy("t");
  for (const s of [...states].reverse()) asked(used, s);
  let seedMatters = 0;
  for (const s of states) {
    assert.deepEqual(asked(used, s), asked(heuristicPolicy("t"), s));
    assert.deepEqual(asked(used, s, true), asked(used, s));
    if (JSON.stringify(asked(heuristicPolicy("u"), s)) !== JSON.stringify(asked(used, s))) {
      seedMatters++;
    }
  }
  // There were ties to break: another seed breaks some of them the other way.
  assert.ok(seedMatters > 0, `${states.length} positions, no tie`);
});
