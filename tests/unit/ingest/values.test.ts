import { describe, expect, it } from 'vitest';
import { parseNumber, parsePriority, parseStatus } from '../../../src/ingest/values.js';

describe('priority and status words', () => {
  it.each([
    ['Medium', 'normal'], ['CRITICAL', 'urgent'], ['1 - Critical', 'urgent'], ['p2', 'high'], ['low', 'low'],
    // Jira's Highest … Lowest in Spanish, Portuguese, French and German, as the English words read
    ['Más alta', 'high'], ['Alta', 'high'], ['Media', 'normal'], ['Baja', 'low'], ['Más baja', 'low'],
    ['Média', 'normal'], ['Baixa', 'low'], ['Moyenne', 'normal'], ['La plus basse', 'low'],
    ['Höchste', 'high'], ['Mittel', 'normal'], ['Niedrig', 'low'], ['Crítica', 'urgent'], ['Dringend', 'urgent'],
  ])('reads priority %j as %s', (text, expected) => {
    expect(parsePriority(text)).toBe(expected);
  });

  it.each([
    ['Completed', 'solved'], ['complete', 'solved'], ['Fixed', 'solved'], ['Resolved', 'solved'], ['Done', 'solved'],
    ['Archived', 'closed'], ['Reopened', 'open'], ['In Progress', 'open'], ['On hold', 'hold'], ['Waiting', 'pending'],
    ['cancelled', 'other'],
  ])('reads status %j as %s', (text, expected) => {
    expect(parseStatus(text)).toBe(expected);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'whenever'])('does not read %j as a priority or a known status', (text) => {
    expect(parsePriority(text)).toBeUndefined();
    expect(parseStatus(text)).toBe('other');
  });
});

// Numbers as exports write them: a decimal comma, and thousands marks where they cannot be a
// decimal mark (both marks, or the same mark twice). One mark with three digits after it
// (`2.000`, `2,000`) stays a decimal mark, as a cell alone cannot say.
describe('parseNumber', () => {
  it.each([
    ['4', 4], ['-2', -2], ['4.5', 4.5], ['10,5', 10.5], ['.5', 0.5],
    ['1.234,5', 1234.5], ['1,234.5', 1234.5], ['-1.234,50', -1234.5], ['+2,000.25', 2000.25],
    ['1,234,567', 1234567], ['1.234.567', 1234567], ['12.345.678,9', 12345678.9],
    ['2.000', 2], ['2,000', 2], ['1,234', 1.234],
  ])('%s → %d', (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });

  it.each(['1.2345,6', '1,23,456.7', '1,234.567,8', '1..5', '1,2,3', 'x', '', '1e400'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeNaN();
  });
});

describe('parseNumber in a file whose numbers show its decimal mark', () => {
  it.each([
    ['2.000', ',', 2000], ['1.234.567', ',', 1234567], ['2,000', ',', 2], ['10,5', ',', 10.5], ['2.5', ',', 2.5],
    ['2,000', '.', 2000], ['12,345', '.', 12345], ['2.000', '.', 2], ['10.5', '.', 10.5],
    ['2.000', null, 2], ['2,000', null, 2],
  ] as const)('%s with mark %s → %d', (text, mark, n) => {
    expect(parseNumber(text, mark)).toBe(n);
  });
});
