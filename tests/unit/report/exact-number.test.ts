import { describe, expect, it } from 'vitest';
import { decimalText, displayValue, exactNumber, statedFixed } from '../../../src/report/format-value.js';

/** The definition: the number a 9-decimal text of the value reads back as. */
const byText = (value: number): number => Number(value.toFixed(9));

describe('exactNumber', () => {
  it('gives whole numbers as the 9-decimal text reads them back, -0 as 0', () => {
    let seed = 5;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const wholes = [0, -0, 1, -1, 42, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 60), 1e21, 1e21 + 2 ** 20, 1.5e300, -1e308];
    for (let i = 0; i < 2000; i++) wholes.push(Math.round((rand() - 0.5) * 10 ** Math.floor(rand() * 25)));
    for (const value of wholes) {
      expect(Object.is(exactNumber(value), byText(value)), `${value}`).toBe(true);
    }
    expect(Object.is(exactNumber(-0), 0)).toBe(true);
  });

  it('gives every fraction as its 9-decimal text reads back (halves, near-halves, large values, both signs)', () => {
    let seed = 11;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const values: number[] = [];
    // Exact halves at the ninth decimal: q / 2¹⁰ for odd q is q · 976562.5 · 10⁻⁹.
    for (let q = 1; q < 4000; q += 2) values.push(q / 1024, -q / 1024, (q * 1024 + 1) / 2 ** 20);
    // … and large ones, where value · 10⁹ rounds to a whole number (ties to even) before anything sees the half.
    for (let i = 0; i < 2000; i++) {
      const q = 2 * Math.floor(rand() * 2 ** 33) + 1;
      values.push(q / 1024, -q / 1024);
    }
    for (let k = 10; k <= 40; k++) for (let j = 0; j < 40; j++) values.push((2 * Math.floor(rand() * 2 ** 20) + 1) / 2 ** k);
    // Texts ending in 5 at the tenth decimal, and the doubles either side of them.
    for (let i = 0; i < 3000; i++) {
      const text = `${Math.floor(rand() * 10 ** Math.floor(rand() * 8))}.${String(Math.floor(rand() * 1e9)).padStart(9, '0')}5`;
      const v = Number(text);
      const bits = new Float64Array([v]);
      const words = new BigInt64Array(bits.buffer);
      for (const step of [-2n, -1n, 0n, 1n, 2n]) {
        const near = new BigInt64Array([words[0] + step]);
        const x = new Float64Array(near.buffer)[0];
        values.push(x, -x);
      }
    }
    // Every magnitude, and around the largest value the arithmetic takes (2⁵³ / 10⁹ ≈ 9.007e6).
    for (let i = 0; i < 20_000; i++) values.push((rand() - 0.5) * 10 ** (Math.floor(rand() * 40) - 20));
    for (let i = 0; i < 2000; i++) values.push(9e6 + (rand() - 0.5) * 1e5, -(9.007e6 + (rand() - 0.5) * 1e4), 8.999999e6 + rand());
    values.push(Number.MIN_VALUE, -Number.MIN_VALUE, 4.9999999999e-10, 5e-10, -5e-10, 5.0000000001e-10, 1e21 + 0.5, 0.1, 0.2 + 0.1, 2 / 3, -2 / 3);
    const differ = values.filter((v) => !Object.is(exactNumber(v), byText(v) + 0));
    expect(differ).toEqual([]);
  });

  it('rounds fractions to 9 decimals and leaves non-finite values alone', () => {
    expect(exactNumber(1 / 3)).toBe(0.333333333);
    expect(exactNumber(2.0000000004)).toBe(2);
    expect(exactNumber(-2.0000000006)).toBe(-2.000000001);
    expect(exactNumber(Infinity)).toBe(Infinity);
    expect(exactNumber(NaN)).toBeNaN();
  });
});

describe('displayValue', () => {
  it('rounds the value the report states, not its floating-point neighbour', () => {
    // 23/80, 41/80, 51/80 of 100 are a hair below .x5 in floating point; stated 28.75, 51.25, 63.75.
    expect((23 / 80) * 100).toBeLessThan(28.75);
    expect(displayValue((23 / 80) * 100, 'pct', false)).toBe('28.8');
    expect(displayValue((41 / 80) * 100, 'pct', false)).toBe('51.3');
    expect(displayValue((51 / 80) * 100, 'pct', false)).toBe('63.8');
    expect(displayValue((23 / 80) * 100, 'minutes', false)).toBe('28.8');
    expect(displayValue(null, 'pct', false)).toBe('—');
  });

  it('rounds a stated half away from zero, whichever way its double leans', () => {
    // 86.05 is 86.0499999… as a double (toFixed gave 86.0), 12.25 exact, 3.675 is 3.67499…;
    // 49.25 and −0.05 for the sign; a hand table of the decimals.
    expect(86.05.toFixed(1)).toBe('86.0');
    expect(displayValue(86.05, 'minutes', false)).toBe('86.1');
    expect(displayValue(12.25, 'minutes', false)).toBe('12.3');
    expect(displayValue(49.25, 'pct', false)).toBe('49.3');
    expect(displayValue(3.675, 'score', false)).toBe('3.68');
    expect(displayValue(3.674999999, 'score', false)).toBe('3.67');
    expect(statedFixed(-0.05, 1)).toBe('-0.1');
    expect(statedFixed(-0.04, 1)).toBe('0.0');
    expect(statedFixed(100, 1)).toBe('100.0');
    expect(statedFixed(99.95, 1)).toBe('100.0');
  });
});

describe('decimalText (CSV numbers)', () => {
  it('writes small numbers in plain decimals, never with an exponent', () => {
    expect(String(9.63e-7)).toBe('9.63e-7');
    expect(decimalText(9.63e-7)).toBe('0.000000963');
    expect(decimalText(1e-9)).toBe('0.000000001');
    expect(decimalText(-3e-7)).toBe('-0.0000003');
    expect(decimalText(4e-10)).toBe('0'); // below 9 decimals: 0, as the JSON states it
    expect(decimalText(0.5)).toBe('0.5');
    expect(decimalText(120)).toBe('120');
  });
});
