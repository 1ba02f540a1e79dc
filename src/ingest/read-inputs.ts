import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { InputError, UsageError } from '../errors.js';
import type { IssueLog } from '../model/issue-log.js';
import type { TicketBatch } from '../model/ticket-batch.js';
import type { InputKind, SurveyResponse, Ticket } from '../model/types.js';
import type { SurveyColumns } from '../model/survey-columns.js';
import type { DateOrder } from '../time/date-format.js';
import { zoneIdentity, type Zone } from '../time/zone.js';
import { describeEncoding, type DecodeInfo } from './decode.js';
import type { Preset, RowMapper } from './preset.js';
import { PRESETS, findPreset } from './presets/index.js';
import { readCsv, sniffDelimiter, type CsvBatch, type CsvSource } from './read-csv.js';
import { recordConsumer, reserveRest, reportWithOriginalNames, valueRewrites } from './consume-records.js';
import { readRest, startRest, type ParallelSetup, type PreparedSample } from './parallel-read.js';
import { stopEarlyReaders } from './reader-threads.js';
import { listHeaders, normalizeHeader } from './values.js';

export interface InputSpec {
  file: string;
  /** Forced by `--tickets`/`--surveys`; otherwise detected from the headers. */
  kind?: InputKind;
}

export interface ReadOptions {
  inputZone: Zone;
  /** Preset name from `--source`; detected per file when absent. */
  source?: string;
  /** `--date-order` / config `inputs.dateOrder`: settles numeric dates that no value decides. */
  dateOrder?: DateOrder;
  log: IssueLog;
  stdin?: NodeJS.ReadableStream;
  /**
   * Config `inputs.columns`: generic field name → the export's header. Matching headers are
   * renamed before detection, so any export can be read as the generic format.
   */
  columns?: Record<string, string>;
  /** Config `inputs.values`: generic field name → { cell value → value to read instead }. */
  values?: Record<string, Record<string, string | number | boolean>>;
  /** CSV tokenizer: `fast` (default) or `careful` (csv-parse only); both give identical results. */
  tokenizer?: 'fast' | 'careful';
  /** The report's clock (epoch ms); timestamps more than a year later are reported as implausible. */
  now?: number;
  /** Called after each batch of rows (a few thousand), for a progress display. */
  onProgress?: (progress: ReadProgress) => void;
  /** False when the caller never looks at ticket tags (MapContext.tags); default true. */
  tags?: boolean;
}

export interface ReadProgress {
  file: string;
  /** Data rows read from this file so far. */
  rowsRead: number;
  bytesRead: number;
  /** File size in bytes; null when unknown (stdin). */
  totalBytes: number | null;
}

/**
 * Where rows go. A sink that reads tickets column by column takes `ticketRow` (row k of a batch
 * the reader reuses, so it must copy what it keeps); otherwise each ticket arrives as an object.
 */
export interface RecordSink {
  ticket?(ticket: Ticket): void;
  ticketRow?(batch: TicketBatch, k: number): void;
  /**
   * Optional: take rows [from, to) of a batch at once, stopping before the first row that
   * `ticketRow` would have to report something for (that row then goes to `ticketRow`). Returns
   * the first row not taken. Readers only call it where the rows' other issues and responses may
   * follow the rows.
   */
  ticketRows?(batch: TicketBatch, from: number, to: number): number;
  survey(survey: SurveyResponse): void;
  /**
   * Optional: take response i of a worker's columns, its line moved by `shift`, as
   * `survey(columns.get(i, shift))` would (without the object).
   */
  surveyFrom?(columns: SurveyColumns, i: number, shift: number): void;
  /**
   * Optional: the columns `survey` adds each response to, when that is all it does with it; the
   * survey lane then adds its rows' responses there itself (no object per response).
   */
  surveyColumns?(): SurveyColumns;
  /** About how many more tickets are coming (estimated from the file size), so storage grows once. */
  reserveTickets?(rows: number): void;
  /** The same for survey responses. */
  reserveSurveys?(rows: number): void;
}

/** What was detected about one input file (for `inspect` and the data-quality summary). */
export interface InputInfo {
  file: string;
  kind: InputKind;
  source: string;
  /** 0–1: how well the headers fit the preset (1 when forced with --source). */
  confidence: number;
  encoding: string;
  delimiter: string;
  header: string[];
  headerRows: number;
  /** Canonical field → header it is read from. */
  mapping: Record<string, string>;
  /** Date column → detected format. */
  dateFormats: Record<string, string>;
}

/** Rows looked at, at most, to settle an ambiguous date order before giving up. */
const MAX_DATE_SAMPLE = 100_000;

/**
 * Stream every input file into the sink, batch by batch, accounting for every row in `log`.
 * Files are read one after another, in the order given; while one is read on this thread, the
 * next is opened and, when it is a large ticket file, its worker threads start reading it (its
 * rows, issues and errors still come after the first file's, as if it were opened afterwards).
 */
export async function readInputs(inputs: InputSpec[], options: ReadOptions, sink: RecordSink): Promise<InputInfo[]> {
  const infos: InputInfo[] = [];
  let opened: OpenedInput | null = null;
  try {
    for (let i = 0; i < inputs.length; i++) {
      const current: OpenedInput = opened ?? (await openInput(inputs[i], options, sink));
      opened = null;
      if (!current.parallel && i + 1 < inputs.length && inputs[i + 1].file !== '-') opened = await openAhead(inputs[i + 1], options, sink);
      infos.push(await current.finish());
    }
  } finally {
    opened?.cancel();
    stopEarlyReaders();
  }
  return infos;
}

/**
 * The time zones the inputs' exports name for their timestamps (Intercom's header suffix,
 * Qualtrics' ImportId, Typeform's `(UTC)`), read from each file's header rows only: the report
 * zone falls back to the one they name (DESIGN §6). Only regular files are looked at (a pipe is
 * read once, by the report: give `--tz` with one), and a file that cannot be opened or recognised
 * names none here (reading it reports why, in its turn).
 */
export function namedZones(inputs: InputSpec[], options: Pick<ReadOptions, 'source' | 'columns' | 'inputZone'>): Map<string, string> {
  // By the zone's identity (two names of one zone are one), each with the first name it was given.
  const zones = new Map<string, string>();
  for (const input of inputs) {
    try {
      // Regular files only: a pipe (`-`, /dev/stdin, a FIFO) is read once, by the report.
      if (input.file === '-' || !statSync(input.file).isFile()) continue;
      const records = peekRecords(input.file, 3);
      if (records.length === 0) continue;
      const { header } = renameHeaders(records[0], options.columns);
      const { preset, kind } = choosePreset(input, header, options.source);
      const extraHeaders = records.slice(1, preset.headerRows ?? 1);
      const named = (name: string): void => {
        const id = zoneIdentity(name);
        if (!zones.has(id)) zones.set(id, name);
      };
      preset.compile(header, kind, { file: input.file, inputZone: options.inputZone, extraHeaders, report: () => undefined, namedZone: named });
    } catch {
      // Not readable or not recognised here (a missing column, no preset): reading it says why.
    }
  }
  return zones;
}

/**
 * The first `max` records of a file's first 64 KB (fewer when it is shorter, or a record runs on
 * past it), by a plain quote-aware split: enough for the header rows `namedZones` looks at. A
 * `.gz` file's first bytes are decompressed, a UTF-16 file (with its BOM) decoded, and blank lines
 * before the header skipped, as the reader does. Why not `readCsv`: opening a stream and
 * tokenizing its first batch took ~35 ms a run.
 */
function peekRecords(file: string, max: number): string[][] {
  const fd = openSync(file, 'r');
  let bytes: Buffer;
  try {
    const buf = Buffer.alloc(64 * 1024);
    bytes = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  // A partial gzip stream: Z_SYNC_FLUSH gives what the first bytes hold.
  // At most 1 MB of it: a small file that inflates to gigabytes is refused by the reader, not here.
  if (/\.gz$/i.test(file)) bytes = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 });
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  let text = utf16 === null ? bytes.toString('utf8') : new TextDecoder(utf16).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = sniffDelimiter(text);
  const records: string[][] = [];
  let record: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length && records.length < max; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[i++];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      // A blank line (before the header, or between the header rows) is no record.
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  return records;
}

/** A file opened (format detected, mapper compiled and prepared) whose rows are not read yet. */
interface OpenedInput {
  /** True when worker threads are reading its rows already. */
  parallel: boolean;
  /** Read its rows into the sink, and say what was detected. */
  finish(): Promise<InputInfo>;
  /** Stop its worker threads and close it (reading ends early). */
  cancel(): void;
}

/** Inputs opened ahead of their turn in this process (tests check that the path they mean to cover was taken). */
export const inputStats = { openedAhead: 0, cancelled: 0 };

/**
 * Open an input ahead of its turn. An error opening it waits for its turn, so the files before it
 * are read (and their own errors win) as if it had not been opened yet. Opening reports no issues
 * (formats are detected or the file is refused), so none can come before the earlier files' ones.
 */
async function openAhead(input: InputSpec, options: ReadOptions, sink: RecordSink): Promise<OpenedInput> {
  inputStats.openedAhead++;
  try {
    return await openInput(input, options, sink);
  } catch (error) {
    return { parallel: false, finish: () => Promise.reject(error), cancel: () => undefined };
  }
}

/** Open an input: detect its format, compile and prepare its mapper, start workers for a large ticket file. */
async function openInput(input: InputSpec, options: ReadOptions, sink: RecordSink): Promise<OpenedInput> {
  const csv = await readCsv(input.file, options.stdin, { tokenizer: options.tokenizer });
  const { header, renamed } = renameHeaders(csv.header, options.columns);
  const { preset, kind, confidence } = choosePreset(input, header, options.source);
  const rewrite = valueRewrites(header, options.values);
  const batches = csv.batches[Symbol.asyncIterator]();
  const pending: CsvBatch[] = [];
  let exhausted = false;
  const pull = async (): Promise<boolean> => {
    const next = await batches.next();
    if (next.done) return (exhausted = true), false;
    pending.push(next.value);
    return true;
  };

  // Header rows after the first (SurveyMonkey, Qualtrics) are taken off the first records.
  const headerRows = preset.headerRows ?? 1;
  const extraHeaders: string[][] = [];
  while (extraHeaders.length < headerRows - 1 && (pending.length > 0 || (await pull()))) {
    const batch = pending[0];
    extraHeaders.push(batch.records.shift()!);
    batch.lines.shift();
    if (batch.records.length === 0) pending.shift();
  }

  if (rewrite !== null) for (const batch of pending) batch.records.forEach(rewrite);
  const mapper = preset.compile(header, kind, {
    file: input.file, inputZone: options.inputZone, dateOrder: options.dateOrder, extraHeaders, now: options.now, tags: options.tags,
    report: reportWithOriginalNames(options.log.report, renamed),
  });
  options.log.setHeaders(input.file, originalNames(mapper.mapping, renamed));
  const pullRewritten = rewrite === null ? pull : async (): Promise<boolean> => {
    const got = await pull();
    if (got) pending[pending.length - 1].records.forEach(rewrite);
    return got;
  };
  const prepared = await prepareMapper(mapper, pending, pullRewritten, () => exhausted);

  // The rest of a large ticket file goes on in worker threads from where the records read so far
  // end; the rest of a smaller one, or of a survey file, with a lane on this thread.
  const resume = (mapper.tickets !== undefined || mapper.surveyLane !== undefined) && !exhausted ? csv.resumePoint() : null;
  const width = csv.header.length;
  const setup: ParallelSetup | null = resume === null ? null : {
    file: input.file, header, fileHeader: csv.header, renamed, preset: preset.name, kind, extraHeaders, prepared, delimiter: csv.delimiter, width, resume,
    inputZone: options.inputZone.name, dateOrder: options.dateOrder, now: options.now, values: options.values, tags: options.tags,
  };
  const started = setup === null || mapper.tickets === undefined ? null : startRest(setup, pending.reduce((n, b) => n + b.records.length, 0));
  const info = (): InputInfo => inputInfo(input.file, kind, preset.name, confidence, csv, headerRows, mapper, renamed);

  const finish = async (): Promise<InputInfo> => {
    const summary = {
      file: input.file, kind, source: preset.name, rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, rowsDuplicate: 0,
      encoding: describeEncoding(csv.encoding),
    };
    options.log.addInput(summary);
    const consumeRecord = recordConsumer({ file: input.file, width, header: csv.header, mapper, report: options.log.report, sawNul: csv.sawNul, counts: summary, sink });
    const consume = (batch: CsvBatch): void => {
      const { records, lines, strayQuotes } = batch;
      for (let i = 0; i < records.length; i++) consumeRecord(records[i], lines[i], strayQuotes?.get(lines[i]));
    };
    for (const batch of pending) consume(batch);
    pending.length = 0;
    if (setup !== null) reserveRest(mapper.tickets !== undefined ? sink.reserveTickets : sink.reserveSurveys, summary.rowsRead, setup.resume.offset, setup.resume.fileSize - setup.resume.offset);
    const target = { mapper, rewrite, report: options.log.report, counts: summary, sink, onProgress: options.onProgress };
    const parallel = setup === null ? 'declined' : started !== null ? await started.complete(target) : await readRest(setup, target);
    if (parallel === 'done') {
      csv.close();
      return info();
    }
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      if (rewrite !== null) next.value.records.forEach(rewrite);
      consume(next.value);
      options.onProgress?.({ file: input.file, rowsRead: summary.rowsRead, ...csv.progress() });
    }
    summary.encoding = describeEncoding(csv.encoding);
    return info();
  };
  return {
    parallel: started !== null,
    finish,
    cancel: () => {
      inputStats.cancelled++;
      started?.cancel();
      csv.close();
    },
  };
}

function inputInfo(file: string, kind: InputKind, source: string, confidence: number, csv: CsvSource, headerRows: number, mapper: RowMapper, renamed: Map<string, string>): InputInfo {
  return {
    file, kind, source, confidence, encoding: describeEncoding(csv.encoding), delimiter: csv.delimiter,
    header: csv.header, headerRows, mapping: originalNames(mapper.mapping, renamed), dateFormats: { ...(mapper.dateFormats ?? {}) },
  };
}

/** Apply config `inputs.columns`: headers named there take the generic field name. */
function renameHeaders(header: string[], columns: Record<string, string> | undefined): { header: string[]; renamed: Map<string, string> } {
  const renamed = new Map<string, string>();
  if (columns === undefined) return { header, renamed };
  const byHeader = new Map(Object.entries(columns).map(([field, from]) => [normalizeHeader(from), field]));
  const out = header.map((h) => {
    const field = byHeader.get(normalizeHeader(h));
    if (field === undefined) return h;
    renamed.set(field, h);
    return field;
  });
  return { header: out, renamed };
}

/** Mapping values as the file names them (undoing `inputs.columns` renames), for inspect. */
function originalNames(mapping: Record<string, string>, renamed: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, from] of Object.entries(mapping)) out[field] = renamed.get(from) ?? from;
  return out;
}

/**
 * Let the mapper detect its formats from the first batches, pulling more while it is undecided.
 * Returns the records and `complete` flag of the deciding call (a worker repeats it to get the
 * same formats), or null when the mapper has nothing to detect.
 */
async function prepareMapper(mapper: RowMapper, pending: CsvBatch[], pull: () => Promise<boolean>, exhausted: () => boolean): Promise<PreparedSample | null> {
  if (mapper.prepare === undefined) return null;
  if (pending.length === 0) await pull();
  for (;;) {
    const sample = pending.flatMap((b) => b.records);
    const complete = exhausted() || sample.length >= MAX_DATE_SAMPLE;
    if (mapper.prepare(sample, complete)) return { sample, complete };
    if (!(await pull())) {
      const all = pending.flatMap((b) => b.records);
      mapper.prepare(all, true);
      return { sample: all, complete: true };
    }
  }
}

function choosePreset(input: InputSpec, header: string[], source: string | undefined): { preset: Preset; kind: InputKind; confidence: number } {
  if (source !== undefined) {
    const preset = findPreset(source);
    if (preset === undefined) {
      throw new UsageError(`unknown source "${source}"`, { hint: `valid sources: ${PRESETS.map((p) => p.name).join(', ')}` });
    }
    const kind = input.kind ?? preset.detect(header) ?? (preset.kinds?.length === 1 ? preset.kinds[0] : null);
    if (kind === null) throw undetectable(input.file, header, `as ${source}`);
    return { preset, kind, confidence: 1 };
  }
  let best: { preset: Preset; kind: InputKind; confidence: number } | null = null;
  for (const preset of PRESETS) {
    const kind = preset.detect(header);
    if (kind === null) continue;
    const confidence = preset.confidence?.(header) ?? 1;
    if (best === null || confidence > best.confidence) best = { preset, kind: input.kind ?? kind, confidence };
  }
  if (best !== null) return best;
  if (input.kind !== undefined) return { preset: PRESETS[PRESETS.length - 1], kind: input.kind, confidence: 0 };
  throw undetectable(input.file, header, '');
}

function undetectable(file: string, header: string[], as: string): InputError {
  return new InputError(
    `${file}: cannot tell whether this file holds tickets or surveys${as ? ' ' + as : ''}; headers found: ${listHeaders(header)}`,
    {
      location: file,
      hint: 'tickets need "ticket_id" and "created_at"; surveys need "csat", "nps" or "ces"; or force the kind with --tickets FILE / --surveys FILE, or the source with --source NAME',
    },
  );
}

export type { DecodeInfo };
