import { ConfigError } from '../errors.js';
import { isValidZone } from '../time/zone.js';
import { COUNT_IDS, KPI_IDS } from '../kpi/catalog.js';
import { validateInputs, type InputsConfig } from './validate-inputs.js';
import { validateThresholds, type ThresholdConfig } from './validate-thresholds.js';
import { WEEKDAY_KEYS, parseInterval, type BusinessHoursSpec } from '../time/business-calendar.js';
import { SLA_PRIORITY_KEYS, type SlaSpec } from '../time/sla.js';
import { parseDay } from '../time/parse-timestamp.js';

export interface Config {
  $schema?: string;
  timezone?: string;
  inputTimezone?: string;
  /** A whole number for every KPI, or `{ "default": 20, "csat_pct": 30 }` per KPI id. */
  minSample?: number | Record<string, number>;
  roster?: { teams?: Record<string, string[]>; aliases?: Record<string, string> };
  csat?: { scale?: 2 | 3 | 5 | 7 | 10 };
  ces?: { scale?: 5 | 7; effort?: boolean };
  inputs?: InputsConfig;
  /** Sections owned by later features; accepted and passed through. */
  fcr?: unknown;
  businessHours?: BusinessHoursSpec;
  sla?: SlaSpec;
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
      problems.push(...rosterConflicts(r));
    }
  }
  const scale = (section: 'csat' | 'ces', allowed: number[]) => {
    const s = c[section] as Record<string, unknown> | undefined;
    if (s === undefined) return;
    const keys = section === 'ces' ? ['scale', 'effort'] : ['scale'];
    for (const key of Object.keys(s)) if (!keys.includes(key)) problems.push(`${section}.${key}: unknown key (valid keys: ${keys.join(', ')})`);
    if (s.scale !== undefined && !allowed.includes(s.scale as number)) problems.push(`${section}.scale: must be one of ${allowed.join(', ')}`);
    if (s.effort !== undefined && typeof s.effort !== 'boolean') problems.push(`${section}.effort: must be true or false`);
  };
  scale('csat', [2, 3, 5, 7, 10]);
  scale('ces', [5, 7]);
  validateInputs(c.inputs, problems);
  validateThresholds(c.thresholds, problems);
  if (c.businessHours !== undefined) validateBusinessHours(c.businessHours, problems);
  if (c.sla !== undefined) validateSla(c.sla, problems);
  if (problems.length > 0) {
    throw new ConfigError(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the config:`, {
      location: file,
      items: problems,
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
    // A count is not an estimate from a sample: it is never flagged or held back (README, "Low samples").
    else if (COUNT_IDS.includes(key)) problems.push(`minSample.${key}: ${key} is a count, which has no minimum sample; remove it (a check threshold's own minSample can still skip small counts)`);
    else if (!whole(v)) problems.push(`minSample.${key}: must be a whole number ≥ 0`);
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, path: string, valid: readonly string[], problems: string[]): void {
  for (const key of Object.keys(value)) if (!valid.includes(key)) problems.push(`${path}.${key}: unknown key (valid keys: ${valid.join(', ')})`);
}

/** `businessHours`: `default` and/or `teams.<team>`, each a calendar (DESIGN §10). */
function validateBusinessHours(raw: unknown, problems: string[]): void {
  if (!isObject(raw)) {
    problems.push('businessHours: must be an object with "default" and/or "teams"');
    return;
  }
  unknownKeys(raw, 'businessHours', ['default', 'teams'], problems);
  if (raw.default !== undefined) validateCalendar(raw.default, 'businessHours.default', problems);
  if (raw.teams !== undefined) {
    if (!isObject(raw.teams)) problems.push('businessHours.teams: must be an object of team name → calendar');
    else for (const [team, calendar] of Object.entries(raw.teams)) validateCalendar(calendar, `businessHours.teams.${team}`, problems);
  }
}

const INTERVAL_HINT = 'a local interval like "09:00-17:00" (an end at or before the start runs past midnight, e.g. "22:00-06:00")';

function validateIntervals(raw: unknown, path: string, problems: string[]): void {
  if (!Array.isArray(raw)) {
    problems.push(`${path}: must be a list of intervals like ["09:00-13:00", "14:00-17:00"] ([] = no working hours)`);
    return;
  }
  raw.forEach((item, i) => {
    if (typeof item !== 'string' || parseInterval(item) === null) problems.push(`${path}[${i}]: ${JSON.stringify(item)} is not ${INTERVAL_HINT}`);
  });
}

function validateCalendar(raw: unknown, path: string, problems: string[]): void {
  if (!isObject(raw)) {
    problems.push(`${path}: must be an object with "timezone", "week" and optional "holidays"`);
    return;
  }
  unknownKeys(raw, path, ['timezone', 'week', 'holidays'], problems);
  if (raw.timezone === undefined) problems.push(`${path}.timezone: required (an IANA time zone such as "Europe/Athens")`);
  else if (typeof raw.timezone !== 'string' || !isValidZone(raw.timezone)) problems.push(`${path}.timezone: ${JSON.stringify(raw.timezone)} is not an IANA time zone (e.g. "Europe/Athens")`);
  if (raw.week === undefined) problems.push(`${path}.week: required (working intervals per day: mon, tue, wed, thu, fri, sat, sun)`);
  else if (!isObject(raw.week)) problems.push(`${path}.week: must be an object with the keys ${WEEKDAY_KEYS.join(', ')}`);
  else {
    unknownKeys(raw.week, `${path}.week`, WEEKDAY_KEYS, problems);
    for (const key of WEEKDAY_KEYS) if (raw.week[key] !== undefined) validateIntervals(raw.week[key], `${path}.week.${key}`, problems);
  }
  if (raw.holidays !== undefined) {
    if (!Array.isArray(raw.holidays)) problems.push(`${path}.holidays: must be a list of dates ("2026-12-25") or half days ({"date": "2026-12-24", "hours": ["09:00-12:00"]})`);
    else {
      const seen = new Set<number>();
      raw.holidays.forEach((holiday, i) => {
        const where = `${path}.holidays[${i}]`;
        let date: unknown = holiday;
        if (isObject(holiday)) {
          unknownKeys(holiday, where, ['date', 'hours'], problems);
          date = holiday.date;
          if (holiday.hours !== undefined) validateIntervals(holiday.hours, `${where}.hours`, problems);
        }
        const day = typeof date === 'string' ? parseDay(date) : NaN;
        if (Number.isNaN(day)) problems.push(`${isObject(holiday) ? `${where}.date` : where}: ${JSON.stringify(date)} is not a date like "2026-12-25"`);
        else if (seen.has(day)) problems.push(`${where}: ${date} is listed twice`);
        else seen.add(day);
      });
    }
  }
}

/** `sla`: `hours` and per-priority targets in minutes (DESIGN §10). */
function validateSla(raw: unknown, problems: string[]): void {
  if (!isObject(raw)) {
    problems.push('sla: must be an object with "hours", "firstResponseMinutes" and/or "resolutionMinutes"');
    return;
  }
  unknownKeys(raw, 'sla', ['hours', 'firstResponseMinutes', 'resolutionMinutes'], problems);
  if (raw.hours !== undefined && raw.hours !== 'calendar' && raw.hours !== 'business') problems.push(`sla.hours: ${JSON.stringify(raw.hours)} must be "calendar" or "business"`);
  for (const key of ['firstResponseMinutes', 'resolutionMinutes'] as const) {
    const targets = raw[key];
    if (targets === undefined) continue;
    if (!isObject(targets)) {
      problems.push(`sla.${key}: must be an object of priority → minutes, e.g. {"urgent": 60, "high": 240, "normal": 480, "low": 1440}`);
      continue;
    }
    unknownKeys(targets, `sla.${key}`, SLA_PRIORITY_KEYS, problems);
    for (const priority of SLA_PRIORITY_KEYS) {
      const value = targets[priority];
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
        problems.push(`sla.${key}.${priority}: ${JSON.stringify(value)} must be a number of minutes > 0`);
      }
    }
  }
}

/**
 * What a roster says twice or in a way it cannot be applied (its types already checked): an agent
 * in two teams (which team fills theirs?), an alias of an alias (aliases are applied once), and a
 * team listing an alias (teams are looked up by the name an alias stands for).
 */
function rosterConflicts(r: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const teams = (r.teams ?? {}) as Record<string, unknown>;
  const aliases = new Map(Object.entries((r.aliases ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  for (const [alias, name] of aliases) {
    const next = aliases.get(name);
    if (next !== undefined && name !== alias) problems.push(`roster.aliases.${alias}: ${JSON.stringify(name)} is itself an alias (of ${JSON.stringify(next)}); aliases are applied once, so point ${JSON.stringify(alias)} at the name it stands for`);
  }
  const teamOf = new Map<string, string>();
  for (const [team, agents] of Object.entries(teams)) {
    if (!Array.isArray(agents)) continue;
    for (const agent of agents as unknown[]) {
      if (typeof agent !== 'string') continue;
      const earlier = teamOf.get(agent);
      if (earlier !== undefined && earlier !== team) problems.push(`roster.teams.${team}: ${JSON.stringify(agent)} is also in team ${JSON.stringify(earlier)}; an agent belongs to one team in the roster (a ticket's own team still counts for it)`);
      else teamOf.set(agent, team);
      const name = aliases.get(agent);
      if (name !== undefined && name !== agent) problems.push(`roster.teams.${team}: ${JSON.stringify(agent)} is an alias of ${JSON.stringify(name)}; teams are looked up by the name an alias stands for, so list ${JSON.stringify(name)}`);
    }
  }
  return problems;
}
