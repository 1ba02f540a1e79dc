import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import type { CsvError as CsvErrorType } from 'csv-parse';
import { InputError } from '../errors.js';
import { FastCsvTokenizer } from './fast-csv.js';
import { LineCounter } from './line-counter.js';
import { decodeToUtf8, detectEncoding, type DecodeInfo } from './decode.js';
import { checkTextHead } from './check-text.js';

/** One batch of records with the 1-based line on which each record starts. */
export interface CsvBatch {
  records: string[][];
  lines: number[];
  /**
   * Records (by start line) that a stray quote ran over several lines: a quoted field whose
   * closing quote, on the line given, is followed by text. Only the careful path finds them (the
   * fast path hands such a record over to it).
   */
  strayQuotes?: Map<number, number>;
}

export interface CsvSource {
  /** Name as the user gave it (`-` for stdin). */
  file: string;
  header: string[];
  /** Line on which the header record starts (1, unless blank lines precede it). */
  headerLine: number;
  delimiter: string;
  /** Encoding detected from the BOM or the bytes; `fallbackAt` fills in while streaming. */
  encoding: DecodeInfo;
  batches: AsyncIterable<CsvBatch>;
  /**
   * Decode only these columns from here on (the others read as ''), when the mapper says which
   * it reads. Ragged-row checks still see every field.
   */
  decodeOnly(columns: readonly boolean[] | null): void;
  /** Bytes of the file read so far (compressed bytes for `.gz`) and its size; size null for stdin. */
  progress(): { bytesRead: number; totalBytes: number | null };
  /** True once a NUL byte has been seen in the input (records then need checking for it). */
  sawNul(): boolean;
  /**
   * Where the records handed out so far end, when a reader could go on from there by itself: a
   * plain UTF-8 file on the fast path (not stdin, not `.gz`, not re-encoded). Null otherwise.
   */
  resumePoint(): { offset: number; line: number; recordDelimiter: number; fileSize: number } | null;
  /** Stop reading (the rest of the file is read elsewhere). */
  close(): void;
}

const BATCH_SIZE = 2048;
/** Bytes read before anything is decided about a file (encoding, delimiter, first batch): at least the 64 KB the encoding is detected from. */
const HEAD_BYTES = 64 * 1024;
/**
 * Bytes the first batch of records is read from (its complete records; a longer first record
 * still comes whole with the next batch). 100k tickets: the ~2,000 rows of a whole first 256 KB
 * chunk went record by record through the mapper, ~0.05 s of a 0.65 s report.
 */
const FIRST_BATCH_BYTES = 32 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];
/**
 * A record larger than this is refused with a clear message instead of exhausting memory. Excel
 * caps a cell at 32,767 characters and helpdesks cap comments well below that, so 8 MB holds
 * hundreds of full cells; a longer record is a corrupted or non-CSV file (a missing closing quote
 * swallowing the rest of the file ends up here too).
 */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export interface ReadCsvOptions {
  /** `fast` (default): the byte tokenizer, handing over to csv-parse where it must; `careful`: csv-parse only. */
  tokenizer?: 'fast' | 'careful';
  /** Called with the fast tokenizer before reading (tests use it to see whether the fast path bailed). */
  onTokenizer?: (tokenizer: FastCsvTokenizer) => void;
}

/**
 * Open a CSV file (or `-` for stdin; `.gz` is decompressed) and stream its records in batches.
 * Only the first chunk is held to sniff the delimiter; the rest streams.
 */
export async function readCsv(file: string, stdin: NodeJS.ReadableStream = process.stdin, options: ReadCsvOptions = {}): Promise<CsvSource> {
  let input: NodeJS.ReadableStream;
  let fileStream: ReturnType<typeof createReadStream> | null = null;
  let totalBytes: number | null = null;
  let replayed = 0;
  if (file === '-') {
    input = stdin;
  } else {
    try {
      const info = await stat(file);
      if (info.isDirectory()) throw new InputError(`${file}: is a directory, not a CSV file`, { location: file, hint: `name the CSV files in it, e.g. ${file.replace(/\/+$/, '')}/*.csv` });
      totalBytes = info.size;
    } catch (error) {
      if (error instanceof InputError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read'}`, {
        location: file,
        hint: code === 'ENOENT' ? 'check the path; files are read relative to the current directory' : undefined,
        cause: error,
      });
    }
    input = fileStream = createReadStream(file, { highWaterMark: 1 << 18 });
    if (file.endsWith('.gz')) input = input.pipe(createGunzip());
  }

  const chunks = (input as Readable)[Symbol.asyncIterator]();
  // The head is at least HEAD_BYTES (or the whole input), however the input arrives: a file reads
  // in 256 KB chunks, a .gz decompresses in 16 KB ones, a pipe gives what has arrived. What is
  // decided from the head — encoding, delimiter, and the first batch the formats are detected
  // from — is then the same for a file, its .gz and a pipe.
  const parts: Buffer[] = [];
  let headLength = 0;
  let first: IteratorResult<unknown>;
  do {
    first = await chunks.next().catch((error: unknown) => {
      throw new InputError(`${file}: cannot be read (${(error as Error).message})`, { location: file, cause: error });
    });
    if (!first.done) {
      parts.push(Buffer.from(first.value as Buffer));
      headLength += (first.value as Buffer).length;
    }
  } while (!first.done && headLength < HEAD_BYTES);
  const head: Buffer = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  checkTextHead(head, file);
  // Detected on the first 64 KB, as documented in decode.ts.
  const encoding: DecodeInfo = { encoding: detectEncoding(head.subarray(0, 64 * 1024)), fallbackAt: null };
  const delimiter = sniffDelimiter(encoding.encoding === 'utf-8' || encoding.encoding === 'utf-8-bom' ? head : new TextDecoder(encoding.encoding).decode(head));

  // A read error after the first chunk (a .gz cut short, a disk error) names the file, as one in the first does.
  const nextChunk = (): Promise<IteratorResult<unknown>> => chunks.next().catch((error: unknown) => {
    const gz = file.endsWith('.gz') && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('Z_');
    throw new InputError(`${file}: cannot be read (${(error as Error).message})`, {
      location: file, cause: error,
      hint: gz ? 'the compressed file is cut short or corrupted; copy or export it again' : undefined,
    });
  });
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (first.done) return;
    for (let next = await nextChunk(); !next.done; next = await nextChunk()) {
      replayed += (next.value as Buffer).length;
      yield next.value as Buffer;
    }
  }
  // NUL never occurs in text; once a decoded chunk holds one, records are checked for it.
  let nul = false;
  async function* watchNul(decoded: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of decoded) {
      if (!nul && chunk.includes(0)) nul = true;
      yield chunk;
    }
  }
  // Both tokenizers read UTF-8; other encodings are re-encoded on the way in.
  const utf8 = watchNul(decodeToUtf8(replay(), encoding));
  const empty = Buffer.alloc(0);
  let tokenizer: FastCsvTokenizer | null = null;
  const fastOptions: ReadCsvOptions = { ...options, onTokenizer: (t) => { tokenizer = t; options.onTokenizer?.(t); } };
  const raw = options.tokenizer === 'careful' ? carefulBatches(file, delimiter, empty, utf8, 0, 1) : fastBatches(file, delimiter, utf8, fastOptions);

  // The header is the first record; the rest stream in batches.
  let pending: CsvBatch | null = null;
  let headerRecord: { record: string[]; line: number } | null = null;
  for (let next = await raw.next(); !next.done; next = await raw.next()) {
    const batch = next.value;
    if (batch.records.length === 0) continue;
    headerRecord = { record: batch.records[0], line: batch.lines[0] };
    pending = { records: batch.records.slice(1), lines: batch.lines.slice(1), strayQuotes: batch.strayQuotes };
    break;
  }
  if (headerRecord === null) {
    throw new InputError(`${file}: the file is empty (no header row)`, { location: file, hint: 'export the report again; a CSV export starts with a row of column names' });
  }

  async function* batches(): AsyncGenerator<CsvBatch> {
    if (pending !== null && pending.records.length > 0) yield pending;
    pending = null;
    for (let next = await raw.next(); !next.done; next = await raw.next()) if (next.value.records.length > 0) yield next.value;
  }

  return {
    file, header: headerRecord.record, headerLine: headerRecord.line, delimiter, encoding, batches: batches(),
    decodeOnly(columns) {
      if (tokenizer !== null) tokenizer.needed = columns;
    },
    progress: () => ({ bytesRead: fileStream === null ? head.length + replayed : fileStream.bytesRead, totalBytes }),
    sawNul: () => nul,
    resumePoint() {
      const t = tokenizer as FastCsvTokenizer | null;
      const plain = fileStream !== null && !file.endsWith('.gz') && (encoding.encoding === 'utf-8' || encoding.encoding === 'utf-8-bom') && encoding.fallbackAt === null;
      if (!plain || t === null || t.bail !== null || totalBytes === null) return null;
      return { offset: t.offset, line: t.line, recordDelimiter: t.recordDelimiter, fileSize: totalBytes };
    },
    close() {
      fileStream?.destroy();
    },
  };
}

/**
 * The fast path: FastCsvTokenizer over the byte chunks, in batches of whole records. When it
 * meets a record it cannot read exactly as csv-parse would, the rest of the file from that
 * record on goes to csv-parse, with lines and byte offsets carried over.
 */
async function* fastBatches(file: string, delimiter: string, rest: AsyncGenerator<Buffer>, options: ReadCsvOptions): AsyncGenerator<CsvBatch> {
  const tokenizer = new FastCsvTokenizer(delimiter, null);
  options.onTokenizer?.(tokenizer);
  let carry: Buffer = Buffer.alloc(0);
  let done = false;
  let first = true;
  while (true) {
    let data = carry;
    if (!done) {
      const next = await rest.next();
      if (next.done) done = true;
      else data = carry.length === 0 ? (next.value as Buffer) : Buffer.concat([carry, next.value as Buffer]);
    }
    const out: CsvBatch = { records: [], lines: [] };
    // The first batch holds the header and the records a mapper detects its formats from; a
    // reader that goes on with a lane from where it ends reads every later record faster (and
    // with code that is compiled for it anyway), so it is a small one.
    tokenizer.interning = !first;
    const used = first && !done && data.length > FIRST_BATCH_BYTES ? tokenizer.scan(data.subarray(0, FIRST_BATCH_BYTES), false, out) : tokenizer.scan(data, done, out);
    first = false;
    if (out.records.length > 0) yield out;
    if (tokenizer.bail !== null) {
      const rd = tokenizer.recordDelimiter === 2 ? '\r\n' : tokenizer.recordDelimiter === 1 ? '\n' : undefined;
      yield* carefulBatches(file, delimiter, data.subarray(used), done ? emptyChunks() : rest, tokenizer.offset, tokenizer.line, rd);
      return;
    }
    carry = data.subarray(used);
    if (done) return;
  }
}

async function* emptyChunks(): AsyncGenerator<Buffer> {}

/**
 * Records of `file` from byte `offset` (a record start on line `line`) to the end, by csv-parse:
 * where a parallel read continues after its fast tokenizer stopped, exactly as `fastBatches`
 * hands over to the careful path.
 */
export function carefulBatchesFrom(file: string, delimiter: string, offset: number, line: number, recordDelimiter: number): AsyncGenerator<CsvBatch> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(file, { start: offset, highWaterMark: 1 << 18 })) yield chunk as Buffer;
  }
  const rd = recordDelimiter === 2 ? '\r\n' : recordDelimiter === 1 ? '\n' : undefined;
  return carefulBatches(file, delimiter, Buffer.alloc(0), chunks(), offset, line, rd);
}

/**
 * The careful path: csv-parse from byte `offset` of the file (line `line`), e.g. the whole file,
 * or the rest after the fast path stopped. Start lines come from csv-parse's byte offsets and a
 * LineCounter, so they are exact even where csv-parse's own line count drifts (quoted CRLF).
 */
async function* carefulBatches(
  file: string, delimiter: string, head: Buffer, rest: AsyncGenerator<Buffer>, offset: number, line: number, recordDelimiter?: string,
): AsyncGenerator<CsvBatch> {
  const counter = new LineCounter();
  async function* replay(): AsyncGenerator<Buffer> {
    counter.push(head);
    if (head.length > 0) yield head;
    for await (const chunk of rest) {
      counter.push(chunk);
      yield chunk;
    }
  }
  const atStart = offset === 0;
  // Loaded only when the careful path runs: most files never need it, and every run pays for an import.
  const { parse, CsvError } = await import('csv-parse');
  const parser = Readable.from(replay()).pipe(
    parse({
      bom: atStart,
      delimiter,
      // Files concatenated from several sources or edited by hand mix line ends (the fast path
      // hands them over here); one fixed delimiter would glue lines together, so all three are
      // record ends, as LineCounter counts them (inside quotes they stay data).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      info: true,
    }),
  );
  type Parsed = { record: string[]; info: { bytes: number; empty_lines: number } };
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<Parsed>;
  // A record starts where the previous one ended, after the empty lines csv-parse skipped.
  const origin = (): number => (atStart && counter.byteAt(0) === 0xef && counter.byteAt(1) === 0xbb && counter.byteAt(2) === 0xbf ? 3 : 0);
  let prevEnd = -1;
  let prevEmpty = 0;
  const lineOf = (at: number): number => line - 1 + counter.lineAt(at);
  let batch: CsvBatch = { records: [], lines: [] };
  for (;;) {
    let item: IteratorResult<Parsed>;
    try {
      item = await records.next();
    } catch (error) {
      // The error carries the end of the last whole record; the broken one starts after the
      // empty lines that follow it.
      const end = Math.max((error as { bytes?: number }).bytes ?? 0, prevEnd, origin());
      throw csvFailure(file, error, lineOf(counter.skipBreaks(end, Infinity)), CsvError);
    }
    if (item.done) break;
    const { record, info } = item.value;
    if (prevEnd < 0) prevEnd = origin();
    const start = counter.skipBreaks(prevEnd, info.empty_lines - prevEmpty);
    const startLine = lineOf(start);
    batch.records.push(record);
    batch.lines.push(startLine);
    // A field csv-parse closed early keeps its opening quote; only a record with such a field
    // that runs over lines is scanned, from its own bytes (csv-parse's `raw` option costs every
    // record: 8% of a careful read).
    const stray = mayHoldStrayQuote(record) ? strayQuoteLines(counter.slice(start, info.bytes).toString('utf8'), delimiter) : 0;
    if (stray > 0) (batch.strayQuotes ??= new Map()).set(startLine, startLine + stray);
    prevEnd = info.bytes;
    prevEmpty = info.empty_lines;
    if (batch.records.length >= BATCH_SIZE) {
      yield batch;
      batch = { records: [], lines: [] };
    }
  }
  if (batch.records.length > 0) yield batch;
}

/** Some field starts with a quote and holds a line break: what a stray quote leaves (and a few legitimate cells). */
function mayHoldStrayQuote(record: string[]): boolean {
  for (const field of record) if (field.charCodeAt(0) === 0x22 && (field.includes('\n') || field.includes('\r'))) return true;
  return false;
}

/**
 * Line breaks a stray quote swallowed in a raw record: the quoted field that csv-parse
 * (`relax_quotes`) closed at a quote followed by text, when that field holds line breaks — the
 * opening quote was a stray one and the lines up to the closing one were read as one field. 0
 * when there is no such field. A quote followed by text within one line (`"5" inch`) is kept as
 * text, as csv-parse reads it: it swallows no row.
 */
export function strayQuoteLines(raw: string, delimiter: string): number {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    // At a field's start.
    if (raw[i] !== '"') {
      while (i < n && raw[i] !== delimiter && raw[i] !== '\n' && raw[i] !== '\r') i++;
    } else {
      let breaks = 0;
      for (i++; i < n; i++) {
        const c = raw[i];
        if (c === '"') {
          if (raw[i + 1] === '"') { i++; continue; }
          const next = raw[i + 1];
          if (next === undefined || next === delimiter || next === '\n' || next === '\r') { i++; break; }
          if (breaks > 0) return breaks;
          // Closed early on the same line: the rest of the field is plain text.
          while (i < n && raw[i] !== delimiter && raw[i] !== '\n' && raw[i] !== '\r') i++;
          break;
        }
        if (c === '\r' || (c === '\n' && raw[i - 1] !== '\r')) breaks++;
      }
    }
    if (i >= n || raw[i] !== delimiter) return 0;
    i++;
  }
  return 0;
}

function csvFailure(file: string, error: unknown, line: number, CsvError: typeof CsvErrorType): InputError {
  if (error instanceof CsvError) {
    const where = `${file}:${line}`;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new InputError(`${where}: a quoted field in the record starting on this line is never closed`, {
        location: where,
        hint: 'a quoted field is never closed; check that line for a missing closing quote (")',
        cause: error,
      });
    }
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      return new InputError(`${where}: a record (one row, or one field) is larger than the ${MAX_RECORD_BYTES / 1024 / 1024} MB limit`, {
        location: where,
        hint: 'check that line for a quote that is never closed; otherwise the file is probably not a CSV export or is corrupted',
        cause: error,
      });
    }
    const hints: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed; check that line for a missing closing quote (")',
    };
    return new InputError(`${where}: ${error.message.replace(/^Invalid Record Length: /, '')}`, {
      location: where,
      hint: hints[error.code] ?? 'check the file is a CSV export',
      cause: error,
    });
  }
  return new InputError(`${file}: cannot be read (${(error as Error).message})`, { location: file, cause: error });
}

/** Pick the delimiter that splits the header line into the most fields (quotes respected). */
export function sniffDelimiter(head: Buffer | string): string {
  let text = typeof head === 'string' ? head.slice(0, 64 * 1024) : head.subarray(0, 64 * 1024).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === '\n' || c === '\r')) break;
      else if (!quoted && c === delimiter) count++;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
