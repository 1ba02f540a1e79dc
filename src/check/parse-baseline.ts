import { InputError } from '../errors.js';
import type { Report } from '../model/report.js';

/**
 * Parse a `--baseline` file: a JSON report of this tool (`teamkpi report --format json`),
 * schema version 1, not bucketed by period (or holding a single period), so each group has one
 * value to compare with. Problems are InputErrors naming the file.
 */
export function parseBaselineReport(text: string, file: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${file}: the baseline is not valid JSON (${(error as Error).message})`, {
      location: file,
      hint: 'write the baseline with teamkpi report --format json --out FILE',
    });
  }
  const r = raw as Partial<Report> | null;
  const hint = 'write the baseline with teamkpi report --format json --by FIELD --out FILE, using the --by of the thresholds it serves';
  if (typeof r !== 'object' || r === null || r.schemaVersion === undefined || !Array.isArray(r.rows) || !Array.isArray(r.groupBy)) {
    throw new InputError(`${file}: not a teamkpi JSON report (no schemaVersion, groupBy and rows)`, { location: file, hint });
  }
  if (r.schemaVersion !== 1) {
    throw new InputError(`${file}: baseline report schema version ${JSON.stringify(r.schemaVersion)} is not supported (expected 1)`, { location: file, hint });
  }
  const periods = new Set(r.rows.map((row) => row.period));
  if (periods.size > 1) {
    throw new InputError(`${file}: the baseline report has ${periods.size} periods, so a group has several values to compare with`, {
      location: file,
      hint: 'write the baseline with --period all (the default) over the window to compare with',
    });
  }
  return r as Report;
}
