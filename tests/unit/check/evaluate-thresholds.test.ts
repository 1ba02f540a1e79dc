import { describe, expect, it } from 'vitest';
import { evaluateThresholds } from '../../../src/check/evaluate-thresholds.js';
import type { ThresholdConfig } from '../../../src/config/validate-thresholds.js';
import type { KpiValue, Report } from '../../../src/model/report.js';

/** A minimal report grouped by `field` (or overall only), with csat_pct and tickets values. */
function report(field: string | null, rows: [string | null, Record<string, KpiValue>][]): Report {
  return {
    schemaVersion: 1, tool: { name: 'teamkpi', version: 'test' }, generatedAt: '2026-11-23T07:00:00Z', timezone: 'UTC',
    window: { from: null, to: null }, period: 'all', dateBasis: 'created', hours: 'calendar',
    groupBy: field === null ? [] : [field],
    definitions: {
      csat_pct: { label: 'CSAT %', unit: 'pct', direction: 'higher', method: '' },
      tickets: { label: 'Tickets', unit: 'count', direction: 'higher', method: '' },
    },
    rows: rows.map(([g, kpis]) => ({ period: null, group: g === null || field === null ? {} : { [field]: g }, kpis })),
    comparison: null,
    dataQuality: { inputs: [], surveys: { matched: 0, orphaned: 0, duplicates: 0 }, issues: [], issuesTruncated: 0 },
  };
}
const v = (value: number | null, n: number): KpiValue => ({ value, n });
const teams = report('team', [
  [null, { csat_pct: v(80, 50), tickets: v(60, 60) }],
  ['Billing', { csat_pct: v(85, 25), tickets: v(30, 30) }],
  ['Support', { csat_pct: v(84.999, 20), tickets: v(25, 25) }],
  ['(none)', { csat_pct: v(null, 0), tickets: v(5, 5) }],
]);
const one = (t: ThresholdConfig, options = { minSample: 20 }, r: Report | Report[] = teams) => evaluateThresholds(r, [t], options).findings;

describe('evaluateThresholds', () => {
  it.each([
    // min is inclusive: equal passes, anything below fails, however little
    [{ min: 85 }, 'Billing', 'passed'],
    [{ min: 85 }, 'Support', 'failed'],
    [{ max: 84.999 }, 'Support', 'passed'],
    [{ max: 84.99 }, 'Support', 'failed'],
    [{ min: 80, max: 84 }, 'Billing', 'failed'],
  ] as const)('%j on team %s → %s', (limits, group, status) => {
    const f = one({ kpi: 'csat_pct', scope: 'team', groups: [group], ...limits });
    expect(f).toHaveLength(1);
    expect(f[0].status).toBe(status);
  });

  it('judges a percentage as the report states it: 57 of 100 is 57 (56.99999999999999 in floating point)', () => {
    // 57 / 100 * 100, 29 / 50 * 100 and 7 / 25 * 100 are each a hair off in floating point.
    const exact = report(null, [[null, { csat_pct: v((57 / 100) * 100, 100), fcr_pct: v((29 / 50) * 100, 50), reopen_rate_pct: v((7 / 25) * 100, 25) }]]);
    expect((57 / 100) * 100).not.toBe(57);
    const at = (t: ThresholdConfig) => one(t, { minSample: 20 }, exact)[0].status;
    expect(at({ kpi: 'csat_pct', scope: 'overall', min: 57 })).toBe('passed');
    expect(at({ kpi: 'fcr_pct', scope: 'overall', min: 58 })).toBe('passed');
    expect(at({ kpi: 'reopen_rate_pct', scope: 'overall', max: 28 })).toBe('passed');
    expect(at({ kpi: 'csat_pct', scope: 'overall', min: 57.000000001 })).toBe('failed');
  });

  it('judges a file without the scope field as its one group (none); excluded, the scope has no groups: one team=* no-data finding', () => {
    const noTeams = report('team', [[null, { tickets: v(2, 2) }], ['(none)', { tickets: v(2, 2) }]]);
    expect(one({ kpi: 'tickets', scope: 'team', min: 5 }, { minSample: 20 }, noTeams).map((f) => [f.group, f.status, f.code])).toEqual([['(none)', 'failed', 'THRESHOLD_BREACH']]);
    expect(one({ kpi: 'tickets', scope: 'team', min: 5, excludeGroups: ['(none)'] }, { minSample: 20 }, noTeams).map((f) => [f.group, f.status, f.code])).toEqual([[null, 'warned', 'NO_DATA']]);
  });

  it('evaluates (none) like any other group unless excluded; no data there warns by default', () => {
    const all = one({ kpi: 'csat_pct', scope: 'team', min: 80 });
    expect(all.map((f) => [f.group, f.status, f.code])).toEqual([
      ['(none)', 'warned', 'NO_DATA'],
      ['Billing', 'passed', 'THRESHOLD_OK'],
      ['Support', 'passed', 'THRESHOLD_OK'],
    ]);
    expect(one({ kpi: 'csat_pct', scope: 'team', min: 80, excludeGroups: ['(none)'] }).map((f) => f.group)).toEqual(['Billing', 'Support']);
  });

  it.each([
    ['error', 'failed'], ['warn', 'warned'], ['info', 'info'],
  ] as const)('a breach at level %s is %s', (level, status) => {
    expect(one({ kpi: 'csat_pct', scope: 'overall', min: 90, level })[0].status).toBe(status);
  });

  it.each([
    [undefined, 'skipped'], ['skip', 'skipped'], ['warn', 'warned'], ['fail', 'failed'],
  ] as const)('n = 20 below minSample 21 with onLowSample %s → %s (the value is not judged)', (onLowSample, status) => {
    const f = one({ kpi: 'csat_pct', scope: 'team', groups: ['Support'], min: 0, minSample: 21, onLowSample });
    expect(f[0]).toMatchObject({ code: 'LOW_SAMPLE', status, bounds: [] });
  });

  it('the default minimum sample comes from the options, and count KPIs have none', () => {
    expect(one({ kpi: 'csat_pct', scope: 'team', groups: ['Billing'], min: 0 }, { minSample: 26 })[0].code).toBe('LOW_SAMPLE');
    expect(one({ kpi: 'csat_pct', scope: 'team', groups: ['Billing'], min: 0 }, { minSample: 25 })[0].code).toBe('THRESHOLD_OK');
    expect(one({ kpi: 'tickets', scope: 'team', groups: ['(none)'], min: 1 }, { minSample: 20 })[0]).toMatchObject({ code: 'THRESHOLD_OK', minSample: 0 });
  });

  it.each([
    [undefined, 'warned'], ['warn', 'warned'], ['skip', 'skipped'], ['fail', 'failed'],
  ] as const)('a listed group absent from the data, onNoData %s → %s', (onNoData, status) => {
    const f = one({ kpi: 'csat_pct', scope: 'team', groups: ['Biling'], min: 80, onNoData });
    expect(f[0]).toMatchObject({ code: 'NO_DATA', status, group: 'Biling', value: null, n: 0 });
  });

  it('a count of nothing (tickets 0, n 0) is a value, judged by min/max; rates and durations with n = 0 have none', () => {
    const empty = report('team', [[null, { tickets: v(0, 0), csat_pct: v(null, 0) }], ['Billing', { tickets: v(0, 0), csat_pct: v(null, 0) }]]);
    for (const scope of ['overall', 'team'] as const) {
      expect(one({ kpi: 'tickets', scope, min: 1 }, { minSample: 20 }, empty)[0]).toMatchObject({ code: 'THRESHOLD_BREACH', status: 'failed', value: 0, n: 0 });
      expect(one({ kpi: 'tickets', scope, max: 10 }, { minSample: 20 }, empty)[0]).toMatchObject({ code: 'THRESHOLD_OK', status: 'passed' });
      // a minimum sample the threshold sets applies to counts too
      expect(one({ kpi: 'tickets', scope, min: 1, minSample: 5 }, { minSample: 20 }, empty)[0].code).toBe('LOW_SAMPLE');
      expect(one({ kpi: 'csat_pct', scope, min: 80 }, { minSample: 20 }, empty)[0]).toMatchObject({ code: 'NO_DATA', status: 'warned' });
    }
  });

  it('overall reads the overall row of any report', () => {
    expect(one({ kpi: 'tickets', scope: 'overall', max: 59 })[0]).toMatchObject({ status: 'failed', value: 60, group: null });
  });

  it('picks the report grouped by each scope', () => {
    const agents = report('agent', [[null, { tickets: v(60, 60) }], ['Ana', { tickets: v(12, 12) }]]);
    const findings = evaluateThresholds([teams, agents], [
      { kpi: 'tickets', scope: 'agent', min: 13 },
      { kpi: 'tickets', scope: 'team', groups: ['Billing'], min: 13 },
    ], { minSample: 20 }).findings;
    expect(findings.map((f) => [f.scope, f.group, f.status])).toEqual([['agent', 'Ana', 'failed'], ['team', 'Billing', 'passed']]);
  });

  it('orders findings failed, warned, info, skipped, passed, then by config order', () => {
    const findings = evaluateThresholds(teams, [
      { kpi: 'tickets', scope: 'overall', min: 1 },
      { kpi: 'csat_pct', scope: 'overall', min: 99, level: 'info' },
      { kpi: 'csat_pct', scope: 'team', groups: ['Nobody'], min: 1, onNoData: 'skip' },
      { kpi: 'csat_pct', scope: 'overall', min: 99, level: 'warn' },
      { kpi: 'csat_pct', scope: 'overall', min: 99 },
    ], { minSample: 20 });
    expect(findings.findings.map((f) => [f.threshold, f.status])).toEqual([[4, 'failed'], [3, 'warned'], [1, 'info'], [2, 'skipped'], [0, 'passed']]);
    expect(findings.summary).toEqual({ passed: 1, failed: 1, warned: 1, info: 1, skipped: 1 });
  });

  describe('regression against a baseline', () => {
    const baseline = report('team', [[null, { csat_pct: v(85.1, 40) }], ['Billing', { csat_pct: v(90, 30) }], ['Support', { csat_pct: v(80, 5) }]]);
    const regress = (t: Partial<ThresholdConfig>, base: Report[] | undefined = [baseline]) =>
      evaluateThresholds(teams, [{ kpi: 'csat_pct', scope: 'team', ...t }], { minSample: 20, baseline: base }).findings;

    it('maxDrop compares the fall in the KPI unit: 90 → 85 is a drop of 5', () => {
      expect(regress({ groups: ['Billing'], maxDrop: 5 })[0]).toMatchObject({ status: 'passed', bounds: [{ kind: 'maxDrop', actual: 5, breached: false }] });
      expect(regress({ groups: ['Billing'], maxDrop: 4.9 })[0]).toMatchObject({ status: 'failed', baseline: { value: 90, n: 30 } });
    });

    it('a drop equal to the limit passes without floating-point noise (85.1 − 80 = 5.1)', () => {
      const f = evaluateThresholds(teams, [{ kpi: 'csat_pct', scope: 'overall', maxDrop: 5.1 }], { minSample: 20, baseline: [baseline] }).findings[0];
      expect(f.bounds[0]).toEqual({ kind: 'maxDrop', limit: 5.1, actual: 5.1, breached: false });
    });

    it('maxRise compares the rise', () => {
      const f = evaluateThresholds(teams, [{ kpi: 'csat_pct', scope: 'overall', maxRise: 0 }], { minSample: 20, baseline: [report(null, [[null, { csat_pct: v(79, 40) }]])] }).findings[0];
      expect(f).toMatchObject({ status: 'failed', bounds: [{ kind: 'maxRise', actual: 1, breached: true }] });
    });

    it('a group missing from the baseline follows onNoData; a thin baseline follows onLowSample', () => {
      const missing = regress({ groups: ['Billing'], maxDrop: 5 }, [report('team', [[null, { csat_pct: v(80, 50) }]])]);
      expect(missing[0]).toMatchObject({ code: 'NO_BASELINE', status: 'warned', baseline: null });
      expect(regress({ groups: ['Support'], maxDrop: 5, onLowSample: 'warn' })[0]).toMatchObject({ code: 'LOW_SAMPLE', status: 'warned' });
    });

    it('an absolute limit is still judged when the baseline is missing', () => {
      expect(regress({ groups: ['Support'], min: 85, maxDrop: 5 }, [])[0]).toMatchObject({ code: 'THRESHOLD_BREACH', status: 'failed' });
      expect(regress({ groups: ['Support'], min: 80, maxDrop: 5 }, [])[0]).toMatchObject({ code: 'NO_BASELINE', status: 'warned' });
    });
  });
});
