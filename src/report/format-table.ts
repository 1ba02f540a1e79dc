import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { Report } from '../model/report.js';
import { fitTableToWidth } from './fit-width.js';
import { SIGNIFICANT_MARK, changeText, intervalText, statsNotes } from './stats-text.js';
import { describeQuality, describeScope, displayValue, groupCells, kpiHeading, methodNotes, tableKpis, terminalText, type FormatOptions } from './format-value.js';

const LOW_SAMPLE_MARK = '°';

/** A terminal table: scope line, one row per period × group, low-sample values marked, footnotes; fitted to the terminal width. */
export function formatTable(report: Report, options: FormatOptions): string {
  return fitTableToWidth(report, options, renderTable);
}

function renderTable(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const ids = tableKpis(report, options);
  const bucketed = report.period !== 'all';
  const head = [...(bucketed ? ['Period'] : []), ...report.groupBy.map(capitalize), ...ids.map((id) => kpiHeading(report.definitions[id], options.tty))];
  const table = new Table({
    head: head.map((h) => (options.color ? chalk.bold(h) : h)),
    style: options.color ? { head: [], border: ['grey'] } : { head: [], border: [] },
    chars: options.tty ? {} : { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
  });
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
  const lines = [`teamkpi report · ${describeScope(report)}`, table.toString()];
  const notes: string[] = [];
  if (anyLow) notes.push(`${LOW_SAMPLE_MARK} fewer answers or tickets than the minimum sample; treat as indicative only (n is in --format json/csv)`);
  notes.push(...statsNotes(report, { ci: options.ci === true, changes: anyChange }));
  notes.push(...methodNotes(report, ids));
  const hidden = Object.keys(report.definitions).length - ids.length;
  if (hidden > 0) notes.push(`${hidden} more KPIs in --format json/csv, or pick them with --metrics (teamkpi metrics lists them)`);
  notes.push(`data: ${describeQuality(report)}`);
  lines.push(...notes.map((n) => chalk.dim(n)));
  return lines.join('\n') + '\n';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
