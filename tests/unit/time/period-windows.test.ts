import { describe, expect, it } from 'vitest';
import { formatDay, isoWeekLabel, localDay, periodLabel, periodStart, previousWindow, resolveWindow } from '../../../src/time/period.js';
import { parseDay } from '../../../src/time/parse-timestamp.js';
import { getZone } from '../../../src/time/zone.js';

const day = (iso: string): number => parseDay(iso);

describe('ISO weeks around New Year', () => {
  // Checked against a printed calendar: 2020, 2026 and 2015 have 53 ISO weeks (they start on a
  // Thursday, or a Wednesday in a leap year), 2021 and 2022 do not.
  it.each([
    ['2020-12-31', '2020-W53'], // Thursday
    ['2021-01-01', '2020-W53'], // Friday
    ['2021-01-03', '2020-W53'], // Sunday
    ['2021-01-04', '2021-W01'], // Monday
    ['2021-12-31', '2021-W52'],
    ['2022-01-01', '2021-W52'], // Saturday
    ['2022-01-02', '2021-W52'], // Sunday
    ['2022-01-03', '2022-W01'],
    ['2023-01-01', '2022-W52'], // Sunday
    ['2024-12-29', '2024-W52'], // Sunday
    ['2024-12-30', '2025-W01'], // Monday in December already in week 1 of the next year
    ['2025-12-29', '2026-W01'],
    ['2026-01-01', '2026-W01'], // Thursday
    ['2026-11-16', '2026-W47'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-03', '2026-W53'], // Sunday
    ['2027-01-04', '2027-W01'],
    ['2015-12-31', '2015-W53'],
    ['2016-01-03', '2015-W53'],
    ['2008-12-29', '2009-W01'],
    ['2010-01-03', '2009-W53'],
  ])('%s is %s', (date, label) => {
    expect(isoWeekLabel(day(date))).toBe(label);
    expect(periodLabel('week', periodStart('week', day(date)))).toBe(label);
  });

  it('agrees with the ordinal-date formula for every day of 2000–2040', () => {
    // ISO 8601: week = floor((ordinal − weekday + 10) / 7) with weekday 1 = Monday; week 0 belongs
    // to the previous year's last week, and week 53 is week 1 of the next year unless the year
    // has 53 weeks (Jan 1 on a Thursday, or on a Wednesday in a leap year).
    const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const jan1Weekday = (y: number): number => ((new Date(Date.UTC(y, 0, 1)).getUTCDay() + 6) % 7) + 1;
    const weeksIn = (y: number): number => (jan1Weekday(y) === 4 || (leap(y) && jan1Weekday(y) === 3) ? 53 : 52);
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2041, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const y = d.getUTCFullYear();
      const ordinal = (t - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
      const wd = ((d.getUTCDay() + 6) % 7) + 1;
      let week = Math.floor((ordinal - wd + 10) / 7);
      let year = y;
      if (week < 1) {
        year = y - 1;
        week = weeksIn(year);
      } else if (week > weeksIn(y)) {
        year = y + 1;
        week = 1;
      }
      const expected = `${year}-W${String(week).padStart(2, '0')}`;
      const got = isoWeekLabel(t / 86_400_000);
      if (got !== expected) expect(`${d.toISOString().slice(0, 10)} ${got}`).toBe(`${d.toISOString().slice(0, 10)} ${expected}`);
    }
  });
});

describe('--last week --as-of on every weekday', () => {
  // 2026-11-23 is a Monday (2026-W48); the previous complete week is W47, Mon 11-16 … Sun 11-22.
  it.each([
    ['2026-11-23', 'Monday'],
    ['2026-11-24', 'Tuesday'],
    ['2026-11-25', 'Wednesday'],
    ['2026-11-26', 'Thursday'],
    ['2026-11-27', 'Friday'],
    ['2026-11-28', 'Saturday'],
    ['2026-11-29', 'Sunday'],
  ])('as of %s (%s) is 2026-11-16 … 2026-11-22', (asOf) => {
    const w = resolveWindow({ last: 'week', asOf }, 0);
    expect([formatDay(w.from!), formatDay(w.to!)]).toEqual(['2026-11-16', '2026-11-22']);
  });

  it.each([
    // Around New Year: 2026-W53 is Mon 2026-12-28 … Sun 2027-01-03.
    ['2027-01-01', '2026-12-21', '2026-12-27'], // Friday of W53 → W52
    ['2027-01-03', '2026-12-21', '2026-12-27'], // Sunday of W53 → W52
    ['2027-01-04', '2026-12-28', '2027-01-03'], // Monday of 2027-W01 → W53, across the year end
    ['2021-01-04', '2020-12-28', '2021-01-03'],
  ])('as of %s is %s … %s', (asOf, from, to) => {
    const w = resolveWindow({ last: 'week', asOf }, 0);
    expect([formatDay(w.from!), formatDay(w.to!)]).toEqual([from, to]);
  });

  it('refuses --as-of without --last (alone it moved nothing)', () => {
    expect(() => resolveWindow({ asOf: '2026-11-23' }, 0)).toThrow('--as-of 2026-11-23 needs --last');
    expect(() => resolveWindow({ from: '2026-11-01', to: '2026-11-30', asOf: '2026-11-23' }, 0)).toThrow('needs --last');
  });

  it('defaults --as-of to today in the report zone', () => {
    // 2026-11-22T23:30Z is Monday 01:30 in Athens (UTC+2) but still Sunday in New York.
    const now = Date.parse('2026-11-22T23:30:00Z');
    const athens = resolveWindow({ last: 'week' }, localDay(now, getZone('Europe/Athens')));
    const newYork = resolveWindow({ last: 'week' }, localDay(now, getZone('America/New_York')));
    expect(formatDay(athens.from!)).toBe('2026-11-16');
    expect(formatDay(newYork.from!)).toBe('2026-11-09');
  });
});

describe('other relative windows', () => {
  it.each([
    ['day', '2026-03-01', '2026-02-28', '2026-02-28'],
    ['month', '2026-03-01', '2026-02-01', '2026-02-28'],
    ['month', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['quarter', '2026-01-15', '2025-10-01', '2025-12-31'],
    ['quarter', '2026-04-01', '2026-01-01', '2026-03-31'],
    ['7d', '2026-01-02', '2025-12-26', '2026-01-01'],
    ['1d', '2026-01-01', '2025-12-31', '2025-12-31'],
  ])('--last %s --as-of %s is %s … %s', (last, asOf, from, to) => {
    const w = resolveWindow({ last, asOf }, 0);
    expect([formatDay(w.from!), formatDay(w.to!)]).toEqual([from, to]);
  });

  it('previous window of --last month is the calendar month before', () => {
    const w = previousWindow({ from: day('2026-03-01'), to: day('2026-03-31') }, 'month');
    expect([formatDay(w!.from!), formatDay(w!.to!)]).toEqual(['2026-02-01', '2026-02-28']);
  });
});

describe('local days across DST', () => {
  it.each([
    // Athens falls back at 2026-10-25T01:00Z (04:00 EEST → 03:00 EET).
    ['2026-10-24T21:30:00Z', 'Europe/Athens', '2026-10-25'], // 00:30 EEST
    ['2026-10-25T21:59:00Z', 'Europe/Athens', '2026-10-25'], // 23:59 EET
    ['2026-10-25T22:00:00Z', 'Europe/Athens', '2026-10-26'],
    ['2026-03-08T04:59:00Z', 'America/New_York', '2026-03-07'], // 23:59 EST
    ['2026-03-09T03:59:00Z', 'America/New_York', '2026-03-08'], // 23:59 EDT
    ['2026-04-05T13:59:00Z', 'Australia/Sydney', '2026-04-05'], // 23:59 AEST (after fall-back)
    ['2026-04-04T12:59:00Z', 'Australia/Sydney', '2026-04-04'], // 23:59 AEDT
    ['2026-04-04T13:00:00Z', 'Australia/Sydney', '2026-04-05'],
  ])('%s in %s is local day %s', (instant, zone, expected) => {
    expect(formatDay(localDay(Date.parse(instant), getZone(zone)))).toBe(expected);
  });
});
