import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { tempCsv } from '../../helpers/temp-csv.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';

// fixtures/presets/callcentre/calls.csv: 12 calls, UTF-8 BOM, CRLF, day-first `Date` + `Time`.
// Unanswered: ID0003 ID0006 ID0011. Answered and Resolved=Y: 0001 0004 0005 0007 0009 0010.
// Ratings of the 9 answered calls: 3 2 5 4 4 1 5 5 3. Speed of answer (s): 109 70 10 30 50 120 20 40 60.
describe('callcentre preset', () => {
  const file = fixture('presets/callcentre/calls.csv');
  const report = reportJson([file, '--by', 'agent']);

  it('is detected and reads every call', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'callcentre', rowsRead: 12, rowsUsed: 12, encoding: 'UTF-8 with BOM' });
  });

  it('computes the KPIs counted by hand', () => {
    const k = kpisOf(report);
    expect(k.tickets).toBe(12);
    expect(k.solved).toBe(9); // answered calls
    expect(k.unreplied).toBe(3); // abandoned calls
    expect(k.fcr_pct).toBeCloseTo((6 / 9) * 100, 6);
    expect(k.csat_pct).toBeCloseTo((5 / 9) * 100, 6); // 4–5: 5 4 4 5 5
    expect(k.csat_mean).toBeCloseTo(32 / 9, 6);
    expect(k.frt_median_minutes).toBeCloseTo(50 / 60, 9); // 10 20 30 40 [50] 60 70 109 120
    expect(k.frt_mean_minutes).toBeCloseTo(509 / 9 / 60, 9);
    // Diane: ID0001 (3), ID0003 unanswered, ID0007 (4), ID0010 (5)
    expect(kpisOf(report, { agent: 'Diane' })).toMatchObject({ tickets: 4, solved: 3, unreplied: 1 });
    expect(kpisOf(report, { agent: 'Diane' }).csat_pct).toBeCloseTo((2 / 3) * 100, 6);
  });

  it('joins the day-first date and the time', async () => {
    const { byId, infos } = await readRecords([file]);
    expect(byId.get('ID0006')!.createdAt).toBe(Date.parse('2026-02-13T11:45:00Z'));
    expect(byId.get('ID0001')!.createdAt).toBe(Date.parse('2026-02-01T09:12:58Z'));
    expect(infos[0].dateFormats).toEqual({ 'Date + Time': 'DD/MM/YYYY HH:MM:SS' });
  });
});

describe('callcentre times of day with a one-digit hour', () => {
  it('reads 9:12 as it reads 09:12 (spreadsheets drop the leading zero)', () => {
    const file = tempCsv([
      'Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating',
      'ID1,Diane,2021-01-15,9:12,Streaming,Y,Y,60,0:01:00,4',
      'ID2,Diane,2021-01-15,10:12,Streaming,Y,N,120,0:01:00,2',
      'ID3,Diane,2021-01-16,0:05:30,Streaming,Y,Y,30,0:01:00,5',
    ], 'calls.csv');
    const report = reportJson([file]);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'callcentre', rowsRead: 3, rowsUsed: 3, rowsSkipped: 0 });
    expect(report.dataQuality.issues).toEqual([]);
    // Speed of answer 60, 120, 30 s: median 1 minute, of 3 calls.
    expect(report.rows[0].kpis.frt_median_minutes).toMatchObject({ value: 1, n: 3 });
  });
});
