import { describe, expect, it } from 'vitest';
import { parseIsoBytes, parseTimestamp } from '../../../src/time/parse-timestamp.js';
import { getZone } from '../../../src/time/zone.js';

// The arithmetic fast path for `YYYY-MM-DDTHH:MM:SS(Z|±HH:MM)?` must agree with the definition:
// Date.UTC of the fields (checked for validity here, independently), minus the offset, or the
// zone's local-to-UTC for a time without one. Random fields include impossible ones.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number): number => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
/** No offset, `Z`, or `±HH:MM` with hours to 19 and minutes to 60 (some of them invalid). */
const randomOffset = (rand: () => number, int: (lo: number, hi: number) => number): string => {
  const kind = int(0, 2);
  return kind === 0 ? '' : kind === 1 ? 'Z' : `${rand() < 0.5 ? '+' : '-'}${pad(int(0, 19))}:${pad(int(0, 60))}`;
};
/** The instant of valid wall-clock fields (`Date.UTC`) with the offset given, or in the zone without one. */
const instantOf = (wall: number, offset: string, zone: string): number => {
  if (offset === '') return getZone(zone).localToUtc(wall);
  if (offset === 'Z') return wall;
  const oh = +offset.slice(1, 3), om = +offset.slice(4, 6);
  return oh > 18 || om > 59 ? NaN : wall - (offset[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
};

describe('ISO timestamps parsed by arithmetic', () => {
  const rand = random(20261122);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const cases: [string, string, number][] = [];
  for (let k = 0; k < 3000; k++) {
    const y = rand() < 0.05 ? int(1600, 2500) : int(1999, 2031);
    const mo = int(0, 13), d = int(0, 32), h = int(0, 25), mi = int(0, 61), s = int(0, 61);
    const sep = rand() < 0.8 ? 'T' : ' ';
    const offset = randomOffset(rand, int);
    const zone = rand() < 0.5 ? 'UTC' : 'Europe/Athens';
    const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}${sep}${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
    let expected = NaN;
    const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays(y, mo) && h <= 23 && mi <= 59 && s <= 59;
    if (valid) expected = instantOf(Date.UTC(y, mo - 1, d, h, mi, s), offset, zone);
    cases.push([text, zone, expected]);
  }
  it('agrees with Date.UTC and the zone on 3,000 random values', () => {
    const wrong = cases.filter(([text, zone, expected]) => !Object.is(parseTimestamp(text, getZone(zone)), expected));
    expect(wrong).toEqual([]);
  });
  it.each([
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2100-02-29T00:00:00Z', NaN],
    ['2000-02-29 12:00:00+05:30', Date.UTC(2000, 1, 29, 6, 30)],
    ['2026-11-16T09:30:00-00:00', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-1a-16T09:30:00Z', NaN],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text, getZone('UTC'))).toBe(expected);
  });
});

// A bare date `YYYY-MM-DD` is midnight, wall time in the zone: Date.UTC of the day, through the
// zone, for the string and the byte parser alike (years below 100 are the general parser's).
describe('bare ISO dates parsed by arithmetic', () => {
  const rand = random(20261124);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const cases: [string, string, number][] = [];
  for (let k = 0; k < 2000; k++) {
    const y = rand() < 0.05 ? int(1600, 2500) : int(1999, 2031), mo = int(0, 13), d = int(0, 32);
    const zone = rand() < 0.5 ? 'UTC' : 'America/Sao_Paulo';
    const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays(y, mo);
    cases.push([`${pad(y, 4)}-${pad(mo)}-${pad(d)}`, zone, valid ? getZone(zone).localToUtc(Date.UTC(y, mo - 1, d)) : NaN]);
  }
  it('agree with Date.UTC and the zone on 2,000 random days, as text and as bytes', () => {
    const wrong = cases.filter(([text, zone, expected]) => {
      const buf = Buffer.from(`x,${text},y`, 'latin1');
      return !Object.is(parseTimestamp(text, getZone(zone)), expected) || !Object.is(parseIsoBytes(buf, 2, 2 + text.length, getZone(zone)), expected);
    });
    expect(wrong).toEqual([]);
  });
  it.each([['2024-02-29', Date.UTC(2024, 1, 29)], ['2023-02-29', NaN], ['2026-1-16', NaN], ['2026/11/16', NaN], ['0099-01-01', -59042995200000], ['0001-01-01T00:00:00Z', -62135596800000]])('%s', (text, expected) => {
    // Years below 100 as written (Date.UTC read 0099 as 1999, a date that passed as real): the
    // instants worked out as days from 1970-01-01 to 0099-01-01 (−683,368) and 0001-01-01 (−719,162) × 86,400,000.
    expect(parseTimestamp(text, getZone('UTC'))).toBe(expected);
  });
});

/**
 * A fraction of a second's digits as milliseconds, worked out here from the digits as a decimal
 * string (`"1234567"` → Number("123.4567")): the double nearest to them.
 */
const msOfDigits = (digits: string): number => (digits === '' ? 0 : Number(`${digits.slice(0, 3).padEnd(3, '0')}.${digits.slice(3) || '0'}`));

/** `whole` plus `ms`, or the largest double below the next whole second when the sum reaches it. */
const plusMs = (whole: number, ms: number): number => {
  if (Number.isNaN(whole) || ms === 0) return whole;
  const t = whole + ms;
  if (t < whole + 1000) return t;
  const b = new Float64Array([whole + 1000]);
  new BigInt64Array(b.buffer)[0] -= 1n;
  return b[0];
};

// Fractions of a second (`.5`, `.123`, up to 9 digits) and times without seconds, for the string
// and the byte parser alike. The definition (README, "Timestamps"): the whole second's instant
// plus the fraction in milliseconds, sub-millisecond digits kept, never reaching the next second.
describe('ISO timestamps with a fraction of a second, or without seconds', () => {
  const rand = random(20261123);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const cases: [string, string, number][] = [];
  for (let k = 0; k < 3000; k++) {
    const y = int(1999, 2031), mo = int(0, 13), d = int(0, 32), h = int(0, 24), mi = int(0, 60), s = int(0, 60);
    const shape = int(0, 9);
    // 0: no seconds; 1–8: a fraction of 1–8 digits (9 also below); 9: 10 digits (not ISO here).
    const digits = shape === 0 ? 0 : shape === 9 ? (rand() < 0.5 ? 9 : 10) : shape;
    let fraction = '';
    for (let j = 0; j < digits; j++) fraction += String(rand() < 0.3 ? 9 : int(0, 9));
    const offset = randomOffset(rand, int);
    const zone = rand() < 0.5 ? 'UTC' : 'America/New_York';
    const text = shape === 0
      ? `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}${offset}`
      : `${pad(y, 4)}-${pad(mo)}-${pad(d)}${rand() < 0.8 ? 'T' : ' '}${pad(h)}:${pad(mi)}:${pad(s)}.${fraction}${offset}`;
    const seconds = shape === 0 ? 0 : s;
    const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays(y, mo) && h <= 23 && mi <= 59 && seconds <= 59 && digits <= 9;
    let expected = NaN;
    if (valid) {
      expected = plusMs(instantOf(Date.UTC(y, mo - 1, d, h, mi, seconds), offset, zone), msOfDigits(fraction));
    }
    cases.push([text, zone, expected]);
  }
  const bytes = (text: string): number => {
    // Inside a larger buffer, as the lanes see a cell.
    const buf = Buffer.from(`x,${text},y`, 'latin1');
    return parseIsoBytes(buf, 2, 2 + text.length, getZone('UTC'));
  };

  it('the string parser agrees with Date.UTC and the zone on 3,000 random values', () => {
    const wrong = cases.filter(([text, zone, expected]) => !Object.is(parseTimestamp(text, getZone(zone)), expected));
    expect(wrong).toEqual([]);
  });

  it('the byte parser gives the same instant, or NaN for a shape it leaves to the string parser', () => {
    const wrong = cases.filter(([text]) => {
      const fast = bytes(text);
      return !(Object.is(fast, parseTimestamp(text, getZone('UTC'))) || (Number.isNaN(fast) && !/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)?)?$/.test(text)));
    });
    expect(wrong).toEqual([]);
  });

  it.each([
    ['2026-11-16T09:30:00.5Z', Date.UTC(2026, 10, 16, 9, 30, 0, 500)],
    ['2026-11-16T09:30:00.000Z', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16T09:30:59.9996Z', Date.UTC(2026, 10, 16, 9, 30, 59) + 999.6],
    ['2026-11-16 09:30:00.123456789+02:00', Date.UTC(2026, 10, 16, 7, 30, 0) + 123.456789],
    ['2026-11-16T09:30:00.000001Z', Date.UTC(2026, 10, 16, 9, 30) + 0.001],
    ['2026-11-16T09:30', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16T09:30:00.Z', NaN],
    ['2026-11-16T09:30:00.1234567890Z', NaN],
  ])('%s, as text and as bytes', (text, expected) => {
    expect(parseTimestamp(text, getZone('UTC'))).toBe(expected);
    expect(bytes(text)).toBe(expected);
  });
});

// The zone forms exports write besides `Z` and `±HH:MM`: `z`, `UTC`, `GMT`, `±HHMM` (strftime's
// %z), `±HH` (PostgreSQL), each with or without spaces before it, after a time with or without
// seconds, a fraction after `.` or `,`. The byte parser must read every valid one itself (not
// leave it to the expression: 1M tickets with `+0000` took 4 s instead of 2.4), giving the
// instant worked out here from Date.UTC and the offset's sign, hours and minutes.
describe('ISO timestamps with the other zone forms', () => {
  const rand = random(20261125);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const cases: { text: string; zone: string; expected: number }[] = [];
  for (let k = 0; k < 3000; k++) {
    const y = int(1999, 2031), mo = int(1, 13), d = int(1, 29), h = int(0, 24), mi = int(0, 59), s = int(0, 59);
    const withSeconds = rand() < 0.8;
    const digits = withSeconds && rand() < 0.3 ? int(1, 9) : 0;
    let fraction = '';
    for (let j = 0; j < digits; j++) fraction += String(int(0, 9));
    const sign = rand() < 0.5 ? '+' : '-';
    const oh = int(0, 19), om = int(0, 60);
    // [suffix, offset in minutes east of UTC (NaN: invalid), wall time in the zone]
    const forms: [string, number, boolean][] = [
      ['z', 0, false], ['UTC', 0, false], ['GMT', 0, false], ['Z', 0, false],
      [`${sign}${pad(oh)}`, oh > 18 ? NaN : (sign === '-' ? -1 : 1) * oh * 60, false],
      [`${sign}${pad(oh)}${pad(om)}`, oh > 18 || om > 59 ? NaN : (sign === '-' ? -1 : 1) * (oh * 60 + om), false],
      [`${sign}${pad(oh)}:${pad(om)}`, oh > 18 || om > 59 ? NaN : (sign === '-' ? -1 : 1) * (oh * 60 + om), false],
      ['', 0, true],
    ];
    const [suffix, offset, local] = forms[int(0, forms.length - 1)];
    const spaces = ' '.repeat(rand() < 0.5 ? 0 : int(1, 2));
    const time = withSeconds ? `${pad(h)}:${pad(mi)}:${pad(s)}${digits > 0 ? (rand() < 0.5 ? '.' : ',') + fraction : ''}` : `${pad(h)}:${pad(mi)}`;
    const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}${rand() < 0.5 ? 'T' : ' '}${time}${spaces}${suffix}`;
    const zone = rand() < 0.5 ? 'UTC' : 'Asia/Kolkata';
    const valid = mo <= 12 && d <= monthDays(y, mo) && h <= 23 && !Number.isNaN(offset);
    const wall = Date.UTC(y, mo - 1, d, h, mi, withSeconds ? s : 0);
    cases.push({ text, zone, expected: !valid ? NaN : plusMs(local ? getZone(zone).localToUtc(wall) : wall - offset * 60_000, msOfDigits(fraction)) });
  }
  const bytes = (text: string, zone: string): number => parseIsoBytes(Buffer.from(`x,${text},y`, 'latin1'), 2, 2 + text.length, getZone(zone));

  it('the byte and string parsers read 3,000 random values to the instant worked out here', () => {
    // Texts longer than 36 characters (a 9-digit fraction, two spaces and `±HH:MM`) are the
    // expression's: the byte parser gives NaN for them.
    expect(cases.filter((c) => !Object.is(bytes(c.text, c.zone), c.text.length > 36 ? NaN : c.expected))).toEqual([]);
    expect(cases.filter((c) => !Object.is(parseTimestamp(c.text, getZone(c.zone)), c.expected))).toEqual([]);
    // Most are valid (the check above would pass for a parser that gave NaN for all of them otherwise).
    expect(cases.filter((c) => !Number.isNaN(c.expected)).length).toBeGreaterThan(2000);
  });

  it.each([
    ['2026-11-16T09:30:00+0200', Date.UTC(2026, 10, 16, 7, 30)],
    ['2026-11-16 09:30:00+00', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16 09:30:00 UTC', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16T09:30-0530', Date.UTC(2026, 10, 16, 15, 0)],
    ['2026-11-16T09:30:00,25Z', Date.UTC(2026, 10, 16, 9, 30, 0, 250)],
    ['2026-11-16T09:30:00+1900', NaN],
    ['2026-11-16T09:30:00+02:3', NaN],
    ['2026-11-16T09:30:00 utc', NaN],
    ['2026-11-16T09:30:0Z', NaN],
    ['2026-11-16T09:30:00.Z', NaN],
    // Only a sign starts an offset (a quote doubled after the zone is a bad cell, not `Z`).
    ['2026-11-16T09:30:00Z""', NaN],
    ['2026-11-16T09:30:00Z12', NaN],
    ['2026-11-16T09:30:00Z1234', NaN],
    ['2026-11-16T09:30:00Z12:34', NaN],
    ['2026-11-16T09:30:00U1234', NaN],
  ])('%s, as bytes and as text', (text, expected) => {
    expect(bytes(text, 'UTC')).toBe(expected);
    expect(parseTimestamp(text, getZone('UTC'))).toBe(expected);
  });
});

// A fraction that rounds to a whole second (seven or more nines) stays in its second, as text and
// as bytes: 22:59:59.999999999Z is before Berlin's midnight of 2026-03-29 (23:00Z), not on it.
describe('a fraction of a second never reaches the next second', () => {
  const midnight = Date.UTC(2026, 2, 28, 23);
  it.each(['2026-03-28T22:59:59.999999999Z', '2026-03-28T22:59:59.9999999Z', '2026-03-28 23:59:59.99999999+01:00', '2026-03-28T23:59:59.999999999'])('%s', (text) => {
    const zone = getZone('Europe/Berlin');
    for (const t of [parseTimestamp(text, zone), parseIsoBytes(Buffer.from(text, 'latin1'), 0, text.length, zone)]) {
      expect(t).toBeLessThan(midnight);
      expect(midnight - t).toBeLessThan(0.001);
    }
  });
});

// Days of the years 1900–2199 come from a month table, others by arithmetic: every day, and every
// impossible day of every month, across both edges, as `Date.UTC` and the month lengths above say.
describe('every calendar day around the month table', () => {
  it('1897–2203: each day 1–32 of each month, as bytes and as text', () => {
    const zone = getZone('UTC');
    let checked = 0, invalid = 0;
    for (let y = 1897; y <= 2203; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 32; d++) {
          const text = `${y}-${pad(m)}-${pad(d)}T13:45:07Z`;
          const expected = d <= monthDays(y, m) ? Date.UTC(y, m - 1, d, 13, 45, 7) : NaN;
          const got = parseIsoBytes(Buffer.from(text, 'latin1'), 0, text.length, zone);
          if (!Object.is(got, expected) || !Object.is(parseTimestamp(text, zone), expected)) expect({ text, got }).toEqual({ text, got: expected });
          checked++;
          if (Number.isNaN(expected)) invalid++;
        }
      }
    }
    expect(checked).toBe(307 * 12 * 32);
    // 12 × 32 − 365 or 366 impossible days a year.
    expect(invalid).toBe(307 * 19 - [...Array(307).keys()].filter((k) => leap(1897 + k)).length);
  });
});
