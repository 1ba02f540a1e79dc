import type { Report } from '../model/report.js';
import { exactNumber } from './format-value.js';

/**
 * A text cell for CSV: quoted when needed, and neutralised with a leading `'` when a spreadsheet
 * would read it as a formula (`= + - @`, tab, CR).
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per period × group: period, group fields, then `<id>` and `<id>_n` for every KPI. */
export function formatCsv(report: Report): string {
  const ids = Object.keys(report.definitions);
  const header = ['period', ...report.groupBy, ...ids.flatMap((id) => [id, `${id}_n`])];
  const lines = [header.map(csvText).join(',')];
  for (const row of report.rows) {
    const cells = [
      csvText(row.period ?? 'all'),
      ...report.groupBy.map((field) => csvText(row.group[field] ?? '')),
      ...ids.flatMap((id) => {
        const v = row.kpis[id];
        return [v.value === null ? '' : String(exactNumber(v.value)), String(v.n)];
      }),
    ];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
