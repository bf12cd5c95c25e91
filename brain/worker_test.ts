import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { decide, deriveSeed, driveMatch, type GameState, PROFILE_R, viewFor } from "@baloot/rules";
import { type BrainReply, type BrainRequest, parseBrainReply } from "@baloot/wire";
import { requestFor } from "./_testing.ts";
import { heuristicPolicy } from "./heuristic_policy.ts";
import { seatChooser } from "./policy.ts";
import { RedisQueue, type RedisQueueOptions } from "./redis_queue.ts";
import { answer, BrainWorker, LEVEL_POLICIES, triage, type WorkerOptions } from "./worker.ts";

const REDIS_URL = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379/9";

/** Every decision of one heuristic match, as full states (the seat on turn is the bot). */
const POSITIONS: readonly GameState[] = (() => {
  const out: GameState[] = [];
  const bots = seatChooser(([0, 1, 2, 3] as const).map((s) => heuristicPolicy(`worker-test:${s}`)));
  driveMatch(
    { profile: PROFILE_R, dealer: 1, seedFor: (n) => deriveSeed("worker-test", n) },
    (state, seat, legal) => {
      out.push(state);
      return bots(state, seat, legal);
    },
  );
  return out;
})();

/** The state each test request was built from, by request id, to check replies with `decide`. */
const asked = new Map<string, GameState>();

function legalReply(reply: BrainReply): void {
  assert.equal(typeof parseBrainReply(JSON.parse(JSON.stringify(reply))), "object");
  const state = asked.get(reply.id);
  assert.ok(state, `a reply to an unknown request ${reply.id}`);
  assert.ok(reply.command, `${reply.id}: an error ${JSON.stringify(reply.error)}`);
  const d = decide(state, reply.command);
  assert.ok(d.ok, `${reply.id}: ${JSON.stringify(reply.command)} refused`);
}

const quiet = () => {};

// ---------------------------------------------------------------- the core, without Redis

Deno.test("answer() plays a legal command at every decision of a match", () => {
  for (const [i, state] of POSITIONS.entries()) {
    const request = requestFor(state, "brain:replies:p1", { level: ([1, 2, 3] as const)[i % 3] });
    asked.set(request.id, state);
    const reply = answer(request, { worker: "w1" })!;
    assert.equal(reply.worker, "w1");
    assert.equal(reply.seat, request.seat);
    assert.ok(Number.isInteger(reply.ms) && reply.ms >= 0);
    legalReply(reply);
  }
});

Deno.test("answer() gives the same command to the same request, whatever its policies' history", () => {
  const picked = POSITIONS.filter((s) => s.phase === "PLAY").slice(0, 40);
  for (const state of picked) {
    const request = requestFor(state, "brain:replies:p1", { gameId: "same" });
    const a = answer(request, { worker: "w1" })!;
    const b = answer(request, { worker: "w2", policies: LEVEL_POLICIES })!;
    assert.deepEqual(a.command, b.command);
  }
});

Deno.test("answer() drops a request past its deadline", () => {
  const request = requestFor(POSITIONS[0], "brain:replies:p1", { deadline: 1000 });
  assert.equal(answer(request, { worker: "w1", clock: () => 1001 }), null);
  assert.notEqual(answer(request, { worker: "w1", clock: () => 1000 }), null);
});

Deno.test("triage() sorts entries into answers, expired and rejects, without throwing", () => {
  const request = requestFor(POSITIONS[3], "brain:replies:p1");
  const ok = triage({ r: JSON.stringify(request) }, { worker: "w1" });
  assert.equal(ok.type, "answer");
  assert.equal(ok.type === "answer" && ok.replyTo, "brain:replies:p1");
  const late = triage({ r: JSON.stringify({ ...request, deadline: 5 }) }, { worker: "w1" });
  assert.deepEqual(late, { type: "expired", id: request.id });
  const reasons = [
    triage({}, { worker: "w1" }),
    triage({ r: "{not json" }, { worker: "w1" }),
    triage({ r: JSON.stringify({ ...request, seat: (request.seat + 1) % 4 }) }, { worker: "w1" }),
    triage({ r: JSON.stringify({ ...request, level: 4 }) }, { worker: "w1" }),
    triage({ r: "null" }, { worker: "w1" }),
  ];
  for (const r of reasons) assert.equal(r.type, "reject", JSON.stringify(r));
  const broken = triage({ r: JSON.stringify(request) }, {
    worker: "w1",
    policies: {
      ...LEVEL_POLICIES,
      1: () => () => {
        throw new Error("boom");
      },
    },
  });
  // A request that was read but cannot be answered gets an error reply the table acts on.
  assert.equal(broken.type, "refuse");
  if (broken.type !== "refuse") return;
  assert.equal(broken.reason, "no answer: boom");
  assert.equal(broken.replyTo, "brain:replies:p1");
  assert.deepEqual(broken.reply.error, { code: "BAD_VIEW", message: "no answer: boom" });
  assert.equal(typeof parseBrainReply(JSON.parse(JSON.stringify(broken.reply))), "object");
});

Deno.test("a view no deal agrees with is refused with BAD_VIEW, at every level", () => {
  // Seat 0 is shown holding a card that is also on the table: no world has both.
  const state = POSITIONS.find((s) => s.phase === "PLAY" && s.hand!.trick.cards.length > 0)!;
  const seat = state.hand!.toAct!;
  const view = viewFor(state, seat);
  const h = view.hand!;
  const onTable = h.trick.cards[0];
  const bad = {
    ...view,
    hand: {
      ...h,
      hands: h.hands.map((c, s) => (s === seat ? [...c.slice(1), onTable] : c)),
    },
  };
  for (const level of [1, 2, 3] as const) {
    const request = { ...requestFor(state, "brain:replies:p1", { level }), view: bad };
    const out = triage({ r: JSON.stringify(request) }, { worker: "w1" });
    assert.equal(out.type, "refuse", `level ${level}: ${JSON.stringify(out).slice(0, 200)}`);
  }
});

// ---------------------------------------------------------------- against Redis

/** Stream names of one test, unique to this run, and a raw client to drive and inspect them. */
interface Keys {
  readonly stream: string;
  readonly group: string;
  readonly deadLetters: string;
  readonly replies: string;
}

async function withRedis(test: (redis: Redis, keys: Keys) => Promise<void>): Promise<void> {
  const base = `test:brain:${crypto.randomUUID()}`;
  const keys = {
    stream: `${base}:requests`,
    group: "brain",
    deadLetters: `${base}:dead`,
    replies: `${base}:replies`,
  };
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    await test(redis, keys);
  } finally {
    await redis.del(keys.stream, keys.deadLetters, keys.replies);
    await redis.quit();
  }
}

interface Running {
  readonly worker: BrainWorker;
  readonly queue: RedisQueue;
  readonly done: Promise<void>;
  readonly lines: string[];
  stop(): Promise<void>;
}

function startWorker(
  keys: Keys,
  name: string,
  options: Partial<RedisQueueOptions> & Partial<WorkerOptions> = {},
): Running {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const queue = new RedisQueue({
    url: REDIS_URL,
    consumer: name,
    stream: keys.stream,
    group: keys.group,
    deadLetters: keys.deadLetters,
    blockMs: 200,
    log,
    ...options,
  });
  const worker = new BrainWorker(queue, { worker: name, log, ...options });
  const done = worker.run();
  return {
    worker,
    queue,
    done,
    lines,
    async stop() {
      await worker.stop();
      await queue.close();
    },
  };
}

/** Creates the group as a worker would, so that requests added before it starts are read. */
async function createGroup(redis: Redis, keys: Keys): Promise<void> {
  await redis.xgroup("CREATE", keys.stream, keys.group, "$", "MKSTREAM");
}

async function send(redis: Redis, keys: Keys, request: BrainRequest | string): Promise<string> {
  const body = typeof request === "string" ? request : JSON.stringify(request);
  return (await redis.xadd(keys.stream, "*", "r", body))!;
}

async function replies(redis: Redis, keys: Keys): Promise<BrainReply[]> {
  const entries = await redis.xrange(keys.replies, "-", "+");
  return entries.map(([, fields]) => {
    assert.deepEqual(fields.length, 2);
    assert.equal(fields[0], "r");
    const reply = parseBrainReply(JSON.parse(fields[1]));
    assert.notEqual(typeof reply, "string", String(reply));
    return reply as BrainReply;
  });
}

async function pendingCount(redis: Redis, keys: Keys): Promise<number> {
  const summary = await redis.xpending(keys.stream, keys.group) as [number, ...unknown[]];
  return summary[0];
}

async function eventually(what: string, check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const playState = POSITIONS.find((s) => s.phase === "PLAY")!;
const bidState = POSITIONS.find((s) => s.phase === "BIDDING")!;

Deno.test("a worker answers a request on its reply stream with a legal move, and acks it", async () => {
  await withRedis(async (redis, keys) => {
    const w = startWorker(keys, "w-answer");
    try {
      await eventually("the group", async () => (await redis.exists(keys.stream)) === 1);
      for (const state of [bidState, playState]) {
        const request = requestFor(state, keys.replies);
        asked.set(request.id, state);
        await send(redis, keys, request);
      }
      await eventually("two replies", async () => (await redis.xlen(keys.replies)) === 2);
      const got = await replies(redis, keys);
      for (const reply of got) {
        legalReply(reply);
        assert.equal(reply.worker, "w-answer");
      }
      await eventually("acks", async () => (await pendingCount(redis, keys)) === 0);
      assert.equal(w.worker.stats.answered, 2);
    } finally {
      await w.stop();
    }
  });
});

Deno.test("an expired request gets no answer and is acked", async () => {
  await withRedis(async (redis, keys) => {
    await createGroup(redis, keys);
    await send(redis, keys, requestFor(playState, keys.replies, { deadline: Date.now() - 1 }));
    const w = startWorker(keys, "w-expired");
    try {
      await eventually("the drop", () => Promise.resolve(w.worker.stats.expired === 1));
      assert.equal(await pendingCount(redis, keys), 0);
      assert.equal(await redis.xlen(keys.replies), 0);
    } finally {
      await w.stop();
    }
  });
});

Deno.test("malformed entries go to the dead letters with the reason, and the worker goes on", async () => {
  await withRedis(async (redis, keys) => {
    await createGroup(redis, keys);
    const bad = await send(redis, keys, "{oops");
    const wrong = await send(redis, keys, JSON.stringify({ protocol: 1 }));
    const noBody = (await redis.xadd(keys.stream, "*", "x", "1"))!;
    const good = requestFor(playState, keys.replies);
    asked.set(good.id, playState);
    await send(redis, keys, good);
    const w = startWorker(keys, "w-dead");
    try {
      await eventually("the answer", async () => (await redis.xlen(keys.replies)) === 1);
      await eventually("acks", async () => (await pendingCount(redis, keys)) === 0);
      const dead = await redis.xrange(keys.deadLetters, "-", "+");
      const byEntry = new Map(dead.map(([, f]) => {
        const fields = Object.fromEntries(
          f.flatMap((_, i) => i % 2 === 0 ? [[f[i], f[i + 1]]] : []),
        );
        return [fields.entry, fields];
      }));
      assert.equal(byEntry.size, 3);
      assert.equal(byEntry.get(bad)!.r, "{oops");
      assert.match(byEntry.get(bad)!.reason, /^bad JSON/);
      assert.match(byEntry.get(wrong)!.reason, /request/);
      assert.equal(byEntry.get(noBody)!.x, "1");
      assert.equal(byEntry.get(noBody)!.worker, "w-dead");
      assert.equal(byEntry.get(noBody)!.stream, keys.stream);
      assert.equal(w.worker.stats.deadLettered, 3);
      legalReply((await replies(redis, keys))[0]);
    } finally {
      await w.stop();
    }
  });
});

Deno.test("two workers in one group share the requests and answer each once", async () => {
  await withRedis(async (redis, keys) => {
    await createGroup(redis, keys);
    const a = startWorker(keys, "w-a");
    const b = startWorker(keys, "w-b");
    try {
      const states = POSITIONS.filter((_, i) => i % 7 === 0).slice(0, 40);
      const pipe = redis.pipeline();
      for (const state of states) {
        const request = requestFor(state, keys.replies);
        asked.set(request.id, state);
        pipe.xadd(keys.stream, "*", "r", JSON.stringify(request));
      }
      await pipe.exec();
      await eventually(
        "all replies",
        async () => (await redis.xlen(keys.replies)) >= states.length,
      );
      await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up
      const got = await replies(redis, keys);
      assert.equal(got.length, states.length);
      assert.equal(new Set(got.map((r) => r.id)).size, states.length);
      got.forEach(legalReply);
      const by = (name: string) => got.filter((r) => r.worker === name).length;
      assert.ok(by("w-a") > 0 && by("w-b") > 0, `w-a ${by("w-a")}, w-b ${by("w-b")}`);
      assert.equal(a.worker.stats.answered + b.worker.stats.answered, states.length);
      assert.equal(await pendingCount(redis, keys), 0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

Deno.test("a request left unacknowledged by a dead worker is reclaimed and answered", async () => {
  await withRedis(async (redis, keys) => {
    await createGroup(redis, keys);
    const request = requestFor(playState, keys.replies);
    asked.set(request.id, playState);
    await send(redis, keys, request);
    // The "killed" worker: reads the request and never acknowledges it.
    const taken = await redis.xreadgroup(
      "GROUP",
      keys.group,
      "crashed",
      "COUNT",
      1,
      "STREAMS",
      keys.stream,
      ">",
    ) as [string, unknown[]][];
    assert.equal(taken[0][1].length, 1);
    const w = startWorker(keys, "w-rescuer", { reclaimIdleMs: 150, reclaimEveryMs: 50 });
    try {
      await eventually("the answer", async () => (await redis.xlen(keys.replies)) === 1);
      const [reply] = await replies(redis, keys);
      legalReply(reply);
      assert.equal(reply.worker, "w-rescuer");
      await eventually("acks", async () => (await pendingCount(redis, keys)) === 0);
      assert.equal(w.worker.stats.reclaimed, 1);
    } finally {
      await w.stop();
    }
  });
});

Deno.test("a request delivered more than three times goes to the dead letters", async () => {
  await withRedis(async (redis, keys) => {
    await createGroup(redis, keys);
    const id = await send(redis, keys, requestFor(playState, keys.replies));
    await redis.xreadgroup("GROUP", keys.group, "crashed", "STREAMS", keys.stream, ">");
    // Delivered three times so far: the next claim is the fourth delivery.
    await redis.xclaim(keys.stream, keys.group, "crashed", 0, id, "RETRYCOUNT", 3);
    const w = startWorker(keys, "w-reaper", { reclaimIdleMs: 50, reclaimEveryMs: 20 });
    try {
      await eventually("the dead letter", async () => (await redis.xlen(keys.deadLetters)) === 1);
      const [[, fields]] = await redis.xrange(keys.deadLetters, "-", "+");
      assert.equal(fields[fields.indexOf("reason") + 1], "delivered 4 times");
      assert.equal(fields[fields.indexOf("entry") + 1], id);
      await eventually("acks", async () => (await pendingCount(redis, keys)) === 0);
      assert.equal(await redis.xlen(keys.replies), 0);
      assert.equal(w.worker.stats.deadLettered, 1);
    } finally {
      await w.stop();
    }
  });
});

Deno.test("a worker keeps answering after its connections drop and its group is lost", async () => {
  await withRedis(async (redis, keys) => {
    const name = `w-drop-${crypto.randomUUID().slice(0, 8)}`;
    const w = startWorker(keys, name);
    try {
      await eventually("the group", async () => (await redis.exists(keys.stream)) === 1);
      const ask = async (gameId: string) => {
        const request = requestFor(playState, keys.replies, { gameId });
        asked.set(request.id, playState);
        await send(redis, keys, request);
      };
      await ask("before");
      await eventually("the 1st answer", async () => (await redis.xlen(keys.replies)) === 1);
      // Kill both of the worker's connections: ioredis reconnects, the reader resends its read.
      let killed = 0;
      for (const line of (await redis.client("LIST") as string).split("\n")) {
        if ((/\bname=(\S*)/.exec(line)?.[1] ?? "").startsWith(name)) {
          await redis.client("KILL", "ID", /\bid=(\d+)/.exec(line)![1]);
          killed++;
        }
      }
      assert.equal(killed, 2);
      await ask("after-kill");
      await eventually("the 2nd answer", async () => (await redis.xlen(keys.replies)) === 2);
      // A Redis restart without persistence loses the stream and its group.
      await redis.del(keys.stream);
      await eventually("the new group", async () => (await redis.exists(keys.stream)) === 1);
      await ask("after-loss");
      await eventually("the 3rd answer", async () => (await redis.xlen(keys.replies)) === 3);
      (await replies(redis, keys)).forEach(legalReply);
      assert.ok(w.lines.filter((l) => l.includes("unavailable")).length <= 1, w.lines.join("\n"));
      assert.equal(
        w.lines.filter((l) => l.includes("created group")).length,
        2,
        w.lines.join("\n"),
      );
      assert.ok(!w.lines.some((l) => l.startsWith("worker:")), w.lines.join("\n"));
    } finally {
      await w.stop();
    }
  });
});

Deno.test("stop() ends a blocked read at once", async () => {
  await withRedis(async (_redis, keys) => {
    const w = startWorker(keys, "w-stop", { blockMs: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await w.stop();
    assert.ok(Date.now() - t0 < 1000, `stopped in ${Date.now() - t0} ms`);
    await w.done;
  });
});

Deno.test({
  name: "a worker rides out a Redis restart, logging the outage once",
  ignore: !hasRedisServer(),
  async fn() {
    const port = 20_000 + Math.floor(Math.random() * 6_000); // a range no other test uses
    const url = `redis://127.0.0.1:${port}/0`;
    let server = startRedis(port);
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    redis.on("error", quiet);
    await eventually("redis-server", async () => (await redis.ping()) === "PONG");
    const keys = {
      stream: "r:requests",
      group: "brain",
      deadLetters: "r:dead",
      replies: "r:replies",
    };
    const w = startWorker(keys, "w-restart", { url, commandTimeoutMs: 500 });
    try {
      await eventually("the group", async () => (await redis.exists(keys.stream)) === 1);
      server.kill("SIGKILL");
      await server.status;
      await new Promise((r) => setTimeout(r, 1500));
      server = startRedis(port);
      const request = requestFor(playState, keys.replies);
      asked.set(request.id, playState);
      // Requests sent right after the restart may precede the new group (its "$" skips them):
      // the table's fallback covers those; this one waits for the group.
      await eventually(
        "the new group",
        async () => (await redis.exists(keys.stream)) === 1,
        10_000,
      );
      await send(redis, keys, request);
      await eventually("the answer", async () => (await redis.xlen(keys.replies)) === 1, 10_000);
      legalReply((await replies(redis, keys))[0]);
      const outage = w.lines.filter((l) => l.includes("unavailable"));
      assert.equal(outage.length, 1, w.lines.join("\n"));
      assert.ok(w.lines.some((l) => l.includes("back after")), w.lines.join("\n"));
    } finally {
      await w.stop();
      redis.disconnect();
      server.kill("SIGKILL");
      await server.status;
    }
  },
});

Deno.test("main.ts answers requests and stops cleanly on SIGTERM", async () => {
  await withRedis(async (redis, keys) => {
    await createGroup(redis, keys);
    const request = requestFor(playState, keys.replies);
    asked.set(request.id, playState);
    await send(redis, keys, request);
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname],
      env: {
        REDIS_URL,
        BRAIN_WORKER: "w-main",
        BRAIN_REQUESTS: keys.stream,
        BRAIN_GROUP: keys.group,
        BRAIN_DEAD_LETTERS: keys.deadLetters,
      },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    try {
      await eventually("the answer", async () => (await redis.xlen(keys.replies)) === 1, 20_000);
    } finally {
      child.kill("SIGTERM");
    }
    const out = await child.output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
    assert.match(text, /stopped; in all: answered=1 /);
    const [reply] = await replies(redis, keys);
    assert.equal(reply.worker, "w-main");
    legalReply(reply);
  });
});

function hasRedisServer(): boolean {
  try {
    return Deno.statSync("/usr/bin/redis-server").isFile;
  } catch {
    return false;
  }
}

function startRedis(port: number): Deno.ChildProcess {
  return new Deno.Command("redis-server", {
    args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    stdout: "null",
    stderr: "null",
  }).spawn();
}
