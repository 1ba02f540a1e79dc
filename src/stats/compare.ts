import type { Comparison, ComparisonRow, KpiComparison, KpiValue, Report, ReportRow } from '../model/report.js';
import { meanAndSd, type Basis } from './basis.js';
import { ALPHA } from './distributions.js';
import { exactNumber } from '../report/format-value.js';
import { zoneIdentity } from '../time/zone.js';
import { intervalZ, mannWhitneyU, npsDifferenceZ, twoProportionZ, welchT, type TestResult } from './significance.js';

export interface CompareOptions {
  source?: 'previous' | 'file';
  file?: string | null;
  /**
   * What a row's KPI was computed from, when the caller still has it (the samples behind a
   * duration make Mann–Whitney possible; a report read from JSON has none).
   */
  basisOf?: (row: ReportRow, kpiId: string) => Basis | undefined;
}

/** A count over no tickets. */
const NO_COUNT: KpiValue = { value: 0, n: 0 };

/**
 * The baseline value of KPI `id` for a group with no row in the baseline (or its period): a count
 * starts from 0 where the baseline counted it (a group it had no row for had none of those
 * tickets); a rate or duration of nothing has no value, nor has a count the baseline never gave
 * (not in its definitions, or null in every row: an export that cannot say). `check` asks too.
 */
export function absentGroupBaseline(baseline: Report, id: string): KpiValue | undefined {
  const def = baseline.definitions[id];
  if (def === undefined || def.unit !== 'count') return undefined;
  return baseline.rows.some((row) => row.kpis[id] !== undefined && row.kpis[id].value !== null) ? NO_COUNT : undefined;
}

/** Stable key of a group (field order independent). */
function groupKey(group: Record<string, string>): string {
  return JSON.stringify(Object.keys(group).sort().map((k) => [k, group[k]]));
}

/** Periods in the order the rows list them (chronological in reports). */
function periodsOf(report: Report): (string | null)[] {
  const seen: (string | null)[] = [];
  for (const row of report.rows) if (!seen.includes(row.period)) seen.push(row.period);
  return seen;
}

/**
 * Compare two reports row by row: every group of `current` against the same group of
 * `baseline`, the k-th period of one against the k-th period of the other (so this week against
 * last week, or a month of weeks against the month before); `period: all` reports simply match
 * by group. Each KPI present in both gets the delta and a 95% verdict:
 * two-proportion z for percentages, the NPS difference z for NPS, Mann–Whitney U for duration
 * quantiles when samples are at hand (`basisOf`), Welch's t for means, and otherwise an
 * approximate z from the two intervals. Counts get a delta only. Pure; the reports are not changed.
 */
export function compareReports(current: Report, baseline: Report, options: CompareOptions = {}): Comparison {
  const basePeriods = periodsOf(baseline);
  const curPeriods = periodsOf(current);
  const baseRows = new Map<string, ReportRow>();
  for (const row of baseline.rows) baseRows.set(`${basePeriods.indexOf(row.period)}\u0000${groupKey(row.group)}`, row);
  const ids = Object.keys(current.definitions).filter((id) => id in baseline.definitions);

  const rows: ComparisonRow[] = current.rows.map((row) => {
    const index = curPeriods.indexOf(row.period);
    const prev = baseRows.get(`${index}\u0000${groupKey(row.group)}`);
    const kpis: Record<string, KpiComparison> = {};
    for (const id of ids) {
      const cur = row.kpis[id];
      if (cur === undefined) continue;
      // A group the baseline's period has no row for had none of the things counts count: 0 (a
      // rate or a duration of nothing has no value). Without that period there is no baseline.
      const old = prev !== undefined ? prev.kpis[id] : index < basePeriods.length ? absentGroupBaseline(baseline, id) : undefined;
      kpis[id] = compareValue(
        current.definitions[id],
        cur, old,
        options.basisOf?.(row, id),
        prev === undefined ? undefined : options.basisOf?.(prev, id),
      );
    }
    return { period: row.period, baselinePeriod: index < basePeriods.length ? basePeriods[index] : null, group: row.group, kpis };
  });
  return {
    baseline: {
      source: options.source ?? 'file',
      file: options.file ?? null,
      window: baseline.window,
      generatedAt: baseline.generatedAt,
    },
    alpha: ALPHA,
    rows,
  };
}

/**
 * One KPI against its baseline value. `def` gives unit and direction; the bases, when given,
 * carry the raw material (samples, counts) behind each value.
 */
export function compareValue(
  def: { unit: string; direction: string },
  cur: KpiValue,
  old: KpiValue | undefined,
  curBasis?: Basis,
  oldBasis?: Basis,
): KpiComparison {
  const previous = old?.value ?? null;
  // To 9 decimals, as reports state values: a saved baseline holds them rounded, so an unchanged
  // value read again differs from it by less than that, and is unchanged.
  // The values as stated (9 decimals) subtracted: the delta is what the report's two numbers give.
  const delta = cur.value === null || previous === null ? null : exactNumber(exactNumber(cur.value) - exactNumber(previous));
  const result: KpiComparison = {
    current: cur.value,
    previous,
    delta,
    change: delta === null ? null : delta === 0 ? 'unchanged' : (delta > 0) === (def.direction === 'higher') ? 'better' : 'worse',
    nCurrent: cur.n,
    nPrevious: old?.n ?? 0,
    test: null,
    statistic: null,
    pValue: null,
    significant: null,
    lowSample: cur.lowSample === true || old?.lowSample === true,
  };
  if (old === undefined || delta === null || def.unit === 'count') return result;
  const test = chooseTest(def.unit, cur, old, curBasis, oldBasis);
  if (test === null) return result;
  result.test = test.test;
  result.statistic = test.statistic;
  result.pValue = test.pValue;
  result.significant = test.pValue === null ? null : test.pValue < ALPHA;
  return result;
}

function chooseTest(unit: string, cur: KpiValue, old: KpiValue, cb?: Basis, ob?: Basis): TestResult | null {
  if (cb?.type === 'quantile' && ob?.type === 'quantile') return mannWhitneyU(cb.sorted, ob.sorted);
  if (unit === 'pct') {
    const x = (v: KpiValue, b?: Basis): number => (b?.type === 'proportion' ? b.x : Math.round(((v.value ?? 0) * v.n) / 100));
    return twoProportionZ(x(cur, cb), cur.n, x(old, ob), old.n);
  }
  if (unit === 'nps') {
    const mix = (v: KpiValue, b?: Basis) => (b?.type === 'nps' ? b : v.promoters !== undefined && v.detractors !== undefined ? { promoters: v.promoters, detractors: v.detractors, n: v.n } : null);
    const a = mix(cur, cb), b = mix(old, ob);
    if (a !== null && b !== null) return npsDifferenceZ(a, b);
  }
  const moments = (v: KpiValue, b?: Basis) => {
    if (b?.type === 'mean' || b?.type === 'sample-mean') return meanAndSd(b);
    return v.sd !== undefined && v.value !== null ? { mean: v.value, sd: v.sd, n: v.n } : null;
  };
  const ma = moments(cur, cb), mb = moments(old, ob);
  if (ma !== null && mb !== null) return welchT(ma, mb);
  return intervalZ(cur.value!, cur.ci95, old.value!, old.ci95);
}

/**
 * Why a baseline's values are not comparable with this run's, or null: both must count minutes
 * on the same clock (`--hours`), place tickets by the same date (`--date-basis`) and count days in
 * the same zone (`--tz`), or a difference would be the method's, not the team's.
 */
export function computedDifferently(current: Partial<Pick<Report, 'hours' | 'dateBasis' | 'timezone'>>, baseline: Partial<Pick<Report, 'hours' | 'dateBasis' | 'timezone'>>): { what: string; hint: string } | null {
  const flags = [['hours', '--hours'], ['dateBasis', '--date-basis'], ['timezone', '--tz']] as const;
  for (const [key, flag] of flags) {
    const a = current[key], b = baseline[key];
    if (a !== undefined && b !== undefined && a !== b && !(key === 'timezone' && zoneIdentity(a) === zoneIdentity(b))) {
      return { what: `the baseline was computed with ${flag} ${b}, this run with ${flag} ${a}`, hint: `run with ${flag} ${b}, or make a new baseline with the same ${flag}` };
    }
  }
  return null;
}

/**
 * Why a report cannot serve as the baseline of another, or null when it can: both must group by
 * the same fields and bucket by the same period, or rows would be compared with the wrong rows.
 */
export function baselineMismatch(
  current: Pick<Report, 'groupBy' | 'period'> & Partial<Pick<Report, 'hours' | 'dateBasis' | 'timezone'>>,
  baseline: Pick<Report, 'groupBy' | 'period'> & Partial<Pick<Report, 'hours' | 'dateBasis' | 'timezone'>>,
): { what: string; hint: string } | null {
  const computed = computedDifferently(current, baseline);
  if (computed !== null) return computed;
  const a = current.groupBy.join(','), b = baseline.groupBy.join(',');
  if (a !== b) {
    return {
      what: `the baseline is grouped by ${b === '' ? 'nothing (overall only)' : `"${b}"`}, this run by ${a === '' ? 'nothing (overall only)' : `"${a}"`}`,
      hint: b === '' ? 'run without --by, or make a new baseline with the same --by' : `run with --by ${b}, or make a new baseline with the same --by`,
    };
  }
  if (current.period !== baseline.period) {
    return {
      what: `the baseline is bucketed by period "${baseline.period}", this run by "${current.period}"`,
      hint: `run with --period ${baseline.period}, or make a new baseline with the same --period`,
    };
  }
  return null;
}
