import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { TOP_LEVEL, validateConfig } from '../../../src/config/validate-config.js';
import { THRESHOLD_KEYS, THRESHOLD_SCOPES } from '../../../src/config/validate-thresholds.js';
import { KPIS } from '../../../src/kpi/catalog.js';
import { ROOT } from '../../helpers/run-cli.js';
import { configProblems } from '../../helpers/config-problems.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'config.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(schema);
const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');

// The full example of DESIGN §10 (both blocks) plus the README's config example.
const DESIGN_EXAMPLE = {
  timezone: 'Europe/Athens',
  businessHours: {
    default: {
      timezone: 'Europe/Athens',
      week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-13:00', '14:00-17:00'], sat: [], sun: [] },
      holidays: ['2026-10-28', { date: '2026-12-24', hours: ['09:00-12:00'] }],
    },
    teams: { 'Night Shift': { timezone: 'UTC', week: { mon: ['22:00-06:00'], tue: ['22:00-06:00'], wed: ['22:00-06:00'], thu: ['22:00-06:00'], fri: ['22:00-06:00'], sat: [], sun: [] } } },
  },
  sla: {
    hours: 'business',
    firstResponseMinutes: { urgent: 60, high: 240, normal: 480, low: 1440 },
    resolutionMinutes: { urgent: 480, high: 1440, normal: 2880, low: 7200 },
  },
  roster: { teams: { Billing: ['Ana Silva', 'Bo Chen'] }, aliases: { 'ana.silva': 'Ana Silva' } },
  minSample: 20,
  thresholds: [
    { kpi: 'csat_pct', scope: 'team', min: 85, level: 'error' },
    { kpi: 'frt_p90_minutes', scope: 'overall', max: 240, level: 'warn' },
    { kpi: 'nps', scope: 'agent', min: 20, minSample: 30, onLowSample: 'skip' },
  ],
};
// Every key of the inputs section (owned by the ingest code, src/config/validate-inputs.ts).
const INPUTS_EXAMPLE = {
  inputs: { source: 'generic', dateOrder: 'dmy', columns: { ticket_id: 'Call Id', created_at: 'Opened' }, values: { csat: { Great: 5, Okay: 3, 'Not Good': 1 }, escalated: { Y: true } } },
};
const README_EXAMPLE = {
  timezone: 'Europe/Athens', inputTimezone: 'UTC', minSample: 20, csat: { scale: 5 }, ces: { scale: 7 },
  roster: { teams: { Billing: ['Ana Silva', 'Bo Chen'] }, aliases: { 'ana.silva': 'Ana Silva' } },
};
const fixtureConfigs = readdirSync(join(ROOT, 'fixtures', 'check'))
  .filter((name) => name !== 'data')
  .map((name) => [name, readFileSync(join(ROOT, 'fixtures', 'check', name, 'teamkpi.config.json'), 'utf8')] as const);
const INVALID = new Set(['bad-json', 'bad-thresholds', 'misspelled-kpi']);

describe('schema/config.schema.json', () => {
  it('is a valid draft 2020-12 schema (ajv compiles it in strict mode; anyOf-required lists need strictRequired off)', () => {
    expect(typeof validate).toBe('function');
  });

  it.each([['DESIGN §10', DESIGN_EXAMPLE], ['README', README_EXAMPLE], ['inputs', INPUTS_EXAMPLE], ['empty', {}]])('accepts the %s example', (_, config) => {
    expect(validate(config), errors()).toBe(true);
  });

  it('accepts every JSON config block of the README, and so does the validator', () => {
    const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
    const configs = blocks.filter((b) => 'thresholds' in b || 'timezone' in b);
    expect(configs.length).toBeGreaterThanOrEqual(2);
    for (const config of configs) {
      expect(validate(config), errors()).toBe(true);
      expect(() => validateConfig(config, 'README.md')).not.toThrow();
    }
  });

  it.each(fixtureConfigs.filter(([name]) => !INVALID.has(name)))('accepts fixtures/check/%s and so does the validator', (_, text) => {
    const config = JSON.parse(text);
    expect(validate(config), errors()).toBe(true);
    expect(() => validateConfig(config, 'x.json')).not.toThrow();
  });

  it.each(fixtureConfigs.filter(([name]) => INVALID.has(name) && name !== 'bad-json'))('rejects fixtures/check/%s like the validator', (_, text) => {
    const config = JSON.parse(text);
    expect(validate(config)).toBe(false);
    expect(() => validateConfig(config, 'x.json')).toThrow();
  });

  it.each([
    [{ timezones: 'UTC' }, 'must NOT have additional properties'],
    [{ minSample: -1 }, 'must be >= 0'],
    [{ inputs: { preset: 'zendesk' } }, 'must NOT have additional properties'],
    [{ inputs: { dateOrder: 'ymd' } }, 'must be equal to one of the allowed values'],
    [{ thresholds: [{ kpi: 'nps', scope: 'team' }] }, 'must match a schema in anyOf'],
    [{ thresholds: [{ kpi: 'nps', scope: 'team', min: 1, level: 'fatal' }] }, 'must be equal to one of the allowed values'],
    [{ businessHours: { default: { week: { mon: ['9-17'] } } } }, 'must match pattern'],
    [{ sla: { firstResponseMinutes: { urgent: 0 } } }, 'must be > 0'],
  ])('rejects %j', (config, message) => {
    expect(validate(config)).toBe(false);
    expect(errors()).toContain(message);
  });

  it('agrees with the validator on the inputs section', () => {
    expect(() => validateConfig(INPUTS_EXAMPLE, 'x.json')).not.toThrow();
    for (const inputs of [{ preset: 'zendesk' }, { dateOrder: 'ymd' }, { columns: { a: 1 } }]) {
      expect(validate({ inputs })).toBe(false);
      expect(() => validateConfig({ inputs }, 'x.json')).toThrow();
    }
  });

  it('lists exactly the validator\'s top-level keys, threshold keys and scopes', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...TOP_LEVEL].sort());
    const threshold = schema.$defs.threshold;
    expect(Object.keys(threshold.properties).sort()).toEqual([...THRESHOLD_KEYS].sort());
    expect(threshold.properties.scope.enum).toEqual([...THRESHOLD_SCOPES]);
  });

  it('lists every catalog KPI id (and only the planned SLA ids besides)', () => {
    const ids: string[] = schema.$defs.threshold.properties.kpi.enum;
    for (const kpi of KPIS) expect(ids, `add ${kpi.id} to schema/config.schema.json`).toContain(kpi.id);
    const planned = ['sla_first_response_pct', 'sla_resolution_pct'];
    expect(ids.filter((id) => !KPIS.some((k) => k.id === id) && !planned.includes(id))).toEqual([]);
  });

  it('takes a per-KPI minSample for exactly the KPIs that are not counts, as the validator does', () => {
    const keys: string[] = schema.properties.minSample.oneOf[1].propertyNames.enum;
    expect([...keys].sort()).toEqual(['default', ...KPIS.filter((k) => k.unit !== 'count').map((k) => k.id)].sort());
  });
});

describe('validateConfig: roster conflicts', () => {
  const problems = (roster: unknown): string => configProblems({ roster });
  it('refuses an agent in two teams, an alias of an alias, and a team listing an alias', () => {
    expect(problems({ teams: { Billing: ['Ana', 'Bo'], Support: ['Bo'] } })).toContain('roster.teams.Support: "Bo" is also in team "Billing"');
    expect(problems({ aliases: { 'a.s': 'ana.s', 'ana.s': 'Ana' } })).toContain('roster.aliases.a.s: "ana.s" is itself an alias (of "Ana")');
    expect(problems({ teams: { Billing: ['ana.s'] }, aliases: { 'ana.s': 'Ana' } })).toContain('roster.teams.Billing: "ana.s" is an alias of "Ana"');
  });
  it('accepts ces.effort as a boolean and refuses other values, as the schema does', () => {
    expect(() => validateConfig({ ces: { scale: 5, effort: true } }, 'x.json')).not.toThrow();
    expect(validate({ ces: { scale: 5, effort: true } }), errors()).toBe(true);
    expect(() => validateConfig({ ces: { effort: 'yes' } }, 'x.json')).toThrow(/ces\.effort: must be true or false/);
    expect(validate({ ces: { effort: 'yes' } })).toBe(false);
  });
  it('accepts an agent listed twice in one team, an alias to itself, and aliases to team members', () => {
    expect(problems({ teams: { Billing: ['Ana', 'Ana'], Support: ['Bo'] }, aliases: { Ana: 'Ana', 'bo.c': 'Bo', 'b.c': 'Bo' } })).toBe('');
  });
});

describe('schema/config.schema.json: minSample', () => {
  it.each([[20], [{ default: 20, csat_pct: 30 }], [{ nps: 50 }]])('accepts %j like the validator', (minSample) => {
    expect(validate({ minSample }), errors()).toBe(true);
    expect(() => validateConfig({ minSample }, 'x.json')).not.toThrow();
  });
  it.each([[{ csat: 30 }], [{ default: -1 }], [{ nps: 1.5 }], ['20']])('rejects %j like the validator', (minSample) => {
    expect(validate({ minSample })).toBe(false);
    expect(() => validateConfig({ minSample }, 'x.json')).toThrow();
  });
});
