import { describe, expect, it } from 'vitest';
import { intervalZ, mannWhitneyU, npsDifferenceZ, twoProportionZ, welchT } from '../../../src/stats/significance.js';

// Φ from a standard normal table, linearly interpolated, so p-values below are hand-checkable.
// Tolerances allow for the table's 4–5 digits.

describe('two-proportion z-test', () => {
  it('45/100 against 30/100', () => {
    // pooled p̂ = 75/200 = 0.375; se = √(0.375·0.625·(1/100 + 1/100)) = √0.0046875 = 0.068465
    // z = (0.45 − 0.30)/0.068465 = 2.1909; Φ(2.19) = 0.98574, Φ(2.20) = 0.98610 → Φ(2.1909) ≈ 0.985772
    // p = 2·(1 − 0.985772) = 0.02846 → significant at 5%
    const r = twoProportionZ(45, 100, 30, 100)!;
    expect(r.statistic).toBeCloseTo(2.1909, 3);
    expect(r.pValue).toBeCloseTo(0.02846, 3);
  });
  it('18/20 against 16/20 is not significant', () => {
    // p̂ = 34/40 = 0.85; se = √(0.85·0.15·0.1) = √0.01275 = 0.112916; z = 0.1/0.112916 = 0.8856
    // Φ(0.88) = 0.81057, Φ(0.89) = 0.81327 → Φ(0.8856) ≈ 0.81208; p = 0.3758
    const r = twoProportionZ(18, 20, 16, 20)!;
    expect(r.statistic).toBeCloseTo(0.8856, 3);
    expect(r.pValue).toBeCloseTo(0.3758, 3);
  });
  it('equal all-satisfied samples give z = 0, p = 1; an empty side gives no test', () => {
    expect(twoProportionZ(10, 10, 5, 5)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(twoProportionZ(0, 0, 5, 5)).toBeNull();
  });
});

describe('NPS difference z-test', () => {
  it('NPS 30 (50/20 of 100) against NPS 0 (30/30 of 100)', () => {
    // Var₁ = 100²·(0.7 − 0.3²)/100 = 61; Var₂ = 100²·(0.6 − 0²)/100 = 60; se = √121 = 11
    // z = 30/11 = 2.7273; Φ(2.72) = 0.99674, Φ(2.73) = 0.99683 → Φ(2.7273) ≈ 0.996806; p = 0.00639
    const r = npsDifferenceZ({ promoters: 50, detractors: 20, n: 100 }, { promoters: 30, detractors: 30, n: 100 })!;
    expect(r.statistic).toBeCloseTo(30 / 11, 9);
    expect(r.pValue).toBeCloseTo(0.00639, 4);
  });
  it('no test when both mixes have zero variance and differ', () => {
    expect(npsDifferenceZ({ promoters: 1, detractors: 0, n: 1 }, { promoters: 0, detractors: 1, n: 1 })).toMatchObject({ statistic: null, pValue: null });
  });
});

describe('Mann–Whitney U, normal approximation', () => {
  it('1,2,3,4,5 against 3,6,7,8,9 (one tie)', () => {
    // pooled ranks: 1→1, 2→2, 3,3→3.5 each, 4→5, 5→6, 6→7, 7→8, 8→9, 9→10
    // R₁ = 1 + 2 + 3.5 + 5 + 6 = 17.5; U₁ = 17.5 − 5·6/2 = 2.5; mean n₁n₂/2 = 12.5
    // ties: one pair, Σ(t³ − t) = 6; σ² = 25/12·(11 − 6/90) = 22.7778; σ = 4.77261
    // z = (2.5 − 12.5 + 0.5)/4.77261 = −1.99053; Φ(1.99) = 0.97670, Φ(2.00) = 0.97725 → Φ(1.99053) ≈ 0.976729
    // p = 2·(1 − 0.976729) = 0.04654 (U₁ is what R calls W)
    const r = mannWhitneyU([1, 2, 3, 4, 5], [3, 6, 7, 8, 9])!;
    expect(r.u).toBe(2.5);
    expect(r.statistic).toBeCloseTo(-1.99053, 4);
    expect(r.pValue).toBeCloseTo(0.04654, 3);
  });
  it('is symmetric: swapping the samples flips the sign only', () => {
    const a = mannWhitneyU([1, 2, 3, 4, 5], [3, 6, 7, 8, 9])!;
    const b = mannWhitneyU([3, 6, 7, 8, 9], [1, 2, 3, 4, 5])!;
    expect(b.statistic).toBeCloseTo(-a.statistic!, 12);
    expect(b.u).toBe(25 - 2.5);
  });
  it('all values tied → p = 1; an empty sample → no test', () => {
    expect(mannWhitneyU([2, 2], [2, 2, 2])).toMatchObject({ pValue: 1 });
    expect(mannWhitneyU([], [1])).toBeNull();
  });
});

describe("Welch's t-test", () => {
  it('1,2,3,4,5 against 2,4,6,8,10,12', () => {
    // means 3 and 7; s₁² = 10/4 = 2.5, s₂² = 70/5 = 14; s₁²/n₁ = 0.5, s₂²/n₂ = 2.3333
    // t = −4/√2.8333 = −2.37636; df = 2.8333²/(0.5²/4 + 2.3333²/5) = 8.02778/1.151389 = 6.97224
    // t table, df 7: two-sided 5% point 2.365, 4% point 2.517; 2.365 < |t| < 2.517 → 0.04 < p < 0.05
    const r = welchT({ mean: 3, sd: Math.sqrt(2.5), n: 5 }, { mean: 7, sd: Math.sqrt(14), n: 6 })!;
    expect(r.statistic).toBeCloseTo(-2.37636, 4);
    expect(r.df).toBeCloseTo(6.97224, 4);
    expect(r.pValue).toBeGreaterThan(0.04);
    expect(r.pValue).toBeLessThan(0.05);
  });
  it('needs two values on each side', () => {
    expect(welchT({ mean: 3, sd: null, n: 1 }, { mean: 7, sd: 1, n: 6 })).toBeNull();
  });
});

describe('interval z (report-only baseline)', () => {
  it('10 [6.08, 13.92] against 4 [2.04, 5.96]', () => {
    // se₁ = 7.84/3.92 = 2, se₂ = 3.92/3.92 = 1; z = 6/√5 = 2.6833; Φ(2.68) = 0.99632, Φ(2.69) = 0.99643 → p ≈ 0.00729
    const r = intervalZ(10, [6.08, 13.92], 4, [2.04, 5.96])!;
    expect(r.statistic).toBeCloseTo(6 / Math.sqrt(5), 3);
    expect(r.pValue).toBeCloseTo(0.00729, 4);
  });
});
