/**
 * Process helpers the benchmarks share: command-line options, `/proc` figures (CPU ticks,
 * resident memory, the machine's jiffies), free ports, child processes' output lines and
 * stopping them.
 *
 * @module
 */

/** The value after `name` in the command line, if any. */
export function option(name: string): string | undefined {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

/** Clock ticks per second (`CLK_TCK` on Linux). */
export const TICKS_PER_S = 100;

/** utime + stime of a process (with `children`, also its finished children's), in clock ticks. */
export function cpuTicks(pid: number | "self", children = false): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  return f[11] + f[12] + (children ? f[13] + f[14] : 0); // fields 14, 15 (16, 17)
}

/** Resident memory of a process, in KB. */
export function rssKb(pid: number | "self"): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
  return m ? Number(m[1]) : NaN;
}

/** The machine's jiffies (all cores) from /proc/stat: processes, interrupts, stolen, total. */
export function machineTicks(): { procs: number; irq: number; steal: number; total: number } {
  const line = Deno.readTextFileSync("/proc/stat").split("\n")[0];
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, _idle, _iowait, irq, softirq, steal] = f;
  return {
    procs: user + nice + system,
    irq: irq + softirq,
    steal,
    total: f.reduce((a, b) => a + b, 0),
  };
}

/** Ticks over `seconds` as a percentage of one core. */
export const pct = (ticks: number, seconds: number): number =>
  (ticks / TICKS_PER_S / seconds) * 100;

/** A port nothing listens on now. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Lines of a child's output stream, to `onLine`. */
export async function lines(
  stream: ReadableStream<Uint8Array>,
  onLine: (l: string) => void,
): Promise<void> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let eol: number;
    while ((eol = buffer.indexOf("\n")) >= 0) {
      onLine(buffer.slice(0, eol));
      buffer = buffer.slice(eol + 1);
    }
  }
  if (buffer) onLine(buffer);
}

/** Stops a child: SIGTERM, then SIGKILL if it is still running `graceMs` later. */
export async function stopChild(child: Deno.ChildProcess, graceMs: number): Promise<void> {
  const kill = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch { /* gone */ }
  };
  kill("SIGTERM");
  const killer = setTimeout(() => kill("SIGKILL"), graceMs);
  await child.status;
  clearTimeout(killer);
}
