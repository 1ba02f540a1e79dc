import { describe, expect, it } from 'vitest';
import { csvText } from '../../../src/report/format-csv.js';
import { markdownText } from '../../../src/report/format-markdown.js';
import { terminalText } from '../../../src/report/format-value.js';

describe('csvText neutralises formulas', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=A1,B1', `"'=A1,B1"`],
    ['say "hi"', '"say ""hi"""'],
    ['a\nb', '"a\nb"'],
    ['Ana', 'Ana'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvText(input)).toBe(expected);
  });
});

describe('markdownText', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['*b* _i_ `c` [l](u)', '\\*b\\* \\_i\\_ \\`c\\` \\[l\\](u)'],
    ['back\\slash', 'back\\\\slash'],
    ['a\r\nb\nc\rd', 'a b c d'],
    ['x\u001b[31my', 'x\uFFFD\\[31my'],
    ['\u202eevil', '\uFFFDevil'],
    ['&amp;', '&amp;amp;'],
  ])('%j → %j', (input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });
});

describe('terminalText', () => {
  it.each([
    ['x\u001b[2Jy', 'x\\x1b[2Jy'],
    ['a\nb', 'a\\x0ab'],
    ['\u0007bell', '\\x07bell'],
    ['\u009bcsi', '\\x9bcsi'],
    ['\u202eevil\u2066', '\\u{202e}evil\\u{2066}'],
    ['José Müller 😀', 'José Müller 😀'],
  ])('%j → %j', (input, expected) => {
    expect(terminalText(input)).toBe(expected);
  });
});
