/**
 * Quantile of ascending-sorted values by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and DuckDB `quantile_cont`): h = (n − 1)·p,
 * Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median of an even count is the mean of the two
 * middle values. Returns null for no values.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (p <= 0) return sorted[0];
  if (p >= 1) return sorted[n - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  if (frac === 0 || lo + 1 >= n) return sorted[lo];
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}
