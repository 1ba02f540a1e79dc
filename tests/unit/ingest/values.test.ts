import { describe, expect, it } from 'vitest';
import { parsePriority, parseStatus } from '../../../src/ingest/values.js';

describe('priority and status words', () => {
  it.each([
    ['Medium', 'normal'], ['CRITICAL', 'urgent'], ['1 - Critical', 'urgent'], ['p2', 'high'], ['low', 'low'],
  ])('reads priority %j as %s', (text, expected) => {
    expect(parsePriority(text)).toBe(expected);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'whenever'])('does not read %j as a priority or a known status', (text) => {
    expect(parsePriority(text)).toBeUndefined();
    expect(parseStatus(text)).toBe('other');
  });
});
