import type { Report } from '../model/report.js';
import { changeText, intervalText, statsNotes } from './stats-text.js';
import { describeQuality, describeScope, displayValue, groupCells, kpiHeading, methodNotes, tableKpis, type FormatOptions } from './format-value.js';

/** Escape text for a Markdown table cell: pipes, backslashes, HTML and newlines cannot break the table. */
export function markdownText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_`[\]]/g, (c) => `\\${c}`)
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

function windowTitle(report: Report): string {
  const w = report.window;
  return `${w.from === null && w.to === null ? 'all dates' : `${w.from ?? '…'} to ${w.to ?? '…'}`} (${report.timezone})`;
}

/** A GitHub-flavoured Markdown report (renders as a job summary or in an issue). */
export function formatMarkdown(report: Report, options: FormatOptions): string {
  const ids = tableKpis(report, { ...options, tty: false });
  const bucketed = report.period !== 'all';
  const head = [...(bucketed ? ['Period'] : []), ...report.groupBy.map((g) => g[0].toUpperCase() + g.slice(1)), ...ids.map((id) => kpiHeading(report.definitions[id], true))];
  const numeric = head.map((_, i) => i >= head.length - ids.length);
  const lines = [
    `## teamkpi report · ${markdownText(windowTitle(report))}`,
    '',
    markdownText(describeScope(report)),
    '',
    `| ${head.map(markdownText).join(' | ')} |`,
    `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`,
  ];
  let anyLow = false;
  let anyChange = false;
  for (const [r, row] of report.rows.entries()) {
    const overall = Object.keys(row.group).length === 0;
    const labels = [...(bucketed ? [row.period ?? ''] : []), ...groupCells(report, row)].map((l) => (overall && l ? `**${markdownText(l)}**` : markdownText(l)));
    const cells = ids.map((id) => {
      const v = row.kpis[id];
      // Durations read as `1h 42m` here too: the Markdown is for people (job summaries, issues).
      const unit = report.definitions[id].unit;
      let text = displayValue(v.value, unit, true);
      if (options.ci && v.value !== null && unit !== 'count') text = `${text} ${intervalText(v, unit, true)}`;
      if (v.lowSample && v.value !== null) {
        anyLow = true;
        text = `*${text}*°`;
      }
      const change = changeText(report.comparison?.rows[r]?.kpis[id], unit, true);
      if (change !== null) {
        anyChange = true;
        text = `${text} ${change.significant ? `**${change.text}\\***` : change.text}`;
      }
      return text;
    });
    lines.push(`| ${[...labels, ...cells].join(' | ')} |`);
  }
  lines.push('');
  if (anyLow) lines.push('° *below the minimum sample — indicative only.*', '');
  for (const note of statsNotes(report, { ci: options.ci === true, changes: anyChange })) lines.push(`- ${markdownText(note)}`);
  for (const note of methodNotes(report, ids)) lines.push(`- ${markdownText(note)}`);
  lines.push(`- **Data:** ${markdownText(describeQuality(report))}`);
  return lines.join('\n') + '\n';
}
