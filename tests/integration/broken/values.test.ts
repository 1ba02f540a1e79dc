import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { tempCsv } from '../../helpers/temp-csv.js';
import { expectAccounted, issueCodes, reportJson } from '../../helpers/cli-json.js';

const cwd = fixture('broken');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'teamkpi-values-'));
  // One ticket id on 10,000 rows; updated_at grows by a second per row, first response after i mod 60 minutes.
  const lines = ['ticket_id,created_at,first_response_minutes,updated_at,agent'];
  const base = Date.UTC(2026, 10, 16, 9, 0, 0);
  for (let i = 0; i < 10_000; i++) lines.push(`T1,2026-11-16T09:00:00Z,${i % 60},${new Date(base + i * 1000).toISOString()},Ana`);
  writeFileSync(join(dir, 'repeated-id.csv'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'csat5.json'), JSON.stringify({ csat: { scale: 5 } }));
  // A call-centre export (each row a ticket and its satisfaction answer) with every row twice.
  const [head, ...calls] = readFileSync(fixture('presets', 'callcentre', 'calls.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(dir, 'calls-twice.csv'), [head, ...calls, ...calls, ''].join('\n'));
  const zendesk = readFileSync(fixture('presets', 'zendesk', 'tickets.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
  writeFileSync(join(dir, 'zendesk-twice.csv'), [...zendesk, ...zendesk.slice(1), ''].join('\n'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('implausible values are reported and counted', () => {
  it('a ticket id repeated 10,000 times: one ticket (the latest update), 9,999 duplicates, one issue', () => {
    const r = reportJson([join(dir, 'repeated-id.csv')]);
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 10_000, rowsUsed: 1, rowsSkipped: 0, rowsDuplicate: 9_999 });
    expect(issueCodes(report)).toEqual(['DUPLICATE_TICKET@3']);
    expect(report.rows[0].kpis.tickets.value).toBe(1);
    // the kept row is the last (i = 9999): first response 9999 mod 60 = 39 minutes
    expect(report.rows[0].kpis.frt_median_minutes).toMatchObject({ value: 39, n: 1 });
    expectAccounted(report);
  });

  it('a row that is both a ticket and its survey answer counts once when repeated (found by the fuzzer)', () => {
    const r = reportJson([join(dir, 'calls-twice.csv')]);
    expect(r.code).toBe(0);
    const input = r.report!.dataQuality.inputs[0];
    // 12 calls, each on two rows: 12 used, 12 duplicates — not 24 (ticket and answer both counted)
    expect(input).toMatchObject({ rowsRead: 24, rowsUsed: 12, rowsDuplicate: 12, rowsSkipped: 0 });
    expectAccounted(r.report!);
  });

  it('the same, for a ticket export forced to be read as surveys', () => {
    const r = reportJson(['--surveys', join(dir, 'zendesk-twice.csv')]);
    expect(r.code).toBe(0);
    const input = r.report!.dataQuality.inputs[0];
    expect(input.rowsRead).toBeGreaterThan(0);
    expect(input.rowsDuplicate).toBeLessThanOrEqual(input.rowsRead / 2);
    expectAccounted(r.report!);
  });

  it('dates before 1970 or more than a year after the clock are dropped as OUT_OF_RANGE', () => {
    const r = reportJson(['dates-out-of-range.csv'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    // created 1969 / 0001 / 2099 → rows 2–4 skipped; solved 2031 (line 5) and first response 1899 (line 6) dropped
    expect(issueCodes(report)).toEqual(['OUT_OF_RANGE@2', 'OUT_OF_RANGE@3', 'OUT_OF_RANGE@4', 'OUT_OF_RANGE@5', 'OUT_OF_RANGE@6']);
    expect(report.dataQuality.issues.map((i) => i.column)).toEqual(['created_at', 'created_at', 'created_at', 'solved_at', 'first_response_at']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 5, rowsUsed: 2, rowsSkipped: 3 });
    const k = report.rows[0].kpis;
    expect(k.tickets.value).toBe(2);
    expect(k.solved.value).toBe(1); // line 5 lost its solved time, line 6 kept 12:00
    expect(k.resolution_median_minutes).toMatchObject({ value: 180, n: 1 }); // 09:00 → 12:00
    expect(k.frt_median_minutes).toMatchObject({ value: 60, n: 1 }); // line 5: 09:00 → 10:00
    expect(k.unreplied.value).toBe(0); // an unreadable first response is not "no response"
    expect(r.stderr).toContain('not after 1970-01-01');
    expectAccounted(report);
  });

  it('a negative duration names the column of the file it came from (a vendor export: its own headers)', () => {
    const file = tempCsv([
      'Id,Created at,Updated at,Solved at,Status,Assignee,Group,Replies,First reply time in minutes,Full resolution time in minutes',
      // solved an hour before creation; first reply stated as -5 minutes
      '1,2023-04-13 10:00:00,2023-04-13 10:00:00,2023-04-13 09:00:00,Solved,Ana,G,1,-5,30',
    ], 'zendesk.csv');
    const r = reportJson([file]);
    expect(r.code).toBe(0);
    expect(r.report!.dataQuality.inputs[0].source).toBe('zendesk');
    expect(r.report!.dataQuality.issues.map((i) => [i.code, i.column, i.value])).toEqual([
      ['NEGATIVE_DURATION', 'First reply time in minutes', '-5'],
      ['NEGATIVE_DURATION', 'Solved at', '2023-04-13T09:00:00.000Z'],
    ]);
  });

  it('durations of years are kept and reported; absurd or infinite ones are dropped', () => {
    const r = reportJson(['long-durations.csv'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(issueCodes(report)).toEqual(['LONG_DURATION@2', 'OUT_OF_RANGE@3', 'INVALID_NUMBER@4', 'LONG_DURATION@5']);
    // each names the field the duration came from: the solved time, or the export's minutes
    const where = report.dataQuality.issues.map((i) => [i.column, i.value]);
    expect(where).toEqual([['solved_at', '2026-11-16T09:00:00.000Z'], ['resolution_minutes', '1e+300'], ['resolution_minutes', '1e400'], ['first_response_minutes', '1000000']]);
    const k = report.rows[0].kpis;
    // 2019-11-16 → 2026-11-16 = 7×365 + 2 leap days = 2,557 days = 3,682,080 minutes; line 5: 120 minutes
    expect(k.resolution_median_minutes).toMatchObject({ value: (3_682_080 + 120) / 2, n: 2 });
    // first response minutes 30, 60, 90, 1,000,000 → median (60 + 90) / 2
    expect(k.frt_median_minutes).toMatchObject({ value: 75, n: 4 });
    expect(Number.isFinite(k.resolution_mean_minutes.value)).toBe(true);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 4, rowsUsed: 4 });
    expectAccounted(report);
  });

  it('one CSAT 6 among 200 answers on 1–5 is OUT_OF_RANGE; the scale stays 1–5', () => {
    const r = reportJson(['csat-stray-6.csv'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(issueCodes(report)).toEqual(['OUT_OF_RANGE@101']);
    expect(report.definitions.csat_pct.method).toContain('top-2 of 5');
    const k = report.rows[0].kpis;
    // satisfied 100 fives + 60 fours = 160 of 199 rated; mean (100·5 + 60·4 + 39·3) / 199
    expect(k.csat_pct.n).toBe(199);
    expect(k.csat_pct.value).toBeCloseTo((160 / 199) * 100, 6);
    expect(k.csat_mean.value).toBeCloseTo(857 / 199, 6);
    expectAccounted(report);
  });

  it('one CSAT 6 among 50 answers: read as 1–7 but flagged SCALE_AMBIGUOUS with the config fix', () => {
    const r = reportJson(['csat-ambiguous.csv'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(issueCodes(report)).toEqual(['SCALE_AMBIGUOUS@51']);
    expect(report.dataQuality.issues[0].message).toContain('"csat": {"scale": 5}');
    expect(report.definitions.csat_pct.method).toContain('of 7');
    expect(report.rows[0].kpis.csat_pct).toMatchObject({ value: 2, n: 50 }); // only the 6 is top-2 of 7

    const fixed = reportJson(['csat-ambiguous.csv', '--config', join(dir, 'csat5.json')], { cwd });
    expect(fixed.code).toBe(0);
    expect(issueCodes(fixed.report!)).toEqual(['OUT_OF_RANGE@51']);
    expect(fixed.report!.rows[0].kpis.csat_pct).toMatchObject({ value: 100, n: 49 }); // 30 fives + 19 fours
  });

  it('NPS 11 and −1 and CES 8 are OUT_OF_RANGE; a row left with no answer is skipped', () => {
    const r = reportJson(['nps-out-of-range.csv'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(issueCodes(report)).toEqual(['OUT_OF_RANGE@2', 'OUT_OF_RANGE@3', 'OUT_OF_RANGE@3', 'OUT_OF_RANGE@7', 'MISSING_VALUE@7']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 6, rowsUsed: 5, rowsSkipped: 1 });
    const k = report.rows[0].kpis;
    // NPS answers 10, 0, 9: 2 promoters, 1 detractor of 3
    expect(k.nps.n).toBe(3);
    expect(k.nps.value).toBeCloseTo(((2 - 1) / 3) * 100, 6);
    expect(k.ces_mean).toMatchObject({ value: 7, n: 1 });
    expect(k.csat_pct).toMatchObject({ value: 100, n: 2 });
    expectAccounted(report);
  });

  it('a CSAT or CES answer outside its scale never replaces an earlier answer to its ticket; its row, left with none, is skipped', () => {
    const tickets = join(dir, 'rated-tickets.csv'), surveys = join(dir, 'rated-twice.csv');
    writeFileSync(tickets, 'ticket_id,created_at,agent\n1,2025-11-03T10:00:00Z,Ana\n2,2025-11-03T10:00:00Z,Ana\n');
    // Ticket 1: CSAT 4, then 9 (outside 1–5). Ticket 2: CES 4, then 7 (outside 1–5) beside an NPS 10.
    writeFileSync(surveys, 'ticket_id,responded_at,csat,nps,ces\n1,2025-11-05T10:00:00Z,4,,\n1,2025-11-06T10:00:00Z,9,,\n2,2025-11-05T10:00:00Z,,,4\n2,2025-11-06T10:00:00Z,,10,7\n');
    const config = join(dir, 'scales5.json');
    writeFileSync(config, JSON.stringify({ csat: { scale: 5 }, ces: { scale: 5 } }));
    const r = reportJson([tickets, surveys, '--config', config]);
    expect(r.code, r.stderr).toBe(0);
    const report = r.report!;
    const k = report.rows[0].kpis;
    expect(k.csat_pct).toMatchObject({ value: 100, n: 1 });
    expect(k.csat_mean).toMatchObject({ value: 4, n: 1 });
    expect(k.ces_mean).toMatchObject({ value: 4, n: 1 });
    expect(k.nps).toMatchObject({ value: 100, n: 1 });
    expect(issueCodes(report)).toEqual(['OUT_OF_RANGE@3', 'OUT_OF_RANGE@5']);
    // Line 3 had only the dropped 9: skipped. Line 5 still gives its NPS: used.
    expect(report.dataQuality.inputs.find((i) => i.file === surveys)).toMatchObject({ rowsRead: 4, rowsUsed: 3, rowsSkipped: 1, rowsDuplicate: 0 });
    expect(report.dataQuality.surveys).toMatchObject({ matched: 3, orphaned: 0, duplicates: 0 });
    expectAccounted(report);
  });

  it('an employee response without an NPS answer counts in nothing: its row is skipped with MISSING_VALUE', () => {
    const surveys = join(dir, 'employee-rows.csv');
    // Line 2: an employee eNPS 9 (promoter). Line 3: an employee with only a CSAT 5, which counts in
    // no KPI (employee answers give only eNPS): skipped. Line 4: a customer CSAT 4 (satisfied).
    writeFileSync(surveys, 'ticket_id,responded_at,csat,nps,kind\n,2025-11-05T10:00:00Z,,9,employee\n,2025-11-05T11:00:00Z,5,,employee\n,2025-11-05T12:00:00Z,4,,customer\n');
    const r = reportJson([surveys]);
    expect(r.code, r.stderr).toBe(0);
    const report = r.report!;
    const k = report.rows[0].kpis;
    expect(k.enps).toMatchObject({ value: 100, n: 1 });
    expect(k.csat_pct).toMatchObject({ value: 100, n: 1 });
    expect(issueCodes(report)).toEqual(['MISSING_VALUE@3']);
    expect(report.dataQuality.issues[0].message).toContain('employee response has no NPS answer');
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 3, rowsUsed: 2, rowsSkipped: 1, rowsDuplicate: 0 });
    expectAccounted(report);
  });
});
