/**
 * What the typed lanes share (typed-lane.ts for ticket rows, survey-lane.ts for survey rows): one
 * record split into cells straight from the file's bytes, and each cell's value as the preset's
 * own reader gives it — asked once per distinct cell and remembered by the cell's bytes, or for
 * an ISO-8601 timestamp of the exact fast shape computed from the bytes.
 *
 * Exactness: a record the lane is not sure of (text after a closing quote, a NUL byte, the wrong
 * number of cells, an unexpected line end) is left to the ordinary path, and so is a cell whose
 * reader would raise an issue (`BAD`): the ordinary path reads and reports it. A quoted cell with
 * doubled quotes in it (`"Zoë ""Zed"" Müller"`) is the lane's (`escaped`): before, every row of an
 * agent named with quotes took the ordinary path, and a million-ticket file kept the ordinary
 * path hot (and compiled) in every reader thread. So is a quoted cell with line breaks in it (a
 * multi-line tag list or description): the lane counts them as the tokenizer does (`breaks`), so
 * the next record gets the line the tokenizer would give it; before, the benchmark's 0.1 % of such rows made each reader
 * thread compile the tokenizer for them (bench/README.md, item 28).
 */
import { ISO_FORMAT, parseNumericDateBytes } from '../time/date-format.js';
import { parseIsoBytes } from '../time/parse-timestamp.js';
import type { Zone } from '../time/zone.js';
import type { Columns } from './columns.js';
import { readerInfo, type Read } from './ticket-mapper.js';
import { BytesTable } from './bytes-table.js';
import { INFO_BREAKS, INFO_CLEAR, MAX_SPLIT_CELLS, laneMemory, type LaneMemory } from './lane-memory.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Records longer than this (bytes) are left to the ordinary path. */
const MAX_LANE_RECORD = 1 << 16;
/** A column remembers at most this many distinct cells; past that its cells are read one by one. */
const MAX_CACHED = 4096;
/**
 * A column of group names (agent, team, …) may remember up to this many, doubling from
 * MAX_CACHED while a quarter or more of the cells it meets when full are ones it has
 * (LaneColumn.limit). Why:
 * with 10,000 agents, 6 in 10 agent cells were read one by one, a string and a reader call each.
 */
const MAX_NAMES_CACHED = 1 << 16;
/** Cells not remembered, met while a growable column is full, before it decides whether to grow. */
const GROW_CHECK = 4096;
/**
 * Growable columns that grew, and that stopped growing, and empty cells of columns without a cache
 * asked of their readers, in this thread (tests check the paths they mean to cover).
 */
export const cacheStats = { grown: 0, settled: 0, emptyAsked: 0 };
/** A reader's answer that raised an issue: the row goes to the ordinary path. */
export const BAD = Symbol('bad');
const NO_HOW = new Int8Array(0);
const NO_STORED = new Float64Array(0);

export type FastBuffer = Buffer & { utf8Slice(start: number, end: number): string; latin1Slice(start: number, end: number): string };

export interface LaneColumn {
  col: number;
  read: Read<unknown>;
  /** Remembered values by cell bytes (`cell` readers); null for ids and timestamps. */
  cache: BytesTable<unknown> | null;
  /**
   * Set when the column's dates can be read from their bytes (ISO-8601, or numeric day/month
   * dates): the zone for times without an offset. `dateShape` says which.
   */
  dateZone: Zone | null;
  dateShape: DateShape;
  /**
   * For the ticket lane: how each remembered value is stored, and the number stored (typed-lane.ts),
   * worked out once per distinct cell. Empty for columns without a cache.
   */
  how: Int8Array;
  stored: Float64Array;
  /** ReaderInfo.digits when plain-digit cells may be read as numbers here; NaN otherwise. */
  digits: number;
  /**
   * How many distinct cells the cache may hold. A growable column (group names) that is full
   * counts the cells it does not have: when GROW_CHECK of them took 4/3 × GROW_CHECK records or
   * more (a quarter or more of its cells were ones it has), the limit doubles, up to
   * MAX_NAMES_CACHED; otherwise (ids, free text: nearly every cell new) it stays. What a cell
   * reads as never depends on whether it was remembered.
   */
  limit: number;
  growable: boolean;
  /** While full and growable: the record it filled up at (-1 not full), and the cells it did not have since. */
  fullAt: number;
  unknownSince: number;
  /**
   * For a column without a cache (timestamps, ids): what its reader gives for an empty cell, once
   * asked (UNASKED before). Why: an open ticket's empty solved time was asked of the reader on
   * every row, the one cell of a Zendesk export's rows the lane did not read from its bytes.
   */
  empty: unknown;
}

/** `LaneColumn.empty` before the reader was asked. */
const UNASKED = Symbol('unasked');

/** How a date column's cells are read from bytes: ISO-8601, or numeric month-first or day-first. */
export type DateShape = 0 | 1 | 2;
const ISO_SHAPE = 0, MDY_SHAPE = 1, DMY_SHAPE = 2;

/** A date cell read from its bytes in the column's shape: epoch ms, or NaN when not of the fast shape (the reader decides). */
export function dateBytes(buf: Uint8Array, s: number, e: number, column: LaneColumn): number {
  return column.dateShape === ISO_SHAPE
    ? parseIsoBytes(buf, s, e, column.dateZone!)
    : parseNumericDateBytes(buf, s, e, column.dateShape === DMY_SHAPE, column.dateZone!);
}

/** A lane's view of one record: where its cells are in the bytes, and what each reads as. */
export class LaneCells {
  protected readonly starts: Int32Array;
  protected readonly ends: Int32Array;
  private readonly scratch: string[];
  /**
   * Per cell of this record: 1 when it is quoted with doubled quotes in it (`a""b` for a"b), and
   * `escapedRow` when any is. Such a cell's bytes are not its text: it is decoded with its quotes
   * undoubled, and never remembered by its bytes (an unquoted cell with the same bytes reads
   * differently), nor read as digits or a timestamp from them.
   */
  protected readonly escaped: Uint8Array;
  protected escapedRow = false;
  /** The line breaks of the last record split, and how many `escaped` flags it set (to clear before the next). */
  private readonly info: Int32Array;
  /** This thread's lane memory when the record's cells are there (lane-memory.ts): its read buffer's records are split there. */
  private readonly wasm: LaneMemory | null;
  /** Cache entry of the last `value` call (-1 none). */
  protected lastEntry = -1;
  /** Line breaks inside the quoted cells of the record `split` read last: the next record's line is this many further on. */
  breaks = 0;
  /** Records this lane has looked at (a worker's line numbers start again at each block). */
  protected records = 0;
  /** Columns.latestPlausible, read once (the clock does not move while a file is read). */
  protected readonly latestPlausible: number;

  protected constructor(
    protected readonly columns: Columns,
    protected readonly width: number,
    private readonly delimiter: number,
    private readonly recordDelimiter: number,
  ) {
    // The cells go where the splitter of this thread's lane memory writes them (every lane of the
    // thread shares them: a lane reads its record's cells before another lane splits one).
    const wasm = width <= MAX_SPLIT_CELLS ? laneMemory() : null;
    this.wasm = wasm;
    this.starts = wasm?.starts ?? new Int32Array(width);
    this.ends = wasm?.ends ?? new Int32Array(width);
    this.escaped = wasm?.escaped ?? new Uint8Array(width);
    this.info = wasm?.info ?? new Int32Array(2);
    this.scratch = new Array<string>(width).fill('');
    this.latestPlausible = columns.latestPlausible;
  }

  /** Whether a file can have a lane: one-byte delimiter, LF (1) or CRLF (2) line ends, not turned off. */
  static possible(width: number, delimiter: string, recordDelimiter: number): boolean {
    // TEAMKPI_TYPED_LANE=0 turns the lanes off (tests compare both ways; a suspected lane problem can be ruled out).
    return width > 0 && (recordDelimiter === 1 || recordDelimiter === 2) && delimiter.length === 1 && process.env.TEAMKPI_TYPED_LANE !== '0';
  }

  /** How the lane reads a reader's column, or null when the reader is not a plain one-cell reader. */
  static column(c: Columns, read: Read<unknown>, width: number, growable = false): LaneColumn | null {
    const info = readerInfo(read);
    const plain = { how: NO_HOW, stored: NO_STORED, digits: NaN, dateZone: null, dateShape: ISO_SHAPE as DateShape, limit: MAX_CACHED, growable: false, fullAt: -1, unknownSince: 0, empty: UNASKED as unknown };
    if (info?.kind === 'none') return { col: -1, read, cache: null, ...plain };
    if (info === undefined || info.col < 0 || info.col >= width) return null;
    if (info.kind === 'date') {
      const entry = c.dateColumn(info.col);
      // A date read from two columns (date + time of day) is not one cell.
      if (entry !== undefined && entry.time >= 0) return null;
      const format = entry?.format;
      const dateShape = format === ISO_FORMAT ? ISO_SHAPE : format?.dayFirst === undefined ? null : format.dayFirst ? DMY_SHAPE : MDY_SHAPE;
      return { col: info.col, read, cache: null, ...plain, dateZone: dateShape === null ? null : entry!.zone, dateShape: dateShape ?? ISO_SHAPE };
    }
    if (info.kind !== 'cell') return { col: info.col, read, cache: null, ...plain };
    // Digits are a number as they stand, unless this file reads some run of digits as empty.
    const digits = info.digits !== undefined && !c.blankWords.some((w) => /^\d+$/.test(w)) ? info.digits : NaN;
    return { col: info.col, read, cache: new BytesTable<unknown>(), ...plain, how: new Int8Array(MAX_CACHED), stored: new Float64Array(MAX_CACHED), digits, growable };
  }

  /**
   * Find the cells of the record starting at `pos` (not an empty line) in `starts` / `ends`.
   * Returns the position after its line end; 0 when the ordinary path must read it; -1 when its
   * line end is not in the bytes before `end` yet.
   */
  protected split(buf: FastBuffer, pos: number, end: number): number {
    const { starts, ends, width, delimiter } = this;
    // A record longer than this is the ordinary path's to refuse (its size limits live there).
    const more = end - pos > MAX_LANE_RECORD ? 0 : -1;
    if (pos >= end) return -1;
    if (buf[pos] === LF || buf[pos] === CR) return 0;
    this.records++;
    const info = this.info;
    if (this.wasm !== null && buf === this.wasm.bytes) {
      // The same split, 16 bytes a step (lane-split.wat).
      const next = this.wasm.split(pos, end, width, delimiter, this.recordDelimiter, more);
      this.escapedRow = info[INFO_CLEAR] !== 0;
      if (next > 0) this.breaks = info[INFO_BREAKS];
      return next;
    }
    if (info[INFO_CLEAR] !== 0) {
      this.escaped.fill(0, 0, info[INFO_CLEAR]);
      info[INFO_CLEAR] = 0;
    }
    this.escapedRow = false;
    let p = pos;
    let cells = 0;
    let breaks = 0;
    for (;;) {
      if (cells === width) return 0;
      if (p < end && buf[p] === QUOTE) {
        const s = p + 1;
        let q = s;
        for (;;) {
          if (q >= end) return more;
          const b = buf[q];
          if (b === QUOTE) {
            if (q + 1 >= end) return more;
            if (buf[q + 1] !== QUOTE) break;
            // A doubled quote is one quote of the cell's text (`escaped`).
            this.escaped[cells] = 1;
            this.escapedRow = true;
            info[INFO_CLEAR] = width;
            q += 2;
            continue;
          }
          if (b <= CR) {
            if (b === 0) return 0;
            // A line break inside quotes is the cell's text; the next record starts a line
            // further on for each, counted as the tokenizer counts them (\r\n, \n, a lone \r).
            if (b === CR || (b === LF && buf[q - 1] !== CR)) breaks++;
          }
          q++;
        }
        starts[cells] = s;
        ends[cells] = q;
        p = q + 1;
        if (p >= end) return more;
        const after = buf[p];
        if (after !== delimiter && after !== LF && after !== CR) return 0;
      } else {
        const s = p;
        while (p < end) {
          const b = buf[p];
          if (b === delimiter || b === LF || b === CR) break;
          if (b === 0) return 0;
          p++;
        }
        if (p >= end) return more;
        starts[cells] = s;
        ends[cells] = p;
      }
      cells++;
      const b = buf[p];
      if (b === delimiter) {
        p++;
        continue;
      }
      if (b === LF) {
        if (this.recordDelimiter !== 1) return 0;
        p++;
      } else {
        if (p + 1 >= end) return more;
        if (buf[p + 1] !== LF || this.recordDelimiter !== 2) return 0;
        p += 2;
      }
      break;
    }
    this.breaks = breaks;
    return cells === width ? p : 0;
  }

  /** What the column's reader gives for this row's cell, or BAD when it would raise an issue. */
  protected value(buf: FastBuffer, column: LaneColumn, line: number): unknown {
    this.lastEntry = -1;
    if (column.col < 0) return column.read(this.scratch, line);
    const s = this.starts[column.col];
    const e = this.ends[column.col];
    if (this.escapedRow && this.escaped[column.col] === 1) return this.ask(column, this.decode(buf, s, e).replaceAll('""', '"'), line);
    if (column.dateZone !== null) {
      const ms = dateBytes(buf, s, e, column);
      // The reader's plausibility rule (Columns.plausible): outside it, the ordinary path reports.
      if (ms === ms) return ms > 0 && ms <= this.latestPlausible ? ms : BAD;
    }
    const cache = column.cache;
    if (cache === null) {
      // The reader reads the cell alone, so an empty cell always reads the same (BAD included).
      if (s === e) {
        if (column.empty === UNASKED) {
          cacheStats.emptyAsked++;
          column.empty = this.ask(column, '', line);
        }
        return column.empty;
      }
      return this.ask(column, this.decode(buf, s, e), line);
    }
    const h = BytesTable.hash(buf, s, e);
    const at = cache.find(buf, s, e, h);
    if (at >= 0) {
      this.lastEntry = at;
      return cache.values[at];
    }
    const value = this.ask(column, this.decode(buf, s, e), line);
    if (cache.size < column.limit) this.lastEntry = cache.insert(buf.latin1Slice(s, e), h, value);
    else if (column.growable) this.fullColumn(column);
    return value;
  }

  /** A growable column met a cell it does not have while full: grow it, or stop it growing (LaneColumn.limit). */
  private fullColumn(column: LaneColumn): void {
    if (column.fullAt < 0) {
      column.fullAt = this.records;
      column.unknownSince = 0;
    }
    if (++column.unknownSince < GROW_CHECK) return;
    if ((this.records - column.fullAt) * 3 < GROW_CHECK * 4 || column.limit >= MAX_NAMES_CACHED) {
      column.growable = false;
      cacheStats.settled++;
      return;
    }
    cacheStats.grown++;
    column.limit *= 2;
    column.fullAt = -1;
    const how = new Int8Array(column.limit), stored = new Float64Array(column.limit);
    how.set(column.how);
    stored.set(column.stored);
    column.how = how;
    column.stored = stored;
  }

  /**
   * Between these two, issues are noted instead of reported (Columns.probing); `endProbe` is true
   * when one was raised, so the ordinary path reads the row and reports it in its place.
   */
  protected beginProbe(): void {
    this.columns.probing = true;
    this.columns.probed = false;
  }

  protected endProbe(): boolean {
    this.columns.probing = false;
    return this.columns.probed;
  }

  /** The reader's value for one cell text, with issues noted instead of reported. */
  private ask(column: LaneColumn, text: string, line: number): unknown {
    this.scratch[column.col] = text;
    this.beginProbe();
    let value: unknown;
    try {
      value = column.read(this.scratch, line);
    } finally {
      if (this.endProbe()) value = BAD;
    }
    return value;
  }

  private decode(buf: FastBuffer, s: number, e: number): string {
    let high = 0;
    for (let i = s; i < e; i++) high |= buf[i];
    return high < 0x80 ? buf.latin1Slice(s, e) : buf.utf8Slice(s, e);
  }
}

/** Bytes [s, e) as a number when they are a canonical whole number below 10^15 (digits, no leading zero), else -1. */
export function canonicalDigits(buf: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len === 0 || len > 15 || (buf[s] === 48 && len > 1)) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
