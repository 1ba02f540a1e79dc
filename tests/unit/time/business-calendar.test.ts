import { describe, expect, it } from 'vitest';
import { BusinessCalendar, BusinessCalendars, parseInterval, type CalendarSpec } from '../../../src/time/business-calendar.js';

/*
 * The expected business minutes come from a slow, obviously-correct walk over every minute of
 * the range: Intl tells the calendar zone's wall clock at that minute, and the minute counts when
 * the wall clock lies in an interval of that local date's schedule (or in an overnight interval
 * of the previous date's schedule). Nothing from src/time is used by the walk.
 */
const KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const; // getUTCDay order

function walkIntervals(list: string[] | undefined): [number, number][] {
  return (list ?? []).map((text) => {
    const [a, b] = text.split('-');
    const [ah, am] = a.split(':').map(Number);
    const [bh, bm] = b.split(':').map(Number);
    const start = ah * 60 + am;
    let end = bh * 60 + bm;
    if (end <= start) end += 1440;
    return [start, end];
  });
}

function scheduleOf(spec: CalendarSpec, y: number, m: number, d: number): [number, number][] {
  const date = new Date(Date.UTC(y, m - 1, d));
  const iso = date.toISOString().slice(0, 10);
  for (const h of spec.holidays ?? []) {
    if (h === iso) return [];
    if (typeof h === 'object' && h.date === iso) return walkIntervals(h.hours);
  }
  return walkIntervals(spec.week[KEYS[date.getUTCDay()]]);
}

/** 1 for every working minute starting at `from` (ISO), minute by minute, for `minutes` minutes. */
function walkFlags(spec: CalendarSpec, fromMs: number, minutes: number): Uint8Array {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: spec.timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  const flags = new Uint8Array(minutes);
  for (let k = 0; k < minutes; k++) {
    const parts = Object.fromEntries(fmt.formatToParts(new Date(fromMs + k * 60_000)).map((p) => [p.type, p.value]));
    const y = Number(parts.year), mo = Number(parts.month), d = Number(parts.day);
    const t = Number(parts.hour) * 60 + Number(parts.minute);
    const today = scheduleOf(spec, y, mo, d).some(([s, e]) => t >= s && t < e);
    const yesterday = scheduleOf(spec, y, mo, d - 1).some(([, e]) => t + 1440 < e);
    flags[k] = today || yesterday ? 1 : 0;
  }
  return flags;
}

function walkMinutes(spec: CalendarSpec, from: string, to: string): number {
  const a = Date.parse(from), b = Date.parse(to);
  return walkFlags(spec, a, (b - a) / 60_000).reduce((s, f) => s + f, 0);
}

function minutes(spec: CalendarSpec, from: string, to: string): number {
  return new BusinessCalendar('test', spec).minutesBetween(Date.parse(from), Date.parse(to));
}

/** The DESIGN §10 example calendar. */
const ATHENS: CalendarSpec = {
  timezone: 'Europe/Athens',
  week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-13:00', '14:00-17:00'], sat: [], sun: [] },
  holidays: ['2026-10-28', { date: '2026-12-24', hours: ['09:00-12:00'] }],
};
const NIGHT_SHIFT: CalendarSpec = {
  timezone: 'UTC',
  week: { mon: ['22:00-06:00'], tue: ['22:00-06:00'], wed: ['22:00-06:00'], thu: ['22:00-06:00'], fri: ['22:00-06:00'], sat: [], sun: [] },
};
/** Round-the-clock in Athens plus a Sunday 02:00–05:00 slot that the DST changes cut or repeat. */
const ATHENS_DST: CalendarSpec = {
  timezone: 'Europe/Athens',
  week: { mon: ['00:00-24:00'], sun: ['02:00-05:00', '22:00-01:00'], sat: ['23:00-04:30'] },
};
/** New York: nightly 22:00–06:00 and Sunday slots whose ends fall in the DST gap and overlap. */
const NEW_YORK: CalendarSpec = {
  timezone: 'America/New_York',
  week: {
    mon: ['08:00-12:00', '13:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-16:00'],
    sat: ['22:00-06:00'], sun: ['01:30-05:00', '02:30-02:45'],
  },
  holidays: ['2026-11-26', { date: '2026-11-27', hours: ['08:00-12:00'] }, { date: '2026-03-09', hours: ['10:00-11:00', '20:00-02:00'] }],
};
/** Sydney: office hours and a Saturday night shift across both Southern-hemisphere changes. */
const SYDNEY: CalendarSpec = {
  timezone: 'Australia/Sydney',
  week: { mon: ['09:00-17:30'], tue: ['09:00-17:30'], wed: ['09:00-17:30'], thu: ['09:00-17:30'], fri: ['09:00-17:30'], sat: ['23:00-04:00'], sun: ['01:00-03:30'] },
  holidays: ['2026-04-06', { date: '2026-10-05', hours: ['09:00-12:00', '12:00-13:00'] }],
};

describe('parseInterval', () => {
  it.each([
    ['09:00-17:00', { start: 540, end: 1020 }],
    ['9:30-12:00', { start: 570, end: 720 }],
    ['22:00-06:00', { start: 1320, end: 1800 }],
    ['00:00-24:00', { start: 0, end: 1440 }],
    ['17:00-00:00', { start: 1020, end: 1440 }],
    ['08:00-08:00', { start: 480, end: 1920 }],
  ])('%s', (text, expected) => {
    expect(parseInterval(text)).toEqual(expected);
  });
  it.each(['9-17', '24:00-01:00', '09:60-10:00', '10:00-24:30', '', '09:00–17:00x'])('rejects %j', (text) => {
    expect(parseInterval(text)).toBeNull();
  });
});

describe('business minutes: hand-counted cases', () => {
  it.each([
    // Monday 2026-11-16, Athens is UTC+2 in November.
    ['inside one interval', ATHENS, '2026-11-16T08:00:00Z', '2026-11-16T09:30:00Z', 90],
    ['created Saturday night, answered Monday 10:00 local', ATHENS, '2026-11-14T22:00:00Z', '2026-11-16T08:00:00Z', 60],
    ['Friday lunch break is not worked', ATHENS, '2026-11-20T10:30:00Z', '2026-11-20T12:30:00Z', 60],
    ['whole holiday Wednesday 2026-10-28', ATHENS, '2026-10-27T21:00:00Z', '2026-10-28T21:00:00Z', 0],
    ['half day 2026-12-24 (09:00-12:00)', ATHENS, '2026-12-23T22:00:00Z', '2026-12-24T22:00:00Z', 180],
    ['Friday 22:00 night shift runs into Saturday', NIGHT_SHIFT, '2026-11-20T21:00:00Z', '2026-11-21T12:00:00Z', 480],
    ['no shift starts on Saturday or Sunday', NIGHT_SHIFT, '2026-11-21T12:00:00Z', '2026-11-23T12:00:00Z', 0],
    ['Monday 22:00 to Tuesday 06:00', NIGHT_SHIFT, '2026-11-23T20:00:00Z', '2026-11-24T08:00:00Z', 480],
    ['half a minute', ATHENS, '2026-11-16T07:00:30Z', '2026-11-16T07:01:00Z', 0.5],
  ])('%s', (_label, spec, from, to, expected) => {
    expect(minutes(spec, from, to)).toBe(expected);
  });

  it('zero-length interval is 0; a negative one is minus the reverse', () => {
    const calendar = new BusinessCalendar('athens', ATHENS);
    const a = Date.parse('2026-11-16T08:00:00Z'), b = Date.parse('2026-11-17T10:00:00Z');
    expect(calendar.minutesBetween(a, a)).toBe(0);
    // Mon 10:00–17:00 local (420) + Tue 09:00–12:00 local (180).
    expect(calendar.minutesBetween(a, b)).toBe(600);
    expect(calendar.minutesBetween(b, a)).toBe(-600);
    expect(calendar.minutesBetween(NaN, b)).toBeNaN();
  });
});

describe('business minutes equal a minute-by-minute walk', () => {
  // Each range covers a DST change of the zone; the walk's flags are summed for many sub-ranges.
  it.each([
    ['Athens office, DST ends 2026-10-25, holiday 10-28', ATHENS, '2026-10-22T00:00:00Z', 10],
    ['Athens office, DST starts 2026-03-29', ATHENS, '2026-03-26T00:00:00Z', 6],
    ['Athens office, half day 2026-12-24', ATHENS, '2026-12-21T00:00:00Z', 8],
    ['Athens round-the-clock and gap/overlap slots, spring', ATHENS_DST, '2026-03-26T00:00:00Z', 6],
    ['Athens round-the-clock and gap/overlap slots, autumn', ATHENS_DST, '2026-10-22T00:00:00Z', 6],
    ['New York, DST starts 2026-03-08, half-day holiday 03-09', NEW_YORK, '2026-03-05T00:00:00Z', 7],
    ['New York, DST ends 2026-11-01, Thanksgiving', NEW_YORK, '2026-10-29T00:00:00Z', 5],
    ['New York, Thanksgiving and half day', NEW_YORK, '2026-11-24T00:00:00Z', 6],
    ['Sydney, DST ends 2026-04-05, holiday 04-06', SYDNEY, '2026-04-01T00:00:00Z', 7],
    ['Sydney, DST starts 2026-10-04, half day 10-05', SYDNEY, '2026-10-01T00:00:00Z', 7],
    ['UTC night shift', NIGHT_SHIFT, '2026-11-18T00:00:00Z', 8],
  ])('%s', (_label, spec, from, days) => {
    const start = Date.parse(from);
    const total = days * 1440;
    const flags = walkFlags(spec, start, total);
    const prefix = new Float64Array(total + 1);
    for (let k = 0; k < total; k++) prefix[k + 1] = prefix[k] + flags[k];
    const calendar = new BusinessCalendar('test', spec);
    // Deterministic pseudo-random pairs of whole minutes (LCG), plus the whole range.
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % (total + 1);
    };
    const pairs: [number, number][] = [[0, total]];
    for (let k = 0; k < 400; k++) pairs.push([next(), next()]);
    for (const [x, y] of pairs) {
      const expected = prefix[y] - prefix[x]; // negative when y < x, as documented
      expect(calendar.minutesBetween(start + x * 60_000, start + y * 60_000), `${new Date(start + x * 60_000).toISOString()} → ${new Date(start + y * 60_000).toISOString()}`).toBe(expected);
    }
  });

  it('a fall-back night shift is 9 real hours; a spring-forward one is 7', () => {
    const nightly: CalendarSpec = { timezone: 'America/New_York', week: { sat: ['22:00-06:00'] } };
    // Saturday 2026-10-31 22:00 EDT → Sunday 06:00 EST; Saturday 2026-03-07 22:00 EST → Sunday 06:00 EDT.
    expect(minutes(nightly, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toBe(9 * 60);
    expect(walkMinutes(nightly, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toBe(9 * 60);
    expect(minutes(nightly, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toBe(7 * 60);
    expect(walkMinutes(nightly, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toBe(7 * 60);
  });
});

describe('compilation', () => {
  it('compiles each block of time once, only the blocks the queries touch', () => {
    const calendars = new BusinessCalendars({ default: ATHENS, teams: { 'Night Shift': NIGHT_SHIFT } });
    const athens = calendars.forTeam('Billing')!;
    const night = calendars.forTeam('Night Shift')!;
    expect(athens).toBe(calendars.default);
    const from = Date.parse('2026-01-01T00:00:00Z');
    const query = () => {
      for (let k = 0; k < 1000; k++) athens.minutesBetween(from + k * 7_200_000, from + k * 7_200_000 + 86_400_000);
    };
    query();
    const compiled = athens.compilations;
    // 1000 × 2 h + 1 day ≈ 84 days: a handful of 32-day blocks, not one per query.
    expect(compiled).toBeGreaterThanOrEqual(3);
    expect(compiled).toBeLessThanOrEqual(4);
    query();
    expect(athens.compilations).toBe(compiled);
    expect(night.compilations).toBe(0);
    // Two weeks of 2027-W02/W03 (Mon 2027-01-11 … Fri 2027-01-22): 8 days × 480 minutes + 2 Fridays × 420.
    expect(athens.minutesBetween(Date.parse('2027-01-10T12:00:00Z'), Date.parse('2027-01-23T12:00:00Z'))).toBe(8 * 480 + 2 * 420);
    // The compiled intervals are sorted and disjoint.
    const intervals = athens.intervals(from, from + 90 * 86_400_000);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i][0]).toBeGreaterThanOrEqual(intervals[i - 1][1]);
  });

  it('a span of many blocks adds whole-block totals (a year of weekdays in UTC)', () => {
    const weekdays: CalendarSpec = { timezone: 'UTC', week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] } };
    const calendar = new BusinessCalendar('weekdays', weekdays);
    // 2025 has 261 weekdays (365 days = 52 weeks + 1 day, and 2025-01-01 is a Wednesday).
    expect(calendar.minutesBetween(Date.parse('2025-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z'))).toBe(261 * 480);
    // A ticket dated a century later compiles only the blocks at its two ends… plus the totals
    // between, which need every block: so such spans are bounded by the data layer (100 years).
    const far = new BusinessCalendar('weekdays', weekdays);
    far.minutesBetween(Date.parse('2026-01-05T09:00:00Z'), Date.parse('2026-01-05T10:00:00Z'));
    far.minutesBetween(Date.parse('2099-01-05T09:00:00Z'), Date.parse('2099-01-05T10:00:00Z'));
    expect(far.compilations).toBe(2);
  });

  it('a team without its own calendar uses default; none configured gives null', () => {
    const calendars = new BusinessCalendars({ teams: { 'Night Shift': NIGHT_SHIFT } });
    expect(calendars.forTeam('Billing')).toBeNull();
    expect(calendars.forTeam(null)).toBeNull();
    expect(calendars.forTeam('Night Shift')?.zone.name).toBe('UTC');
    expect(new BusinessCalendars(undefined).any).toBe(false);
  });
});
