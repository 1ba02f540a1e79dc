import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';
import { tempCsv } from '../../helpers/temp-csv.js';

// fixtures/presets/zendesk-explore/explore.csv: 6 tickets; BOM, `;` delimiter, decimal commas,
// blanks as a space or a no-break space, `MED(First reply time (min))`, `(hrs)` resolution.
describe('zendesk-explore preset', () => {
  const file = fixture('presets/zendesk-explore/explore.csv');
  const report = reportJson([file]);

  it('computes the KPIs counted by hand', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'zendesk-explore', rowsRead: 6, rowsUsed: 6 });
    expect(report.dataQuality.issues).toEqual([]);
    const k = kpisOf(report);
    expect(k.solved).toBe(4); // Solved/Closed: 1 2 4 5
    expect(k.frt_median_minutes).toBe(30.5); // 12 30,5 5 60 45
    expect(k.resolution_median_minutes).toBe((1200 + 1440) / 2); // hours 24 48 2,5 20 → 1440 2880 150 1200
    expect(k.csat_pct).toBeCloseTo((2 / 3) * 100, 9); // Good Bad Good
    expect(k.csat_response_rate_pct).toBe(60); // 3 rated of 3 + 2 Offered (Unoffered not counted)
    expect(k.escalation_rate_pct).toBeCloseTo((2 / 6) * 100, 9); // Group stations 2, 3
    expect(k.unreplied).toBe(1); // 4: no reply time, 0 replies
  });

  it('maps the aggregated metric header', async () => {
    const { infos } = await readRecords([file]);
    expect(infos[0].mapping.firstResponseMinutes).toBe('MED(First reply time (min))');
    expect(infos[0].delimiter).toBe(';');
  });
});

// Explore lets admins pick the decimal and thousands marks: where a file's numbers show a decimal
// comma, `2.000` is two thousand (and where they show a decimal point, `2,000` is).
describe('zendesk-explore numbers with thousands marks', () => {
  it.each([
    ['comma decimals', ';', ['1.234,5', '10,5'], ['2.000', '100']],
    ['point decimals', ',', ['"1,234.5"', '10.5'], ['"2,000"', '100']],
  ])('%s', async (_name, sep, frt, resolution) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'teamkpi-explore-')), 'explore.csv');
    writeFileSync(file, [
      ['Ticket ID', 'Ticket status', 'Assignee name', 'Ticket created - Date', 'First reply time (min)', 'Full resolution time (min)'].join(sep),
      ['1', 'Solved', 'Ana', '2025-11-03', frt[0], resolution[0]].join(sep),
      ['2', 'Solved', 'Ana', '2025-11-03', frt[1], resolution[1]].join(sep),
    ].join('\n') + '\n');
    const report = reportJson([file]);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'zendesk-explore', rowsUsed: 2 });
    expect(report.dataQuality.issues).toEqual([]);
    const k = report.rows[0].kpis;
    // First reply 1234.5 and 10.5 min; full resolution 2000 and 100 min.
    expect(k.frt_mean_minutes).toMatchObject({ value: (1234.5 + 10.5) / 2, n: 2 });
    expect(k.resolution_mean_minutes).toMatchObject({ value: (2000 + 100) / 2, n: 2 });
  });
});

describe('zendesk-explore preset: a created hour column', () => {
  it('reads the bare hour of `Ticket created - Hour` (9 is 09:00) with the date', () => {
    // Naive times in UTC; shown in New York (UTC−5 in January): 02:00 UTC is the day before there.
    const file = tempCsv([
      'Ticket ID;Ticket created - Date;Ticket created - Hour;Ticket status;Assignee name;First reply time (min)',
      '1;2026-01-13;2;Solved;Ann;30',
      '2;2026-01-13;14;Open;Bob;',
      '3;2026-01-13;09;Open;Bob;',
    ], 'explore-hour.csv');
    const report = reportJson([file, '--period', 'day', '--tz', 'America/New_York', '--input-tz', 'UTC']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'zendesk-explore', rowsRead: 3, rowsUsed: 3 });
    expect(report.rows.map((r) => [r.period, r.kpis.tickets.value])).toEqual([['2026-01-12', 1], ['2026-01-13', 2]]);
  });
});

describe('zendesk-explore preset: a solved date beside the resolution metric', () => {
  // Without a status column: ticket 1 has a solved date, ticket 2 none. DESIGN: solved = status
  // solved/closed or a solved time; the metric, not the whole-day dates, gives the resolution.
  const file = tempCsv([
    'Ticket ID;Assignee name;Ticket created - Date;Ticket solved - Date;First reply time (min);Full resolution time (min);Agent replies',
    '1;Ann;2025-03-03;2025-03-04;10;1500;1',
    '2;Ann;2025-03-03;;20;;1',
    '3;Ann;2025-03-03;2025-03-07;30;5000;3',
  ], 'explore-solved-date.csv');

  it('marks the ticket solved and measures it by the metric', () => {
    const report = reportJson([file]);
    expect(report.dataQuality.issues).toEqual([]);
    const k = report.rows[0].kpis;
    expect(k.solved).toMatchObject({ value: 2 }); // 1 and 3
    expect(k.open).toMatchObject({ value: 1 }); // 2
    // One-touch FCR over the solved: 1 (1 reply) yes, 3 (3 replies) no.
    expect(k.fcr_pct).toMatchObject({ value: 50, n: 2 });
    expect(k.replies_mean).toMatchObject({ value: (1 + 3) / 2, n: 2 });
    // The metric (1500, 5000 min), not whole days between the dates (1440, 5760).
    expect(k.resolution_mean_minutes).toMatchObject({ value: (1500 + 5000) / 2, n: 2 });
  });

  it('still reports a solved date it cannot read', () => {
    const bad = tempCsv([
      'Ticket ID;Ticket created - Date;Ticket solved - Date;Full resolution time (min)',
      '1;2025-03-03;not a date;1500',
    ], 'explore-bad-solved-date.csv');
    const report = reportJson([bad]);
    expect(report.dataQuality.issues.map((i) => [i.code, i.line])).toEqual([['INVALID_DATE', 2]]);
    expect(report.rows[0].kpis.solved).toMatchObject({ value: 0 });
  });
});
