import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../src/compare-text.js';

// The order worked out here another way: each string as its array of code points (for…of walks
// code points), compared element by element, a prefix first.
function byCodePointArrays(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!), y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return Math.sign(x.length - y.length);
}

describe('compareCodePoints', () => {
  it('puts characters above U+FFFF after U+E000–U+FFFF, as code points do (JS `<` does not)', () => {
    const names = ['😀 Bot', 'ﬁona', 'ｚeta', 'Zoë', 'zoe', 'Ana', ''];
    expect([...names].sort(compareCodePoints)).toEqual(['', 'Ana', 'Zoë', 'zoe', 'ﬁona', 'ｚeta', '😀 Bot']);
    expect('😀' < 'ﬁ').toBe(true); // the code-unit order this replaces
  });

  it('agrees with a comparison of code point arrays on 20,000 random pairs', () => {
    let seed = 20261123;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // Code points from every range that matters: ASCII, Latin, below and above the surrogates, astral.
    const pools = [[0x20, 0x7e], [0xa0, 0x17f], [0xd000, 0xd7ff], [0xe000, 0xffff], [0x10000, 0x1f9ff]];
    const randomText = (): string => {
      let s = '';
      const n = Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) {
        const [lo, hi] = pools[Math.floor(rand() * pools.length)];
        s += String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)));
      }
      return s;
    };
    const wrong: [string, string][] = [];
    for (let k = 0; k < 20_000; k++) {
      const a = randomText(), b = rand() < 0.2 ? a + randomText() : randomText();
      if (compareCodePoints(a, b) !== byCodePointArrays(a, b)) wrong.push([a, b]);
    }
    expect(wrong).toEqual([]);
  });
});
