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
/** Rows' text gathered into pieces of about this many characters. */
const PIECE = 1 << 20;

/**
 * `formatJson`'s text in pieces, the rows made and given one piece at a time. Why: a report of
 * tens of thousands of rows is a string of hundreds of MB made at once, flattened, then copied
 * into a buffer to be written (50,000 rows: 184 MB, 1.5 GB of peak memory); in pieces, each is
 * written and let go (bench/README.md). Rows sit at the second level of the two-space indented
 * text, so each row's own text is indented by four more spaces, as JSON.stringify indents it
 * (a JSON text has no raw line break inside a string, so every line break is the layout's).
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
  let piece = outer.slice(0, at) + '[\n    ';
  for (let i = 0; i < rows.length; i++) {
    piece += (i === 0 ? '' : ',\n    ') + JSON.stringify(rows[i], replacer, 2).replaceAll('\n', '\n    ');
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield piece + '\n  ]' + outer.slice(at + ROWS_MARK_JSON.length);
}
