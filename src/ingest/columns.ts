import { InputError } from '../errors.js';
import type { IssueCode, Priority } from '../model/types.js';
import { detectDateFormat, ISO_FORMAT, parseEpoch, type DateFormat, type DateOrder } from '../time/date-format.js';
import type { Zone } from '../time/zone.js';
import type { MapContext } from './preset.js';
import { COMMA_DECIMAL, DOT_DECIMAL, cellText, listHeaders, normalizeHeader, parseBoolean, parseCount, parseDuration, parseNumber, parsePriority, type DecimalMark, type DurationUnit } from './values.js';

/** How far after the report's clock a timestamp may lie before it is implausible: 366 days. */
const FUTURE_SLACK_MS = 366 * 86_400_000;

/**
 * Typed cell readers for one file, shared by every preset. Each reader takes the record and its
 * line; a bad value is reported as a row issue (file, line, column, value) and read as null.
 */
export class Columns {
  private readonly index = new Map<string, number>();
  readonly mapping: Record<string, string> = {};
  /** Columns read as decimal numbers (durations, scores), whose cells show the file's decimal mark (`prepare`). */
  private readonly numberColumns = new Set<number>();
  /** The file's decimal mark where its number columns show one (`prepare`), else null. */
  decimalMark: DecimalMark = null;
  /** Date columns (by index of their date cell): their format, detected once per file by `prepare`. */
  private readonly dateColumns = new Map<number, { time: number; format: DateFormat; zone: Zone }>();
  /** Header (or `date + time` headers) → detected date format label, for `inspect`. */
  readonly dateFormats: Record<string, string> = {};
  /**
   * The order a preset knows its vendor writes numeric dates in (Zoho Desk: day first), for the
   * columns no value decides and no other date column settles; `--date-order` still wins.
   */
  presetDateOrder: DateOrder | null = null;

  constructor(readonly header: string[], private readonly ctx: MapContext) {
    header.forEach((name, i) => {
      const key = normalizeHeader(name);
      // The first of duplicate header names wins; presets that need later ones use indexes.
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  /** Index of the first header matching one of the names (normalised), or -1. */
  find(...names: string[]): number {
    for (const name of names) {
      const i = this.index.get(normalizeHeader(name));
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** Like `find`, and records the mapping `field → header` for `inspect`. */
  bind(field: string, ...names: string[]): number {
    const i = this.find(...names);
    if (i >= 0) this.mapping[field] = this.header[i];
    return i;
  }

  /** Like `bind`, for a date-time column whose shape `prepare` detects from the first rows. */
  bindDate(field: string, ...names: string[]): number {
    const i = this.bind(field, ...names);
    this.registerDate(i, -1);
    return i;
  }

  /**
   * A date-time split over a date column and a time-of-day column (call-centre logs: `Date`,
   * `Time`); read with `timestamp(record, line, dateCol)`. Returns the date column's index.
   */
  bindDateTime(field: string, dateNames: string[], timeNames: string[]): number {
    const d = this.find(...dateNames);
    const t = this.find(...timeNames);
    if (d >= 0) this.mapping[field] = t >= 0 ? `${this.header[d]} + ${this.header[t]}` : this.header[d];
    this.registerDate(d, t);
    return d;
  }

  /** Timestamps without an offset in this column are in `zone` (Intercom names it in the header). */
  setZone(col: number, zone: Zone): void {
    const entry = this.dateColumns.get(col);
    if (entry === undefined) return;
    entry.zone = zone;
    this.ctx.namedZone?.(zone.name);
  }

  private registerDate(col: number, time: number): void {
    if (col >= 0 && !this.dateColumns.has(col)) this.dateColumns.set(col, { time, format: ISO_FORMAT, zone: this.ctx.inputZone });
  }

  private dateText(record: string[], col: number, time: number): string | null {
    const date = this.text(record, col);
    if (date === null || time < 0) return date;
    const clock = this.text(record, time);
    // An hour column (Zendesk Explore's `Ticket created - Hour`) holds the hour alone: 9 is 09:00.
    if (clock !== null && clock.length <= 2 && clock >= '0' && /^\d{1,2}$/.test(clock)) return `${date} ${clock}:00`;
    return clock === null ? date : `${date} ${clock}`;
  }

  private dateLabel(col: number, time: number): string {
    return time < 0 ? this.header[col] : `${this.header[col]} + ${this.header[time]}`;
  }

  /**
   * Detect every date column's shape from the first records (once per file). Returns false when
   * a numeric column is still ambiguous (no day or month above 12 yet) and more rows could
   * decide it; with `complete` (no more rows, or enough seen) an ambiguous column is an
   * InputError naming the column and the `--date-order` fix. A column with no decisive value
   * takes the order another date column of the file showed (one export writes one date style).
   */
  /** A column read as decimal numbers: its first rows show the file's decimal mark (`prepare`). */
  numberColumn(col: number): void {
    if (col >= 0) this.numberColumns.add(col);
  }

  readonly prepare = (sample: readonly string[][], complete: boolean): boolean => {
    // The decimal mark, when the number columns show only one: `2.000` is then 2000 in a file of
    // `10,5`s (Zendesk Explore lets admins set both marks), and `2,000` is 2000 in one of `10.5`s.
    let comma = false, dot = false;
    for (const col of this.numberColumns) {
      for (const record of sample) {
        const text = this.text(record, col);
        if (text === null) continue;
        if (COMMA_DECIMAL.test(text)) comma = true;
        else if (DOT_DECIMAL.test(text)) dot = true;
      }
    }
    this.decimalMark = comma === dot ? null : comma ? ',' : '.';
    const undecided: { col: number; example: string; shapeOf: (o: DateOrder) => DateFormat }[] = [];
    let fileOrder: DateOrder | null = null;
    for (const [col, entry] of this.dateColumns) {
      const values: string[] = [];
      for (const record of sample) {
        const text = this.dateText(record, col, entry.time);
        if (text !== null) values.push(text);
      }
      const found = detectDateFormat(values, this.ctx.dateOrder);
      const name = this.dateLabel(col, entry.time);
      if (found.status === 'conflict') {
        throw new InputError(`${this.ctx.file}: column "${name}" mixes day-first ("${found.dmy}") and month-first ("${found.mdy}") dates`, {
          location: this.ctx.file,
          hint: 'export the file again with one date format, or say which one to use with --date-order dmy|mdy (values that do not fit are then reported row by row)',
        });
      }
      if (found.status === 'ambiguous') {
        undecided.push({ col, example: found.example, shapeOf: found.shapeOf });
        continue;
      }
      if (found.status === 'ok') {
        entry.format = found.format;
        if (found.order !== null) fileOrder ??= found.order;
      }
      this.dateFormats[name] = values.length === 0 ? '(no values)' : entry.format.label + (found.status === 'unknown' ? ' (no value recognised)' : '');
    }
    for (const u of undecided) {
      const entry = this.dateColumns.get(u.col)!;
      const name = this.dateLabel(u.col, entry.time);
      if (fileOrder === null) {
        if (!complete) return false;
        if (this.presetDateOrder !== null) {
          // Only once every row the detection looks at left it open; said, since an account set
          // to the other order writes the same text (at the first data row: the whole column).
          entry.format = u.shapeOf(this.presetDateOrder);
          this.dateFormats[name] = `${entry.format.label} (the order this vendor writes)`;
          const order = this.presetDateOrder === 'dmy' ? 'day first' : 'month first';
          this.issue('DATE_ORDER_ASSUMED', 2 + (this.ctx.extraHeaders?.length ?? 0), u.col, u.example,
            `dates like "${u.example}" could be day first or month first and no value decides; read ${order}, as this export usually writes them (if yours does not, set --date-order ${this.presetDateOrder === 'dmy' ? 'mdy' : 'dmy'})`);
          continue;
        }
        throw new InputError(`${this.ctx.file}: column "${name}": dates like "${u.example}" could be day-first or month-first, and no value in the file decides it`, {
          location: this.ctx.file,
          hint: `say which with --date-order dmy (day first) or --date-order mdy (month first), or "inputs": { "dateOrder": "dmy" } in teamkpi.config.json`,
        });
      }
      entry.format = u.shapeOf(fileOrder);
      this.dateFormats[name] = `${entry.format.label} (order from the other date columns)`;
    }
    return true;
  };

  /** Throw the "missing required column" error for a file of this kind. */
  missing(kind: string, column: string, alternatives = ''): never {
    throw new InputError(
      `${this.ctx.file}: missing required column "${column}"${alternatives} for ${kind}; headers found: ${listHeaders(this.header)}`,
      { location: this.ctx.file, hint: `rename the column to "${column}", or force the kind with --tickets/--surveys if this file is not ${kind}` },
    );
  }

  issue(code: IssueCode, line: number, col: number, value: string | null, message: string): void {
    if (this.probing) {
      this.probed = true;
      return;
    }
    // A value the row cannot do without: its loss skips the row, and the message says so.
    if (col >= 0 && col === this.required?.col && !message.includes('the row is skipped')) {
      const skipped = `the row is skipped (${this.required.why})`;
      message = message.includes('the value is dropped') ? message.replace('the value is dropped', skipped) : `${message}; ${skipped}`;
    }
    this.ctx.report({ code, file: this.ctx.file, line, column: col >= 0 ? this.header[col] : null, value, message });
  }

  /** The column whose unreadable value skips the row (a ticket's created time), and why: named in its issues. */
  private required: { col: number; why: string } | null = null;

  requireColumn(col: number, why: string): void {
    if (col >= 0) this.required = { col, why };
  }

  /**
   * While probing, issues are noted in `probed` instead of reported: the typed lane (typed-lane.ts)
   * asks a reader what a cell value reads as, and sends rows whose cells raise an issue down the
   * ordinary path, which reports it in its place.
   */
  probing = false;
  probed = false;

  /** How a date column is read (detected format, zone, time-of-day column), for the typed lane. */
  dateColumn(col: number): { time: number; format: DateFormat; zone: Zone } | undefined {
    return this.dateColumns.get(col);
  }

  /** The report's clock (epoch ms), when set; later than a year after it is implausible. */
  get now(): number | undefined {
    return this.ctx.now;
  }

  /** Latest plausible instant (see `plausible`). */
  get latestPlausible(): number {
    return this.ctx.now === undefined ? Infinity : this.ctx.now + FUTURE_SLACK_MS;
  }

  /** Cell values that mean "empty" in this file (ServiceNow `?`, R's `NA`), compared exactly. */
  private blanks: Set<string> | null = null;
  /** The longest blank word: longer cells (names, timestamps) skip the set lookup, which hashes the whole cell. */
  private blankLength = 0;

  /** The words read as empty in this file (`setBlanks`). */
  get blankWords(): readonly string[] {
    return this.blanks === null ? [] : [...this.blanks];
  }

  setBlanks(...values: string[]): void {
    this.blanks = new Set(values);
    this.blankLength = Math.max(0, ...values.map((v) => v.length));
  }

  text(record: string[], col: number): string | null {
    if (col < 0) return null;
    const text = cellText(record[col]);
    return text !== null && text.length <= this.blankLength && this.blanks!.has(text) ? null : text;
  }

  /** Every column whose header matches one of the names (Jira repeats `Labels`, `Comment` per value). */
  findAll(...names: string[]): number[] {
    const keys = new Set(names.map(normalizeHeader));
    const found: number[] = [];
    this.header.forEach((h, i) => {
      if (keys.has(normalizeHeader(h))) found.push(i);
    });
    return found;
  }

  /**
   * A date-time cell in the column's detected format (ISO-8601 until `prepare` has run);
   * null when empty, undefined (and an INVALID_DATE issue) when it does not parse.
   */
  timestamp(record: string[], line: number, col: number): number | null | undefined {
    if (col < 0) return null;
    const entry = this.dateColumns.get(col);
    const text = entry === undefined ? this.text(record, col) : this.dateText(record, col, entry.time);
    if (text === null) return null;
    const format = entry?.format ?? ISO_FORMAT;
    const ms = format.parse(text, entry?.zone ?? this.ctx.inputZone);
    if (Number.isNaN(ms)) {
      const expected = format === ISO_FORMAT ? 'ISO-8601 like 2026-11-16T09:30:00Z' : `${format.label}, the format detected for this column`;
      this.issue('INVALID_DATE', line, col, text, `invalid date "${text}"; expected ${expected}`);
      return undefined;
    }
    return this.plausible(ms, text, line, col);
  }

  /** A Unix timestamp cell (seconds or milliseconds); null when empty, undefined when invalid. */
  epoch(record: string[], line: number, col: number, unit: 'seconds' | 'milliseconds'): number | null | undefined {
    const text = this.text(record, col);
    if (text === null) return null;
    const ms = parseEpoch(text, unit);
    if (Number.isNaN(ms)) {
      this.issue('INVALID_DATE', line, col, text, `invalid Unix time "${text}"; expected ${unit} since 1970`);
      return undefined;
    }
    return this.plausible(ms, text, line, col);
  }

  /**
   * A parsed instant that no helpdesk can have produced — before 1970 (a zero date from Excel or
   * an epoch default) or more than a year after the report's clock (a mistyped year such as 2062)
   * — is reported OUT_OF_RANGE and read as unreadable (`undefined`), like an invalid date. The year
   * of slack keeps clock skew and data generated ahead of the clock (the demo) out of the way.
   */
  plausible(ms: number, text: string, line: number, col: number): number | undefined {
    if (ms <= 0) {
      this.issue('OUT_OF_RANGE', line, col, text, `date "${text}" is not after 1970-01-01 (a zero or default date, which no helpdesk records); the value is dropped (check the column's date format)`);
      return undefined;
    }
    if (this.ctx.now !== undefined && ms > this.ctx.now + FUTURE_SLACK_MS) {
      this.issue('OUT_OF_RANGE', line, col, text, `date "${text}" is more than a year after the report's clock (${new Date(this.ctx.now).toISOString().slice(0, 10)}); the value is dropped (check the year, or set the clock with --now)`);
      return undefined;
    }
    return ms;
  }

  count(record: string[], line: number, col: number): number | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const n = parseCount(text);
    if (Number.isNaN(n)) {
      this.issue('INVALID_NUMBER', line, col, text, `invalid count "${text}"; expected a whole number ≥ 0`);
      return null;
    }
    return n;
  }

  number(record: string[], line: number, col: number): number | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const n = parseNumber(text, this.decimalMark);
    if (Number.isNaN(n)) {
      this.issue('INVALID_NUMBER', line, col, text, `invalid number "${text}"`);
      return null;
    }
    return n;
  }

  /**
   * A number that must lie in [min, max] (and be whole when `integer`); reported OUT_OF_RANGE
   * otherwise. `orElse`: what else the cell may hold, named in the message of one that is no number.
   */
  score(record: string[], line: number, col: number, min: number, max: number, integer: boolean, what: string, orElse = ''): number | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const n = parseNumber(text, this.decimalMark);
    if (Number.isNaN(n)) {
      this.issue('INVALID_NUMBER', line, col, text, `invalid ${what} "${text}"; expected a number from ${min} to ${max}${orElse}`);
      return null;
    }
    if (n < min || n > max || (integer && !Number.isInteger(n))) {
      this.issue('OUT_OF_RANGE', line, col, text, `${what} "${text}" is outside ${min}–${max}${integer ? ' (whole numbers)' : ''}`);
      return null;
    }
    return n;
  }

  /**
   * A duration cell converted to minutes. Units: a number of `seconds`, `milliseconds`,
   * `minutes`, `hours` or `days`; `hms` is `H:MM[:SS]` with hours past 24 (Freshdesk, HubSpot,
   * call-centre talk time); `signed-hm` is Jira's remaining SLA time (`-0:30`, `12:05`), negative
   * when breached. Null when empty, and (with an issue) when unreadable.
   */
  duration(record: string[], line: number, col: number, unit: DurationUnit): number | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const minutes = parseDuration(text, unit, this.decimalMark);
    if (Number.isNaN(minutes)) {
      const expected = unit === 'hms' ? 'HH:MM:SS' : unit === 'signed-hm' ? 'a signed H:MM such as -0:30' : `a number of ${unit}`;
      this.issue('INVALID_NUMBER', line, col, text, `invalid duration "${text}"; expected ${expected}`);
      return null;
    }
    return minutes;
  }

  /**
   * A ticket id. Ids that Excel turned into scientific notation (`1.25E+17`) lost digits: the row
   * is kept, an issue says so, and different tickets that now collide show up as duplicates.
   */
  id(record: string[], line: number, col: number): string | null {
    const text = this.text(record, col);
    // The pattern needs an E; most ids have none, and skip the regular expression.
    if (text !== null && (text.includes('E') || text.includes('e')) && /^\d(?:[.,]\d+)?E\+?\d+$/i.test(text)) {
      this.issue('INVALID_VALUE', line, col, text, `id "${text}" was turned into scientific notation by a spreadsheet, so its last digits are lost and different tickets may collide; export the file again without opening it in Excel`);
    }
    return text;
  }

  boolean(record: string[], line: number, col: number): boolean | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const b = parseBoolean(text);
    if (b === undefined) {
      this.issue('INVALID_BOOLEAN', line, col, text, `invalid yes/no value "${text}"; expected true/false, yes/no, y/n or 1/0`);
      return null;
    }
    return b;
  }

  priority(record: string[], line: number, col: number): Priority | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const p = parsePriority(text);
    if (p === undefined) {
      this.issue('UNKNOWN_VALUE', line, col, text, `unknown priority "${text}"; expected low, normal, high or urgent`);
      return null;
    }
    return p;
  }
}
