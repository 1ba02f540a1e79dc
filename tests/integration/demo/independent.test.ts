import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, runCli } from '../../helpers/run-cli.js';

// An independent computation of the demo report: its own CSV split, its own formulas, straight
// from DESIGN §4, compared with what the CLI prints as JSON.

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '', row: string[] = [], quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Type-7 quantile written from its textbook form: Q(p) = x[j] + g·(x[j+1] − x[j]), j = ⌊(n−1)p⌋ (0-based). */
function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const x = [...values].sort((a, b) => a - b);
  const pos = (x.length - 1) * p;
  const j = Math.floor(pos);
  return j + 1 < x.length ? x[j] + (pos - j) * (x[j + 1] - x[j]) : x[j];
}
const mean = (v: number[]) => (v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length);
const pct = (x: number, n: number) => (n === 0 ? null : (100 * x) / n);
const minutes = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60000;

const tickets = parseCsv(readFileSync(fixture('demo', 'tickets.csv'), 'utf8'));
const surveys = parseCsv(readFileSync(fixture('demo', 'surveys.csv'), 'utf8'));
const ticketById = new Map(tickets.map((t) => [t.ticket_id, t]));

function expected(field: 'agent' | 'team', value: string) {
  const own = (t: Record<string, string>) => (t[field] || '(none)') === value;
  const ts = tickets.filter(own);
  const solved = ts.filter((t) => t.solved_at !== '' || t.status === 'solved' || t.status === 'closed');
  const frt = ts.filter((t) => t.first_response_at !== '').map((t) => minutes(t.created_at, t.first_response_at));
  const res = ts.filter((t) => t.solved_at !== '').map((t) => minutes(t.created_at, t.solved_at));
  const ss = surveys.filter((s) => {
    const t = ticketById.get(s.ticket_id);
    return (s[field] || t?.[field] || '(none)') === value;
  });
  const rated = ss.filter((s) => s.csat !== '').map((s) => Number(s.csat));
  const nps = ss.filter((s) => s.nps !== '').map((s) => Number(s.nps));
  const ces = ss.filter((s) => s.ces !== '').map((s) => Number(s.ces));
  return {
    tickets: ts.length,
    solved: solved.length,
    unreplied: ts.filter((t) => t.first_response_at === '' && Number(t.agent_replies) === 0).length,
    csat_pct: pct(rated.filter((s) => s >= 4).length, rated.length),
    csat_response_rate_pct: pct(rated.length, ss.filter((s) => s.csat !== '' || s.csat_offered === 'true').length),
    nps: nps.length === 0 ? null : pct(nps.filter((s) => s >= 9).length - nps.filter((s) => s <= 6).length, nps.length),
    ces_mean: mean(ces),
    ces_agree_pct: pct(ces.filter((s) => s >= 5).length, ces.length),
    fcr_pct: pct(solved.filter((t) => Number(t.agent_replies) <= 1 && Number(t.reopens) === 0).length, solved.length),
    reopen_rate_pct: pct(solved.filter((t) => Number(t.reopens) > 0).length, solved.length),
    escalation_rate_pct: pct(ts.filter((t) => t.escalated === 'true').length, ts.length),
    frt_median_minutes: quantile(frt, 0.5),
    frt_p90_minutes: quantile(frt, 0.9),
    frt_mean_minutes: mean(frt),
    resolution_median_minutes: quantile(res, 0.5),
    resolution_p90_minutes: quantile(res, 0.9),
    resolution_mean_minutes: mean(res),
    replies_mean: mean(solved.map((t) => Number(t.agent_replies))),
  };
}

describe('demo report matches an independent computation', () => {
  for (const field of ['team', 'agent'] as const) {
    it(`per ${field}`, () => {
      const r = runCli(['report', fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv'), '--by', field, '--format', 'json', '--now', '2026-11-23T07:00:00Z']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      const groups = report.rows.filter((row: { group: Record<string, string> }) => row.group[field] !== undefined);
      const names = new Set([...tickets.map((t) => t[field] || '(none)'), ...surveys.map((s) => s[field] || ticketById.get(s.ticket_id)?.[field] || '(none)')]);
      expect(groups.map((g: { group: Record<string, string> }) => g.group[field]).sort()).toEqual([...names].sort());
      expect(groups.length).toBeGreaterThanOrEqual(field === 'team' ? 4 : 9);
      for (const row of groups) {
        const want = expected(field, row.group[field]);
        for (const [id, value] of Object.entries(want)) {
          const got = row.kpis[id].value;
          if (value === null) expect(got, `${row.group[field]} ${id}`).toBeNull();
          else expect(got, `${row.group[field]} ${id}`).toBeCloseTo(value, 6);
        }
      }
    });
  }

  it('validates against schema/report.schema.json', () => {
    const r = runCli(['report', fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv'), '--by', 'team,agent', '--period', 'week', '--format', 'json']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(readFileSync(`${ROOT}/schema/report.schema.json`, 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(JSON.parse(r.stdout));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});
