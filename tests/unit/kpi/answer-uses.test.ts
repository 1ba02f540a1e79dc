import { describe, expect, it } from 'vitest';
import {
  COMPETES, HAS_CES, HAS_CSAT, HAS_NPS, OFFERED, OrphanWinners, SUPERSEDED, USE_ALL, USE_CES, USE_CSAT, USE_NPS, ticketAnswerUses, type AnswersInput,
} from '../../../src/kpi/answer-uses.js';

let seed = 17;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

/** Responses as plain objects: the test's own view of the input. */
interface Response {
  ticket: number;
  role: 'competes' | 'superseded' | 'own';
  csat: boolean;
  offered: boolean;
  nps: boolean;
  ces: boolean;
  time: number;
}

function input(rs: Response[], tickets: number): AnswersInput {
  const info = Uint8Array.from(rs, (r) => (r.role === 'competes' ? COMPETES : r.role === 'superseded' ? SUPERSEDED : 0)
    | (r.csat ? HAS_CSAT : 0) | (r.offered ? OFFERED : 0) | (r.nps ? HAS_NPS : 0) | (r.ces ? HAS_CES : 0));
  const withRow = rs.filter((r) => r.ticket >= 0).length;
  return {
    ticketOf: Int32Array.from(rs, (r) => r.ticket), info, respondedAt: Float64Array.from(rs, (r) => r.time), tickets,
    byTicket: { order: new Int32Array(withRow), rows: new Int32Array(withRow) }, uses: new Uint8Array(rs.length),
  };
}

/**
 * The definition, the plain way: of a ticket's competing responses, the CSAT winner is the latest
 * rating (a rating beats "offered, unanswered"; without one, the latest offered), the NPS and CES
 * winners the latest with that answer; the latest is the greatest time, no time counting as
 * earliest, a tie going to the later response in file order. Responses that do not compete keep
 * everything, a superseded one nothing.
 */
function expected(rs: Response[], groupOf: (i: number) => number | null): number[] {
  const latest = (members: number[], has: (r: Response) => boolean): number => {
    let best = -1;
    for (const i of members) {
      if (!has(rs[i])) continue;
      const t = Number.isNaN(rs[i].time) ? -Infinity : rs[i].time;
      const bt = best < 0 ? -Infinity : Number.isNaN(rs[best].time) ? -Infinity : rs[best].time;
      if (best < 0 || t >= bt) best = i;
    }
    return best;
  };
  const groups = new Map<number, number[]>();
  rs.forEach((r, i) => {
    const g = groupOf(i);
    if (r.role === 'competes' && g !== null) groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  const uses = rs.map((r) => (r.role === 'own' ? USE_ALL : 0));
  for (const members of groups.values()) {
    const rated = latest(members, (r) => r.csat);
    const csat = rated >= 0 ? rated : latest(members, (r) => r.offered);
    const nps = latest(members, (r) => r.nps), ces = latest(members, (r) => r.ces);
    for (const i of members) uses[i] = (i === csat ? USE_CSAT : 0) | (i === nps ? USE_NPS : 0) | (i === ces ? USE_CES : 0);
  }
  return uses;
}

function randomResponses(n: number, tickets: number): Response[] {
  // Few distinct times, so ties are common; some responses have none.
  const times = [NaN, 1000, 2000, 3000];
  return Array.from({ length: n }, () => {
    const u = rand();
    return {
      ticket: u < 0.15 ? -1 : Math.floor(rand() * tickets),
      role: rand() < 0.8 ? 'competes' : rand() < 0.5 ? 'superseded' : 'own',
      csat: rand() < 0.5, offered: rand() < 0.3, nps: rand() < 0.5, ces: rand() < 0.4,
      time: times[Math.floor(rand() * times.length)],
    };
  });
}

describe('which answers each survey response supplies (answer-uses.ts)', () => {
  it('a hand-made ticket: the latest rating wins CSAT over a later "offered", ties go to the later row, a timeless answer loses', () => {
    const rs: Response[] = [
      { ticket: 0, role: 'competes', csat: true, offered: false, nps: true, ces: false, time: 2000 },
      { ticket: 0, role: 'competes', csat: false, offered: true, nps: false, ces: true, time: 3000 },
      { ticket: 0, role: 'competes', csat: false, offered: false, nps: true, ces: true, time: 2000 },
      { ticket: 0, role: 'competes', csat: true, offered: false, nps: true, ces: false, time: NaN },
      { ticket: 1, role: 'competes', csat: false, offered: true, nps: false, ces: false, time: 5 },
      { ticket: 1, role: 'superseded', csat: true, offered: false, nps: true, ces: true, time: 9000 },
      { ticket: -1, role: 'own', csat: true, offered: false, nps: true, ces: true, time: NaN },
    ];
    const a = input(rs, 2);
    ticketAnswerUses(a);
    // Ticket 0: CSAT from response 0 (the only dated rating; 3 has no time, 1 only "offered"),
    // NPS from 2 (ties 0 at 2000 and comes later), CES from 1 (3000 beats 2000).
    // Ticket 1: response 4 is alone (5 is a superseded rating): it supplies its "offered".
    expect([...a.uses]).toEqual([USE_CSAT, USE_CES, USE_NPS, 0, USE_CSAT, 0, USE_ALL]);
    expect([...a.byTicket.order]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...a.byTicket.rows]).toEqual([0, 0, 0, 0, 1, 1]);
  });

  it.each([50, 2_000, 40_000])('agrees with the plain definition on %i random responses, orphans grouped by id', (n) => {
    const tickets = Math.max(3, Math.floor(n / 3));
    const rs = randomResponses(n, tickets);
    // Orphans (no ticket row) carry an id of their own, grouped here by a few made-up ids.
    const orphanId = rs.map(() => Math.floor(rand() * Math.max(2, n / 20)));
    const a = input(rs, tickets);
    ticketAnswerUses(a);
    // The caller's part: orphans grouped by id, numbered in order of first appearance.
    const orphans = rs.map((r, i) => i).filter((i) => rs[i].role === 'competes' && rs[i].ticket < 0);
    const groupNumbers = new Map<number, number>();
    const winners = new OrphanWinners(a.info, a.respondedAt, orphans.length);
    const groups = orphans.map((i) => {
      if (!groupNumbers.has(orphanId[i])) groupNumbers.set(orphanId[i], groupNumbers.size);
      const g = groupNumbers.get(orphanId[i])!;
      winners.add(i, g);
      return g;
    });
    orphans.forEach((i, o) => (a.uses[i] = winners.usesOf(i, groups[o])));
    // Rows and orphan ids never meet: orphans' groups are numbered past the table's rows.
    const want = expected(rs, (i) => (rs[i].ticket >= 0 ? rs[i].ticket : tickets + orphanId[i]));
    expect([...a.uses]).toEqual(want);
  });

  it('says so when the arrays for the ordered responses have the wrong length', () => {
    const a = input([{ ticket: 0, role: 'competes', csat: true, offered: false, nps: false, ces: false, time: 1 }], 1);
    a.byTicket = { order: new Int32Array(2), rows: new Int32Array(2) };
    expect(() => ticketAnswerUses(a)).toThrow(/1 responses with a row, arrays for 2/);
  });
});
