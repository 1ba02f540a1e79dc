/**
 * What a KPI value was computed from. The same shape as `KpiBasis` in `kpi/catalog.ts` (which
 * builds these), declared here so the statistics layer does not import the KPI layer.
 */
export type Basis =
  | { type: 'count' }
  | { type: 'proportion'; x: number; n: number }
  | { type: 'nps'; promoters: number; detractors: number; n: number }
  | { type: 'mean'; sum: number; sumSq: number; n: number }
  | { type: 'quantile'; sorted: ArrayLike<number>; p: number }
  | { type: 'sample-mean'; sorted: ArrayLike<number> };

/** Mean and sample standard deviation (n − 1 denominator); sd is null below two values. */
export function meanAndSd(basis: Basis): { mean: number; sd: number | null; n: number } | null {
  if (basis.type === 'mean') {
    const { sum, sumSq, n } = basis;
    if (n === 0) return null;
    const mean = sum / n;
    // Rounding can make sumSq − n·mean² slightly negative for constant data.
    const sd = n < 2 ? null : Math.sqrt(Math.max(0, (sumSq - sum * mean) / (n - 1)));
    return { mean, sd, n };
  }
  if (basis.type === 'sample-mean') {
    const xs = basis.sorted;
    const n = xs.length;
    if (n === 0) return null;
    const mean = sumOf(xs) / n;
    // Two passes: durations of many hours would lose digits in sum-of-squares form.
    const ss = squaredDeviations(xs, mean);
    return { mean, sd: n < 2 ? null : Math.sqrt(ss / (n - 1)), n };
  }
  return null;
}

// The loops live in functions of their own with nothing after them: a loop that gets hot on the
// first call is compiled on the spot (on-stack replacement) before the code after it has ever run,
// and that compiled code gave up at the code after the loop on every later call too (twice per
// call of meanAndSd, for every group's durations).

function sumOf(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum;
}

function squaredDeviations(xs: ArrayLike<number>, mean: number): number {
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i] - mean) * (xs[i] - mean);
  return ss;
}
