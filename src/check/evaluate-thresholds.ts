import type { LowSamplePolicy, NoDataPolicy, ThresholdConfig, ThresholdLevel } from '../config/validate-thresholds.js';
import type { KpiValue, Report, ReportRow } from '../model/report.js';
import { exactNumber } from '../report/format-value.js';
import { absentGroupBaseline } from '../stats/compare.js';

/** What became of one threshold for one group. `failed` only comes from `level: "error"`. */
export type FindingStatus = 'failed' | 'warned' | 'info' | 'skipped' | 'passed';
export type FindingCode = 'THRESHOLD_OK' | 'THRESHOLD_BREACH' | 'LOW_SAMPLE' | 'NO_DATA' | 'NO_BASELINE';
export type BoundKind = 'min' | 'max' | 'maxDrop' | 'maxRise';

/** One limit that was compared. For `maxDrop`/`maxRise`, `actual` is the drop/rise from the baseline. */
export interface BoundCheck {
  kind: BoundKind;
  limit: number;
  actual: number;
  breached: boolean;
}

/** A threshold evaluated for one group: data, rendered separately for text, JSON, JUnit, GitHub. */
export interface Finding {
  code: FindingCode;
  status: FindingStatus;
  level: ThresholdLevel;
  /** Index in the config's `thresholds` array, for `thresholds[i]` locations. */
  threshold: number;
  kpi: string;
  label: string;
  unit: string;
  scope: string;
  /** The group's value for its scope field; null for `overall`, or when the scope had no groups at all. */
  group: string | null;
  value: number | null;
  n: number;
  minSample: number;
  /** The baseline value for the same KPI and group, when the threshold has maxDrop/maxRise. */
  baseline: { value: number | null; n: number } | null;
  /** The limits the threshold sets. */
  limits: { min?: number; max?: number; maxDrop?: number; maxRise?: number };
  /** Every limit compared (empty when the value was not judged: no data, low sample). */
  bounds: BoundCheck[];
  description: string | null;
}

export interface CheckSummary {
  passed: number;
  failed: number;
  warned: number;
  info: number;
  skipped: number;
}

export interface EvaluateOptions {
  /** Minimum n for a judged value when the threshold sets none (config `minSample`, `--min-sample`; default 20). */
  minSample: number;
  /** Per-KPI minimums from the config (`minSample: { "csat_pct": 30 }`), over `minSample`. */
  minSampleByKpi?: Record<string, number>;
  /** Reports to take baseline values from (`--baseline`, `--compare previous`); omitted: no baseline. */
  baseline?: Report[];
}

/** Worst first: the order findings are listed in, and how parts of one threshold combine. */
export const STATUS_ORDER: readonly FindingStatus[] = ['failed', 'warned', 'info', 'skipped', 'passed'];

const BREACH_STATUS: Record<ThresholdLevel, FindingStatus> = { error: 'failed', warn: 'warned', info: 'info' };

/**
 * Evaluate every threshold against the report(s): one finding per threshold × group, breaches
 * first (failed, warned, info, skipped, passed; then config order, then report group order).
 *
 * `reports` must hold, for each scope a threshold names, a report grouped by exactly that field
 * (`groupBy: ["team"]`); the overall row of any report serves `scope: "overall"`. Values with
 * `n = 0` follow `onNoData` (default warn), values with n below the minimum sample follow
 * `onLowSample` (default skip); a group listed in `groups` but absent from the data has no data.
 * Pure: no I/O, no clock.
 */
export function evaluateThresholds(reports: Report | Report[], thresholds: ThresholdConfig[], options: EvaluateOptions): { findings: Finding[]; summary: CheckSummary } {
  const current = Array.isArray(reports) ? reports : [reports];
  const findings: Finding[] = [];
  thresholds.forEach((t, index) => {
    const rows = rowsForScope(current, t.scope)?.rows ?? null;
    if (rows === null) throw new Error(`no report grouped by ${t.scope} was computed for thresholds[${index}]`);
    const definition = current.find((r) => r.definitions[t.kpi] !== undefined)?.definitions[t.kpi];
    const selected = selectGroups(rows, t);
    // A scope with no groups at all (an empty window, or only `(none)` and that excluded) is no
    // data, not a pass. A file without the field's column has one group, `(none)`, judged as any.
    if (selected.length === 0) selected.push([null, undefined]);
    for (const [group, row] of selected) {
      const value = row?.kpis[t.kpi] ?? { value: null, n: 0 };
      const baselineRows = options.baseline === undefined ? null : rowsForScope(options.baseline, t.scope);
      // A group the baseline has no row for: a count it counted starts from 0 (absentGroupBaseline).
      const baselineRow = baselineRows?.rows.get(group ?? '');
      const baselineValue = !regression(t) || baselineRows == null ? null
        : baselineRow === undefined ? absentGroupBaseline(baselineRows.report, t.kpi) ?? null
          : baselineRow.kpis[t.kpi] ?? null;
      findings.push(evaluateOne(t, index, group, value, baselineValue, {
        label: definition?.label ?? t.kpi,
        unit: definition?.unit ?? '',
        minSample: t.minSample ?? (definition?.unit === 'count' ? 0 : options.minSampleByKpi?.[t.kpi] ?? options.minSample),
        hasBaseline: options.baseline !== undefined,
      }));
    }
  });
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => STATUS_ORDER.indexOf(a.f.status) - STATUS_ORDER.indexOf(b.f.status) || a.i - b.i)
    .map(({ f }) => f);
  return { findings: ordered, summary: summarize(ordered) };
}

export function summarize(findings: Finding[]): CheckSummary {
  const summary: CheckSummary = { passed: 0, failed: 0, warned: 0, info: 0, skipped: 0 };
  for (const f of findings) summary[f.status]++;
  return summary;
}

function regression(t: ThresholdConfig): boolean {
  return t.maxDrop !== undefined || t.maxRise !== undefined;
}

/**
 * Rows of one scope, keyed by the group's value (`''` for overall), from the first report that
 * has them: for `overall` any report's overall row, else a report grouped by exactly that field.
 * Null when no report has the scope. With the report they came from.
 */
export function rowsForScope(reports: Report[], scope: string): { report: Report; rows: Map<string, ReportRow> } | null {
  for (const report of reports) {
    if (scope !== 'overall' && (report.groupBy.length !== 1 || report.groupBy[0] !== scope)) continue;
    const rows = new Map<string, ReportRow>();
    for (const row of report.rows) {
      const keys = Object.keys(row.group);
      if (scope === 'overall' ? keys.length === 0 : keys.length === 1 && keys[0] === scope) {
        const key = scope === 'overall' ? '' : row.group[scope];
        if (!rows.has(key)) rows.set(key, row);
      }
    }
    return { report, rows };
  }
  return null;
}

/** The groups a threshold covers, in report order; listed groups missing from the data come last, with no row. */
function selectGroups(rows: Map<string, ReportRow>, t: ThresholdConfig): [string | null, ReportRow | undefined][] {
  if (t.scope === 'overall') return [[null, rows.get('')]];
  const excluded = new Set(t.excludeGroups ?? []);
  if (t.groups !== undefined) {
    return [...new Set(t.groups)].filter((g) => !excluded.has(g)).map((g) => [g, rows.get(g)]);
  }
  return [...rows.keys()].filter((g) => !excluded.has(g)).map((g) => [g, rows.get(g)]);
}

function evaluateOne(
  t: ThresholdConfig,
  index: number,
  group: string | null,
  value: KpiValue,
  baseline: KpiValue | null,
  meta: { label: string; unit: string; minSample: number; hasBaseline: boolean },
): Finding {
  const level = t.level ?? 'error';
  const finding: Finding = {
    code: 'THRESHOLD_OK', status: 'passed', level, threshold: index, kpi: t.kpi, label: meta.label, unit: meta.unit,
    scope: t.scope, group, value: value.value, n: value.n, minSample: meta.minSample,
    baseline: regression(t) ? (baseline === null ? null : { value: baseline.value, n: baseline.n }) : null,
    limits: Object.fromEntries((['min', 'max', 'maxDrop', 'maxRise'] as const).filter((k) => t[k] !== undefined).map((k) => [k, t[k]])),
    bounds: [], description: t.description ?? null,
  };
  const onNoData = (code: FindingCode, policy: NoDataPolicy | LowSamplePolicy): Finding => {
    finding.code = code;
    finding.status = policy === 'skip' ? 'skipped' : policy === 'warn' ? 'warned' : BREACH_STATUS[level];
    return finding;
  };
  if (value.value === null) return onNoData('NO_DATA', t.onNoData ?? 'warn');
  if (value.n < meta.minSample) return onNoData('LOW_SAMPLE', t.onLowSample ?? 'skip');

  // The value as the report states it (9 decimals): 57 of 100 is 56.99999999999999 in floating
  // point and 57 in the report, and an inclusive `min: 57` must pass it.
  const v = exactNumber(value.value);
  if (t.min !== undefined) finding.bounds.push({ kind: 'min', limit: t.min, actual: v, breached: v < t.min });
  if (t.max !== undefined) finding.bounds.push({ kind: 'max', limit: t.max, actual: v, breached: v > t.max });
  if (finding.bounds.some((b) => b.breached)) {
    finding.code = 'THRESHOLD_BREACH';
    finding.status = BREACH_STATUS[level];
    return finding;
  }
  if (regression(t)) {
    // A missing baseline is "no data" for the comparison, a thin one is a low sample: the same
    // policies apply, so a regression gate never passes silently for want of a baseline.
    if (!meta.hasBaseline || baseline === null || baseline.value === null) return onNoData('NO_BASELINE', t.onNoData ?? 'warn');
    if (baseline.n < meta.minSample) return onNoData('LOW_SAMPLE', t.onLowSample ?? 'skip');
    // Rounded to 9 decimals so 85.1 − 80.1 compares as 5, not 4.999999999999986.
    const change = exactNumber(v - baseline.value);
    if (t.maxDrop !== undefined) finding.bounds.push({ kind: 'maxDrop', limit: t.maxDrop, actual: -change, breached: -change > t.maxDrop });
    if (t.maxRise !== undefined) finding.bounds.push({ kind: 'maxRise', limit: t.maxRise, actual: change, breached: change > t.maxRise });
    if (finding.bounds.some((b) => b.breached)) {
      finding.code = 'THRESHOLD_BREACH';
      finding.status = BREACH_STATUS[level];
    }
  }
  return finding;
}
