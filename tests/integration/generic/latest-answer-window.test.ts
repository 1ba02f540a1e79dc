import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

// A ticket keeps the latest answer per KPI, chosen over all the data read, before the window
// (README, Duplicates): rated in March and again in April, it counts once, in April.
const dir = mkdtempSync(join(tmpdir(), 'teamkpi-latest-'));
const tickets = join(dir, 'tickets.csv');
writeFileSync(tickets, 'ticket_id,created_at,solved_at,agent,status\nK1,2025-03-20T10:00:00Z,2025-03-21T10:00:00Z,Ana,solved\n');
const surveys = join(dir, 'surveys.csv');
writeFileSync(surveys, 'ticket_id,responded_at,csat,nps\nK1,2025-03-25T10:00:00Z,5,10\nK1,2025-04-02T10:00:00Z,1,0\n');

function kpis(window: string[]): Record<string, { value: number | null; n: number }> {
  const r = runCli(['report', tickets, surveys, ...window, '--metrics', 'csat_mean,nps', '--format', 'json', '--now', '2025-06-01T00:00:00Z', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).rows[0].kpis;
}

describe('the latest answer per KPI, and windows', () => {
  it('leaves a March window without the March answer an April one replaced', () => {
    expect(kpis(['--from', '2025-03-01', '--to', '2025-03-31'])).toMatchObject({ csat_mean: { value: null, n: 0 }, nps: { value: null, n: 0 } });
  });

  it('counts the April answer in April, and once in an unbounded report', () => {
    expect(kpis(['--from', '2025-04-01', '--to', '2025-04-30'])).toMatchObject({ csat_mean: { value: 1, n: 1 }, nps: { value: -100, n: 1 } });
    expect(kpis([])).toMatchObject({ csat_mean: { value: 1, n: 1 }, nps: { value: -100, n: 1 } });
  });
});
