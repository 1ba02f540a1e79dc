import type { InputSummary, RowIssue } from './types.js';

/** A KPI value in a report row. `value` is null when there is no data (never NaN or 0). */
export interface KpiValue {
  value: number | null;
  n: number;
  /** 95% interval, when the statistics layer computed one. */
  ci95?: [number, number] | null;
  /** n is below the KPI's minimum sample (rates, scores and durations only). */
  lowSample?: boolean;
  /** NPS/eNPS only: the mix behind the score, so a later run can test a difference against this report. */
  promoters?: number;
  detractors?: number;
  /** Means only: sample standard deviation (n − 1), for Welch's t against this report; null below 2 values. */
  sd?: number | null;
}

export interface ReportRow {
  /** Period label (`2026-W47`), null when the report is not bucketed. */
  period: string | null;
  /** Group field → value; `{}` is the overall row. */
  group: Record<string, string>;
  kpis: Record<string, KpiValue>;
}

export interface KpiDefinitionOut {
  label: string;
  unit: string;
  direction: string;
  method: string;
}

export interface DataQuality {
  inputs: InputSummary[];
  surveys: { matched: number; orphaned: number; duplicates: number };
  issues: RowIssue[];
  issuesTruncated: number;
  /** Every issue counted by code, listed or not (README: all counts are in the JSON). Absent from reports of earlier versions. */
  issuesByCode?: Record<string, number>;
}

/** The report as JSON schema version 1 describes it (DESIGN §7). */
export interface Report {
  schemaVersion: 1;
  tool: { name: 'teamkpi'; version: string };
  generatedAt: string;
  timezone: string;
  window: { from: string | null; to: string | null };
  period: string;
  dateBasis: 'created' | 'solved';
  hours: 'calendar' | 'business';
  groupBy: string[];
  definitions: Record<string, KpiDefinitionOut>;
  rows: ReportRow[];
  comparison: null | Comparison;
  dataQuality: DataQuality;
}

/** One KPI of one row compared with the baseline (DESIGN §5). */
export interface KpiComparison {
  current: number | null;
  previous: number | null;
  /** current − previous, in the KPI's unit (percentage points for `_pct`); null when either is null. */
  delta: number | null;
  /** By the KPI's direction: is the change an improvement? null when either value is null. */
  change: 'better' | 'worse' | 'unchanged' | null;
  nCurrent: number;
  nPrevious: number;
  /** Test used (`two-proportion-z`, `nps-difference-z`, `mann-whitney-u`, `welch-t`, `interval-z`); null for counts or no data. */
  test: string | null;
  /** z (or t for Welch) statistic; null when no test could be made. */
  statistic: number | null;
  pValue: number | null;
  /** pValue < alpha; null when no test could be made. */
  significant: boolean | null;
  /** Either side is below its minimum sample: tables draw no arrow. */
  lowSample: boolean;
}

export interface ComparisonRow {
  period: string | null;
  /** The baseline period this row is compared with (the same position in the baseline's periods). */
  baselinePeriod: string | null;
  group: Record<string, string>;
  kpis: Record<string, KpiComparison>;
}

/** The `comparison` block of a report: what the baseline was and every row's deltas and verdicts. */
export interface Comparison {
  baseline: {
    /** `previous`: the window before, same length, from the same inputs; `file`: a `--baseline` report. */
    source: 'previous' | 'file';
    file: string | null;
    window: { from: string | null; to: string | null };
    generatedAt: string;
  };
  /** Two-sided significance level of every verdict. */
  alpha: number;
  rows: ComparisonRow[];
}
