import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';

// fixtures/presets/hubspot/tickets.csv: 6 tickets, month-first dates (03/16, 03/20, 03/23, 03/30
// decide it), `(HH:mm:ss)` duration headers with hours past 24.
describe('hubspot preset', () => {
  const file = fixture('presets/hubspot/tickets.csv');
  const report = reportJson([file]);

  it('computes the KPIs counted by hand', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'hubspot', rowsRead: 6, rowsUsed: 6 });
    const k = kpisOf(report);
    expect(k.solved).toBe(3); // 1001 1002 1005
    expect(k.resolution_median_minutes).toBe(1440); // 120 1440 4320
    expect(k.frt_median_minutes).toBe(45); // 15 60 30 120
    expect(k.unreplied).toBe(2); // 1004 1006
  });

  it('reads month-first dates and the pipeline stages', async () => {
    const { byId, infos } = await readRecords([file]);
    expect(infos[0].dateFormats['Create date']).toBe('MM/DD/YYYY HH:MM');
    expect(byId.get('1002')).toMatchObject({ createdAt: Date.parse('2026-03-05T10:00Z'), resolutionMinutes: 1440, priority: 'normal' });
    expect(byId.get('1003')!.status).toBe('pending');
    expect(byId.get('1004')).toMatchObject({ status: 'open', priority: 'urgent' });
  });
});
