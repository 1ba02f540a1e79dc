import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';

// fixtures/presets/zendesk/tickets.csv: 12 tickets in the Support CSV export's shape
// (Summation column, business-hours columns, stations, [list]/[txt] custom fields).
describe('zendesk preset', () => {
  const report = reportJson([fixture('presets/zendesk/tickets.csv'), '--by', 'agent']);

  it('detects the source and reads every row', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ kind: 'tickets', source: 'zendesk', rowsRead: 12, rowsUsed: 12, rowsSkipped: 0 });
    expect(report.dataQuality.issues).toEqual([]);
  });

  it('computes the overall KPIs counted by hand', () => {
    const k = kpisOf(report);
    expect(k.tickets).toBe(12);
    // Solved or Closed: 1001 1002 1003 1006 1007 1008 1011 1012
    expect(k.solved).toBe(8);
    // Satisfaction Score: Good 1001 1003 1007 1008, Bad 1002 1012 → 4/6; Offered 1006 1011
    expect(k.csat_pct).toBeCloseTo((4 / 6) * 100, 6);
    expect(k.csat_response_rate_pct).toBeCloseTo((6 / 8) * 100, 6);
    // one-touch (≤1 reply, no reopen) among solved: 1001 1003 1007 1011 → 4/8
    expect(k.fcr_pct).toBe(50);
    // reopened solved tickets: 1002, 1008 → 2/8
    expect(k.reopen_rate_pct).toBe(25);
    // Solved at − Created at: 60 240 30 1440 45 360 20 720 → sorted 20 30 45 60 | 240 360 720 1440
    expect(k.resolution_median_minutes).toBe((60 + 240) / 2);
    // First reply time in minutes: 15 30 5 60 20 90 10 3 40 → median 20
    expect(k.frt_median_minutes).toBe(20);
    // no reply and no first-reply time: 1003 1005 1010
    expect(k.unreplied).toBe(3);
    // Group stations > 1: 1002 (2), 1008 (3)
    expect(k.escalation_rate_pct).toBeCloseTo((2 / 12) * 100, 6);
  });

  it('links the satisfaction rating to the ticket agent', () => {
    expect(report.dataQuality.surveys).toMatchObject({ matched: 8, orphaned: 0 });
    expect(kpisOf(report, { agent: 'Ana Silva' }).csat_pct).toBe(50); // 1001 Good, 1002 Bad
    expect(kpisOf(report, { agent: 'Cy Diaz' }).csat_pct).toBe(100); // 1007 Good (1006 only offered)
    expect(kpisOf(report, { agent: '(none)' }).tickets).toBe(1); // 1010 unassigned
  });

  it('reads the category from the [list] custom field, "-" meaning unset', () => {
    const byCategory = reportJson([fixture('presets/zendesk/tickets.csv'), '--by', 'category', '--metrics', 'tickets']);
    // Invoice 1001 1004 1011; Refund 1002 1012; Outage 1005 1006 1008; "-": 1003 1007 1009 1010
    expect(kpisOf(byCategory, { category: 'Invoice' }).tickets).toBe(3);
    expect(kpisOf(byCategory, { category: 'Outage' }).tickets).toBe(3);
    expect(kpisOf(byCategory, { category: '(none)' }).tickets).toBe(4);
  });
});
