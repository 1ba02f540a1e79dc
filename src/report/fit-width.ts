import { Chalk } from 'chalk';
import type { Report } from '../model/report.js';
import { tableKpis, type FormatOptions } from './format-value.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u;
const ZERO = /\p{Mark}|[\u200b-\u200f\ufe0f]/u;

/** Terminal columns a string takes: colour codes take none, CJK and emoji two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(ANSI, '')) width += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Width of the widest bordered table line (lines that start with a box-drawing corner or edge). */
function tableWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    const plain = line.replace(ANSI, '');
    if (/^[┌│├└]/.test(plain)) widest = Math.max(widest, displayWidth(plain));
  }
  return widest;
}

/**
 * Render a terminal table that fits `options.width`: KPI columns are dropped from the right (the
 * catalog puts the most-read KPIs first) until the table fits, keeping at least one, and a note
 * names what was left out. Only on a terminal with a known width; piped output is never cut.
 *
 * `widthRows` (the rows that set the column widths of a table of some KPIs) lets columns be
 * dropped against a table of those rows alone first: its lines are some of the whole table's, at
 * the same column widths, so it is never wider, and when it is too wide, so is the whole. Why:
 * each check laid out every row, and a report over 3,000 agents on a 100-column terminal took
 * 4.7 s, three times what it takes piped. The whole table is checked after, as before.
 */
export function fitTableToWidth(
  report: Report, options: FormatOptions, render: (report: Report, options: FormatOptions) => string, widthRows?: (ids: string[]) => number[],
): string {
  const width = options.width;
  if (!options.tty || width === undefined || width <= 0) return render(report, options);
  const all = tableKpis(report, options);
  let ids = all;
  if (widthRows !== undefined) {
    while (ids.length > 1 && tableWidth(render(onlyRows(report, widthRows(ids)), { ...options, kpiIds: ids })) > width) ids = ids.slice(0, -1);
  }
  let text = render(report, ids === all ? options : { ...options, kpiIds: ids });
  let fits = tableWidth(text) <= width;
  if (ids === all && fits) return text;
  while (ids.length > 1 && !fits) {
    ids = ids.slice(0, -1);
    text = render(report, { ...options, kpiIds: ids });
    fits = tableWidth(text) <= width;
  }
  const dropped = all.slice(ids.length).map((id) => report.definitions[id].label);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const note = `${dropped.length} column${dropped.length === 1 ? '' : 's'} left out to fit the terminal (${width} columns): ${dropped.join(', ')}; widen the window, pick KPIs with --metrics, or use --format csv/json/html`;
  return text + chalk.dim(note) + '\n';
}

/**
 * The report with only the rows numbered `rows`, and their comparisons: every part of a report
 * that is per row must be cut the same way (a part left whole could make the small table wider
 * than the whole one, and a fit be missed).
 */
function onlyRows(report: Report, rows: number[]): Report {
  const comparison = report.comparison === null ? null : { ...report.comparison, rows: rows.map((r) => report.comparison!.rows[r]) };
  return { ...report, rows: rows.map((r) => report.rows[r]), comparison };
}
