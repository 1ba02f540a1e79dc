import { describe, expect, it } from 'vitest';
import { kpisOf, reportJson } from '../helpers/report-json.js';
import { HAS_REALDATA, readTable, realFile } from '../helpers/realdata.js';

// Real exports in ../shared/realdata, read in place. Expected values are computed here from the
// raw columns with a separate minimal CSV reader, never copied from teamkpi's output.

const pct = (x: number, n: number) => (x / n) * 100;

describe.skipIf(!HAS_REALDATA)('zendesk-plum (Zendesk Support export re-saved through Excel)', () => {
  const file = realFile('zendesk-plum', 'plum_customer_success_team_analysis_dataset.csv');
  const report = reportJson([file, '--by', 'team']);
  const rows = readTable(file);

  it('is read as Zendesk with day-first dates, every row used', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ kind: 'tickets', source: 'zendesk', rowsRead: rows.length, rowsUsed: rows.length, rowsSkipped: 0 });
    expect(rows.length).toBe(16476);
  });

  it('matches per-team CSAT, response rate, reopen rate and volume counted from the columns', () => {
    for (const team of new Set(rows.map((r) => r.Group))) {
      const mine = rows.filter((r) => r.Group === team);
      const rated = mine.filter((r) => /^[1-5]$/.test(r['Satisfaction Score']));
      const satisfied = rated.filter((r) => Number(r['Satisfaction Score']) >= 4);
      const offered = mine.filter((r) => r['Satisfaction Score'] === 'Offered');
      const solved = mine.filter((r) => r.Status === 'Solved' || r.Status === 'Closed' || r['Solved at'] !== '');
      const reopened = solved.filter((r) => Number(r.Reopens) > 0);
      const k = kpisOf(report, { team });
      expect(k.tickets).toBe(mine.length);
      expect(k.solved).toBe(solved.length);
      expect(k.reopen_rate_pct).toBeCloseTo(pct(reopened.length, solved.length), 9);
      if (rated.length === 0) expect(k.csat_pct).toBeNull();
      else {
        expect(k.csat_pct).toBeCloseTo(pct(satisfied.length, rated.length), 9);
        expect(k.csat_response_rate_pct).toBeCloseTo(pct(rated.length, rated.length + offered.length), 9);
      }
    }
  });
});

describe.skipIf(!HAS_REALDATA)('servicenow-incidents (event log)', () => {
  const file = realFile('servicenow-incidents', 'incident_event_log.csv');
  const report = reportJson([file, '--by', 'team']);
  const rows = readTable(file);
  // Latest row per incident by sys_updated_at (DD-MM-YYYY HH:MM), later row on ties.
  const stamp = (s: string) => s.replace(/^(\d\d)-(\d\d)-(\d{4}) (\d\d:\d\d)$/, '$3-$2-$1 $4');
  const latest = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const prev = latest.get(r.number);
    if (prev === undefined || stamp(r.sys_updated_at) >= stamp(prev.sys_updated_at)) latest.set(r.number, r);
  }

  it('keeps one row per incident and accounts for every row', () => {
    const input = report.dataQuality.inputs[0];
    expect(input).toMatchObject({ source: 'servicenow', rowsRead: rows.length, rowsUsed: latest.size, rowsSkipped: 0 });
    expect(input.rowsUsed + input.rowsDuplicate).toBe(rows.length);
    expect(latest.size).toBe(890);
  });

  it('matches incidents and reopen rate per assignment group', () => {
    const groups = new Map<string, Record<string, string>[]>();
    for (const r of latest.values()) {
      const g = r.assignment_group === '?' ? '(none)' : r.assignment_group;
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    for (const [team, mine] of groups) {
      const solved = mine.filter((r) => ['Resolved', 'Closed'].includes(r.incident_state) || r.resolved_at !== '?' || r.closed_at !== '?');
      const k = kpisOf(report, { team });
      expect(k.tickets).toBe(mine.length);
      expect(k.solved).toBe(solved.length);
      const reopened = solved.filter((r) => Number(r.reopen_count) > 0).length;
      if (solved.length > 0) expect(k.reopen_rate_pct).toBeCloseTo(pct(reopened, solved.length), 9);
    }
  });

  it('cannot say which incidents went unanswered: the log has no first-response time or reply count', () => {
    expect(rows[0]).not.toHaveProperty('first_response_at');
    for (const row of report.rows) expect(row.kpis.unreplied).toEqual({ value: null, n: 0 });
  });
});

describe.skipIf(!HAS_REALDATA)('pwc-callcentre (call log with a BOM)', () => {
  const file = realFile('pwc-callcentre', '01 Call-Center-Dataset.csv');
  const report = reportJson([file, '--by', 'agent']);
  const rows = readTable(file);

  it('matches per-agent CSAT, FCR and abandoned calls', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'callcentre', rowsRead: 5000, rowsUsed: 5000, encoding: 'UTF-8 with BOM' });
    for (const agent of new Set(rows.map((r) => r.Agent))) {
      const mine = rows.filter((r) => r.Agent === agent);
      const answered = mine.filter((r) => r['Answered (Y/N)'] === 'Y');
      const rated = mine.filter((r) => r['Satisfaction rating'] !== '');
      const k = kpisOf(report, { agent });
      expect(k.tickets).toBe(mine.length);
      expect(k.unreplied).toBe(mine.length - answered.length);
      expect(k.fcr_pct).toBeCloseTo(pct(answered.filter((r) => r.Resolved === 'Y').length, answered.length), 9);
      expect(k.csat_pct).toBeCloseTo(pct(rated.filter((r) => Number(r['Satisfaction rating']) >= 4).length, rated.length), 9);
      expect(k.csat_mean).toBeCloseTo(rated.reduce((s, r) => s + Number(r['Satisfaction rating']), 0) / rated.length, 9);
    }
  });
});

describe.skipIf(!HAS_REALDATA)('jsm-simulation-es (Spanish Jira export)', () => {
  const file = realFile('jsm-simulation-es', 'Jira.csv');
  it('reads the three issues with Spanish months and maps the Spanish headers', () => {
    const report = reportJson([file, '--by', 'agent']);
    const rows = readTable(file);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'jira', rowsRead: 3, rowsUsed: 3 });
    expect(report.dataQuality.issues).toEqual([]);
    // Estado: Completado / Resuelta → solved
    const done = rows.filter((r) => ['Completado', 'Resuelta'].includes(r.Estado)).length;
    expect(kpisOf(report, { agent: rows[0]['Persona asignada'] })).toMatchObject({ tickets: 3, solved: done });
    // Its SLA fields are `Time to first response` (empty here) and the project's own `Time to
    // done`, which is not JSM's resolution SLA: no resolution SLA is stated.
    expect(report.rows[0].kpis.sla_resolution_pct).toMatchObject({ value: null, n: 0 });
  });
});

describe.skipIf(!HAS_REALDATA)('freshdesk-trial (contact-centric Freshdesk export)', () => {
  const file = realFile('freshdesk-trial', 'freshdesk_tickets.csv');
  it('reads every ticket and keeps the status mix', () => {
    const report = reportJson([file, '--by', 'status']);
    const rows = readTable(file);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'freshdesk', rowsRead: rows.length, rowsUsed: rows.length });
    const count = (...s: string[]) => rows.filter((r) => s.includes(r.Status)).length;
    expect(kpisOf(report, { status: 'open' }).tickets).toBe(count('Open'));
    // custom status "Waiting on Third Party" is a pending state
    expect(kpisOf(report, { status: 'pending' }).tickets).toBe(count('Pending', 'Waiting on Third Party'));
    expect(kpisOf(report).solved).toBe(0);
    // No `Initial response time`, `First response time (in hrs)` or `Agent interactions` column:
    // whether an agent answered is unknown, not "unreplied" for all 45.
    expect(report.rows.find((r) => Object.keys(r.group).length === 0)!.kpis.unreplied).toEqual({ value: null, n: 0 });
  });
});
