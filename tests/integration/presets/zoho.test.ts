import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';
import { tempCsv } from '../../helpers/temp-csv.js';

// fixtures/presets/zoho/tickets.csv: 7 tickets, day-first dates, business-hours durations in ms.
describe('zoho preset', () => {
  const file = fixture('presets/zoho/tickets.csv');
  const report = reportJson([file]);

  it('computes the KPIs counted by hand', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'zoho', rowsRead: 7, rowsUsed: 7 });
    const k = kpisOf(report);
    expect(k.solved).toBe(5); // Closed: 401 402 405 406 407
    expect(k.fcr_pct).toBe(60); // Is First Call Resolution: 401 405 407
    expect(k.reopen_rate_pct).toBe(40); // 402 (1), 406 (2)
    expect(k.escalation_rate_pct).toBeCloseTo((2 / 7) * 100, 9); // Is Escalated: 402 404
    expect(k.csat_pct).toBe(50); // Good Bad Okay Good
    expect(k.resolution_median_minutes).toBe(120); // 120 1440 30 1440 60
    expect(k.unreplied).toBe(1); // 404: no first response time
  });

  it('reads milliseconds, the SLA violation type and Agent Name', async () => {
    const { byId } = await readRecords([file]);
    expect(byId.get('406')).toMatchObject({ firstResponseBusinessMinutes: 108960000 / 60000, resolutionBusinessMinutes: 1440, priority: 'urgent' });
    expect(byId.get('401')).toMatchObject({ slaFirstResponseMet: true, slaResolutionMet: true, agent: 'Rita', createdAt: Date.parse('2025-01-13T16:48Z') });
    expect(byId.get('402')).toMatchObject({ slaFirstResponseMet: null, slaResolutionMet: false, assigneeStations: 2 });
    expect(byId.get('404')).toMatchObject({ slaFirstResponseMet: false, status: 'hold' });
    expect(byId.get('407')!.agent).toBeNull();
  });
});

describe('zoho preset: dates of the 1st to the 12th only', () => {
  const csv = (dates: string[]): string => tempCsv([
    'Request Id,Status,Agent Name,Created Time,Ticket Closed Time,Is First Call Resolution,Number of Reopen',
    ...dates.map((d, i) => `${i + 1},Closed,Ann,${d},,true,0`),
  ], 'zoho-early-days.csv');

  it('reads them day first, as Zoho Desk writes them', async () => {
    const { byId, infos } = await readRecords([csv(['03/01/2025 09:00', '06/01/2025 10:30'])]);
    expect(byId.get('1')!.createdAt).toBe(Date.parse('2025-01-03T09:00Z')); // 3 January, not 1 March
    expect(byId.get('2')!.createdAt).toBe(Date.parse('2025-01-06T10:30Z'));
    expect(infos[0].dateFormats['Created Time']).toContain('the order this vendor writes');
    // Said in the report, with the fix, since an account set to month first writes the same text.
    const report = reportJson([csv(['03/01/2025 09:00', '06/01/2025 10:30'])]);
    expect(report.dataQuality.issues.map((i) => [i.code, i.line, i.column])).toEqual([['DATE_ORDER_ASSUMED', 2, 'Created Time']]);
    expect(report.dataQuality.issues[0].message).toContain('--date-order mdy');
  });

  it('still takes the order a value shows, and --date-order over both', async () => {
    // 01/13 can only be month first: the file says so, whatever the vendor's habit.
    const file = csv(['03/01/2025 09:00', '01/13/2025 10:30']);
    expect((await readRecords([file])).byId.get('1')!.createdAt).toBe(Date.parse('2025-03-01T09:00Z'));
    const report = reportJson([csv(['03/01/2025 09:00']), '--date-order', 'mdy', '--period', 'month']);
    expect(report.rows.map((r) => r.period)).toContain('2025-03');
  });
});

describe('zoho preset: a narrow export', () => {
  it('is recognised by Request Id with its created and closed times', () => {
    const file = tempCsv(['Request Id,Status,Agent Name,Created Time,Ticket Closed Time', '7,Closed,Ann,13/01/2025 16:48,14/01/2025 16:48'], 'zoho-narrow.csv');
    const report = reportJson([file]);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'zoho', rowsUsed: 1 });
    expect(report.rows[0].kpis.resolution_mean_minutes).toMatchObject({ value: 1440, n: 1 });
  });
});
