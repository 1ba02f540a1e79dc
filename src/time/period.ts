import { UsageError } from '../errors.js';
import { parseDay } from './parse-timestamp.js';
import type { Zone } from './zone.js';

/** How rows are bucketed in time. */
export type PeriodUnit = 'all' | 'day' | 'week' | 'month' | 'quarter';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['all', 'day', 'week', 'month', 'quarter'];

const DAY_MS = 86_400_000;

/** Local calendar day (days since 1970-01-01 in the zone) of an instant. */
export function localDay(utcMs: number, zone: Zone): number {
  return Math.floor(zone.utcToLocal(utcMs) / DAY_MS);
}

/** ISO weekday, Monday = 0 … Sunday = 6, of a day number (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** First day of the period that contains `day`. */
export function periodStart(unit: PeriodUnit, day: number): number {
  switch (unit) {
    case 'all': return 0;
    case 'day': return day;
    case 'week': return day - weekday(day);
    case 'month': {
      const d = new Date(day * DAY_MS);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
    }
    case 'quarter': {
      const d = new Date(day * DAY_MS);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1) / DAY_MS;
    }
  }
}

/** First day of the period after the one starting at `start`. */
export function nextPeriodStart(unit: PeriodUnit, start: number): number {
  switch (unit) {
    case 'all': return Infinity;
    case 'day': return start + 1;
    case 'week': return start + 7;
    case 'month':
    case 'quarter': {
      const d = new Date(start * DAY_MS);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (unit === 'month' ? 1 : 3), 1) / DAY_MS;
    }
  }
}

/** `2026-11-22` for a day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO-8601 week label (`2026-W47`) of the week containing `day`; the year is the ISO week-year. */
export function isoWeekLabel(day: number): string {
  const thursday = day - weekday(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The label of the period starting at `start`: `2026-11-22`, `2026-W47`, `2026-11`, `2026-Q4`; null for `all`. */
export function periodLabel(unit: PeriodUnit, start: number): string | null {
  switch (unit) {
    case 'all': return null;
    case 'day': return formatDay(start);
    case 'week': return isoWeekLabel(start);
    case 'month': return formatDay(start).slice(0, 7);
    case 'quarter': {
      const d = new Date(start * DAY_MS);
      return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    }
  }
}

/** An inclusive range of local days; null bounds are open. */
export interface DayWindow {
  from: number | null;
  to: number | null;
}

export interface WindowSpec {
  from?: string;
  to?: string;
  last?: string;
  /** `YYYY-MM-DD`, the day the relative window is computed from (default: today in the zone). */
  asOf?: string;
}

/**
 * Resolve `--from/--to` or `--last day|week|month|quarter|Nd` (relative to `asOfDay`) to a day
 * window. `--last` always means the previous *complete* period: on any day of 2026-W48,
 * `--last week` is Monday–Sunday of 2026-W47.
 */
export function resolveWindow(spec: WindowSpec, todayDay: number): DayWindow {
  if (spec.last !== undefined && (spec.from !== undefined || spec.to !== undefined)) {
    throw new UsageError('--last cannot be combined with --from/--to', { hint: 'use either a relative window (--last week) or explicit dates (--from 2026-11-16 --to 2026-11-22)' });
  }
  // --as-of only moves --last: alone it would be ignored, and the window not the one meant.
  if (spec.asOf !== undefined && spec.last === undefined) {
    throw new UsageError(`--as-of ${spec.asOf} needs --last`, { hint: 'it is the day --last counts back from: --last week --as-of 2026-11-23; for fixed dates use --from and --to' });
  }
  const asOf = spec.asOf === undefined ? todayDay : parseDayOption('--as-of', spec.asOf);
  if (spec.last !== undefined) {
    const last = spec.last.trim().toLowerCase();
    const nDays = /^(\d+)d$/.exec(last);
    if (nDays) {
      const n = Number(nDays[1]);
      if (n < 1) throw new UsageError(`--last ${spec.last}: the number of days must be at least 1`);
      // Day 0 is 1970-01-01; no date before it is read (they are OUT_OF_RANGE).
      if (n > asOf) throw new UsageError(`--last ${spec.last}: reaches back before 1970-01-01, where no date is read`, { hint: `use at most ${asOf}d, or --from and --to` });
      return { from: asOf - n, to: asOf - 1 };
    }
    if (last === 'day' || last === 'week' || last === 'month' || last === 'quarter') {
      const current = periodStart(last, asOf);
      const previous = periodStart(last, current - 1);
      return { from: previous, to: current - 1 };
    }
    throw new UsageError(`--last ${spec.last}: expected day, week, month, quarter or a number of days like 7d`);
  }
  const from = spec.from === undefined ? null : parseDayOption('--from', spec.from);
  const to = spec.to === undefined ? null : parseDayOption('--to', spec.to);
  if (from !== null && to !== null && from > to) {
    throw new UsageError(`--from ${spec.from} is after --to ${spec.to}`, { hint: 'both dates are inclusive; swap them' });
  }
  return { from, to };
}

function parseDayOption(flag: string, text: string): number {
  const day = parseDay(text);
  if (Number.isNaN(day)) throw new UsageError(`${flag} ${text}: expected a date like 2026-11-16`, { hint: `${flag} takes a calendar day as YYYY-MM-DD (the day is whole, in the report's --tz)` });
  return day;
}

/**
 * The window just before a bounded window, of the same length in days (for `--compare previous`
 * and regression gates). A window from `--last month` compares with the previous calendar month.
 * Returns null when the window is unbounded on either side.
 */
export function previousWindow(window: DayWindow, last?: string): DayWindow | null {
  if (window.from === null || window.to === null) return null;
  const unit = last?.trim().toLowerCase();
  if (unit === 'month' || unit === 'quarter') {
    const to = window.from - 1;
    return { from: periodStart(unit, to), to };
  }
  const length = window.to - window.from + 1;
  return { from: window.from - length, to: window.from - 1 };
}
