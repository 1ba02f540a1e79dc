import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { Report } from '../model/report.js';

/**
 * Read a previous JSON report of this tool for `--baseline`. Anything that is not a teamkpi
 * report of schema version 1 (unreadable, not JSON, another tool's file, another schema version)
 * is an InputError (exit 2) naming the file and what to do.
 */
export async function readBaseline(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`--baseline ${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      location: file,
      hint: 'give a JSON report written earlier by teamkpi report --format json --out FILE',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`--baseline ${file}: not JSON (${(error as Error).message})`, {
      location: file,
      hint: 'give a JSON report written earlier by teamkpi report --format json --out FILE',
    });
  }
  const r = raw as Partial<Report> | null;
  if (typeof r !== 'object' || r === null || Array.isArray(r) || r.tool?.name !== 'teamkpi' || !('schemaVersion' in r)) {
    throw new InputError(`--baseline ${file}: not a teamkpi JSON report (no "schemaVersion" and "tool": {"name": "teamkpi"})`, {
      location: file,
      hint: 'give a JSON report written earlier by teamkpi report --format json --out FILE',
    });
  }
  if (r.schemaVersion !== 1) {
    throw new InputError(`--baseline ${file}: report schema version ${JSON.stringify(r.schemaVersion)}; this teamkpi reads version 1`, {
      location: file,
      hint: 'make a new baseline with this version: teamkpi report … --format json --out FILE',
    });
  }
  if (!Array.isArray(r.rows) || typeof r.definitions !== 'object' || r.definitions === null || !Array.isArray(r.groupBy) || typeof r.period !== 'string' || typeof r.window !== 'object') {
    throw new InputError(`--baseline ${file}: the report is incomplete (it needs "rows", "definitions", "groupBy", "period" and "window")`, {
      location: file,
      hint: 'make a new baseline: teamkpi report … --format json --out FILE',
    });
  }
  return r as Report;
}
