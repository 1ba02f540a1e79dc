import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

const DEMO = [fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv')];

describe('teamkpi report --format html', () => {
  it('writes one self-contained HTML document with no URL in it', () => {
    const r = runCli(['report', ...DEMO, '--by', 'team', '--period', 'week', '--last', '28d', '--as-of', '2026-11-23', '--now', '2026-11-23T07:00:00Z', '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
    // 28 days before 2026-11-23: 2026-10-26 … 2026-11-22.
    expect(r.stdout).toContain('2026-10-26 to 2026-11-22');
    expect(r.stdout).not.toMatch(/https?:\/\//);
    expect(r.stdout).not.toMatch(/<link\b|\bsrc=|@import/i);
  });

  it('is byte-identical across runs and the same on a pipe and in a file', () => {
    const args = ['report', ...DEMO, '--by', 'agent', '--format', 'html', '--now', '2026-11-23T07:00:00Z'];
    const a = runCli(args);
    const b = runCli(args, { env: { FORCE_COLOR: '1' } });
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-html-'));
    const c = runCli([...args, '--out', join(dir, 'r.html')]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.code).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe(a.stdout);
  });

  it('leaves the JSON report unchanged (the extras are for html only)', () => {
    const json = runCli(['report', ...DEMO, '--by', 'team', '--format', 'json', '--now', '2026-11-23T07:00:00Z']);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report).sort()).toEqual(['comparison', 'dataQuality', 'dateBasis', 'definitions', 'generatedAt', 'groupBy', 'hours', 'period', 'rows', 'schemaVersion', 'timezone', 'tool', 'window'].sort());
  });

  it('lists html among the formats in --help', () => {
    expect(runCli(['report', '--help']).stdout).toMatch(/choices: [^)]*"html"/);
  });
});
