import { describe, expect, it } from 'vitest';
import { ReportBuilder, parseMetrics } from '../../../src/kpi/compute-report.js';
import { needsBusinessMinutes } from '../../../src/kpi/ticket-clock.js';
import { IssueLog } from '../../../src/model/issue-log.js';
import type { Report } from '../../../src/model/report.js';
import type { Priority, Ticket } from '../../../src/model/types.js';
import type { BusinessHoursSpec } from '../../../src/time/business-calendar.js';
import type { SlaSpec } from '../../../src/time/sla.js';
import { getZone } from '../../../src/time/zone.js';

const at = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

function ticket(id: string, team: string, priority: Priority | null, created: string, firstResponse: string | null, solved: string | null, extra: Partial<Ticket> = {}): Ticket {
  return {
    id, createdAt: Date.parse(created), agent: null, team, channel: null, priority, status: solved === null ? 'open' : 'solved', type: null, tags: [], category: null,
    firstResponseAt: at(firstResponse), solvedAt: at(solved), updatedAt: null, firstResponseMinutes: null, resolutionMinutes: null,
    firstResponseBusinessMinutes: null, resolutionBusinessMinutes: null, agentReplies: null, customerMessages: null, reopens: null,
    escalated: null, groupStations: null, assigneeStations: null, fcrFlag: null, slaFirstResponseMet: null, slaResolutionMet: null,
    firstResponseInvalid: false, source: { file: 't.csv', line: Number(id.slice(1)) + 1 }, ...extra,
  };
}

/** The DESIGN §10 calendars; Athens is UTC+2 in November 2026. */
const BUSINESS_HOURS: BusinessHoursSpec = {
  default: {
    timezone: 'Europe/Athens',
    week: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-13:00', '14:00-17:00'], sat: [], sun: [] },
    holidays: ['2026-10-28', { date: '2026-12-24', hours: ['09:00-12:00'] }],
  },
  teams: {
    'Night Shift': {
      timezone: 'UTC',
      week: { mon: ['22:00-06:00'], tue: ['22:00-06:00'], wed: ['22:00-06:00'], thu: ['22:00-06:00'], fri: ['22:00-06:00'], sat: [], sun: [] },
    },
  },
};
const SLA: SlaSpec = {
  hours: 'business',
  firstResponseMinutes: { urgent: 60, high: 240, normal: 480, low: 1440 },
  resolutionMinutes: { urgent: 480, high: 1440, normal: 2880, low: 7200 },
};

// Business minutes by hand (local Athens times in brackets; Night Shift works 22:00–06:00 UTC Mon–Fri starts).
const TICKETS: Ticket[] = [
  // T1 Mon 08:00 → first response 09:30 (30 business, 90 calendar); solved Tue 10:00 (480 + 60 = 540 business, 1560 calendar).
  ticket('T1', 'Billing', 'high', '2026-11-16T06:00:00Z', '2026-11-16T07:30:00Z', '2026-11-17T08:00:00Z'),
  // T2 created Saturday, answered Mon 09:30 (30 business, 2730 calendar); open: by now 4×480 + 240 = 2160 business > 480 → breached.
  ticket('T2', 'Billing', 'urgent', '2026-11-21T10:00:00Z', '2026-11-23T07:30:00Z', null),
  // T3 Night Shift Fri 23:00 UTC → Sat 05:00 (360); solved Mon 23:00 (Fri shift 420 + Mon 60 = 480).
  ticket('T3', 'Night Shift', 'normal', '2026-11-20T23:00:00Z', '2026-11-21T05:00:00Z', '2026-11-23T23:00:00Z'),
  // T4 Thu 16:00, nothing yet: by now Thu 60 + Fri 240 = 300 business < targets → still running, excluded.
  ticket('T4', 'Billing', 'low', '2026-11-26T14:00:00Z', null, null),
  // T5 Mon 09:00, nothing yet: by now 2340 + 1920 + 240 = 4500 business → both targets breached.
  ticket('T5', 'Billing', 'normal', '2026-11-16T07:00:00Z', null, null),
  // T6 answered after 5, solved after 60 business minutes, but the export says first response breached, resolution met.
  ticket('T6', 'Billing', 'high', '2026-11-17T08:00:00Z', '2026-11-17T08:05:00Z', '2026-11-17T09:00:00Z', { slaFirstResponseMet: false, slaResolutionMet: true }),
  // T7 no priority → no target; answered after 60 business minutes.
  ticket('T7', 'Billing', null, '2026-11-16T08:00:00Z', '2026-11-16T09:00:00Z', null),
  // T8 Night Shift, created Saturday, solved Mon 22:30 UTC without a reply: 30 business minutes.
  ticket('T8', 'Night Shift', 'urgent', '2026-11-21T12:00:00Z', null, '2026-11-23T22:30:00Z'),
  // T9 response before creation: NEGATIVE_DURATION (first response not judged); open since Wed 11-18 12:00:
  // by now 300 + 480 + 420 + 4×480 + 240 = 3360 business > 2880 → resolution breached.
  ticket('T9', 'Billing', 'normal', '2026-11-18T10:00:00Z', '2026-11-18T09:00:00Z', null),
];
const NOW = '2026-11-27T12:00:00Z'; // Friday 14:00 in Athens

function build(options: { hours?: 'calendar' | 'business'; sla?: SlaSpec; slaMode?: 'export' | 'recompute'; businessHours?: BusinessHoursSpec | undefined }, tickets = TICKETS): { report: Report; log: IssueLog } {
  const log = new IssueLog();
  const builder = new ReportBuilder({
    zone: getZone('Europe/Athens'), groupBy: [], period: 'all', window: { from: null, to: null }, dateBasis: 'created', where: [],
    kpis: parseMetrics('tickets,frt_median_minutes,resolution_median_minutes,sla_first_response_pct,sla_resolution_pct'),
    minSample: 1, generatedAt: NOW, version: 'test',
    businessHours: 'businessHours' in options ? options.businessHours : BUSINESS_HOURS, sla: options.sla ?? SLA,
    hours: options.hours, slaMode: options.slaMode,
  }, log);
  for (const t of tickets) builder.addTicket(t);
  return { report: builder.finish(), log };
}
const overall = (r: Report) => r.rows[0].kpis;

describe('--hours business', () => {
  it('reports FRT and resolution in business minutes of each team calendar', () => {
    const { report, log } = build({ hours: 'business' });
    expect(report.hours).toBe('business');
    // FRT business: T1 30, T2 30, T3 360, T6 5, T7 60 → median 30. Resolution: T1 540, T3 480, T6 60, T8 30 → (60 + 480) / 2.
    expect(overall(report).frt_median_minutes).toMatchObject({ value: 30, n: 5 });
    expect(overall(report).resolution_median_minutes).toMatchObject({ value: 270, n: 4 });
    expect(report.definitions.frt_median_minutes.method).toContain('business minutes');
    expect(log.byCode.get('NEGATIVE_DURATION')).toBe(1);
  });

  it('calendar hours stay the default', () => {
    const { report } = build({});
    expect(report.hours).toBe('calendar');
    // FRT calendar: 90, 2730, 360, 5, 60 → median 90. Resolution: 1560, 4320, 60, 3510 → (1560 + 3510) / 2.
    expect(overall(report).frt_median_minutes).toMatchObject({ value: 90, n: 5 });
    expect(overall(report).resolution_median_minutes).toMatchObject({ value: 2535, n: 4 });
  });

  it("uses the export's business durations when no calendar is configured, and says so", () => {
    const tickets = [
      ticket('T1', 'Billing', 'high', '2026-11-16T06:00:00Z', '2026-11-16T07:30:00Z', null, { firstResponseBusinessMinutes: 12 }),
      ticket('T2', 'Billing', 'high', '2026-11-16T06:00:00Z', '2026-11-16T07:30:00Z', null, { firstResponseBusinessMinutes: 20 }),
      ticket('T3', 'Billing', 'high', '2026-11-16T06:00:00Z', '2026-11-16T07:30:00Z', null),
    ];
    const { report } = build({ hours: 'business', businessHours: undefined, sla: {} }, tickets);
    expect(overall(report).frt_median_minutes).toMatchObject({ value: 16, n: 2 });
    expect(report.definitions.frt_median_minutes.method).toContain('as the export states them');
  });

  it('refuses business hours with neither a calendar nor business durations', () => {
    expect(() => build({ hours: 'business', businessHours: undefined, sla: {} })).toThrow(/no business-hours calendar/);
  });
});

describe('SLA', () => {
  it("uses the export's stated outcome, else the config's targets; running tickets are excluded", () => {
    const { report } = build({ hours: 'calendar' });
    // First response: met T1 T2 T3 T8, breached T5 T6(export) → 4 of 6. Resolution: met T1 T3 T6(export) T8, breached T2 T5 T9 → 4 of 7.
    expect(overall(report).sla_first_response_pct.n).toBe(6);
    expect(overall(report).sla_first_response_pct.value).toBeCloseTo((4 / 6) * 100, 9);
    expect(overall(report).sla_resolution_pct.n).toBe(7);
    expect(overall(report).sla_resolution_pct.value).toBeCloseTo((4 / 7) * 100, 9);
    expect(report.definitions.sla_first_response_pct.method).toContain('export states (1 ticket)');
  });

  it('refuses business-hour SLA targets that no ticket can be judged against, unless the export states outcomes or business durations', () => {
    // The SLA clock is business hours (sla.hours), the report's durations calendar minutes.
    const plain = [ticket('T1', 'Billing', 'high', '2026-11-16T06:00:00Z', '2026-11-16T07:30:00Z', null)];
    expect(() => build({ hours: 'calendar', businessHours: undefined }, plain)).toThrow(/sla\.hours "business": the config has no business-hours calendar/);
    // The export states T1's outcomes: those are judged (met on first response, breached on resolution).
    const stated = [ticket('T1', 'Billing', 'high', '2026-11-16T06:00:00Z', '2026-11-16T07:30:00Z', null, { slaFirstResponseMet: true, slaResolutionMet: false })];
    const withStated = build({ hours: 'calendar', businessHours: undefined }, stated).report;
    expect(overall(withStated).sla_first_response_pct).toMatchObject({ value: 100, n: 1 });
    expect(overall(withStated).sla_resolution_pct).toMatchObject({ value: 0, n: 1 });
    // The export's business duration judges the first-response target: 12 ≤ 240 (high) → met.
    const durations = [ticket('T1', 'Billing', 'high', '2026-11-16T06:00:00Z', '2026-11-16T07:30:00Z', null, { firstResponseBusinessMinutes: 12 })];
    expect(overall(build({ hours: 'calendar', businessHours: undefined }, durations).report).sla_first_response_pct).toMatchObject({ value: 100, n: 1 });
  });

  it('--sla recompute ignores the stated outcome', () => {
    const { report } = build({ slaMode: 'recompute' });
    // T6 now met on both (5 ≤ 240, 60 ≤ 1440): first response 5 of 6, resolution still 4 of 7.
    expect(overall(report).sla_first_response_pct.value).toBeCloseTo((5 / 6) * 100, 9);
    expect(overall(report).sla_resolution_pct.value).toBeCloseTo((4 / 7) * 100, 9);
  });

  it('calendar-hour targets judge the same tickets differently', () => {
    const { report } = build({ slaMode: 'recompute', sla: { ...SLA, hours: 'calendar' } });
    // Calendar minutes: FR T1 90 ≤ 240 met, T2 2730 > 60 breached, T3 360 met, T5 breached, T6 met, T8 (solved w/o reply, 3510 > 60) breached,
    // T4 (created Thu 14:00Z, now Fri 12:00Z = 1320 ≤ 1440) running → 3 of 6.
    expect(overall(report).sla_first_response_pct).toMatchObject({ n: 6 });
    expect(overall(report).sla_first_response_pct.value).toBeCloseTo(50, 9);
    // Resolution: T1 1560 > 1440 breached, T2 open 8640 > 480 breached, T3 4320 > 2880 breached, T5 open 15900 > 2880 breached,
    // T6 60 met, T8 3510 > 480 breached, T9 open 12720 > 2880 breached; T4 1320 ≤ 7200 running → 1 of 7.
    expect(overall(report).sla_resolution_pct.n).toBe(7);
    expect(overall(report).sla_resolution_pct.value).toBeCloseTo(100 / 7, 9);
  });

  it('no targets and no stated outcomes → null with a method that says why', () => {
    const { report } = build({ sla: {} });
    const tickets = TICKETS.map((t) => ({ ...t, slaFirstResponseMet: null, slaResolutionMet: null }));
    const none = build({ sla: {} }, tickets).report;
    expect(overall(none).sla_first_response_pct).toMatchObject({ value: null, n: 0 });
    expect(none.definitions.sla_first_response_pct.method).toContain('no SLA targets');
    // With only the export's statement (T6), that one ticket is judged.
    expect(overall(report).sla_first_response_pct).toMatchObject({ value: 0, n: 1 });
  });

  it('no targets: the outcomes the export states, each counted once', () => {
    // First response stated on T1 (met), T2 (met), T3 (breached); resolution on T1 (met), T4 and
    // T5 (breached): 2 of 3 and 1 of 3, the rest not judged.
    const stated: Record<string, Partial<Ticket>> = {
      T1: { slaFirstResponseMet: true, slaResolutionMet: true }, T2: { slaFirstResponseMet: true }, T3: { slaFirstResponseMet: false },
      T4: { slaResolutionMet: false }, T5: { slaResolutionMet: false },
    };
    const tickets = TICKETS.map((t) => ({ ...t, slaFirstResponseMet: null, slaResolutionMet: null, ...stated[t.id] }));
    const { report } = build({ sla: {} }, tickets);
    expect(overall(report).sla_first_response_pct.n).toBe(3);
    expect(overall(report).sla_first_response_pct.value).toBeCloseTo((2 / 3) * 100, 9);
    expect(overall(report).sla_resolution_pct.n).toBe(3);
    expect(overall(report).sla_resolution_pct.value).toBeCloseTo((1 / 3) * 100, 9);
    expect(report.definitions.sla_first_response_pct.method).toContain('export states (3 tickets)');
    expect(report.definitions.sla_resolution_pct.method).toContain('export states (3 tickets)');
  });
});

describe('needsBusinessMinutes', () => {
  it('is true for business durations, or SLA targets on the business clock', () => {
    const targets = { firstResponseMinutes: { default: 60 } };
    expect(needsBusinessMinutes({})).toBe(false);
    expect(needsBusinessMinutes({ hours: 'calendar' })).toBe(false);
    expect(needsBusinessMinutes({ hours: 'business' })).toBe(true);
    expect(needsBusinessMinutes({ hours: 'calendar', sla: { ...targets, hours: 'business' } })).toBe(true);
    expect(needsBusinessMinutes({ hours: 'business', sla: { ...targets, hours: 'calendar' } })).toBe(true);
    expect(needsBusinessMinutes({ hours: 'calendar', sla: { ...targets } })).toBe(false);
    // A clock without targets reads nothing.
    expect(needsBusinessMinutes({ hours: 'calendar', sla: { hours: 'business' } })).toBe(false);
  });
});
