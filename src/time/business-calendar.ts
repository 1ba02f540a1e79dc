import { parseDay } from './parse-timestamp.js';
import { weekday } from './period.js';
import { getZone, type Zone } from './zone.js';

/**
 * Business-hours calendars (DESIGN §6, §10). A calendar is a time zone, a weekly schedule of
 * local working intervals and holidays. It is compiled (once per 32-day block of time the data
 * touches) into sorted working intervals in UTC with prefix sums, so the business minutes between
 * two instants are binary searches — exact across DST changes, with no minute-by-minute loop.
 *
 * Semantics (also in the README):
 * - An interval belongs to the local day it is listed on; one that ends at or before it starts
 *   runs past midnight (`22:00-06:00` on Monday is Monday 22:00 to Tuesday 06:00). `24:00` is
 *   allowed as an end.
 * - A holiday replaces the schedule of that local date: a whole-day holiday has no intervals, a
 *   half day has its own `hours`. An overnight shift that starts the day before a holiday still
 *   runs to its end (it belongs to the day it starts).
 * - A minute is working time when the calendar's local clock shows a time inside an interval. On
 *   a spring-forward day the skipped wall-clock hour does not exist, so it is not worked; on a
 *   fall-back day a repeated hour inside working hours is worked twice (a 22:00–06:00 night shift
 *   then lasts 9 real hours).
 */

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export interface HolidaySpec {
  date: string;
  /** Working intervals of a half day; absent or empty = the whole day off. */
  hours?: string[];
}

export interface CalendarSpec {
  timezone: string;
  /** Local working intervals per weekday (`"09:00-17:00"`); a missing day has none. */
  week: Partial<Record<WeekdayKey, string[]>>;
  holidays?: (string | HolidaySpec)[];
}

export interface BusinessHoursSpec {
  default?: CalendarSpec;
  teams?: Record<string, CalendarSpec>;
}

/** A local working interval in minutes after the local midnight of its day; `end` may pass 1440. */
export interface LocalInterval {
  start: number;
  end: number;
}

/**
 * Parse `"HH:MM-HH:MM"` (hours 0–23, end may be `24:00`). An end at or before the start means the
 * next day. Returns null when the text is not such an interval.
 */
export function parseInterval(text: string): LocalInterval | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (m === null) return null;
  const sh = Number(m[1]), sm = Number(m[2]), eh = Number(m[3]), em = Number(m[4]);
  if (sh > 23 || sm > 59 || em > 59 || eh > 24 || (eh === 24 && em !== 0)) return null;
  const start = sh * 60 + sm;
  let end = eh * 60 + em;
  if (end <= start) end += 1440;
  return { start, end };
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const QUARTER_HOUR = 15 * MINUTE;
/** UTC offsets lie within −12 h … +14 h, so the instants of one local day lie in this margin. */
const EARLIEST_OFFSET = 14 * 3_600_000;
const LATEST_OFFSET = 12 * 3_600_000;

function parseIntervals(list: readonly string[] | undefined): LocalInterval[] {
  const out: LocalInterval[] = [];
  for (const text of list ?? []) {
    const interval = parseInterval(text);
    // The config validator reports bad intervals with their dotted path before we get here.
    if (interval === null) throw new RangeError(`not a working interval: ${JSON.stringify(text)}`);
    out.push(interval);
  }
  return out;
}

/** Working intervals of one block of time, clipped to it, with prefix sums. */
interface Block {
  starts: Float64Array;
  ends: Float64Array;
  /** Working ms in the block before interval i. */
  before: Float64Array;
  total: number;
}

/**
 * Blocks of 32 days: a calendar is compiled block by block, each once, for the blocks the data
 * touches — so one ticket dated in the wrong century costs a few blocks, not every year between.
 */
const BLOCK = 32 * DAY;

/**
 * One calendar. Its working intervals are compiled once per 32-day block of UTC time, on first
 * use, into sorted UTC intervals with prefix sums; a query is a binary search in the blocks of
 * its two ends plus the totals of any whole blocks between.
 */
export class BusinessCalendar {
  readonly zone: Zone;
  private readonly week: LocalInterval[][];
  private readonly holidays = new Map<number, LocalInterval[]>();
  private readonly blocks = new Map<number, Block>();
  /** How many blocks were compiled (each at most once; for tests of "compiled once"). */
  compilations = 0;

  constructor(readonly name: string, spec: CalendarSpec) {
    this.zone = getZone(spec.timezone);
    this.week = WEEKDAY_KEYS.map((key) => parseIntervals(spec.week[key]));
    for (const holiday of spec.holidays ?? []) {
      const date = typeof holiday === 'string' ? holiday : holiday.date;
      const day = parseDay(date);
      if (Number.isNaN(day)) throw new RangeError(`not a holiday date: ${JSON.stringify(date)}`);
      this.holidays.set(day, typeof holiday === 'string' ? [] : parseIntervals(holiday.hours));
    }
  }

  /** Compile every block that holds an instant in [fromUtc, toUtc] (epoch ms) now rather than on first use. */
  prepare(fromUtc: number, toUtc: number): void {
    if (!Number.isFinite(fromUtc) || !Number.isFinite(toUtc)) return;
    for (let k = Math.floor(fromUtc / BLOCK); k <= Math.floor(toUtc / BLOCK); k++) this.block(k);
  }

  /**
   * Working minutes between two instants (epoch ms): the measure of working time in [a, b).
   * Signed: b before a gives minus the working minutes in [b, a); NaN when either is not finite.
   */
  minutesBetween(a: number, b: number): number {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return NaN;
    if (a === b) return 0;
    if (b < a) return 0 - this.minutesBetween(b, a); // 0 − x, not −x: no −0
    const ka = Math.floor(a / BLOCK), kb = Math.floor(b / BLOCK);
    const first = this.block(ka);
    if (ka === kb) return (workedBefore(first, b) - workedBefore(first, a)) / MINUTE;
    let ms = first.total - workedBefore(first, a);
    for (let k = ka + 1; k < kb; k++) ms += this.block(k).total;
    ms += workedBefore(this.block(kb), b);
    return ms / MINUTE;
  }

  /** The compiled working intervals of the blocks holding [fromUtc, toUtc), as sorted [startMs, endMs) pairs; for tests and inspection. */
  intervals(fromUtc: number, toUtc: number): [number, number][] {
    const out: [number, number][] = [];
    for (let k = Math.floor(fromUtc / BLOCK); k <= Math.floor((toUtc - 1) / BLOCK); k++) {
      const b = this.block(k);
      for (let i = 0; i < b.starts.length; i++) out.push([b.starts[i], b.ends[i]]);
    }
    return out;
  }

  private block(k: number): Block {
    let block = this.blocks.get(k);
    if (block === undefined) {
      block = this.compile(k * BLOCK, (k + 1) * BLOCK);
      this.blocks.set(k, block);
      this.compilations++;
    }
    return block;
  }

  /** The working intervals in [from, to), clipped to it. */
  private compile(from: number, to: number): Block {
    // Local days whose intervals can reach the block: overnight intervals run into the next day
    // and offsets shift local days by up to 14 h either way, so two days of margin each side.
    const pieces: number[] = [];
    for (let day = Math.floor(from / DAY) - 2; day <= Math.floor(to / DAY) + 2; day++) {
      const intervals = this.holidays.get(day) ?? this.week[weekday(day)];
      if (intervals.length > 0) this.mapDay(day, intervals, pieces);
    }
    // Sort by start, clip to the block and merge overlaps (overlapping intervals count once).
    const order = Array.from({ length: pieces.length / 2 }, (_, k) => k).sort((x, y) => pieces[2 * x] - pieces[2 * y]);
    const starts: number[] = [], ends: number[] = [];
    for (const k of order) {
      const s = Math.max(pieces[2 * k], from), e = Math.min(pieces[2 * k + 1], to);
      if (s >= e) continue;
      const n = starts.length;
      if (n > 0 && s <= ends[n - 1]) {
        if (e > ends[n - 1]) ends[n - 1] = e;
      } else {
        starts.push(s);
        ends.push(e);
      }
    }
    const before = new Float64Array(starts.length);
    let total = 0;
    for (let i = 0; i < starts.length; i++) {
      before[i] = total;
      total += ends[i] - starts[i];
    }
    return { starts: Float64Array.from(starts), ends: Float64Array.from(ends), before, total };
  }

  /**
   * Append the UTC pieces of one local day's intervals: the instants u whose local wall time
   * u + offset(u) lies in [start, end). Local time is u + o1 before the zone's transition t and
   * u + o2 after, so each wall interval maps to at most two UTC pieces. Assumes at most one offset
   * transition in the ~3 days around a local day, which holds for every zone in the IANA data
   * since 1970.
   */
  private mapDay(day: number, intervals: LocalInterval[], out: number[]): void {
    const zone = this.zone;
    const lo = day * DAY - EARLIEST_OFFSET;
    const hi = (day + 2) * DAY + LATEST_OFFSET;
    const o1 = zone.offsetMinutes(lo) * MINUTE;
    const o2 = zone.offsetMinutes(hi) * MINUTE;
    let transition = Infinity;
    if (o1 !== o2) {
      // Offsets change on quarter-hour boundaries (zone.ts caches per quarter hour).
      let a = lo, b = hi;
      while (b - a > QUARTER_HOUR) {
        const mid = a + Math.floor((b - a) / 2 / QUARTER_HOUR) * QUARTER_HOUR;
        if (zone.offsetMinutes(mid) * MINUTE === o1) a = mid;
        else b = mid;
      }
      transition = b;
    }
    const midnight = day * DAY;
    for (const { start, end } of intervals) {
      const wallStart = midnight + start * MINUTE;
      const wallEnd = midnight + end * MINUTE;
      let s = wallStart - o1, e = Math.min(wallEnd - o1, transition);
      if (s < e) out.push(s, e);
      if (transition !== Infinity) {
        s = Math.max(wallStart - o2, transition);
        e = wallEnd - o2;
        if (s < e) out.push(s, e);
      }
    }
  }
}

/** The calendars of a config: a team's own calendar, else `default`, else none. */
export class BusinessCalendars {
  readonly default: BusinessCalendar | null;
  readonly teams = new Map<string, BusinessCalendar>();

  constructor(spec: BusinessHoursSpec | undefined) {
    this.default = spec?.default === undefined ? null : new BusinessCalendar('default', spec.default);
    for (const [team, calendar] of Object.entries(spec?.teams ?? {})) this.teams.set(team, new BusinessCalendar(team, calendar));
  }

  /** True when at least one calendar is configured. */
  get any(): boolean {
    return this.default !== null || this.teams.size > 0;
  }

  /** The calendar for a ticket of this team (exact team name), else the default; null when neither. */
  forTeam(team: string | null): BusinessCalendar | null {
    return (team === null ? undefined : this.teams.get(team)) ?? this.default;
  }

  /** Compile every calendar's blocks for the instants in [fromUtc, toUtc] now rather than on first use. */
  prepare(fromUtc: number, toUtc: number): void {
    this.default?.prepare(fromUtc, toUtc);
    for (const calendar of this.teams.values()) calendar.prepare(fromUtc, toUtc);
  }
}

/** Working ms of a block before instant t (binary search for the last interval starting at or before t). */
function workedBefore(block: Block, t: number): number {
  const starts = block.starts;
  let lo = 0, hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i < 0) return 0;
  return block.before[i] + Math.min(t, block.ends[i]) - starts[i];
}
