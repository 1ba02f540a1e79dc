import type { BoundCheck, CheckSummary, Finding, FindingStatus } from './evaluate-thresholds.js';

/** Everything a check formatter needs: the findings plus what they were computed over. */
export interface CheckOutput {
  findings: Finding[];
  summary: CheckSummary;
  generatedAt: string;
  timezone: string;
  window: { from: string | null; to: string | null };
  /** What `maxDrop`/`maxRise` compared with, when anything. */
  baseline: null | { kind: 'file'; files: string[] } | { kind: 'previous'; window: { from: string | null; to: string | null } };
}

export const STATUS_WORD: Record<FindingStatus, string> = { failed: 'FAIL', warned: 'WARN', info: 'INFO', skipped: 'SKIP', passed: 'PASS' };

/**
 * A number for messages: at most 2 decimals, but never rounded across or onto the limit it is
 * compared with (84.996 against min 85 shows as 84.996, not 85; 3.925301205 against max
 * 3.925301205 as itself, not 3.93).
 */
export function showNumber(value: number, limit?: number): string {
  const short = Number(value.toFixed(2));
  if (limit !== undefined && Math.sign(short - limit) !== Math.sign(value - limit)) return String(Number(value.toFixed(9)));
  return String(short);
}

/** A finding's value for tables and test reports: `showNumber` against each of its min and max. */
export function showValue(f: Finding): string {
  if (f.value === null) return '—';
  for (const limit of [f.limits.min, f.limits.max]) {
    if (limit === undefined) continue;
    const text = showNumber(f.value, limit);
    if (text !== showNumber(f.value)) return text;
  }
  return showNumber(f.value);
}

/** `team=Billing`, `overall`, or `team=*` when the scope had no groups. */
export function groupLabel(f: Finding): string {
  if (f.scope === 'overall') return 'overall';
  return f.group === null ? `${f.scope}=*` : `${f.scope}=${f.group}`;
}

/** `min 85, max 100, drop ≤ 5` — the limits a threshold sets, for test names and tables. */
export function limitsText(f: Finding): string {
  const t = f.limits;
  const parts: string[] = [];
  if (t.min !== undefined) parts.push(`min ${t.min}`);
  if (t.max !== undefined) parts.push(`max ${t.max}`);
  if (t.maxDrop !== undefined) parts.push(`maxDrop ${t.maxDrop}`);
  if (t.maxRise !== undefined) parts.push(`maxRise ${t.maxRise}`);
  return parts.join(', ');
}

/** A stable, unique-per-threshold name: `csat_pct team=Billing`. */
export function findingName(f: Finding): string {
  return `${f.kpi} ${groupLabel(f)}`;
}

function describeBound(b: BoundCheck, f: Finding): string {
  const base = f.baseline?.value ?? 0;
  switch (b.kind) {
    case 'min': return b.breached ? `${showNumber(b.actual, b.limit)} is below min ${b.limit}` : `${showNumber(b.actual, b.limit)} ≥ min ${b.limit}`;
    case 'max': return b.breached ? `${showNumber(b.actual, b.limit)} is above max ${b.limit}` : `${showNumber(b.actual, b.limit)} ≤ max ${b.limit}`;
    case 'maxDrop': return b.breached
      ? `dropped ${showNumber(b.actual, b.limit)} from baseline ${showNumber(base)}, more than maxDrop ${b.limit}`
      : `change ${signed(-b.actual)} from baseline ${showNumber(base)} within maxDrop ${b.limit}`;
    case 'maxRise': return b.breached
      ? `rose ${showNumber(b.actual, b.limit)} from baseline ${showNumber(base)}, more than maxRise ${b.limit}`
      : `change ${signed(b.actual)} from baseline ${showNumber(base)} within maxRise ${b.limit}`;
  }
}

function signed(value: number): string {
  return value > 0 ? `+${showNumber(value)}` : showNumber(value === 0 ? 0 : value);
}

/** The outcome in one sentence, without the KPI and group (callers prefix those). */
export function describeOutcome(f: Finding): string {
  switch (f.code) {
    case 'NO_DATA':
      if (f.group === null && f.scope !== 'overall') return `no ${f.scope} groups in the window`;
      return 'no data in the window for this group';
    case 'LOW_SAMPLE': {
      const baselineLow = f.n >= f.minSample && f.baseline !== null && f.baseline.n < f.minSample;
      return baselineLow
        ? `baseline n=${f.baseline!.n} is below the minimum sample ${f.minSample}; not compared`
        : `n=${f.n} is below the minimum sample ${f.minSample}; value ${f.value === null ? '—' : showNumber(f.value)} not judged`;
    }
    case 'NO_BASELINE':
      return `${f.value === null ? '' : `${showNumber(f.value)} (n=${f.n}); `}no baseline value to compare with`;
    default: {
      const shown = f.status === 'passed' ? f.bounds : f.bounds.filter((b) => b.breached);
      return `${shown.map((b) => describeBound(b, f)).join('; ')} (n=${f.n})`;
    }
  }
}

/** `csat_pct team=Billing: 80 is below min 85 (n=20)` */
export function describeFinding(f: Finding): string {
  return `${findingName(f)}: ${describeOutcome(f)}`;
}

/** `3 passed, 1 failed, 1 warned, 2 skipped` (`, 1 info` when any threshold is informational). */
export function summaryLine(s: CheckSummary): string {
  return `${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped${s.info > 0 ? `, ${s.info} info` : ''}`;
}

/** One line describing the window, zone and baseline the check ran over. */
export function describeRun(o: CheckOutput): string {
  const w = o.window;
  const window = w.from === null && w.to === null ? 'all dates' : `${w.from ?? '…'} to ${w.to ?? '…'}`;
  let baseline = '';
  if (o.baseline?.kind === 'file') baseline = ` · baseline ${o.baseline.files.join(', ')}`;
  if (o.baseline?.kind === 'previous') baseline = ` · baseline: previous window ${o.baseline.window.from} to ${o.baseline.window.to}`;
  return `window ${window} (${o.timezone})${baseline}`;
}
