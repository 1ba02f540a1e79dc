/**
 * The parallel reader: the rest of a large ticket file, read by worker threads over byte blocks,
 * with every row replayed on the main thread in file order, so the result — the kept duplicate,
 * the issues and their order, row accounting — is the one the single-threaded reader gives.
 *
 * Why: tokenizing and mapping a row costs several times what adding it to the ticket table does,
 * and they need nothing from other rows, so both cores can do them (bench/README.md). The table
 * (deduplication, durations, interning) stays on the main thread, fed in order.
 *
 * Blocks start at a line start found by searching back for a line feed; that is a guess, because
 * the line feed may sit inside a quoted field. The guess is checked: block n−1 is read from its
 * exact start to the first record starting at or after block n's start, and must end exactly
 * there. When it does not (a quoted line break across the boundary), block n is read again from
 * where block n−1 really ended. A block that meets something the fast tokenizer does not read
 * (bail) ends the parallel read: the rest of the file goes through csv-parse on the main thread,
 * exactly as the single-threaded reader would hand it over. The file must be valid UTF-8
 * throughout (checked first by the workers); otherwise the reader goes on single-threaded, where
 * the Windows-1252 fallback lives.
 */
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StringDictionary, TicketBatch, type TicketBatchParts } from '../model/ticket-batch.js';
import type { InputKind, RowIssue, SurveyResponse } from '../model/types.js';
import type { DateOrder } from '../time/date-format.js';
import { recordConsumer, reserveRest, type RowCounts } from './consume-records.js';
import type { IssueSink, RowMapper } from './preset.js';
import { carefulBatchesFrom } from './read-csv.js';
import { readBlock, validUtf8, type RowLane } from './block-reader.js';
import { TypedLane } from './typed-lane.js';
import { SurveyLane } from './survey-lane.js';
import { SurveyColumns, type SurveyColumnsParts } from '../model/survey-columns.js';
import type { ReadProgress, RecordSink } from './read-inputs.js';

export interface PreparedSample {
  sample: string[][];
  complete: boolean;
}

/** What a worker needs to compile the main thread's mapper again. */
export interface WorkerInit {
  file: string;
  header: string[];
  renamed: [string, string][];
  preset: string;
  kind: InputKind;
  extraHeaders: string[][];
  prepared: PreparedSample | null;
  delimiter: string;
  recordDelimiter: number;
  width: number;
  inputZone: string;
  dateOrder?: DateOrder;
  now?: number;
  values?: Record<string, Record<string, string | number | boolean>>;
  tags?: boolean;
  /** Bytes per row of the records read so far (sizes each block's batch; a batch still grows when short). */
  rowBytes?: number;
}

export interface ValidateJob {
  type: 'validate';
  start: number;
  end: number;
}

export interface BlockJob {
  type: 'block';
  block: number;
  start: number;
  /** No record starting at or after this offset belongs to the block. */
  end: number;
}

export interface BlockResult {
  type: 'block';
  block: number;
  start: number;
  rows: TicketBatchParts | null;
  /** Strings the worker's dictionary gained with this block. */
  strings: string[];
  /** Issues and responses with lines counted from the block's first line (1). */
  issues: RowIssue[];
  surveys: SurveyColumnsParts;
  counts: RowCounts;
  /** Where the block's reading stopped (the next record's start) and that line, block-relative. */
  endOffset: number;
  endLine: number;
  /** The fast tokenizer stopped at endOffset on something only csv-parse reads. */
  bail: boolean;
}

export interface ParallelSetup extends Omit<WorkerInit, 'renamed' | 'recordDelimiter'> {
  renamed: Map<string, string>;
  resume: { offset: number; line: number; recordDelimiter: number; fileSize: number };
}

export interface ParallelTarget {
  /** The main thread's mapper (prepared) and value rewrite, for the csv-parse rest after a bail. */
  mapper: RowMapper;
  rewrite: ((record: string[]) => void) | null;
  report: IssueSink;
  counts: RowCounts;
  sink: RecordSink;
  onProgress?: (progress: ReadProgress) => void;
}

/** Settings, from the environment so tests and benchmarks can force them. */
function settings(): { workers: number; minBytes: number; blockBytes: number } {
  const env = (name: string, fallback: number): number => {
    const v = process.env[name];
    return v === undefined || v === '' || !Number.isFinite(Number(v)) ? fallback : Number(v);
  };
  return {
    // One worker per core: the main thread's share (the table) is small enough to sit beside them.
    workers: Math.max(0, Math.floor(env('TEAMKPI_WORKERS', Math.min(availableParallelism(), 4)))),
    // Below about 64 MB the workers' start-up and the second core's contention cost more than they save (bench/README.md).
    minBytes: env('TEAMKPI_PARALLEL_MIN_BYTES', 64 << 20),
    blockBytes: Math.max(1, env('TEAMKPI_PARALLEL_BLOCK_BYTES', 4 << 20)),
  };
}

const WORKER_URL = new URL('./parallel-worker.js', import.meta.url);

/** What the parallel reader did in this process (tests check that a path they mean to cover was taken). */
export const parallelStats = { files: 0, declinedUtf8: 0, blocks: 0, reread: 0, bailed: 0 };
/** Files whose rest the main thread read with a lane, and the rows the lane read itself (not the ordinary path). */
export const laneStats = { files: 0, rows: 0 };

/**
 * Read the rest of the file from `setup.resume` into `target`: in worker threads when the rest is
 * large enough (and the build has the worker script), else on this thread with the typed lane
 * (`readRestHere`). 'declined' (and nothing read) when neither applies — no lane for this file,
 * or the rest is not valid UTF-8 — and the caller's stream reader goes on.
 */
export async function readRest(setup: ParallelSetup, target: ParallelTarget): Promise<'done' | 'declined'> {
  const { workers: count, minBytes, blockBytes } = settings();
  const { offset, fileSize } = setup.resume;
  if (fileSize - offset <= 0) return 'declined';
  // Survey files stay on this thread: their rows are few beside the tickets', and shipping responses costs what reading them does.
  if (setup.kind !== 'tickets' || count < 1 || fileSize - offset < minBytes || !existsSync(fileURLToPath(WORKER_URL))) return readRestHere(setup, target);
  const init: WorkerInit = {
    file: setup.file, header: setup.header, renamed: [...setup.renamed], preset: setup.preset, kind: setup.kind, extraHeaders: setup.extraHeaders,
    prepared: setup.prepared, delimiter: setup.delimiter, recordDelimiter: setup.resume.recordDelimiter, width: setup.width,
    inputZone: setup.inputZone, dateOrder: setup.dateOrder, now: setup.now, values: setup.values, tags: setup.tags,
    rowBytes: target.counts.rowsRead > 0 ? offset / target.counts.rowsRead : undefined,
  };
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(new Worker(WORKER_URL, { workerData: init }));
    const parts = splitRange(setup.file, offset, fileSize, count);
    const valid = await Promise.all(workers.map((w, i) => request<{ ok: boolean }>(w, { type: 'validate', start: parts[i], end: parts[i + 1] })));
    if (valid.some((v) => !v.ok)) {
      parallelStats.declinedUtf8++;
      return 'declined';
    }
    parallelStats.files++;
    await run(setup, target, workers, blockStarts(setup.file, offset, fileSize, blockBytes));
    return 'done';
  } finally {
    for (const w of workers) void w.terminate();
  }
}

/**
 * Read the rest on this thread, with the typed lane (tickets) or the survey lane (responses):
 * 'declined' when the mapper has no lane, when
 * config value rewrites apply, or when the rest is not valid UTF-8 (the stream reader then goes
 * on, with its encoding fallback). Read in steps of a few MB, letting progress and timers run.
 */
async function readRestHere(setup: ParallelSetup, target: ParallelTarget): Promise<'done' | 'declined'> {
  const { offset, fileSize, recordDelimiter } = setup.resume;
  const { mapper, sink } = target;
  const tickets = setup.kind === 'tickets';
  let lane: RowLane | null = null;
  if (target.rewrite === null) {
    lane = tickets
      ? TypedLane.create(mapper.lane, setup.width, setup.delimiter, recordDelimiter, () => mapper.tickets!)
      : SurveyLane.create(mapper.surveyLane, setup.width, setup.delimiter, recordDelimiter);
  }
  if (lane === null) return 'declined';
  const fd = openSync(setup.file, 'r');
  try {
    if (!validUtf8(fd, offset, fileSize)) {
      parallelStats.declinedUtf8++;
      return 'declined';
    }
    laneStats.files++;
    let nul = false;
    const consume = recordConsumer({ file: setup.file, width: setup.width, mapper, report: target.report, sawNul: () => nul, counts: target.counts, sink });
    const batch = (): TicketBatch => mapper.tickets!;
    // As recordConsumer does for an ordinary row: the ticket, then the response from its rating cell.
    const laneRow = (survey: SurveyResponse | null): void => {
      laneStats.rows++;
      if (!tickets) {
        sink.survey(survey!);
        return;
      }
      const b = batch();
      if (sink.ticketRow !== undefined) sink.ticketRow(b, b.size - 1);
      else sink.ticket?.(b.toTicket(b.size - 1));
      b.clear();
      if (survey !== null) {
        survey.withTicket = true;
        sink.survey(survey);
      }
    };
    let at = { offset, line: setup.resume.line, bail: false };
    while (at.offset < fileSize && !at.bail) {
      at = readBlock({
        fd, start: at.offset, line: at.line, stopAt: at.offset + STEP_BYTES, delimiter: setup.delimiter, recordDelimiter, lane,
        laneRow, counts: target.counts, record: consume, onNul: () => (nul = true),
      });
      target.onProgress?.({ file: setup.file, rowsRead: target.counts.rowsRead, bytesRead: at.offset, totalBytes: fileSize });
      if (tickets) reserveRest(sink, target.counts.rowsRead, at.offset, fileSize - at.offset);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (at.bail) {
      parallelStats.bailed++;
      await readCarefully(setup, target, at.offset, at.line);
    }
    return 'done';
  } finally {
    closeSync(fd);
  }
}

/** How much the main thread reads between looks at its event loop. */
const STEP_BYTES = 16 << 20;

/** `count` ranges over [start, end), cut where no UTF-8 sequence continues (so each validates alone). */
function splitRange(file: string, start: number, end: number, count: number): number[] {
  const cuts = [start];
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(4);
  try {
    for (let i = 1; i < count; i++) {
      let cut = Math.floor(start + ((end - start) * i) / count);
      const n = readSync(fd, buf, 0, 4, cut);
      // A continuation byte (10xxxxxx) belongs to the sequence before it: cut after it.
      for (let k = 0; k < n && (buf[k] & 0xc0) === 0x80; k++) cut++;
      cuts.push(Math.max(cuts[cuts.length - 1], cut));
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(end);
  return cuts;
}

/** Block starts: `offset`, then the line start after each multiple of blockBytes (a guess, checked later), then the file end. */
function blockStarts(file: string, offset: number, fileSize: number, blockBytes: number): number[] {
  const starts = [offset];
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(64 * 1024);
  try {
    for (let target = offset + blockBytes; target < fileSize; target += blockBytes) {
      // The first line feed at or after target − 1: the block starts right after it.
      let found = -1;
      for (let at = target - 1; at < Math.min(fileSize, target + (1 << 20)) && found < 0; at += buf.length) {
        const n = readSync(fd, buf, 0, buf.length, at);
        if (n === 0) break;
        const i = buf.subarray(0, n).indexOf(0x0a);
        if (i >= 0) found = at + i + 1;
      }
      if (found > starts[starts.length - 1] && found < fileSize) starts.push(found);
    }
  } finally {
    closeSync(fd);
  }
  starts.push(fileSize);
  return starts;
}

function request<T>(worker: Worker, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (value: T): void => {
      done();
      resolve(value);
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    const onExit = (code: number): void => {
      done();
      reject(new Error(`a reader thread stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message);
  });
}

/**
 * Hand out blocks (at most a few ahead of the replay, so memory stays bounded), and replay their
 * rows in file order as they come in, checking each block's start against where the previous
 * one really ended.
 */
async function run(setup: ParallelSetup, target: ParallelTarget, workers: Worker[], starts: number[]): Promise<void> {
  const blocks = starts.length - 1;
  const dictionaries = new Map<Worker, StringDictionary>(workers.map((w) => [w, new StringDictionary()]));
  const results = new Map<number, { result: BlockResult; dictionary: StringDictionary }>();
  const ahead = workers.length * 3;
  let next = 0;
  let replayed = 0;
  let offset = setup.resume.offset;
  let line = setup.resume.line;
  const idle: Worker[] = [...workers, ...workers];
  const redo: BlockJob[] = [];

  await new Promise<void>((resolve, reject) => {
    let busy = 0;
    let finished = false;
    // Set when the workers are no longer needed (the rest is read on this thread): their messages and exits are ignored.
    let stopping = false;
    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      if (error === undefined) resolve();
      else reject(error);
    };
    const dispatch = (): void => {
      while (idle.length > 0 && (redo.length > 0 || (next < blocks && next < replayed + ahead))) {
        const worker = idle.shift()!;
        const job = redo.shift() ?? { type: 'block' as const, block: next, start: starts[next], end: starts[next + 1] };
        if (job.block === next) next++;
        busy++;
        worker.postMessage(job);
      }
    };
    const replayReady = async (): Promise<void> => {
      for (let ready = results.get(replayed); ready !== undefined; ready = results.get(replayed)) {
        results.delete(replayed);
        const { result, dictionary } = ready;
        if (result.start !== offset) {
          // The guessed start was inside a quoted field: read the block again from the real start.
          redo.push({ type: 'block', block: replayed, start: offset, end: Math.max(offset, starts[replayed + 1]) });
          parallelStats.reread++;
          return;
        }
        replay(result, dictionary, line, setup.file, target);
        offset = result.endOffset;
        line += result.endLine - 1;
        replayed++;
        parallelStats.blocks++;
        reserveRest(target.sink, target.counts.rowsRead, offset, setup.resume.fileSize - offset);
        target.onProgress?.({ file: setup.file, rowsRead: target.counts.rowsRead, bytesRead: offset, totalBytes: setup.resume.fileSize });
        if (result.bail) {
          // The rest goes to csv-parse, as in the single-threaded reader.
          parallelStats.bailed++;
          stopping = true;
          for (const w of workers) void w.terminate();
          await readCarefully(setup, target, offset, line);
          finish();
          return;
        }
      }
      if (replayed === blocks) finish();
    };
    for (const worker of workers) {
      worker.on('message', (result: BlockResult) => {
        if (finished || stopping) return;
        busy--;
        const dictionary = dictionaries.get(worker)!;
        dictionary.extend(result.strings);
        results.set(result.block, { result, dictionary });
        idle.push(worker);
        replayReady().then(() => {
          if (!finished && !stopping) dispatch();
        }, finish);
      });
      worker.on('error', (error) => {
        if (!stopping) finish(error);
      });
      worker.on('exit', (code) => {
        if (!finished && !stopping && code !== 0) finish(new Error(`a reader thread stopped (exit code ${code})`));
      });
    }
    void busy;
    dispatch();
  });
}

/** Add one block's rows, issues and responses in file order, as the single-threaded reader would. */
function replay(result: BlockResult, dictionary: StringDictionary, line: number, file: string, target: ParallelTarget): void {
  const shift = line - 1;
  const { issues } = result;
  const surveys = SurveyColumns.fromParts(result.surveys, dictionary);
  for (const issue of issues) issue.line += shift;
  const counts = target.counts;
  counts.rowsRead += result.counts.rowsRead;
  counts.rowsUsed += result.counts.rowsUsed;
  counts.rowsSkipped += result.counts.rowsSkipped;
  let ii = 0;
  let si = 0;
  if (result.rows !== null) {
    const batch = TicketBatch.fromParts(file, dictionary, result.rows);
    const lines = batch.lines;
    const sink = target.sink;
    for (let k = 0; k < batch.size; k++) {
      const at = (lines[k] += shift);
      // A row's issues came before its ticket reached the table; its responses right after.
      while (ii < issues.length && issues[ii].line <= at) target.report(issues[ii++]);
      if (sink.ticketRow !== undefined) sink.ticketRow(batch, k);
      else sink.ticket?.(batch.toTicket(k));
      while (si < surveys.size && surveys.lines[si] + shift <= at) sink.survey(surveys.get(si++, shift));
    }
  }
  while (ii < issues.length) target.report(issues[ii++]);
  while (si < surveys.size) target.sink.survey(surveys.get(si++, shift));
}

async function readCarefully(setup: ParallelSetup, target: ParallelTarget, offset: number, line: number): Promise<void> {
  const { mapper, rewrite } = target;
  let nul = false;
  const consume = recordConsumer({ file: setup.file, width: setup.width, mapper, report: target.report, sawNul: () => nul, counts: target.counts, sink: target.sink });
  for await (const batch of carefulBatchesFrom(setup.file, setup.delimiter, offset, line, setup.resume.recordDelimiter)) {
    for (let i = 0; i < batch.records.length; i++) {
      const record = batch.records[i];
      if (rewrite !== null) rewrite(record);
      // NUL is checked per record here; the single-threaded reader checks once a chunk held one (same outcome).
      if (!nul && record.some((field) => field.includes('\0'))) nul = true;
      consume(record, batch.lines[i]);
    }
  }
}
