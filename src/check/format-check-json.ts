import { exactNumber } from '../report/format-value.js';
import { describeOutcome, type CheckOutput } from './describe-finding.js';

/**
 * `--format json`: the findings as data (schema version 1). `result` is `fail` when an
 * error-level threshold failed, which is exactly when the command exits 1.
 */
export function formatCheckJson(o: CheckOutput): string {
  const num = (v: number | null) => (v === null ? null : exactNumber(v));
  const out = {
    schemaVersion: 1,
    tool: { name: 'teamkpi', command: 'check' },
    generatedAt: o.generatedAt,
    timezone: o.timezone,
    window: o.window,
    baseline: o.baseline,
    result: o.summary.failed > 0 ? 'fail' : 'pass',
    summary: o.summary,
    findings: o.findings.map((f) => ({
      code: f.code,
      status: f.status,
      level: f.level,
      threshold: f.threshold,
      kpi: f.kpi,
      scope: f.scope,
      group: f.group,
      value: num(f.value),
      n: f.n,
      minSample: f.minSample,
      limits: f.limits,
      baseline: f.baseline === null ? null : { value: num(f.baseline.value), n: f.baseline.n },
      bounds: f.bounds.map((b) => ({ ...b, actual: exactNumber(b.actual) })),
      message: describeOutcome(f),
      ...(f.description === null ? {} : { description: f.description }),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
