import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';
import { tempCsv } from '../../helpers/temp-csv.js';

// fixtures/presets/servicenow/incident_event_log.csv: an event log of 5 incidents in 14 rows
// (day-first dates, `?` for empty). The latest sys_updated_at row of each incident counts:
//   INC101 Closed,   Group 1, opened 02/03 09:00, resolved 02/03 13:00 → 240 min, reopens 0, made_sla TRUE
//   INC102 Resolved, Group 2, opened 03/03 08:00, resolved 05/03 20:00 → 3600 min, reopens 1, made_sla FALSE
//   INC103 Awaiting User Info (pending), Group 1
//   INC104 Resolved, Group 2, 12/03 10:00 → 12:00 = 120 min
//   INC105 Resolved, Group 1 (was "?" when new), 13/03 16:00 → 16/03 16:00 = 4320 min, made_sla FALSE
describe('servicenow preset', () => {
  const file = fixture('presets/servicenow/incident_event_log.csv');
  const report = reportJson([file, '--by', 'team']);

  it('keeps the latest row per incident and counts the others as duplicates', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'servicenow', rowsRead: 14, rowsUsed: 5, rowsDuplicate: 9, rowsSkipped: 0 });
    expect(report.dataQuality.issues.every((i) => i.code === 'DUPLICATE_TICKET')).toBe(true);
  });

  it('computes the KPIs of the latest rows', () => {
    const k = kpisOf(report);
    expect(k.tickets).toBe(5);
    expect(k.solved).toBe(4);
    expect(k.open).toBe(1);
    expect(k.reopen_rate_pct).toBe(25); // INC102 of 4 solved
    expect(k.resolution_median_minutes).toBe((240 + 3600) / 2); // 120 240 | 3600 4320
    expect(kpisOf(report, { team: 'Group 1' }).tickets).toBe(3);
    expect(kpisOf(report, { team: 'Group 2' }).tickets).toBe(2);
  });

  it('keeps the latest sys_updated_at row also when the log is not in time order (the final resolved_at repeats on every row)', () => {
    const header = readFileSync(file, 'utf8').split(/\r?\n/)[0];
    // One incident, newest event first: state, reopen_count, made_sla, updated, group.
    const event = (state: string, reopens: number, sla: string, updated: string, group: string): string =>
      `INC1,${state},TRUE,0,${reopens},0,${sla},Caller 1,Opened by 1,13/03/2026 09:00,Created by 1,13/03/2026 09:00,Updated by 1,${updated},Phone,Location 1,Category 1,Subcategory 1,?,?,2 - Medium,2 - Medium,3 - Moderate,${group},Resolver 1,TRUE,FALSE,Do Not Notify,?,?,?,?,?,?,15/03/2026 10:00,?`;
    const log = tempCsv([header, event('Resolved', 1, 'FALSE', '15/03/2026 10:00', 'Group 2'), event('Active', 0, 'TRUE', '14/03/2026 08:00', 'Group 1'), event('New', 0, 'TRUE', '13/03/2026 09:05', 'Group 1')], 'reversed.csv');
    const r = reportJson([log, '--by', 'team']);
    // All three rank alike on resolved_at (15/03 10:00); the latest update (the Resolved row) wins, not the last row.
    expect(r.rows.slice(1).map((row) => row.group.team)).toEqual(['Group 2']);
    expect(kpisOf(r)).toMatchObject({ tickets: 1, solved: 1, reopen_rate_pct: 100, sla_resolution_pct: 0 });
    expect(r.dataQuality.inputs[0]).toMatchObject({ source: 'servicenow', rowsUsed: 1, rowsDuplicate: 2 });
  });

  it('maps made_sla, reassignment_count and "?"', async () => {
    const { tickets } = await readRecords([file]);
    const last = new Map(tickets.map((t) => [t.id, t]));
    expect(last.get('INC0000102')).toMatchObject({ slaResolutionMet: false, assigneeStations: 3, reopens: 1, priority: 'urgent', agent: 'Resolver 9' });
    expect(last.get('INC0000101')).toMatchObject({ slaResolutionMet: true, status: 'closed', priority: 'normal' });
    const first = tickets.find((t) => t.id === 'INC0000105')!; // its first row: assignment group "?"
    expect(first).toMatchObject({ team: null, agent: null, solvedAt: null });
  });
});
