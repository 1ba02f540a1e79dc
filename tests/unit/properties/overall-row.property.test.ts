import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/cli/run-report.js';
import type { Io } from '../../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'teamkpi-overall-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, now: () => new Date('2026-11-23T07:00:00Z') };

// The overall row of a report by groups is the report of the same tickets without groups: every
// KPI's value, n, interval and spread, bit for bit. When each ticket is in exactly one group, the
// overall row takes its counts and durations from its groups (compute-report.ts); the report
// without groups adds each ticket to it directly. Durations with fractions of a second (their
// sums depend on the order they are added in), duplicates, open and reopened tickets, and
// responses naming other agents.
const ticket = fc.record({
  id: fc.integer({ min: 1, max: 60 }),
  day: fc.integer({ min: 1, max: 28 }),
  createdMs: fc.integer({ min: 0, max: 86_399_999 }),
  frtMs: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
  resolutionMs: fc.option(fc.integer({ min: 0, max: 900_000_000 }), { nil: null }),
  agent: fc.constantFrom('Ana', 'Bo', 'Chen', 'Dee', ''),
  team: fc.constantFrom('North', 'South', ''),
  channel: fc.constantFrom('email', 'chat', 'phone'),
  status: fc.constantFrom('solved', 'closed', 'open', 'pending'),
  // Reply counts past 2^53 in sum: their sums, like the durations', depend on the order they are added in.
  replies: fc.constantFrom('', '0', '1', '2', '7', '987654321098765', '123456789012347'),
  reopens: fc.constantFrom('', '0', '1', '3'),
  escalated: fc.constantFrom('', 'true', 'false'),
});
const response = fc.record({
  id: fc.integer({ min: 1, max: 70 }),
  minute: fc.integer({ min: 0, max: 59 }),
  agent: fc.constantFrom('', 'Ana', 'Eve'),
  csat: fc.constantFrom('', '1', '4', '5'),
  nps: fc.constantFrom('', '3', '8', '10'),
});

const iso = (ms: number): string => new Date(ms).toISOString();
let n = 0;

describe('the overall row of a report by groups', () => {
  it.each([
    ['agent', undefined],
    ['team,channel', 'week'],
    ['agent,team', 'day'],
  ])('--by %s --period %s: the same as the report without groups', async (by, period) => {
    await fc.assert(
      fc.asyncProperty(fc.array(ticket, { minLength: 1, maxLength: 60 }), fc.array(response, { maxLength: 30 }), async (tickets, responses) => {
        const t = join(dir, `tickets-${n}.csv`);
        const s = join(dir, `surveys-${n++}.csv`);
        const lines = tickets.map((r) => {
          const created = Date.UTC(2026, 9, r.day) + r.createdMs;
          const solved = (r.status === 'solved' || r.status === 'closed') && r.resolutionMs !== null ? iso(created + r.resolutionMs) : '';
          const first = r.frtMs === null ? '' : iso(created + r.frtMs);
          return [r.id, iso(created), first, solved, r.agent, r.team, r.channel, r.status, r.replies, r.reopens, r.escalated].join(',');
        });
        writeFileSync(t, ['ticket_id,created_at,first_response_at,solved_at,agent,team,channel,status,agent_replies,reopens,escalated', ...lines, ''].join('\n'));
        writeFileSync(s, ['ticket_id,responded_at,agent,csat,nps', ...responses.map((r) => `${r.id},2026-10-29T13:${String(r.minute).padStart(2, '0')}:00.5Z,${r.agent},${r.csat},${r.nps}`), ''].join('\n'));
        const flags = { quiet: true, format: 'json', ...(period === undefined ? {} : { period }) };
        const grouped = (await buildReport([t, s], { ...flags, by }, io)).report;
        const plain = (await buildReport([t, s], flags, io)).report;
        const overall = grouped.rows.filter((row) => Object.keys(row.group).length === 0);
        expect(overall.length).toBe(plain.rows.length);
        for (const [k, row] of overall.entries()) {
          expect(row.period).toBe(plain.rows[k].period);
          // toStrictEqual tells -0 from 0 and compares every number exactly.
          expect(row.kpis).toStrictEqual(plain.rows[k].kpis);
        }
      }),
      { seed: 20261124, numRuns: 60 },
    );
  });
});

describe('the overall row of a report by groups, at sums past 2^53', () => {
  it('adds replies in the tickets\' order, as the report without groups does', async () => {
    // Alternating agents: one with huge reply counts, one with 1. Past 2^53 a sum's last unit is 2,
    // so the 1s added one by one between the huge counts (the tickets' order) are rounded, while
    // added up first (one group, then the other) they are not.
    const t = join(dir, 'huge-replies.csv');
    const rows = Array.from({ length: 24 }, (_, i) => `${i + 1},2026-10-01T09:00:00Z,2026-10-01T09:05:00Z,2026-10-01T10:00:00Z,${i % 2 === 0 ? 'Ana' : 'Bo'},solved,${i % 2 === 0 ? '999999999999997' : '1'}`);
    writeFileSync(t, ['ticket_id,created_at,first_response_at,solved_at,agent,status,agent_replies', ...rows, ''].join('\n'));
    let ordered = 0;
    for (let i = 0; i < 24; i++) ordered += i % 2 === 0 ? 999999999999997 : 1;
    let grouped = 0;
    for (let i = 0; i < 12; i++) grouped += 999999999999997;
    grouped += 12;
    // The two orders give different sums here (so the test can tell them apart).
    expect(ordered).not.toBe(grouped);
    const plain = (await buildReport([t], { quiet: true, format: 'json' }, io)).report;
    const byAgent = (await buildReport([t], { quiet: true, format: 'json', by: 'agent' }, io)).report;
    const overall = byAgent.rows.find((row) => Object.keys(row.group).length === 0)!;
    expect(plain.rows[0].kpis.replies_mean.value).toBe(ordered / 24);
    expect(overall.kpis).toStrictEqual(plain.rows[0].kpis);
  });
});
