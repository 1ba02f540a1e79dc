import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

// A report has a row for every period and group (and the overall row per period). Past its
// limit (TEAMKPI_MAX_ROWS, default 400,000) it is refused at once with a clear message and exit
// 2, not left to run out of memory.
describe('the report row limit', () => {
  const args = ['report', join(ROOT, 'fixtures', 'demo', 'tickets.csv'), join(ROOT, 'fixtures', 'demo', 'surveys.csv'), '--by', 'agent', '--period', 'week', '--format', 'json', '--now', '2026-01-01T00:00:00Z'];

  it('refuses a report one row over it, and makes one exactly at it', () => {
    const full = runCli(args);
    expect(full.code, full.stderr).toBe(0);
    const report = JSON.parse(full.stdout) as { rows: { period: string }[] };
    const rows = report.rows.length;
    const periods = new Set(report.rows.map((r) => r.period)).size;
    expect(periods).toBeGreaterThan(1);

    const over = runCli(args, { env: { TEAMKPI_MAX_ROWS: String(rows - 1) } });
    expect(over.code).toBe(2);
    expect(over.stdout).toBe('');
    expect(over.stderr).toContain(`the report would have ${rows.toLocaleString('en-US')} rows (${periods} periods × ${rows / periods} rows each`);
    expect(over.stderr).toContain('hint: narrow it with --where');

    const at = runCli(args, { env: { TEAMKPI_MAX_ROWS: String(rows) } });
    expect(at.code, at.stderr).toBe(0);
    expect(at.stdout).toBe(full.stdout);
  });
});
