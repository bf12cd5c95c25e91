import assert from "node:assert/strict";
import { gameKeys } from "@baloot/wire";
import { until } from "../server/_testing.ts";
import { RedisLog } from "./redis_log.ts";

/**
 * A stand-in Redis that answers what a RedisLog sends on connecting, and lets the test decide
 * what happens to each SUBSCRIBE: a real server cannot be held between a reconnection's
 * SUBSCRIBE and its reply, which is the moment this test needs.
 */
class FakeRedis {
  readonly listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  /** Each SUBSCRIBE seen: its channels and the connection it came on. */
  readonly subscribes: { channels: string[]; conn: Deno.Conn }[] = [];
  /** Whether SUBSCRIBEs are answered. */
  answerSubscribes = true;
  readonly #conns = new Set<Deno.Conn>();

  constructor() {
    (async () => {
      for await (const conn of this.listener) this.#serve(conn);
    })().catch(() => {});
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.listener.addr as Deno.NetAddr).port}`;
  }

  async #serve(conn: Deno.Conn): Promise<void> {
    this.#conns.add(conn);
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of conn.readable) {
        buffer += dec.decode(chunk);
        for (let cmd = takeCommand(buffer); cmd; cmd = takeCommand(buffer)) {
          buffer = buffer.slice(cmd.length);
          const [name, ...args] = cmd.args;
          let reply = "+OK\r\n";
          if (name.toLowerCase() === "ping") reply = "+PONG\r\n";
          if (name.toLowerCase() === "info") reply = bulk("# Server\r\nloading:0\r\n");
          if (name.toLowerCase() === "subscribe") {
            this.subscribes.push({ channels: args, conn });
            if (!this.answerSubscribes) continue;
            reply = args.map((c, i) => `*3\r\n${bulk("subscribe")}${bulk(c)}:${i + 1}\r\n`).join(
              "",
            );
          }
          await conn.write(enc.encode(reply));
        }
      }
    } catch { /* closed */ }
    this.#conns.delete(conn);
  }

  close(): void {
    this.listener.close();
    for (const c of this.#conns) c.close();
  }
}

const bulk = (s: string) => `$${new TextEncoder().encode(s).length}\r\n${s}\r\n`;

/** The first whole RESP command (an array of bulk strings) in `buffer`, if any. */
function takeCommand(buffer: string): { args: string[]; length: number } | null {
  const lines = buffer.split("\r\n");
  if (lines.length < 2 || !lines[0].startsWith("*")) return null;
  const n = Number(lines[0].slice(1));
  if (lines.length < 2 + 2 * n) return null;
  const args = Array.from({ length: n }, (_, i) => lines[2 + 2 * i]);
  return { args, length: lines.slice(0, 1 + 2 * n).join("\r\n").length + 2 };
}

Deno.test(
  "the relay resubscribes after a reconnection, and closing meanwhile rejects nothing unhandled",
  {
    sanitizeOps: false,
    sanitizeResources: false,
  },
  async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => {
      e.preventDefault();
      unhandled.push(e.reason);
    };
    globalThis.addEventListener("unhandledrejection", onUnhandled);
    const fake = new FakeRedis();
    const log = new RedisLog(fake.url, () => {});
    try {
      await log.ready();
      await log.listen("g1");
      const channel = gameKeys("g1").notify;
      assert.deepEqual(fake.subscribes.map((s) => s.channels), [[channel]]);

      // The connection drops; the relay reconnects and subscribes again, and is closed before
      // that SUBSCRIBE is answered.
      fake.answerSubscribes = false;
      fake.subscribes[0].conn.close();
      await until(() => fake.subscribes.length === 2, 5_000, "the resubscription");
      assert.deepEqual(fake.subscribes[1].channels, [channel], "the same channel, once");
      log.close();
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(unhandled, [], "nothing left rejected with no one listening");
    } finally {
      log.close();
      fake.close();
      globalThis.removeEventListener("unhandledrejection", onUnhandled);
    }
  },
);
