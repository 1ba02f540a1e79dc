import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, WEEKDAY_KEYS, type CalendarSpec } from '../../../src/time/business-calendar.js';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
// Intervals on a 15-minute grid; an end at or before the start runs past midnight (overnight shifts).
const interval = fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 0, max: 96 })).map(([s, e]) => `${hhmm(s * 15)}-${hhmm(e * 15)}`);
const day = fc.array(interval, { maxLength: 3 });
const spec: fc.Arbitrary<CalendarSpec> = fc.record({
  timezone: fc.constantFrom('UTC', 'Europe/Athens', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'America/St_Johns'),
  week: fc.tuple(day, day, day, day, day, day, day).map((days) => Object.fromEntries(WEEKDAY_KEYS.map((k, i) => [k, days[i]]))),
  holidays: fc.array(
    fc.tuple(fc.integer({ min: 0, max: 800 }), fc.option(fc.array(interval, { maxLength: 2 }), { nil: undefined })).map(([d, hours]) => {
      const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      return hours === undefined ? date : { date, hours };
    }),
    { maxLength: 5 },
  ),
});
// Instants from 2025 into 2027, minute-aligned or not, across DST changes.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 2, 1) });

describe('business minutes (fast-check)', () => {
  it('are never negative and never exceed the calendar minutes between the same instants', () => {
    fc.assert(
      fc.property(spec, instant, fc.integer({ min: 0, max: 40 * 86_400_000 }), (s, a, span) => {
        const calendar = new BusinessCalendar('team', s);
        const b = a + span;
        const business = calendar.minutesBetween(a, b);
        expect(business).toBeGreaterThanOrEqual(0);
        expect(business).toBeLessThanOrEqual(span / 60_000 + 1e-9);
      }),
      { seed: 20261122, numRuns: 400 },
    );
  });

  it('add up over a split point, and a 24-hour, 7-day calendar gives the calendar minutes', () => {
    fc.assert(
      fc.property(spec, instant, instant, instant, (s, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        const calendar = new BusinessCalendar('team', s);
        expect(calendar.minutesBetween(a, c)).toBeCloseTo(calendar.minutesBetween(a, b) + calendar.minutesBetween(b, c), 6);
        const always = new BusinessCalendar('always', { timezone: s.timezone, week: Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, ['00:00-24:00']])) });
        expect(always.minutesBetween(a, c)).toBeCloseTo((c - a) / 60_000, 6);
      }),
      { seed: 20261122, numRuns: 200 },
    );
  });
});
