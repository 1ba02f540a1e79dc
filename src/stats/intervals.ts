import type { Basis } from './basis.js';
import { meanAndSd } from './basis.js';
import { Z_975, binomialCdf, tQuantile975 } from './distributions.js';

export type Interval = [number, number];

/**
 * Wilson score 95% interval of a proportion x/n, in percent (0–100). Unlike the Wald interval it
 * stays inside 0–100 and is honest at 0/n and n/n. Null when n = 0.
 */
export function wilsonInterval(x: number, n: number): Interval | null {
  if (n <= 0) return null;
  const z = Z_975, z2 = z * z;
  const p = x / n;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half) * 100, Math.min(1, centre + half) * 100];
}

/**
 * Variance of an NPS (on the −100…100 scale) from its mix: 100²·(p + d − (p − d)²)/n with p, d
 * the promoter and detractor shares. Null when n = 0.
 */
export function npsVariance(promoters: number, detractors: number, n: number): number | null {
  if (n <= 0) return null;
  const p = promoters / n, d = detractors / n;
  return (10_000 * (p + d - (p - d) * (p - d))) / n;
}

/** Normal 95% interval of an NPS, NPS ± 1.96·√Var, clamped to [−100, 100]. Null when n = 0. */
export function npsInterval(promoters: number, detractors: number, n: number): Interval | null {
  const variance = npsVariance(promoters, detractors, n);
  if (variance === null) return null;
  const nps = ((promoters - detractors) / n) * 100;
  const half = Z_975 * Math.sqrt(variance);
  return [Math.max(-100, nps - half), Math.min(100, nps + half)];
}

/** Student t 95% interval of a mean, mean ± t(0.975, n − 1)·sd/√n. Null below two values. */
export function tInterval(mean: number, sd: number | null, n: number): Interval | null {
  if (n < 2 || sd === null) return null;
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/**
 * 1-based ranks (l, u) of the order statistics that bound a distribution-free 95% interval for
 * the p-quantile of n values: P(X₍l₎ ≤ ξ_p ≤ X₍u₎) = B(u − 1) − B(l − 1) ≥ 0.95 with
 * B the Bin(n, p) distribution function. Each tail gets at most 2.5%; when one side cannot reach
 * that (few values, an extreme p) it is pinned at the sample's minimum or maximum and the other
 * side gets what is left of the 5%. Null when even [min, max] covers less than 95% (a median
 * needs n ≥ 6, a p90 n ≥ 29). `coverage` is the exact confidence of the pair.
 *
 * Remembered per (n, p): the ranks depend on nothing else, and a report over thousands of agents
 * asked for the same few hundred n again and again, each a binary search over incomplete beta
 * functions (~0.25 s of a million tickets over 10,000 agents). The result is shared: read only.
 */
export function orderStatisticRanks(n: number, p: number): Readonly<Ranks> | null {
  let byN = rankMemo.get(p);
  if (byN === undefined) rankMemo.set(p, (byN = new Map()));
  let ranks = byN.get(n);
  if (ranks === undefined) byN.set(n, (ranks = computeRanks(n, p)));
  return ranks;
}

interface Ranks {
  lower: number;
  upper: number;
  coverage: number;
}

const rankMemo = new Map<number, Map<number, Readonly<Ranks> | null>>();

function computeRanks(n: number, p: number): Readonly<Ranks> | null {
  if (n < 1) return null;
  const B = (k: number): number => binomialCdf(k, n, p);
  const lowMiss0 = B(0); // P(X ≤ 0): the quantile lies below the minimum
  const highMissN = 1 - B(n - 1); // P(X ≥ n): the quantile lies above the maximum
  if (lowMiss0 + highMissN > 0.05) return null;
  let lowBudget = 0.025, highBudget = 0.025;
  if (lowMiss0 > lowBudget) highBudget = 0.05 - lowMiss0;
  else if (highMissN > highBudget) lowBudget = 0.05 - highMissN;
  // B increases with k. The searches start where the normal approximation of Bin(n, p) puts
  // their answers (1.96 standard deviations either side of np) and check that guess.
  const mean = n * p, sd = Math.sqrt(n * p * (1 - p));
  // Largest l with B(l − 1) ≤ lowBudget: the first k = l − 1 past it has B(k) > lowBudget.
  const lower = lowMiss0 > lowBudget ? 1 : firstWhere((k) => B(k) > lowBudget, n, mean - Z_975 * sd, sd);
  // Smallest u with 1 − B(u − 1) ≤ highBudget (u = n when no k below n has it).
  const upper = Math.min(n - 1, firstWhere((k) => 1 - B(k) <= highBudget, n, mean + Z_975 * sd, sd)) + 1;
  return Object.freeze({ lower, upper, coverage: B(upper - 1) - B(lower - 1) });
}

/**
 * The first k in [0, n − 1] where `holds` is true, n when there is none; `holds` is false up to
 * some k and true from there on. Found by halving, once the answer is bracketed by probes outward
 * from `guess` in steps that double (the first about sd/16, so a good guess costs two probes).
 *
 * Why not halving [0, n − 1] at once: each probe is an incomplete beta function, and a guess from
 * the normal approximation saves about half of them (a report by agent on 100k tickets asks for
 * ~280 pairs of ranks; bench/README.md, item 31). The answer is the same k, whatever the guess.
 */
function firstWhere(holds: (k: number) => boolean, n: number, guess: number, sd: number): number {
  // holds(lo) is false (or lo = −1), holds(hi) is true (or hi = n).
  let lo = -1, hi = n;
  const start = Math.min(n - 1, Math.max(0, Math.round(guess)));
  let step = 1 + Math.ceil(sd / 16);
  if (holds(start)) {
    hi = start;
    for (let k = hi - step; k > lo; step *= 2, k = hi - step) {
      if (!holds(k)) {
        lo = k;
        break;
      }
      hi = k;
    }
  } else {
    lo = start;
    for (let k = lo + step; k < hi; step *= 2, k = lo + step) {
      if (holds(k)) {
        hi = k;
        break;
      }
      lo = k;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Distribution-free 95% interval for the p-quantile of ascending-sorted values: the order
 * statistics chosen by `orderStatisticRanks`. Null when there are too few values.
 */
export function quantileInterval(sorted: ArrayLike<number>, p: number): Interval | null {
  const ranks = orderStatisticRanks(sorted.length, p);
  if (ranks === null) return null;
  return [sorted[ranks.lower - 1], sorted[ranks.upper - 1]];
}

/** The 95% interval a KPI value gets from what it was computed from; null for counts and too little data. */
export function intervalFor(basis: Basis): Interval | null {
  switch (basis.type) {
    case 'count': return null;
    case 'proportion': return wilsonInterval(basis.x, basis.n);
    case 'nps': return npsInterval(basis.promoters, basis.detractors, basis.n);
    case 'quantile': return quantileInterval(basis.sorted, basis.p);
    case 'mean':
    case 'sample-mean': {
      const m = meanAndSd(basis);
      return m === null ? null : tInterval(m.mean, m.sd, m.n);
    }
  }
}

/**
 * The statistics a report stores beside a KPI value: its 95% interval (null when none can be
 * given) and what a later run needs to test a difference against it — the NPS mix, or a mean's
 * standard deviation. Nothing for counts.
 */
export function valueStatistics(basis: Basis): { ci95?: Interval | null; promoters?: number; detractors?: number; sd?: number | null } {
  if (basis.type === 'count') return {};
  if (basis.type === 'mean' || basis.type === 'sample-mean') {
    // The interval from the same mean and sd (two passes over a million samples, done once).
    const m = meanAndSd(basis);
    return { ci95: m === null ? null : tInterval(m.mean, m.sd, m.n), sd: m?.sd ?? null };
  }
  const ci95 = intervalFor(basis);
  if (basis.type === 'nps') return { ci95, promoters: basis.promoters, detractors: basis.detractors };
  return { ci95 };
}
