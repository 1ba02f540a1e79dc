import { describe, expect, it } from 'vitest';
import { at, build, overall, ticket } from '../../helpers/build.js';
import { ReportBuilder, type ReportOptions } from '../../../src/kpi/compute-report.js';
import { KPIS } from '../../../src/kpi/catalog.js';
import { parseWhere } from '../../../src/kpi/where.js';
import { IssueLog } from '../../../src/model/issue-log.js';
import { getZone } from '../../../src/time/zone.js';

describe('ticket KPIs', () => {
  it('gives null with n = 0 for every rate and duration when there are no tickets', () => {
    const k = overall(build([]).report);
    expect(k.tickets).toEqual({ value: 0, n: 0 });
    for (const id of ['csat_pct', 'fcr_pct', 'reopen_rate_pct', 'frt_median_minutes', 'frt_p90_minutes', 'resolution_mean_minutes', 'replies_mean', 'nps']) {
      expect(k[id]).toMatchObject({ value: null, n: 0 });
    }
  });

  it('counts tickets, solved, open and unreplied', () => {
    // 4 tickets: #1 solved by status, #2 solved by time only, #3 open with a reply, #4 open and never answered.
    const { report } = build([
      ticket({ id: '1', status: 'solved', firstResponseAt: at(10), agentReplies: 1 }),
      ticket({ id: '2', status: 'open', solvedAt: at(100), firstResponseAt: at(20), agentReplies: 2 }),
      ticket({ id: '3', status: 'open', firstResponseAt: at(30), agentReplies: 1 }),
      ticket({ id: '4', status: 'new', agentReplies: 0 }),
    ]);
    const k = overall(report);
    expect(k.tickets.value).toBe(4);
    expect(k.solved.value).toBe(2);
    expect(k.open.value).toBe(2);
    expect(k.unreplied.value).toBe(1);
  });

  it('takes R-7 percentiles: even-count medians average the middle pair, p90 interpolates', () => {
    // FRT minutes 10, 20, 30, 40: median = (20 + 30) / 2 = 25; p90: h = 3·0.9 = 2.7 → 30 + 0.7·10 = 37; mean 25.
    const { report } = build([10, 40, 20, 30].map((m, i) => ticket({ id: String(i), firstResponseAt: at(m) })));
    const k = overall(report);
    expect(k.frt_median_minutes).toMatchObject({ value: 25, n: 4 });
    expect(k.frt_p90_minutes.value).toBeCloseTo(37, 12);
    expect(k.frt_mean_minutes.value).toBe(25);
  });

  it('handles ties and an odd count in percentiles', () => {
    // 5, 5, 5, 9, 100: median = 5; p90: h = 4·0.9 = 3.6 → 9 + 0.6·91 = 63.6
    const { report } = build([5, 100, 5, 9, 5].map((m, i) => ticket({ id: String(i), solvedAt: at(m) })));
    const k = overall(report);
    expect(k.resolution_median_minutes.value).toBe(5);
    expect(k.resolution_p90_minutes.value).toBeCloseTo(63.6, 12);
    expect(k.resolution_mean_minutes.value).toBeCloseTo(124 / 5, 12);
  });

  it('drops a negative duration, reports it, and still counts the ticket elsewhere', () => {
    const { report, log } = build([
      ticket({ id: 'a', firstResponseAt: at(-5), solvedAt: at(60), status: 'solved', agentReplies: 1 }),
      ticket({ id: 'b', firstResponseAt: at(15) }),
    ]);
    const k = overall(report);
    expect(k.frt_median_minutes).toMatchObject({ value: 15, n: 1 });
    expect(k.resolution_median_minutes).toMatchObject({ value: 60, n: 1 });
    expect(k.tickets.value).toBe(2);
    expect(k.unreplied.value).toBe(0);
    expect(log.issues.map((i) => i.code)).toEqual(['NEGATIVE_DURATION']);
  });

  it('uses export-given minutes when there is no timestamp', () => {
    const { report } = build([ticket({ id: 'a', firstResponseMinutes: 42 }), ticket({ id: 'b', resolutionMinutes: 600 })]);
    const k = overall(report);
    expect(k.frt_median_minutes.value).toBe(42);
    expect(k.resolution_median_minutes.value).toBe(600);
  });

  it('gives a ticket whose status says it is not solved no resolution time, even a stated one', () => {
    // a: open with a stated 50 (an earlier solve, then reopened) → none; b: solved, 30; c: no
    // status, a stated 600 → counts; d: open by status but with a solved time (solved) → 100.
    // Resolution minutes {30, 100, 600}: n 3, median 100, mean 730 / 3.
    const { report } = build([
      ticket({ id: 'a', status: 'open', resolutionMinutes: 50 }),
      ticket({ id: 'b', status: 'solved', resolutionMinutes: 30 }),
      ticket({ id: 'c', resolutionMinutes: 600 }),
      ticket({ id: 'd', status: 'open', solvedAt: at(100) }),
    ]);
    const k = overall(report);
    expect(k.resolution_median_minutes).toMatchObject({ value: 100, n: 3 });
    expect(k.resolution_mean_minutes.value).toBeCloseTo(730 / 3, 12);
    expect(k.solved.value).toBe(2);
  });

  it('computes FCR one-touch over solved tickets: ≤ 1 agent reply and no reopen', () => {
    // Solved: replies 0 (yes), 1 (yes), 2 (no), 1 with a reopen (no) → 2/4 = 50%. The open ticket is ignored.
    const { report } = build([
      ticket({ id: '1', status: 'solved', agentReplies: 0, reopens: 0 }),
      ticket({ id: '2', status: 'solved', agentReplies: 1, reopens: 0 }),
      ticket({ id: '3', status: 'closed', agentReplies: 2, reopens: 0 }),
      ticket({ id: '4', status: 'solved', agentReplies: 1, reopens: 1 }),
      ticket({ id: '5', status: 'open', agentReplies: 1, reopens: 0 }),
    ]);
    const k = overall(report);
    expect(k.fcr_pct).toMatchObject({ value: 50, n: 4 });
    expect(report.definitions.fcr_pct.method).toContain('one-touch');
    // Reopen rate: 1 of 4 solved; replies per solved (0 + 1 + 2 + 1) / 4 = 1.
    expect(k.reopen_rate_pct).toMatchObject({ value: 25, n: 4 });
    expect(k.replies_mean).toMatchObject({ value: 1, n: 4 });
  });

  it('prefers a stated FCR flag, then customer messages', () => {
    const flagged = build([
      ticket({ id: '1', status: 'solved', fcrFlag: true, agentReplies: 5 }),
      ticket({ id: '2', status: 'solved', fcrFlag: false, agentReplies: 0 }),
      ticket({ id: '3', status: 'solved', fcrFlag: true }),
    ]).report;
    expect(overall(flagged).fcr_pct.value).toBeCloseTo(200 / 3, 12);
    expect(flagged.definitions.fcr_pct.method).toContain('flag');

    const messages = build([
      ticket({ id: '1', status: 'solved', customerMessages: 1 }),
      ticket({ id: '2', status: 'solved', customerMessages: 3 }),
      // 0: an agent-started ticket (the customer's first message counts): not resolved on first contact
      ticket({ id: '3', status: 'solved', customerMessages: 0 }),
    ]).report;
    expect(overall(messages).fcr_pct.n).toBe(3);
    expect(overall(messages).fcr_pct.value).toBeCloseTo(100 / 3, 12);
    expect(messages.definitions.fcr_pct.method).toContain('customer-messages');
  });

  it('computes escalation over all tickets, from the flag else group stations > 1', () => {
    // escalated: yes, no, (stations 2 → yes), (stations 1 → no), unknown → 2 of 4 known.
    const { report } = build([
      ticket({ id: '1', escalated: true }),
      ticket({ id: '2', escalated: false }),
      ticket({ id: '3', groupStations: 2 }),
      ticket({ id: '4', groupStations: 1 }),
      ticket({ id: '5' }),
    ]);
    expect(overall(report).escalation_rate_pct).toMatchObject({ value: 50, n: 4 });
  });

  it('keeps the newest of duplicate ticket rows and reports the id once', () => {
    const { report, log } = build([
      ticket({ id: 'x', status: 'solved', solvedAt: at(100), agent: 'Old' }),
      ticket({ id: 'x', status: 'solved', solvedAt: at(300), agent: 'New' }),
      ticket({ id: 'x', status: 'open', agent: 'Stale' }),
    ], [], { groupBy: ['agent'] });
    const rows = report.rows.filter((r) => r.group.agent !== undefined);
    expect(rows.map((r) => r.group.agent)).toEqual(['New']);
    expect(overall(report).resolution_median_minutes.value).toBe(300);
    expect(log.issues.filter((i) => i.code === 'DUPLICATE_TICKET')).toHaveLength(1);
    expect(log.inputs[0]).toMatchObject({ rowsUsed: 1, rowsDuplicate: 2 });
  });

  it('groups by several fields with many distinct values (group combinations past 65,536) as with few', () => {
    // 60 agents × 4 teams × 3 channels: more than 65,536 possible code combinations, so the
    // report keeps its per-combination cells in a map rather than an array. Each group's ticket
    // count and first-response median must be what the tickets say.
    const tickets = Array.from({ length: 900 }, (_, i) => ticket({
      id: String(i), agent: `Agent ${i % 60}`, team: `Team ${i % 4}`, channel: ['email', 'chat', 'phone'][i % 3], firstResponseAt: at(i % 7),
    }));
    const { report } = build(tickets, [], { groupBy: ['agent', 'team', 'channel'] });
    const expected = new Map<string, number[]>();
    for (let i = 0; i < 900; i++) {
      const key = `Agent ${i % 60}|Team ${i % 4}|${['email', 'chat', 'phone'][i % 3]}`;
      expected.set(key, [...(expected.get(key) ?? []), i % 7]);
    }
    const rows = report.rows.filter((r) => r.group.agent !== undefined);
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const minutes = expected.get(`${row.group.agent}|${row.group.team}|${row.group.channel}`)!.sort((a, b) => a - b);
      expect(row.kpis.tickets.value).toBe(minutes.length);
      // An odd count: the median is the middle value.
      expect(minutes.length % 2).toBe(1);
      expect(row.kpis.frt_median_minutes.value).toBe(minutes[(minutes.length - 1) / 2]);
    }
  });

  it('leaves open tickets out on the solved date basis, with or without a window', () => {
    const tickets = [
      ticket({ id: '1', status: 'solved', solvedAt: at(60) }),
      ticket({ id: '2', status: 'open' }),
      ticket({ id: '3', status: 'closed' }), // solved without a time: only an unbounded, unbucketed report can place it
    ];
    expect(overall(build(tickets, [], { dateBasis: 'solved' }).report)).toMatchObject({ tickets: { value: 2 }, solved: { value: 2 }, open: { value: 0 } });
    const windowed = build(tickets, [], { dateBasis: 'solved', window: { from: 0, to: 100_000 } }).report;
    expect(overall(windowed)).toMatchObject({ tickets: { value: 1 }, open: { value: 0 } });
  });
});

describe('--where on status and priority', () => {
  // Four tickets: solved/normal, closed/high, open/normal, one with neither.
  const tickets = [
    ticket({ id: '1', status: 'solved', priority: 'normal' }),
    ticket({ id: '2', status: 'closed', priority: 'high' }),
    ticket({ id: '3', status: 'open', priority: 'normal' }),
    ticket({ id: '4' }),
  ];
  const count = (...where: string[]): unknown => overall(build(tickets, [], { where: parseWhere(where) }).report).tickets.value;

  it('reads the words a file may use for them as the file does (resolved is solved, medium is normal)', () => {
    expect(count('status=resolved')).toBe(1);
    expect(count('status=Solved')).toBe(1);
    expect(count('status=archived', 'status=done')).toBe(2);
    expect(count('priority=medium')).toBe(2);
    expect(count('priority=critical')).toBe(0);
    expect(count('priority!=Medium')).toBe(2);
    expect(count('status=(none)')).toBe(1);
  });
});

describe('which reports look at ticket tags (readers skip tag cells otherwise)', () => {
  const options = (extra: Partial<ReportOptions>): ReportOptions => ({
    zone: getZone('UTC'), groupBy: [], period: 'all', window: { from: null, to: null }, dateBasis: 'created', where: [],
    kpis: [...KPIS], minSample: 20, generatedAt: '2026-11-23T07:00:00Z', version: 'test', ...extra,
  });
  const uses = (extra: Partial<ReportOptions>): boolean => new ReportBuilder(options(extra), new IssueLog()).usesTags;

  it('grouping by tag, a tag filter and the HTML extras do; other groupings and filters do not', () => {
    expect(uses({ groupBy: ['tag'] })).toBe(true);
    expect(uses({ groupBy: ['team', 'tag'] })).toBe(true);
    expect(uses({ where: parseWhere(['tag=vip']) })).toBe(true);
    expect(uses({ where: parseWhere(['tags!=spam']) })).toBe(true);
    expect(uses({ extras: true })).toBe(true);
    expect(uses({})).toBe(false);
    expect(uses({ groupBy: ['agent', 'team', 'channel', 'priority', 'status', 'category', 'type'], where: parseWhere(['team=Billing', 'escalated=true']) })).toBe(false);
  });
});
