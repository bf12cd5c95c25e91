/**
 * `tools/platform.ts` as `deno task start` runs it: a real subprocess with two game servers and
 * a Brain worker on the test Redis, checked over HTTP and `ps`, then stopped with SIGTERM.
 *
 * @module
 */

import assert from "node:assert/strict";
import { parseOptions } from "./platform.ts";

const REDIS = Deno.env.get("TEST_REDIS_URL") ?? "redis://127.0.0.1:6379/9";
const PLATFORM = new URL("./platform.ts", import.meta.url).pathname;

/**
 * A port P with P and P+1 free, in 30000..32699: below Linux's ephemeral range (32768 up), where
 * outgoing connections could take it meanwhile, and apart from the server tests' 27000..28999.
 */
function freePorts(): number {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 30_000 + Math.floor(Math.random() * 2_700);
    try {
      Deno.listen({ port, hostname: "0.0.0.0" }).close();
      Deno.listen({ port: port + 1, hostname: "0.0.0.0" }).close();
      Deno.listen({ port: port + 2, hostname: "0.0.0.0" }).close();
      return port;
    } catch { /* taken: try another */ }
  }
  throw new Error("no two free ports found");
}

/** Child processes of `pid` as `[pid, command line]`. */
function childrenOf(pid: number): [number, string][] {
  const out = new Deno.Command("ps", { args: ["-o", "pid=,args=", "--ppid", String(pid)] })
    .outputSync();
  return new TextDecoder().decode(out.stdout).split("\n").map((l) => l.trim()).filter(Boolean)
    .map((l) => {
      const [p, ...rest] = l.split(/\s+/);
      return [Number(p), rest.join(" ")];
    });
}

/** Those of `pids` still alive (zombies, already dead, do not count). */
function alive(pids: readonly number[]): number[] {
  const out = new Deno.Command("ps", { args: ["-o", "pid=,stat=", "-p", pids.join(",")] })
    .outputSync();
  return new TextDecoder().decode(out.stdout).split("\n").map((l) => l.trim().split(/\s+/))
    .filter(([p, stat]) => p && !stat?.startsWith("Z")).map(([p]) => Number(p));
}

async function until(check: () => boolean, ms: number, what: string, log: string[]) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; output:\n${log.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

Deno.test("platform: servers and a brain worker start, answer, and stop on SIGTERM", async () => {
  const port = freePorts();
  const archive = await Deno.makeTempDir({ prefix: "baloot-platform-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", PLATFORM, "--no-demo", "--servers", "2", "--port", String(port)],
    env: { REDIS_URL: REDIS, ARCHIVE_DIR: archive, RELAY_PORT: String(port + 2) },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const read = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts);
    }
    if (rest) lines.push(rest);
  };
  const output = Promise.all([read(child.stdout), read(child.stderr)]);
  let pids: number[] = [];
  try {
    await until(
      () => exited || lines.some((l) => l.includes("Baloot platform is up")),
      90_000,
      "the banner",
      lines,
    );
    assert.ok(!exited, `the platform exited early:\n${lines.join("\n")}`);
    assert.ok(lines.some((l) => l.startsWith("game-1 | baloot server")), "game-1's ready line");
    assert.ok(lines.some((l) => l.startsWith("game-2 | baloot server")), "game-2's ready line");
    assert.ok(lines.some((l) => l.startsWith("relay-1 | baloot relay")), "the relay's ready line");
    const relay = await (await fetch(`http://127.0.0.1:${port + 2}/health`)).json();
    assert.equal(relay.relayId, "relay-1", "the relay answers");

    for (const p of [port, port + 1]) {
      const health = await fetch(`http://127.0.0.1:${p}/__healthcheck`);
      await health.body?.cancel();
      assert.equal(health.status, 200, `GET /__healthcheck on ${p}`);
      const tables = await fetch(`http://127.0.0.1:${p}/api/tables`);
      assert.equal(tables.status, 200, `GET /api/tables on ${p}`);
      assert.match(tables.headers.get("content-type") ?? "", /application\/json/);
      const body = await tables.json();
      assert.ok(Array.isArray(body.tables), `/api/tables on ${p}: ${JSON.stringify(body)}`);
      // The browser client, built by the platform, is served by every game server.
      const page = await fetch(`http://127.0.0.1:${p}/`);
      assert.equal(page.status, 200, `GET / on ${p}`);
      assert.match(await page.text(), /<div id="app">/);
      assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
      const bundle = await fetch(`http://127.0.0.1:${p}/app/main.js`);
      assert.equal(bundle.status, 200, `GET /app/main.js on ${p}`);
      assert.ok((await bundle.arrayBuffer()).byteLength > 100_000, "the bundle is served whole");
    }
    assert.ok(lines.some((l) => l.includes(`PLAY           http://localhost:${port}/`)), "the URL");

    await until(() => lines.some((l) => l.startsWith("brain-1 | ")), 10_000, "brain-1", lines);
    const children = childrenOf(child.pid);
    pids = children.map(([p]) => p);
    const commands = children.map(([, c]) => c);
    assert.equal(commands.filter((c) => c.includes("server/main.ts")).length, 2, `${commands}`);
    assert.equal(commands.filter((c) => c.includes("brain/main.ts")).length, 1, `${commands}`);
    assert.equal(commands.filter((c) => c.includes("relay/main.ts")).length, 1, `${commands}`);

    const t0 = Date.now();
    child.kill("SIGTERM");
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000));
    const s = await Promise.race([status, timeout]);
    assert.notEqual(s, "timeout", `no exit within 10 s of SIGTERM:\n${lines.join("\n")}`);
    assert.equal((s as Deno.CommandStatus).code, 0, lines.join("\n"));
    assert.ok(Date.now() - t0 < 10_000);
    assert.deepEqual(alive(pids), [], "children left running after the platform exited");
    assert.ok(lines.some((l) => l.startsWith("platform | stopped")));
  } finally {
    // Leave nothing behind, whatever failed.
    if (!exited && pids.length === 0) pids = childrenOf(child.pid).map(([p]) => p);
    for (const p of pids.length ? alive(pids) : []) Deno.kill(p, "SIGKILL");
    if (!exited) child.kill("SIGKILL");
    await status;
    await output;
    await Deno.remove(archive, { recursive: true });
  }
});

Deno.test("platform: flags win over the environment, which wins over the defaults", () => {
  const none = () => undefined;
  const d = parseOptions([], none);
  assert.deepEqual(
    [d.servers, d.port, d.brainWorkers, d.demo, d.redisUrl, d.readyTimeoutMs],
    [2, 2567, 1, true, "redis://127.0.0.1:6379", 60_000],
  );
  assert.ok(d.archiveDir.endsWith("/.data/archive") && d.archiveDir.startsWith("/"));

  const env: Record<string, string> = {
    SERVER_PROCESSES: "3",
    PORT: "3000",
    BRAIN_WORKERS: "0",
    REDIS_URL: "redis://h:1/2",
    ARCHIVE_DIR: "/srv/records",
  };
  const e = parseOptions([], (k) => env[k]);
  assert.deepEqual(
    [e.servers, e.port, e.brainWorkers, e.redisUrl, e.archiveDir],
    [3, 3000, 0, "redis://h:1/2", "/srv/records"],
  );
  const f = parseOptions(["--servers", "1", "--port=4000", "--no-demo"], (k) => env[k]);
  assert.deepEqual([f.servers, f.port, f.demo], [1, 4000, false]);

  assert.throws(() => parseOptions(["--servers", "0"], none), /--servers must be a whole number/);
  assert.throws(() => parseOptions([], (k) => k === "PORT" ? "x" : undefined), /PORT must be/);
  assert.throws(() => parseOptions(["--port", "65535", "--servers", "2"], none), /past 65535/);
  assert.throws(() => parseOptions(["--seed", "7"], none), /Unknown option '--seed'/);
});
