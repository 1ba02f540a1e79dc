import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import { decodeToUtf8, detectEncoding, type DecodeInfo } from './decode.js';

/** One batch of records with the 1-based line on which each record starts. */
export interface CsvBatch {
  records: string[][];
  lines: number[];
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
}

const BATCH_SIZE = 2048;
const DELIMITERS = [',', ';', '\t', '|'];
/** A single field or record larger than this is refused with a clear message instead of exhausting memory. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * Open a CSV file (or `-` for stdin; `.gz` is decompressed) and stream its records in batches.
 * Only the first chunk is held to sniff the delimiter; the rest streams.
 */
export async function readCsv(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<CsvSource> {
  let input: NodeJS.ReadableStream;
  if (file === '-') {
    input = stdin;
  } else {
    try {
      const info = await stat(file);
      if (info.isDirectory()) throw new InputError(`${file}: is a directory, not a CSV file`, { location: file });
    } catch (error) {
      if (error instanceof InputError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read'}`, {
        location: file,
        hint: code === 'ENOENT' ? 'check the path; files are read relative to the current directory' : undefined,
        cause: error,
      });
    }
    input = createReadStream(file);
    if (file.endsWith('.gz')) input = input.pipe(createGunzip());
  }

  const chunks = (input as Readable)[Symbol.asyncIterator]();
  const first = await chunks.next().catch((error: unknown) => {
    throw new InputError(`${file}: cannot be read (${(error as Error).message})`, { location: file, cause: error });
  });
  const head: Buffer = first.done ? Buffer.alloc(0) : Buffer.from(first.value as Buffer);
  const encoding: DecodeInfo = { encoding: detectEncoding(head), fallbackAt: null };
  const delimiter = sniffDelimiter(encoding.encoding === 'utf-8' || encoding.encoding === 'utf-8-bom' ? head : new TextDecoder(encoding.encoding).decode(head));

  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (first.done) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Buffer;
  }

  const parser = Readable.from(decodeToUtf8(replay(), encoding)).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      info: true,
    }),
  );
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number; empty_lines: number } }>;

  // csv-parse reports the line where a record *ends*; the start is one past the previous end,
  // plus any blank lines it skipped in between.
  let prevEnd = 0;
  let prevEmpty = 0;
  async function nextRecord(): Promise<{ record: string[]; line: number } | null> {
    let item: IteratorResult<{ record: string[]; info: { lines: number; empty_lines: number } }>;
    try {
      item = await records.next();
    } catch (error) {
      throw csvFailure(file, error);
    }
    if (item.done) return null;
    const { record, info } = item.value;
    const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
    prevEnd = info.lines;
    prevEmpty = info.empty_lines;
    return { record, line };
  }

  const headerRecord = await nextRecord();
  if (headerRecord === null) {
    throw new InputError(`${file}: the file is empty (no header row)`, { location: file, hint: 'export the report again; a CSV export starts with a row of column names' });
  }

  async function* batches(): AsyncGenerator<CsvBatch> {
    let batch: CsvBatch = { records: [], lines: [] };
    for (let next = await nextRecord(); next !== null; next = await nextRecord()) {
      batch.records.push(next.record);
      batch.lines.push(next.line);
      if (batch.records.length >= BATCH_SIZE) {
        yield batch;
        batch = { records: [], lines: [] };
      }
    }
    if (batch.records.length > 0) yield batch;
  }

  return { file, header: headerRecord.record, headerLine: headerRecord.line, delimiter, encoding, batches: batches() };
}

function csvFailure(file: string, error: unknown): InputError {
  if (error instanceof CsvError) {
    const lines = (error as CsvError & { lines?: number }).lines;
    const where = lines === undefined ? file : `${file}:${lines}`;
    const hints: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed; check that line for a missing closing quote (")',
      CSV_MAX_RECORD_SIZE: `a record is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB; the file is probably not a CSV export or is corrupted`,
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
