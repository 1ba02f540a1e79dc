import type { Report } from '../model/report.js';
import { exactNumber } from './format-value.js';

/** The JSON report (schema version 1), two-space indented, numbers to at most 9 decimals. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' ? exactNumber(value) : value), 2) + '\n';
}
