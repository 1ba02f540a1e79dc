import { describe, expect, it } from 'vitest';
import { radixSort, Samples, SortScratch, sortNumbers, warmRadixSort } from '../../../src/kpi/samples.js';

/** The reference: the platform's numeric sort of a copy. */
const builtIn = (values: number[]): number[] => [...new Float64Array(values).sort()];

describe('sortNumbers', () => {
  let seed = 3;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const cases: [string, () => number[]][] = [
    ['minutes with many repeats and zeros', () => Array.from({ length: 50_000 }, () => (rand() < 0.1 ? 0 : Math.floor(rand() * 2000)))],
    ['fractions across magnitudes', () => Array.from({ length: 20_000 }, () => rand() * 10 ** Math.floor(rand() * 12))],
    ['tiny and huge values', () => Array.from({ length: 8_192 }, (_, i) => (i % 3 === 0 ? Number.MIN_VALUE * i : i % 3 === 1 ? 1e300 / (i + 1) : i))],
    ['a negative value (built-in sort)', () => Array.from({ length: 10_000 }, (_, i) => (i === 5000 ? -1 : rand() * 100))],
    ['a negative zero (built-in sort)', () => Array.from({ length: 10_000 }, (_, i) => (i === 7 ? -0 : i % 2 === 0 ? 0 : rand()))],
    // Only one 16-bit digit differs between these, so one pass runs and the result is copied back.
    ['values differing in one digit (an odd number of passes)', () => Array.from({ length: 10_000 }, () => 2 ** 20 + Math.floor(rand() * 65536))],
    ['values differing only in a few mantissa bits (most passes skipped)', () => Array.from({ length: 10_000 }, () => 2 ** 20 + Math.floor(rand() * 2048))],
    ['a large array (16-bit digits)', () => Array.from({ length: 200_000 }, () => (rand() < 0.05 ? 0 : rand() * 10 ** Math.floor(rand() * 8)))],
    ['a large array differing in one 16-bit digit', () => Array.from({ length: 150_000 }, () => 2 ** 20 + Math.floor(rand() * 65536))],
    ['short', () => [3, 1, 2, 0, 2]],
    // Below 4,096 values sortNumbers sorts the bit patterns as integers when no sign bit is set.
    ['small, zero or more, with Infinity, NaN and subnormals', () => Array.from({ length: 1000 }, (_, i) => (i === 10 ? Infinity : i === 20 ? NaN : i === 30 ? Number.MIN_VALUE : i % 7 === 0 ? 0 : rand() * 10 ** Math.floor(rand() * 6)))],
    ['small with a negative value (built-in sort)', () => Array.from({ length: 1000 }, (_, i) => (i === 500 ? -3 : rand() * 100))],
    ['small with a negative zero (built-in sort)', () => Array.from({ length: 1000 }, (_, i) => (i === 3 ? -0 : i % 2 === 0 ? 0 : rand()))],
  ];
  // sortNumbers picks the built-in sort or the radix passes by size (and whether the radix passes
  // have run in this thread yet); radixSort runs the radix passes wherever they apply.
  const sorts = [['sortNumbers', sortNumbers], ['radixSort', radixSort]] as const;
  it.each(sorts.flatMap(([sortName, sort]) => cases.map(([name, make]) => [`${sortName}: ${name}`, sort, make] as const)))('%s: the same order as the built-in sort, bit for bit', (_name, sort, make) => {
    const values = make();
    const sorted = [...sort(new Float64Array(values))];
    const expected = builtIn(values);
    expect(sorted.length).toBe(expected.length);
    for (let i = 0; i < sorted.length; i++) expect(Object.is(sorted[i], expected[i]), `at ${i}`).toBe(true);
  });

  it.each(sorts)('%s sorts the same with one scratch lent to every call, large and small, in any order', (_sortName, sort) => {
    const scratch = new SortScratch();
    for (const [name, make] of [...cases, ...cases.slice().reverse()]) {
      const values = make();
      const sorted = sort(new Float64Array(values), scratch);
      const expected = builtIn(values);
      expect(sorted.length, name).toBe(expected.length);
      for (let i = 0; i < sorted.length; i++) if (!Object.is(sorted[i], expected[i])) expect.fail(`${name}: at ${i}, ${sorted[i]} for ${expected[i]}`);
    }
  });

  it('a warm-up runs the radix passes on its own values in the scratch it is lent, and later sorts are unchanged', () => {
    const scratch = new SortScratch();
    warmRadixSort(scratch);
    // The radix passes took their second buffer from the scratch: two words per value, 100,000 values.
    expect(scratch.take(0).length).toBe(200_000);
    for (const [name, make] of cases) {
      const values = make();
      const sorted = sortNumbers(new Float64Array(values), scratch);
      const expected = builtIn(values);
      for (let i = 0; i < sorted.length; i++) if (!Object.is(sorted[i], expected[i])) expect.fail(`${name}: at ${i}, ${sorted[i]} for ${expected[i]}`);
    }
  });

  it('sorts a view in place (Samples keeps its sum in arrival order)', () => {
    const samples = new Samples();
    const values = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
    for (const v of values) samples.push(v);
    expect([...samples.sorted()]).toEqual(builtIn(values));
    expect(samples.sum()).toBe(values.reduce((a, b) => a + b, 0));
  });
});
