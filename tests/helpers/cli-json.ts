import { expect } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { runCli, type CliResult } from './run-cli.js';

/** A fixed clock for reproducible runs: the Monday after the fixtures' week. */
export const NOW = '2026-11-23T07:00:00Z';

export interface JsonRun extends CliResult {
  report: Report | null;
}

/** Run `teamkpi report … --format json --now NOW` and parse stdout when the run succeeded. */
export function reportJson(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): JsonRun {
  const r = runCli(['report', ...args, '--format', 'json', '--now', NOW], options);
  return { ...r, report: r.code === 0 ? (JSON.parse(r.stdout) as Report) : null };
}

/** Every input row is used, skipped with a reason, or a duplicate — for every input. */
export function expectAccounted(report: Report): void {
  for (const input of report.dataQuality.inputs) {
    expect(input.rowsUsed + input.rowsSkipped + input.rowsDuplicate, `${input.file}: rows read = used + skipped + duplicate`).toBe(input.rowsRead);
    expect(Math.min(input.rowsUsed, input.rowsSkipped, input.rowsDuplicate)).toBeGreaterThanOrEqual(0);
  }
}

/** A clean exit-2 failure: one `teamkpi: error:` line naming the place, a hint, no stack trace, nothing on stdout. */
export function expectCleanError(r: CliResult, location: string | RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^teamkpi: error: /);
  if (typeof location === 'string') expect(lines[0].startsWith(`teamkpi: error: ${location}`), lines[0]).toBe(true);
  else expect(lines[0]).toMatch(location);
  expect(lines.some((l) => l.startsWith('teamkpi: hint: '))).toBe(true);
  expect(r.stderr).not.toMatch(/^\s+at |Error: |node:internal/m);
}

/** Codes of the reported row issues, with their lines, in order. */
export function issueCodes(report: Report): string[] {
  return report.dataQuality.issues.map((i) => `${i.code}@${i.line}`);
}
