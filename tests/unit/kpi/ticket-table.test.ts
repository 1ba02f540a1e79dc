import { describe, expect, it } from 'vitest';
import { TicketTable, type Roster } from '../../../src/kpi/ticket-table.js';
import { StringDictionary, TicketBatch } from '../../../src/model/ticket-batch.js';
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

describe('TicketTable business-hours durations stated by the export', () => {
  // Kept only once a row states one; rows before it then read NaN, and so does any row without.
  const add = (table: TicketTable, rows: Ticket[], runs: boolean): void => {
    const b = new TicketBatch('a.csv', new StringDictionary(), 16);
    for (const t of rows) b.addTicket(t);
    for (let k = 0; k < b.size; k++) {
      if (runs) {
        const end = table.addRows(b, k, b.size);
        if (end === b.size) break;
        k = end;
      }
      table.addRow(b, k);
    }
  };
  it.each([['row by row', false], ['in runs', true]])('%s: NaN before and after the rows that state them', (_name, runs) => {
    const table = new TicketTable(new IssueLog());
    const rows = Array.from({ length: 3000 }, (_, i) => ticket(i));
    rows[1500] = { ...rows[1500], firstResponseBusinessMinutes: 12 };
    rows[2400] = { ...rows[2400], resolutionBusinessMinutes: 345 };
    add(table, rows.slice(0, 1000), runs);
    expect(table.businessExport).toBe(false);
    add(table, rows.slice(1000), runs);
    table.trim();
    expect(table.businessExport).toBe(true);
    const frt = Array.from(table.frtBusinessMinutesExport), resolution = Array.from(table.resolutionBusinessMinutesExport);
    expect(frt.length).toBe(3000);
    expect(frt.filter((v, i) => (i === 1500 ? v !== 12 : !Number.isNaN(v)))).toEqual([]);
    expect(resolution.filter((v, i) => (i === 2400 ? v !== 345 : !Number.isNaN(v)))).toEqual([]);
  });
  it('a duplicate row that states one, replacing an earlier row', () => {
    const table = new TicketTable(new IssueLog());
    add(table, Array.from({ length: 50 }, (_, i) => ticket(i)), false);
    add(table, [{ ...ticket(7), updatedAt: 9e12, firstResponseBusinessMinutes: 4, source: { file: 'a.csv', line: 99 } }], false);
    table.trim();
    expect(table.lines[7]).toBe(99);
    expect(Array.from(table.frtBusinessMinutesExport).map((v, i) => (i === 7 ? v : Number.isNaN(v) ? 'NaN' : v))).toEqual(Array.from({ length: 50 }, (_, i) => (i === 7 ? 4 : 'NaN')));
  });
  it('none stated: no columns kept', () => {
    const table = new TicketTable(new IssueLog());
    add(table, Array.from({ length: 3000 }, (_, i) => ticket(i)), true);
    table.trim();
    expect(table.businessExport).toBe(false);
    expect(table.frtBusinessMinutesExport.length + table.resolutionBusinessMinutesExport.length).toBe(0);
  });
});

describe('TicketTable.addRows (runs of plain rows at once)', () => {
  // A seeded generator of rows with everything that ends a run: repeated ids (earlier and later
  // update times), durations before creation or over a year or a century, business-hours
  // durations out of range, texts and tags met for the first time, ids as text and as numbers.
  let seed = 7;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const maybe = <T>(p: number, value: T): T | null => (rand() < p ? value : null);
  const randomTicket = (i: number): Ticket => {
    const createdAt = 1_700_000_000_000 + Math.floor(rand() * 1e9);
    const minutes = (m: number): number => createdAt + m * 60_000;
    const duration = (): number => pick([5, 30, 600, -10, 600_000, 60_000_000]);
    const id = rand() < 0.08 ? String(1000 + Math.floor(rand() * i)) : rand() < 0.2 ? `T-${i}` : String(1000 + i);
    return {
      ...ticket(i), id, createdAt,
      agent: pick(['Ana', 'Bo', `New ${Math.floor(i / 97)}`, null]), team: pick(['North', 'South', `Team ${Math.floor(i / 211)}`]),
      channel: pick(['email', 'chat', null, i > 2500 ? 'phone' : 'chat']), status: pick(['solved', 'closed', 'open', null, i > 2000 ? 'pending' : 'open']), type: maybe(0.3, pick(['question', 'incident'])),
      category: maybe(0.3, `Cat ${Math.floor(i / 300)}`), priority: pick(['low', 'high', null]),
      tags: rand() < 0.4 ? [] : [pick(['vip', 'billing', `tag ${Math.floor(i / 150)}`]), ...(rand() < 0.3 ? ['vip', 'late'] : [])],
      firstResponseAt: maybe(0.7, minutes(duration())), solvedAt: maybe(0.5, minutes(duration())), updatedAt: maybe(0.5, minutes(pick([1, 100]))),
      firstResponseMinutes: maybe(0.3, duration()), resolutionMinutes: maybe(0.3, duration()),
      firstResponseBusinessMinutes: maybe(0.1, duration()), resolutionBusinessMinutes: maybe(0.1, duration()),
      agentReplies: maybe(0.7, Math.floor(rand() * 4)), customerMessages: maybe(0.5, Math.floor(rand() * 3)), reopens: maybe(0.5, Math.floor(rand() * 2)),
      escalated: maybe(0.5, rand() < 0.5), groupStations: maybe(0.3, Math.floor(rand() * 3)), fcrFlag: maybe(0.3, rand() < 0.5),
      slaFirstResponseMet: maybe(0.3, rand() < 0.5), slaResolutionMet: maybe(0.3, rand() < 0.5), firstResponseInvalid: rand() < 0.05,
      source: { file: 'a.csv', line: i + 2 },
    };
  };
  const batches = (rows: number, size: number): TicketBatch[] => {
    const dictionary = new StringDictionary();
    const out: TicketBatch[] = [];
    for (let i = 0; i < rows; i++) {
      if (i % size === 0) out.push(new TicketBatch('a.csv', dictionary, 16));
      const b = out[out.length - 1];
      const k = b.addTicket(randomTicket(i));
      // Ids that are canonical whole numbers travel as numbers, as the readers send them.
      if (/^[1-9]\d*$/.test(b.ids[k])) {
        b.idNumbers[k] = Number(b.ids[k]);
        b.ids[k] = '';
      }
    }
    return out;
  };
  const snapshot = (table: TicketTable, log: IssueLog): unknown => {
    table.trim();
    const columns = Object.fromEntries(Object.entries(table).filter(([, v]) => ArrayBuffer.isView(v)).map(([k, v]) => [k, Array.from(v as Float64Array)]));
    const dims = Object.fromEntries(Object.entries(table.dims).map(([k, v]) => [k, Array.from(v)]));
    return { size: table.size, columns, dims, strings: table.strings, tagLists: table.tagLists, issues: log.issues, inputs: log.inputs };
  };
  const build = (data: TicketBatch[], runs: boolean, roster?: Roster): { snap: unknown; added: number } => {
    const log = new IssueLog();
    log.addInput({ file: 'a.csv', kind: 'tickets', source: 'generic', rowsRead: 0, rowsUsed: 4000, rowsSkipped: 0, rowsDuplicate: 0, encoding: 'utf-8' });
    const table = new TicketTable(log, roster);
    let added = 0;
    for (const b of data) {
      for (let k = 0; k < b.size; k++) {
        if (runs) {
          // As the parallel reader's replay does: a run, then the row that ended it alone.
          const end = table.addRows(b, k, b.size);
          added += end - k;
          if (end === b.size) break;
          k = end;
        }
        table.addRow(b, k);
      }
    }
    return { snap: snapshot(table, log), added };
  };

  it('gives the table, strings, tag sets and issues (in order) that adding row by row gives', () => {
    const data = batches(4000, 700);
    const one = build(data, false);
    const many = build(data, true);
    expect(many.snap).toEqual(one.snap);
    // Most rows went in runs; the issues the others raised are all there.
    expect(many.added).toBeGreaterThan(1000);
    const codes = new Set((one.snap as { issues: { code: string }[] }).issues.map((i) => i.code));
    for (const code of ['DUPLICATE_TICKET', 'NEGATIVE_DURATION', 'LONG_DURATION', 'OUT_OF_RANGE']) expect(codes.has(code), code).toBe(true);
  });

  it('adds nothing in runs when a roster renames agents (every row goes alone)', () => {
    const data = batches(500, 200);
    const roster = { aliases: { Ana: 'Ana Lima' }, teams: { East: ['Bo'] } };
    const many = build(data, true, roster);
    expect(many.added).toBe(0);
    expect(many.snap).toEqual(build(data, false, roster).snap);
  });
});

describe('TicketTable without business minutes', () => {
  // What only business minutes read: first-response instants and the export's business-hour durations.
  const withBusiness = (i: number): Ticket => ({ ...ticket(i), firstResponseBusinessMinutes: 10 + i, resolutionBusinessMinutes: 20 + i });

  it('keeps neither, through growth, and keeps both by default', () => {
    const lean = new TicketTable(new IssueLog(), undefined, { businessMinutes: false });
    const full = new TicketTable(new IssueLog());
    for (let i = 0; i < 3000; i++) {
      lean.add(withBusiness(i));
      full.add(withBusiness(i));
    }
    lean.trim();
    full.trim();
    expect(lean.firstResponseAt.length).toBe(0);
    expect(lean.businessExport).toBe(false);
    expect(full.firstResponseAt[2500]).toBe(withBusiness(2500).firstResponseAt);
    expect(full.businessExport).toBe(true);
    expect(full.resolutionBusinessMinutesExport[2500]).toBe(2520);
    // Everything else is the same.
    expect([...lean.frtMinutes]).toEqual([...full.frtMinutes]);
    expect([...lean.createdAt]).toEqual([...full.createdAt]);
  });
});
