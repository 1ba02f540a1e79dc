import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Samples } from '../../../src/kpi/samples.js';
import { quantileSorted } from '../../../src/stats/quantile.js';

/**
 * Reference: Hyndman & Fan's own statement of type 7, 1-based — Q(p) = (1 − γ)·x[j] + γ·x[j+1]
 * with j = ⌊np + m⌋, m = 1 − p, γ = np + m − j — over a plain array sorted by comparison.
 */
function referenceQuantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const j = Math.floor(n * p + (1 - p));
  const gamma = n * p + (1 - p) - j;
  const at = (k: number) => x[Math.min(Math.max(k, 1), n) - 1];
  return (1 - gamma) * at(j) + gamma * at(j + 1);
}

const value = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }));
const p = fc.oneof(fc.constantFrom(0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1), fc.double({ min: 0, max: 1, noNaN: true }));

describe('percentiles match a sort-based reference (fast-check)', () => {
  it('quantileSorted over Samples equals the Hyndman–Fan type 7 reference', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), p, (values, q) => {
        const samples = new Samples();
        for (const v of values) samples.push(v);
        const got = quantileSorted(samples.sorted(), q);
        const want = referenceQuantile(values, q);
        if (want === null) {
          expect(got).toBeNull();
          return;
        }
        const scale = Math.max(1, ...values.map(Math.abs));
        expect(Math.abs(got! - want)).toBeLessThanOrEqual(scale * 1e-12);
      }),
      { seed: 20261122, numRuns: 1000 },
    );
  });

  it('a quantile lies between the minimum and the maximum and grows with p', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 100 }), p, p, (values, a, b) => {
        const sorted = Float64Array.from(values).sort();
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const qlo = quantileSorted(sorted, lo)!;
        const qhi = quantileSorted(sorted, hi)!;
        expect(qlo).toBeGreaterThanOrEqual(sorted[0]);
        expect(qhi).toBeLessThanOrEqual(sorted[sorted.length - 1]);
        expect(qlo).toBeLessThanOrEqual(qhi + Math.abs(qhi) * 1e-12);
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });
});
