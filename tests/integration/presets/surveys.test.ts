import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';

describe('surveymonkey preset (2 header rows)', () => {
  // fixtures/presets/surveymonkey/responses.csv: 9 respondents; NPS 10 9 7 "3 - Not likely" 6
  // "10 - Extremely likely" (blank) 8 (blank); CSAT labels VS S N VD D VS S (blank) (blank).
  const file = fixture('presets/surveymonkey/responses.csv');
  const report = reportJson([file]);

  it('skips the sub-label row and the row with no answer', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ kind: 'surveys', source: 'surveymonkey', rowsRead: 9, rowsUsed: 8, rowsSkipped: 1 });
  });

  it('computes NPS and CSAT by hand', () => {
    const k = kpisOf(report);
    expect(k.nps).toBeCloseTo(((3 - 2) / 7) * 100, 9); // promoters 10 9 10; detractors 3 6
    expect(k.csat_pct).toBeCloseTo((4 / 7) * 100, 9); // Very satisfied ×2, Satisfied ×2 of 7
    expect(k.enps).toBeNull();
  });

  it('links responses to tickets and reads month-first End Date', async () => {
    const { surveys, infos } = await readRecords([file]);
    expect(surveys[0]).toMatchObject({ ticketId: '5001', nps: 10, respondedAt: Date.parse('2026-11-16T10:32:15Z') });
    expect(infos[0].headerRows).toBe(2);
    expect(infos[0].dateFormats['End Date']).toBe('MM/DD/YYYY h:MM:SS a');
  });
});

describe('surveymonkey preset: which column links a ticket', () => {
  it('takes a ticket-id variable, never a question that mentions a ticket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-sm-'));
    const write = (name: string, header: string, rows: string[]): string => {
      const file = join(dir, name);
      writeFileSync(file, [header, ',,,,Response,Response', ...rows].join('\n') + '\n');
      return file;
    };
    const rows = ['1,4001,01/13/2026 09:00:00 AM,01/13/2026 09:05:00 AM,Yes,10', '2,4001,01/13/2026 09:00:00 AM,01/13/2026 09:06:00 AM,Yes,9', '3,4001,01/13/2026 09:00:00 AM,01/13/2026 09:07:00 AM,No,2'];
    const question = write('question.csv', 'Respondent ID,Collector ID,Start Date,End Date,Did we resolve your ticket?,How likely is it that you would recommend Acme to a friend or colleague?', rows);
    const report = reportJson([question]);
    // Three answers, no ticket links: promoters 10, 9; detractor 2 → (2 − 1) / 3.
    expect(kpisOf(report).nps).toBeCloseTo(100 / 3, 9);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsUsed: 3, rowsDuplicate: 0 });
    for (const [name, header] of [['id.csv', 'ticket_id'], ['number.csv', 'Ticket Number'], ['no.csv', 'TicketNo'], ['hash.csv', 'Ticket #']]) {
      const linked = write(name, `Respondent ID,Collector ID,Start Date,End Date,${header},How likely is it that you would recommend Acme to a friend or colleague?`, rows.map((r, i) => r.replace(/,(Yes|No),/, `,T${i},`)));
      const { surveys } = await readRecords([linked]);
      expect(surveys.map((s) => s.ticketId), header).toEqual(['T0', 'T1', 'T2']);
    }
  });
});

describe('qualtrics preset (3 header rows, _NPS_GROUP cross-check)', () => {
  // fixtures/presets/qualtrics/responses.csv: 8 responses; Q1 (NPS) 10 9 8 4 6 6 7 (blank);
  // Q1_NPS_GROUP of the 6th says promoter (3) for a 6; Q2 (CSAT 1–5) 5 4 3 2 1 4 5 4.
  const file = fixture('presets/qualtrics/responses.csv');
  const report = reportJson([file]);

  it('computes NPS from the score and flags the group that disagrees', () => {
    const k = kpisOf(report);
    expect(k.nps).toBeCloseTo(((2 - 3) / 7) * 100, 9); // promoters 10 9; detractors 4 6 6
    expect(k.csat_pct).toBe(62.5); // 5 4 4 5 4 of 8
    expect(k.csat_mean).toBe(3.5);
    expect(report.dataQuality.issues).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', line: 9, column: 'Q1_NPS_GROUP', value: '3' })]);
  });

  it('reads RecordedDate in the zone its ImportId names and the ticket from ExternalReference', async () => {
    const { surveys } = await readRecords([file]);
    // America/Denver is UTC−7 in November
    expect(surveys[0]).toMatchObject({ ticketId: 'T-1', respondedAt: Date.parse('2026-11-16T15:00:00Z'), kind: 'customer' });
  });
});

describe('typeform preset (employee eNPS)', () => {
  // fixtures/presets/typeform/enps.csv: "recommend Acme as a place to work" → eNPS.
  // Scores 10 9 9 8 7 5 3 10 and one partial response without an answer.
  const report = reportJson([fixture('presets/typeform/enps.csv'), '--by', 'team']);

  it('feeds enps, not nps', () => {
    const k = kpisOf(report);
    expect(k.enps).toBe(((4 - 2) / 8) * 100); // promoters 10 9 9 10; detractors 5 3
    expect(k.nps).toBeNull();
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'typeform', rowsRead: 9, rowsUsed: 8, rowsSkipped: 1 });
  });

  it('groups by the team hidden field', () => {
    expect(kpisOf(report, { team: 'Support' }).enps).toBeCloseTo(((2 - 1) / 3) * 100, 9); // 10 9 5
    expect(kpisOf(report, { team: 'Sales' }).enps).toBe(((2 - 1) / 5) * 100); // 9 8 7 3 10
  });

  it('skips a response that answered the other questions but not the place-to-work one: it counts in no KPI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-typeform-'));
    const file = join(dir, 'responses.csv');
    writeFileSync(file, [
      '#,How likely are you to recommend Acme as a place to work?,How satisfied are you with your team?,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID',
      'a,10,5,completed,2026-10-01 09:00:00,2026-10-01 09:03:00,2026-10-01 09:03:00,n1',
      'b,,4,completed,2026-10-02 09:00:00,2026-10-02 09:03:00,2026-10-02 09:03:00,n2',
      'c,3,,completed,2026-10-03 09:00:00,2026-10-03 09:03:00,2026-10-03 09:03:00,n3',
    ].join('\n') + '\n');
    const r = reportJson([file]);
    // eNPS over 10 and 3: one promoter, one detractor → 0; the CSAT question of an employee survey counts nowhere.
    expect(kpisOf(r).enps).toBe(0);
    expect(r.rows[0].kpis.enps.n).toBe(2);
    expect(r.rows[0].kpis.csat_pct.n).toBe(0);
    expect(r.dataQuality.issues.map((i) => [i.code, i.line])).toEqual([['MISSING_VALUE', 3]]);
    expect(r.dataQuality.inputs[0]).toMatchObject({ rowsRead: 3, rowsUsed: 2, rowsSkipped: 1 });
  });

  it('dates a partial response by its Stage Date (it has no Submit Date)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-typeform-'));
    const file = join(dir, 'responses.csv');
    writeFileSync(file, [
      '#,How likely are you to recommend us to a friend?,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID',
      'a,10,completed,2026-10-01 09:00:00,2026-10-01 09:03:00,2026-10-01 09:03:00,n1',
      'b,3,partial,2026-10-31 23:50:00,2026-11-01 00:10:00,,n2',
    ].join('\n') + '\n');
    const r = reportJson([file, '--period', 'month']);
    expect(r.dataQuality.issues).toEqual([]);
    // The partial answer (a detractor) falls in November, by its stage date.
    expect(r.rows.map((row) => [row.period, row.kpis.nps.value, row.kpis.nps.n])).toEqual([['2026-10', 100, 1], ['2026-11', -100, 1]]);
  });
});

describe('delighted preset (score + survey_type, Unix seconds)', () => {
  // fixtures/presets/delighted/responses.csv: nps 10 6 8 9; csat 5 3; ces 6 3; enps 9 10 4.
  const file = fixture('presets/delighted/responses.csv');
  const report = reportJson([file, '--by', 'agent']);

  it('splits the scores by survey type', () => {
    const k = kpisOf(report);
    expect(k.nps).toBe(25); // (2 promoters − 1 detractor) / 4
    expect(k.csat_pct).toBe(50); // 5 of (5, 3)
    expect(k.ces_mean).toBe(4.5);
    expect(k.ces_agree_pct).toBe(50); // 6 ≥ 5 of 7
    expect(k.enps).toBeCloseTo(((2 - 1) / 3) * 100, 9);
    expect(kpisOf(report, { agent: 'Ana' }).nps).toBe(0); // 10, 6
  });

  it('judges CSAT on the scale the config sets (a 3-point survey: 3 is satisfied, 2 and 1 are not)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-delighted-'));
    const csv = join(dir, 'delighted.csv');
    writeFileSync(csv, ['id,person,survey_type,score,created_at', ...[3, 2, 1, 3].map((s, i) => `${i + 1},p,csat,${s},1741000000`)].join('\n') + '\n');
    const config = join(dir, 'teamkpi.config.json');
    writeFileSync(config, JSON.stringify({ csat: { scale: 3 } }));
    const three = reportJson([csv, '--config', config]);
    expect(three.dataQuality.inputs[0]).toMatchObject({ source: 'delighted', rowsUsed: 4 });
    expect(three.rows[0].kpis.csat_pct).toMatchObject({ value: 50, n: 4 }); // 3, 3 of 3, 2, 1, 3
    // Without the config the preset's 1–5 holds: none of 3, 2, 1 is satisfied.
    expect(reportJson([csv]).rows[0].kpis.csat_pct).toMatchObject({ value: 0, n: 4 });
  });

  it('reads created_at as Unix seconds', async () => {
    const { surveys } = await readRecords([file]);
    expect(surveys[0]).toMatchObject({ respondedAt: Date.parse('2025-11-16T08:00:00Z'), ticketId: 'T1', agent: 'Ana' });
    expect(surveys[8].kind).toBe('employee');
  });
});

describe('CSAT label scales as survey tools export them', () => {
  // SurveyMonkey's 5 labels (Very / Somewhat satisfied are the top 2), its Extremely … Not at all
  // set (Extremely / Very), 7 labels (Completely / Mostly), and numbered labels (`5 - Very satisfied`).
  const dir = mkdtempSync(join(tmpdir(), 'teamkpi-labels-'));
  const file = join(dir, 'responses.csv');
  const answers = [
    'Very satisfied', 'Somewhat satisfied', 'Neither satisfied nor dissatisfied', 'Somewhat dissatisfied', 'Very dissatisfied',
    'Extremely satisfied', 'Moderately satisfied', 'Slightly satisfied', 'Not at all satisfied',
    'Completely satisfied', 'Mostly satisfied', 'Mostly dissatisfied', 'Completely dissatisfied',
    '5 - Very satisfied', '2 - Somewhat dissatisfied',
  ];
  writeFileSync(file, [
    'Respondent ID,Collector ID,Start Date,End Date,How satisfied were you with our support?',
    ',,,,Response',
    ...answers.map((a, i) => `${i + 1},2,11/13/2025 09:00:00 AM,11/13/2025 09:01:00 AM,${a}`),
  ].join('\n') + '\n');

  it('reads every label, satisfied by the top of its scale', () => {
    const report = reportJson([file]);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'surveymonkey', rowsRead: 15, rowsUsed: 15, rowsSkipped: 0 });
    expect(report.dataQuality.issues).toEqual([]);
    // The 7 labels show (Completely, Mostly …), so "Somewhat satisfied" is 5 of 7, not satisfied.
    // Satisfied: Very, Extremely, Completely, Mostly satisfied and "5 - Very satisfied": 5 of 15.
    expect(report.rows[0].kpis.csat_pct.n).toBe(15);
    expect(report.rows[0].kpis.csat_pct.value).toBeCloseTo((5 / 15) * 100, 9);
  });

  it('reads "Somewhat satisfied" as 4 of 5 where only the 5 labels are answered', () => {
    const five = join(dir, 'five.csv');
    writeFileSync(five, [
      'Respondent ID,Collector ID,Start Date,End Date,How satisfied were you with our support?',
      ',,,,Response',
      ...answers.slice(0, 5).map((a, i) => `${i + 1},2,11/13/2025 09:00:00 AM,11/13/2025 09:01:00 AM,${a}`),
    ].join('\n') + '\n');
    const report = reportJson([five]);
    // Very and Somewhat satisfied of the five: 2 of 5.
    expect(report.rows[0].kpis.csat_pct).toMatchObject({ value: 40, n: 5 });
    expect(report.definitions.csat_pct.method).not.toContain('5 of 7');
  });
});
