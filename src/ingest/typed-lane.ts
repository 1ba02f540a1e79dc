/**
 * The typed lane: ticket rows read straight from the file's bytes into the ticket batch, with no
 * string per cell, no record array and no parse per row of a value seen before.
 *
 * Why: on a million generic tickets, making a string of every cell and parsing it again took
 * most of the reading time (bench/README.md). Most cells repeat (agents, teams, statuses, counts,
 * flags, tags), and the rest are ids and timestamps of one fixed shape.
 *
 * Exactness: the lane never decides what a cell means by itself. Each column's value is what the
 * preset's own reader gives for that cell's text, asked once per distinct cell (and remembered,
 * by the cell's bytes); only ISO-8601 timestamps of the exact fast shape are computed from the
 * bytes, by the same arithmetic the string parser uses (parse-timestamp.ts); a rating cell gives
 * the same linked response the mapper builds (LaneSpec.rating). A row the lane is
 * not sure of — a cell whose reader would raise an issue, a quoted cell with a quote or a line
 * break in it, a NUL byte, the wrong number of cells, an unexpected line end — is left to the
 * ordinary path (tokenizer, mapper), which reads and reports it as always. Tests run both ways
 * over every fixture and real export (tests/integration/parallel-read.test.ts).
 */
import { ISO_FORMAT } from '../time/date-format.js';
import { parseIsoBytes } from '../time/parse-timestamp.js';
import type { Zone } from '../time/zone.js';
import type { TicketBatch } from '../model/ticket-batch.js';
import type { SurveyResponse } from '../model/types.js';
import type { CsatCell } from './csat.js';
import type { Columns } from './columns.js';
import type { LaneSpec } from './preset.js';
import { readerInfo, type Read, type TicketField } from './ticket-mapper.js';
import { BytesTable } from './bytes-table.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Records longer than this (bytes) are left to the ordinary path. */
const MAX_LANE_RECORD = 1 << 16;
/** A column remembers at most this many distinct cells; past that its cells are read one by one. */
const MAX_CACHED = 4096;
/** A reader's answer that raised an issue: the row goes to the ordinary path. */
const BAD = Symbol('bad');
const NO_HOW = new Int8Array(0);
const NO_STORED = new Float64Array(0);
const NO_FLAGS = new Int8Array(0);
const NO_CODES = new Int32Array(0);

type FastBuffer = Buffer & { utf8Slice(start: number, end: number): string; latin1Slice(start: number, end: number): string };

interface LaneColumn {
  col: number;
  read: Read<unknown>;
  /** Remembered values by cell bytes (`cell` readers); null for ids and timestamps. */
  cache: BytesTable<unknown> | null;
  /** Set when the column is an ISO-8601 timestamp column: the zone for times without an offset. */
  isoZone: Zone | null;
  /**
   * How each remembered value is stored (`STORE_*`), and the number stored: a number field's
   * number, a flag field's 1 / 0. Worked out once per distinct cell, so a row stores typed values
   * without calling the field's writer.
   */
  how: Int8Array;
  stored: Float64Array;
}

/** How a field's value for this row is stored: by its writer, as a number, as a flag, as a remembered text code. */
const STORE_WRITE = 0;
const STORE_NUMBER = 1;
const STORE_FLAG = 2;
const STORE_TEXT = 3;

export class TypedLane {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly scratch: string[];
  private readonly values: unknown[];
  /** Per field: the cache entry its value came from (-1: not from a cache). */
  private readonly entries: Int32Array;
  /** Per field, for this row: how its value is stored (STORE_*) and the number stored. */
  private readonly how: Int8Array;
  private readonly stored: Float64Array;
  /**
   * Per field: the batch column a stored number, flag or text code goes to, looked up once per
   * batch (a lookup by field name per cell was a large share of the lane's time).
   */
  private numberTargets: Float64Array[] = [];
  private flagTargets: Int8Array[] = [];
  private textTargets: Int32Array[] = [];
  private targetsOf: TicketBatch | null = null;
  private targetsCapacity = -1;
  /** Cache entry of the last `value` call (-1 none). */
  private lastEntry = -1;
  /** The response the last row read gave from its own rating cell, if any (the reader passes it on). */
  lastSurvey: SurveyResponse | null = null;

  private constructor(
    private readonly columns: Columns,
    private readonly id: LaneColumn,
    private readonly createdAt: LaneColumn,
    private readonly fields: LaneSpec['fields'],
    private readonly fieldColumns: LaneColumn[],
    private readonly width: number,
    private readonly delimiter: number,
    private readonly recordDelimiter: number,
    private readonly rating: { spec: NonNullable<LaneSpec['rating']>; csat: LaneColumn; at: LaneColumn | null; agent: LaneColumn | null } | null,
  ) {
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.scratch = new Array<string>(width).fill('');
    this.values = new Array<unknown>(fields.length).fill(null);
    this.entries = new Int32Array(fields.length);
    this.how = new Int8Array(fields.length);
    this.stored = new Float64Array(fields.length);
    // Digits are the id as they stand, unless this file reads some run of digits as empty.
    this.latestPlausible = columns.latestPlausible;
    this.numericIds = id.cache === null && id.isoZone === null && id.col >= 0 && !columns.blankWords.some((w) => /^\d+$/.test(w));
  }

  private readonly numericIds: boolean;
  /** Columns.latestPlausible, read once (the clock does not move while a file is read). */
  private readonly latestPlausible: number;

  /**
   * The lane for a mapper's spec, or null when some read is not a plain one-cell reader (the whole
   * file then takes the ordinary path). `recordDelimiter`: 1 LF, 2 CRLF, as the file began.
   */
  static create(spec: LaneSpec | undefined, width: number, delimiter: string, recordDelimiter: number): TypedLane | null {
    if (spec === undefined || (recordDelimiter !== 1 && recordDelimiter !== 2) || delimiter.length !== 1) return null;
    // TEAMKPI_TYPED_LANE=0 turns the lane off (tests compare both ways; a suspected lane problem can be ruled out).
    if (process.env.TEAMKPI_TYPED_LANE === '0') return null;
    const c = spec.columns;
    const column = (read: Read<unknown>): LaneColumn | null => {
      const info = readerInfo(read);
      const plain = { how: NO_HOW, stored: NO_STORED };
      if (info?.kind === 'none') return { col: -1, read, cache: null, isoZone: null, ...plain };
      if (info === undefined || info.col < 0 || info.col >= width) return null;
      if (info.kind === 'date') {
        const entry = c.dateColumn(info.col);
        // A date read from two columns (date + time of day) is not one cell.
        if (entry !== undefined && entry.time >= 0) return null;
        return { col: info.col, read, cache: null, isoZone: entry !== undefined && entry.format === ISO_FORMAT ? entry.zone : null, ...plain };
      }
      if (info.kind !== 'cell') return { col: info.col, read, cache: null, isoZone: null, ...plain };
      return { col: info.col, read, cache: new BytesTable<unknown>(), isoZone: null, how: new Int8Array(MAX_CACHED), stored: new Float64Array(MAX_CACHED) };
    };
    const id = column(spec.id);
    const createdAt = column(spec.createdAt);
    const fieldColumns = spec.fields.map((f) => column(f.read));
    if (id === null || createdAt === null || fieldColumns.some((f) => f === null)) return null;
    let rating: TypedLane['rating'] = null;
    if (spec.rating !== undefined) {
      const csat = column(spec.rating.csat);
      const at = spec.rating.csatAt === undefined ? null : column(spec.rating.csatAt);
      const agent = spec.rating.csatAgent === undefined ? null : column(spec.rating.csatAgent);
      if (csat === null || (spec.rating.csatAt !== undefined && at === null) || (spec.rating.csatAgent !== undefined && agent === null)) return null;
      rating = { spec: spec.rating, csat, at, agent };
    }
    return new TypedLane(c, id, createdAt, spec.fields, fieldColumns as LaneColumn[], width, delimiter.charCodeAt(0), recordDelimiter, rating);
  }

  /**
   * Read the record starting at `pos` (not an empty line) into `batch`. Returns the position after
   * its line end; 0 when the ordinary path must read it; -1 when its line end is not in the bytes
   * before `end` yet.
   */
  read(input: Buffer, pos: number, end: number, line: number, batch: TicketBatch): number {
    const buf = input as FastBuffer;
    const { starts, ends, width, delimiter } = this;
    // A record longer than this is the ordinary path's to refuse (its size limits live there).
    const more = end - pos > MAX_LANE_RECORD ? 0 : -1;
    if (pos >= end) return -1;
    if (buf[pos] === LF || buf[pos] === CR) return 0;
    let p = pos;
    let cells = 0;
    for (;;) {
      if (cells === width) return 0;
      if (p < end && buf[p] === QUOTE) {
        const s = p + 1;
        let q = s;
        for (;;) {
          if (q >= end) return more;
          const b = buf[q];
          if (b === QUOTE) break;
          if (b === LF || b === CR || b === 0) return 0;
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
    if (cells !== width) return 0;

    // A canonical whole-number id (what most helpdesks use) is what the id reader gives as text,
    // so it goes in as a number, without a string; anything else is asked of the reader.
    const id = this.numericIds ? canonicalDigits(buf, starts[this.id.col], ends[this.id.col]) : -1;
    const idValue = id >= 0 ? id : this.value(buf, this.id, line);
    if (idValue === BAD || idValue === null) return 0;
    const created = this.createdAt;
    let createdAt = created.isoZone === null ? NaN : parseIsoBytes(buf, starts[created.col], ends[created.col], created.isoZone);
    if (createdAt === createdAt) {
      if (!(createdAt > 0 && createdAt <= this.latestPlausible)) return 0;
    } else {
      const value = this.value(buf, created, line);
      if (value === BAD || value === null || value === undefined) return 0;
      createdAt = value as number;
    }
    const { values, entries, how, stored, fields } = this;
    const fieldColumns = this.fieldColumns;
    for (let i = 0; i < fieldColumns.length; i++) {
      const column = fieldColumns[i];
      const cache = column.cache;
      if (cache !== null) {
        // A remembered cell (most cells): how it is stored was learned from its first row.
        const s = starts[column.col], e = ends[column.col];
        const at = cache.find(buf, s, e, BytesTable.hash(buf, s, e));
        if (at >= 0) {
          const h = column.how[at];
          how[i] = h;
          if (h !== STORE_WRITE) stored[i] = column.stored[at];
          else {
            const v = cache.values[at];
            if (v === BAD) return 0;
            values[i] = v;
            entries[i] = at;
          }
          continue;
        }
      } else if (column.isoZone !== null && fields[i].number !== undefined) {
        // A timestamp of the fast shape is a number: stored without boxing it.
        const ms = parseIsoBytes(buf, starts[column.col], ends[column.col], column.isoZone);
        if (ms === ms) {
          if (!(ms > 0 && ms <= this.latestPlausible)) return 0;
          how[i] = STORE_NUMBER;
          stored[i] = ms;
          continue;
        }
      }
      const v = this.value(buf, column, line);
      if (v === BAD) return 0;
      const at = this.lastEntry;
      entries[i] = at;
      if (at >= 0) {
        how[i] = column.how[at];
        stored[i] = column.stored[at];
      } else {
        how[i] = STORE_WRITE;
      }
      values[i] = v;
    }
    // The row's own rating (a response linked to the ticket), read like the other cells.
    let survey: SurveyResponse | null = null;
    const rating = this.rating;
    if (rating !== null) {
      const cell = this.value(buf, rating.csat, line) as CsatCell | typeof BAD;
      if (cell === BAD) return 0;
      if (cell !== null) {
        const at = rating.at === null ? null : this.value(buf, rating.at, line);
        const agent = rating.agent === null ? null : this.value(buf, rating.agent, line);
        if (at === BAD || agent === BAD) return 0;
        survey = rating.spec.survey(id >= 0 ? String(id) : (idValue as string), line, cell, (at as number | null | undefined) ?? null, agent as string | null);
      }
    }
    this.lastSurvey = survey;
    const k = batch.addRow(idValue as string | number, line);
    batch.numbers.createdAt[k] = createdAt;
    if (batch !== this.targetsOf || batch.capacity !== this.targetsCapacity) this.findTargets(batch);
    for (let i = 0; i < fields.length; i++) {
      const h = how[i];
      if (h === STORE_NUMBER) this.numberTargets[i][k] = stored[i];
      else if (h === STORE_FLAG) this.flagTargets[i][k] = stored[i];
      else if (h === STORE_TEXT) this.textTargets[i][k] = stored[i];
      else {
        const field = fields[i];
        field.write(batch, k, values[i]);
        const at = entries[i];
        // A remembered value: how it was stored is remembered too (text codes the first time they
        // were written the usual way, so codes are handed out in the same order).
        if (at >= 0) this.learn(fieldColumns[i], field, at, values[i], batch, k);
      }
    }
    return p;
  }

  /** Remember how remembered value `at` of a field's column is stored, from its first row. */
  private learn(column: LaneColumn, field: TicketField, at: number, value: unknown, batch: TicketBatch, k: number): void {
    if (field.text !== undefined) {
      column.how[at] = STORE_TEXT;
      column.stored[at] = batch.texts[field.text][k];
    } else if (field.number !== undefined && (typeof value === 'number' || value === null)) {
      // null leaves the field unknown: the NaN the row started with.
      column.how[at] = STORE_NUMBER;
      column.stored[at] = value ?? NaN;
    } else if (field.flag !== undefined && (typeof value === 'boolean' || value === null)) {
      column.how[at] = STORE_FLAG;
      column.stored[at] = value === null ? -1 : value ? 1 : 0;
    }
  }

  /** The batch columns each field stores into (again whenever the batch or its arrays change). */
  private findTargets(batch: TicketBatch): void {
    this.numberTargets = this.fields.map((f) => (f.number === undefined ? NO_STORED : batch.numbers[f.number]));
    this.flagTargets = this.fields.map((f) => (f.flag === undefined ? NO_FLAGS : batch.flags[f.flag]));
    this.textTargets = this.fields.map((f) => (f.text === undefined ? NO_CODES : batch.texts[f.text]));
    this.targetsOf = batch;
    this.targetsCapacity = batch.capacity;
  }

  /** What the column's reader gives for this row's cell, or BAD when it would raise an issue. */
  private value(buf: FastBuffer, column: LaneColumn, line: number): unknown {
    this.lastEntry = -1;
    if (column.col < 0) return column.read(this.scratch, line);
    const s = this.starts[column.col];
    const e = this.ends[column.col];
    if (column.isoZone !== null) {
      const ms = parseIsoBytes(buf, s, e, column.isoZone);
      // The reader's plausibility rule (Columns.plausible): outside it, the ordinary path reports.
      if (ms === ms) return ms > 0 && ms <= this.latestPlausible ? ms : BAD;
    }
    const cache = column.cache;
    if (cache === null) return this.ask(column, this.decode(buf, s, e), line);
    const h = BytesTable.hash(buf, s, e);
    const at = cache.find(buf, s, e, h);
    if (at >= 0) {
      this.lastEntry = at;
      return cache.values[at];
    }
    const value = this.ask(column, this.decode(buf, s, e), line);
    if (cache.size < MAX_CACHED) this.lastEntry = cache.insert(buf.latin1Slice(s, e), h, value);
    return value;
  }

  /** The reader's value for one cell text, with issues noted instead of reported (Columns.probing). */
  private ask(column: LaneColumn, text: string, line: number): unknown {
    const c = this.columns;
    this.scratch[column.col] = text;
    c.probing = true;
    c.probed = false;
    let value: unknown;
    try {
      value = column.read(this.scratch, line);
    } finally {
      c.probing = false;
    }
    return c.probed ? BAD : value;
  }

  private decode(buf: FastBuffer, s: number, e: number): string {
    let high = 0;
    for (let i = s; i < e; i++) high |= buf[i];
    return high < 0x80 ? buf.latin1Slice(s, e) : buf.utf8Slice(s, e);
  }
}

/** Bytes [s, e) as a number when they are a canonical whole number below 10^15 (digits, no leading zero), else -1. */
function canonicalDigits(buf: Uint8Array, s: number, e: number): number {
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
