import { isUtf8 } from 'node:buffer';
import { readSync } from 'node:fs';
import type { SurveyResponse } from '../model/types.js';
import { FastCsvTokenizer, type TokenBatch } from './fast-csv.js';
import type { RowCounts } from './consume-records.js';
import { READ_BUFFER_BYTES, laneMemory } from './lane-memory.js';

/** Reads whole records from bytes into its own target (typed-lane.ts, survey-lane.ts). */
export interface RowLane {
  /** Position after the record at `pos`; 0 when the ordinary path must read it; -1 when its line end is not in the bytes yet. */
  read(buf: Buffer, pos: number, end: number, line: number): number;
  /** The response the last record read gave, if any. */
  readonly lastSurvey: SurveyResponse | null;
  /** Line breaks inside the quoted cells of the last record read (it ends that many lines further on). */
  readonly breaks: number;
}

const READ_SIZE = READ_BUFFER_BYTES / 2;

export interface BlockRead {
  fd: number;
  /** Absolute offset of a record start, and its line. */
  start: number;
  line: number;
  /** No record starting at or after this offset is read (Infinity: to the end of the file). */
  stopAt: number;
  delimiter: string;
  /** 1 LF, 2 CRLF (as the file began). */
  recordDelimiter: number;
  lane: RowLane | null;
  /** A row the lane read (for tickets the last row of the lane's batch), with the response it gave. */
  laneRow: (survey: SurveyResponse | null) => void;
  /** A record the lane left to the ordinary path (config rewrites, NUL and ragged checks, mapper). */
  record: (record: string[], line: number) => void;
  /** Set once the bytes read held a NUL. */
  onNul: () => void;
  counts: RowCounts;
}

export interface BlockEnd {
  /** Offset and line of the first record not read. */
  offset: number;
  line: number;
  /** The fast tokenizer stopped there on something only csv-parse reads. */
  bail: boolean;
}

/**
 * A read buffer per thread, refilled: the cells are copied out, so it can be reused. It is the
 * lane memory's (lane-memory.ts), where the lanes split records fastest, unless that is off.
 */
let readBuffer: Buffer | null = null;

/**
 * Read a file's records from `start` with the typed lane where it can and the fast tokenizer
 * (one record at a time) where it cannot, until `stopAt`, the end of the file, or a record only
 * csv-parse reads. Used by the parallel workers for their blocks and by the main thread for the
 * rest of a file it reads alone.
 */
export function readBlock(o: BlockRead): BlockEnd {
  const tokenizer = new FastCsvTokenizer(o.delimiter);
  let carry = 0;
  let bufStart = o.start;
  let at = o.start;
  let line = o.line;
  let pos = 0;
  let final = false;
  let length = 0;
  let rd = o.recordDelimiter;
  const out: TokenBatch = { records: [], lines: [] };
  readBuffer ??= laneMemory()?.bytes ?? Buffer.allocUnsafe(READ_BUFFER_BYTES);
  for (;;) {
    // Keep the unread tail, then fill up behind it.
    if (pos > 0) {
      readBuffer.copyWithin(0, pos, length);
      bufStart += pos;
      carry = length - pos;
      pos = 0;
    } else {
      carry = length;
    }
    if (!final) {
      if (carry + READ_SIZE > readBuffer.length) {
        const grown = Buffer.allocUnsafe(carry + READ_SIZE);
        readBuffer.copy(grown, 0, 0, carry);
        readBuffer = grown;
      }
      const n = readSync(o.fd, readBuffer, carry, READ_SIZE, at);
      at += n;
      final = n === 0;
      if (n > 0 && readBuffer.subarray(carry, carry + n).includes(0)) o.onNul();
      length = carry + n;
    }
    const buf = readBuffer;
    for (;;) {
      if (bufStart + pos >= o.stopAt) return { offset: bufStart + pos, line, bail: false };
      if (pos >= length) {
        if (final) return { offset: bufStart + pos, line, bail: false };
        break;
      }
      if (o.lane !== null) {
        const next = o.lane.read(buf, pos, length, line);
        if (next > 0) {
          o.counts.rowsRead++;
          o.counts.rowsUsed++;
          o.laneRow(o.lane.lastSurvey);
          pos = next;
          line += 1 + o.lane.breaks;
          continue;
        }
        if (next < 0 && !final) break;
      }
      // The ordinary path for one record (and the empty lines before it).
      tokenizer.resumeAt(bufStart + pos, line, rd);
      tokenizer.stopAt = o.stopAt;
      out.records.length = 0;
      out.lines.length = 0;
      const used = tokenizer.scan(buf.subarray(pos, length), final, out, 1);
      for (let i = 0; i < out.records.length; i++) o.record(out.records[i], out.lines[i]);
      pos += used;
      line = tokenizer.line;
      rd = tokenizer.recordDelimiter;
      if (tokenizer.bail !== null) return { offset: tokenizer.offset, line: tokenizer.line, bail: true };
      if (tokenizer.stopped) return { offset: tokenizer.offset, line: tokenizer.line, bail: false };
      if (out.records.length === 0) {
        // Only empty lines, or a record cut at the end of the bytes: read more (or stop at the end).
        if (final) return { offset: bufStart + pos, line, bail: false };
        if (used === 0) break;
      }
    }
  }
}

/**
 * True when bytes [start, end) of the open file are valid UTF-8 (read `bufferBytes` at a time).
 * A small buffer, refilled: a 16 MB one was new memory to fault in at every call and larger than
 * the caches, and the check of a reader thread's half of a million tickets took 45-100 ms against
 * ~11 ms with 1 MB (bench/README.md).
 */
export function validUtf8(fd: number, start: number, end: number, bufferBytes = 1 << 20): boolean {
  const buf = Buffer.allocUnsafe(Math.max(4, Math.min(bufferBytes, end - start)));
  let carry = 0;
  for (let at = start; at < end;) {
    const n = readSync(fd, buf, carry, Math.min(buf.length - carry, end - at), at);
    if (n === 0) return false;
    at += n;
    const length = carry + n;
    // Check up to the last complete sequence; a sequence cut by the read is checked with the next bytes.
    let cut = length;
    if (at < end) {
      // The last sequence's lead byte; when the sequence is not complete yet it waits for the next read.
      let k = length - 1;
      while (k > length - 4 && k > 0 && (buf[k] & 0xc0) === 0x80) k--;
      const lead = buf[k];
      const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (length - k < size) cut = k;
    }
    if (!isUtf8(buf.subarray(0, cut))) return false;
    buf.copyWithin(0, cut, length);
    carry = length - cut;
  }
  return carry === 0;
}

