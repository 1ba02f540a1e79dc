import { describe, expect, it } from 'vitest';
import type { KpiValue, Report, ReportRow } from '../../../src/model/report.js';
import { absentGroupBaseline, compareReports, compareValue } from '../../../src/stats/compare.js';
import type { Basis } from '../../../src/stats/basis.js';

const DEFS: Report['definitions'] = {
  tickets: { label: 'Tickets', unit: 'count', direction: 'higher', method: '' },
  csat_pct: { label: 'CSAT %', unit: 'pct', direction: 'higher', method: '' },
  nps: { label: 'NPS', unit: 'nps', direction: 'higher', method: '' },
  frt_median_minutes: { label: 'FRT median', unit: 'minutes', direction: 'lower', method: '' },
  ces_mean: { label: 'CES mean', unit: 'score', direction: 'higher', method: '' },
};

function report(window: Report['window'], rows: ReportRow[], period = 'all'): Report {
  return {
    schemaVersion: 1, tool: { name: 'teamkpi', version: '0' }, generatedAt: '2026-11-23T07:00:00Z', timezone: 'UTC', window, period,
    dateBasis: 'created', hours: 'calendar', groupBy: ['team'], definitions: DEFS, rows, comparison: null,
    dataQuality: { inputs: [], surveys: { matched: 0, orphaned: 0, duplicates: 0 }, issues: [], issuesTruncated: 0 },
  };
}
const v = (value: number | null, n: number, extra: Partial<KpiValue> = {}): KpiValue => ({ value, n, lowSample: false, ...extra });

describe('compareReports', () => {
  const cur = report({ from: '2026-11-16', to: '2026-11-22' }, [
    { period: null, group: {}, kpis: { tickets: v(120, 120), csat_pct: v(45, 100), nps: v(30, 100, { promoters: 50, detractors: 20 }), frt_median_minutes: v(10, 40, { ci95: [6.08, 13.92] }), ces_mean: v(3, 5, { sd: Math.sqrt(2.5) }) } },
    { period: null, group: { team: 'Billing' }, kpis: { tickets: v(10, 10), csat_pct: v(90, 20, { lowSample: false }), nps: v(null, 0), frt_median_minutes: v(5, 3, { lowSample: true }), ces_mean: v(null, 0) } },
    { period: null, group: { team: 'New' }, kpis: { tickets: v(1, 1), csat_pct: v(100, 1, { lowSample: true }), nps: v(null, 0), frt_median_minutes: v(null, 0), ces_mean: v(null, 0) } },
  ]);
  const old = report({ from: '2026-11-09', to: '2026-11-15' }, [
    { period: null, group: {}, kpis: { tickets: v(100, 100), csat_pct: v(30, 100), nps: v(0, 100, { promoters: 30, detractors: 30 }), frt_median_minutes: v(4, 40, { ci95: [2.04, 5.96] }), ces_mean: v(7, 6, { sd: Math.sqrt(14) }) } },
    { period: null, group: { team: 'Billing' }, kpis: { tickets: v(12, 12), csat_pct: v(80, 20), nps: v(null, 0), frt_median_minutes: v(4, 25), ces_mean: v(null, 0) } },
  ]);
  const c = compareReports(cur, old, { source: 'file', file: 'old.json' });

  it('describes the baseline', () => {
    expect(c.baseline).toEqual({ source: 'file', file: 'old.json', window: { from: '2026-11-09', to: '2026-11-15' }, generatedAt: '2026-11-23T07:00:00Z' });
    expect(c.alpha).toBe(0.05);
    expect(c.rows.map((r) => r.group)).toEqual([{}, { team: 'Billing' }, { team: 'New' }]);
  });
  it('calls a value unchanged against its own 9-decimal text in a saved baseline', () => {
    // 1 of 3 satisfied: 33.33333333333333 now; the saved report holds 33.333333333.
    const now = report({ from: '2026-11-16', to: '2026-11-22' }, [{ period: null, group: {}, kpis: { csat_pct: v(100 / 3, 3), ces_mean: v(8 / 3, 3, { sd: 1 }) } }]);
    const saved = report({ from: '2026-11-09', to: '2026-11-15' }, [{ period: null, group: {}, kpis: { csat_pct: v(33.333333333, 3), ces_mean: v(2.666666667, 3, { sd: 1 }) } }]);
    const k = compareReports(now, saved, { source: 'file', file: 'old.json' }).rows[0].kpis;
    expect(k.csat_pct).toMatchObject({ delta: 0, change: 'unchanged' });
    expect(k.ces_mean).toMatchObject({ delta: 0, change: 'unchanged' });
  });
  it('gives counts a delta and no test', () => {
    expect(c.rows[0].kpis.tickets).toMatchObject({ current: 120, previous: 100, delta: 20, change: 'better', test: null, significant: null });
  });
  it('tests percentages with the two-proportion z (x recovered as value·n/100)', () => {
    // 45/100 vs 30/100: z = 2.1909, p = 0.0285 (hand calculation in significance.test.ts)
    expect(c.rows[0].kpis.csat_pct).toMatchObject({ delta: 15, change: 'better', test: 'two-proportion-z', significant: true });
    expect(c.rows[0].kpis.csat_pct.pValue).toBeCloseTo(0.02846, 3);
  });
  it('tests NPS with the difference z from the stored mix', () => {
    // z = 30/11 (significance.test.ts)
    expect(c.rows[0].kpis.nps.statistic).toBeCloseTo(30 / 11, 9);
    expect(c.rows[0].kpis.nps.significant).toBe(true);
  });
  it('reads a lower-is-better rise as worse; durations without samples use the interval z', () => {
    expect(c.rows[0].kpis.frt_median_minutes).toMatchObject({ delta: 6, change: 'worse', test: 'interval-z', significant: true });
    expect(c.rows[0].kpis.frt_median_minutes.statistic).toBeCloseTo(6 / Math.sqrt(5), 3);
  });
  it("tests means with Welch's t from the stored sd", () => {
    expect(c.rows[0].kpis.ces_mean).toMatchObject({ delta: -4, change: 'worse', test: 'welch-t' });
    expect(c.rows[0].kpis.ces_mean.statistic).toBeCloseTo(-2.37636, 4);
  });
  it('flags low samples on either side, and leaves groups new to the baseline without a previous value', () => {
    expect(c.rows[1].kpis.frt_median_minutes.lowSample).toBe(true);
    expect(c.rows[1].kpis.csat_pct.lowSample).toBe(false);
    expect(c.rows[1].kpis.nps).toMatchObject({ current: null, previous: null, delta: null, change: null, test: null });
    expect(c.rows[2].kpis.csat_pct).toMatchObject({ current: 100, previous: null, delta: null, nPrevious: 0, lowSample: true, test: null });
  });
  it('counts a group new to the baseline from 0 (it had no tickets then), where the baseline has that period', () => {
    expect(c.rows[2].kpis.tickets).toMatchObject({ current: 1, previous: 0, delta: 1, change: 'better', nPrevious: 0, test: null });
    // A period the baseline does not have: nothing to count from.
    const weekly = report({ from: '2026-11-09', to: '2026-11-22' }, [
      { period: '2026-W46', group: {}, kpis: { tickets: v(3, 3) } },
      { period: '2026-W47', group: {}, kpis: { tickets: v(4, 4) } },
    ], 'week');
    const oneWeek = report({ from: '2026-11-02', to: '2026-11-08' }, [{ period: '2026-W45', group: { team: 'Other' }, kpis: { tickets: v(2, 2) } }], 'week');
    const w = compareReports(weekly, oneWeek).rows;
    expect(w[0].kpis.tickets).toMatchObject({ previous: 0, delta: 3 });
    expect(w[1].kpis.tickets).toMatchObject({ previous: null, delta: null });
  });
  it('does not count from 0 a count the baseline never gave (not defined, or null in every row)', () => {
    const base = report({ from: '2026-11-09', to: '2026-11-15' }, [{ period: null, group: {}, kpis: { tickets: v(null, 0), csat_pct: v(50, 10) } }]);
    expect(absentGroupBaseline(base, 'tickets')).toBeUndefined(); // null everywhere: the export could not say
    expect(absentGroupBaseline(base, 'csat_pct')).toBeUndefined(); // a rate of nothing
    expect(absentGroupBaseline({ ...base, definitions: { csat_pct: DEFS.csat_pct } }, 'tickets')).toBeUndefined();
    expect(absentGroupBaseline(old, 'tickets')).toEqual({ value: 0, n: 0 });
  });
  it('uses Mann–Whitney when the samples are at hand', () => {
    const bases = new Map<ReportRow, Basis>([
      [cur.rows[0], { type: 'quantile', sorted: [1, 2, 3, 4, 5], p: 0.5 }],
      [old.rows[0], { type: 'quantile', sorted: [3, 6, 7, 8, 9], p: 0.5 }],
    ]);
    const m = compareReports(cur, old, { source: 'previous', basisOf: (row, id) => (id === 'frt_median_minutes' ? bases.get(row) : undefined) });
    expect(m.baseline.source).toBe('previous');
    expect(m.rows[0].kpis.frt_median_minutes.test).toBe('mann-whitney-u');
    expect(m.rows[0].kpis.frt_median_minutes.statistic).toBeCloseTo(-1.99053, 4);
  });
  it('matches bucketed reports period by position', () => {
    const weeks = (labels: string[], base: number) => labels.map((period, i) => ({ period, group: {}, kpis: { tickets: v(base + i, base + i) } }));
    const a = report({ from: '2026-11-09', to: '2026-11-22' }, weeks(['2026-W46', '2026-W47'], 10), 'week');
    const b = report({ from: '2026-10-26', to: '2026-11-08' }, weeks(['2026-W44', '2026-W45'], 20), 'week');
    const m = compareReports(a, b);
    expect(m.rows.map((r) => [r.period, r.baselinePeriod, r.kpis.tickets.delta])).toEqual([['2026-W46', '2026-W44', -10], ['2026-W47', '2026-W45', -10]]);
  });
});

describe('compareValue delta', () => {
  it('is the stated current minus the stated previous (both to 9 decimals)', () => {
    // Stated 1.23456789 and 1.234567891: −0.000000001 (better, lower is better), where the
    // unrounded values differ by 0.0000000002, which states as 0 (unchanged).
    const c = compareValue({ unit: 'pct', direction: 'lower' }, { value: 1.2345678904, n: 100 }, { value: 1.2345678906, n: 100 });
    expect(c.delta).toBe(-0.000000001);
    expect(c.change).toBe('better');
  });
});
