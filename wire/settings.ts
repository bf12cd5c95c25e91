/**
 * Settings formats shared by the services (servers, relays): numeric environment values and the
 * `ALLOWED_ORIGINS` list of browser origins.
 *
 * @module
 */

/** Reads a non-negative number from `env(key)`, or `fallback` when unset; throws naming it. */
export function envNumber(
  env: (k: string) => string | undefined,
  key: string,
  fallback: number,
): number {
  const v = env(key);
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`${key} must be a non-negative number, got ${v}`);
  }
  return n;
}

/** The default `ALLOWED_ORIGINS`: pages served from this machine, any port. */
export const LOCAL_ORIGINS = "http://localhost:*,http://127.0.0.1:*";

/** Reads a comma-separated `ALLOWED_ORIGINS` value. */
export function parseOrigins(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Whether a browser origin may connect. Patterns may end in `:*` (any port). A request with no
 * `Origin` header is not from a browser page and passes (bots, tests, other services).
 */
export function originAllowed(origin: string | null, allowed: readonly string[]): boolean {
  if (origin === null || allowed.includes("*")) return true;
  return allowed.some((a) => {
    if (!a.endsWith(":*")) return origin === a;
    const prefix = a.slice(0, -1); // "http://localhost:"
    return origin === a.slice(0, -2) ||
      (origin.startsWith(prefix) && /^\d{1,5}$/.test(origin.slice(prefix.length)));
  });
}
