/**
 * Figures the benchmarks share.
 *
 * @module
 */

/**
 * The `p` quantile (0 to 1) of values sorted ascending, by nearest rank (`p` = 1 is the
 * maximum); NaN when there are none.
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
