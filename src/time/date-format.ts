import { daysInMonth, fractionMs, parseTimestamp, plusFraction, twoBytes, wallClockInstant } from './parse-timestamp.js';
import { getZone, type Zone } from './zone.js';

/** Order of day and month in numeric dates: `dmy` (13/01/2025) or `mdy` (01/13/2025). */
export type DateOrder = 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy'];

/** A date shape recognised once per column; `parse` then runs per cell. */
export interface DateFormat {
  /** How the shape is shown to users, e.g. `DD-MM-YYYY HH:MM`, `dd/MMM/yy h:mm a`, `ISO-8601`. */
  label: string;
  /** Epoch ms, or NaN when the text does not fit the shape or names an impossible date. */
  parse(text: string, zone: Zone): number;
  /** Numeric day/month shapes: whether the day comes first (the typed lane reads them from bytes, `parseNumericDateBytes`). */
  dayFirst?: boolean;
}

/** The outcome of looking at a column's values. */
export type DateDetection =
  | { status: 'ok'; format: DateFormat; order: DateOrder | null }
  /** Numeric day/month dates where no value has a part above 12. `example` is one such value. */
  | { status: 'ambiguous'; example: string; shapeOf: (order: DateOrder) => DateFormat }
  /** Both day-first and month-first evidence: `dmy` and `mdy` are examples of each. */
  | { status: 'conflict'; dmy: string; mdy: string }
  /** No value matched a known shape (the column is read as ISO and each bad cell reported). */
  | { status: 'unknown' };

export const ISO_FORMAT: DateFormat = { label: 'ISO-8601', parse: parseTimestamp };

// A clock part: `9:10`, `09:10:05`, `09:10:05.123`, `9:10 PM`, `9:10 p. m.` (Spanish Java locale).
const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:\s*([AaPp])\.?\s?[Mm]\.?)?)?`;
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})([/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})[/.\- ]+([^\d\s/.\-,]+)\.?[/.\- ]+(\d{4}|\d{2})${TIME}$`);
const MONTH_NAME_DAY = new RegExp(String.raw`^([^\d\s/.\-,]+)\.? (\d{1,2}),? (\d{4})${TIME}$`);

const MONTH_LOCALES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl'];
let monthTable: Map<string, number> | null = null;

/** Strip accents and dots, lower-case: `Févr.` → `fevr`, `Mär` → `mar`. */
function foldMonth(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f.]/g, '').toLowerCase();
}

/**
 * Month names and abbreviations in en, es, pt, fr, de, it, nl, from the platform's Intl data (so
 * no hand-made table), plus every 3+ letter prefix of them that names one month only: Jira
 * writes Java's abbreviations (`Mär`, `jul`, `ene`), which differ from Intl's in places.
 */
function months(): Map<string, number> {
  if (monthTable !== null) return monthTable;
  const names = new Map<string, Set<number>>();
  const add = (name: string, month: number): void => {
    const folded = foldMonth(name);
    for (let len = 3; len <= folded.length; len++) {
      const key = folded.slice(0, len);
      let set = names.get(key);
      if (set === undefined) names.set(key, (set = new Set()));
      set.add(month);
    }
  };
  for (const locale of MONTH_LOCALES) {
    for (const style of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) add(format.format(Date.UTC(2020, m, 15)), m + 1);
    }
  }
  monthTable = new Map();
  for (const [key, set] of names) if (set.size === 1) monthTable.set(key, [...set][0]);
  return monthTable;
}

/** Month number 1–12 for a localised month name or abbreviation; 0 when unknown. */
export function monthFromName(name: string): number {
  return months().get(foldMonth(name)) ?? 0;
}

/** Two-digit years: 00–69 → 2000s, 70–99 → 1900s (the POSIX strptime pivot). */
function fullYear(text: string): number {
  const y = +text;
  return text.length === 4 ? y : y < 70 ? 2000 + y : 1900 + y;
}

function wallToUtc(zone: Zone, year: number, month: number, day: number, m: RegExpExecArray, t: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  let hour = m[t] === undefined ? 0 : +m[t];
  const minute = m[t + 1] === undefined ? 0 : +m[t + 1];
  const second = m[t + 2] === undefined ? 0 : +m[t + 2];
  const meridiem = m[t + 3];
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return NaN;
    const pm = meridiem === 'p' || meridiem === 'P';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return zone.localToUtc(Date.UTC(year, month - 1, day, hour, minute, second));
}

function timeLabel(m: RegExpExecArray, t: number): string {
  if (m[t] === undefined) return '';
  const twelve = m[t + 3] !== undefined;
  return ` ${twelve ? 'h' : 'HH'}:MM${m[t + 2] === undefined ? '' : ':SS'}${twelve ? ' a' : ''}`;
}

function numericFormat(order: DateOrder, sep: string, yearDigits: number, time: string): DateFormat {
  const parts = order === 'dmy' ? ['DD', 'MM'] : ['MM', 'DD'];
  return {
    label: `${parts[0]}${sep}${parts[1]}${sep}${yearDigits === 4 ? 'YYYY' : 'YY'}${time}`,
    dayFirst: order === 'dmy',
    parse(text, zone) {
      const m = NUMERIC.exec(text);
      if (m === null) return NaN;
      const a = +m[1], b = +m[3];
      return order === 'dmy' ? wallToUtc(zone, fullYear(m[4]), b, a, m, 5) : wallToUtc(zone, fullYear(m[4]), a, b, m, 5);
    },
  };
}

/**
 * A numeric day/month date over the bytes [start, end) of a buffer, for the typed lane (no string
 * made): the shapes nearly every such export writes, as `numericFormat` reads them — one or two
 * digits, a separator (`/`, `.` or `-`), one or two digits, the same separator, a four- or two-digit
 * year, then nothing, or spaces, `T`s or commas and `H:MM` or `H:MM:SS` (a fraction dropped, as
 * the text parser drops it), then AM/PM or nothing — by arithmetic. NaN for anything else (a tab,
 * a no-break space) or anything invalid: the text parser then decides, so results are identical.
 * Why: a million tickets dated `03/06/2025 12:26` spent about a second of one thread in the
 * regular expression and the strings made for it.
 */
export function parseNumericDateBytes(buf: Uint8Array, start: number, end: number, dayFirst: boolean, zone: Zone): number {
  // One or two digits of a, the separator, one or two digits of b, the separator again.
  let p = start;
  let n = digitCount(buf, p, end, 2);
  if (n === 0) return NaN;
  const a = digitsValue(buf, p, n);
  p += n;
  const sep = p < end ? buf[p] : 0;
  if (sep !== 47 && sep !== 46 && sep !== 45) return NaN;
  n = digitCount(buf, ++p, end, 2);
  if (n === 0) return NaN;
  const b = digitsValue(buf, p, n);
  p += n;
  if (p >= end || buf[p] !== sep) return NaN;
  n = digitCount(buf, ++p, end, 5);
  if (n !== 2 && n !== 4) return NaN;
  let year = digitsValue(buf, p, n);
  if (n === 2) year = year < 70 ? 2000 + year : 1900 + year;
  p += n;
  let hour = 0, minute = 0, second = 0;
  if (p < end) {
    // Spaces, `T`s or commas, then H:MM or HH:MM, then :SS (with a fraction, which the text
    // parser reads and drops) or nothing, then nothing or a 12-hour clock's AM/PM.
    const clockAt = p;
    while (p < end && (buf[p] === 32 || buf[p] === 84 || buf[p] === 44)) p++;
    if (p === clockAt) return NaN;
    n = digitCount(buf, p, end, 2);
    if (n === 0) return NaN;
    hour = digitsValue(buf, p, n);
    p += n;
    if (p + 3 > end || buf[p] !== 58) return NaN;
    minute = twoBytes(buf, p + 1);
    p += 3;
    if (p < end && buf[p] === 58) {
      if (p + 3 > end) return NaN;
      second = twoBytes(buf, p + 1);
      p += 3;
      if (p < end && (buf[p] === 46 || buf[p] === 44)) {
        n = digitCount(buf, p + 1, end, 10);
        if (n === 0 || n > 9) return NaN;
        p += 1 + n;
      }
    }
    if (p < end) {
      // AM/PM after any spaces: a or p, a dot or not, a space or not, m, a dot or not (`PM`,
      // `p.m.`, `p. m.`). Why here: US exports and spreadsheets write `3/6/2025 4:41:00 PM`, and
      // a million such tickets took 3.4–3.8 s instead of 2 through the text parser.
      while (p < end && buf[p] === 32) p++;
      const meridiem = p < end ? buf[p] | 0x20 : 0;
      if (meridiem !== 97 && meridiem !== 112) return NaN;
      p++;
      if (p < end && buf[p] === 46) p++;
      if (p < end && buf[p] === 32) p++;
      if (p >= end || (buf[p] | 0x20) !== 109) return NaN;
      p++;
      if (p < end && buf[p] === 46) p++;
      if (p !== end || !(hour >= 1 && hour <= 12)) return NaN;
      hour = (hour % 12) + (meridiem === 112 ? 12 : 0);
    }
  }
  return dayFirst ? wallClockInstant(year, b, a, hour, minute, second, zone) : wallClockInstant(year, a, b, hour, minute, second, zone);
}

/** How many ASCII digits (at most `max`) start at p, before `end`. */
function digitCount(buf: Uint8Array, p: number, end: number, max: number): number {
  let n = 0;
  while (n < max && p + n < end) {
    const d = buf[p + n] - 48;
    if (d < 0 || d > 9) break;
    n++;
  }
  return n;
}

/** The number the `count` digits at p spell. */
function digitsValue(buf: Uint8Array, p: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) value = value * 10 + (buf[p + i] - 48);
  return value;
}

const YMD_FORMAT: DateFormat = {
  label: 'YYYY/MM/DD',
  parse(text, zone) {
    const m = YMD_SLASH.exec(text);
    return m === null ? NaN : wallToUtc(zone, +m[1], +m[3], +m[4], m, 5);
  },
};

function dayMonthNameFormat(time: string, yearDigits: number): DateFormat {
  return {
    label: `dd/MMM/${yearDigits === 4 ? 'yyyy' : 'yy'}${time}`,
    parse(text, zone) {
      const m = DAY_MONTH_NAME.exec(text);
      if (m === null) return NaN;
      const month = monthFromName(m[2]);
      return month === 0 ? NaN : wallToUtc(zone, fullYear(m[3]), month, +m[1], m, 4);
    },
  };
}

function monthNameDayFormat(time: string): DateFormat {
  return {
    label: `MMM d, yyyy${time}`,
    parse(text, zone) {
      const m = MONTH_NAME_DAY.exec(text);
      if (m === null) return NaN;
      const month = monthFromName(m[1]);
      return month === 0 ? NaN : wallToUtc(zone, +m[3], month, +m[2], m, 4);
    },
  };
}

/**
 * Decide a column's date shape from its values (called once per file with the first rows).
 * The shape most values share wins; numeric dates are day-first when some day is above 12,
 * month-first when some month position is above 12, and `ambiguous` when no value decides (then
 * `order`, from `--date-order` or the config, settles it).
 */
export function detectDateFormat(values: Iterable<string>, order?: DateOrder): DateDetection {
  const utc = getZone('UTC');
  let iso = 0, ymd = 0, numeric = 0, dayName = 0, nameDay = 0;
  let firstNumeric: RegExpExecArray | null = null, dayNameMatch: RegExpExecArray | null = null, nameDayMatch: RegExpExecArray | null = null;
  let dmyEvidence: string | null = null, mdyEvidence: string | null = null;
  for (const text of values) {
    let m: RegExpExecArray | null;
    if (!Number.isNaN(parseTimestamp(text, utc))) iso++;
    else if ((m = NUMERIC.exec(text)) !== null) {
      numeric++;
      firstNumeric ??= m;
      const a = +m[1], b = +m[3];
      if (a > 12 && b <= 12) dmyEvidence ??= text;
      else if (b > 12 && a <= 12) mdyEvidence ??= text;
    } else if (YMD_SLASH.test(text)) ymd++;
    else if ((m = DAY_MONTH_NAME.exec(text)) !== null && monthFromName(m[2]) > 0) {
      dayName++;
      dayNameMatch ??= m;
    } else if ((m = MONTH_NAME_DAY.exec(text)) !== null && monthFromName(m[1]) > 0) {
      nameDay++;
      nameDayMatch ??= m;
    }
  }
  const best = Math.max(iso, ymd, numeric, dayName, nameDay);
  if (best === 0) return { status: 'unknown' };
  if (best === iso) return { status: 'ok', format: ISO_FORMAT, order: null };
  if (best === ymd) return { status: 'ok', format: YMD_FORMAT, order: null };
  if (best === dayName) return { status: 'ok', format: dayMonthNameFormat(timeLabel(dayNameMatch!, 4), dayNameMatch![3].length), order: null };
  if (best === nameDay) return { status: 'ok', format: monthNameDayFormat(timeLabel(nameDayMatch!, 4)), order: null };
  const m = firstNumeric!;
  const shapeOf = (o: DateOrder): DateFormat => numericFormat(o, m[2], m[4].length, timeLabel(m, 5));
  if (order !== undefined) return { status: 'ok', format: shapeOf(order), order };
  if (dmyEvidence !== null && mdyEvidence !== null) return { status: 'conflict', dmy: dmyEvidence, mdy: mdyEvidence };
  if (dmyEvidence !== null) return { status: 'ok', format: shapeOf('dmy'), order: 'dmy' };
  if (mdyEvidence !== null) return { status: 'ok', format: shapeOf('mdy'), order: 'mdy' };
  return { status: 'ambiguous', example: m[0], shapeOf };
}

/**
 * Parse a Unix timestamp in seconds or milliseconds (Delighted, API dumps) to epoch ms; NaN if not
 * a number. A fraction is kept (to the nanosecond) and never reaches the next whole second or
 * millisecond, as an ISO timestamp's (parse-timestamp.ts, `plusFraction`).
 */
export function parseEpoch(text: string, unit: 'seconds' | 'milliseconds'): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return NaN;
  const scale = unit === 'seconds' ? 1000 : 1;
  const whole = Number(m[1]) * scale;
  if (m[2] === undefined) return whole;
  // Nanoseconds at most: seconds keep 9 digits, milliseconds 6.
  const digits = m[2].slice(0, unit === 'seconds' ? 9 : 6);
  const fraction = unit === 'seconds' ? fractionMs(Number(digits), digits.length) : Number(digits) / 10 ** digits.length;
  return plusFraction(whole, fraction, scale);
}
