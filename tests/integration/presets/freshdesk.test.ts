import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';
import { tempCsv } from '../../helpers/temp-csv.js';

// fixtures/presets/freshdesk/tickets.csv: 10 tickets with the full export column set,
// day-first `DD-MM-YYYY HH:MM:SS` dates, business-hours `HH:MM:SS` durations (one past 24 h),
// `00:00:00` for missing values, Within SLA / SLA Violated, survey labels.
describe('freshdesk preset', () => {
  const file = fixture('presets/freshdesk/tickets.csv');
  const report = reportJson([file]);

  it('is detected and reads every ticket', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'freshdesk', rowsRead: 10, rowsUsed: 10 });
    expect(report.dataQuality.issues).toEqual([]);
  });

  it('computes the KPIs counted by hand', () => {
    const k = kpisOf(report);
    expect(k.tickets).toBe(10);
    expect(k.solved).toBe(7); // 1 2 5 6 8 9 10
    // Freshdesk FCR: resolved with Customer interactions = 1 → 1 5 8 10 of 7
    expect(k.fcr_pct).toBeCloseTo((4 / 7) * 100, 6);
    expect(report.definitions.fcr_pct.method).toContain('flag');
    // Initial response − Created: 30 240 10 5 60 15 45 1 → median (15 + 30) / 2
    expect(k.frt_median_minutes).toBe(22.5);
    expect(k.unreplied).toBe(2); // 3 and 7
    // Resolved − Created: 180 1440 20 5760 60 1440 60 → median 180
    expect(k.resolution_median_minutes).toBe(180);
    // The 7 labels (Extremely Happy/Unhappy show the scale): Extremely Happy and Very Happy are
    // 7 and 6 of 7, satisfied; Happy (5 of 7), Neutral, Unhappy, Extremely Unhappy are not.
    expect(k.csat_pct).toBeCloseTo((2 / 6) * 100, 9);
    expect(report.definitions.csat_pct.method).toContain('"happy" is 5 of 7');
  });

  it('reads 00:00:00 as missing, hours past 24, and the SLA status words', async () => {
    const { byId } = await readRecords([file]);
    expect(byId.get('3')).toMatchObject({ firstResponseBusinessMinutes: null, resolutionBusinessMinutes: null, slaFirstResponseMet: null });
    expect(byId.get('4')).toMatchObject({ firstResponseBusinessMinutes: 10, resolutionBusinessMinutes: null, slaFirstResponseMet: true });
    // ticket 6: Resolution status "Within SLA", First response status "SLA Violated"
    expect(byId.get('6')).toMatchObject({ resolutionBusinessMinutes: 26 * 60 + 30, slaFirstResponseMet: false, slaResolutionMet: true, priority: 'low' });
    expect(byId.get('7')).toMatchObject({ status: 'pending', agent: null });
    expect(byId.get('2')!.solvedAt).toBe(Date.parse('2026-11-04T10:00Z'));
  });
});

// An export without `Initial response time`, `First response time (in hrs)` and `Agent
// interactions` (Freshdesk lets a user pick the columns) cannot say whether an agent answered.
describe('freshdesk export without its response columns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teamkpi-freshdesk-'));
  const drop = ['Initial response time', 'First response time (in hrs)', 'Agent interactions', 'Resolution status', 'First response status'];
  const lines = readFileSync(fixture('presets/freshdesk/tickets.csv'), 'utf8').trim().split('\n');
  // The fixture's quoted cells ("billing,refund") come after the dropped columns: cut by the header's positions up to them.
  const header = lines[0].split(',');
  const keep = header.map((name, i) => (drop.includes(name) ? -1 : i)).filter((i) => i >= 0);
  const cut = (line: string): string => {
    const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.slice(0, header.length).map((c) => c.replace(/,$/, ''));
    return keep.map((i) => cells[i]).join(',');
  };
  const file = join(dir, 'tickets.csv');
  writeFileSync(file, lines.map(cut).join('\n') + '\n');
  const config = join(dir, 'teamkpi.config.json');
  writeFileSync(config, JSON.stringify({ sla: { firstResponseMinutes: { default: 120 } } }));

  it('leaves unreplied unknown (null, n 0), not every ticket', () => {
    const k = reportJson([file]).rows[0].kpis;
    expect(k.tickets).toEqual({ value: 10, n: 10 });
    expect(k.unreplied).toEqual({ value: null, n: 0 });
  });

  it('judges the first-response target only where a solve within it settles it', () => {
    const r = runCli(['report', file, '--config', config, '--sla', 'recompute', '--format', 'json', '--now', '2026-12-01T00:00:00Z', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    // Target 120 minutes. Solved within it (any reply came before the solve): 5 (20 min), 8 (60),
    // 10 (60) met. Solved later (1: 180, 2: 1440, 6: 5760, 9: 1440) and open (3, 4, 7): when or
    // whether an agent answered is unknown, so they are not judged. 3 met of 3.
    expect(JSON.parse(r.stdout).rows[0].kpis.sla_first_response_pct).toMatchObject({ value: 100, n: 3 });
  });
});

// FCR as each vendor defines it: Freshdesk counts the customer's first message (resolved with
// Customer interactions = 1; 0 is a ticket an agent started), Freshservice does not (= 0).
describe('freshdesk and freshservice FCR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teamkpi-fcr-'));
  const rows = (interactions: number[]) => interactions.map((n, i) => `${i + 1},Resolved,${13 + i}-11-2026 09:00:00,${13 + i}-11-2026 12:00:00,${n}`);

  it('Freshdesk: exactly one customer interaction', () => {
    const file = join(dir, 'freshdesk.csv');
    writeFileSync(file, ['Ticket ID,Status,Created time,Resolved time,Customer interactions', ...rows([1, 0, 2, 1, 1])].join('\n') + '\n');
    const k = reportJson([file]).rows[0].kpis;
    // 1, 4 and 5 of 5 resolved tickets.
    expect(k.fcr_pct).toMatchObject({ value: 60, n: 5 });
  });

  it('Freshservice (title-case headers, Urgency): no customer interaction after the description', () => {
    const file = join(dir, 'freshservice.csv');
    writeFileSync(file, ['Ticket Id,Status,Created Time,Resolved Time,Customer Interactions,Urgency', ...rows([0, 0, 2, 1, 0]).map((r) => `${r},Low`)].join('\n') + '\n');
    const report = reportJson([file]);
    expect(report.dataQuality.inputs[0].source).toBe('freshdesk');
    // 1, 2 and 5 of 5 resolved tickets.
    expect(report.rows[0].kpis.fcr_pct).toMatchObject({ value: 60, n: 5 });
    expect(report.rows[0].kpis.solved).toMatchObject({ value: 5 });
  });
});

describe('freshdesk: a negative time span', () => {
  it('is a NEGATIVE_DURATION (dropped, named), as any negative duration, not an unreadable value', () => {
    const lines = readFileSync(fixture('presets/freshdesk/tickets.csv'), 'utf8').trim().split('\n');
    // Ticket 1's first response time (business hours) 00:30:00 → -01:00:00.
    const file = tempCsv([lines[0], lines[1].replace(',00:30:00,', ',-01:00:00,')], 'negative.csv');
    const r = runCli(['report', file, '--date-order', 'dmy', '--format', 'json', '--hours', 'business', '--now', '2026-12-01T00:00:00Z', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const issues = (JSON.parse(r.stdout) as { dataQuality: { issues: { code: string; line: number; column: string; value: string }[] } }).dataQuality.issues;
    expect(issues.map((i) => [i.code, i.line, i.column, i.value])).toEqual([['NEGATIVE_DURATION', 2, 'First response time (in hrs)', '-60']]);
  });
});
