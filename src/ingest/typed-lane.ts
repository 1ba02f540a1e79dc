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
 * not sure of — a cell whose reader would raise an issue, text after a closing quote, a NUL
 * byte, the wrong number of cells, an unexpected line end — is left to the
 * ordinary path (tokenizer, mapper), which reads and reports it as always. Tests run both ways
 * over every fixture and real export (tests/integration/parallel-read.test.ts).
 */
import type { SurveyColumns } from '../model/survey-columns.js';
import type { TicketBatch } from '../model/ticket-batch.js';
import type { SurveyResponse } from '../model/types.js';
import type { CsatCell } from './csat.js';
import type { LaneSpec } from './preset.js';
import type { Read, TicketField } from './ticket-mapper.js';
import type { Columns } from './columns.js';
import { BytesTable } from './bytes-table.js';
import { MAX_PREFIX_LENGTH, digitsWidth, prefixKey, prefixedId } from '../model/ticket-id.js';
import { BAD, LaneCells, canonicalDigits, dateBytes, type FastBuffer, type LaneColumn } from './lane-cells.js';

const NO_STORED = new Float64Array(0);
const NO_FLAGS = new Int8Array(0);
const NO_CODES = new Int32Array(0);

/** How a field's value for this row is stored: by its writer, as a number, as a flag, as a remembered text code. */
const STORE_WRITE = 0;
const STORE_NUMBER = 1;
const STORE_FLAG = 2;
const STORE_TEXT = 3;

export class TypedLane extends LaneCells {
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
  private targetsArrays = -1;
  /** The response the last row read gave from its own rating cell, if any (the reader passes it on). */
  lastSurvey: SurveyResponse | null = null;

  private constructor(
    columns: Columns,
    private readonly id: LaneColumn,
    private readonly createdAt: LaneColumn,
    private readonly fields: LaneSpec['fields'],
    private readonly fieldColumns: LaneColumn[],
    width: number,
    delimiter: number,
    recordDelimiter: number,
    private readonly rating: { spec: NonNullable<LaneSpec['rating']>; csat: LaneColumn; at: LaneColumn | null; agent: LaneColumn | null } | null,
    /** The batch rows are written to (the reader may swap it between blocks). */
    private readonly batch: () => TicketBatch,
    /** Where a row's rating response goes when the spec can write it (a reader thread's block), else null: `lastSurvey`. */
    private readonly surveys: (() => SurveyColumns) | null,
  ) {
    super(columns, width, delimiter, recordDelimiter);
    this.values = new Array<unknown>(fields.length).fill(null);
    this.entries = new Int32Array(fields.length);
    this.how = new Int8Array(fields.length);
    this.stored = new Float64Array(fields.length);
    // Digits are the id as they stand, unless this file reads some run of digits as empty.
    this.numericIds = id.cache === null && id.dateZone === null && id.col >= 0 && !columns.blankWords.some((w) => /^\d+$/.test(w));
    // So is a short printable prefix and digits, unless some such text reads as empty.
    this.prefixedIds = this.numericIds && !columns.blankWords.some((w) => /\d$/.test(w));
  }

  private readonly numericIds: boolean;
  private readonly prefixedIds: boolean;
  /** The number of the last id `prefixOf` read, and the bytes, digit width and key of its prefix. */
  private prefixNumber = 0;
  private readonly lastPrefixBytes = new Uint8Array(MAX_PREFIX_LENGTH);
  private lastPrefixLength = -1;
  private lastPrefixWidth = -1;
  private lastPrefixKey: string | null = null;

  /**
   * The lane for a mapper's spec, or null when some read is not a plain one-cell reader (the whole
   * file then takes the ordinary path). `recordDelimiter`: 1 LF, 2 CRLF, as the file began.
   */
  static create(
    spec: LaneSpec | undefined, width: number, delimiter: string, recordDelimiter: number, batch: () => TicketBatch, surveys: (() => SurveyColumns) | null = null,
  ): TypedLane | null {
    if (spec === undefined || !LaneCells.possible(width, delimiter, recordDelimiter)) return null;
    const c = spec.columns;
    const column = (read: Read<unknown>, names = false): LaneColumn | null => LaneCells.column(c, read, width, names);
    const id = column(spec.id);
    const createdAt = column(spec.createdAt);
    // Text fields (agent, team, channel, …) name groups: their columns may remember more cells.
    const fieldColumns = spec.fields.map((f) => column(f.read, f.text !== undefined));
    if (id === null || createdAt === null || fieldColumns.some((f) => f === null)) return null;
    let rating: TypedLane['rating'] = null;
    if (spec.rating !== undefined) {
      const csat = column(spec.rating.csat);
      const at = spec.rating.csatAt === undefined ? null : column(spec.rating.csatAt);
      const agent = spec.rating.csatAgent === undefined ? null : column(spec.rating.csatAgent);
      if (csat === null || (spec.rating.csatAt !== undefined && at === null) || (spec.rating.csatAgent !== undefined && agent === null)) return null;
      rating = { spec: spec.rating, csat, at, agent };
    }
    const into = rating !== null && rating.spec.write !== undefined ? surveys : null;
    return new TypedLane(c, id, createdAt, spec.fields, fieldColumns as LaneColumn[], width, delimiter.charCodeAt(0), recordDelimiter, rating, batch, into);
  }

  /**
   * Read the record starting at `pos` (not an empty line) into the batch. Returns the position
   * after its line end; 0 when the ordinary path must read it; -1 when its line end is not in the
   * bytes before `end` yet.
   */
  read(input: Buffer, pos: number, end: number, line: number): number {
    const buf = input as FastBuffer;
    const p = this.split(buf, pos, end);
    if (p <= 0) return p;
    const { starts, ends } = this;

    // A canonical whole-number id (what most helpdesks use) is what the id reader gives as text,
    // so it goes in as a number, without a string; so does the number of an id that is a short
    // prefix and digits (`TCK-00000001`), under its prefix's key; anything else is asked of the
    // reader. (A cell with doubled quotes is never digits or a timestamp by its bytes: they hold a quote.)
    const id = this.numericIds ? canonicalDigits(buf, starts[this.id.col], ends[this.id.col]) : -1;
    const prefix = id < 0 && this.prefixedIds ? this.prefixOf(buf, starts[this.id.col], ends[this.id.col]) : null;
    const idValue = id >= 0 ? id : prefix !== null ? this.prefixNumber : this.value(buf, this.id, line);
    if (idValue === BAD || idValue === null) return 0;
    const created = this.createdAt;
    let createdAt = created.dateZone === null ? NaN : dateBytes(buf, starts[created.col], ends[created.col], created);
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
      if (column.digits === column.digits && fields[i].number !== undefined) {
        // Plain digits in a count or duration column: the number the reader gives (ReaderInfo.digits).
        const n = canonicalDigits(buf, starts[column.col], ends[column.col]);
        if (n >= 0) {
          how[i] = STORE_NUMBER;
          stored[i] = n * column.digits;
          continue;
        }
      }
      const cache = column.cache;
      if (cache !== null && !(this.escapedRow && this.escaped[column.col] === 1)) {
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
      } else if (column.dateZone !== null && fields[i].number !== undefined) {
        // A timestamp of the fast shape is a number: stored without boxing it.
        const ms = dateBytes(buf, starts[column.col], ends[column.col], column);
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
        const respondedAt = (at as number | null | undefined) ?? null;
        // A whole-number id stays a number into the block's columns (no object, no string).
        const ticket = id >= 0 ? id : prefix !== null ? prefixedId(prefix, idValue as number) : (idValue as string);
        if (this.surveys !== null) rating.spec.write!(ticket, line, cell, respondedAt, agent as string | null, this.surveys());
        else survey = rating.spec.survey(String(ticket), line, cell, respondedAt, agent as string | null);
      }
    }
    this.lastSurvey = survey;
    const batch = this.batch();
    const k = prefix !== null ? batch.addPrefixedRow(prefix, idValue as number, line) : batch.addRow(idValue as string | number, line);
    batch.numbers.createdAt[k] = createdAt;
    if (batch !== this.targetsOf || batch.arrays !== this.targetsArrays) this.findTargets(batch);
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

  /**
   * The prefix key (`prefixKey`) of an id cell that is 0–16 printable ASCII characters (no quote,
   * no space) followed by 1–15 digits, with the digits' number in `prefixNumber`; null for any
   * other cell. Such a cell is what the id reader gives as text, and the ticket index names it so
   * (TicketIndex.get): a prefix key and a number.
   */
  private prefixOf(buf: FastBuffer, s: number, e: number): string | null {
    let d = e;
    while (d > s && buf[d - 1] >= 48 && buf[d - 1] <= 57) d--;
    const digits = e - d, length = d - s;
    if (digits === 0 || digits > 15 || length > MAX_PREFIX_LENGTH) return null;
    // A digit then an exponent (`1.25E+17`, `1E5`) may be an id a spreadsheet turned into
    // scientific notation, which the id reader reports: it is asked.
    const last = buf[d - 1];
    const exponent = last === 0x2b ? buf[d - 2] : last;
    if (length > 0 && buf[s] >= 48 && buf[s] <= 57 && (exponent === 0x45 || exponent === 0x65)) return null;
    for (let p = s; p < d; p++) {
      const c = buf[p];
      if (c <= 0x20 || c >= 0x7f || c === 0x22) return null;
    }
    let n = 0;
    for (let p = d; p < e; p++) n = n * 10 + (buf[p] - 48);
    this.prefixNumber = n;
    // The width names the key only when the digits have leading zeros (`T-007` is not `T-7`).
    const width = digitsWidth(buf[d] === 48, digits);
    if (width === this.lastPrefixWidth && length === this.lastPrefixLength) {
      let same = true;
      for (let j = 0; j < length && same; j++) same = buf[s + j] === this.lastPrefixBytes[j];
      if (same) return this.lastPrefixKey;
    }
    this.lastPrefixBytes.set(buf.subarray(s, d));
    this.lastPrefixLength = length;
    this.lastPrefixWidth = width;
    return (this.lastPrefixKey = prefixKey(buf.latin1Slice(s, d), width));
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
    this.targetsArrays = batch.arrays;
  }
}
