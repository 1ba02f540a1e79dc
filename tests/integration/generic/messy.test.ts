import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../../helpers/run-cli.js';

// fixtures/generic/messy/tickets.csv: UTF-8 BOM, CRLF, `;` delimiter, headers in other spellings,
// a quoted delimiter, doubled quotes, a quoted CRLF inside a name, a blank line, a cell of
// NBSP + space, offsets and naive times (read in --input-tz Europe/Athens, UTC+2 in November).

describe('messy generic file', () => {
  const r = runCli(['report', fixture('generic', 'messy', 'tickets.csv'), '--by', 'agent', '--format', 'json', '--input-tz', 'Europe/Athens']);
  const report = JSON.parse(r.stdout);
  const byAgent = Object.fromEntries(report.rows.map((row: { group: { agent?: string }; kpis: unknown }) => [row.group.agent ?? '(all)', row.kpis]));

  it('reads every row', () => {
    expect(r.code).toBe(0);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 3, rowsUsed: 3, rowsSkipped: 0 });
    expect(report.dataQuality.issues).toEqual([]);
    expect(Object.keys(byAgent).sort()).toEqual(['(all)', 'Chen "Bo"', 'Multi\r\nLine', 'Silva; Ana'].sort());
  });

  it('reads offsets and naive local times', () => {
    // A1: created 10:00+02:00 = 08:00Z; first response "2026-11-16 10:30" Athens = 08:30Z → 30 min;
    // solved 12:00Z → 240 min.
    expect(byAgent['Silva; Ana'].frt_median_minutes.value).toBe(30);
    expect(byAgent['Silva; Ana'].resolution_median_minutes.value).toBe(240);
    expect(byAgent['Silva; Ana'].escalation_rate_pct.value).toBe(100);
    // A3 (after a blank line and with a quoted CRLF): 60 min to respond, a day to solve, reopened.
    expect(byAgent['Multi\r\nLine'].frt_median_minutes.value).toBe(60);
    expect(byAgent['Multi\r\nLine'].reopen_rate_pct.value).toBe(100);
  });

  it('treats a cell of no-break space and space as empty', () => {
    const team = runCli(['report', fixture('generic', 'messy', 'tickets.csv'), '--by', 'team', '--format', 'csv']);
    expect(team.stdout.trimEnd().split('\n').map((l) => l.split(',')[1])).toEqual(['team', '', 'Billing', '(none)']);
  });
});

describe('bad rows are counted with file, line and column', () => {
  const r = runCli(['report', fixture('generic', 'bad-rows', 'tickets.csv'), '--format', 'json']);
  const report = JSON.parse(r.stdout);

  it('accounts for every row', () => {
    // 6 data rows: 1 and 6 are fine; 3 is used with bad values; 2 (bad created_at), 4 (no id) and 5 (ragged) are skipped.
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 6, rowsUsed: 3, rowsSkipped: 3, rowsDuplicate: 0 });
  });

  it('lists each issue where it is', () => {
    const issues = report.dataQuality.issues.map((i: { code: string; line: number; column: string | null; value: string | null }) => [i.code, i.line, i.column, i.value]);
    expect(issues).toEqual([
      ['INVALID_DATE', 3, 'created_at', '2024-13-01T09:00:00Z'],
      ['INVALID_DATE', 4, 'first_response_at', 'soon'],
      ['INVALID_NUMBER', 4, 'agent_replies', 'two'],
      ['INVALID_BOOLEAN', 4, 'escalated', 'maybe'],
      ['MISSING_VALUE', 5, 'ticket_id', null],
      ['RAGGED_ROW', 6, null, null],
      // the first response (10:00) is an hour before the ticket was created (11:00)
      ['NEGATIVE_DURATION', 7, 'first_response_at', '2026-11-16T10:00:00.000Z'],
    ]);
  });

  it('does not count a ticket with an unreadable first response as unreplied', () => {
    // Used tickets 1, 3, 6: 1 replied, 3 has an unreadable time, 6 has a (negative, dropped) response.
    expect(report.rows[0].kpis.unreplied.value).toBe(0);
    expect(report.rows[0].kpis.frt_median_minutes).toMatchObject({ value: 10, n: 1 });
  });
});

describe('surveys on their own', () => {
  it('computes CSAT, response rate, NPS and eNPS without tickets', () => {
    const r = runCli(['report', fixture('generic', 'surveys-only', 'surveys.csv'), '--by', 'team', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const all = report.rows[0].kpis;
    // CSAT answers 5, Good, 2 → 2 satisfied of 3; offered 4 (3 answered + 1 unanswered) → 75%.
    expect(all.csat_pct.value).toBeCloseTo(200 / 3, 6);
    expect(all.csat_response_rate_pct).toMatchObject({ value: 75, n: 4 });
    // NPS 10 (promoter), 3 (detractor) → 0; the employee 9 is eNPS only → 100.
    expect(all.nps).toMatchObject({ value: 0, n: 2 });
    expect(all.enps).toMatchObject({ value: 100, n: 1 });
    expect(report.dataQuality.surveys).toEqual({ matched: 0, orphaned: 5, duplicates: 0 });
  });

  it('places responses in windows and ISO weeks by their response time', () => {
    const r = runCli(['report', fixture('generic', 'surveys-only', 'surveys.csv'), '--period', 'week', '--from', '2026-11-16', '--to', '2026-11-29', '--format', 'json', '--metrics', 'csat_pct']);
    const report = JSON.parse(r.stdout);
    // W47 (16–22 Nov): 5, Good (+ offered, employee) → 100%; W48: 2 → 0%.
    expect(report.rows.map((row: { period: string; kpis: { csat_pct: { value: number } } }) => [row.period, row.kpis.csat_pct.value])).toEqual([
      ['2026-W47', 100],
      ['2026-W48', 0],
    ]);
    expect(report.window).toEqual({ from: '2026-11-16', to: '2026-11-29' });
  });
});
