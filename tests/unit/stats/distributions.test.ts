import { gammaln } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { Z_975, binomialCdf, computeTQuantile975, normalUpperTail, regularizedBeta, studentTUpperTail, tQuantile975, twoSidedNormalP } from '../../../src/stats/distributions.js';
import { T975_TABLE, T975_TABLE_SIZE } from '../../../src/stats/t975-table.js';

/** Exact binomial P(X ≤ k) by summing C(n, i)·p^i·(1 − p)^(n − i), with C built by multiplication. */
function exactBinomialCdf(k: number, n: number, p: number): number {
  let sum = 0;
  let c = 1; // C(n, 0)
  for (let i = 0; i <= k; i++) {
    sum += c * p ** i * (1 - p) ** (n - i);
    c = (c * (n - i)) / (i + 1);
  }
  return sum;
}

/** Student t density, integrated by Simpson's rule: an independent route to the t tail. */
function simpsonTUpperTail(t: number, df: number): number {
  const logC = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  const pdf = (x: number) => Math.exp(logC - ((df + 1) / 2) * Math.log1p((x * x) / df));
  const steps = 20_000;
  const h = t / steps;
  let s = pdf(0) + pdf(t);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  return 0.5 - (s * h) / 3;
}

describe('normal distribution', () => {
  it('puts 2.5% above 1.959964 and 5% outside ±1.959964', () => {
    expect(normalUpperTail(Z_975)).toBeCloseTo(0.025, 6);
    expect(twoSidedNormalP(-Z_975)).toBeCloseTo(0.05, 6);
  });
  it.each([
    // Standard normal table: Φ(1) = 0.841345, Φ(2.326348) = 0.99, Φ(0) = 0.5
    [1, 1 - 0.841345],
    [2.326348, 0.01],
    [0, 0.5],
    [-1, 0.841345],
  ])('P(Z > %f) = %f', (z, tail) => {
    expect(normalUpperTail(z)).toBeCloseTo(tail, 6);
  });
  it('agrees with the density integrated numerically to 1e-12 relative, from the centre to the far tail', () => {
    // Simpson's rule over [z, z + 14] in 200,000 steps (the rest of the tail is below 1e-44 of it
    // for z ≥ 0): an independent way to the same number, accurate well beyond 1e-12 here.
    const density = (t: number): number => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
    const integral = (z: number): number => {
      const steps = 200_000, h = 14 / steps;
      let sum = density(z) + density(z + 14);
      for (let i = 1; i < steps; i++) sum += density(z + i * h) * (i % 2 === 1 ? 4 : 2);
      return (sum * h) / 3;
    };
    for (const z of [0, 0.05, 0.5, 1, 1.5, 1.7, 1.75, 2, 2.5, 3, 4, 5, 6, 7.5]) {
      const tail = integral(z);
      expect(Math.abs(normalUpperTail(z) / tail - 1), `z = ${z}`).toBeLessThan(1e-12);
      expect(Math.abs(normalUpperTail(-z) - (1 - tail)), `z = ${-z}`).toBeLessThan(1e-12);
    }
  });
});

describe('regularizedBeta', () => {
  it.each([
    [0.3, 1, 1, 0.3], // I_x(1,1) = x
    [0.3, 3, 1, 0.027], // I_x(a,1) = x^a
    [0.3, 1, 2, 1 - 0.7 ** 2], // I_x(1,b) = 1 − (1 − x)^b
    [0.5, 7, 7, 0.5], // symmetry
  ])('I_%f(%f, %f) = %f', (x, a, b, expected) => {
    expect(regularizedBeta(x, a, b)).toBeCloseTo(expected, 12);
  });
});

describe('binomialCdf', () => {
  it.each([
    [5, 20, 0.5], [6, 20, 0.5], [14, 20, 0.5], [0, 30, 0.9], [24, 30, 0.9], [29, 30, 0.9], [40, 100, 0.37],
  ])('P(X ≤ %i) for Bin(%i, %f) matches the exact sum', (k, n, p) => {
    expect(binomialCdf(k, n, p)).toBeCloseTo(exactBinomialCdf(k, n, p), 12);
  });
  it('is 0 below 0 and 1 from n on', () => {
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
  });
  it('stays accurate for a million trials (normal approximation check)', () => {
    // Bin(10⁶, 0.5): mean 500000, sd 500; P(X ≤ 500000 − 980) ≈ Φ((−980 + 0.5)/500) = Φ(−1.959) ≈ 0.02505
    expect(binomialCdf(499_020, 1_000_000, 0.5)).toBeCloseTo(normalUpperTail(979.5 / 500), 4);
  });
});

describe('Student t', () => {
  it.each([
    // closed forms: df = 1 is Cauchy, t = tan(π(0.975 − ½)); df = 2: t = (2q − 1)/√(2q(1 − q)), q = 0.975
    [1, Math.tan(Math.PI * 0.475)],
    [2, 0.95 / Math.sqrt(2 * 0.975 * 0.025)],
    // published t table (two-sided 5%): df 7 → 2.365, df 10 → 2.228, df 30 → 2.042
    [7, 2.3646],
    [10, 2.2281],
    [30, 2.0423],
  ])('t(0.975, df = %i) = %f', (df, t) => {
    expect(tQuantile975(df)).toBeCloseTo(t, 3);
  });
  it('approaches the normal quantile for large df', () => {
    expect(tQuantile975(1e6)).toBeCloseTo(Z_975, 4);
  });
  it('is, bit for bit, what 60 halvings of [0, 1000] on the exact tail give (the quantile skips evaluations far from the root)', () => {
    // The definition, evaluated at every midpoint.
    const bisect = (df: number): number => {
      let lo = 0, hi = 1000;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (studentTUpperTail(mid, df) > 0.025) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    // Up to the table's size: past it the quantile is the expansion (the next test).
    const dfs = [0.01, 0.1, 0.5, 1.5, 2.5, 4095.5];
    for (let df = 1; df <= 400; df++) dfs.push(df);
    for (let df = 401; df <= T975_TABLE_SIZE; df += 397) dfs.push(df);
    for (const df of dfs) expect([df, tQuantile975(df)]).toEqual([df, bisect(df)]);
    for (const df of [1e4 + 0.25, 99_999, 1e6]) expect([df, computeTQuantile975(df)]).toEqual([df, bisect(df)]);
  });
  it.each([
    // The root of I_x(df/2, ½)/2 = 0.025, x = df/(df + t²), by mpmath (findroot on betainc, 50 digits).
    [4097, 1.960543179146100361309],
    [5000, 1.960438551706507918589],
    [10000, 1.960201239890626257838],
    [12345.5, 1.960156159816290254418],
    [100000, 1.959987707534609638592],
    [1000000, 1.959966356814107035259],
    [10000000, 1.95996422176720549037],
    [1000000000, 1.959963986912325468646],
  ])('past the table, t(0.975, df = %f) is within two units in the last place of the exact %f', (df, exact) => {
    // A unit in the last place at values in [1, 2) is 2⁻⁵² = 2.2e-16 (the expansion's own rounding).
    // The bisection on the computed tail is off by up to 1e-12 here and 4e-10 at 10⁷ (the tail
    // loses precision as df grows).
    expect(Math.abs(tQuantile975(df) - exact)).toBeLessThanOrEqual(2 * 2 ** -52);
  });
  it('looks whole df up to the table size up in a table that holds, bit for bit, what the computation gives', () => {
    expect(T975_TABLE_SIZE).toBe(4096);
    // The table's own bytes, decoded here, against the computation for every entry.
    const bytes = Buffer.from(T975_TABLE, 'base64');
    expect(bytes.length).toBe(8 * T975_TABLE_SIZE);
    const differ: number[] = [];
    for (let df = 1; df <= T975_TABLE_SIZE; df++) {
      const t = computeTQuantile975(df);
      if (!Object.is(bytes.readDoubleLE(8 * (df - 1)), t) || !Object.is(tQuantile975(df), t)) differ.push(df);
    }
    expect(differ).toEqual([]);
    // Between its whole numbers the quantile is computed; past it, it goes on falling.
    for (const df of [2.5, 100.5, T975_TABLE_SIZE - 0.5]) expect(tQuantile975(df)).toBe(computeTQuantile975(df));
    expect(tQuantile975(T975_TABLE_SIZE + 1)).toBeLessThan(tQuantile975(T975_TABLE_SIZE));
    expect(tQuantile975(T975_TABLE_SIZE + 2)).toBeLessThan(tQuantile975(T975_TABLE_SIZE + 1));
  });
  it.each([[2.37636, 6.97224], [1.2, 3.5], [0.4, 40]])('upper tail at t = %f, df = %f matches Simpson integration of the density', (t, df) => {
    expect(studentTUpperTail(t, df)).toBeCloseTo(simpsonTUpperTail(t, df), 8);
  });
});
