import { describe, expect, it } from 'vitest';
import { isoWeekLabel, periodLabel, periodStart, resolveWindow } from '../../../src/time/period.js';
import { parseDay } from '../../../src/time/parse-timestamp.js';

const day = (text: string) => parseDay(text);

describe('periods', () => {
  it.each([
    ['2026-11-22', '2026-W47'], // Sunday
    ['2026-11-16', '2026-W47'], // Monday
    ['2026-01-01', '2026-W01'], // Thursday
    ['2027-01-01', '2026-W53'], // Friday: 2026 has 53 ISO weeks
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('ISO week of %s is %s', (date, label) => {
    expect(isoWeekLabel(day(date))).toBe(label);
  });

  it('labels months and quarters', () => {
    expect(periodLabel('month', periodStart('month', day('2026-11-22')))).toBe('2026-11');
    expect(periodLabel('quarter', periodStart('quarter', day('2026-11-22')))).toBe('2026-Q4');
    expect(periodLabel('week', periodStart('week', day('2026-11-22')))).toBe('2026-W47');
  });

  it('resolves --last week to the previous complete ISO week', () => {
    // 2026-11-23 is a Monday: the previous week is Mon 16 – Sun 22 November.
    expect(resolveWindow({ last: 'week' }, day('2026-11-23'))).toEqual({ from: day('2026-11-16'), to: day('2026-11-22') });
    expect(resolveWindow({ last: 'week' }, day('2026-11-29'))).toEqual({ from: day('2026-11-16'), to: day('2026-11-22') });
    expect(resolveWindow({ last: 'month', asOf: '2026-03-10' }, 0)).toEqual({ from: day('2026-02-01'), to: day('2026-02-28') });
    expect(resolveWindow({ last: '7d', asOf: '2026-11-23' }, 0)).toEqual({ from: day('2026-11-16'), to: day('2026-11-22') });
  });
});
