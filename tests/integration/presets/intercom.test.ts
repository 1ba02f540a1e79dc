import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';
import { tempCsv } from '../../helpers/temp-csv.js';

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

describe('intercom CSAT export (csat.csv)', () => {
  // Conversations 215000003 (Bo, unrated in data.csv) and 215000004 (nobody assigned) rated here;
  // 999 is no conversation of data.csv. Times in the zone the header names.
  const csat = tempCsv([
    'Conversation ID,Updated at (Europe/London),Conversation rating,Conversation rating remark,Agent rated type,User name,Company name,Last survey sent',
    '215000003,2025-07-01 10:00:00,5,great,Teammate,U1,C1,2025-07-01 09:00:00',
    '215000004,2025-07-01 23:30:00,2,slow,Teammate,U2,C2,2025-07-01 09:00:00',
    '999,2025-07-02 12:00:00,4,,Bot,U3,C3,2025-07-01 09:00:00',
  ], 'csat.csv');

  it('is read as survey responses linked to their conversations', async () => {
    const { surveys, infos } = await readRecords([csat]);
    expect(infos[0]).toMatchObject({ source: 'intercom', kind: 'surveys' });
    expect(surveys.map((s) => [s.ticketId, s.csat?.score, s.respondedAt])).toEqual([
      ['215000003', 5, Date.parse('2025-07-01T09:00:00Z')], // 10:00 in London (BST) is 09:00 UTC
      ['215000004', 2, Date.parse('2025-07-01T22:30:00Z')],
      ['999', 4, Date.parse('2025-07-02T11:00:00Z')],
    ]);
  });

  it('joins the conversations: each rating goes to its conversation\'s teammate', () => {
    const report = reportJson([fixture('presets/intercom/data.csv'), csat, '--by', 'agent']);
    // data.csv's own 5 ratings and 2 of csat.csv's 3.
    expect(report.dataQuality.surveys).toMatchObject({ matched: 7, orphaned: 1 });
    // Bo: data.csv's 2 (rated Bo), 4, 5 and csat.csv's 5 → 3 of 4 satisfied.
    expect(kpisOf(report, { agent: 'Bo' }).csat_pct).toBe(75);
  });
});
