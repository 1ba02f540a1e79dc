import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

// On the solved date basis a ticket is placed by its solved time. One marked solved without a
// solved time can only be counted in an unbounded report without periods; in any other it is
// left out, and the report says so (every row is used, skipped with a reason, or a duplicate).
const dir = mkdtempSync(join(tmpdir(), 'teamkpi-solved-'));
const file = join(dir, 'tickets.csv');
writeFileSync(file, [
  'ticket_id,created_at,solved_at,agent,status',
  '1,2026-03-02T10:00:00Z,2026-03-03T10:00:00Z,Ann,solved',
  '2,2026-03-02T11:00:00Z,,Ann,closed',
  '3,2026-03-04T09:00:00Z,,Bo,open',
].join('\n') + '\n');

function report(extra: string[]) {
  const r = runCli(['report', file, '--date-basis', 'solved', '--format', 'json', '--now', '2026-04-01T00:00:00Z', '--quiet', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    rows: { period: string | null; kpis: Record<string, { value: number | null; n: number }> }[];
    dataQuality: { issues: { code: string; line: number; column: string | null; message: string }[] };
  };
}

describe('a ticket marked solved without a solved time, on the solved basis', () => {
  it('is counted in an unbounded report without periods, with no issue', () => {
    const r = report([]);
    // Tickets 1 and 2 are solved; 3 is open and never counts on this basis.
    expect(r.rows[0].kpis.tickets.value).toBe(2);
    expect(r.rows[0].kpis.solved.value).toBe(2);
    expect(r.dataQuality.issues).toEqual([]);
  });

  it('is left out of a report by month, with a NO_DATE issue at its line', () => {
    const r = report(['--period', 'month']);
    expect(r.rows.map((row) => [row.period, row.kpis.tickets.value])).toEqual([['2026-03', 1]]);
    // At its line and the column it lacks a value in.
    expect(r.dataQuality.issues.map((i) => [i.code, i.line, i.column])).toEqual([['NO_DATE', 3, 'solved_at']]);
    expect(r.dataQuality.issues[0].message).toContain('no solved time');
  });

  it('is left out of a windowed report too, with the same issue', () => {
    const r = report(['--from', '2026-03-01', '--to', '2026-03-31']);
    expect(r.rows[0].kpis.tickets.value).toBe(1);
    expect(r.dataQuality.issues.map((i) => [i.code, i.line])).toEqual([['NO_DATE', 3]]);
  });

  it('a rating of an open ticket, with no date of its own, is left out with a NO_DATE issue that says why', () => {
    const rated = join(dir, 'rated.csv');
    writeFileSync(rated, ['ticket_id,created_at,solved_at,status,csat', '1,2025-01-01T00:00:00Z,2025-01-02T00:00:00Z,solved,5', '2,2025-01-01T00:00:00Z,,open,1'].join('\n') + '\n');
    const r = runCli(['report', rated, '--date-basis', 'solved', '--period', 'month', '--format', 'json', '--now', '2026-04-01T00:00:00Z', '--quiet']);
    const issues = (JSON.parse(r.stdout) as { dataQuality: { issues: { code: string; line: number; column: string | null; message: string }[] } }).dataQuality.issues;
    // The file has no response time column: the generic name is what it would need.
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['NO_DATE', 3, 'responded_at']]);
    expect(issues[0].message).toContain('its ticket has no solved time');
  });

  it('names the file\'s own header of the date a response lacks', () => {
    const surveys = join(dir, 'answers.csv');
    writeFileSync(surveys, ['ticket_id,Responded At,csat', '9,2026-03-05T10:00:00Z,5', '8,,4'].join('\n') + '\n');
    const r = runCli(['report', surveys, '--period', 'month', '--format', 'json', '--now', '2026-04-01T00:00:00Z', '--quiet', '--source', 'generic']);
    const issues = (JSON.parse(r.stdout) as { dataQuality: { issues: { code: string; line: number; column: string | null }[] } }).dataQuality.issues;
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['NO_DATE', 3, 'Responded At']]);
  });
});
