import { npsVariance } from './intervals.js';
import { twoSidedNormalP, twoSidedTP } from './distributions.js';

/** Which test produced a verdict (stable ids: they appear in JSON). */
export type TestName = 'two-proportion-z' | 'nps-difference-z' | 'mann-whitney-u' | 'welch-t' | 'interval-z';

/** The outcome of a two-sample test: its statistic (z or t), two-sided p-value, and Welch's df. */
export interface TestResult {
  test: TestName;
  statistic: number | null;
  pValue: number | null;
  df?: number;
}

/**
 * Two-proportion z-test with the pooled proportion: z = (p₁ − p₂)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)),
 * p̂ = (x₁ + x₂)/(n₁ + n₂). Null when either side has no data. Equal all-0 or all-1 samples give
 * z = 0, p = 1.
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TestResult | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const diff = x1 / n1 - x2 / n2;
  if (se === 0) return { test: 'two-proportion-z', statistic: 0, pValue: 1 };
  const z = diff / se;
  return { test: 'two-proportion-z', statistic: z, pValue: twoSidedNormalP(z) };
}

/**
 * Difference of two independent NPS values: z = (NPS₁ − NPS₂)/√(Var₁ + Var₂), each Var from
 * `npsVariance`. Null when either side has no data; statistic and p null when both variances
 * are 0 and the scores differ (for example 1 promoter against 1 detractor: no test can say).
 */
export function npsDifferenceZ(
  a: { promoters: number; detractors: number; n: number },
  b: { promoters: number; detractors: number; n: number },
): TestResult | null {
  const va = npsVariance(a.promoters, a.detractors, a.n);
  const vb = npsVariance(b.promoters, b.detractors, b.n);
  if (va === null || vb === null) return null;
  const diff = ((a.promoters - a.detractors) / a.n - (b.promoters - b.detractors) / b.n) * 100;
  const se = Math.sqrt(va + vb);
  if (se === 0) return diff === 0 ? { test: 'nps-difference-z', statistic: 0, pValue: 1 } : { test: 'nps-difference-z', statistic: null, pValue: null };
  const z = diff / se;
  return { test: 'nps-difference-z', statistic: z, pValue: twoSidedNormalP(z) };
}

/**
 * Mann–Whitney U (Wilcoxon rank-sum) test of two ascending-sorted samples, normal approximation
 * with the tie correction and a continuity correction of ½ (as R's `wilcox.test(exact = FALSE)`):
 * U₁ = R₁ − n₁(n₁ + 1)/2, σ² = n₁n₂/12·((N + 1) − Σ(t³ − t)/(N(N − 1))),
 * z = (U₁ − n₁n₂/2 ∓ ½)/σ. `statistic` is z; `u` is U₁. Null when either sample is empty;
 * p = 1 when every value is tied. One merge pass over the sorted samples.
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>): (TestResult & { u: number }) | null {
  const n1 = a.length, n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const N = n1 + n2;
  let i = 0, j = 0, rank = 0, rankSumA = 0, tieTerm = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    let ca = 0, cb = 0;
    while (i < n1 && a[i] === v) { i++; ca++; }
    while (j < n2 && b[j] === v) { j++; cb++; }
    const t = ca + cb;
    const midRank = rank + (t + 1) / 2;
    rankSumA += ca * midRank;
    rank += t;
    if (t > 1) tieTerm += t * t * t - t;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (variance <= 0) return { test: 'mann-whitney-u', statistic: 0, pValue: 1, u };
  const diff = u - mu;
  const corrected = Math.abs(diff) <= 0.5 ? 0 : diff - Math.sign(diff) * 0.5;
  const z = corrected / Math.sqrt(variance);
  return { test: 'mann-whitney-u', statistic: z, pValue: twoSidedNormalP(z), u };
}

/**
 * Welch's unequal-variance t-test: t = (m₁ − m₂)/√(s₁²/n₁ + s₂²/n₂) with the
 * Welch–Satterthwaite degrees of freedom. Null when either side has fewer than two values;
 * statistic and p null when both variances are 0 and the means differ.
 */
export function welchT(a: { mean: number; sd: number | null; n: number }, b: { mean: number; sd: number | null; n: number }): TestResult | null {
  if (a.n < 2 || b.n < 2 || a.sd === null || b.sd === null) return null;
  const va = (a.sd * a.sd) / a.n, vb = (b.sd * b.sd) / b.n;
  const diff = a.mean - b.mean;
  if (va + vb === 0) return diff === 0 ? { test: 'welch-t', statistic: 0, pValue: 1 } : { test: 'welch-t', statistic: null, pValue: null };
  const t = diff / Math.sqrt(va + vb);
  const df = ((va + vb) * (va + vb)) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { test: 'welch-t', statistic: t, pValue: twoSidedTP(t, df), df };
}

/**
 * Approximate z-test of two estimates from their 95% intervals, for when only a report is at hand
 * (a `--baseline` JSON holds no samples for Mann–Whitney): each standard error is taken as the
 * interval's width / (2·1.96), z = (v₁ − v₂)/√(se₁² + se₂²). Null when an interval is missing.
 */
export function intervalZ(v1: number, ci1: [number, number] | null | undefined, v2: number, ci2: [number, number] | null | undefined): TestResult | null {
  if (!ci1 || !ci2) return null;
  const se1 = (ci1[1] - ci1[0]) / (2 * 1.959963984540054);
  const se2 = (ci2[1] - ci2[0]) / (2 * 1.959963984540054);
  const se = Math.sqrt(se1 * se1 + se2 * se2);
  if (se === 0) return v1 === v2 ? { test: 'interval-z', statistic: 0, pValue: 1 } : { test: 'interval-z', statistic: null, pValue: null };
  const z = (v1 - v2) / se;
  return { test: 'interval-z', statistic: z, pValue: twoSidedNormalP(z) };
}
