import { ConfigError } from '../errors.js';
import { isValidZone } from '../time/zone.js';
import { KPI_IDS } from '../kpi/catalog.js';
import { validateInputs, type InputsConfig } from './validate-inputs.js';
import { validateThresholds, type ThresholdConfig } from './validate-thresholds.js';

export interface Config {
  $schema?: string;
  timezone?: string;
  inputTimezone?: string;
  /** A whole number for every KPI, or `{ "default": 20, "csat_pct": 30 }` per KPI id. */
  minSample?: number | Record<string, number>;
  roster?: { teams?: Record<string, string[]>; aliases?: Record<string, string> };
  csat?: { scale?: 2 | 3 | 5 | 7 | 10 };
  ces?: { scale?: 5 | 7 };
  inputs?: InputsConfig;
  /** Sections owned by later features; accepted and passed through. */
  fcr?: unknown;
  businessHours?: unknown;
  sla?: unknown;
  thresholds?: ThresholdConfig[];
}

export const TOP_LEVEL = ['$schema', 'timezone', 'inputTimezone', 'minSample', 'roster', 'csat', 'ces', 'inputs', 'fcr', 'businessHours', 'sla', 'thresholds'];

/** Check a parsed config; every problem is collected and reported at once with its dotted path. */
export function validateConfig(raw: unknown, file: string): Config {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file}: the config must be a JSON object`, { location: file });
  }
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!TOP_LEVEL.includes(key)) problems.push(`${key}: unknown key (valid keys: ${TOP_LEVEL.join(', ')})`);
  }
  for (const key of ['timezone', 'inputTimezone'] as const) {
    if (c[key] !== undefined && (typeof c[key] !== 'string' || !isValidZone(c[key] as string))) {
      problems.push(`${key}: ${JSON.stringify(c[key])} is not an IANA time zone (e.g. "Europe/Athens")`);
    }
  }
  if (c.minSample !== undefined) problems.push(...minSampleProblems(c.minSample));
  if (c.roster !== undefined) {
    const r = c.roster as Record<string, unknown>;
    if (typeof r !== 'object' || r === null) problems.push('roster: must be an object with "teams" and/or "aliases"');
    else {
      for (const key of Object.keys(r)) if (key !== 'teams' && key !== 'aliases') problems.push(`roster.${key}: unknown key (valid keys: teams, aliases)`);
      if (r.teams !== undefined) {
        for (const [team, agents] of Object.entries(r.teams as object)) {
          if (!Array.isArray(agents) || agents.some((a) => typeof a !== 'string')) problems.push(`roster.teams.${team}: must be a list of agent names`);
        }
      }
      if (r.aliases !== undefined) {
        for (const [alias, name] of Object.entries(r.aliases as object)) if (typeof name !== 'string') problems.push(`roster.aliases.${alias}: must be an agent name`);
      }
    }
  }
  const scale = (section: 'csat' | 'ces', allowed: number[]) => {
    const s = c[section] as Record<string, unknown> | undefined;
    if (s === undefined) return;
    for (const key of Object.keys(s)) if (key !== 'scale') problems.push(`${section}.${key}: unknown key (valid keys: scale)`);
    if (s.scale !== undefined && !allowed.includes(s.scale as number)) problems.push(`${section}.scale: must be one of ${allowed.join(', ')}`);
  };
  scale('csat', [2, 3, 5, 7, 10]);
  scale('ces', [5, 7]);
  validateInputs(c.inputs, problems);
  validateThresholds(c.thresholds, problems);
  if (problems.length > 0) {
    throw new ConfigError(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the config:\n  ${problems.join('\n  ')}`, {
      location: file,
      hint: 'fix the keys listed; schema/config.schema.json describes every key',
    });
  }
  return c as Config;
}

/** `minSample`: a whole number ≥ 0, or an object of them keyed by `default` and KPI ids. */
function minSampleProblems(value: unknown): string[] {
  const whole = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  if (typeof value === 'number') return whole(value) ? [] : ['minSample: must be a whole number ≥ 0, or an object like { "default": 20, "csat_pct": 30 }'];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['minSample: must be a whole number ≥ 0, or an object like { "default": 20, "csat_pct": 30 }'];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'default' && !KPI_IDS.includes(key)) problems.push(`minSample.${key}: unknown KPI id (valid: default, ${KPI_IDS.join(', ')})`);
    else if (!whole(v)) problems.push(`minSample.${key}: must be a whole number ≥ 0`);
  }
  return problems;
}
