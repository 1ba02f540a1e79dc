import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';

// fixtures/presets/intercom/data.csv: 7 conversations; timestamps in the zone the headers name
// (America/New_York, UTC−5 in November); durations in seconds.
describe('intercom preset', () => {
  const file = fixture('presets/intercom/data.csv');
  const report = reportJson([file, '--by', 'agent']);

  it('computes the KPIs counted by hand', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'intercom', rowsRead: 7, rowsUsed: 7 });
    const k = kpisOf(report);
    expect(k.solved).toBe(5); // closed: 1 2 5 6 7
    expect(k.fcr_pct).toBe(60); // Resolved on first contact among closed: 1 5 7
    expect(k.frt_median_minutes).toBe(15); // replied − started: 10 30 5 1 30 20
    expect(k.unreplied).toBe(1); // 4
    expect(k.csat_pct).toBe(60); // ratings 5 2 4 5 3
  });

  it('credits each rating to the teammate who was rated, not the assignee', () => {
    // conversation 2 is assigned to Ana but its rating (2) is Bo's
    expect(kpisOf(report, { agent: 'Ana' }).csat_pct).toBe(50); // 5, 3
    expect(kpisOf(report, { agent: 'Bo' }).csat_pct).toBeCloseTo((2 / 3) * 100, 9); // 2, 4, 5
  });

  it('reads times in the zone named in the header', async () => {
    const { byId } = await readRecords([file]);
    expect(byId.get('215000001')).toMatchObject({ createdAt: Date.parse('2026-11-09T14:00:00Z'), priority: 'normal', firstResponseMinutes: 10, assigneeStations: 1 });
    expect(byId.get('215000002')).toMatchObject({ priority: 'high', assigneeStations: 2 });
    expect(byId.get('215000004')!.status).toBe('pending'); // snoozed
  });
});

describe('intercom replies to close', () => {
  it('reads `Replies to close a conversation` as the agent replies (empty while open)', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const lines = readFileSync(fixture('presets/intercom/data.csv'), 'utf8').trim().split('\n');
    // Conversations 1 2 5 6 7 are closed: 1 3 2 4 1 replies; 3 and 4 (open) have none yet.
    const replies = ['1', '3', '', '', '2', '4', '1'];
    const file = join(mkdtempSync(join(tmpdir(), 'teamkpi-intercom-')), 'data.csv');
    writeFileSync(file, [`${lines[0]},Replies to close a conversation`, ...lines.slice(1).map((l, i) => `${l},${replies[i]}`)].join('\n') + '\n');
    const k = reportJson([file]).rows[0].kpis;
    expect(k.replies_mean).toMatchObject({ value: 11 / 5, n: 5 });
  });
});
