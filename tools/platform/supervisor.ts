/**
 * Supervision of the platform's processes: start, forward output, restart a child that exits
 * unexpectedly (a few times a minute at most), stop them all on a signal.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { delay, forwardLines, printer, say } from "./output.ts";

/** The repository root (this file is `<root>/tools/platform.ts`). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** How long children get to stop after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;
/** Restarts allowed per child within {@linkcode RESTART_WINDOW_MS}. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
/** Pause before a restart, so that a crashing child does not spin and its port is released. */
const RESTART_DELAY_MS = 1_000;

/** One service to run: a script of this repository with its environment. */
export interface ServiceSpec {
  readonly name: string;
  readonly script: string;
  /** V8 flags for the process, if any. */
  readonly v8Flags?: string;
  readonly env: Record<string, string>;
  /** The line that says it is ready (servers); services without one are ready once started. */
  readonly ready?: RegExp;
  /** Where it answers, for the banner. */
  readonly url?: string;
}

/** A supervised child: started, restarted when it dies, stopped on shutdown. */
export class Supervised {
  proc: Deno.ChildProcess | null = null;
  /** Resolves when the current process has exited and its output is read. */
  exited: Promise<void> = Promise.resolve();
  /** Resolves on the first ready line; rejects if the first process exits before it. */
  readonly firstReady: Promise<void>;
  #readyOnce: { resolve: () => void; reject: (e: Error) => void };
  #everReady = false;
  #restarts: number[] = [];
  #gaveUp = false;
  readonly #out: (line: string) => void;
  readonly #err: (line: string) => void;

  constructor(readonly spec: ServiceSpec, readonly supervisor: Supervisor) {
    this.#out = printer(spec.name);
    this.#err = printer(spec.name, true);
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    promise.catch(() => {}); // observed by the start-up; never an unhandled rejection
    this.firstReady = promise;
    this.#readyOnce = { resolve, reject };
  }

  /** Whether it has printed its ready line (or needs none) at least once. */
  get everReady(): boolean {
    return this.#everReady;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  start(): void {
    const { spec } = this;
    const proc = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...(spec.v8Flags ? [`--v8-flags=${spec.v8Flags}`] : []), spec.script],
      cwd: ROOT,
      env: spec.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // Its own process group: a Ctrl-C at the terminal reaches only the platform, which then
      // stops each child once, in order (a second signal makes some services exit at once).
      detached: true,
    }).spawn();
    this.proc = proc;
    const onLine = (print: (line: string) => void) => (line: string) => {
      print(line);
      if (spec.ready?.test(line)) this.#onReady();
    };
    const output = Promise.all([
      forwardLines(proc.stdout, onLine(this.#out)),
      forwardLines(proc.stderr, onLine(this.#err)),
    ]);
    if (!spec.ready) this.#onReady();
    this.exited = (async () => {
      const status = await proc.status;
      await Promise.race([output, delay(500)]); // a grandchild could hold the pipes open
      this.proc = null;
      this.#onExit(status);
    })();
  }

  #onReady(): void {
    if (!this.#everReady) {
      this.#everReady = true;
      this.#readyOnce.resolve();
    } else if (this.#restarts.length > 0) {
      say(`${this.spec.name} is back`);
    }
  }

  #onExit(status: Deno.CommandStatus): void {
    const how = status.signal ? `signal ${status.signal}` : `code ${status.code}`;
    if (this.supervisor.stopping) return;
    if (!this.#everReady) {
      this.#readyOnce.reject(
        new Error(`${this.spec.name} exited (${how}) before it was ready; see its output above`),
      );
      return;
    }
    const now = Date.now();
    this.#restarts = this.#restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.#restarts.length >= MAX_RESTARTS) {
      this.#gaveUp = true;
      say(
        `${this.spec.name} exited unexpectedly (${how}) for the ${MAX_RESTARTS + 1}th time ` +
          `within a minute: not restarting it. The other processes keep running.`,
      );
      return;
    }
    this.#restarts.push(now);
    say(
      `${this.spec.name} exited unexpectedly (${how}); restarting it ` +
        `(restart ${this.#restarts.length} of at most ${MAX_RESTARTS} a minute)`,
    );
    setTimeout(() => {
      if (!this.supervisor.stopping && !this.#gaveUp) this.start();
    }, RESTART_DELAY_MS);
  }

  /** Sends `signal` to the running process, if any. */
  signal(signal: Deno.Signal): void {
    try {
      this.proc?.kill(signal);
    } catch { /* it has just exited */ }
  }
}

/** Starts, watches and stops the children. */
export class Supervisor {
  stopping = false;
  readonly children: Supervised[] = [];

  add(spec: ServiceSpec): Supervised {
    const child = new Supervised(spec, this);
    this.children.push(child);
    child.start();
    return child;
  }

  /** SIGTERM to every child, SIGKILL to those still running after {@linkcode STOP_GRACE_MS}. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = this.children.filter((c) => c.running);
    for (const c of running) c.signal("SIGTERM");
    const all = Promise.all(this.children.map((c) => c.exited));
    const late = await Promise.race([all.then(() => false), delay(STOP_GRACE_MS).then(() => true)]);
    if (late) {
      for (const c of this.children.filter((c) => c.running)) {
        say(`${c.spec.name} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
        c.signal("SIGKILL");
      }
      await Promise.race([all, delay(2_000)]);
    }
  }
}
