import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

describe('teamkpi inspect', () => {
  it('prints kind, source, encoding, delimiter, dates, the column mapping and row counts', () => {
    const r = runCli(['inspect', fixture('presets/callcentre/calls.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('source     callcentre');
    expect(r.stdout).toContain('encoding   UTF-8 with BOM');
    expect(r.stdout).toContain('delimiter  comma (,)');
    expect(r.stdout).toMatch(/Date \+ Time\s+DD\/MM\/YYYY HH:MM:SS/);
    expect(r.stdout).toMatch(/Satisfaction rating\s+→ csat/);
    expect(r.stdout).toMatch(/AvgTalkDuration\s+\(ignored\)/);
    expect(r.stdout).toContain('12 read · 12 used · 0 skipped · 0 duplicates → 12 tickets, 9 survey responses');
  });

  it('gives the same facts as JSON, with duplicates counted (ServiceNow event log: 14 rows, 5 incidents)', () => {
    const r = runCli(['inspect', fixture('presets/servicenow/incident_event_log.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    const [f] = JSON.parse(r.stdout).files;
    expect(f).toMatchObject({ kind: 'tickets', source: 'servicenow', delimiter: ',', rows: { read: 14, used: 5, skipped: 0, duplicate: 9 }, tickets: 5 });
    expect(f.dateFormats).toMatchObject({ opened_at: 'DD/MM/YYYY HH:MM', sys_updated_at: 'DD/MM/YYYY HH:MM' });
    expect(f.columns.find((c: { header: string }) => c.header === 'made_sla').fields).toEqual(['slaResolutionMet']);
    // The report's own duplicate issues, one per incident whose earlier rows were replaced.
    expect(f.issues).toMatchObject({ total: 5, byCode: { DUPLICATE_TICKET: 5 } });
  });

  it('counts survey rows as the report does: a response every answer of which a later one replaced is a duplicate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-inspect-'));
    const file = join(dir, 'surveys.csv');
    // Ticket 7: the 10:00 CSAT is replaced by the 11:00 one (a duplicate row); ticket 8: CSAT then
    // NPS, each the latest of its KPI (both used); ticket 9: one response.
    writeFileSync(file, [
      'ticket_id,responded_at,csat,nps',
      '7,2026-03-02T10:00:00Z,3,',
      '7,2026-03-02T11:00:00Z,5,',
      '8,2026-03-02T10:00:00Z,4,',
      '8,2026-03-02T11:00:00Z,,9',
      '9,2026-03-02T10:00:00Z,2,',
    ].join('\n') + '\n');
    const r = runCli(['inspect', file, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ kind: 'surveys', rows: { read: 5, used: 4, skipped: 0, duplicate: 1 }, surveys: 5 });
    const report = JSON.parse(runCli(['report', file, '--format', 'json', '--quiet']).stdout);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 5, rowsUsed: 4, rowsDuplicate: 1 });
  });

  it('checks dates against the clock as report does (a date over a year ahead is OUT_OF_RANGE): the same counts and issues', () => {
    const file = fixture('broken', 'dates-out-of-range.csv');
    const now = '2026-11-23T00:00:00Z';
    const inspected = JSON.parse(runCli(['inspect', file, '--format', 'json', '--now', now]).stdout).files[0];
    const reported = JSON.parse(runCli(['report', file, '--format', 'json', '--now', now, '--quiet']).stdout).dataQuality;
    expect(inspected.rows).toEqual({ read: reported.inputs[0].rowsRead, used: reported.inputs[0].rowsUsed, skipped: reported.inputs[0].rowsSkipped, duplicate: reported.inputs[0].rowsDuplicate });
    const codes = (issues: { code: string }[]) => issues.map((i) => i.code).sort();
    expect(Object.entries(inspected.issues.byCode).flatMap(([code, n]) => Array(n as number).fill(code)).sort()).toEqual(codes(reported.issues));
    // lines 4 (created 2099) and 5 (solved 2031) are among them
    expect(reported.issues.filter((i: { code: string }) => i.code === 'OUT_OF_RANGE').length).toBeGreaterThanOrEqual(4);
  });

  it('lists the first issues with line and column', () => {
    const r = runCli(['inspect', fixture('generic/bad-rows/tickets.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    const [f] = JSON.parse(r.stdout).files;
    expect(f.issues.byCode).toMatchObject({ INVALID_DATE: 2, RAGGED_ROW: 1 });
    expect(f.issues.first[0]).toMatchObject({ code: 'INVALID_DATE', line: 3, column: 'created_at', value: '2024-13-01T09:00:00Z' });
  });

  it('reports a forced source with confidence 1', () => {
    const r = runCli(['inspect', fixture('dates/ambiguous.csv'), '--date-order', 'dmy', '--source', 'generic', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ source: 'generic', confidence: 1, dateFormats: { created_at: 'DD/MM/YYYY HH:MM' } });
  });

  it.each([
    [['inspect'], 'no input files'],
    [['inspect', 'no-such-file.csv'], 'no such file'],
    [['inspect', fixture('presets/zendesk/tickets.csv'), '--source', 'nosuch'], 'unknown source "nosuch"'],
  ])('exits 2 for %j', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
