import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';

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
    // Extremely Happy, Very Happy, Happy satisfied; Unhappy, Neutral, Extremely Unhappy not
    expect(k.csat_pct).toBe(50);
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
