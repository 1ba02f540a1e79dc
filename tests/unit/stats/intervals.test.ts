import { describe, expect, it } from 'vitest';
import { binomialCdf } from '../../../src/stats/distributions.js';
import { intervalFor, npsInterval, orderStatisticRanks, quantileInterval, tInterval, valueStatistics, wilsonInterval } from '../../../src/stats/intervals.js';

/** Exact Bin(n, 1/2) distribution function as a fraction of 2^n, in BigInt: no rounding at all. */
function halfBinomialCdf(n: number): (k: number) => number {
  const c: bigint[] = [1n];
  for (let i = 1; i <= n; i++) c.push((c[i - 1] * BigInt(n - i + 1)) / BigInt(i));
  const total = 2n ** BigInt(n);
  return (k: number) => {
    let s = 0n;
    for (let i = 0; i <= k; i++) s += c[i];
    return Number((s * 10n ** 15n) / total) / 1e15;
  };
}

describe('Wilson score interval', () => {
  it.each([
    // published worked examples
    [18, 20, 69.9, 97.2],
    [180, 200, 85.1, 93.4],
  ])('%i/%i → %f–%f%%', (x, n, lo, hi) => {
    const [a, b] = wilsonInterval(x, n)!;
    expect(a).toBeCloseTo(lo, 1);
    expect(b).toBeCloseTo(hi, 1);
  });
  it('0/10 runs from 0 to z²/(n + z²) = 3.8415/13.8415 = 27.75%', () => {
    const [a, b] = wilsonInterval(0, 10)!;
    expect(a).toBe(0);
    expect(b).toBeCloseTo((1.959964 ** 2 / (10 + 1.959964 ** 2)) * 100, 3);
  });
  it('has no interval without answers', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('NPS interval', () => {
  it('n = 100, 50% promoters, 20% detractors → 30 ± 15.3', () => {
    // Var = 100²·(0.5 + 0.2 − 0.3²)/100 = 61; 1.96·√61 = 15.31
    const [a, b] = npsInterval(50, 20, 100)!;
    expect((a + b) / 2).toBeCloseTo(30, 9);
    expect((b - a) / 2).toBeCloseTo(15.3, 1);
    expect(b - 30).toBeCloseTo(1.959964 * Math.sqrt(61), 4);
  });
  it('is clamped to [−100, 100]', () => {
    // 9 promoters, 1 passive: NPS 90, Var = 100²·(0.9 − 0.81)/10 = 90, 1.96·√90 = 18.59 → 71.4 … 108.6 → 100
    const [a, b] = npsInterval(9, 0, 10)!;
    expect(a).toBeCloseTo(90 - 1.959964 * Math.sqrt(90), 4);
    expect(b).toBe(100);
  });
  it('has no interval without answers', () => {
    expect(npsInterval(0, 0, 0)).toBeNull();
  });
});

describe('t interval of a mean', () => {
  it('2,4,4,4,5,5,7,9 → 5 ± 2.3646·√(32/7)/√8', () => {
    // mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; s² = 32/7; t(0.975, 7) = 2.3646 (table)
    const half = (2.3646 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    const [a, b] = intervalFor({ type: 'sample-mean', sorted: Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]) })!;
    expect(a).toBeCloseTo(5 - half, 3);
    expect(b).toBeCloseTo(5 + half, 3);
    // the same from running sums (sum 40, sum of squares 232)
    const [c, d] = intervalFor({ type: 'mean', sum: 40, sumSq: 232, n: 8 })!;
    expect(c).toBeCloseTo(a, 9);
    expect(d).toBeCloseTo(b, 9);
  });
  it('needs two values', () => {
    expect(tInterval(5, null, 1)).toBeNull();
    expect(intervalFor({ type: 'mean', sum: 5, sumSq: 25, n: 1 })).toBeNull();
  });
});

describe('order-statistic interval of a quantile', () => {
  it('median of 20 values: ranks chosen from the exact Bin(20, ½) distribution', () => {
    const B = halfBinomialCdf(20);
    // By hand: B(5) = 21700/1048576 = 0.0207 ≤ 0.025 < B(6) = 0.0577 → lower rank 6;
    // B(13) = 0.9423 < 0.975 ≤ B(14) = 0.9793 → upper rank 15; coverage B(14) − B(5) = 0.9586.
    let lower = 1;
    while (B(lower) <= 0.025) lower++; // largest l with B(l − 1) ≤ 0.025
    let upper = 1;
    while (B(upper - 1) < 0.975) upper++; // smallest u with B(u − 1) ≥ 0.975
    expect([lower, upper]).toEqual([6, 15]);
    const ranks = orderStatisticRanks(20, 0.5)!;
    expect([ranks.lower, ranks.upper]).toEqual([lower, upper]);
    expect(ranks.coverage).toBeCloseTo(B(14) - B(5), 10);
    expect(ranks.coverage).toBeCloseTo(0.9586, 4);
    const values = Float64Array.from({ length: 20 }, (_, i) => (i + 1) * 10); // 10, 20, …, 200
    expect(quantileInterval(values, 0.5)).toEqual([60, 150]);
  });
  it('median of 6 values is [min, max] (coverage 1 − 2/64); of 5 there is none (1 − 2/32 < 95%)', () => {
    expect(quantileInterval([1, 2, 3, 4, 5, 6], 0.5)).toEqual([1, 6]);
    expect(orderStatisticRanks(6, 0.5)!.coverage).toBeCloseTo(1 - 2 / 64, 12);
    expect(quantileInterval([1, 2, 3, 4, 5], 0.5)).toBeNull();
  });
  it('p90 of 30 values: the top is pinned at the maximum and the lower tail gets the rest of the 5%', () => {
    // P(ξ above the maximum) = 0.9³⁰ = 0.0424 > 0.025, so u = 30 and the lower tail may use 0.05 − 0.0424 = 0.0076.
    const n = 30, p = 0.9;
    const pmf: number[] = [];
    let c = 1;
    for (let k = 0; k <= n; k++) {
      pmf.push(c * p ** k * (1 - p) ** (n - k));
      c = (c * (n - k)) / (k + 1);
    }
    const B = (k: number) => pmf.slice(0, k + 1).reduce((s, v) => s + v, 0);
    const budget = 0.05 - p ** n;
    let lower = 1;
    while (B(lower) <= budget) lower++;
    const ranks = orderStatisticRanks(n, p)!;
    expect(ranks.upper).toBe(30);
    expect(ranks.lower).toBe(lower);
    expect(ranks.coverage).toBeGreaterThanOrEqual(0.95);
  });
  it('ranks are, for every n to 3,000 and p, what halving the whole range [0, n − 1] finds', () => {
    // The definition, searched the plain way: largest l with B(l − 1) ≤ the lower budget, smallest
    // u with 1 − B(u − 1) ≤ the upper one (u = n when none), each tail 2.5% unless the other side
    // is pinned at the minimum or maximum.
    const plain = (n: number, p: number): [number, number] | null => {
      const B = (k: number): number => binomialCdf(k, n, p);
      const lowMiss0 = B(0), highMissN = 1 - B(n - 1);
      if (lowMiss0 + highMissN > 0.05) return null;
      let lowBudget = 0.025, highBudget = 0.025;
      if (lowMiss0 > lowBudget) highBudget = 0.05 - lowMiss0;
      else if (highMissN > highBudget) lowBudget = 0.05 - highMissN;
      let lo = 0, hi = n - 1;
      if (B(0) <= lowBudget) {
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (B(mid) <= lowBudget) lo = mid;
          else hi = mid - 1;
        }
      }
      let a = 0, b = n - 1;
      while (a < b) {
        const mid = Math.floor((a + b) / 2);
        if (1 - B(mid) <= highBudget) b = mid;
        else a = mid + 1;
      }
      return [lo + 1, a + 1];
    };
    const differ: string[] = [];
    const ns: number[] = [];
    for (let n = 1; n <= 3000; n++) ns.push(n);
    ns.push(10_000, 65_537, 250_000, 1_000_000);
    for (const p of [0.5, 0.9, 0.1, 0.95, 0.99, 0.25, 0.75, 0.01]) {
      for (const n of ns) {
        if (n > 3000 && p !== 0.5 && p !== 0.9) continue;
        const ranks = orderStatisticRanks(n, p);
        const want = plain(n, p);
        const got = ranks === null ? null : [ranks.lower, ranks.upper];
        if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`n ${n} p ${p}: ${JSON.stringify(got)} not ${JSON.stringify(want)}`);
      }
    }
    expect(differ).toEqual([]);
  });
  it('p90 of 28 values has no 95% interval (0.9²⁸ = 0.052 > 5%)', () => {
    expect(orderStatisticRanks(28, 0.9)).toBeNull();
  });
  it('remembers ranks per n and p: the same n asked for the median and the p90, again and again', () => {
    // The p90 of 30 is pinned at the maximum (above); the median of 30 is not. Asked in turns,
    // each keeps its own answer, and an n below either's minimum stays without one.
    for (let round = 0; round < 3; round++) {
      expect(orderStatisticRanks(30, 0.9)!.upper).toBe(30);
      expect(orderStatisticRanks(30, 0.5)!.upper).toBeLessThan(30);
      expect(orderStatisticRanks(28, 0.9)).toBeNull();
      expect(orderStatisticRanks(28, 0.5)).not.toBeNull();
      expect(orderStatisticRanks(5, 0.5)).toBeNull();
    }
    expect(Object.isFrozen(orderStatisticRanks(30, 0.5))).toBe(true);
  });
  it('large samples stay near the normal-approximation ranks', () => {
    // n = 10000, median: ranks ≈ 5000 ± 1.96·√2500 = 5000 ± 98
    const r = orderStatisticRanks(10_000, 0.5)!;
    expect(Math.abs(r.lower - 4902)).toBeLessThanOrEqual(1);
    expect(Math.abs(r.upper - 5099)).toBeLessThanOrEqual(1);
  });
});

describe('valueStatistics', () => {
  it('gives counts nothing, NPS its mix, means their sd', () => {
    expect(valueStatistics({ type: 'count' })).toEqual({});
    expect(valueStatistics({ type: 'nps', promoters: 5, detractors: 2, n: 10 })).toMatchObject({ promoters: 5, detractors: 2 });
    expect(valueStatistics({ type: 'mean', sum: 40, sumSq: 232, n: 8 }).sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(valueStatistics({ type: 'proportion', x: 0, n: 0 })).toEqual({ ci95: null });
  });
});
