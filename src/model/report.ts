import type { InputSummary, RowIssue } from './types.js';

/** A KPI value in a report row. `value` is null when there is no data (never NaN or 0). */
export interface KpiValue {
  value: number | null;
  n: number;
  /** 95% interval, when the statistics layer computed one. */
  ci95?: [number, number] | null;
  /** n is below the KPI's minimum sample (rates, scores and durations only). */
  lowSample?: boolean;
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
  comparison: null | Record<string, unknown>;
  dataQuality: DataQuality;
}
