import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupAccumulator, type SurveyFacts, type TicketFacts } from '../../../src/kpi/accumulator.js';
import { KPIS, type MethodContext } from '../../../src/kpi/catalog.js';

// Whole-number minutes and scores keep every sum exact, so a merged result must equal the whole
// one exactly, whatever order the partial sums were taken in.
const minutes = fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 2_000_000 }));
const known = (max: number) => fc.oneof(fc.constant(-1), fc.integer({ min: 0, max }));
const ticket: fc.Arbitrary<TicketFacts> = fc.record({
  solved: fc.boolean(),
  unreplied: fc.boolean(),
  frtMinutes: minutes,
  resolutionMinutes: minutes,
  agentReplies: known(20),
  reopens: known(5),
  escalated: known(1),
  fcr: known(1),
});
const csatScore = fc.integer({ min: 1, max: 5 });
const survey: fc.Arbitrary<SurveyFacts> = fc.record({
  employee: fc.boolean(),
  csat: fc.oneof(fc.constant(null), csatScore),
  csatOfferedUnanswered: fc.boolean(),
  nps: fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 10 })),
  ces: fc.oneof(fc.constant(NaN), fc.integer({ min: 1, max: 7 })),
}).map(({ employee, csat, csatOfferedUnanswered, nps, ces }) => ({
  employee,
  csatSatisfied: csat === null ? NaN : csat >= 4 ? 1 : 0,
  csatScore: csat === null ? NaN : csat,
  csatOfferedUnanswered: csat === null && csatOfferedUnanswered,
  nps,
  ces,
  cesAgree: Number.isNaN(ces) ? 0 : ces >= 5 ? 1 : 0,
}));
const ctx: fc.Arbitrary<MethodContext> = fc.record({
  fcrMethod: fc.constantFrom('flag' as const, 'one-touch' as const, 'customer-messages' as const, null),
  csatScale: fc.constant(5),
  cesScale: fc.constant(7),
  offeredKnown: fc.boolean(),
});

function fill(tickets: TicketFacts[], surveys: SurveyFacts[]): GroupAccumulator {
  const acc = new GroupAccumulator();
  for (const t of tickets) acc.addTicket(t);
  for (const s of surveys) acc.addSurvey(s);
  return acc;
}

const RANGES: Record<string, [number, number]> = { pct: [0, 100], nps: [-100, 100] };

describe('KPI properties (fast-check)', () => {
  it('every KPI is null or finite and in its range; n is a whole number ≥ 0', () => {
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 60 }), fc.array(survey, { maxLength: 60 }), ctx, (tickets, surveys, c) => {
        const acc = fill(tickets, surveys);
        const durations = tickets.flatMap((t) => [t.frtMinutes, t.resolutionMinutes]).filter((m) => !Number.isNaN(m));
        for (const kpi of KPIS) {
          const { value, n } = kpi.compute(acc, c);
          expect(Number.isInteger(n) && n >= 0, kpi.id).toBe(true);
          if (value === null) continue;
          expect(Number.isFinite(value), kpi.id).toBe(true);
          const range = RANGES[kpi.unit];
          if (range) {
            expect(value, kpi.id).toBeGreaterThanOrEqual(range[0]);
            expect(value, kpi.id).toBeLessThanOrEqual(range[1]);
          }
          if (kpi.unit === 'count') expect(Number.isInteger(value) && value >= 0, kpi.id).toBe(true);
          if (kpi.unit === 'minutes') {
            expect(value, kpi.id).toBeGreaterThanOrEqual(Math.min(...durations));
            expect(value, kpi.id).toBeLessThanOrEqual(Math.max(...durations));
          }
          if (kpi.id === 'csat_mean') expect(value >= 1 && value <= 5).toBe(true);
          if (kpi.id === 'ces_mean') expect(value >= 1 && value <= 7).toBe(true);
        }
        const p50 = KPIS.find((k) => k.id === 'frt_median_minutes')!.compute(acc, c).value;
        const p90 = KPIS.find((k) => k.id === 'frt_p90_minutes')!.compute(acc, c).value;
        if (p50 !== null && p90 !== null) expect(p50).toBeLessThanOrEqual(p90);
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('computing on a random split and merging equals computing on the whole', () => {
    const item = fc.oneof(ticket.map((t) => ({ t })), survey.map((s) => ({ s })));
    fc.assert(
      fc.property(fc.array(fc.tuple(item, fc.nat(3)), { maxLength: 80 }), ctx, (items, c) => {
        const whole = fill(items.flatMap(([i]) => ('t' in i ? [i.t] : [])), items.flatMap(([i]) => ('s' in i ? [i.s] : [])));
        const parts = [0, 1, 2, 3].map((k) => {
          const mine = items.filter(([, part]) => part === k).map(([i]) => i);
          return fill(mine.flatMap((i) => ('t' in i ? [i.t] : [])), mine.flatMap((i) => ('s' in i ? [i.s] : [])));
        });
        // merge in a shuffled tree: (3 ← 0) then (1 ← 2), then both into a fresh accumulator
        parts[3].merge(parts[0]);
        parts[1].merge(parts[2]);
        const merged = new GroupAccumulator();
        merged.merge(parts[1]);
        merged.merge(parts[3]);
        for (const kpi of KPIS) {
          const a = kpi.compute(whole, c);
          const b = kpi.compute(merged, c);
          expect({ id: kpi.id, value: b.value, n: b.n }).toEqual({ id: kpi.id, value: a.value, n: a.n });
        }
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });
});
