import type { Report } from '../model/report.js';
import { decimalText, type FormatOptions } from './format-value.js';

/**
 * A text cell for CSV: quoted when needed, and neutralised with a leading `'` when a spreadsheet
 * would read it as a formula (`= + - @`, tab, CR).
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One row per period × group: period, group fields, then `<id>` and `<id>_n` for every KPI; with
 * `--ci`, `<id>_ci_low` and `<id>_ci_high` for every KPI that has intervals (not counts); with a
 * comparison, `<id>_previous`, `<id>_delta`, `<id>_p_value` and `<id>_significant`; last, the
 * report time zone (`timezone`).
 */
export function formatCsv(report: Report, options?: FormatOptions): string {
  const ids = Object.keys(report.definitions);
  const ci = (id: string) => options?.ci === true && report.definitions[id].unit !== 'count';
  const compared = report.comparison !== null;
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : decimalText(x));
  const header = ['period', ...report.groupBy, ...ids.flatMap((id) => [
    id, `${id}_n`,
    ...(ci(id) ? [`${id}_ci_low`, `${id}_ci_high`] : []),
    ...(compared ? [`${id}_previous`, `${id}_delta`, `${id}_p_value`, `${id}_significant`] : []),
  ]), 'timezone'];
  const lines = [header.map(csvText).join(',')];
  for (const [r, row] of report.rows.entries()) {
    const cells = [
      csvText(row.period ?? 'all'),
      ...report.groupBy.map((field) => csvText(row.group[field] ?? '')),
      ...ids.flatMap((id) => {
        const v = row.kpis[id];
        const c = report.comparison?.rows[r]?.kpis[id];
        return [
          v.value === null ? '' : decimalText(v.value), String(v.n),
          ...(ci(id) ? [num(v.ci95?.[0]), num(v.ci95?.[1])] : []),
          ...(compared ? [num(c?.previous), num(c?.delta), num(c?.pValue), c?.significant === true ? 'true' : c?.significant === false ? 'false' : ''] : []),
        ];
      }),
      csvText(report.timezone),
    ];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
