import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { ROOT, fixture, runCli } from '../helpers/run-cli.js';

const compareFiles = [fixture('stats', 'compare', 'tickets.csv'), fixture('stats', 'compare', 'surveys.csv')];
// fixtures/stats/compare: one agent; week 2026-11-02..08 has CSAT 30/100, NPS 30 promoters/30 detractors,
// first responses 3,6,7,8,9 min; week 2026-11-09..15 has CSAT 45/100, NPS 50/20, first responses 1,2,3,4,5 min.
const currentWeek = ['--last', '7d', '--as-of', '2026-11-16', '--min-sample', '5'];
const tmp = () => mkdtempSync(join(tmpdir(), 'teamkpi-stats-'));

describe('report --compare previous', () => {
  const r = runCli(['report', ...compareFiles, ...currentWeek, '--compare', 'previous', '--format', 'json', '--now', '2026-11-16T07:00:00Z']);
  const report = JSON.parse(r.stdout);
  const overall = report.comparison.rows[0];

  it('exits 0 and describes the window before as the baseline', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(report.window).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(report.comparison.baseline).toMatchObject({ source: 'previous', file: null, window: { from: '2026-11-02', to: '2026-11-08' } });
    expect(overall.group).toEqual({});
  });
  it('CSAT 45/100 against 30/100: two-proportion z = 2.191, p = 0.028, significant', () => {
    // p̂ = 0.375, se = √(0.375·0.625·0.02) = 0.068465, z = 0.15/0.068465 = 2.1909 (see significance.test.ts)
    expect(overall.kpis.csat_pct).toMatchObject({ current: 45, previous: 30, delta: 15, change: 'better', test: 'two-proportion-z', significant: true, nCurrent: 100, nPrevious: 100 });
    expect(overall.kpis.csat_pct.statistic).toBeCloseTo(2.1909, 3);
    expect(overall.kpis.csat_pct.pValue).toBeCloseTo(0.0285, 3);
  });
  it('NPS 30 against 0: z = 30/√(61 + 60) = 30/11', () => {
    expect(overall.kpis.nps).toMatchObject({ current: 30, previous: 0, delta: 30, test: 'nps-difference-z', significant: true });
    expect(overall.kpis.nps.statistic).toBeCloseTo(30 / 11, 6);
  });
  it('first-response medians 3 against 7 min: Mann–Whitney on the samples, z = −1.9905', () => {
    expect(overall.kpis.frt_median_minutes).toMatchObject({ current: 3, previous: 7, delta: -4, change: 'better', test: 'mann-whitney-u', significant: true });
    expect(overall.kpis.frt_median_minutes.statistic).toBeCloseTo(-1.99053, 4);
  });
  it('counts get a delta and no test', () => {
    expect(overall.kpis.tickets).toMatchObject({ current: 5, previous: 5, delta: 0, change: 'unchanged', test: null, significant: null });
  });
  it('the table marks significant changes and explains the marks', () => {
    const t = runCli(['report', ...compareFiles, ...currentWeek, '--compare', 'previous', '--metrics', 'csat_pct,nps,frt_median_minutes']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('45.0 ▲15.0*');
    expect(t.stdout).toContain('30.0 ▲30.0*');
    expect(t.stdout).toContain('3.0 ▼4.0*');
    expect(t.stdout).toContain('▲/▼ change against the window before (2026-11-02 to 2026-11-08)');
  });
  it('Markdown bolds significant changes; CSV adds previous, delta, p-value and verdict columns', () => {
    const md = runCli(['report', ...compareFiles, ...currentWeek, '--compare', 'previous', '--metrics', 'csat_pct,tickets', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| 45.0 **▲15.0\\*** | 5 ±0 |');
    const csv = runCli(['report', ...compareFiles, ...currentWeek, '--compare', 'previous', '--metrics', 'csat_pct,tickets', '--format', 'csv']);
    const [header, row] = csv.stdout.trim().split('\n');
    expect(header).toBe('period,csat_pct,csat_pct_n,csat_pct_previous,csat_pct_delta,csat_pct_p_value,csat_pct_significant,tickets,tickets_n,tickets_previous,tickets_delta,tickets_p_value,tickets_significant,timezone');
    const cells = row.split(',');
    expect(cells.slice(0, 5)).toEqual(['all', '45', '100', '30', '15']);
    expect(Number(cells[5])).toBeCloseTo(0.02846, 3); // two-proportion z by hand above
    expect(cells.slice(6)).toEqual(['true', '5', '5', '5', '0', '', '', 'UTC']);
  });
  it('colours significant changes by direction: a lower first-response time is better (green)', () => {
    const t = runCli(['report', ...compareFiles, ...currentWeek, '--compare', 'previous', '--metrics', 'csat_pct,frt_median_minutes', '--color']);
    expect(t.stdout).toContain('\x1b[32m▲15.0*\x1b[39m'); // CSAT up: better
    expect(t.stdout).toContain('\x1b[32m▼4.0*\x1b[39m'); // FRT down: better too
  });
  it('draws no arrow for low-sample values', () => {
    // the default minimum sample of 20 makes the 5 first responses low-sample; CSAT (n = 100) keeps its arrow
    const t = runCli(['report', ...compareFiles, '--last', '7d', '--as-of', '2026-11-16', '--compare', 'previous', '--metrics', 'csat_pct,frt_median_minutes']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('45.0 ▲15.0*');
    expect(t.stdout).toMatch(/3\.0°\s*$/m);
    expect(t.stdout).not.toContain('▼4.0');
  });
  it('needs a bounded window (exit 2 with a hint)', () => {
    const e = runCli(['report', ...compareFiles, '--compare', 'previous']);
    expect(e.code).toBe(2);
    expect(e.stdout).toBe('');
    expect(e.stderr).toContain('--compare previous needs a bounded window');
    expect(e.stderr).toContain('hint:');
  });
  it('rejects other --compare values and --compare with --baseline', () => {
    expect(runCli(['report', ...compareFiles, ...currentWeek, '--compare', 'last-year']).code).toBe(2);
    const both = runCli(['report', ...compareFiles, ...currentWeek, '--compare', 'previous', '--baseline', 'x.json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('cannot be combined');
  });
});

describe('report --baseline FILE', () => {
  const dir = tmp();
  const base = join(dir, 'previous-week.json');
  const made = runCli(['report', ...compareFiles, '--from', '2026-11-02', '--to', '2026-11-08', '--min-sample', '5', '--format', 'json', '--out', base, '--now', '2026-11-09T07:00:00Z']);

  it('compares with a saved report: the same verdicts for rates and NPS; no verdict for a median of 5 (no samples, no interval)', () => {
    expect(made.code).toBe(0);
    const r = runCli(['report', ...compareFiles, ...currentWeek, '--baseline', base, '--format', 'json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout).comparison;
    expect(c.baseline).toMatchObject({ source: 'file', file: base, window: { from: '2026-11-02', to: '2026-11-08' }, generatedAt: '2026-11-09T07:00:00Z' });
    expect(c.rows[0].kpis.csat_pct.statistic).toBeCloseTo(2.1909, 3);
    expect(c.rows[0].kpis.nps.statistic).toBeCloseTo(30 / 11, 6);
    // a saved report has no samples for Mann–Whitney, and a median of 5 values has no 95% interval (n ≥ 6 needed)
    expect(c.rows[0].kpis.frt_median_minutes).toMatchObject({ delta: -4, test: null, significant: null });
  });
  it.each([
    ['grouped differently', ['--by', 'agent'], 'the baseline is grouped by nothing (overall only), this run by "agent"'],
    ['bucketed differently', ['--period', 'week'], 'the baseline is bucketed by period "all", this run by "week"'],
  ])('refuses a baseline %s (exit 2)', (_what, extra, message) => {
    const r = runCli(['report', ...compareFiles, ...currentWeek, '--baseline', base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('hint:');
  });
  it.each([
    ['a missing file', null, 'cannot read the file'],
    ['not JSON', '{ nope', 'not JSON'],
    ['another tool', '{"rows": []}', 'not a teamkpi JSON report'],
    ['another schema version', '{"schemaVersion": 2, "tool": {"name": "teamkpi"}}', 'report schema version 2; this teamkpi reads version 1'],
  ])('refuses %s (exit 2)', (_what, content, message) => {
    const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    if (content !== null) writeFileSync(file, content);
    const r = runCli(['report', ...compareFiles, ...currentWeek, '--baseline', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('report --ci', () => {
  it('adds intervals to table cells', () => {
    const r = runCli(['report', ...compareFiles, ...currentWeek, '--ci', '--metrics', 'csat_pct,nps,tickets']);
    expect(r.code).toBe(0);
    // Wilson 45/100: centre (45 + 1.9207)/103.8415 = 0.45186, half 0.018875·√(24.75 + 0.9604) = 0.09571 → 35.6–54.8
    // NPS: 30 ± 1.96·√61 = 30 ± 15.31 → 14.7–45.3
    expect(r.stdout).toContain('45.0 (35.6–54.8)');
    expect(r.stdout).toContain('30.0 (14.7–45.3)');
    expect(r.stdout).toContain('(low–high) 95% interval');
  });
  it('adds <id>_ci_low and <id>_ci_high CSV columns for every KPI but counts', () => {
    const r = runCli(['report', ...compareFiles, ...currentWeek, '--ci', '--metrics', 'tickets,csat_pct', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.trim().split('\n');
    expect(header).toBe('period,tickets,tickets_n,csat_pct,csat_pct_n,csat_pct_ci_low,csat_pct_ci_high,timezone');
    const cells = row.split(',');
    expect(Number(cells[5])).toBeCloseTo(35.615, 1);
    expect(Number(cells[6])).toBeCloseTo(54.757, 1);
  });
  it('CSV without --ci keeps its columns', () => {
    const r = runCli(['report', ...compareFiles, ...currentWeek, '--metrics', 'tickets,csat_pct', '--format', 'csv']);
    expect(r.stdout.split('\n')[0]).toBe('period,tickets,tickets_n,csat_pct,csat_pct_n,timezone');
  });
});

describe('minSample per KPI in the config', () => {
  const dir = tmp();
  it('overrides the default for the KPIs it names', () => {
    const config = join(dir, 'teamkpi.config.json');
    writeFileSync(config, JSON.stringify({ minSample: { default: 5, csat_pct: 150 } }));
    const r = runCli(['report', ...compareFiles, '--last', '7d', '--as-of', '2026-11-16', '--config', config, '--format', 'json']);
    expect(r.code).toBe(0);
    const kpis = JSON.parse(r.stdout).rows[0].kpis;
    expect(kpis.csat_pct).toMatchObject({ n: 100, lowSample: true }); // 100 < 150
    expect(kpis.nps).toMatchObject({ n: 100, lowSample: false }); // 100 ≥ 5
    expect(kpis.frt_median_minutes).toMatchObject({ n: 5, lowSample: false }); // 5 ≥ 5
  });
  it('--min-sample applies to every KPI', () => {
    const config = join(dir, 'override.json');
    writeFileSync(config, JSON.stringify({ minSample: { default: 5, csat_pct: 150 } }));
    const kpis = JSON.parse(runCli(['report', ...compareFiles, '--last', '7d', '--as-of', '2026-11-16', '--config', config, '--min-sample', '6', '--format', 'json']).stdout).rows[0].kpis;
    expect(kpis.csat_pct.lowSample).toBe(false);
    expect(kpis.frt_median_minutes.lowSample).toBe(true);
  });
  it('rejects unknown KPI ids and bad numbers, all at once (exit 2)', () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ minSample: { default: -1, csat: 30 } }));
    const r = runCli(['report', ...compareFiles, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('minSample.default: must be a whole number ≥ 0');
    expect(r.stderr).toContain('minSample.csat: unknown KPI id');
  });
  it('rejects a minimum for a count, which has none (exit 2)', () => {
    const config = join(dir, 'count.json');
    writeFileSync(config, JSON.stringify({ minSample: { default: 20, tickets: 50 } }));
    const r = runCli(['report', ...compareFiles, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('minSample.tickets: tickets is a count, which has no minimum sample');
  });
});

describe('teamkpi leaderboard', () => {
  // fixtures/stats/leaderboard: CSAT answers — Ana 19/20, Bo 17/20, Cy 16/40, Di 3/3.
  // Wilson by hand (z² = 3.8415): Ana 19/20 → centre (19 + 1.9207)/23.8415 = 0.8775, half 0.08221·√(0.95 + 0.9604) = 0.1136 → 76.4–99.1
  // Bo 17/20 → centre 0.7936, half 0.08221·√(2.55 + 0.9604) = 0.1540 → 64.0–94.8 (overlaps Ana's: tied)
  // Cy 16/40 → centre 0.4088, half 0.04471·√(9.6 + 0.9604) = 0.1453 → 26.3–55.4 (below 76.4: not tied)
  // Di: n = 3 < 20 → listed apart
  const surveys = fixture('stats', 'leaderboard', 'surveys.csv');

  it('ranks, marks ties with the leader, and lists low samples apart (JSON)', () => {
    const r = runCli(['leaderboard', surveys, '--kpi', 'csat_pct', '--format', 'json', '--now', '2026-11-23T07:00:00Z']);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.kpi).toMatchObject({ id: 'csat_pct', direction: 'higher' });
    expect(b.minSample).toBe(20);
    expect(b.ranked.map((e: { rank: number; group: string; tiedWithLeader: boolean }) => [e.rank, e.group, e.tiedWithLeader])).toEqual([[1, 'Ana', false], [2, 'Bo', true], [3, 'Cy', false]]);
    expect(b.ranked[0].ci95[0]).toBeCloseTo(76.39, 1);
    expect(b.ranked[2].ci95[1]).toBeCloseTo(55.40, 1);
    expect(b.unranked).toEqual([expect.objectContaining({ group: 'Di', value: 100, n: 3, reason: 'low-sample' })]);
  });
  it('ranks a count in every group with data and states no minimum for it', () => {
    // The demo's agents each have far fewer than 100,000 tickets: with that minimum a rate would be
    // held back everywhere, but a count has no minimum (README, "Low samples").
    const r = runCli(['leaderboard', fixture('demo', 'tickets.csv'), '--kpi', 'tickets', '--format', 'json', '--min-sample', '100000', '--now', '2026-11-23T07:00:00Z']);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.minSample).toBe(0);
    expect(b.ranked.length).toBeGreaterThan(3);
    expect(b.ranked.every((e: { n: number }) => e.n < 100_000)).toBe(true);
    expect(b.unranked.filter((e: { reason: string }) => e.reason !== 'unassigned')).toEqual([]);
  });
  it('names the unit of a duration column when piped (minutes as numbers), as the report table does', () => {
    const r = runCli(['leaderboard', fixture('demo', 'tickets.csv'), '--kpi', 'frt_median_minutes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rank +Agent +FRT median \(min\)/);
  });

  it('prints a table with the tie mark and the groups not ranked', () => {
    const r = runCli(['leaderboard', surveys, '--kpi', 'csat_pct']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ *1 +Ana +95\.0 +76\.4–99\.1 +20/m);
    expect(r.stdout).toMatch(/^ *2≈ +Bo +85\.0/m);
    expect(r.stdout).toMatch(/^ *3 +Cy +40\.0/m);
    expect(r.stdout).toContain('Not ranked:');
    expect(r.stdout).toMatch(/Di +100\.0 .* n below the minimum sample \(20\)/);
  });
  it('ranks teams with --by team, and ranks Di too once --min-sample allows it (Markdown)', () => {
    const r = runCli(['leaderboard', surveys, '--kpi', 'csat_pct', '--by', 'team', '--format', 'markdown', '--min-sample', '3']);
    expect(r.code).toBe(0);
    // North 36/40 = 90%, South 19/43 = 44.2%
    expect(r.stdout).toContain('| 1 | **North** | 90.0 |');
    expect(r.stdout).toContain('| 2 | South | 44.2 |');
  });
  it('heads a duration column without "(min)" in Markdown, where the durations are written for people', () => {
    const r = runCli(['leaderboard', fixture('demo', 'tickets.csv'), '--kpi', 'frt_median_minutes', '--format', 'markdown']);
    expect(r.code).toBe(0);
    const head = r.stdout.split('\n').find((l) => l.startsWith('| Rank'))!;
    expect(head).not.toContain('(min)');
    expect(r.stdout).toMatch(/\| 1 \| \*\*[^|]+\*\* \| \d+h \d+m \|/);
  });
  it.each([
    [['--kpi', 'csat'], 'unknown KPI id "csat"'],
    [[], 'leaderboard needs --kpi ID'],
    [['--kpi', 'csat_pct', '--by', 'agent,team'], 'a leaderboard ranks one kind of group'],
  ])('usage errors exit 2: %j', (args, message) => {
    const r = runCli(['leaderboard', surveys, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
  it('writes --out atomically', () => {
    const out = join(tmp(), 'board.json');
    const r = runCli(['leaderboard', surveys, '--kpi', 'csat_pct', '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).ranked).toHaveLength(3);
  });
});

describe('the comparison block against schema/report.schema.json', () => {
  it.each([
    ['--compare previous, per week, by agent', ['--compare', 'previous', '--period', 'week', '--by', 'agent']],
    ['--compare previous on the demo data', ['--compare', 'previous']],
  ])('%s validates', (_what, extra) => {
    const demo = extra.length === 2;
    const files = demo ? [fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv'), '--last', '28d', '--as-of', '2026-11-20'] : [...compareFiles, '--last', '14d', '--as-of', '2026-11-16'];
    const r = runCli(['report', ...files, ...extra, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.comparison.rows).toHaveLength(report.rows.length);
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(`${ROOT}/schema/report.schema.json`, 'utf8')));
    validate(report);
    expect(validate.errors ?? []).toEqual([]);
  });
});
