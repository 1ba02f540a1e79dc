import { expect } from 'vitest';
import { runCli } from './run-cli.js';

export interface JsonReport {
  rows: { period: string | null; group: Record<string, string>; kpis: Record<string, { value: number | null; n: number }> }[];
  definitions: Record<string, { method: string }>;
  dataQuality: {
    inputs: { file: string; kind: string; source: string; rowsRead: number; rowsUsed: number; rowsSkipped: number; rowsDuplicate: number; encoding?: string }[];
    surveys: { matched: number; orphaned: number; duplicates: number };
    issues: { code: string; line: number; column: string | null; value: string | null; message: string }[];
    issuesTruncated: number;
  };
}

/** Run `teamkpi report … --format json` and parse it; the run must exit 0. */
export function reportJson(args: string[]): JsonReport {
  const result = runCli(['report', ...args, '--format', 'json', '--now', '2026-12-01T00:00:00Z', '--quiet']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonReport;
}

/** The KPI values of the row whose group is exactly `group` ({} = overall). */
export function kpisOf(report: JsonReport, group: Record<string, string> = {}): Record<string, number | null> {
  const row = report.rows.find((r) => JSON.stringify(r.group) === JSON.stringify(group));
  if (row === undefined) throw new Error(`no row for group ${JSON.stringify(group)}`);
  return Object.fromEntries(Object.entries(row.kpis).map(([id, v]) => [id, v.value]));
}
