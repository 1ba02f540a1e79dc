import { describe, expect, it } from 'vitest';
import { responsesByTicket } from '../../../src/kpi/answer-uses.js';

// The expected order, worked out the plain way: responses with a ticket row, by row, then by
// their own position (file order).
function expected(ticketOf: Int32Array): number[] {
  const withRow: number[] = [];
  ticketOf.forEach((t, s) => {
    if (t >= 0) withRow.push(s);
  });
  return withRow.sort((a, b) => (ticketOf[a] !== ticketOf[b] ? ticketOf[a] - ticketOf[b] : a - b));
}

/** The order worked out the plain way, and each response's row beside it. */
function expectSorted(ticketOf: Int32Array, tickets: number): void {
  const { order, rows } = responsesByTicket(ticketOf, tickets);
  const want = expected(ticketOf);
  expect([...order]).toEqual(want);
  expect([...rows]).toEqual(want.map((s) => ticketOf[s]));
}

let seed = 3;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

describe('responsesByTicket (the join walks responses in ticket-row order)', () => {
  it('orders a small hand-made case by row, ties in file order, leaving out responses without a row', () => {
    const ticketOf = Int32Array.from([5, -1, 2, 5, 0, -1, 2, 5]);
    expect([...responsesByTicket(ticketOf, 6).order]).toEqual([4, 2, 6, 0, 3, 7]);
    expect([...responsesByTicket(ticketOf, 6).rows]).toEqual([0, 2, 2, 5, 5, 5]);
  });

  it.each([100, 10_000, 300_000])('agrees with a plain sort on %i random responses (counting sort)', (n) => {
    const tickets = Math.ceil(n * 1.5);
    const ticketOf = new Int32Array(n);
    // Many responses share a row (ties), some have none.
    for (let s = 0; s < n; s++) ticketOf[s] = rand() < 0.1 ? -1 : Math.floor(rand() * rand() * tickets);
    expectSorted(ticketOf, tickets);
  });

  it.each([2_000, 200_000])('agrees with a plain sort on %i responses to a table far larger (radix sort of row · 2^k + s)', (n) => {
    // More than 8 rows per response past 2^20 rows: the counting sort's row array would be most of the work.
    const tickets = 8 * n + (1 << 20) + 1;
    const ticketOf = new Int32Array(n);
    for (let s = 0; s < n; s++) ticketOf[s] = rand() < 0.1 ? -1 : Math.floor(rand() * rand() * tickets);
    expectSorted(ticketOf, tickets);
  });

  it('sorts by keys after counting, when only the responses with a row show the table is far larger', () => {
    // 60,000 responses, a sixth of them with a row: the table is small against all of them, large against those.
    const n = 60_000;
    const tickets = 8 * (n / 2) + (1 << 20);
    const ticketOf = new Int32Array(n).fill(-1);
    for (let s = 0; s < n; s += 6) ticketOf[s] = Math.floor(rand() * rand() * tickets);
    expect(tickets).toBeLessThanOrEqual(8 * n + (1 << 20));
    expect(tickets).toBeGreaterThan(8 * (n / 6) + (1 << 20));
    expectSorted(ticketOf, tickets);
  });

  it('takes the comparison sort when row · 2^k + s would not be exact', () => {
    const ticketOf = new Int32Array(5000);
    for (let s = 0; s < ticketOf.length; s++) ticketOf[s] = rand() < 0.1 ? -1 : Math.floor(rand() * 300);
    // A table size this large sends it down the fallback; the rows themselves stay small.
    expectSorted(ticketOf, 2 ** 45);
  });
});
