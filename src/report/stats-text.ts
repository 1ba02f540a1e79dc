import type { KpiComparison, KpiValue, Report } from '../model/report.js';
import { displayValue } from './format-value.js';

/** The mark that follows a significant change in tables and Markdown. */
export const SIGNIFICANT_MARK = '*';

/** `(70.2–81.1)` for a value's 95% interval in the unit's display form; `(—)` when it has none; '' for counts. */
export function intervalText(v: KpiValue, unit: string, tty: boolean): string {
  if (unit === 'count' || v.value === null) return '';
  if (!v.ci95) return '(—)';
  return `(${displayValue(v.ci95[0], unit, tty)}–${displayValue(v.ci95[1], unit, tty)})`;
}

/**
 * `▲2.3`, `▼12m` or `±0` for a change against the baseline, with `significant` and whether it is
 * better or worse by the KPI's direction; null when there is nothing to draw (no baseline value,
 * or either side below its minimum sample).
 */
export function changeText(c: KpiComparison | undefined, unit: string, tty: boolean): { text: string; significant: boolean; change: KpiComparison['change'] } | null {
  if (c === undefined || c.delta === null || c.lowSample) return null;
  const arrow = c.delta > 0 ? '▲' : c.delta < 0 ? '▼' : '±';
  return { text: `${arrow}${displayValue(Math.abs(c.delta), unit, tty)}`, significant: c.significant === true, change: c.change };
}

/** Footnotes for intervals and comparisons shown in a table or Markdown report. */
export function statsNotes(report: Report, shown: { ci: boolean; changes: boolean }): string[] {
  const notes: string[] = [];
  if (shown.ci) notes.push('(low–high) 95% interval: Wilson for %, normal for NPS, order statistics for medians and p90, t for means; (—) too few values for one');
  const c = report.comparison;
  if (c !== null && shown.changes) {
    const w = c.baseline.window;
    const against = c.baseline.source === 'previous'
      ? `the window before (${w.from} to ${w.to})`
      : `baseline ${c.baseline.file ?? 'report'} (${w.from ?? '…'} to ${w.to ?? '…'}, generated ${c.baseline.generatedAt})`;
    const durations = c.baseline.source === 'file' ? 'an approximate z from the two intervals for duration medians/p90 (a saved report holds no samples for Mann–Whitney)' : 'Mann–Whitney U for duration medians/p90';
    notes.push(`▲/▼ change against ${against}; ${SIGNIFICANT_MARK} significant at 95% (two-proportion z for %, NPS difference z, ${durations}, Welch t for means); no arrow below the minimum sample`);
  }
  return notes;
}
