/**
 * Readable JSON output: objects and long arrays one item per line, short values (such as
 * `[10, 6]` or a small object) kept on one line.
 *
 * @module
 */

const WIDTH = 96;

/** One-line JSON with a space after each `:` and `,` outside strings. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const parts = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
    return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Pretty JSON that stays compact: what fits in the line width stays on one line.
 *
 * @example
 * ```ts
 * import { prettyJson } from "./json.ts";
 * prettyJson({ awarded: [10, 6], made: true }); // '{ "awarded": [10, 6], "made": true }'
 * ```
 */
export function prettyJson(value: unknown, indent = "", column = indent.length): string {
  const one = inline(value);
  if (column + one.length <= WIDTH || typeof value !== "object" || value === null) return one;
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  const parts = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return key + prettyJson(v, inner, key.length);
    });
  return `{\n${parts.join(",\n")}\n${indent}}`;
}
