import { KPIS } from '../kpi/catalog.js';
import { GROUP_FIELDS } from '../kpi/ticket-table.js';

export type ThresholdLevel = 'error' | 'warn' | 'info';
export type LowSamplePolicy = 'skip' | 'warn' | 'fail';
export type NoDataPolicy = 'warn' | 'fail' | 'skip';

/** One entry of the config's `thresholds` array, as validated (DESIGN §10, README "teamkpi check"). */
export interface ThresholdConfig {
  kpi: string;
  /** `overall` or a group field (`team`, `agent`, …). */
  scope: string;
  groups?: string[];
  excludeGroups?: string[];
  min?: number;
  max?: number;
  /** Largest allowed fall from the baseline value, in the KPI's own unit (points, minutes …). */
  maxDrop?: number;
  /** Largest allowed rise from the baseline value, in the KPI's own unit. */
  maxRise?: number;
  level?: ThresholdLevel;
  minSample?: number;
  onLowSample?: LowSamplePolicy;
  onNoData?: NoDataPolicy;
  /** Free text shown with the result (why the threshold exists, who owns it). */
  description?: string;
}

export const THRESHOLD_KEYS = ['kpi', 'scope', 'groups', 'excludeGroups', 'min', 'max', 'maxDrop', 'maxRise', 'level', 'minSample', 'onLowSample', 'onNoData', 'description'] as const;
export const THRESHOLD_LEVELS: readonly ThresholdLevel[] = ['error', 'warn', 'info'];
export const LOW_SAMPLE_POLICIES: readonly LowSamplePolicy[] = ['skip', 'warn', 'fail'];
export const NO_DATA_POLICIES: readonly NoDataPolicy[] = ['warn', 'fail', 'skip'];
/** Scopes a threshold may name: the whole window, or one group field. */
export const THRESHOLD_SCOPES: readonly string[] = ['overall', ...GROUP_FIELDS];

/**
 * Check the `thresholds` section and push one problem per mistake, each with its dotted path
 * (`thresholds[2].kpi: …`) and the valid names. KPI ids come from the catalog, the single
 * definition of every KPI, so a misspelled id can never silently pass.
 */
export function validateThresholds(raw: unknown, problems: string[]): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    problems.push('thresholds: must be a list of threshold objects');
    return;
  }
  const kpiIds = KPIS.map((k) => k.id);
  raw.forEach((entry: unknown, i) => {
    const at = `thresholds[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: must be an object like {"kpi": "csat_pct", "scope": "team", "min": 85}`);
      return;
    }
    const t = entry as Record<string, unknown>;
    for (const key of Object.keys(t)) {
      if (!(THRESHOLD_KEYS as readonly string[]).includes(key)) problems.push(`${at}.${key}: unknown key (valid keys: ${THRESHOLD_KEYS.join(', ')})`);
    }
    if (t.kpi === undefined) problems.push(`${at}.kpi: missing (valid ids: ${kpiIds.join(', ')})`);
    else if (typeof t.kpi !== 'string' || !kpiIds.includes(t.kpi)) {
      problems.push(`${at}.kpi: unknown KPI id ${JSON.stringify(t.kpi)}${suggest(t.kpi, kpiIds)} (valid ids: ${kpiIds.join(', ')})`);
    }
    if (t.scope === undefined) problems.push(`${at}.scope: missing (valid scopes: ${THRESHOLD_SCOPES.join(', ')})`);
    else if (typeof t.scope !== 'string' || !THRESHOLD_SCOPES.includes(t.scope)) {
      problems.push(`${at}.scope: unknown scope ${JSON.stringify(t.scope)}${suggest(t.scope, THRESHOLD_SCOPES)} (valid scopes: ${THRESHOLD_SCOPES.join(', ')})`);
    }
    for (const key of ['groups', 'excludeGroups'] as const) {
      if (t[key] === undefined) continue;
      if (!Array.isArray(t[key]) || (t[key] as unknown[]).some((g) => typeof g !== 'string')) problems.push(`${at}.${key}: must be a list of group names (strings)`);
      else if (t.scope === 'overall') problems.push(`${at}.${key}: not allowed with scope "overall" (it has one group, the whole window)`);
    }
    for (const key of ['min', 'max', 'maxDrop', 'maxRise'] as const) {
      if (t[key] !== undefined && !(typeof t[key] === 'number' && Number.isFinite(t[key]))) problems.push(`${at}.${key}: must be a number`);
    }
    for (const key of ['maxDrop', 'maxRise'] as const) {
      if (typeof t[key] === 'number' && (t[key] as number) < 0) problems.push(`${at}.${key}: must be ≥ 0 (a change in the KPI's own unit)`);
    }
    if (t.min === undefined && t.max === undefined && t.maxDrop === undefined && t.maxRise === undefined) {
      problems.push(`${at}: needs at least one of min, max, maxDrop, maxRise`);
    }
    if (typeof t.min === 'number' && typeof t.max === 'number' && t.min > t.max) problems.push(`${at}: min ${t.min} is above max ${t.max}, so every value would fail`);
    enumeration(t.level, THRESHOLD_LEVELS, `${at}.level`, problems);
    enumeration(t.onLowSample, LOW_SAMPLE_POLICIES, `${at}.onLowSample`, problems);
    enumeration(t.onNoData, NO_DATA_POLICIES, `${at}.onNoData`, problems);
    if (t.minSample !== undefined && !(Number.isInteger(t.minSample) && (t.minSample as number) >= 0)) problems.push(`${at}.minSample: must be a whole number ≥ 0`);
    if (t.description !== undefined && typeof t.description !== 'string') problems.push(`${at}.description: must be a string`);
  });
}

function enumeration(value: unknown, allowed: readonly string[], path: string, problems: string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}

/** ` — did you mean "x"?` for a near miss (edit distance ≤ 2 or a case/separator difference). */
function suggest(value: unknown, valid: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of valid) {
    const d = norm(candidate) === norm(value) ? 0 : editDistance(value.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === null ? '' : ` — did you mean "${best}"?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
