import { describe, expect, it } from 'vitest';
import { CellQueue } from '../../../src/kpi/cell-queue.js';
import {
  GroupAccumulator, packSurveyFacts, packTicketFacts, SURVEY_ROW_BYTES, TICKET_ROW_BYTES, unpackSurveyFacts, unpackTicketFacts, type SurveyFacts, type TicketFacts,
} from '../../../src/kpi/accumulator.js';
import { Samples, SHARED_FROM } from '../../../src/kpi/samples.js';
import type { Report } from '../../../src/model/report.js';
import type { SurveyResponse, Ticket } from '../../../src/model/types.js';
import { build, at, csat, survey, ticket } from '../../helpers/build.js';

let seed = 11;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)];

describe('CellQueue', () => {
  /**
   * A queue of 16-byte rows started small (4 rows, 4 pairs, so both grow several times): `write`
   * fills row r, which is queued for one to three random cells. Returns the (cell, row) pairs in
   * the order they were queued.
   */
  const fill = (queue: CellQueue, rows: number, cells: number, write: (r: number) => void): [number, number][] => {
    const queued: [number, number][] = [];
    for (let r = 0; r < rows; r++) {
      expect(queue.row()).toBe(r);
      write(r);
      for (let k = Math.floor(rand() * 3); k >= 0; k--) {
        const cell = Math.floor(rand() * cells);
        queue.pair(cell, r);
        queued.push([cell, r]);
      }
    }
    return queued;
  };
  /** The reference: the rows queued for one cell, in queue order. */
  const rowsOf = (queued: [number, number][], cell: number): number[] => queued.filter(([c]) => c === cell).map(([, row]) => row);

  it('gives each cell its rows in the order they were queued, past its starting sizes', () => {
    const queue = new CellQueue(16, 4, 4);
    const cells = 37;
    const queued = fill(queue, 500, cells, (r) => {
      queue.f64[r * 2] = r + 0.25;
      queue.i8[r * 16 + 8] = (r % 200) - 100;
    });
    expect(queue.pairs).toBe(queued.length);
    // Each cell's rows, in queue order, with what was written before the buffers grew.
    let handed = 0;
    queue.forEachCell(cells, (cell, from, to) => {
      handed += to - from;
      const rows = [];
      for (let k = from; k < to; k++) {
        const r = queue.f64[k * 2] - 0.25;
        expect(queue.i8[k * 16 + 8]).toBe((r % 200) - 100);
        rows.push(r);
      }
      expect(rows, `cell ${cell}`).toEqual(rowsOf(queued, cell));
    });
    expect(handed).toBe(queued.length);
  });

  it('hands each cell its rows in queue order, copied bit for bit into cell order', () => {
    const queue = new CellQueue(16, 4, 4);
    const cells = 23;
    const queued = fill(queue, 400, cells, (r) => {
      queue.f64[r * 2] = r / 7;
      // The second double's bytes: a NaN with a payload (r in its low bytes).
      const bytes = [r & 0xff, r >> 8, 0, 0, 0, 0, -8, 0x7f];
      for (let b = 0; b < 8; b++) queue.i8[r * 16 + 8 + b] = bytes[b];
    });
    const seen: number[] = [];
    queue.forEachCell(cells, (cell, from, to) => {
      seen.push(cell);
      const expected = rowsOf(queued, cell);
      expect(to - from, `cell ${cell}`).toBe(expected.length);
      for (let k = from; k < to; k++) {
        const r = expected[k - from];
        expect(queue.f64[k * 2]).toBe(r / 7);
        expect([...queue.i8.subarray(k * 16 + 8, k * 16 + 16)]).toEqual([r & 0xff, r >> 8, 0, 0, 0, 0, -8, 0x7f].map((b) => (b << 24) >> 24));
      }
    });
    // Cells in order, each once, only those with rows.
    expect(seen).toEqual([...new Set(queued.map(([c]) => c))].sort((x, y) => x - y));
  });

  it('refuses a row size that is not a multiple of 8', () => {
    expect(() => new CellQueue(12, 1, 1)).toThrow(/multiple of 8/);
  });
});

describe('ticket facts as a queue row', () => {
  it('unpack to facts that add to an accumulator exactly as the originals do', () => {
    const queue = new CellQueue(TICKET_ROW_BYTES, 2, 2);
    const direct = new GroupAccumulator(), replayed = new GroupAccumulator();
    const out: TicketFacts = { solved: false, unreplied: -1, frtMinutes: 0, resolutionMinutes: 0, agentReplies: 0, reopens: 0, escalated: 0, fcr: 0 };
    for (let k = 0; k < 2000; k++) {
      const facts: TicketFacts = {
        solved: rand() < 0.6, unreplied: pick([-1, 0, 0, 0, 1]),
        frtMinutes: rand() < 0.2 ? NaN : rand() * 1e4, resolutionMinutes: rand() < 0.3 ? NaN : Math.floor(rand() * 1e6) / 60,
        agentReplies: pick([-1, 0, 1, 2, 7, 1234567]), reopens: pick([NaN, -1, 0, 1, 3, 0.5]),
        escalated: pick([-1, 0, 1]), fcr: pick([-1, 0, 1]),
        slaFirstResponse: pick([undefined, -1, 0, 1]), slaResolution: pick([undefined, -1, 0, 1]),
      };
      direct.addTicket(facts);
      const row = queue.row();
      packTicketFacts(queue, row, facts);
      unpackTicketFacts(queue, row, out);
      replayed.addTicket(out);
    }
    for (const [key, value] of Object.entries(direct)) {
      if (typeof value === 'number') expect((replayed as unknown as Record<string, number>)[key], key).toBe(value);
    }
    for (const key of ['frt', 'resolution'] as const) {
      expect([...replayed[key].values()]).toEqual([...direct[key].values()]);
      expect(replayed[key].sum()).toBe(direct[key].sum());
    }
  });
});

describe('survey facts as a queue row', () => {
  it('unpack to facts that add to an accumulator exactly as the originals do', () => {
    const queue = new CellQueue(SURVEY_ROW_BYTES, 2, 2);
    const direct = new GroupAccumulator(), replayed = new GroupAccumulator();
    const out: SurveyFacts = { employee: false, csatSatisfied: NaN, csatScore: NaN, csatOfferedUnanswered: false, nps: NaN, ces: NaN, cesAgree: 0 };
    for (let k = 0; k < 3000; k++) {
      const facts: SurveyFacts = {
        employee: rand() < 0.1, csatSatisfied: pick([NaN, 0, 1]), csatScore: pick([NaN, 1, 4, 4.5, 7, 10, 0.1]),
        csatOfferedUnanswered: rand() < 0.2, nps: pick([NaN, 0, 6, 7, 8, 9, 10]), ces: pick([NaN, 1, 3.5, 5, 7]), cesAgree: pick([0, 1]),
      };
      direct.addSurvey(facts);
      const row = queue.row();
      packSurveyFacts(queue, row, facts);
      unpackSurveyFacts(queue, row, out);
      replayed.addSurvey(out);
    }
    let checked = 0;
    for (const [key, value] of Object.entries(direct)) {
      if (typeof value !== 'number') continue;
      expect((replayed as unknown as Record<string, number>)[key], key).toBe(value);
      checked++;
    }
    // Every survey counter was compared, and the answers reached them.
    expect(checked).toBeGreaterThan(15);
    for (const key of ['csatRated', 'csatSatisfied', 'csatOffered', 'csatScoreSum', 'npsN', 'npsPromoters', 'enpsN', 'cesSum', 'cesAgree'] as const) {
      expect(direct[key], key).toBeGreaterThan(0);
    }
  });
});

describe('Samples.reserve', () => {
  it('keeps the values and their sum, and holds large sets in shared memory', () => {
    const s = new Samples();
    for (let i = 0; i < 10; i++) s.push(i / 3);
    s.reserve(3);
    for (let i = 10; i < 13; i++) s.push(i / 3);
    s.reserve(SHARED_FROM);
    for (let i = 13; i < 600; i++) s.push(i / 3);
    let sum = 0;
    for (let i = 0; i < 600; i++) sum += i / 3;
    expect(s.length).toBe(600);
    expect(s.sum()).toBe(sum);
    expect([...s.values()]).toEqual(Array.from({ length: 600 }, (_, i) => i / 3));
    expect(s.values().buffer).toBeInstanceOf(SharedArrayBuffer);
    // A set reserved below SHARED_FROM stays in ordinary memory.
    const small = new Samples();
    small.reserve(100);
    small.push(1);
    expect(small.values().buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });
});

describe('a report over thousands of groups', () => {
  // Tickets with whole seconds as minutes (their sums depend on their order), some fields unknown.
  const makeTickets = (count: number, fields: (n: number) => Partial<Ticket>): Ticket[] =>
    Array.from({ length: count }, (_, n) => {
      const solved = rand() < 0.7;
      return ticket({
        id: String(n), status: solved ? 'solved' : 'open',
        firstResponseAt: rand() < 0.1 ? null : at(Math.floor(rand() * 90_000) / 60),
        solvedAt: solved ? at(Math.floor(rand() * 900_000) / 60 + 1500) : null,
        agentReplies: rand() < 0.1 ? null : Math.floor(rand() * 4), reopens: rand() < 0.1 ? null : pick([0, 0, 0, 1, 2]),
        escalated: rand() < 0.1 ? null : rand() < 0.2,
        ...fields(n),
      });
    });

  // The reference for one row: its tickets, in file order.
  const expectFor = (label: string, mine: Ticket[], kpis: Record<string, { value: number | null; n: number }>): void => {
    let frtSum = 0, frtN = 0, resSum = 0, resN = 0, escalated = 0, escalationKnown = 0, reopened = 0, reopenKnown = 0, fcrYes = 0, fcrKnown = 0;
    for (const t of mine) {
      if (t.firstResponseAt !== null) {
        frtSum += (t.firstResponseAt - t.createdAt) / 60_000;
        frtN++;
      }
      if (t.escalated !== null) {
        escalationKnown++;
        if (t.escalated) escalated++;
      }
      if (t.solvedAt === null) continue;
      resSum += (t.solvedAt - t.createdAt) / 60_000;
      resN++;
      if (t.reopens !== null) {
        reopenKnown++;
        if (t.reopens > 0) reopened++;
      }
      // One-touch FCR: solved with at most one agent reply and no reopen.
      if (t.agentReplies !== null) {
        fcrKnown++;
        if (t.agentReplies <= 1 && (t.reopens ?? 0) <= 0) fcrYes++;
      }
    }
    expect(kpis.tickets.value, label).toBe(mine.length);
    expect(kpis.frt_mean_minutes, label).toMatchObject({ value: frtN === 0 ? null : frtSum / frtN, n: frtN });
    expect(kpis.resolution_mean_minutes, label).toMatchObject({ value: resN === 0 ? null : resSum / resN, n: resN });
    expect(kpis.escalation_rate_pct, label).toMatchObject({ value: escalationKnown === 0 ? null : (escalated / escalationKnown) * 100, n: escalationKnown });
    expect(kpis.reopen_rate_pct, label).toMatchObject({ value: reopenKnown === 0 ? null : (reopened / reopenKnown) * 100, n: reopenKnown });
    expect(kpis.fcr_pct, label).toMatchObject({ value: fcrKnown === 0 ? null : (fcrYes / fcrKnown) * 100, n: fcrKnown });
  };

  /** Every row against the reference; `keysOf`: a ticket's group keys, `rowKey`: a row's. */
  const expectRows = (report: Report, tickets: Ticket[], keysOf: (t: Ticket) => string[], rowKey: (group: Record<string, string>) => string): void => {
    const byGroup = new Map<string, Ticket[]>();
    for (const t of tickets) {
      for (const key of keysOf(t)) {
        if (!byGroup.has(key)) byGroup.set(key, []);
        byGroup.get(key)!.push(t);
      }
    }
    // Past 2,048 accumulators the additions are queued: these reports have more.
    expect(byGroup.size).toBeGreaterThan(2100);
    expect(report.rows.length).toBe(1 + byGroup.size);
    for (const row of report.rows) {
      if (Object.keys(row.group).length === 0) expectFor('overall', tickets, row.kpis);
      else expectFor(rowKey(row.group), byGroup.get(rowKey(row.group))!, row.kpis);
    }
  };

  it('gives each agent × team its own tickets, sums in arrival order', () => {
    // 2,600 agents and 40 teams, a team drawn per ticket: ~12,000 combinations.
    const agents = Array.from({ length: 2600 }, (_, i) => `agent ${i}`);
    const teams = Array.from({ length: 40 }, (_, i) => `team ${i}`);
    const tickets = makeTickets(13_000, () => ({ agent: pick(agents), team: pick(teams) }));
    const { report } = build(tickets, [], { groupBy: ['agent', 'team'] });
    expectRows(report, tickets, (t) => [`${t.agent}|${t.team}`], (g) => `${g.agent}|${g.team}`);
  });

  it('gives each agent × team its responses, by their own names or else their ticket\'s', () => {
    const agents = Array.from({ length: 2600 }, (_, i) => `agent ${i}`);
    const teams = Array.from({ length: 40 }, (_, i) => `team ${i}`);
    const tickets = makeTickets(13_000, () => ({ agent: pick(agents), team: pick(teams) }));
    // At most one response per ticket id (so no answer replaces another); some name their own
    // agent or team, and some have an id no ticket has (their ticket's names are then none).
    const surveys: SurveyResponse[] = Array.from({ length: 9_000 }, (_, n) => survey({
      ticketId: n < 8_000 ? String(n) : `lost-${n}`,
      agent: rand() < 0.3 ? pick(agents) : null,
      team: rand() < 0.3 ? pick(teams) : null,
      csat: rand() < 0.1 ? null : csat(1 + Math.floor(rand() * 5)),
      nps: rand() < 0.2 ? null : Math.floor(rand() * 11),
      ces: rand() < 0.2 ? null : { score: 1 + Math.floor(rand() * 7), scale: null },
    }));
    const { report } = build(tickets, surveys, { groupBy: ['agent', 'team'] });

    // The reference: each response's agent and team, its answers summed per group in file order.
    const none = (name: string | null): string => name ?? '(none)';
    const sums = new Map<string, { rated: number; satisfied: number; score: number; npsN: number; net: number; cesN: number; ces: number }>();
    const add = (key: string, s: SurveyResponse): void => {
      if (!sums.has(key)) sums.set(key, { rated: 0, satisfied: 0, score: 0, npsN: 0, net: 0, cesN: 0, ces: 0 });
      const g = sums.get(key)!;
      if (s.csat !== null) {
        g.rated++;
        // A 1–5 scale (every score is 1–5): 4 and 5 are satisfied.
        if (s.csat.score >= 4) g.satisfied++;
        g.score += s.csat.score;
      }
      if (s.nps !== null) {
        g.npsN++;
        g.net += s.nps >= 9 ? 1 : s.nps <= 6 ? -1 : 0;
      }
      if (s.ces !== null) {
        g.cesN++;
        g.ces += s.ces.score;
      }
    };
    for (const s of surveys) {
      const t = /^\d+$/.test(s.ticketId!) ? tickets[Number(s.ticketId)] : null;
      add('', s);
      add(`${none(s.agent ?? t?.agent ?? null)}|${none(s.team ?? t?.team ?? null)}`, s);
    }
    // Past 2,048 accumulators the additions are queued: this report has more.
    expect(report.rows.length).toBeGreaterThan(2100);
    let withResponses = 0;
    for (const row of report.rows) {
      const key = Object.keys(row.group).length === 0 ? '' : `${row.group.agent}|${row.group.team}`;
      const g = sums.get(key) ?? { rated: 0, satisfied: 0, score: 0, npsN: 0, net: 0, cesN: 0, ces: 0 };
      if (g.rated > 0) withResponses++;
      expect(row.kpis.csat_pct, key).toMatchObject({ value: g.rated === 0 ? null : (g.satisfied / g.rated) * 100, n: g.rated });
      expect(row.kpis.csat_mean, key).toMatchObject({ value: g.rated === 0 ? null : g.score / g.rated, n: g.rated });
      expect(row.kpis.nps, key).toMatchObject({ value: g.npsN === 0 ? null : (g.net / g.npsN) * 100, n: g.npsN });
      expect(row.kpis.ces_mean, key).toMatchObject({ value: g.cesN === 0 ? null : g.ces / g.cesN, n: g.cesN });
    }
    // Every group with responses has its row (those with their own names too).
    expect(withResponses).toBe([...sums.entries()].filter(([, g]) => g.rated > 0).length);
    expect(withResponses).toBeGreaterThan(2100);
  });

  it('gives each of thousands of tags its tickets when a ticket has several tags', () => {
    // 2,500 tags, one to three per ticket: a ticket adds to several queued cells at once.
    const tags = Array.from({ length: 2500 }, (_, i) => `tag${i}`);
    const tickets = makeTickets(9_000, () => ({ tags: [...new Set([pick(tags), pick(tags), pick(tags)].slice(0, 1 + Math.floor(rand() * 3)))] }));
    const { report } = build(tickets, [], { groupBy: ['tag'] });
    expectRows(report, tickets, (t) => t.tags, (g) => g.tag);
  });
});
