import Table from 'cli-table3';
import cliWidth from 'cli-table3/src/utils.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Report } from '../model/report.js';
import { fitTableToWidth } from './fit-width.js';
import { SIGNIFICANT_MARK, changeText, intervalText, statsNotes } from './stats-text.js';
import { PLAIN_TABLE_CHARS, describeQuality, describeScope, displayValue, groupCells, kpiHeading, methodNotes, tableKpis, terminalText, type FormatOptions } from './format-value.js';

const LOW_SAMPLE_MARK = '°';

/** A terminal table: scope line, one row per period × group, low-sample values marked, footnotes; fitted to the terminal width. */
export function formatTable(report: Report, options: FormatOptions): string {
  return fitTableToWidth(report, options, renderTable, widthRows(report, options));
}

function renderTable(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const ids = tableKpis(report, options);
  const bucketed = report.period !== 'all';
  const head = [...(bucketed ? ['Period'] : []), ...report.groupBy.map(capitalize), ...ids.map((id) => kpiHeading(report.definitions[id], options.tty))];
  const tableOptions: TableLook = {
    style: options.color ? { head: [], border: ['grey'] } : { head: [], border: [] },
    chars: options.tty ? {} : PLAIN_TABLE_CHARS,
  };
  const { table, anyLow, anyChange } = tableRows(report, options, ids, chalk);
  const lines = [`teamkpi report · ${describeScope(report)}`, layoutTable(head.map((h) => (options.color ? chalk.bold(h) : h)), table, tableOptions)];
  const notes: string[] = [];
  if (anyLow) notes.push(`${LOW_SAMPLE_MARK} fewer answers or tickets than the minimum sample; treat as indicative only (n is in --format json/csv)`);
  notes.push(...statsNotes(report, { ci: options.ci === true, changes: anyChange }));
  notes.push(...methodNotes(report, ids));
  const hidden = Object.keys(report.definitions).length - ids.length;
  if (hidden > 0) notes.push(`${hidden} more KPIs in --format json/csv, or pick them with --metrics (teamkpi metrics lists them)`);
  notes.push(`data: ${terminalText(describeQuality(report))}`);
  lines.push(...notes.map((n) => chalk.dim(n)));
  return lines.join('\n') + '\n';
}

/** The table's cells, row by row: the period and group labels, then one cell per KPI of `ids`. */
function tableRows(report: Report, options: FormatOptions, ids: string[], chalk: ChalkInstance): { table: string[][]; anyLow: boolean; anyChange: boolean } {
  const bucketed = report.period !== 'all';
  const table: string[][] = [];
  let anyLow = false;
  let anyChange = false;
  report.rows.forEach((row, r) => {
    const overall = Object.keys(row.group).length === 0;
    const cells = ids.map((id) => {
      const v = row.kpis[id];
      const unit = report.definitions[id].unit;
      let text = displayValue(v.value, unit, options.tty);
      const low = v.lowSample === true && v.value !== null;
      if (low) text = `${text}${LOW_SAMPLE_MARK}`;
      if (options.ci && v.value !== null && unit !== 'count') text = `${text} ${intervalText(v, unit, options.tty)}`;
      if (low) text = chalk.dim(text);
      anyLow ||= low;
      const change = changeText(report.comparison?.rows[r]?.kpis[id], unit, options.tty);
      if (change !== null) {
        anyChange = true;
        const mark = `${change.text}${change.significant ? SIGNIFICANT_MARK : ''}`;
        const paint = !change.significant ? chalk.dim : change.change === 'better' ? chalk.green : change.change === 'worse' ? chalk.red : chalk.dim;
        text = `${text} ${paint(mark)}`;
      }
      return text;
    });
    const labels = [...(bucketed ? [row.period ?? ''] : []), ...groupCells(report, row)].map(terminalText);
    table.push([...labels.map((l) => (overall && options.color ? chalk.bold(l) : l)), ...cells]);
  });
  return { table, anyLow, anyChange };
}

/**
 * For fitTableToWidth: the rows that set the column widths of a table of the KPIs `ids` (a first
 * part of the ones the table would show), by number — per column, the first row whose cell is
 * widest as cli-table3 measures it. The cells are made once, when first asked.
 */
export function widthRows(report: Report, options: FormatOptions): (ids: string[]) => number[] {
  const all = tableKpis(report, options);
  // Per column (the labels, then the KPIs of `all`), the row of its widest cell; made on first use.
  let rowOfWidest: number[] | null = null;
  return (ids) => {
    if (rowOfWidest === null) {
      const { table } = tableRows(report, options, all, new Chalk({ level: options.color ? 1 : 0 }));
      const widths: number[] = [];
      rowOfWidest = [];
      table.forEach((row, r) => row.forEach((cell, c) => {
        const width = cliWidth.strlen(cell);
        if (!(width <= widths[c])) [widths[c], rowOfWidest![c]] = [width, r];
      }));
    }
    // The label columns are the row's cells before the KPIs'.
    const columns = rowOfWidest.length - all.length + ids.length;
    return [...new Set(rowOfWidest.slice(0, columns))].sort((a, b) => a - b);
  };
}

/** cli-table3 style and border characters. */
type TableLook = { style: { head: string[]; border: string[] }; chars: Partial<Record<string, string>> };

/** Rows up to which a table is laid out by cli-table3 itself. */
const CHUNK_ROWS = 50;

/**
 * cli-table3 lays a table out in time quadratic in its rows (for every cell it looks through all
 * rows above for row spans): 2,600 rows took 9 s and a daily report over a year by agent would
 * take hours. A long table has its column widths fixed to what cli-table3 computes for the whole
 * table (its own width function), and cli-table3 lays out the head and two rows of those widths;
 * every row is then drawn like those two, with the borders and padding cut from them — the same
 * text. Why not cli-table3 in chunks of rows (as before): its per-cell work was ~20 µs, 0.7 s of
 * a table over 3,000 agents. A cell of several lines (none of the report's) goes the chunked way.
 */
export function layoutTable(head: string[], rows: string[][], tableOptions: TableLook): string {
  if (rows.length <= CHUNK_ROWS) {
    const table = new Table({ head, ...tableOptions });
    table.push(...rows);
    return table.toString();
  }
  const widths = rows.map((row) => row.map((cell) => cliWidth.strlen(cell)));
  const colWidths = head.map((h, c) => widths.reduce((w, row) => Math.max(w, row[c]), cliWidth.strlen(h)) + 2);
  const template = colWidths.every((w) => w >= 3) && !rows.some((row) => row.some((cell) => cell.includes('\n'))) ? rowTemplate(head, colWidths, tableOptions) : null;
  if (template === null) return layoutInChunks(head, rows, colWidths, tableOptions);
  const lines = [...template.before];
  rows.forEach((row, r) => {
    if (r > 0) lines.push(...template.between);
    let line = template.borders[0];
    for (let c = 0; c < row.length; c++) {
      // As cli-table3 draws a cell of one line that fits: its colour state settled, padded to the width.
      const cell = row[c].includes('\x1b') ? cliWidth.colorizeLines([row[c]])[0] : row[c];
      line += ' ' + cell + ' '.repeat(colWidths[c] - 2 - widths[r][c]) + ' ' + template.borders[c + 1];
    }
    lines.push(line);
  });
  lines.push(...template.after);
  return lines.join('\n');
}

/** A table's lines around and between its rows, and the borders between its cells, as cli-table3 draws them for `colWidths`. */
interface RowTemplate {
  before: string[];
  between: string[];
  after: string[];
  /** Left of the first cell, then right of each. */
  borders: string[];
}

/**
 * The lines cli-table3 draws around rows of these widths: the head and two rows of one mark each
 * are laid out, and the rows' lines cut into the borders around the marks. Null when the lines
 * are not so (the marks not found where expected).
 */
function rowTemplate(head: string[], colWidths: number[], tableOptions: TableLook): RowTemplate | null {
  const MARK = 'X';
  const table = new Table({ head, colWidths, ...tableOptions });
  table.push(head.map(() => MARK), head.map(() => MARK));
  const lines = table.toString().split('\n');
  const marked = lines.flatMap((line, i) => (line.includes(' ' + MARK) && !head.some((h) => line.includes(h)) ? [i] : []));
  if (marked.length !== 2) return null;
  const borders: string[] = [];
  const line = lines[marked[0]];
  let at = 0;
  for (const width of colWidths) {
    const cell = ' ' + MARK + ' '.repeat(width - 2);
    const found = line.indexOf(cell, at);
    if (found < 0) return null;
    borders.push(line.slice(at, found));
    at = found + cell.length;
  }
  borders.push(line.slice(at));
  if (lines[marked[1]] !== line) return null;
  return { before: lines.slice(0, marked[0]), between: lines.slice(marked[0] + 1, marked[1]), after: lines.slice(marked[1] + 1), borders };
}

/** The long table laid out by cli-table3 in chunks of rows of the whole table's column widths, joined. */
function layoutInChunks(head: string[], rows: string[][], colWidths: number[], tableOptions: TableLook): string {
  const parts: string[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const table = new Table({ head: start === 0 ? head : [], colWidths, ...tableOptions });
    table.push(...rows.slice(start, start + CHUNK_ROWS));
    let text = table.toString();
    if (start > 0 && tableOptions.chars.top !== '') {
      // Borders: the previous chunk's bottom line goes; this chunk's top line becomes a row separator.
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, parts[parts.length - 1].lastIndexOf('\n'));
      const nl = text.indexOf('\n');
      text = text.slice(0, nl).replace(/┌/g, '├').replace(/┬/g, '┼').replace(/┐/g, '┤') + text.slice(nl);
    }
    parts.push(text);
  }
  return parts.join('\n');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
