/**
 * Command-line flags: `--name value`, `--name=value` and boolean `--name`. Errors are returned
 * as messages, never thrown.
 *
 * @module
 */

import { type Profile, PROFILES } from "@baloot/rules";

/** The flags a command takes: each is a string option or a boolean switch. */
export type FlagSpec = Readonly<Record<string, "string" | "boolean">>;

/** Parsed arguments. */
export interface Parsed {
  /** Flag values by name (without the dashes). */
  readonly flags: Readonly<Record<string, string | boolean>>;
  /** Everything that is not a flag, in order (`-` alone is positional: standard input). */
  readonly positional: readonly string[];
}

/**
 * Parses `args` against `spec`. Returns a message for an unknown flag, a missing value or a
 * value given to a switch.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * parseArgs(["--seed", "x", "--fast", "f.jsonl"], { seed: "string", fast: "boolean" });
 * // { flags: { seed: "x", fast: true }, positional: ["f.jsonl"] }
 * ```
 */
export function parseArgs(args: readonly string[], spec: FlagSpec): Parsed | string {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      if (arg.startsWith("-") && arg !== "-") return `unknown option ${arg}`;
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (kind === undefined || !Object.hasOwn(spec, name)) return `unknown option --${name}`;
    if (name in flags) return `--${name} is given twice`;
    if (kind === "boolean") {
      if (eq >= 0) return `--${name} takes no value`;
      flags[name] = true;
    } else if (eq >= 0) {
      flags[name] = arg.slice(eq + 1);
    } else {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) return `--${name} needs a value`;
      flags[name] = value;
      i++;
    }
  }
  return { flags, positional };
}

/** A positive integer flag value, or a message naming the flag. */
export function positiveInt(value: string, name: string, max = 1_000_000): number | string {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    return `--${name}: expected a whole number from 1 to ${max}, got "${value}"`;
  }
  return n;
}

/** The profile named by `--profile` (default R), or a message. */
export function profileFlag(value: string | boolean | undefined): Profile | string {
  if (value === undefined) return PROFILES.R;
  if (value === "R" || value === "KM") return PROFILES[value];
  return `--profile: expected R or KM, got "${value}"`;
}
