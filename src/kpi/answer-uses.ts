/**
 * Which answers each survey response supplies to the report (DESIGN §3: a ticket with several
 * responses keeps the latest response per KPI), worked out from typed arrays alone.
 *
 * Why typed arrays alone: the helper thread of parallel-sort.ts works this out for the responses
 * with a ticket row while this thread adds up the tickets, and it sees no more than the arrays it
 * is sent (in shared memory). On a million tickets and 305,000 responses this step was ~0.1–0.2 s
 * of the report's pass on one thread, with the second core idle (bench/README.md, item 26).
 * Either thread runs the same functions on the same arrays, so the result cannot depend on which.
 */
import { sortNumbers } from './samples.js';

/**
 * A response's `info` byte: its part in the join — COMPETES for its ticket's answers (a customer
 * response with a ticket id), SUPERSEDED (a rating read from a ticket row that a later row of the
 * same id replaced: it supplies nothing), DROPPED (every answer it had is outside its scale: it
 * supplies nothing, and its row is skipped), or none of those (an employee survey or a response
 * without a ticket id keeps all of its own) — and the answers it has on their scales. An answer
 * outside its scale is not one: it never replaces an earlier answer to the ticket.
 */
export const COMPETES = 1, SUPERSEDED = 2, HAS_CSAT = 4, OFFERED = 8, HAS_NPS = 16, HAS_CES = 32, DROPPED = 64;
/** Which answers a response supplies (its `uses` byte). */
export const USE_CSAT = 1, USE_NPS = 2, USE_CES = 4, USE_ALL = 7;
/** The three winners of a group of competing responses, side by side from a group's place. */
const CSAT = 0, NPS = 1, CES = 2;

/** The responses with a ticket row in the order of those rows (`order`), with that row of each (`rows`). */
export interface ByTicket {
  order: Int32Array;
  rows: Int32Array;
}

/** The arrays `ticketAnswerUses` reads and writes: per response unless said otherwise. */
export interface AnswersInput {
  /** The response's ticket row, -1 none. */
  ticketOf: Int32Array;
  info: Uint8Array;
  /** NaN: no time. */
  respondedAt: Float64Array;
  /** Rows of the ticket table. */
  tickets: number;
  /** Out: `responsesByTicket`'s arrays, as long as the responses with a row. */
  byTicket: ByTicket;
  /** Out: what each response supplies; the orphans' (COMPETES without a row) are left to `OrphanWinners`. */
  uses: Uint8Array;
}

/**
 * The responses with a ticket row (`ticketOf[s] >= 0`), ordered by that row and, for one row, in
 * file order, into `out` (as long as those responses) or new arrays. A counting sort by row (a
 * start per row, filled in file order) while the table is not much larger than the responses —
 * two passes over the responses and one over the rows, a fifth of the radix sort's time on a
 * million tickets; otherwise sorted as the numbers row · 2^k + s (exact while below 2^53, which
 * holds for any table that fits in memory).
 */
export function responsesByTicket(ticketOf: Int32Array, tickets: number, out?: ByTicket): ByTicket {
  // The responses are counted in the pass that counts them by row (the counting sort's first of
  // three; there were five). Why: this runs once per report, before V8 has compiled it, and each
  // pass over a 100k-ticket table or its 30k responses was 1–2 ms (bench/README.md, item 32).
  if (tickets <= 8 * ticketOf.length + (1 << 20)) {
    const next = new Int32Array(tickets + 1);
    let n = 0;
    for (let s = 0; s < ticketOf.length; s++) {
      const t = ticketOf[s];
      if (t >= 0) {
        next[t + 1]++;
        n++;
      }
    }
    if (tickets <= 8 * n + (1 << 20)) {
      const { order, rows } = byTicketArrays(n, out);
      for (let t = 0; t < tickets; t++) next[t + 1] += next[t];
      // Row t's responses go to [next[t], next[t + 1]), in file order.
      for (let s = 0; s < ticketOf.length; s++) {
        const t = ticketOf[s];
        if (t >= 0) {
          const k = next[t]++;
          order[k] = s;
          rows[k] = t;
        }
      }
      return { order, rows };
    }
  }
  let n = 0;
  for (let s = 0; s < ticketOf.length; s++) if (ticketOf[s] >= 0) n++;
  const { order, rows } = byTicketArrays(n, out);
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(ticketOf.length + 1)));
  if (tickets * scale >= 2 ** 53) {
    for (let s = 0, k = 0; s < ticketOf.length; s++) if (ticketOf[s] >= 0) order[k++] = s;
    order.sort((a, b) => ticketOf[a] - ticketOf[b] || a - b);
    for (let k = 0; k < n; k++) rows[k] = ticketOf[order[k]];
    return { order, rows };
  }
  const keys = new Float64Array(n);
  for (let s = 0, k = 0; s < ticketOf.length; s++) if (ticketOf[s] >= 0) keys[k++] = ticketOf[s] * scale + s;
  sortNumbers(keys);
  for (let k = 0; k < n; k++) {
    order[k] = keys[k] % scale;
    rows[k] = (keys[k] - order[k]) / scale;
  }
  return { order, rows };
}

/**
 * `out`'s arrays, or new ones, for `n` responses with a row: `order`, and the row of each in the
 * same order (what the passes over `order` read; from `ticketOf` it is a read out of order per
 * response).
 */
function byTicketArrays(n: number, out: ByTicket | undefined): ByTicket {
  const order = out?.order ?? new Int32Array(n);
  const rows = out?.rows ?? new Int32Array(n);
  if (order.length !== n || rows.length !== n) throw new Error(`responsesByTicket: ${n} responses with a row, arrays for ${order.length}`);
  return { order, rows };
}

/**
 * Weighs competing responses: for a group of them (one ticket's), the latest CSAT, NPS and CES
 * win, each separately; later or equal time wins (ties go to the later row, as responses are
 * weighed in file order), a response without a time loses to one with a time, and a rating always
 * beats "offered, unanswered".
 */
class Weigher {
  constructor(private readonly info: Uint8Array, private readonly respondedAt: Float64Array) {}

  private time(s: number): number {
    const at = this.respondedAt[s];
    return at === at ? at : -Infinity;
  }

  private later(a: number, b: number): boolean {
    return b < 0 || this.time(a) >= this.time(b);
  }

  /** Weigh response `i` against the group's winners so far, three side by side from `at` (-1 none). */
  consider(i: number, winners: Int32Array, at: number): void {
    const info = this.info;
    const csat = winners[at + CSAT];
    if ((info[i] & HAS_CSAT) !== 0) {
      if (csat < 0 || (info[csat] & HAS_CSAT) === 0 || this.later(i, csat)) winners[at + CSAT] = i;
    } else if ((info[i] & OFFERED) !== 0 && (csat < 0 || ((info[csat] & HAS_CSAT) === 0 && this.later(i, csat)))) {
      winners[at + CSAT] = i;
    }
    if ((info[i] & HAS_NPS) !== 0 && this.later(i, winners[at + NPS])) winners[at + NPS] = i;
    if ((info[i] & HAS_CES) !== 0 && this.later(i, winners[at + CES])) winners[at + CES] = i;
  }

  /** What response `i` supplies once its group is weighed. */
  usesOf(i: number, winners: Int32Array, at: number): number {
    return (winners[at + CSAT] === i ? USE_CSAT : 0) | (winners[at + NPS] === i ? USE_NPS : 0) | (winners[at + CES] === i ? USE_CES : 0);
  }
}

/** Every answer response `i` has (what it supplies when it is alone for its ticket). */
function allAnswers(info: number): number {
  return ((info & (HAS_CSAT | OFFERED)) !== 0 ? USE_CSAT : 0) | ((info & HAS_NPS) !== 0 ? USE_NPS : 0) | ((info & HAS_CES) !== 0 ? USE_CES : 0);
}

/**
 * Fill `uses` for every response but the orphans (COMPETES without a ticket row), and `byTicket`.
 *
 * A response that is the only one competing for its ticket wins each answer it has; winners are
 * found only for tickets with two or more, one ticket at a time from `byTicket`. Why: most
 * tickets have at most one response, and keeping three winners for every ticket row read a large
 * array out of order twice per response (the join's largest cost at a million tickets,
 * bench/README.md). Their responses are adjacent in `byTicket`, in file order, so a ticket's
 * winners are found in one go (walking the responses in file order with a place per ticket, its
 * reads jumped through memory: most of this step's 0.5 s on a Zendesk export, whose own rating
 * column and survey file rate most tickets twice).
 */
export function ticketAnswerUses(input: AnswersInput): void {
  const { ticketOf, info, tickets, uses } = input;
  const { order, rows } = responsesByTicket(ticketOf, tickets, input.byTicket);
  for (let i = 0; i < ticketOf.length; i++) {
    if ((info[i] & COMPETES) === 0) uses[i] = (info[i] & (SUPERSEDED | DROPPED)) !== 0 ? 0 : USE_ALL;
  }
  // Each ticket row's responses in turn (a count per row would be a table-sized array more).
  const weigher = new Weigher(info, input.respondedAt);
  const group = new Int32Array(3);
  for (let k = 0; k < order.length;) {
    const t = rows[k];
    let end = k + 1, competing = 0, one = -1;
    if ((info[order[k]] & COMPETES) !== 0) {
      competing++;
      one = order[k];
    }
    for (; end < order.length && rows[end] === t; end++) {
      if ((info[order[end]] & COMPETES) !== 0) {
        competing++;
        one = order[end];
      }
    }
    if (competing === 1) {
      // Alone for its ticket, a response wins every answer it has (what weighing would find).
      uses[one] = allAnswers(info[one]);
    } else if (competing > 1) {
      group[CSAT] = group[NPS] = group[CES] = -1;
      for (let j = k; j < end; j++) if ((info[order[j]] & COMPETES) !== 0) weigher.consider(order[j], group, 0);
      for (let j = k; j < end; j++) if ((info[order[j]] & COMPETES) !== 0) uses[order[j]] = weigher.usesOf(order[j], group, 0);
    }
    k = end;
  }
}

/**
 * The winners among the orphans (responses competing for a ticket that is not in the files), in
 * groups by their ticket id, which only the caller can tell apart: `add` each orphan in file order
 * with its group's number (0, 1, … in order of first appearance), then `usesOf` each.
 */
export class OrphanWinners {
  private readonly weigher: Weigher;
  private readonly winners: Int32Array;

  constructor(info: Uint8Array, respondedAt: Float64Array, orphans: number) {
    this.weigher = new Weigher(info, respondedAt);
    this.winners = new Int32Array(3 * orphans).fill(-1);
  }

  add(i: number, group: number): void {
    this.weigher.consider(i, this.winners, 3 * group);
  }

  usesOf(i: number, group: number): number {
    return this.weigher.usesOf(i, this.winners, 3 * group);
  }
}
