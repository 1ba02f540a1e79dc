import { describe, expect, it } from 'vitest';
import { TicketTable } from '../../../src/kpi/ticket-table.js';
import { IssueLog } from '../../../src/model/issue-log.js';
import type { Ticket } from '../../../src/model/types.js';

const ticket = (i: number): Ticket => ({
  id: String(1000 + i), createdAt: 1_000_000 + i * 60_000, agent: `Agent ${i % 7}`, team: `Team ${i % 3}`, channel: 'email', priority: null,
  status: i % 2 === 0 ? 'solved' : 'open', type: null, tags: i % 5 === 0 ? ['vip'] : [], category: null,
  firstResponseAt: 1_000_000 + i * 60_000 + 30 * 60_000, solvedAt: null, updatedAt: null, firstResponseMinutes: null, resolutionMinutes: null,
  firstResponseBusinessMinutes: null, resolutionBusinessMinutes: null, agentReplies: i % 4, customerMessages: null, reopens: null,
  escalated: i % 3 === 0, groupStations: null, assigneeStations: null, fcrFlag: null, slaFirstResponseMet: null, slaResolutionMet: null,
  firstResponseInvalid: false, source: { file: 'a.csv', line: i + 2 },
});

describe('TicketTable growth', () => {
  it('keeps every row through doublings and reservations of any size, in between rows', () => {
    const log = new IssueLog();
    const table = new TicketTable(log);
    const rows = 5000;
    // Reservations smaller and larger than the room left, and none, so both ways of growing run
    // with rows already held (only those are copied to the new columns).
    const reservations = new Map([[0, 10], [700, 100], [1024, 3000], [1500, 50], [3100, 1]]);
    for (let i = 0; i < rows; i++) {
      const more = reservations.get(i);
      if (more !== undefined) table.reserve(more);
      table.add(ticket(i));
    }
    // A repeated id is found in the index after all that growth: reported once, and the later of
    // two rows with no update or solved time is the one kept (DESIGN §3).
    table.add({ ...ticket(4321), agentReplies: 9, source: { file: 'a.csv', line: 9999 } });
    table.add({ ...ticket(4321), agentReplies: 8, source: { file: 'a.csv', line: 10_000 } });
    table.trim();
    expect(table.size).toBe(rows);
    expect(table.lines[4321]).toBe(10_000);
    expect(table.agentReplies[4321]).toBe(8);
    expect(log.issues.filter((i) => i.code === 'DUPLICATE_TICKET').map((i) => i.line)).toEqual([9999]);
    for (const i of [0, 1, 699, 700, 1023, 1024, 1025, 3099, 3100, 4999]) {
      const t = ticket(i);
      expect(table.createdAt[i], `row ${i}`).toBe(t.createdAt);
      // 30 minutes to the first response, by construction.
      expect(table.frtMinutes[i], `row ${i}`).toBe(30);
      expect(table.agentReplies[i], `row ${i}`).toBe(i % 4);
      expect(table.escalated[i], `row ${i}`).toBe(i % 3 === 0 ? 1 : 0);
      expect(table.solved[i], `row ${i}`).toBe(i % 2 === 0 ? 1 : 0);
      expect(table.strings[table.dims.agent[i]], `row ${i}`).toBe(`Agent ${i % 7}`);
      expect(table.strings[table.dims.team[i]], `row ${i}`).toBe(`Team ${i % 3}`);
      expect(table.lines[i], `row ${i}`).toBe(i + 2);
      expect(table.tagsOf(i)?.map((code) => table.strings[code]) ?? [], `row ${i}`).toEqual(i % 5 === 0 ? ['vip'] : []);
    }
  });
});
