import { describe, expect, it } from 'vitest';
import { ReportBuilder, parseMetrics } from '../../../src/kpi/compute-report.js';
import { DURATION_BIN_EDGES, binDurations } from '../../../src/kpi/report-extras.js';
import { IssueLog } from '../../../src/model/issue-log.js';
import type { Ticket } from '../../../src/model/types.js';
import { getZone } from '../../../src/time/zone.js';

const T0 = Date.UTC(2026, 10, 16, 9, 0, 0);
const MIN = 60_000;

function ticket(id: string, fields: Partial<Ticket>): Ticket {
  return {
    id, createdAt: T0, agent: 'Ana', team: null, channel: null, priority: null, status: 'open', type: null, tags: [], category: null,
    firstResponseAt: null, solvedAt: null, updatedAt: null, firstResponseMinutes: null, resolutionMinutes: null,
    firstResponseBusinessMinutes: null, resolutionBusinessMinutes: null, agentReplies: null, customerMessages: null, reopens: null,
    escalated: null, groupStations: null, assigneeStations: null, fcrFlag: null, slaFirstResponseMet: null, slaResolutionMet: null,
    firstResponseInvalid: false, source: { file: 't.csv', line: 2 }, ...fields,
  };
}

function builder(extras: boolean, period: 'all' | 'week' = 'all'): ReportBuilder {
  return new ReportBuilder({
    zone: getZone('UTC'), groupBy: ['agent'], period, window: { from: null, to: null }, dateBasis: 'created', where: [],
    kpis: parseMetrics(undefined), minSample: 20, generatedAt: '2026-11-23T07:00:00Z', version: 'test', extras,
  }, new IssueLog());
}

describe('binDurations', () => {
  it('puts each duration in [edge, next edge), the last bin open-ended', () => {
    // By hand: 0 and 14.9 → [0,15); 15 → [15,30); 59.99 → [30,60); 60 → [60,120); 3000 → [2880,5760);
    // 43200 and 100000 → [43200, ∞). Negative and NaN are not durations and are not counted.
    const h = binDurations([0, 14.9, 15, 59.99, 60, 3000, 43200, 100000, -1, NaN]);
    const expected = DURATION_BIN_EDGES.map(() => 0);
    expected[0] = 2; expected[1] = 1; expected[2] = 1; expected[3] = 1; expected[8] = 1; expected[12] = 2;
    expect(DURATION_BIN_EDGES[8]).toBe(2880);
    expect(h.counts).toEqual(expected);
    expect(h.n).toBe(8);
  });

  it('gives all-zero counts for no durations', () => {
    expect(binDurations([])).toMatchObject({ n: 0, counts: DURATION_BIN_EDGES.map(() => 0) });
  });
});

describe('ReportBuilder extras', () => {
  const tickets = [
    ticket('1', { escalated: true, tags: ['billing', 'refund'], firstResponseAt: T0 + 10 * MIN }),
    ticket('2', { escalated: true, tags: ['billing'], firstResponseAt: T0 + 20 * MIN }),
    ticket('3', { escalated: true, firstResponseAt: T0 + 90 * MIN }),
    ticket('4', { status: 'solved', solvedAt: T0 + 3000 * MIN, reopens: 1, tags: ['login'], category: 'Account' }),
    ticket('5', { status: 'solved', solvedAt: T0 + 30 * MIN, reopens: 0, tags: ['billing'] }),
    // Reopened but not solved: not in the reopen-rate numerator, so not a reopened ticket here.
    ticket('6', { reopens: 2, tags: ['login'] }),
  ];

  it('counts the top tags and categories of escalated and of reopened tickets', () => {
    const b = builder(true);
    tickets.forEach(b.addTicket);
    b.finish();
    const extras = b.extras()!;
    // Escalated: tickets 1, 2, 3; two carry tags; billing on 1 and 2, refund on 1.
    expect(extras.reasons!.escalated).toEqual({
      tickets: 3, withReason: 2,
      top: [{ field: 'tag', value: 'billing', count: 2 }, { field: 'tag', value: 'refund', count: 1 }],
    });
    // Reopened: ticket 4 only; ties sort category before tag.
    expect(extras.reasons!.reopened).toEqual({
      tickets: 1, withReason: 1,
      top: [{ field: 'category', value: 'Account', count: 1 }, { field: 'tag', value: 'login', count: 1 }],
    });
  });

  it('bins the overall first-response and resolution times', () => {
    const b = builder(true);
    tickets.forEach(b.addTicket);
    b.finish();
    const [d] = b.extras()!.distributions;
    // First responses 10, 20, 90 minutes → bins [0,15), [15,30), [60,120).
    expect(d.frt.counts.slice(0, 4)).toEqual([1, 1, 0, 1]);
    expect(d.frt.n).toBe(3);
    // Resolutions 3000 and 30 minutes → [2880,5760) and [30,60).
    expect(d.resolution.counts[2]).toBe(1);
    expect(d.resolution.counts[8]).toBe(1);
    expect(d.resolution.n).toBe(2);
  });

  it('has no reasons when no ticket has a tag or category', () => {
    const b = builder(true);
    b.addTicket(ticket('1', { escalated: true }));
    b.finish();
    expect(b.extras()!.reasons).toBeNull();
  });

  it('is off by default and leaves the report itself unchanged', () => {
    const plain = builder(false, 'week');
    const rich = builder(true, 'week');
    for (const t of tickets) {
      plain.addTicket(t);
      rich.addTicket(t);
    }
    expect(rich.finish()).toEqual(plain.finish());
    expect(plain.extras()).toBeNull();
    expect(rich.extras()!.distributions.map((d) => d.period)).toEqual(['2026-W47']);
  });
});
