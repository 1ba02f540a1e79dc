import type { ReportExtras } from '../model/extras.js';
import type { KpiDefinitionOut, Report, ReportRow } from '../model/report.js';

/** How a formatter should decorate its output; TTY-ness changes decoration only. */
export interface FormatOptions {
  color: boolean;
  /** Output goes to a terminal: humanised durations, borders. */
  tty: boolean;
  /** Terminal width in columns, when known. */
  width?: number;
  /** The user picked the KPIs (`--metrics`), so tables show all of them. */
  metricsChosen: boolean;
  /** Histograms and top reasons for visual formats (computed only when the format asks). */
  extras?: ReportExtras | null;
  /** KPI columns a wrapper chose (fitting the terminal width); overrides the default choice. */
  kpiIds?: string[];
  /** Show each value's 95% interval (`--ci`): tables and Markdown add it to the cell, CSV adds columns. */
  ci?: boolean;
}

/** cli-table3 characters for a table off a terminal: no borders, two spaces between columns (borders are a terminal's decoration). */
export const PLAIN_TABLE_CHARS = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' };

/** KPIs a terminal table shows when the user did not pick any; JSON and CSV always carry all. */
export const TABLE_DEFAULT_KPIS = [
  'tickets', 'solved', 'csat_pct', 'nps', 'ces_mean', 'fcr_pct', 'frt_median_minutes',
  'resolution_median_minutes', 'reopen_rate_pct', 'escalation_rate_pct',
];

/** Numbers in machine formats: at most 9 decimals, so merging partial sums cannot change the text. */
export function exactNumber(value: number): number {
  // A whole number is its own 9-decimal text (`+ 0` turns -0 into 0, as the text does); most of
  // a report's numbers are counts (formatting a 10,000-agent JSON report: 430 → 345 ms).
  // (A value within 5e-10 of zero is 0 too, not -0.)
  if (Number.isInteger(value)) return value + 0;
  // The 9-decimal text is n / 10⁹ for the whole n nearest value·10⁹ (a half away from zero), and
  // reading it back rounds n / 10⁹ to the nearest double, as dividing n by 1e9 does (both are
  // exact: n < 2⁵³). The product's rounding moves it by at most |scaled|·2⁻⁵³, so where that
  // cannot carry it across a half, Math.round finds the same n. Anything closer to a half, or
  // too large, is read from the text. Why: toFixed and reading its text back were ~80 ms of
  // formatting a 10,000-agent JSON report (bench/README.md, item 31).
  const scaled = value * 1e9;
  if (Math.abs(scaled) < 9e15) {
    const fraction = scaled - Math.floor(scaled);
    if (Math.abs(fraction - 0.5) > Math.abs(scaled) * 2.3e-16) return Math.round(scaled) / 1e9 + 0;
  }
  return Number(value.toFixed(9)) + 0;
}

/**
 * A number as CSV writes it: its 9-decimal value in plain decimals — never `1e-9` or `9.63e-7`
 * (a p-value that small), which some spreadsheets read as text.
 */
export function decimalText(value: number): string {
  const v = exactNumber(value);
  const text = String(v);
  return text.includes('e') ? v.toFixed(9).replace(/\.?0+$/, '') : text;
}

/**
 * Text from the data made safe for a terminal: control characters (ESC sequences could move the
 * cursor, recolour or retitle the terminal) and bidirectional overrides (which reorder what is
 * shown) are replaced by visible `\xHH` / `\u{HHHH}` escapes.
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Humanised minutes: `45m`, `1h 42m`, `2d 3h`, each rounded to the last unit it shows (`-2d 3h` below 0: an interval's bound). */
export function humanMinutes(minutes: number): string {
  if (minutes < 0) {
    const text = humanMinutes(-minutes);
    return text === '0s' ? text : `-${text}`;
  }
  const seconds = Math.round(minutes * 60);
  if (seconds < 60) return `${seconds}s`;
  const total = Math.round(minutes);
  if (total < 60) return `${total}m`;
  if (total < 1440) return `${Math.floor(total / 60)}h ${total % 60}m`;
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
 * A KPI value as display text: counts whole, rates and minutes to one decimal, `—` for no data.
 * Rounded from the value the report states (9 decimals, as JSON and `check` give it): 23 of 80 is
 * 28.749999999999996 in floating point, stated 28.75, shown 28.8 — not 28.7.
 */
export function displayValue(raw: number | null, unit: string, tty: boolean): string {
  if (raw === null) return '—';
  const value = exactNumber(raw);
  switch (unit) {
    case 'count': return String(value);
    case 'minutes': return tty ? humanMinutes(value) : statedFixed(value, 1);
    case 'score': return statedFixed(value, 2);
    default: return statedFixed(value, 1);
  }
}

/**
 * A stated value (9 decimals at most, `exactNumber`) to `digits` decimals, halves away from zero
 * as on paper: 86.05 → 86.1 and 12.25 → 12.3 (`toFixed` rounds the double, and 86.05 is
 * 86.04999… as one: 86.0). Worked on the value's integer count of billionths.
 */
export function statedFixed(value: number, digits: number): string {
  const billionths = Math.round(Math.abs(value) * 1e9);
  if (!(billionths < Number.MAX_SAFE_INTEGER)) return value.toFixed(digits);
  const step = 10 ** (9 - digits);
  const half = billionths + step / 2;
  const units = (half - (half % step)) / step;
  return `${value < 0 && units !== 0 ? '-' : ''}${(units / 10 ** digits).toFixed(digits)}`;
}

/** Column heading for a KPI: label plus unit hint. */
export function kpiHeading(def: KpiDefinitionOut, tty: boolean): string {
  return def.unit === 'minutes' && !tty ? `${def.label} (min)` : def.label;
}

/** Which KPI ids a table shows, in catalog order. */
export function tableKpis(report: Report, options: FormatOptions): string[] {
  if (options.kpiIds !== undefined) return options.kpiIds;
  const ids = Object.keys(report.definitions);
  if (options.metricsChosen) return ids;
  return ids.filter((id) => TABLE_DEFAULT_KPIS.includes(id));
}

/** The group cells of a row: one per `groupBy` field; the overall row reads `(all)` in the first. */
export function groupCells(report: Report, row: ReportRow): string[] {
  if (report.groupBy.length === 0) return [];
  if (Object.keys(row.group).length === 0) return report.groupBy.map((_, i) => (i === 0 ? '(all)' : ''));
  return report.groupBy.map((field) => row.group[field] ?? '');
}

/** One-line description of the window, zone and grouping, printed above tables. */
export function describeScope(report: Report): string {
  const w = report.window;
  const window = w.from === null && w.to === null ? 'all dates' : `${w.from ?? '…'} to ${w.to ?? '…'}`;
  const parts = [`window ${window} (${report.timezone})`, `dates by ${report.dateBasis}`];
  if (report.hours === 'business') parts.push('durations in business hours');
  if (report.period !== 'all') parts.push(`per ${report.period}`);
  if (report.groupBy.length > 0) parts.push(`by ${report.groupBy.join(', ')}`);
  return parts.join(' · ');
}

/** One-line data-quality summary: rows read/used/skipped, duplicates, orphan surveys, issues, encodings other than UTF-8. */
export function describeQuality(report: Report): string {
  const q = report.dataQuality;
  const sum = (key: 'rowsRead' | 'rowsUsed' | 'rowsSkipped' | 'rowsDuplicate') => q.inputs.reduce((s, i) => s + i[key], 0);
  const issues = q.issues.length + q.issuesTruncated;
  const parts = [`${sum('rowsRead')} rows read`, `${sum('rowsUsed')} used`, `${sum('rowsSkipped')} skipped`];
  if (sum('rowsDuplicate') > 0) parts.push(`${sum('rowsDuplicate')} duplicates`);
  parts.push(`surveys: ${q.surveys.matched} matched, ${q.surveys.orphaned} orphaned`);
  parts.push(`${issues} issue${issues === 1 ? '' : 's'}`);
  // An encoding other than UTF-8 is worth a look (accented names read right?).
  for (const i of q.inputs) if (i.encoding !== undefined && !/^UTF-8( with BOM)?$/.test(i.encoding)) parts.push(`${i.file}: ${i.encoding}`);
  return parts.join(' · ');
}

/** Footnotes that say how method-dependent KPIs were computed for this data. */
export function methodNotes(report: Report, ids: string[]): string[] {
  return ids
    .filter((id) => ['csat_pct', 'fcr_pct', 'ces_agree_pct', 'csat_response_rate_pct'].includes(id))
    .map((id) => `${report.definitions[id].label}: ${report.definitions[id].method}`);
}
