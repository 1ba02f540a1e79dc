import { describe, expect, it } from 'vitest';
import { at, build, csat, overall, survey, ticket } from '../../helpers/build.js';
import { ReportBuilder } from '../../../src/kpi/compute-report.js';
import { KPIS } from '../../../src/kpi/catalog.js';
import { IssueLog } from '../../../src/model/issue-log.js';
import { getZone } from '../../../src/time/zone.js';

describe('survey KPIs', () => {
  it('counts CSAT top-2 of 5: a 3 is not satisfied', () => {
    // 5, 4, 3, 2, 1 → satisfied 2 of 5 = 40%; mean 15/5 = 3.
    const { report } = build([], [5, 4, 3, 2, 1].map((s) => survey({ agent: 'A', csat: csat(s) })));
    const k = overall(report);
    expect(k.csat_pct).toMatchObject({ value: 40, n: 5 });
    expect(k.csat_mean).toMatchObject({ value: 3, n: 5 });
    expect(report.definitions.csat_pct.method).toContain('top-2 of 5');
  });

  it('detects 7- and 10-point scales from the values', () => {
    // 1–7: 7, 6, 5, 1 → 6–7 satisfied → 2/4.
    const seven = build([], [7, 6, 5, 1].map((s) => survey({ agent: 'A', csat: csat(s) }))).report;
    expect(overall(seven).csat_pct.value).toBe(50);
    // 0–10: 10, 8, 7, 0 → 8–10 satisfied → 2/4.
    const ten = build([], [10, 8, 7, 0].map((s) => survey({ agent: 'A', csat: csat(s) }))).report;
    expect(overall(ten).csat_pct.value).toBe(50);
  });

  it('decides the CSAT scale from customer answers only, each response counted once (answers are shared objects)', () => {
    // Readers share one object per distinct answer. 60 fives and 38 fours, then a 6 and an 8:
    // 100 numeric customer answers, 2 above 5 (more than 1%: not 1–5), 1 above 7 (not more than
    // 1%: 1–7), and 2 is under 5% of 100, so SCALE_AMBIGUOUS at the 6 (the first above 5).
    // Employee 9s and Good/Bad ratings are no customer numeric answers: counted, they would give
    // 1–10 (3 of 102 above 7) or "2 of 105".
    const five = { raw: '5', score: 5, scale: null }, four = { raw: '4', score: 4, scale: null };
    const nine = { raw: '9', score: 9, scale: null }, good = { raw: 'Good', score: 1, scale: 'good-bad' as const };
    const at = (line: number, fields: Parameters<typeof survey>[0]) => survey({ agent: 'A', ...fields, source: { file: 'surveys.csv', line } });
    const responses = [
      at(2, { csat: nine, kind: 'employee' }), at(3, { csat: nine, kind: 'employee' }),
      ...Array.from({ length: 60 }, (_, i) => at(10 + i, { csat: five })),
      ...Array.from({ length: 5 }, (_, i) => at(80 + i, { csat: good })),
      at(90, { csat: { raw: '6', score: 6, scale: null } }),
      ...Array.from({ length: 38 }, (_, i) => at(100 + i, { csat: four })),
      at(200, { csat: { raw: '8', score: 8, scale: null } }),
    ];
    const { report, log } = build([], responses);
    // On 1–7 the 8 and the employees' 9s are out of range.
    expect(log.issues.map((i) => [i.code, i.line, i.value])).toEqual([
      ['SCALE_AMBIGUOUS', 90, '6'], ['OUT_OF_RANGE', 2, '9'], ['OUT_OF_RANGE', 3, '9'], ['OUT_OF_RANGE', 200, '8'],
    ]);
    expect(log.issues[0].message).toContain('because 2 of 100 answers are outside 1–5');
    // Numeric and Good/Bad answers together: a mixed scale.
    expect(report.definitions.csat_pct.method).toContain('Good, or top box of each numeric scale');

    // One shared 8 given 3 times among 200: 1.5% above 7, so 0–10 (and flagged: under 5%).
    const eight = { raw: '8', score: 8, scale: null };
    const ten = build([], [
      ...Array.from({ length: 150 }, (_, i) => at(2 + i, { csat: five })),
      ...Array.from({ length: 3 }, (_, i) => at(300 + i, { csat: eight })),
      ...Array.from({ length: 47 }, (_, i) => at(400 + i, { csat: five })),
    ]);
    expect(ten.log.issues.map((i) => [i.code, i.line, i.value])).toEqual([['SCALE_AMBIGUOUS', 300, '8']]);
    // Every other answer is a 5: the fix the message names is the 1–5 scale, not 1–7.
    expect(ten.log.issues[0].message).toContain('read as 0–10 because 3 of 200 answers are outside 1–5');
    expect(ten.log.issues[0].message).toContain('"csat": {"scale": 5}');
    // 8–10 of 10 satisfied: the three 8s.
    expect(overall(ten.report).csat_pct).toMatchObject({ value: 1.5, n: 200 });
  });

  it('reads a column with many 0 answers as 0–10 (only 0–10 holds a 0); one 0 among 200 on 1–5 is out of range', () => {
    // 0, 0, 5, 5: half the answers are outside 1–5 and 1–7, so 0–10, where 5 is not satisfied.
    const zeros = build([], [0, 0, 5, 5].map((s) => survey({ agent: 'A', csat: csat(s) })));
    expect(overall(zeros.report).csat_pct).toMatchObject({ value: 0, n: 4 });
    expect(zeros.report.definitions.csat_pct.method).toContain('of 10');
    expect(zeros.log.issues).toEqual([]);
    // 199 answers of 4 and one 0: 0.5% outside 1–5, so 1–5 and the 0 is OUT_OF_RANGE.
    const stray = build([], [...Array.from({ length: 199 }, () => 4), 0].map((s) => survey({ agent: 'A', csat: csat(s) })));
    expect(overall(stray.report).csat_pct).toMatchObject({ value: 100, n: 199 });
    expect(stray.log.issues.map((i) => i.code)).toEqual(['OUT_OF_RANGE']);
  });

  it('reads every file on the report\'s scale, and names a file whose own answers fit a smaller one', () => {
    const from = (file: string, scores: number[]) => scores.map((score, i) => survey({ agent: 'A', csat: csat(score), ces: { score: Math.min(score, 7), scale: null }, source: { file, line: 2 + i } }));
    const five = [5, 4, 4, 2, 5, 3, 4, 5, 1, 4]; // a 1–5 survey: 10 answers
    const seven = [7, 6, 3, 1, 7, 6, 2, 7, 6, 5]; // a 1–7 survey
    const { report, log } = build([], [...from('a.csv', five), ...from('b.csv', seven)]);
    // One scale for the report (1–7): a.csv's 5s are not satisfied there, and the report says so.
    expect(report.definitions.csat_pct.method).toContain('of 7');
    expect(log.issues.map((i) => [i.code, i.file, i.line, i.column])).toEqual([['SCALE_AMBIGUOUS', 'a.csv', 2, 'csat'], ['SCALE_AMBIGUOUS', 'a.csv', 2, 'ces']]);
    expect(log.issues[0].message).toContain('all 10 CSAT answers of this file fit 1–5');
    // Two files of one survey (a week each), or a file with too few answers to tell: nothing to say.
    expect(build([], [...from('w1.csv', five), ...from('w2.csv', [...five].reverse())]).log.issues).toEqual([]);
    expect(build([], [...from('a.csv', five.slice(0, 9)), ...from('b.csv', seven)]).log.issues).toEqual([]);
  });

  it('takes a 3-point scale from the config', () => {
    // 3, 2, 1 on a 3-point scale: only 3 is satisfied → 1/3.
    const { report } = build([], [3, 2, 1].map((s) => survey({ agent: 'A', csat: csat(s) })), { csatScale: 3 });
    expect(overall(report).csat_pct.value).toBeCloseTo(100 / 3, 12);
    expect(report.definitions.csat_pct.method).toContain('3 of 3');
    // and a 2-point one: 2 is satisfied, 1 is not → 2 of 3
    const two = build([], [1, 2, 2].map((s) => survey({ agent: 'A', csat: csat(s) })), { csatScale: 2 }).report;
    expect(overall(two).csat_pct.value).toBeCloseTo(200 / 3, 12);
    expect(two.definitions.csat_pct.method).toContain('2 of 2');
    expect(two.definitions.csat_pct.method).not.toContain('no ratings');
  });

  it('reads Good/Bad ratings, with no mean', () => {
    const good = { raw: 'Good', score: 1, scale: 'good-bad' as const };
    const bad = { raw: 'Bad', score: 0, scale: 'good-bad' as const };
    const { report } = build([], [good, good, bad].map((c) => survey({ agent: 'A', csat: c })));
    const k = overall(report);
    expect(k.csat_pct.value).toBeCloseTo(200 / 3, 12);
    expect(k.csat_mean).toMatchObject({ value: null, n: 0 });
  });

  it('leaves offered-but-unanswered out of CSAT and puts it in the response rate', () => {
    // 2 rated (5, 2) + 3 offered without an answer: CSAT 1/2 = 50%, response rate 2/5 = 40%.
    const { report } = build([], [
      survey({ agent: 'A', csat: csat(5), csatOffered: true }),
      survey({ agent: 'A', csat: csat(2), csatOffered: true }),
      survey({ agent: 'A', csatOffered: true }),
      survey({ agent: 'A', csatOffered: true }),
      survey({ agent: 'A', csatOffered: true }),
    ]);
    const k = overall(report);
    expect(k.csat_pct).toMatchObject({ value: 50, n: 2 });
    expect(k.csat_response_rate_pct).toMatchObject({ value: 40, n: 5 });
  });

  it('counts an offered-but-unanswered survey alone on its ticket, and the latest of several on one ticket or id', () => {
    // Tickets 1–4 have one response each: 5, 2, offered, offered. Ticket 5: offered, then a 4 later
    // (the 4 wins). Id 99 (no such ticket): offered twice (the later one wins).
    // Rated 5, 2, 4 → CSAT 2/3; offered unanswered: tickets 3, 4 and id 99 → response rate 3/6 = 50%.
    const tickets = ['1', '2', '3', '4', '5'].map((id) => ticket({ id }));
    const { report } = build(tickets, [
      survey({ ticketId: '1', respondedAt: at(10), csat: csat(5), csatOffered: true }),
      survey({ ticketId: '5', respondedAt: at(10), csatOffered: true }),
      survey({ ticketId: '2', respondedAt: at(10), csat: csat(2), csatOffered: true }),
      survey({ ticketId: '99', respondedAt: at(10), csatOffered: true }),
      survey({ ticketId: '3', respondedAt: at(10), csatOffered: true }),
      survey({ ticketId: '5', respondedAt: at(20), csat: csat(4), csatOffered: true }),
      survey({ ticketId: '4', respondedAt: at(10), csatOffered: true }),
      survey({ ticketId: '99', respondedAt: at(30), csatOffered: true }),
    ]);
    const k = overall(report);
    expect(k.csat_pct.value).toBeCloseTo(200 / 3, 12);
    expect(k.csat_pct.n).toBe(3);
    expect(k.csat_response_rate_pct).toMatchObject({ value: 50, n: 6 });
    // The two replaced responses (ticket 5's offer, id 99's first offer) are duplicates.
    expect(report.dataQuality.surveys).toMatchObject({ matched: 5, orphaned: 1, duplicates: 2 });
  });

  it('weighs the responses of each ticket and each orphan id apart, however they interleave in the file', () => {
    // File order interleaves three tickets and two orphan ids. By hand:
    //  T1: 5 @100, then 2 @100 (a tie: the later row wins), then offered @300 (a rating beats an
    //      offer) → CSAT 2; NPS 9 @100 then 3 @300 → 3.
    //  T2: 4 @200, then 1 @150 (earlier) → CSAT 4; CES 6 @150 only → 6.
    //  T3: one response, 5 → 5.
    //  Id 42 (no such ticket): 5 @50, then 1 @60 → 1. Id "0042" is another id: 4 @10 → 4.
    //  An employee's NPS 10 on T1 keeps its own (eNPS).
    // CSAT 2, 4, 5, 1, 4: satisfied 3 of 5 = 60%, mean 16 / 5 = 3.2. NPS one 3: −100. CES one 6 (a
    // 7-point scale: 6 > 5). A response counts unless all of its answers were replaced: T1's first
    // (its 5 and its 9) and id 42's first are duplicates; T1's offer still gives its NPS, T2's 1
    // its CES. Used: T1 3 (with the employee's), T2 2, T3 1 matched; ids 42 and "0042" 2 orphaned.
    const tickets = ['T1', 'T2', 'T3'].map((id) => ticket({ id }));
    const { report } = build(tickets, [
      survey({ ticketId: 'T1', respondedAt: at(100), csat: csat(5), nps: 9 }),
      survey({ ticketId: '42', respondedAt: at(50), csat: csat(5) }),
      survey({ ticketId: 'T2', respondedAt: at(200), csat: csat(4) }),
      survey({ ticketId: 'T1', respondedAt: at(100), csat: csat(2) }),
      survey({ ticketId: '0042', respondedAt: at(10), csat: csat(4) }),
      survey({ ticketId: 'T2', respondedAt: at(150), csat: csat(1), ces: { score: 6, scale: null } }),
      survey({ ticketId: 'T3', respondedAt: at(120), csat: csat(5) }),
      survey({ ticketId: 'T1', respondedAt: at(300), csatOffered: true, nps: 3 }),
      survey({ ticketId: 'T1', respondedAt: at(310), nps: 10, kind: 'employee' }),
      survey({ ticketId: '42', respondedAt: at(60), csat: csat(1) }),
    ]);
    const k = overall(report);
    expect(k.csat_pct).toMatchObject({ value: 60, n: 5 });
    expect(k.csat_mean.value).toBeCloseTo(3.2, 12);
    expect(k.nps).toMatchObject({ value: -100, n: 1 });
    expect(k.ces_mean).toMatchObject({ value: 6, n: 1 });
    expect(k.enps).toMatchObject({ value: 100, n: 1 });
    expect(report.dataQuality.surveys).toMatchObject({ matched: 6, orphaned: 2, duplicates: 2 });
  });

  it('gives null CSAT and a 0% response rate when every survey is unanswered', () => {
    const { report } = build([], [1, 2, 3].map(() => survey({ agent: 'A', csatOffered: true })));
    const k = overall(report);
    expect(k.csat_pct).toMatchObject({ value: null, n: 0 });
    expect(k.csat_response_rate_pct).toMatchObject({ value: 0, n: 3 });
  });

  it('has no response rate when the data does not say what was offered', () => {
    const { report } = build([], [survey({ agent: 'A', csat: csat(5) })]);
    expect(overall(report).csat_response_rate_pct).toMatchObject({ value: null, n: 0 });
  });

  it('computes NPS as % promoters − % detractors', () => {
    // 10, 9 promoters; 8, 7 passives; 6, 0 detractors → (2 − 2)/6 = 0. Then add two 10s → (4 − 2)/8 = 25.
    const scores = [10, 9, 8, 7, 6, 0];
    expect(overall(build([], scores.map((nps) => survey({ agent: 'A', nps }))).report).nps).toMatchObject({ value: 0, n: 6 });
    expect(overall(build([], [...scores, 10, 10].map((nps) => survey({ agent: 'A', nps }))).report).nps).toMatchObject({ value: 25, n: 8 });
  });

  it('keeps employee answers apart in eNPS', () => {
    // customer 10, 0 → NPS 0; employee 9, 9, 5 → eNPS (2 − 1)/3 = 33.33.
    const { report } = build([], [
      survey({ agent: 'A', nps: 10 }), survey({ agent: 'A', nps: 0 }),
      survey({ team: 'T', nps: 9, kind: 'employee' }), survey({ team: 'T', nps: 9, kind: 'employee' }), survey({ team: 'T', nps: 5, kind: 'employee' }),
    ]);
    const k = overall(report);
    expect(k.nps).toMatchObject({ value: 0, n: 2 });
    expect(k.enps.value).toBeCloseTo(100 / 3, 12);
    expect(k.enps.n).toBe(3);
  });

  it('computes CES mean and agree % on 1–7 (≥ 5 agrees)', () => {
    // 7, 5, 4, 1 → agree 2/4 = 50%; mean 17/4 = 4.25.
    const { report } = build([], [7, 5, 4, 1].map((score) => survey({ agent: 'A', ces: { score, scale: null } })));
    const k = overall(report);
    expect(k.ces_agree_pct).toMatchObject({ value: 50, n: 4 });
    expect(k.ces_mean.value).toBe(4.25);
  });

  it('reads a 1–5 CES (every answer ≤ 5) with ≥ 4 as agree', () => {
    // 5, 4, 3, 2 → agree 2/4.
    const { report } = build([], [5, 4, 3, 2].map((score) => survey({ agent: 'A', ces: { score, scale: null } })));
    expect(overall(report).ces_agree_pct.value).toBe(50);
    expect(report.definitions.ces_agree_pct.method).toContain('4 of 5');
  });

  it('inverts a legacy 1–5 effort scale set in the config (1 = least effort), so higher is easier', () => {
    // Effort answers 1, 2, 5 → 5, 4, 1 on the agree sense: mean 10/3, agree (≥ 4) 2 of 3.
    const { report } = build([], [1, 2, 5].map((score) => survey({ agent: 'A', ces: { score, scale: null } })), { cesScale: 5, cesEffort: true });
    expect(overall(report).ces_mean.value).toBeCloseTo(10 / 3, 12);
    expect(overall(report).ces_agree_pct.value).toBeCloseTo(200 / 3, 12);
    expect(report.definitions.ces_mean.method).toContain('effort scale inverted (6 − answer)');
    // On 7 points: 1, 3, 4 → 7, 5, 4: agree (≥ 5) 2 of 3.
    const seven = build([], [1, 3, 4].map((score) => survey({ agent: 'A', ces: { score, scale: null } })), { cesScale: 7, cesEffort: true }).report;
    expect(overall(seven).ces_mean.value).toBeCloseTo(16 / 3, 12);
    expect(overall(seven).ces_agree_pct.value).toBeCloseTo(200 / 3, 12);
  });

  it('attributes a response to the survey agent first, else the ticket agent, and counts orphans', () => {
    const tickets = [ticket({ id: '1', agent: 'Ana', team: 'Billing' }), ticket({ id: '2', agent: 'Bo', team: 'Billing' })];
    const surveys = [
      survey({ ticketId: '1', csat: csat(5) }), // → Ana (ticket)
      survey({ ticketId: '2', agent: 'Ana', csat: csat(1) }), // → Ana (survey names her), team from ticket
      survey({ ticketId: '99', agent: 'Cy', csat: csat(4) }), // orphan → Cy
      survey({ ticketId: '98', csat: csat(4) }), // orphan without agent → (none)
    ];
    const { report } = build(tickets, surveys, { groupBy: ['agent'] });
    const byAgent = Object.fromEntries(report.rows.filter((r) => r.group.agent).map((r) => [r.group.agent, r.kpis.csat_pct]));
    expect(byAgent.Ana).toMatchObject({ value: 50, n: 2 });
    expect(byAgent.Bo).toMatchObject({ value: null, n: 0 });
    expect(byAgent.Cy).toMatchObject({ value: 100, n: 1 });
    expect(byAgent['(none)']).toMatchObject({ value: 100, n: 1 });
    expect(report.rows.filter((r) => r.group.agent).map((r) => r.group.agent)).toEqual(['Ana', 'Bo', 'Cy', '(none)']);
    expect(report.dataQuality.surveys).toEqual({ matched: 2, orphaned: 2, duplicates: 0 });
  });

  it('keeps the latest answer per ticket and KPI, and a rating beats a later unanswered offer', () => {
    const t = Date.UTC(2026, 10, 17);
    const surveys = [
      survey({ ticketId: '1', respondedAt: t, csat: csat(1), nps: 0 }),
      survey({ ticketId: '1', respondedAt: t + 1000, csat: csat(5) }), // newer CSAT; NPS stays 0 from the first
      survey({ ticketId: '1', respondedAt: t + 2000, csatOffered: true }), // re-offered, unanswered: ignored
      survey({ ticketId: '2', respondedAt: t, csat: csat(2) }),
      survey({ ticketId: '2', respondedAt: t - 1000, csat: csat(5) }), // older: replaced entirely
    ];
    const { report } = build([ticket({ id: '1' }), ticket({ id: '2' })], surveys);
    const k = overall(report);
    expect(k.csat_pct).toMatchObject({ value: 50, n: 2 }); // 5 and 2
    expect(k.nps).toMatchObject({ value: -100, n: 1 });
    expect(report.dataQuality.surveys.duplicates).toBe(2);
  });

  it("takes a ticket file's own rating only from the row kept for that ticket", () => {
    // Ticket 7 on three rows (an event log): line 10 rated 1 (updated 10:00), line 11 rated 2
    // (updated 09:00, an older state written later), line 12 unrated (updated 11:00, the kept row).
    // Ticket 8 once, rated 4, and also answered 5 in the survey file with a date, which wins.
    // Kept rows: 7@12 (no rating) and 8@13 → CSAT from the survey file only: 5 → 100%, n 1.
    const rated = (id: string, line: number, updatedAt: number, score: number | null) => ({
      ticket: ticket({ id, updatedAt, source: { file: 'tickets.csv', line } }),
      survey: score === null ? null : survey({ ticketId: id, csat: csat(score), source: { file: 'tickets.csv', line }, withTicket: true }),
    });
    const rows = [rated('7', 10, at(60), 1), rated('7', 11, at(0), 2), rated('7', 12, at(120), null), rated('8', 13, at(0), 4)];
    const log = new IssueLog();
    log.addInput({ file: 'tickets.csv', kind: 'tickets', source: 'generic', rowsRead: 4, rowsUsed: 4, rowsSkipped: 0, rowsDuplicate: 0 });
    log.addInput({ file: 'surveys.csv', kind: 'surveys', source: 'generic', rowsRead: 1, rowsUsed: 1, rowsSkipped: 0, rowsDuplicate: 0 });
    const builder = new ReportBuilder({
      zone: getZone('UTC'), groupBy: [], period: 'all', window: { from: null, to: null }, dateBasis: 'created', where: [],
      kpis: [...KPIS], minSample: 20, generatedAt: '2026-11-23T07:00:00Z', version: 'test',
    }, log);
    for (const row of rows) {
      builder.addTicket(row.ticket);
      if (row.survey !== null) builder.addSurvey(row.survey);
    }
    builder.addSurvey(survey({ ticketId: '8', respondedAt: at(30), csat: csat(5) }));
    const report = builder.finish();
    expect(overall(report).csat_pct).toMatchObject({ value: 100, n: 1 });
    expect(overall(report).csat_mean).toMatchObject({ value: 5, n: 1 });
    // Ratings from lines 10, 11 (superseded rows) and 13 (replaced by the survey) are duplicates…
    expect(report.dataQuality.surveys).toEqual({ matched: 1, orphaned: 0, duplicates: 3 });
    // …but a ticket row is accounted once, as a ticket: 2 kept rows, 2 superseded rows.
    expect(log.inputs[0]).toMatchObject({ rowsRead: 4, rowsUsed: 2, rowsDuplicate: 2 });
    expect(log.inputs[1]).toMatchObject({ rowsRead: 1, rowsUsed: 1, rowsDuplicate: 0 });
  });

  it("gives a response naming another agent that agent's roster team, not the ticket's", () => {
    const { report } = build(
      [ticket({ id: '1', agent: 'Ana', team: 'Billing' })],
      [survey({ ticketId: '1', agent: 'Bo', csat: csat(5) }), survey({ ticketId: '1', nps: 10 })],
      { groupBy: ['team'], roster: { teams: { Tech: ['Bo'] } } },
    );
    const byTeam = Object.fromEntries(report.rows.filter((r) => r.group.team).map((r) => [r.group.team, r.kpis]));
    // The CSAT answer names Bo (roster: Tech); the NPS answer names nobody, so it follows the ticket (Billing).
    expect(byTeam.Tech.csat_pct).toMatchObject({ value: 100, n: 1 });
    expect(byTeam.Billing.csat_pct).toMatchObject({ value: null, n: 0 });
    expect(byTeam.Billing.nps).toMatchObject({ value: 100, n: 1 });
  });

  it('drops an answer outside its scale before picking the latest: it never replaces a valid earlier one', () => {
    // T1 rated 4, then 9 (outside the 1–5 set in the config): the 4 stands → 1 of 1 satisfied, mean 4.
    // T2 offered and unanswered, then 9: the offer stands (a dropped answer says nothing of one);
    // T3 rated 5: rated 2 (T1, T3) of 3 offered → response rate 2/3.
    // T4 CES 4, then 7 (outside 1–5): CES 4 stands, agreeing (≥ 4 of 5).
    // T5 rated 9 on a row that also says "offered": an answer was given, so no unanswered offer.
    const tickets = ['T1', 'T2', 'T3', 'T4', 'T5'].map((id) => ticket({ id, agent: 'A' }));
    const responses = [
      survey({ ticketId: 'T1', respondedAt: at(10), csat: csat(4), source: { file: 'surveys.csv', line: 2 } }),
      survey({ ticketId: 'T1', respondedAt: at(20), csat: csat(9), source: { file: 'surveys.csv', line: 3 } }),
      survey({ ticketId: 'T2', respondedAt: at(10), csatOffered: true, source: { file: 'surveys.csv', line: 4 } }),
      survey({ ticketId: 'T2', respondedAt: at(20), csat: csat(9), source: { file: 'surveys.csv', line: 5 } }),
      survey({ ticketId: 'T3', respondedAt: at(10), csat: csat(5), source: { file: 'surveys.csv', line: 6 } }),
      survey({ ticketId: 'T4', respondedAt: at(10), ces: { score: 4, scale: null }, source: { file: 'surveys.csv', line: 7 } }),
      survey({ ticketId: 'T4', respondedAt: at(20), ces: { score: 7, scale: null }, source: { file: 'surveys.csv', line: 8 } }),
      survey({ ticketId: 'T5', respondedAt: at(10), csat: csat(9), csatOffered: true, source: { file: 'surveys.csv', line: 9 } }),
    ];
    const { report, log } = build(tickets, responses, { csatScale: 5, cesScale: 5 });
    const k = overall(report);
    expect(k.csat_pct).toMatchObject({ value: 100, n: 2 });
    expect(k.csat_mean).toMatchObject({ value: 4.5, n: 2 });
    expect(k.csat_response_rate_pct.n).toBe(3);
    expect(k.csat_response_rate_pct.value).toBeCloseTo(200 / 3, 12);
    expect(k.ces_mean).toMatchObject({ value: 4, n: 1 });
    expect(k.ces_agree_pct).toMatchObject({ value: 100, n: 1 });
    // Each dropped answer reported once, in file order.
    expect(log.issues.map((i) => [i.code, i.line, i.value])).toEqual([['OUT_OF_RANGE', 3, '9'], ['OUT_OF_RANGE', 5, '9'], ['OUT_OF_RANGE', 8, '7'], ['OUT_OF_RANGE', 9, '9']]);
    // Each had no other answer: the message says the response is skipped, as its row is.
    expect(log.issues.filter((i) => i.message.endsWith('the answer is dropped, and the response, with no other answer, is skipped')).length).toBe(4);
    // The four rows left with no answer are skipped, not used and not duplicates; 4 responses matched.
    expect(report.dataQuality.inputs.find((i) => i.file === 'surveys.csv')).toMatchObject({ rowsRead: 8, rowsUsed: 4, rowsSkipped: 4, rowsDuplicate: 0 });
    expect(report.dataQuality.surveys).toMatchObject({ matched: 4, orphaned: 0, duplicates: 0 });
  });

  it('keeps the other answers of a response whose CSAT is outside its scale, and a detected scale drops the stray answer too', () => {
    // 150 answers of 1–5 (30 of each), then T1 rated 4 and later 9 with NPS 10: on the detected
    // 1–5 scale the 9 is dropped, so T1's CSAT is the 4 (satisfied) and its NPS the 10.
    // Satisfied: 4s and 5s of the 150 (60) plus T1's 4 → 61 of 151.
    const others = Array.from({ length: 150 }, (_, i) => survey({ agent: 'B', csat: csat(1 + (i % 5)), source: { file: 'surveys.csv', line: 10 + i } }));
    const responses = [
      ...others,
      survey({ ticketId: 'T1', respondedAt: at(10), csat: csat(4), source: { file: 'surveys.csv', line: 200 } }),
      survey({ ticketId: 'T1', respondedAt: at(20), csat: csat(9), nps: 10, source: { file: 'surveys.csv', line: 201 } }),
    ];
    const { report, log } = build([ticket({ id: 'T1', agent: 'A' })], responses, { groupBy: ['agent'] });
    const k = overall(report);
    expect(k.csat_pct.n).toBe(151);
    expect(k.csat_pct.value).toBeCloseTo((61 / 151) * 100, 12);
    expect(k.nps).toMatchObject({ value: 100, n: 1 });
    const a = report.rows.find((r) => r.group.agent === 'A')!.kpis;
    expect(a.csat_pct).toMatchObject({ value: 100, n: 1 });
    expect(log.issues.map((i) => [i.code, i.line])).toEqual([['OUT_OF_RANGE', 201]]);
    // Its NPS keeps the response: only the answer is dropped.
    expect(log.issues[0].message).toMatch(/the answer is dropped$/);
    // Both of T1's responses are used: the first for CSAT, the second for NPS.
    expect(report.dataQuality.inputs.find((i) => i.file === 'surveys.csv')).toMatchObject({ rowsUsed: 152, rowsSkipped: 0, rowsDuplicate: 0 });
  });
});
