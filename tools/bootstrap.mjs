#!/usr/bin/env node
// Bootstrap for the Baloot platform: `npm start` / `npm test` land here.
//
// A fresh Debian machine has only Node.js and npm. Before handing over to
// `deno task start|test` this script makes sure that:
//   1. Deno (pinned in tools/deno/package.json, the npm package `deno`) is
//      installed there with `npm install --prefix tools/deno`;
//   2. a Redis answers at REDIS_URL (default redis://127.0.0.1:6379); for a
//      local URL it starts redis-server with ./redis.conf, installing it with
//      apt-get first when running as root;
//   3. Chromium is installed for `test` (browser tests; BALOOT_NEEDS_CHROMIUM=0 skips
//      them) and for other tasks only if BALOOT_NEEDS_CHROMIUM=1.
// For `test` it also prints one plain `N passed, N failed` line at the end.
//
// Usage: node tools/bootstrap.mjs start|test [extra args for the deno task]
//        node tools/bootstrap.mjs deno <any deno arguments>   (e.g. `task ok`)
// Only node: built-ins are used, so this runs before `npm install`.

import { spawn, spawnSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from "node:fs";
import { connect } from "node:net";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Repository root (this file is <root>/tools/bootstrap.mjs). */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
/** Where the pinned Deno is installed. Kept out of the root package.json: `deno task` would
 * otherwise resolve the `deno` command to node_modules/.bin/deno and run it as JavaScript. */
const DENO_PIN = join(ROOT, "tools", "deno");

/** @param {string} msg one-line status message (stderr) */
const say = (msg) => process.stderr.write(`[bootstrap] ${msg}\n`);

/**
 * Fail with a message for humans; main() prints it and exits 1. Exported
 * functions throw rather than exit so that tests can import them.
 * @param {string} msg
 * @returns {never}
 */
function fail(msg) {
  throw new Error(msg);
}

/**
 * Find an executable file on PATH.
 * @param {string} cmd
 * @returns {string | null} its absolute path, or null
 */
function which(cmd) {
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      if (statSync(join(dir, cmd)).isFile()) return join(dir, cmd);
    } catch { /* not in this dir */ }
  }
  return null;
}

/**
 * Run a command in the repo root with inherited stdio.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [opts]
 * @returns {boolean} true if it exited with status 0
 */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...opts });
  return !r.error && r.status === 0;
}

/** @returns {boolean} true when running as root on a machine with apt-get */
const canApt = () => process.getuid?.() === 0 && which("apt-get") !== null;

/**
 * `apt-get install -y <pkg>`; if that fails, `apt-get update` and retry once.
 * @param {string} pkg
 * @returns {boolean} true if installed
 */
function aptInstall(pkg) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  say(`installing ${pkg}: apt-get install -y ${pkg}`);
  if (run("apt-get", ["install", "-y", pkg], { env })) return true;
  say("install failed; running apt-get update, then retrying");
  run("apt-get", ["update"], { env }); // may fail partly (one bad source): retry anyway
  return run("apt-get", ["install", "-y", pkg], { env });
}

/**
 * Find a Deno binary of the given version in node_modules. The native binary
 * is preferred to node_modules/.bin/deno: if npm skipped the package's
 * postinstall script, .bin/deno is a Node wrapper (bin.cjs) that would sit
 * between us and Deno and not pass on the signals we forward.
 * @param {string} version e.g. "2.9.6"
 * @returns {string | null}
 */
function findDeno(version) {
  const nm = join(DENO_PIN, "node_modules");
  const candidates = [join(nm, "deno", "deno")];
  try {
    for (const d of readdirSync(join(nm, "@deno"))) candidates.push(join(nm, "@deno", d, "deno"));
  } catch { /* no platform packages installed */ }
  candidates.push(join(nm, ".bin", "deno"));
  for (const bin of candidates.filter((c) => existsSync(c))) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (!r.error && r.status === 0 && r.stdout.startsWith(`deno ${version} `)) return bin;
  }
  return null;
}

/**
 * Make sure the Deno pinned in tools/deno/package.json is installed (running
 * `npm install --prefix tools/deno` if needed).
 * @returns {string} path of a working deno binary
 */
export function ensureDeno() {
  const pkg = JSON.parse(readFileSync(join(DENO_PIN, "package.json"), "utf8"));
  const version = String(pkg.dependencies?.deno ?? "2.9.6").replace(/^[\^~=v]+/, "");
  let bin = findDeno(version);
  if (bin) return bin;
  say(`Deno ${version} not found; running npm install --prefix tools/deno`);
  // Under `npm start|test`, npm tells us where its CLI is; otherwise use PATH.
  const npmCli = process.env.npm_execpath;
  const args = ["install", "--prefix", DENO_PIN, "--no-audit", "--no-fund"];
  const ok = npmCli?.endsWith(".js") ? run(process.execPath, [npmCli, ...args]) : run("npm", args);
  bin = findDeno(version);
  if (!bin) {
    fail(
      `Deno ${version} is still not usable after npm install${ok ? "" : " (which failed)"}; ` +
        "see the npm output above, fix it, and retry `npm install`.",
    );
  }
  return bin;
}

/**
 * Send PING to a Redis server.
 * @param {string} host
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>} true on +PONG, or on -NOAUTH (Redis is up but
 *   wants a password, which the app gets from REDIS_URL)
 */
export function pingRedis(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    let reply = "";
    const sock = connect({ host, port });
    const done = (/** @type {boolean} */ ok) => (sock.destroy(), resolve(ok));
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on("error", () => done(false));
    sock.on("end", () => done(false));
    sock.on("connect", () => sock.write("PING\r\n"));
    sock.on("data", (buf) => {
      reply += buf.toString("latin1");
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"));
    });
  });
}

/**
 * Poll pingRedis until Redis answers or `ms` milliseconds have passed.
 * @param {string} host
 * @param {number} port
 * @param {number} ms
 * @returns {Promise<boolean>}
 */
async function waitForRedis(host, port, ms) {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (await pingRedis(host, port, 500)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * Make sure a Redis answers at REDIS_URL (default redis://127.0.0.1:6379),
 * starting (and if needed installing) a local one. Sets process.env.REDIS_URL
 * so that the deno child inherits it.
 * @returns {Promise<string>} the Redis URL in use
 */
export async function ensureRedis() {
  const url = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  /** @type {URL} */
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    fail(`REDIS_URL is not a valid URL: ${url}`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
  const port = Number(parsed.port || 6379);
  process.env.REDIS_URL = url;
  if (await pingRedis(host, port)) return url;

  if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
    fail(`Redis at ${url} does not answer PING; start it, or point REDIS_URL elsewhere.`);
  }
  if (!which("redis-server")) {
    if (!canApt()) {
      fail(
        `no Redis answers at ${url} and redis-server is not installed.\n` +
          "  Install it (Debian: sudo apt-get install -y redis-server) and rerun,\n" +
          "  or set REDIS_URL=redis://host:port to point at a running Redis.",
      );
    }
    if (!aptInstall("redis-server")) fail("apt-get could not install redis-server (see above).");
    // The Debian package may have started its own service on this port.
    if (await waitForRedis(host, port, 1000)) return url;
  }

  const dir = join(ROOT, ".data", "redis");
  mkdirSync(dir, { recursive: true });
  say(`starting redis-server on port ${port} (data and log in .data/redis/)`);
  const started = run("redis-server", [
    join(ROOT, "redis.conf"),
    "--daemonize",
    "yes",
    "--port",
    String(port),
    "--dir",
    dir,
    "--logfile",
    join(dir, "redis.log"),
    "--pidfile",
    join(dir, `redis-${port}.pid`),
  ]);
  if (!started || !(await waitForRedis(host, port, 5000))) {
    fail(`redis-server did not answer on port ${port} within 5 s; see ${join(dir, "redis.log")}`);
  }
  return url;
}

/**
 * Make sure /usr/bin/chromium exists (for browser tests), installing it with
 * apt-get when running as root. main() calls it only if BALOOT_NEEDS_CHROMIUM=1.
 * @returns {string} path of the chromium binary
 */
export function ensureChromium() {
  const bin = "/usr/bin/chromium";
  if (existsSync(bin)) return bin;
  if (!canApt()) fail(`${bin} is missing; install it (Debian: sudo apt-get install -y chromium).`);
  if (!aptInstall("chromium") || !existsSync(bin)) fail("apt-get could not install chromium.");
  return bin;
}

/** ANSI escape sequences (CSI colours/cursor moves, OSC links). */
// deno-lint-ignore no-control-regex -- matching terminal escape codes is the point
const ANSI = /\x1b\[[0-9;?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
/** Deno test summary, e.g. `ok | 12 passed (4 steps) | 0 failed (2s)`. */
const SUMMARY = /^(?:ok|FAILED) \| (\d+) passed\b.*?\| (\d+) failed\b/;

/**
 * Copy a child's output stream to ours live, and add up the Deno test
 * summaries found in its (ANSI-stripped) lines.
 * @param {import("node:stream").Readable} from
 * @param {NodeJS.WriteStream} to
 * @param {{ passed: number, failed: number, found: number }} totals
 */
function teeAndCount(from, to, totals) {
  let partial = ""; // incomplete last line of the previous chunk
  const scan = (/** @type {string} */ line) => {
    const m = SUMMARY.exec(line.replace(ANSI, "").replace(/\r/g, "").trim());
    if (m) (totals.passed += Number(m[1]), totals.failed += Number(m[2]), totals.found++);
  };
  from.on("data", (chunk) => {
    to.write(chunk);
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    lines.forEach(scan);
  });
  from.on("end", () => scan(partial));
}

/**
 * Run `deno task <task> ...args` (or, for "deno", `deno ...args`), forward
 * SIGINT/SIGTERM, exit with its code.
 * @param {string} deno path of the deno binary
 * @param {"start" | "test" | "deno"} task
 * @param {string[]} args extra arguments for the task
 */
function runTask(deno, task, args) {
  const isTest = task === "test";
  // `deno` inside a task resolves to this same binary, so tasks need no PATH.
  const env = { ...process.env, PATH: `${dirname(deno)}${delimiter}${process.env.PATH ?? ""}` };
  const child = spawn(deno, task === "deno" ? args : ["task", task, ...args], {
    cwd: ROOT,
    env,
    stdio: isTest ? ["inherit", "pipe", "pipe"] : "inherit",
  });
  const totals = { passed: 0, failed: 0, found: 0 };
  if (isTest) {
    teeAndCount(child.stdout, process.stdout, totals);
    teeAndCount(child.stderr, process.stderr, totals);
  }
  for (const sig of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.on(sig, () => child.exitCode === null && child.kill(sig));
  }
  child.on("error", (err) => {
    say(`ERROR: could not run ${deno}: ${err.message}`);
    process.exit(1);
  });
  // "close" rather than "exit": all piped output has been read by then.
  child.on("close", (code, signal) => {
    let status = code ?? (signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 1);
    if (isTest) {
      if (totals.found === 0) {
        totals.failed = 1;
        say("no deno test summary found; counting the run as failed");
      } else if (status !== 0 && totals.failed === 0) {
        // e.g. one suite passed, then another failed to type-check.
        totals.failed = 1;
        say(`deno exited with ${status} but reported no failed test; counting 1 failure`);
      }
      if (totals.failed > 0 && status === 0) status = 1;
      process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
    }
    process.exit(status);
  });
}

/**
 * Entry point.
 * @param {string[]} argv `start|test` followed by extra args for the task
 */
async function main(argv) {
  const [task, ...rest] = argv;
  try {
    if (task !== "start" && task !== "test" && task !== "deno") {
      fail("usage: node tools/bootstrap.mjs start|test [extra args] | deno <deno arguments>");
    }
    const deno = ensureDeno();
    if (task !== "deno") await ensureRedis();
    // The browser tests need Chromium: `test` installs it where it can (set
    // BALOOT_NEEDS_CHROMIUM=0 to skip them instead); other tasks only on request.
    if (task === "test" && process.env.BALOOT_NEEDS_CHROMIUM === undefined) {
      process.env.BALOOT_NEEDS_CHROMIUM = "1";
    }
    if (process.env.BALOOT_NEEDS_CHROMIUM === "1") ensureChromium();
    runTask(deno, task, rest);
  } catch (err) {
    say(`ERROR: ${err instanceof Error ? err.message : err}`);
    if (task === "test") process.stdout.write("0 passed, 1 failed\n");
    process.exit(1);
  }
}

// Run only when executed directly, not when imported (e.g. for ensureChromium).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2));
}
