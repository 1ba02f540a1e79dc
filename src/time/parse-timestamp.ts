import type { Zone } from './zone.js';

// ISO-8601 date-times as exported by helpdesks: `2026-11-16T09:30:00Z`, `2026-11-16 09:30`,
// `2026-11-16T09:30:00.123+02:00`, `2026-11-16T09:30:00+0200`, or a bare date `2026-11-16`.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1];
}

/**
 * Parse an ISO-8601 timestamp to epoch ms. A timestamp without an offset is wall-clock time in
 * `zone`. Returns NaN when the text is not a valid date-time (bad shape or impossible fields).
 */
export function parseTimestamp(text: string, zone: Zone): number {
  const fast = parseIsoFast(text, zone);
  if (fast === fast) return fast;
  const m = ISO.exec(text);
  if (m === null) return NaN;
  const year = +m[1], month = +m[2], day = +m[3];
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = m[7] === undefined ? 0 : fractionMs(+m[7], m[7].length);
  // Date.UTC reads a year below 100 as 1900 + year (0001-01-01, a zero date, was 1901): set it as written.
  const wall = year >= 100 ? Date.UTC(year, month - 1, day, hour, minute, second) : new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000;
  const tz = m[8];
  if (tz === undefined) return plusFraction(zone.localToUtc(wall), ms, 1000);
  if (tz === 'Z' || tz === 'z' || tz === 'UTC' || tz === 'GMT') return plusFraction(wall, ms, 1000);
  const sign = tz[0] === '-' ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const offH = +digits.slice(0, 2);
  const offM = digits.length > 2 ? +digits.slice(2, 4) : 0;
  if (offH > 18 || offM > 59) return NaN;
  return plusFraction(wall - sign * (offH * 60 + offM) * 60_000, ms, 1000);
}

/** Parse a calendar date `YYYY-MM-DD` to a day number (days since 1970-01-01); NaN if invalid. */
export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m === null) return NaN;
  const year = +m[1], month = +m[2], day = +m[3];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

const D0 = 48;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The exact shapes nearly every export writes — `YYYY-MM-DDTHH:MM:SS` (or a space for `T`), with
 * a fraction of a second (`.123`, up to 9 digits) or not, and `Z`, `±HH:MM` or no offset;
 * `YYYY-MM-DDTHH:MM`; or a bare date `YYYY-MM-DD` (midnight, wall time) — parsed by arithmetic, without the regular expression (it was the largest
 * single cost of reading a million tickets; see bench/README.md). NaN means "not this shape or not
 * valid": the general parser then decides, so results are identical. The text's characters go
 * through `parseIsoBytes`, so text and bytes (the typed lane) are read by the same code.
 */
function parseIsoFast(text: string, zone: Zone): number {
  const n = text.length;
  if ((n < 16 && n !== 10) || n > ISO_FAST_MAX) return NaN;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return NaN;
    isoText[i] = c;
  }
  return parseIsoBytes(isoText, 0, n, zone);
}

/** The longest fast shape: `YYYY-MM-DDTHH:MM:SS.fffffffff ±HH:MM` (one space before the zone). */
const ISO_FAST_MAX = 36;
/** A text's characters as bytes, for `parseIsoFast` (it reads only the first `text.length`). */
const isoText = new Uint8Array(ISO_FAST_MAX);

/** Two ASCII digits at i of a byte buffer as a number, or NaN. */
export function twoBytes(buf: Uint8Array, i: number): number {
  const a = buf[i] - D0;
  const b = buf[i + 1] - D0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * `parseIsoFast` over the bytes [start, end) of a buffer, for the typed lane (no string made):
 * the same shapes, the same arithmetic (isoInstant), NaN for anything else.
 */
export function parseIsoBytes(buf: Uint8Array, start: number, end: number, zone: Zone): number {
  const n = end - start;
  const b = start;
  // A bare date: midnight, wall time in the zone (a tenth of a second of a million tickets' dates
  // went through the regular expression, bench/README.md).
  if (n === 10) {
    if (buf[b + 4] !== 45 || buf[b + 7] !== 45) return NaN;
    return isoInstant(twoBytes(buf, b) * 100 + twoBytes(buf, b + 2), twoBytes(buf, b + 5), twoBytes(buf, b + 8), 0, 0, 0, 0, 0, 0, 0, zone);
  }
  if (n < 16 || n > ISO_FAST_MAX) return NaN;
  if (buf[b + 4] !== 45 || buf[b + 7] !== 45 || buf[b + 13] !== 58) return NaN;
  const sep = buf[b + 10];
  if (sep !== 84 && sep !== 32) return NaN;
  const year = twoBytes(buf, b) * 100 + twoBytes(buf, b + 2);
  const month = twoBytes(buf, b + 5), day = twoBytes(buf, b + 8), hour = twoBytes(buf, b + 11), minute = twoBytes(buf, b + 14);
  let i = b + 16, second = 0, fraction = 0;
  if (i < end && buf[i] === 58) {
    second = twoBytes(buf, i + 1);
    i += 3;
    // A fraction after `.` or `,`, of 1–9 digits.
    if (i < end && (buf[i] === 46 || buf[i] === 44)) {
      let k = i + 1;
      for (; k < end && k <= i + 9; k++) {
        const d = buf[k] - D0;
        if (d < 0 || d > 9) break;
        fraction = fraction * 10 + d;
      }
      if (k === i + 1) return NaN;
      fraction = fractionMs(fraction, k - i - 1);
      i = k;
    }
  }
  // The zone, after any spaces: none (wall time in `zone`), `Z`/`z`, `UTC`/`GMT`, or an offset
  // `±HH`, `±HHMM` or `±HH:MM` — what the general parser's expression reads there. Exports write
  // all of these (`+0000` from strftime's %z, ` UTC` from Ruby, `+00` from PostgreSQL); each had
  // gone through the expression, from a string made for the cell: 1M tickets 2.4 → 4 s.
  while (i < end && buf[i] === 32) i++;
  if (i > end) return NaN;
  if (i === end) return isoInstant(year, month, day, hour, minute, second, fraction, 0, 0, 0, zone);
  const z = buf[i];
  const left = end - i;
  if (left === 1) return z === 90 || z === 122 ? isoInstant(year, month, day, hour, minute, second, fraction, 90, 0, 0, zone) : NaN;
  if (left === 3 && ((z === 85 && buf[i + 1] === 84 && buf[i + 2] === 67) || (z === 71 && buf[i + 1] === 77 && buf[i + 2] === 84))) {
    return isoInstant(year, month, day, hour, minute, second, fraction, 90, 0, 0, zone);
  }
  if (z !== 43 && z !== 45) return NaN;
  const offH = twoBytes(buf, i + 1);
  if (left === 3) return isoInstant(year, month, day, hour, minute, second, fraction, z, offH, 0, zone);
  if (left === 5) return isoInstant(year, month, day, hour, minute, second, fraction, z, offH, twoBytes(buf, i + 3), zone);
  if (left === 6 && buf[i + 3] === 58) return isoInstant(year, month, day, hour, minute, second, fraction, z, offH, twoBytes(buf, i + 4), zone);
  return NaN;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * Milliseconds of a fraction of a second given as `digits` decimal digits (1–9) with value
 * `value`: the double nearest to it (one correctly rounded operation on exact integers), so
 * `.5` is 500, `.123` 123 and `.123456` 123.456. Sub-millisecond digits are kept, not rounded
 * away: a duration between two timestamps written to the microsecond is that many microseconds
 * (README, "Timestamps").
 */
export function fractionMs(value: number, digits: number): number {
  return digits <= 3 ? value * POW10[3 - digits] : value / POW10[digits - 3];
}

/**
 * `whole` (an instant on a whole `unit` of ms: a second, or a millisecond) plus `fraction` ms
 * (below `unit`), never reaching the next whole unit. Why: rounding the fraction (or the sum) up
 * moved `23:59:59.9999` to the next day, month or window (README, "Timestamps"); the sum is the
 * nearest double to the exact instant except where that would be the next unit, where it is the
 * largest double below it.
 */
export function plusFraction(whole: number, fraction: number, unit: number): number {
  if (fraction === 0) return whole;
  const t = whole + fraction;
  const next = whole + unit;
  return t < next ? t : previousDouble(next);
}

const bits = new Float64Array(1);
const bitsInt = new BigInt64Array(bits.buffer);

/** The largest double below finite `x`. */
function previousDouble(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  bits[0] = x;
  bitsInt[0] += x > 0 ? -1n : 1n;
  return bits[0];
}

/**
 * The instant of wall-clock fields in `zone`, checked as `isoInstant` checks them (NaN when a
 * field is impossible, or the year is below 100), for other fast date shapes (date-format.ts).
 */
export function wallClockInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: Zone): number {
  return isoInstant(year, month, day, hour, minute, second, 0, 0, 0, 0, zone);
}

/**
 * Per month of the years TABLE_FROM to TABLE_FROM + 299, from its index `(year − TABLE_FROM) × 12 +
 * month − 1`: the day number of its first day (daysFromCivil) and its length (daysInMonth). Why:
 * a million tickets have three million timestamps, and the divisions and remainders of the two
 * functions were a fifth of their parsing (bench/README.md, item 29); two loads replace them.
 */
const TABLE_FROM = 1900;
const MONTH_START = new Int32Array(300 * 12);
const MONTH_LENGTH = new Uint8Array(300 * 12);
// Each month starts where the one before it ended (one daysFromCivil, not 3,600: this runs once
// per process, before V8 has compiled anything, ~1 ms less).
for (let m = 0, start = daysFromCivil(TABLE_FROM, 1, 1); m < MONTH_START.length; m++) {
  const length = daysInMonth(TABLE_FROM + Math.floor(m / 12), (m % 12) + 1);
  MONTH_START[m] = start;
  MONTH_LENGTH[m] = length;
  start += length;
}

/**
 * The instant of checked ISO fields (NaN fields fail every comparison, so a non-digit anywhere
 * gives NaN); `ms` is the fraction's milliseconds (0 ≤ ms < 1000, sub-millisecond digits kept). `z`: 0 no offset (wall time in `zone`), 90 (`Z`), 43/45 (`+`/`-` with offH:offM).
 */
function isoInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, z: number, offH: number, offM: number, zone: Zone): number {
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  // The day from the month table (the same numbers daysFromCivil and daysInMonth give), else by arithmetic.
  const m = (year - TABLE_FROM) * 12 + month - 1;
  let days: number;
  if (m >= 0 && m < MONTH_START.length) {
    if (day > MONTH_LENGTH[m]) return NaN;
    days = MONTH_START[m] + day - 1;
  } else {
    if (day > daysInMonth(year, month)) return NaN;
    days = daysFromCivil(year, month, day);
  }
  // The whole second's instant first (zone offsets change only on whole seconds), then the fraction.
  const wall = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
  if (z === 0) return plusFraction(zone.localToUtc(wall), ms, 1000);
  if (z === 90) return plusFraction(wall, ms, 1000);
  if ((z !== 43 && z !== 45) || !(offH <= 18 && offM <= 59)) return NaN;
  return plusFraction(wall - (z === 45 ? -1 : 1) * (offH * 60 + offM) * 60_000, ms, 1000);
}
