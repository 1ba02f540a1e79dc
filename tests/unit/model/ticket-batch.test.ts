import { describe, expect, it } from 'vitest';
import { FLAG_FIELDS, NUMBER_FIELDS, TEXT_FIELDS, TicketBatch, partsBuffers, type WrittenFields } from '../../../src/model/ticket-batch.js';
import type { Ticket } from '../../../src/model/types.js';

const full: Ticket = {
  id: 'T-1', createdAt: 1000, agent: 'Ana', team: 'Billing', channel: 'email', priority: 'high', status: 'solved', type: 'question',
  tags: ['vip', 'refund', 'vip'], category: 'billing', firstResponseAt: 2000, solvedAt: 3000, updatedAt: 4000,
  firstResponseMinutes: 5, resolutionMinutes: 6, firstResponseBusinessMinutes: 7, resolutionBusinessMinutes: 8,
  agentReplies: 2, customerMessages: 3, reopens: 1, escalated: true, groupStations: 2, assigneeStations: 3, fcrFlag: false,
  slaFirstResponseMet: true, slaResolutionMet: false, firstResponseInvalid: true, source: { file: 'a.csv', line: 7 },
};
const empty: Ticket = {
  id: '2', createdAt: 5, agent: null, team: null, channel: null, priority: null, status: null, type: null, tags: [], category: null,
  firstResponseAt: null, solvedAt: null, updatedAt: null, firstResponseMinutes: null, resolutionMinutes: null,
  firstResponseBusinessMinutes: null, resolutionBusinessMinutes: null, agentReplies: null, customerMessages: null, reopens: null,
  escalated: null, groupStations: null, assigneeStations: null, fcrFlag: null, slaFirstResponseMet: null, slaResolutionMet: null,
  firstResponseInvalid: false, source: { file: 'a.csv', line: 9 },
};

describe('TicketBatch', () => {
  it('gives back every field of a ticket, known or unknown, through growth', () => {
    const batch = new TicketBatch('a.csv', undefined, 1);
    for (let i = 0; i < 40; i++) batch.addTicket(i % 2 === 0 ? full : empty);
    expect(batch.size).toBe(40);
    expect(batch.toTicket(38)).toEqual(full);
    expect(batch.toTicket(39)).toEqual(empty);
    expect(batch.toTicket(0).tags).toEqual(['vip', 'refund', 'vip']);
  });

  it('keeps a canonical whole number given as text as that number, and every other id as its text', () => {
    const batch = new TicketBatch('a.csv');
    const ids = ['1005788', '7', '0', '007', '1e5', '12345678901234567', ' 42', '42.0', 'T-9'];
    for (const [i, id] of ids.entries()) batch.addRow(id, i + 2);
    // Canonical: digits only, no leading zero, at most 15 of them (String(Number(id)) === id).
    expect(Array.from(batch.idNumbers.subarray(0, ids.length))).toEqual([1005788, 7, 0, -1, -1, -1, -1, -1, -1]);
    expect(ids.map((_, k) => batch.id(k))).toEqual(ids);
  });

  it('starts each row with every field unknown, whatever the slot held before', () => {
    const batch = new TicketBatch('a.csv');
    batch.addTicket(full);
    batch.clear();
    const k = batch.addRow('x', 3);
    expect(k).toBe(0);
    // Every field list is checked, so a field added to a list and not to addRow's reset fails here.
    for (const f of NUMBER_FIELDS) expect(batch.numbers[f][k], f).toBeNaN();
    for (const f of FLAG_FIELDS) expect(batch.flags[f][k], f).toBe(-1);
    for (const f of TEXT_FIELDS) expect(batch.texts[f][k], f).toBe(0);
    expect(batch.firstResponseInvalid[k]).toBe(0);
    expect(batch.tagStart[k + 1] - batch.tagStart[k]).toBe(0);
  });
});

describe('TicketBatch written fields, parts and reuse (how rows cross threads)', () => {
  const written: WrittenFields = { numbers: ['createdAt', 'solvedAt', 'reopens'], flags: ['escalated'], texts: ['agent', 'team'] };
  // Rows written the way a mapper writes them: only to its fields.
  const fill = (batch: TicketBatch, rows: number, from = 0): void => {
    for (let i = from; i < from + rows; i++) {
      const k = batch.addRow(i, 10 + i);
      batch.numbers.createdAt[k] = 1000 + i;
      if (i % 3 === 0) batch.numbers.solvedAt[k] = 2000 + i;
      batch.flags.escalated[k] = i % 2;
      batch.texts.agent[k] = batch.dictionary.code(`agent ${i % 4}`);
    }
  };

  it('reads the fields it does not write as unknown, through growth, and keeps them out of its memory', () => {
    const a = new TicketBatch('a.csv', undefined, 4, written);
    const b = new TicketBatch('b.csv', undefined, 4, written);
    fill(a, 50);
    fill(b, 3);
    for (const batch of [a, b]) {
      for (let k = 0; k < batch.size; k++) {
        expect(batch.numbers.updatedAt[k]).toBeNaN();
        expect(batch.numbers.resolutionBusinessMinutes[k]).toBeNaN();
        expect(batch.flags.fcrFlag[k]).toBe(-1);
        expect(batch.texts.category[k]).toBe(0);
      }
    }
    // One shared column of unknowns, not one per batch and field.
    expect(a.numbers.updatedAt).toBe(a.numbers.groupStations);
    expect(a.flags.fcrFlag).toBe(b.flags.slaResolutionMet);
    expect(a.numbers.solvedAt).not.toBe(b.numbers.solvedAt);
    expect(a.toTicket(3)).toMatchObject({ createdAt: 1003, solvedAt: 2003, escalated: true, agent: 'agent 3', updatedAt: null, category: null, fcrFlag: null });
  });

  it('writing a whole Ticket object needs a batch that writes every field', () => {
    expect(() => new TicketBatch('a.csv', undefined, 4, written).addTicket(full)).toThrow(/every field/);
  });

  it('leaves out of its parts the fields with no known value in the rows, which read back as unknown', () => {
    const batch = new TicketBatch('a.csv', undefined, 8, written);
    fill(batch, 20);
    const parts = batch.toParts();
    // reopens and team are written fields but hold nothing in these rows.
    expect(Object.keys(parts.numbers).sort()).toEqual(['createdAt', 'solvedAt']);
    expect(Object.keys(parts.flags)).toEqual(['escalated']);
    expect(Object.keys(parts.texts)).toEqual(['agent']);
    const copy = TicketBatch.fromParts('a.csv', batch.dictionary, structuredClone(parts));
    for (let k = 0; k < 20; k++) expect(copy.toTicket(k)).toEqual(batch.toTicket(k));
    expect(copy.toTicket(0).reopens).toBeNull();
    expect(copy.toTicket(0).team).toBeNull();
  });

  it('takes its parts back after they crossed threads and reads new rows into them from unknown', async () => {
    const batch = new TicketBatch('a.csv', undefined, 8, written);
    fill(batch, 30);
    batch.numbers.reopens[5] = 2;
    const parts = batch.toParts();
    // Across a real thread boundary and back: the buffers are transferred, so the batch's own arrays are detached.
    const { port1, port2 } = new MessageChannel();
    const back = new Promise<typeof parts>((resolve) => port2.once('message', resolve));
    port1.postMessage(parts, partsBuffers(parts));
    expect(batch.numbers.createdAt.length).toBe(0);
    const returned = await back;
    port1.close();
    const before = batch.arrays;
    batch.adopt(returned, 100);
    expect(batch.arrays).toBeGreaterThan(before);
    expect(batch.size).toBe(0);
    expect(batch.capacity).toBeGreaterThanOrEqual(100);
    fill(batch, 7, 500);
    for (let k = 0; k < 7; k++) {
      const t = batch.toTicket(k);
      expect(t.createdAt).toBe(1500 + k);
      // Everything the previous rows held in these slots is unknown again.
      expect(t.reopens).toBeNull();
      expect(t.solvedAt).toBe((500 + k) % 3 === 0 ? 2500 + k : null);
      expect(t.tags).toEqual([]);
    }
  });
});

describe('TicketBatch ids', () => {
  it('keeps a whole-number id as a number and gives it back as its text', () => {
    const batch = new TicketBatch('a.csv');
    const k = batch.addRow(1042, 3);
    expect(batch.idNumbers[k]).toBe(1042);
    expect(batch.id(k)).toBe('1042');
    expect(batch.toTicket(k).id).toBe('1042');
    const j = batch.addRow('T-7', 4);
    expect(batch.idNumbers[j]).toBe(-1);
    expect(batch.id(j)).toBe('T-7');
  });

  it('ships text ids only when some row has one, and gives every id back after crossing threads', async () => {
    let received = new TicketBatch('a.csv').toParts();
    const cross = async (batch: TicketBatch): Promise<TicketBatch> => {
      const parts = batch.toParts();
      const { port1, port2 } = new MessageChannel();
      const back = new Promise<typeof parts>((resolve) => port2.once('message', resolve));
      port1.postMessage(parts, partsBuffers(parts));
      received = await back;
      port1.close();
      return TicketBatch.fromParts('a.csv', batch.dictionary, received);
    };
    // Whole numbers only: no text ids are kept or shipped.
    const numbers = new TicketBatch('a.csv');
    for (let k = 0; k < 5; k++) numbers.addRow(100 + k, k + 2);
    expect(numbers.toParts().ids).toEqual([]);
    const plain = await cross(numbers);
    expect(Array.from({ length: 5 }, (_, k) => plain.id(k))).toEqual(['100', '101', '102', '103', '104']);

    // A text id after number ids, then number ids again: every row reads back its own id.
    const mixed = new TicketBatch('a.csv');
    const expected: string[] = [];
    for (let k = 0; k < 9; k++) {
      const id = k === 4 ? 'T-9' : k === 7 ? '007' : 200 + k;
      mixed.addRow(id, k + 2);
      expected.push(String(id));
    }
    expect(mixed.toParts().ids).toEqual(['', '', '', '', 'T-9', '', '', '007', '']);
    const replayed = await cross(mixed);
    expect(Array.from({ length: 9 }, (_, k) => replayed.id(k))).toEqual(expected);

    // Given its parts back without the ids (as the parallel reader does), the batch forgets its text ids.
    mixed.adopt({ ...received, ids: [] }, 16);
    mixed.addRow(5, 2);
    expect(mixed.toParts().ids).toEqual([]);
    mixed.addRow('T-1', 3);
    expect(mixed.toParts().ids).toEqual(['', 'T-1']);
    expect([mixed.id(0), mixed.id(1)]).toEqual(['5', 'T-1']);
  });

  it('a number id and the same id as text are one ticket in the table (one duplicate reported)', async () => {
    const { TicketTable } = await import('../../../src/kpi/ticket-table.js');
    const { IssueLog } = await import('../../../src/model/issue-log.js');
    const log = new IssueLog();
    const table = new TicketTable(log);
    const batch = new TicketBatch('a.csv');
    const a = batch.addRow('1042', 2);
    batch.numbers.createdAt[a] = 1000;
    const b = batch.addRow(1042, 3);
    batch.numbers.createdAt[b] = 2000;
    table.addRow(batch, a);
    table.addRow(batch, b);
    expect(table.size).toBe(1);
    expect(log.issues.map((i) => [i.code, i.line, i.value])).toEqual([['DUPLICATE_TICKET', 3, '1042']]);
    // Equal rank (no update or solved time): the later row is kept.
    expect(table.createdAt[0]).toBe(2000);
  });
});
