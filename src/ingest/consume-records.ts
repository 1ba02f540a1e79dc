import type { IssueSink, RowMapper } from './preset.js';
import type { RecordSink } from './read-inputs.js';
import { normalizeHeader } from './values.js';

/** Rows of one file so far: every row read is used, skipped (with an issue) or later a duplicate. */
export interface RowCounts {
  rowsRead: number;
  rowsUsed: number;
  rowsSkipped: number;
}

export interface ConsumeOptions {
  file: string;
  /** Fields in the header row; a record with another count is ragged and skipped. */
  width: number;
  /** The header row as the file has it: a record that repeats it (files joined together) is skipped. */
  header: readonly string[];
  mapper: RowMapper;
  report: IssueSink;
  /** True once the input has held a NUL byte (records are then checked for one). */
  sawNul: () => boolean;
  counts: RowCounts;
  sink: RecordSink;
  /** Keep ticket rows in the mapper's batch (a parallel worker ships them); else the batch is emptied per row. */
  keepRows?: boolean;
}

/**
 * The per-record rules every reader applies (the main thread and the parallel workers alike):
 * NUL and ragged rows are skipped with an issue, the rest go through the mapper to the sink.
 */
export function recordConsumer(o: ConsumeOptions): (record: string[], line: number, strayQuoteEnd?: number) => void {
  const { file, width, header, mapper, report, counts, sink } = o;
  // The header's first cell as a joined file repeats it: as is, or after the next export's BOM.
  const first = header[0], firstAfterBom = '\uFEFF' + header[0];
  return (record, line, strayQuoteEnd) => {
    counts.rowsRead++;
    if (strayQuoteEnd !== undefined) {
      report({
        code: 'STRAY_QUOTE', file, line, column: null, value: null,
        message: `a quote (") opens a field on this line and is only closed on line ${strayQuoteEnd}, by a quote followed by text, so lines ${line}–${strayQuoteEnd} were read as one row; the row is skipped (check line ${line} for a stray quote: quote the whole field, or double the quote inside it)`,
      });
      counts.rowsSkipped++;
      return;
    }
    if (o.sawNul() && record.some((field) => field.includes('\0'))) {
      report({
        code: 'INVALID_VALUE', file, line, column: null, value: null,
        message: 'the row holds a NUL byte, which no text export contains; the row is skipped (the file may be corrupted or partly binary)',
      });
      counts.rowsSkipped++;
      return;
    }
    if (record.length !== width) {
      if (record.length === 1 && record[0].trim() === '') {
        report({
          code: 'RAGGED_ROW', file, line, column: null, value: null,
          // An empty quoted cell (`""`) parses the same way, as one empty field.
          message: record[0] === '' ? 'the line holds a single empty field (such as "") and none of the others; the row is skipped' : 'the line holds only spaces or tabs, no fields; the row is skipped',
        });
        counts.rowsSkipped++;
        return;
      }
      report({
        code: 'RAGGED_ROW', file, line, column: null, value: null,
        message: `the row has ${record.length} fields but the header has ${width}; the row is skipped (check for an unquoted delimiter or a truncated line)`,
      });
      counts.rowsSkipped++;
      return;
    }
    if (record[0] === first || record[0] === firstAfterBom) {
      if (record.every((cell, i) => i === 0 || cell === header[i])) {
        report({
          code: 'REPEATED_HEADER', file, line, column: null, value: null,
          message: 'the row repeats the header row (files joined together?); it is skipped',
        });
        counts.rowsSkipped++;
        return;
      }
    }
    const row = mapper.map(record, line);
    if (row.skipped) {
      counts.rowsSkipped++;
      return;
    }
    counts.rowsUsed++;
    if (row.ticket) {
      const batch = mapper.tickets!;
      if (sink.ticketRow !== undefined) sink.ticketRow(batch, batch.size - 1);
      else sink.ticket?.(batch.toTicket(batch.size - 1));
      if (o.keepRows !== true) batch.clear();
    }
    for (const survey of row.surveys) {
      if (row.ticket) survey.withTicket = true;
      sink.survey(survey);
    }
  };
}

/** Config `inputs.values` as an in-place record rewrite: cells found in a column's map are replaced. */
export function valueRewrites(header: string[], values: Record<string, Record<string, string | number | boolean>> | undefined): ((record: string[]) => void) | null {
  if (values === undefined) return null;
  const plans: { col: number; map: Map<string, string> }[] = [];
  for (const [field, map] of Object.entries(values)) {
    const col = header.findIndex((h) => normalizeHeader(h) === normalizeHeader(field));
    if (col < 0) continue;
    plans.push({ col, map: new Map(Object.entries(map).map(([from, to]) => [from.trim().toLowerCase(), String(to)])) });
  }
  if (plans.length === 0) return null;
  return (record) => {
    for (const { col, map } of plans) {
      const cell = record[col];
      if (cell === undefined) continue;
      const to = map.get(cell.trim().toLowerCase());
      if (to !== undefined) record[col] = to;
    }
  };
}

/** Issues name the column as the file does, not as config `inputs.columns` renamed it. */
export function reportWithOriginalNames(report: IssueSink, renamed: ReadonlyMap<string, string>): IssueSink {
  if (renamed.size === 0) return report;
  return (issue) => report(issue.column !== null && renamed.has(issue.column) ? { ...issue, column: renamed.get(issue.column)! } : issue);
}

/**
 * Tell the sink about how many more rows are coming (`reserve`: its reserveTickets or
 * reserveSurveys), from the rows per byte read so far, so its storage grows once rather than
 * through many doublings. Called again as reading goes
 * on (the estimate firms up). Never more than one row per 96 bytes left, four times the rows read
 * so far, or 1.1M, whichever is most: a file whose first rows are much shorter than the rest
 * cannot make the table reserve much more memory than the file's own size (the table keeps about
 * 130 bytes a ticket, and memory reserved but never written is not used), while a large file of
 * ordinary rows is reserved for at once (5M tickets grew through three doublings, copying 1.4M
 * rows, bench/README.md).
 */
export function reserveRest(reserve: ((rows: number) => void) | undefined, rowsRead: number, bytesRead: number, bytesLeft: number): void {
  if (reserve === undefined || rowsRead === 0 || bytesRead <= 0 || bytesLeft <= 0) return;
  const estimate = Math.ceil((1.05 * bytesLeft * rowsRead) / bytesRead);
  reserve(Math.min(estimate, Math.max(1_100_000, 4 * rowsRead, Math.floor(bytesLeft / 96))));
}
