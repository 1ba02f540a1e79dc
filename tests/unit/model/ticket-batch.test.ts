import { describe, expect, it } from 'vitest';
import { FLAG_FIELDS, NUMBER_FIELDS, TEXT_FIELDS, TicketBatch } from '../../../src/model/ticket-batch.js';
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
