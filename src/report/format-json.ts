import type { Report } from '../model/report.js';
import { exactNumber } from './format-value.js';

const replacer = (_key: string, value: unknown): unknown => (typeof value === 'number' ? exactNumber(value) : value);

/** The JSON report (schema version 1), two-space indented, numbers to at most 9 decimals. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, replacer, 2) + '\n';
}

/** Text in the rows' place while the rest of the report is made (a string no report holds twice). */
const ROWS_MARK = '\u0000teamkpi rows\u0000';
const ROWS_MARK_JSON = JSON.stringify(ROWS_MARK);
/**
 * Rows made into text together. Stringified as `{ rows: [...] }`, they sit at the depth the
 * report's rows sit at, so JSON.stringify indents them as it indents the whole report's rows.
 */
const ROWS_PER_PIECE = 256;
const CHUNK_HEAD = '{\n  "rows": [\n    '.length;
const CHUNK_TAIL = '\n  ]\n}'.length;

/**
 * `formatJson`'s text in pieces, the rows made and given one piece at a time. Why: a report of
 * tens of thousands of rows is a string of hundreds of MB made at once, flattened, then copied
 * into a buffer to be written (50,000 rows: 184 MB, 1.5 GB of peak memory); in pieces, each is
 * written and let go (bench/README.md). Each piece is the text of up to ROWS_PER_PIECE rows from
 * one JSON.stringify call: one call per row, each row's text then indented by four more spaces,
 * took ~0.25 s of a report over 3,000 agents (12 MB), against ~0.09 s now.
 */
export function* formatJsonPieces(report: Report): Generator<string> {
  const outer = JSON.stringify({ ...report, rows: ROWS_MARK }, replacer, 2) + '\n';
  const at = outer.indexOf(ROWS_MARK_JSON);
  // The mark anywhere else (it cannot come from a file, but nothing is assumed): all at once.
  if (at < 0 || outer.indexOf(ROWS_MARK_JSON, at + 1) >= 0) {
    yield formatJson(report);
    return;
  }
  const rows = report.rows;
  if (rows.length === 0) {
    yield outer.slice(0, at) + '[]' + outer.slice(at + ROWS_MARK_JSON.length);
    return;
  }
  yield outer.slice(0, at) + '[\n    ';
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    const text = JSON.stringify({ rows: rows.slice(i, i + ROWS_PER_PIECE) }, replacer, 2);
    yield (i === 0 ? '' : ',\n    ') + text.slice(CHUNK_HEAD, text.length - CHUNK_TAIL);
  }
  yield '\n  ]' + outer.slice(at + ROWS_MARK_JSON.length);
}
