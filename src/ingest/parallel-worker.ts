/**
 * A worker thread of the parallel reader (parallel-read.ts): started, it loads the reading code
 * and waits for its `init` message (it may be started before the file's header is read:
 * reader-threads.ts); then it compiles the same mapper as the main thread (same preset, header
 * and detected date formats), reads the byte blocks it is sent and returns their ticket rows
 * column by column, with the issues and responses they gave.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { partsBuffers, type TicketBatch, type TicketBatchParts } from '../model/ticket-batch.js';
import { SurveyColumns } from '../model/survey-columns.js';
import type { RowIssue, SurveyResponse } from '../model/types.js';
import { getZone } from '../time/zone.js';
import { recordConsumer, reportWithOriginalNames, valueRewrites, type RowCounts } from './consume-records.js';
import { readBlock, validUtf8 } from './block-reader.js';
import { TypedLane } from './typed-lane.js';
import type { BlockJob, BlockResult, InitJob, RecycleJob, ValidateJob, WorkerInit } from './parallel-read.js';
import { findPreset } from './presets/index.js';

const port = parentPort!;
type Job = BlockJob | ValidateJob | RecycleJob | { type: 'close' };
let handle: ((job: Job) => void) | null = null;
port.on('message', (job: InitJob | Job) => {
  if (job.type === 'init') handle = reader(job.init);
  else handle!(job);
});

/** The reader for one file: the handler of its jobs. */
function reader(init: WorkerInit): (job: Job) => void {
  const issues: RowIssue[] = [];
  const mapper = findPreset(init.preset)!.compile(init.header, init.kind, {
    file: init.file, inputZone: getZone(init.inputZone), dateOrder: init.dateOrder, extraHeaders: init.extraHeaders, now: init.now, tags: init.tags,
    report: reportWithOriginalNames((issue) => issues.push(issue), new Map(init.renamed)),
  });
  if (init.prepared !== null) mapper.prepare?.(init.prepared.sample, init.prepared.complete);
  const rewrite = valueRewrites(init.header, init.values);
  // The typed lane reads cells from bytes, so it cannot apply config value rewrites: with them, every record takes the ordinary path.
  // A row's own rating goes straight into the block's response columns.
  const lane = rewrite === null ? TypedLane.create(mapper.lane, init.width, init.delimiter, init.recordDelimiter, () => mapper.tickets!, () => surveys) : null;
  const dictionary = mapper.tickets!.dictionary;
  let shipped = 1;
  const fd = openSync(init.file, 'r');
  /** Batches whose columns are on the main thread, by number, until it sends them back (`recycle`). */
  const lent = new Map<number, TicketBatch>();
  /** Batches sent back with their parts, to read the next blocks into. */
  const spare: { batch: TicketBatch; parts: TicketBatchParts }[] = [];
  let batches = 0;

  /** The block being read: its responses, row counts and whether its bytes held a NUL (reset per block). */
  let surveys = new SurveyColumns(dictionary);
  const counts: RowCounts = { rowsRead: 0, rowsUsed: 0, rowsSkipped: 0 };
  let nul = false;
  // What `readBlock` calls back, made once per thread. Made anew for each block, they were new call
  // targets to the compiled reading code at every block, which V8 then compiled again.
  const consume = recordConsumer({
    file: init.file, width: init.width, header: init.fileHeader, mapper, report: (issue) => { issues.push(issue); }, sawNul: () => nul, counts,
    sink: { ticketRow: () => undefined, survey: (s) => surveys.add(s) }, keepRows: true,
  });
  const laneRow = (survey: SurveyResponse | null): void => {
    if (survey !== null) {
      survey.withTicket = true;
      surveys.add(survey);
    }
  };
  const record = (fields: string[], line: number): void => {
    if (rewrite !== null) rewrite(fields);
    consume(fields, line);
  };
  const onNul = (): void => {
    nul = true;
  };

  /** Read the records that start in [job.start, job.end); the last may run past job.end. */
  function readBlockJob(job: BlockJob): BlockResult {
    // Sized from the rows per byte seen so far (with a margin); a batch that runs short doubles.
    const rows = Math.max(16, Math.ceil((job.end - job.start) / Math.max(16, 0.9 * (init.rowBytes ?? 64))));
    const reused = spare.pop();
    reused?.batch.adopt(reused.parts, rows);
    const batch = reused?.batch ?? mapper.tickets!.emptyLike(rows);
    mapper.tickets = batch;
    issues.length = 0;
    // Responses go in as columns (texts into the dictionary, so before its new strings are shipped).
    surveys = new SurveyColumns(dictionary);
    counts.rowsRead = counts.rowsUsed = counts.rowsSkipped = 0;
    nul = false;
    const end = readBlock({
      fd, start: job.start, line: 1, stopAt: job.end, delimiter: init.delimiter, recordDelimiter: init.recordDelimiter, lane,
      counts, laneRow, record, onNul,
    });
    const strings = dictionary.strings.slice(shipped) as string[];
    shipped = dictionary.strings.length;
    lent.set(++batches, batch);
    return {
      type: 'block', block: job.block, start: job.start, rows: batch.toParts(), batch: batches, strings, issues: issues.slice(), surveys: surveys.toParts(), counts: { ...counts },
      endOffset: end.offset, endLine: end.line, bail: end.bail,
    };
  }

  return (job) => {
    if (job.type === 'close') {
      closeSync(fd);
      port.close();
    } else if (job.type === 'validate') {
      port.postMessage({ type: 'validate', ok: validUtf8(fd, job.start, job.end) });
    } else if (job.type === 'recycle') {
      const batch = lent.get(job.batch);
      lent.delete(job.batch);
      if (batch !== undefined) spare.push({ batch, parts: job.rows });
    } else {
      const result = readBlockJob(job);
      port.postMessage(result, [...(result.rows === null ? [] : partsBuffers(result.rows)), ...SurveyColumns.fromParts(result.surveys, dictionary).buffers()]);
    }
  };
}
