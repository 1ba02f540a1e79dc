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
import { openSync, readSync, closeSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { Worker } from 'node:worker_threads';
import { partsBuffers, StringDictionary, TicketBatch, type TicketBatchParts } from '../model/ticket-batch.js';
import type { InputKind, RowIssue, SurveyResponse } from '../model/types.js';
import type { DateOrder } from '../time/date-format.js';
import { recordConsumer, reserveRest, type RowCounts } from './consume-records.js';
import type { IssueSink, RowMapper } from './preset.js';
import { carefulBatchesFrom } from './read-csv.js';
import { readBlock, validUtf8, type RowLane } from './block-reader.js';
import { TypedLane } from './typed-lane.js';
import { SurveyLane } from './survey-lane.js';
import { readerSettings, readersAvailable, takeReaders } from './reader-threads.js';
import { SurveyColumns, type SurveyColumnsParts } from '../model/survey-columns.js';
import type { ReadProgress, RecordSink } from './read-inputs.js';

export interface PreparedSample {
  sample: string[][];
  complete: boolean;
}

/** What a worker needs to compile the main thread's mapper again. */
export interface WorkerInit {
  file: string;
  /** The header after config renames (what the mapper is compiled for). */
  header: string[];
  /** The header row as the file has it. */
  fileHeader: string[];
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

/** A reader thread's first message: what to read with. */
export interface InitJob {
  type: 'init';
  init: WorkerInit;
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

/** The parts of a block's batch, replayed: the worker reads later blocks into them again. */
export interface RecycleJob {
  type: 'recycle';
  /** BlockResult.batch. */
  batch: number;
  rows: TicketBatchParts;
}

export interface BlockResult {
  type: 'block';
  block: number;
  start: number;
  rows: TicketBatchParts | null;
  /** The worker's number for the batch the rows were read into (RecycleJob). */
  batch: number;
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
  // Nothing left by the file's size: a pipe or FIFO (size 0), or a file that grew after it was
  // opened; the stream reader goes on and reads what there is.
  if (setup.resume.fileSize - setup.resume.offset <= 0) return 'declined';
  const started = startRest(setup, target.counts.rowsRead);
  if (started !== null) return started.complete(target);
  try {
    return await readRestHere(setup, target);
  } catch (error) {
    throw readFailure(setup.file, error);
  }
}

/**
 * A system error reading the file (EIO, EISDIR …, on this thread or a worker's) as the input
 * error the stream reader gives for it ("cannot be read"), rather than an internal error; any
 * other error as it is.
 */
export function readFailure(file: string, error: unknown): unknown {
  const e = error as { code?: unknown; syscall?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== 'object' || typeof e.code !== 'string' || !/^E[A-Z0-9]+$/.test(e.code) || typeof e.syscall !== 'string') return error;
  return new InputError(`${file}: cannot be read (${String(e.message)})`, { location: file, cause: error });
}

/** A parallel read under way: its workers read blocks ahead until `complete` replays them into a target. */
export interface StartedRest {
  /** Replay every block into `target` in file order ('declined': the rest is not valid UTF-8, nothing was read). */
  complete(target: ParallelTarget): Promise<'done' | 'declined'>;
  /** Stop the workers without reading on (the caller gave up before `complete`). */
  cancel(): void;
}

/**
 * Start reading the rest of a large ticket file in worker threads, before its rows are wanted
 * (a read error, here or in `complete`, is the input error `readFailure` makes of it):
 * the caller can read another input on this thread meanwhile (a survey file read first, by name
 * order, leaves the second core idle otherwise). Nothing reaches the log or a sink until
 * `complete`. Null when the rest goes on this thread (`readRest` decides the same way).
 * `rowsRead`: the rows the records read so far hold (sizes the workers' batches).
 */
export function startRest(setup: ParallelSetup, rowsRead: number): StartedRest | null {
  const { workers: count, minBytes, blockBytes } = readerSettings();
  const { offset, fileSize } = setup.resume;
  // Survey files stay on this thread: their rows are few beside the tickets', and shipping responses costs what reading them does.
  if (fileSize - offset <= 0 || setup.kind !== 'tickets' || count < 1 || fileSize - offset < minBytes || !readersAvailable()) return null;
  const init: WorkerInit = {
    file: setup.file, header: setup.header, fileHeader: setup.fileHeader, renamed: [...setup.renamed], preset: setup.preset, kind: setup.kind, extraHeaders: setup.extraHeaders,
    prepared: setup.prepared, delimiter: setup.delimiter, recordDelimiter: setup.resume.recordDelimiter, width: setup.width,
    inputZone: setup.inputZone, dateOrder: setup.dateOrder, now: setup.now, values: setup.values, tags: setup.tags,
    rowBytes: rowsRead > 0 ? offset / rowsRead : undefined,
  };
  // The file's cuts first: a read error there leaves no thread behind.
  let parts: number[], starts: number[];
  try {
    parts = splitRange(setup.file, offset, fileSize, count);
    starts = blockStarts(setup.file, offset, fileSize, blockBytes);
  } catch (error) {
    throw readFailure(setup.file, error);
  }
  const workers = takeReaders(count);
  for (const worker of workers) worker.postMessage({ type: 'init', init } satisfies InitJob);
  const run = new BlockRun(setup, workers, parts, starts);
  const stop = (): void => {
    for (const w of workers) void w.terminate();
  };
  return {
    async complete(target) {
      try {
        const outcome = await run.replayInto(target);
        if (outcome === 'declined') parallelStats.declinedUtf8++;
        else parallelStats.files++;
        return outcome;
      } catch (error) {
        throw readFailure(setup.file, error);
      } finally {
        stop();
      }
    },
    cancel: stop,
  };
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
      : SurveyLane.create(mapper.surveyLane, setup.width, setup.delimiter, recordDelimiter, sink.surveyColumns?.() ?? null);
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
    const consume = recordConsumer({ file: setup.file, width: setup.width, header: setup.fileHeader, mapper, report: target.report, sawNul: () => nul, counts: target.counts, sink });
    const batch = (): TicketBatch => mapper.tickets!;
    // The lane's rows wait in the batch, and the responses from their rating cells beside it, and
    // go to the sink in runs (`ticketRows`), the responses after them, as the parallel reader's
    // replay gives them: one at a time, each row's reset of two dozen columns after it was a tenth
    // of a 100k-ticket report's reading. They go before an ordinary row (its mapper writes into
    // the same batch, and it may report issues).
    const responses: SurveyResponse[] = [];
    const flush = (): void => {
      const b = batch();
      for (let k = 0; k < b.size; k++) {
        const end = sink.ticketRows === undefined ? k : sink.ticketRows(b, k, b.size);
        if (end === b.size) break;
        k = end;
        if (sink.ticketRow !== undefined) sink.ticketRow(b, k);
        else sink.ticket?.(b.toTicket(k));
      }
      b.clear();
      for (const survey of responses) sink.survey(survey);
      responses.length = 0;
    };
    const laneRow = (survey: SurveyResponse | null): void => {
      laneStats.rows++;
      if (!tickets) {
        // Null when the lane added the response to the sink's columns itself.
        if (survey !== null) sink.survey(survey);
        return;
      }
      if (survey !== null) {
        survey.withTicket = true;
        responses.push(survey);
      }
      if (batch().size >= LANE_RUN_ROWS) flush();
    };
    const record = (row: string[], line: number): void => {
      if (tickets) flush();
      consume(row, line);
    };
    let at = { offset, line: setup.resume.line, bail: false };
    while (at.offset < fileSize && !at.bail) {
      at = readBlock({
        fd, start: at.offset, line: at.line, stopAt: at.offset + STEP_BYTES, delimiter: setup.delimiter, recordDelimiter, lane,
        laneRow, counts: target.counts, record, onNul: () => (nul = true),
      });
      if (tickets) flush();
      target.onProgress?.({ file: setup.file, rowsRead: target.counts.rowsRead, bytesRead: at.offset, totalBytes: fileSize });
      reserveRest(tickets ? sink.reserveTickets : sink.reserveSurveys, target.counts.rowsRead, at.offset, fileSize - at.offset);
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
/** Lane rows kept in the batch before they go to the sink (a few hundred KB of columns). */
const LANE_RUN_ROWS = 4096;

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


/**
 * Hand out blocks (at most a few ahead of the replay, so memory stays bounded), and replay their
 * rows in file order as they come in, checking each block's start against where the previous
 * one really ended. First each worker checks that its share of the rest is valid UTF-8; the
 * first blocks go out with that check, and are replayed (by `replayInto`) only once all passed.
 */
class BlockRun {
  private readonly blocks: number;
  private readonly dictionaries: Map<Worker, StringDictionary>;
  private readonly results = new Map<number, { result: BlockResult; dictionary: StringDictionary; worker: Worker }>();
  /** Jobs sent to each worker and not answered yet. */
  private readonly outstanding: Map<Worker, number>;
  private readonly redo: BlockJob[] = [];
  private next = 0;
  private replayed = 0;
  private validated = 0;
  private offset: number;
  private line: number;
  private target: ParallelTarget | null = null;
  private finished = false;
  // Set when the workers are no longer needed (the rest is read on this thread): their messages and exits are ignored.
  private stopping = false;
  private resolve: (outcome: 'done' | 'declined') => void = () => undefined;
  private reject: (error: unknown) => void = () => undefined;
  private readonly done: Promise<'done' | 'declined'>;

  constructor(private readonly setup: ParallelSetup, private readonly workers: Worker[], validate: number[], private readonly starts: number[]) {
    this.blocks = starts.length - 1;
    this.dictionaries = new Map(workers.map((w) => [w, new StringDictionary()]));
    this.outstanding = new Map(workers.map((w) => [w, 0]));
    this.offset = setup.resume.offset;
    this.line = setup.resume.line;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A failure before `replayInto` surfaces there; until then it must not count as unhandled.
    this.done.catch(() => undefined);
    workers.forEach((worker, i) => {
      worker.on('message', (result: BlockResult | { type: 'validate'; ok: boolean }) => {
        if (this.finished || this.stopping) return;
        this.outstanding.set(worker, this.outstanding.get(worker)! - 1);
        if (result.type === 'validate') {
          // Not valid UTF-8: nothing is replayed, and the stream reader (with its fallback) goes on.
          if (!result.ok) this.finish('declined');
          else this.validated++;
        } else {
          const dictionary = this.dictionaries.get(worker)!;
          dictionary.extend(result.strings);
          this.results.set(result.block, { result, dictionary, worker });
        }
        this.pump();
      });
      worker.on('error', (error) => {
        if (!this.stopping) this.finish('done', error);
      });
      worker.on('exit', (code) => {
        if (!this.finished && !this.stopping && code !== 0) this.finish('done', new Error(`a reader thread stopped (exit code ${code})`));
      });
      this.outstanding.set(worker, 1);
      worker.postMessage({ type: 'validate', start: validate[i], end: validate[i + 1] });
    });
    this.dispatch();
  }

  /** Replay every block into `target` (those read already first); resolves once the file is read. */
  replayInto(target: ParallelTarget): Promise<'done' | 'declined'> {
    this.target = target;
    this.pump();
    return this.done;
  }

  private finish(outcome: 'done' | 'declined', error?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    if (error === undefined) this.resolve(outcome);
    else this.reject(error);
  }

  private pump(): void {
    if (this.finished) return;
    if (this.target === null || this.validated < this.workers.length) {
      this.dispatch();
      return;
    }
    this.replayReady(this.target).then(() => {
      if (!this.finished && !this.stopping) this.dispatch();
    }, (error) => this.finish('done', error));
  }

  /**
   * Send blocks to the workers with the fewest unanswered jobs. While nothing can be replayed yet
   * (this thread is busy with another input, and may not look at its messages for a while), each
   * worker is sent a longer queue, so it reads on by itself.
   */
  private dispatch(): void {
    const waiting = this.target === null;
    const depth = waiting ? PREFETCH_BLOCKS_PER_WORKER : QUEUED_BLOCKS_PER_WORKER;
    const ahead = this.workers.length * (waiting ? PREFETCH_BLOCKS_PER_WORKER : AHEAD_BLOCKS_PER_WORKER);
    for (;;) {
      if (this.redo.length === 0 && !(this.next < this.blocks && this.next < this.replayed + ahead)) return;
      let worker: Worker | null = null;
      for (const w of this.workers) {
        const n = this.outstanding.get(w)!;
        if (n < depth && (worker === null || n < this.outstanding.get(worker)!)) worker = w;
      }
      if (worker === null) return;
      const job = this.redo.shift() ?? { type: 'block' as const, block: this.next, start: this.starts[this.next], end: this.starts[this.next + 1] };
      if (job.block === this.next) this.next++;
      this.outstanding.set(worker, this.outstanding.get(worker)! + 1);
      worker.postMessage(job);
    }
  }

  private async replayReady(target: ParallelTarget): Promise<void> {
    const { setup } = this;
    for (let ready = this.results.get(this.replayed); ready !== undefined; ready = this.results.get(this.replayed)) {
      this.results.delete(this.replayed);
      const { result, dictionary, worker } = ready;
      if (result.start !== this.offset) {
        // The guessed start was inside a quoted field: read the block again from the real start.
        this.redo.push({ type: 'block', block: this.replayed, start: this.offset, end: Math.max(this.offset, this.starts[this.replayed + 1]) });
        parallelStats.reread++;
        return;
      }
      replay(result, dictionary, this.line, setup.file, target);
      // The batch's memory goes back to its worker while it has blocks to read: no new memory per
      // block (faulting in and filling it was a share of the workers' time), and little kept.
      if (result.rows !== null && (this.next < this.blocks || this.redo.length > 0)) {
        // The ids are left out: the worker's batch keeps its own (adopt takes the typed arrays only).
        const recycle: RecycleJob = { type: 'recycle', batch: result.batch, rows: { ...result.rows, ids: [] } };
        worker.postMessage(recycle, partsBuffers(result.rows));
      }
      this.offset = result.endOffset;
      this.line += result.endLine - 1;
      this.replayed++;
      parallelStats.blocks++;
      reserveRest(target.sink.reserveTickets, target.counts.rowsRead, this.offset, setup.resume.fileSize - this.offset);
      target.onProgress?.({ file: setup.file, rowsRead: target.counts.rowsRead, bytesRead: this.offset, totalBytes: setup.resume.fileSize });
      if (result.bail) {
        // The rest goes to csv-parse, as in the single-threaded reader.
        parallelStats.bailed++;
        this.stopping = true;
        for (const w of this.workers) void w.terminate();
        await readCarefully(setup, target, this.offset, this.line);
        this.finish('done');
        return;
      }
    }
    if (this.replayed === this.blocks) this.finish('done');
  }
}

/** Blocks handed out per worker beyond the last one replayed (memory: a few MB of rows each). */
const AHEAD_BLOCKS_PER_WORKER = 3;
/** Jobs a worker holds at once (one read, one waiting), so it never waits for this thread between blocks. */
const QUEUED_BLOCKS_PER_WORKER = 2;
/**
 * Both, while the rows cannot be replayed yet (this thread reads another input first: the survey
 * file, by name order). Each block read ahead is a batch of columns in the reader thread's own
 * malloc arena, which keeps that memory to the end of the process. With 3 each, the readers ran
 * out of blocks while this thread still read a million tickets' survey file, and waited. 6 each:
 * 1M generic 1.805 → 1.705 s and 1.740 → 1.660 s median in two rounds of 12 alternating runs,
 * peak memory ~305 → ~320 MB; 8 or 10 were no faster and took more (bench/README.md, item 28).
 */
const PREFETCH_BLOCKS_PER_WORKER = 6;

/** Add one block's rows, issues and responses in file order, as the single-threaded reader would. */
function replay(result: BlockResult, dictionary: StringDictionary, line: number, file: string, target: ParallelTarget): void {
  const shift = line - 1;
  const { issues } = result;
  const surveys = SurveyColumns.fromParts(result.surveys, dictionary);
  const sink = target.sink;
  const survey = sink.surveyFrom === undefined ? (si: number): void => sink.survey(surveys.get(si, shift)) : (si: number): void => sink.surveyFrom!(surveys, si, shift);
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
    for (let k = 0; k < batch.size; k++) lines[k] += shift;
    for (let k = 0; k < batch.size; k++) {
      // A run of plain rows at once: they report nothing, so the issues and responses of their
      // lines can follow them all (bench/README.md); the row that ends the run goes alone.
      const end = sink.ticketRows === undefined ? k : sink.ticketRows(batch, k, batch.size);
      if (end > k) {
        const last = lines[end - 1];
        while (ii < issues.length && issues[ii].line <= last) target.report(issues[ii++]);
        while (si < surveys.size && surveys.lines[si] + shift <= last) survey(si++);
        if (end === batch.size) break;
        k = end;
      }
      const at = lines[k];
      // A row's issues came before its ticket reached the table; its responses right after.
      while (ii < issues.length && issues[ii].line <= at) target.report(issues[ii++]);
      if (sink.ticketRow !== undefined) sink.ticketRow(batch, k);
      else sink.ticket?.(batch.toTicket(k));
      while (si < surveys.size && surveys.lines[si] + shift <= at) survey(si++);
    }
  }
  while (ii < issues.length) target.report(issues[ii++]);
  while (si < surveys.size) survey(si++);
}

async function readCarefully(setup: ParallelSetup, target: ParallelTarget, offset: number, line: number): Promise<void> {
  const { mapper, rewrite } = target;
  let nul = false;
  const consume = recordConsumer({ file: setup.file, width: setup.width, header: setup.fileHeader, mapper, report: target.report, sawNul: () => nul, counts: target.counts, sink: target.sink });
  for await (const batch of carefulBatchesFrom(setup.file, setup.delimiter, offset, line, setup.resume.recordDelimiter)) {
    for (let i = 0; i < batch.records.length; i++) {
      const record = batch.records[i];
      if (rewrite !== null) rewrite(record);
      // NUL is checked per record here; the single-threaded reader checks once a chunk held one (same outcome).
      if (!nul && record.some((field) => field.includes('\0'))) nul = true;
      consume(record, batch.lines[i], batch.strayQuotes?.get(batch.lines[i]));
    }
  }
}
