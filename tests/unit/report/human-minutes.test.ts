import { describe, expect, it } from 'vitest';
import { humanMinutes } from '../../../src/report/format-value.js';

// Durations for people round to the unit they show: seconds under a minute, minutes under a day,
// hours from a day on (2,938 min = 48 h 58 min is nearer 49 h than 48 h).
describe('humanMinutes', () => {
  it.each([
    [0.5, '30s'], [0.995, '1m'], [1.4, '1m'], [59.4, '59m'], [59.6, '1h 0m'], [102, '1h 42m'],
    [1439.4, '23h 59m'], [1439.6, '1d 0h'], [1500, '1d 1h'], [2938, '2d 1h'], [2909, '2d 0h'], [2910, '2d 1h'],
    [10 * 1440 - 20, '10d 0h'],
  ])('%f min → %s', (minutes, text) => {
    expect(humanMinutes(minutes)).toBe(text);
  });

  it('writes a bound below zero (a mean\'s interval can reach there) with its sign, in the same units', () => {
    expect(humanMinutes(-25271.696)).toBe('-17d 13h'); // 421.19 h → 421 h = 17 d 13 h
    expect(humanMinutes(-22.4)).toBe('-22m');
    expect(humanMinutes(-0.004)).toBe('0s');
  });
});
