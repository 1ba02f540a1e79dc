/**
 * Order two strings by Unicode code point (README: groups and files sort by code point). Why not
 * `<`: JavaScript compares UTF-16 code units, which puts a character above U+FFFF (an emoji, a
 * surrogate pair) before U+E000–U+FFFF (`ﬁ`, full-width `ｚ`), where code points put it after.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    // Both at or above the surrogates: surrogates (a code point from U+10000) go above U+E000–U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
