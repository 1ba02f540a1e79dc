import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { tempCsv } from '../../helpers/temp-csv.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';

// fixtures/presets/jira/jira-pt.csv: 10 issues exported with a Portuguese UI (headers, month
// names `fev`, `abr`, `mai`, `set`, `out`, `dez`), two `Etiquetas` and two `Comentário` columns,
// a multi-line quoted comment, SLA fields as signed remaining H:MM.
describe('jira preset (Portuguese export)', () => {
  const file = fixture('presets/jira/jira-pt.csv');
  const report = reportJson([file, '--by', 'agent']);

  it('is detected and reads every issue', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'jira', rowsRead: 10, rowsUsed: 10 });
    expect(report.dataQuality.issues).toEqual([]);
  });

  it('computes the KPIs counted by hand', () => {
    const k = kpisOf(report);
    expect(k.tickets).toBe(10);
    // Concluído/Resolvido/Fechado: PRJ-1 2 5 6 7 9 10
    expect(k.solved).toBe(7);
    // resolution minutes: 120 1440 360 1440 60 2880 20 → median 360
    expect(k.resolution_median_minutes).toBe(360);
    // satisfaction 5 2 4 1 5 3 4: four of seven are 4–5
    expect(k.csat_pct).toBeCloseTo((4 / 7) * 100, 6);
    expect(k.csat_mean).toBeCloseTo(24 / 7, 6);
    // Ana Souza: PRJ-1 (5), PRJ-2 (2), PRJ-7 (5), PRJ-10 (4)
    expect(kpisOf(report, { agent: 'Ana Souza' }).csat_pct).toBe(75);
  });

  it('reads localised dates, repeated labels and signed SLA remaining time', async () => {
    const { byId, infos } = await readRecords([file]);
    expect(byId.get('PRJ-1')).toMatchObject({ createdAt: Date.parse('2026-02-02T09:10Z'), solvedAt: Date.parse('2026-02-02T11:10Z'), tags: ['vpn', 'acesso'], category: 'Acesso', priority: 'normal' });
    expect(byId.get('PRJ-10')!.createdAt).toBe(Date.parse('2026-12-15T10:00Z'));
    expect(byId.get('PRJ-3')!.status).toBe('open');
    expect(byId.get('PRJ-4')!.status).toBe('pending');
    expect(byId.get('PRJ-8')!.status).toBe('new');
    // first response: positive on a finished issue = met, negative = breached, open issue = unknown
    const frs = ['PRJ-1', 'PRJ-2', 'PRJ-3', 'PRJ-4', 'PRJ-6', 'PRJ-9'].map((id) => byId.get(id)!.slaFirstResponseMet);
    expect(frs).toEqual([true, false, null, null, null, true]);
    // resolution: PRJ-3 is still open but already -1:00 → breached; PRJ-9 resolved at -10:00 → breached
    const res = ['PRJ-1', 'PRJ-2', 'PRJ-3', 'PRJ-4', 'PRJ-9'].map((id) => byId.get(id)!.slaResolutionMet);
    expect(res).toEqual([true, false, false, null, false]);
    expect(infos[0].dateFormats['Criado']).toBe('dd/MMM/yy h:MM a');
  });
});

// JSM's `[CHART] Date of First Response` field is when an agent first responded.
describe('jira first response from the chart field', () => {
  it('gives FRT and unreplied', () => {
    const file = tempCsv([
      'Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Created,Resolved,Custom field ([CHART] Date of First Response)',
      'A,SD-1,10001,Service request,Done,Medium,Ana,13/Nov/25 9:00 AM,13/Nov/25 5:00 PM,13/Nov/25 9:30 AM',
      'B,SD-2,10002,Service request,Done,Medium,Ana,14/Nov/25 9:00 AM,14/Nov/25 5:00 PM,14/Nov/25 10:30 AM',
      'C,SD-3,10003,Service request,In Progress,Medium,Bo,15/Nov/25 9:00 AM,,',
    ], 'jira.csv');
    const report = reportJson([file, '--by', 'agent']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'jira', rowsUsed: 3 });
    // Ana: 30 and 90 minutes; Bo's issue has no response yet.
    expect(kpisOf(report, { agent: 'Ana' }).frt_median_minutes).toBe(60);
    expect(report.rows[0].kpis.unreplied).toMatchObject({ value: 1, n: 1 });
  });
});
