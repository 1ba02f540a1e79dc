import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

// An export's stated SLA "met" on a ticket whose clock still runs (unsolved, for resolution; no
// reply yet, for first response) only says the target has not passed: the ticket is excluded, as
// one still inside its target. A stated breach stands (README, SLA).
const dir = mkdtempSync(join(tmpdir(), 'teamkpi-stated-sla-'));
const file = join(dir, 'tickets.csv');
writeFileSync(file, [
  'ticket_id,created_at,first_response_at,solved_at,status,sla_first_response_met,sla_resolution_met',
  '1,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,2026-03-02T12:00:00Z,solved,true,true',
  '2,2026-03-02T11:00:00Z,,,open,true,true',
  '3,2026-03-02T11:00:00Z,2026-03-02T11:20:00Z,,open,true,false',
  '4,2026-03-03T11:00:00Z,,2026-03-04T11:00:00Z,solved,false,false',
  '5,2026-03-03T12:00:00Z,,,open,false,true',
].join('\n') + '\n');

describe('stated SLA outcomes of tickets whose clock still runs', () => {
  it('leaves out a running "met", keeps a stated breach', () => {
    const r = runCli(['report', file, '--format', 'json', '--now', '2026-04-01T00:00:00Z', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const k = JSON.parse(r.stdout).rows[0].kpis;
    // Resolution: 1 met (solved); 2 and 5 open with "met" — excluded; 3 and 4 breached: 1 of 3.
    expect(k.sla_resolution_pct.n).toBe(3);
    expect(k.sla_resolution_pct.value).toBeCloseTo(100 / 3, 9);
    // First response: 1 met; 2 open, no reply, "met" — excluded; 3 answered, "met" stands; 4 and 5
    // breached: 2 of 4.
    expect(k.sla_first_response_pct).toMatchObject({ value: 50, n: 4 });
  });

  it('does the same when the config has targets and the export is used where it states an outcome', () => {
    const config = join(dir, 'teamkpi.config.json');
    // Targets far longer than any of these tickets: what the export does not settle is excluded
    // (still inside the target at --now), so the numbers are the export's own.
    writeFileSync(config, JSON.stringify({ sla: { firstResponseMinutes: { default: 100000 }, resolutionMinutes: { default: 100000 } } }));
    const r = runCli(['report', file, '--config', config, '--format', 'json', '--now', '2026-03-05T00:00:00Z', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const k = JSON.parse(r.stdout).rows[0].kpis;
    expect(k.sla_resolution_pct.n).toBe(3);
    expect(k.sla_resolution_pct.value).toBeCloseTo(100 / 3, 9);
    expect(k.sla_first_response_pct).toMatchObject({ value: 50, n: 4 });
  });
});
