/**
 * The fast CSV tokenizer: a byte scanner for the well-formed RFC 4180 files helpdesks export
 * (quoted fields, doubled quotes, quoted newlines, LF or CRLF records, UTF-8 BOM).
 *
 * Why our own: csv-parse's per-record cost alone is several times DuckDB's whole job on a
 * million tickets (see bench/README.md); this scanner works on the raw bytes and decodes only
 * the cells a mapper reads. csv-parse stays the careful path: whenever this scanner meets
 * anything outside the shape it knows exactly how csv-parse reads (a lone CR, mixed record
 * delimiters, text after a closing quote, an unclosed quote, a UTF-16 BOM, a record over
 * 1 MB), it stops at the start of that record and the reader hands the rest of the file to
 * csv-parse. Both paths give identical records, start lines and issues (tests/unit/ingest).
 *
 * Semantics copied from csv-parse with the options in read-csv.ts (bom, relax_quotes,
 * relax_column_count, skip_empty_lines): a quote opens a quoted field only as the field's first
 * byte (elsewhere it is a literal character); empty lines are skipped but counted; the record
 * delimiter is the first line break outside quotes (`\n` or `\r\n`). Lines are counted with
 * `\r\n`, `\n` and a lone `\r` each as one break, the rule LineCounter uses for the careful path.
 */

import { BytesTable } from './bytes-table.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** A single record longer than this goes to the careful path (which enforces the real limit). */
const MAX_FAST_RECORD = 1 << 20;
/** Interning (see `intern`) is tried on this many leading columns … */
const MAX_INTERNED_COLUMNS = 256;
/** … and given up for a column with more distinct values than this. */
const MAX_INTERNED_VALUES = 4096;

export interface TokenBatch {
  records: string[][];
  lines: number[];
}

/** Why the fast path stopped, for debugging; the reader continues with csv-parse. */
export type BailReason = 'utf16-bom' | 'lone-cr' | 'mixed-record-delimiter' | 'text-after-quote' | 'unclosed-quote' | 'record-too-long';

// Buffer's native slicers skip toString's argument checks (the hot path decodes ~10 cells a row).
type FastBuffer = Buffer & { utf8Slice(start: number, end: number): string; latin1Slice(start: number, end: number): string };

export class FastCsvTokenizer {
  /** 0 = not yet seen, 1 = `\n`, 2 = `\r\n`. */
  recordDelimiter = 0;
  /** Line of the next byte to scan (1-based). */
  line = 1;
  /** Absolute byte offset of the start of the unconsumed input. */
  offset = 0;
  bail: BailReason | null = null;
  /**
   * Absolute offset at which no record may start: scanning stops there (`stopped` turns true) and
   * the rest belongs to the next block of a parallel read. Infinity: read to the end.
   */
  stopAt = Infinity;
  stopped = false;
  /**
   * Whether cells are interned (`intern`). The reader turns it off for a file's first batch: a
   * lane reads the rest of most files, and interning the header and the few hundred rows the
   * mapper detects its formats from cost more, in code not yet compiled, than it saved (~5 ms of
   * a 100k-ticket report; bench/README.md, item 31).
   */
  interning = true;
  private started = false;
  private readonly internTables: (BytesTable<null> | undefined)[] = [];
  private readonly internOff = new Uint8Array(MAX_INTERNED_COLUMNS);
  private readonly delimiter: number;

  /**
   * @param delimiter one-character field delimiter
   * @param needed per column: decode it (true) or leave '' (false); null decodes all. Columns past
   *   the mask's end are decoded.
   */
  constructor(delimiter: string, public needed: readonly boolean[] | null = null) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /**
   * Continue a file from a record start found by another tokenizer (a parallel read's block):
   * absolute `offset`, its `line`, the record delimiter seen so far (0 none yet, 1 LF, 2 CRLF).
   */
  resumeAt(offset: number, line: number, recordDelimiter: number): this {
    this.started = true;
    this.offset = offset;
    this.line = line;
    this.recordDelimiter = recordDelimiter;
    return this;
  }

  /**
   * Tokenize the complete records of `buf` into `out`, and return how many bytes were consumed
   * (the rest is an incomplete record to be given again with more bytes). When `final`, the
   * input ends with `buf` and a last record without a line break is complete. Sets `bail` and
   * stops at the start of the record it cannot read exactly; the caller continues from there.
   */
  scan(input: Buffer, final: boolean, out: TokenBatch, maxRecords = Infinity): number {
    const buf = input as FastBuffer;
    const end = buf.length;
    const internedColumns = this.interning ? MAX_INTERNED_COLUMNS : 0;
    let pos = 0;
    if (!this.started) {
      if (end < 3 && !final) return 0;
      this.started = true;
      if (end >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
        this.bail = 'utf16-bom';
        return 0;
      }
      if (end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    const delimiter = this.delimiter;
    const needed = this.needed;
    const neededLength = needed === null ? 0 : needed.length;
    let consumed = pos;
    let line = this.line;
    let rd = this.recordDelimiter;

    const stopAt = this.stopAt - this.offset;
    const outAtStart = out.records.length;
    records: while (pos < end) {
      if (pos >= stopAt) {
        this.stopped = true;
        break;
      }
      if (out.records.length - outAtStart >= maxRecords) break;
      const recordStart = pos;
      const recordLine = line;
      // Empty lines are skipped (and counted).
      const first = buf[pos];
      if (first === LF || first === CR) {
        if (first === CR) {
          if (pos + 1 >= end && !final) break;
          if (buf[pos + 1] !== LF) return this.stop('lone-cr', recordStart, line, consumed);
          if (rd === 1) return this.stop('mixed-record-delimiter', recordStart, line, consumed);
          rd = 2;
          pos += 2;
        } else {
          if (rd === 2) return this.stop('mixed-record-delimiter', recordStart, line, consumed);
          rd = 1;
          pos += 1;
        }
        line++;
        consumed = pos;
        this.recordDelimiter = rd;
        continue;
      }
      const record: string[] = [];
      let column = 0;
      for (;;) {
        // One field starting at pos.
        let value = '';
        const decode = column >= neededLength || needed![column];
        if (pos < end && buf[pos] === QUOTE) {
          const start = pos + 1;
          let p = start;
          let escaped = false;
          let high = 0;
          for (;;) {
            if (p >= end) {
              if (final) return this.stop('unclosed-quote', recordStart, recordLine, consumed);
              if (p - recordStart > MAX_FAST_RECORD) return this.stop('record-too-long', recordStart, recordLine, consumed);
              { line = recordLine; break records; }
            }
            const c = buf[p];
            if (c === QUOTE) {
              if (p + 1 >= end && !final) { line = recordLine; break records; }
              if (buf[p + 1] === QUOTE) {
                escaped = true;
                p += 2;
                continue;
              }
              break;
            }
            if (c === LF) {
              if (p === start || buf[p - 1] !== CR) line++;
            } else if (c === CR) {
              line++;
            }
            high |= c;
            p++;
          }
          if (decode) {
            if (escaped) value = (high < 0x80 ? buf.latin1Slice(start, p) : buf.utf8Slice(start, p)).replaceAll('""', '"');
            else if (high < 0x80 && column < internedColumns && this.internOff[column] === 0 && p > start) value = this.intern(buf, start, p, column);
            else value = high < 0x80 ? buf.latin1Slice(start, p) : buf.utf8Slice(start, p);
          }
          pos = p + 1;
          if (pos < end) {
            const c = buf[pos];
            if (c !== delimiter && c !== LF && c !== CR) return this.stop('text-after-quote', recordStart, recordLine, consumed);
          }
        } else {
          const start = pos;
          let high = 0;
          let c = 0;
          while (pos < end) {
            c = buf[pos];
            if (c === delimiter || c === LF || c === CR) break;
            high |= c;
            pos++;
          }
          if (pos >= end && !final) {
            if (pos - recordStart > MAX_FAST_RECORD) return this.stop('record-too-long', recordStart, recordLine, consumed);
            { line = recordLine; break records; }
          }
          if (decode && pos > start) {
            value = high < 0x80 && column < internedColumns && this.internOff[column] === 0
              ? this.intern(buf, start, pos, column)
              : high < 0x80 ? buf.latin1Slice(start, pos) : buf.utf8Slice(start, pos);
          }
        }
        record.push(value);
        column++;
        // What ends the field: a delimiter, a record delimiter, or the end of the input.
        if (pos >= end) {
          if (!final) { line = recordLine; break records; }
          pos = end;
          break;
        }
        const c = buf[pos];
        if (c === delimiter) {
          pos++;
          if (pos >= end && !final) { line = recordLine; break records; }
          continue;
        }
        if (c === LF) {
          if (rd === 2) return this.stop('mixed-record-delimiter', recordStart, recordLine, consumed);
          rd = 1;
          pos++;
        } else {
          if (pos + 1 >= end && !final) { line = recordLine; break records; }
          if (buf[pos + 1] !== LF) return this.stop('lone-cr', recordStart, recordLine, consumed);
          if (rd === 1) return this.stop('mixed-record-delimiter', recordStart, recordLine, consumed);
          rd = 2;
          pos += 2;
        }
        line++;
        break;
      }
      out.records.push(record);
      out.lines.push(recordLine);
      consumed = pos;
      this.recordDelimiter = rd;
    }
    // A record cut at the end of the buffer is scanned again from its start (and its line).
    this.line = line;
    this.offset += consumed;
    return consumed;
  }

  /**
   * The string for an ASCII cell, shared by every cell with the same bytes in this column: agent,
   * team, status and count columns repeat a few values a million times, and one shared string
   * (with its hash cached by the engine) saves an allocation per cell and a hash per Map lookup
   * later. A column with too many distinct values (ids, timestamps) stops being interned.
   */
  private intern(buf: FastBuffer, start: number, end: number, column: number): string {
    const h = BytesTable.hash(buf, start, end);
    let table = this.internTables[column];
    if (table === undefined) this.internTables[column] = table = new BytesTable<null>();
    const found = table.find(buf, start, end, h);
    if (found >= 0) return table.keys[found];
    // An ASCII cell: one char per byte, so the string is also the table's key.
    const value = buf.latin1Slice(start, end);
    if (table.size >= MAX_INTERNED_VALUES) {
      this.internOff[column] = 1;
      this.internTables[column] = undefined;
      return value;
    }
    table.insert(value, h, null);
    return value;
  }

  private stop(reason: BailReason, recordStart: number, recordLine: number, _consumed: number): number {
    this.bail = reason;
    this.line = recordLine;
    this.offset += recordStart;
    return recordStart;
  }
}
