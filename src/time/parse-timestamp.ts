import type { Zone } from './zone.js';

// ISO-8601 date-times as exported by helpdesks: `2026-11-16T09:30:00Z`, `2026-11-16 09:30`,
// `2026-11-16T09:30:00.123+02:00`, `2026-11-16T09:30:00+0200`, or a bare date `2026-11-16`.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

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
  const m = ISO.exec(text);
  if (m === null) return NaN;
  const year = +m[1], month = +m[2], day = +m[3];
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = m[7] === undefined ? 0 : Math.round(Number('0.' + m[7]) * 1000);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const tz = m[8];
  if (tz === undefined) return zone.localToUtc(wall);
  if (tz === 'Z' || tz === 'z' || tz === 'UTC' || tz === 'GMT') return wall;
  const sign = tz[0] === '-' ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const offH = +digits.slice(0, 2);
  const offM = digits.length > 2 ? +digits.slice(2, 4) : 0;
  if (offH > 18 || offM > 59) return NaN;
  return wall - sign * (offH * 60 + offM) * 60_000;
}

/** Parse a calendar date `YYYY-MM-DD` to a day number (days since 1970-01-01); NaN if invalid. */
export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m === null) return NaN;
  const year = +m[1], month = +m[2], day = +m[3];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}
