import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/*
 * The fixture fixtures/check/data holds two weeks. Hand counts for 2026-W47 (16–22 Nov), the
 * window every test uses:
 *   Billing  B1–B4  CSAT 5,5,4,2     → satisfied (4–5 of 5) 3 of 4 = 75 %
 *   Support  S1–S5  CSAT 5,5,5,4,3   → 4 of 5 = 80 %
 *   (none)   N1     no survey        → CSAT no data
 *   overall  CSAT 7 of 9 = 77.78 %; first response minutes 30,60,90,120 | 10,20,30,40,50 | 600
 *            sorted 10,20,30,30,40,50,60,90,120,600 → median (40+50)/2 = 45,
 *            p90 at h = 9·0.9 = 8.1 → 120 + 0.1·(600−120) = 168; tickets 10
 * Previous week 2026-W46 (9–15 Nov): Billing CSAT 5,5,5,4 → 4/4 = 100 %; Support 5,4,4,4,1 → 80 %;
 *   overall 8/9 = 88.89 %.
 */
const DATA = [fixture('check', 'data', 'tickets.csv'), fixture('check', 'data', 'surveys.csv')];
const WINDOW = ['--from', '2026-11-16', '--to', '2026-11-22', '--now', '2026-11-23T07:00:00Z'];
const check = (name: string, ...extra: string[]) =>
  runCli(['check', ...DATA, ...WINDOW, '--config', fixture('check', name, 'teamkpi.config.json'), ...extra]);
const lines = (text: string) => text.trimEnd().split('\n');

describe('teamkpi check: outcomes and exit codes', () => {
  it('all thresholds pass → exit 0', () => {
    const r = check('all-pass');
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual([
      'PASS  csat_pct team=Billing: 75 ≥ min 70 (n=4)',
      'PASS  csat_pct team=Support: 80 ≥ min 70 (n=5)',
      'PASS  frt_p90_minutes overall: 168 ≤ max 240 (n=10)',
      'PASS  tickets overall: 10 ≥ min 5 (n=10)',
      '4 passed, 0 failed, 0 warned, 0 skipped',
    ]);
    expect(r.code).toBe(0);
  });

  it('an error-level breach → exit 1, listed first', () => {
    const r = check('error-breach');
    expect(lines(r.stdout)).toEqual([
      'FAIL  csat_pct team=Billing: 75 is below min 78 (n=4)',
      'PASS  csat_pct team=Support: 80 ≥ min 78 (n=5)',
      'PASS  frt_median_minutes overall: 45 ≤ max 60 (n=10)',
      '2 passed, 1 failed, 0 warned, 0 skipped',
    ]);
    expect(r.code).toBe(1);
  });

  it('a warn-level breach only → exit 0', () => {
    const r = check('warn-only');
    expect(lines(r.stdout)[0]).toBe('WARN  csat_pct team=Billing: 75 is below min 78 (n=4)');
    expect(lines(r.stdout).at(-1)).toBe('2 passed, 0 failed, 1 warned, 0 skipped');
    expect(r.code).toBe(0);
  });

  it('a low sample is skipped by default → exit 0', () => {
    const r = check('low-sample-skip');
    expect(lines(r.stdout)).toEqual([
      'SKIP  csat_pct team=Billing: n=4 is below the minimum sample 5; value 75 not judged',
      'PASS  csat_pct team=Support: 80 ≥ min 70 (n=5)',
      '1 passed, 0 failed, 0 warned, 1 skipped',
    ]);
    expect(r.code).toBe(0);
  });

  it('a low sample with onLowSample "fail" fails although 75 ≥ 70 → exit 1', () => {
    const r = check('low-sample-fail');
    expect(lines(r.stdout)[0]).toBe('FAIL  csat_pct team=Billing: n=4 is below the minimum sample 5; value 75 not judged');
    expect(lines(r.stdout).at(-1)).toBe('1 passed, 1 failed, 0 warned, 0 skipped');
    expect(r.code).toBe(1);
  });

  it('no data (no NPS answers; a misspelled group) warns by default → exit 0', () => {
    const r = check('no-data');
    expect(lines(r.stdout)).toEqual([
      'WARN  nps overall: no data in the window for this group',
      'WARN  csat_pct team=Biling: no data in the window for this group',
      '0 passed, 0 failed, 2 warned, 0 skipped',
    ]);
    expect(r.code).toBe(0);
  });

  it('no data with onNoData "fail" → exit 1; "skip" skips', () => {
    const r = check('no-data-fail');
    expect(lines(r.stdout)).toEqual([
      'FAIL  csat_pct team=Biling: no data in the window for this group',
      'SKIP  nps overall: no data in the window for this group',
      '0 passed, 1 failed, 0 warned, 1 skipped',
    ]);
    expect(r.code).toBe(1);
  });

  it('a window with no tickets: no groups and no values is no data, and 0 tickets is a real breach', () => {
    const r = runCli(['check', ...DATA, '--from', '2027-01-01', '--to', '2027-01-07', '--config', fixture('check', 'all-pass', 'teamkpi.config.json')]);
    expect(lines(r.stdout)).toEqual([
      'FAIL  tickets overall: 0 is below min 5 (n=0)',
      'WARN  csat_pct team=*: no team groups in the window',
      'WARN  frt_p90_minutes overall: no data in the window for this group',
      '0 passed, 1 failed, 2 warned, 0 skipped',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('teamkpi check: an untrustworthy check exits 2', () => {
  it('a misspelled KPI id names the dotted path, suggests the id and lists the valid ones', () => {
    const r = check('misspelled-kpi');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('thresholds[0].kpi: unknown KPI id "csat_pc" — did you mean "csat_pct"?');
    // every catalog id is listed
    for (const id of ['tickets', 'csat_pct', 'nps', 'frt_p90_minutes', 'resolution_median_minutes', 'unreplied']) expect(r.stderr).toContain(id);
  });

  it('unknown scopes, levels and keys are all reported at once', () => {
    const r = check('bad-thresholds');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('6 problems in the config');
    expect(r.stderr).toContain('thresholds[0].scope: unknown scope "teams" — did you mean "team"? (valid scopes: overall, agent, team,');
    expect(r.stderr).toContain('thresholds[0].level: "fatal" is not one of error, warn, info');
    expect(r.stderr).toContain('thresholds[1].minimum: unknown key');
    expect(r.stderr).toContain('thresholds[1].onLowSample: "ignore" is not one of skip, warn, fail');
    expect(r.stderr).toContain('thresholds[2]: must be an object');
    // One problem per line: the headline, the six problems and the hint.
    expect(r.stderr).not.toContain('\\x0a');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines.slice(1, 7).every((line) => line.startsWith('  thresholds['))).toBe(true);
  });

  it('bad JSON gives the line and column of the mistake', () => {
    // Line 5 is "  ]": the "]" after a trailing comma, at column 3.
    const r = check('bad-json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-json\/teamkpi\.config\.json:5:3: invalid JSON: value expected \(a trailing comma before it\?\)/);
  });

  it('a config without thresholds is an error, not a silent pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    writeFileSync(join(dir, 'teamkpi.config.json'), '{ "minSample": 3 }\n');
    const r = runCli(['check', ...DATA, '--config', join(dir, 'teamkpi.config.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no thresholds to check');
  });

  it('maxDrop without --baseline or --compare is an error', () => {
    const r = check('regression');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('thresholds[0] sets maxDrop, which needs something to compare with');
  });

  it('--compare previous over an unbounded window is an error', () => {
    const r = runCli(['check', ...DATA, '--config', fixture('check', 'regression', 'teamkpi.config.json'), '--compare', 'previous']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--compare previous needs a bounded window');
  });

  it('--strict with a bad row exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    const tickets = join(dir, 'tickets.csv');
    writeFileSync(tickets, readFileSync(DATA[0], 'utf8') + 'X1,2026-13-40T00:00:00Z,,,Ana Silva,Billing,email,normal,solved\n');
    const r = runCli(['check', tickets, DATA[1], ...WINDOW, '--strict', '--config', fixture('check', 'all-pass', 'teamkpi.config.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--strict');
  });
});

describe('teamkpi check: regression gates', () => {
  it('a count of a group the baseline window has no tickets for rises from 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    const tickets = join(dir, 'tickets.csv');
    // A: one ticket this fortnight, none in the one before; B: one before, none now.
    writeFileSync(tickets, 'ticket_id,created_at,agent\n1,2025-12-16T00:00:00Z,A\n2,2025-12-03T00:00:00Z,B\n');
    const config = join(dir, 'teamkpi.config.json');
    writeFileSync(config, JSON.stringify({ thresholds: [{ kpi: 'tickets', scope: 'agent', maxRise: 0 }] }));
    const r = runCli(['check', tickets, '--config', config, '--from', '2025-12-15', '--to', '2025-12-28', '--compare', 'previous', '--format', 'json', '--now', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toHaveLength(1); // B has no row now: not judged (README)
    expect(out.findings[0]).toMatchObject({ group: 'A', status: 'failed', value: 1, baseline: { value: 0, n: 0 }, bounds: [{ kind: 'maxRise', limit: 0, actual: 1, breached: true }] });

    // A baseline file that never counted tickets (--metrics without them), over the first
    // fortnight (B's row only): no baseline value for either group, A absent from it or B in it.
    const base = join(dir, 'base.json');
    expect(runCli(['report', tickets, '--by', 'agent', '--metrics', 'fcr_pct', '--from', '2025-12-01', '--to', '2025-12-14', '--format', 'json', '--out', base, '--now', '2026-01-01T00:00:00Z']).code).toBe(0);
    expect(JSON.parse(readFileSync(base, 'utf8')).rows.map((row: { group: { agent?: string } }) => row.group.agent ?? 'overall')).toEqual(['overall', 'B']);
    const b = runCli(['check', tickets, '--config', config, '--from', '2025-12-15', '--to', '2025-12-28', '--baseline', base, '--format', 'json', '--now', '2026-01-01T00:00:00Z']);
    expect(JSON.parse(b.stdout).findings.map((f: { group: string; status: string; baseline: unknown }) => [f.group, f.status, f.baseline])).toEqual([
      ['A', 'warned', null],
    ]);
  });

  it('--compare previous: Billing fell 100 → 75 and overall 88.89 → 77.78, more than 10 points → exit 1', () => {
    const r = check('regression', '--compare', 'previous');
    expect(lines(r.stdout)).toEqual([
      'FAIL  csat_pct team=Billing: dropped 25 from baseline 100, more than maxDrop 10 (n=4)',
      'FAIL  csat_pct overall: dropped 11.11 from baseline 88.89, more than maxDrop 10 (n=9)',
      'PASS  csat_pct team=Support: change 0 from baseline 80 within maxDrop 10 (n=5)',
      '1 passed, 2 failed, 0 warned, 0 skipped',
    ]);
    expect(r.code).toBe(1);
  });

  it('--baseline FILE (hand-written: Billing 90, Support 85, overall 88) → exit 1', () => {
    const r = check('regression', '--baseline', fixture('check', 'regression', 'baseline-by-team.json'), '--format', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.result).toBe('fail');
    expect(out.summary).toEqual({ passed: 1, failed: 2, warned: 0, info: 0, skipped: 0 });
    const byGroup = Object.fromEntries(out.findings.map((f: { group: string | null }) => [f.group ?? 'overall', f]));
    expect(byGroup.Billing).toMatchObject({ status: 'failed', value: 75, baseline: { value: 90, n: 10 }, bounds: [{ kind: 'maxDrop', limit: 10, actual: 15, breached: true }] });
    expect(byGroup.Support).toMatchObject({ status: 'passed', value: 80, bounds: [{ kind: 'maxDrop', actual: 5, breached: false }] });
    // 88 − 7/9·100 = 10.2222…
    expect(byGroup.overall.bounds[0].actual).toBeCloseTo(88 - 700 / 9, 9);
    expect(byGroup.overall.status).toBe('failed');
  });

  it('a baseline computed another way (--hours, --date-basis, --tz) or two baselines of one grouping: exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    const text = readFileSync(fixture('check', 'regression', 'baseline-by-team.json'), 'utf8');
    for (const [key, value, flag] of [['hours', 'business', '--hours'], ['dateBasis', 'solved', '--date-basis'], ['timezone', 'America/New_York', '--tz']]) {
      const file = join(dir, `${key}.json`);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(text), [key]: value }));
      const r = check('regression', '--baseline', file);
      expect(r.code, key).toBe(2);
      expect(r.stderr).toContain(`the baseline was computed with ${flag} ${value}`);
    }
    const r = check('regression', '--baseline', fixture('check', 'regression', 'baseline-by-team.json'), '--baseline', fixture('check', 'regression', 'baseline-by-team.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('so a group would have two values to compare with');
  });

  it('a baseline written by teamkpi report for the previous week gives the same verdict as --compare previous', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    const base = join(dir, 'base.json');
    const w = runCli(['report', ...DATA, '--by', 'team', '--from', '2026-11-09', '--to', '2026-11-15', '--format', 'json', '--out', base]);
    expect(w.code).toBe(0);
    const viaFile = check('regression', '--baseline', base);
    const viaCompare = check('regression', '--compare', 'previous');
    expect(viaFile.code).toBe(1);
    expect(viaFile.stdout).toBe(viaCompare.stdout);
  });
});

describe('teamkpi check: output formats', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' });

  it('--format junit parses as XML with the right counts, failure text carrying actual, limit and n', () => {
    const r = check('error-breach', '--format', 'junit');
    expect(r.code).toBe(1);
    const xml = parser.parse(r.stdout);
    const suite = xml.testsuites.testsuite;
    expect(xml.testsuites).toMatchObject({ tests: '3', failures: '1', errors: '0', skipped: '0' });
    expect(suite).toMatchObject({ tests: '3', failures: '1', skipped: '0' });
    const cases = suite.testcase as { name: string; failure?: { message: string; '#text': string } }[];
    expect(cases.map((c) => c.name)).toEqual(['csat_pct team=Billing (min 78)', 'csat_pct team=Support (min 78)', 'frt_median_minutes overall (max 60)']);
    expect(cases[0].failure!.message).toBe('75 is below min 78 (n=4)');
    expect(cases[0].failure!['#text']).toContain('actual: 75');
    expect(cases[0].failure!['#text']).toContain('limit: min 78');
    expect(cases[0].failure!['#text']).toContain('n: 4');
    expect(cases[1].failure).toBeUndefined();
  });

  it('--format junit: skipped and warned cases', () => {
    const skipped = parser.parse(check('low-sample-skip', '--format', 'junit').stdout).testsuites;
    expect(skipped).toMatchObject({ tests: '2', failures: '0', skipped: '1' });
    expect(skipped.testsuite.testcase[0].skipped.message).toContain('n=4 is below the minimum sample 5');
    const warned = parser.parse(check('warn-only', '--format', 'junit').stdout).testsuites;
    expect(warned).toMatchObject({ tests: '3', failures: '0', skipped: '0' });
    expect(warned.testsuite.testcase[0]['system-out']).toContain('WARNING: csat_pct team=Billing: 75 is below min 78 (n=4)');
  });

  it('--format github writes annotations and appends a Markdown summary to GITHUB_STEP_SUMMARY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = check('error-breach', '--format', 'github');
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toBe('::error title=teamkpi%3A csat_pct team=Billing::75 is below min 78 (n=4)');
    const withSummary = runCli(['check', ...DATA, ...WINDOW, '--config', fixture('check', 'warn-only', 'teamkpi.config.json'), '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(withSummary.code).toBe(0);
    expect(lines(withSummary.stdout)[0]).toBe('::warning title=teamkpi%3A csat_pct team=Billing::75 is below min 78 (n=4)');
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## teamkpi check: ⚠️ passed with warnings')).toBe(true);
    expect(md).toContain('| ⚠️ warn | `csat_pct` | team=Billing | 75 | 4 | min 78 |');
    expect(md).toContain('**2 passed, 0 failed, 1 warned, 0 skipped**');
  });

  it('--format markdown and --out (written atomically; stdout stays empty)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    const out = join(dir, 'check.md');
    const r = check('error-breach', '--format', 'markdown', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('## teamkpi check: ❌ failed');
    expect(md).toContain('| ❌ fail | `csat_pct` | team=Billing | 75 | 4 | min 78 | 75 is below min 78 (n=4) |');
  });

  it('reads the tickets from stdin once for several scopes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-check-'));
    const config = join(dir, 'teamkpi.config.json');
    writeFileSync(config, JSON.stringify({ minSample: 3, thresholds: [
      { kpi: 'tickets', scope: 'team', groups: ['Billing'], min: 4 },
      { kpi: 'tickets', scope: 'agent', groups: ['Ben Okafor'], min: 5 },
      { kpi: 'tickets', scope: 'overall', max: 10 },
    ] }));
    const r = runCli(['check', '--tickets', '-', ...WINDOW, '--config', config], { input: readFileSync(DATA[0], 'utf8') });
    expect(lines(r.stdout)).toEqual([
      'PASS  tickets team=Billing: 4 ≥ min 4 (n=4)',
      'PASS  tickets agent=Ben Okafor: 5 ≥ min 5 (n=5)',
      'PASS  tickets overall: 10 ≤ max 10 (n=10)',
      '3 passed, 0 failed, 0 warned, 0 skipped',
    ]);
    expect(r.code).toBe(0);
  });
});
