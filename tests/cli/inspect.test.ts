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
    expect(r.stdout).toContain('12 read · 12 used · 0 skipped · 0 duplicate ids → 12 tickets, 9 survey responses');
  });

  it('gives the same facts as JSON, with duplicates counted (ServiceNow event log: 14 rows, 5 incidents)', () => {
    const r = runCli(['inspect', fixture('presets/servicenow/incident_event_log.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    const [f] = JSON.parse(r.stdout).files;
    expect(f).toMatchObject({ kind: 'tickets', source: 'servicenow', delimiter: ',', rows: { read: 14, used: 5, skipped: 0, duplicate: 9 }, tickets: 5 });
    expect(f.dateFormats).toMatchObject({ opened_at: 'DD/MM/YYYY HH:MM', sys_updated_at: 'DD/MM/YYYY HH:MM' });
    expect(f.columns.find((c: { header: string }) => c.header === 'made_sla').fields).toEqual(['slaResolutionMet']);
    expect(f.issues.total).toBe(0);
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
