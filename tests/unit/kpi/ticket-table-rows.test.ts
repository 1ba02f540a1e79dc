import { describe, expect, it } from 'vitest';
import { TicketTable } from '../../../src/kpi/ticket-table.js';
import { IssueLog } from '../../../src/model/issue-log.js';
import { StringDictionary, TicketBatch } from '../../../src/model/ticket-batch.js';

// addRows (the parallel reader's replay) must build the table addRow builds row by row — the
// reference path — with the same issues in the same order, whatever rows it meets.
describe('TicketTable.addRows against addRow row by row', () => {
  let seed = 7;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const T0 = Date.UTC(2025, 2, 1);

  function batches(count: number, rows: number): TicketBatch[] {
    const dictionary = new StringDictionary();
    const out: TicketBatch[] = [];
    let line = 2;
    for (let b = 0; b < count; b++) {
      const batch = new TicketBatch(b % 2 === 0 ? 'a.csv' : 'b.csv', dictionary, 4);
      for (let r = 0; r < rows; r++) {
        // Repeated ids within and across batches; numeric and text ids.
        const n = Math.floor(rand() * rows * count * 0.9);
        const k = batch.addRow(rand() < 0.3 ? `T-${n}` : n, line++);
        const created = T0 + Math.floor(rand() * 1e9);
        batch.numbers.createdAt[k] = created;
        const u = rand();
        // Durations: usual, negative, longer than a year, longer than a century, or from minutes columns.
        if (u < 0.6) batch.numbers.firstResponseAt[k] = created + Math.floor(rand() * 1e7);
        else if (u < 0.65) batch.numbers.firstResponseAt[k] = created - 60_000;
        else if (u < 0.7) batch.numbers.firstResponseMinutes[k] = pick([-5, 10, 600_000, 1e9]);
        else if (u < 0.75) batch.firstResponseInvalid[k] = 1;
        if (rand() < 0.5) batch.numbers.solvedAt[k] = created + Math.floor(rand() * (rand() < 0.05 ? 4e10 : 1e9)) * (rand() < 0.03 ? -1 : 1);
        if (rand() < 0.2) batch.numbers.updatedAt[k] = created + Math.floor(rand() * 2e9);
        if (rand() < 0.1) batch.numbers.firstResponseBusinessMinutes[k] = pick([30, -1, 700_000]);
        if (rand() < 0.1) batch.numbers.resolutionBusinessMinutes[k] = pick([90, -2, 800_000]);
        if (rand() < 0.8) batch.numbers.agentReplies[k] = Math.floor(rand() * 4);
        if (rand() < 0.5) batch.numbers.customerMessages[k] = Math.floor(rand() * 3);
        if (rand() < 0.5) batch.numbers.reopens[k] = Math.floor(rand() * 2);
        if (rand() < 0.3) batch.numbers.groupStations[k] = Math.floor(rand() * 3);
        batch.flags.escalated[k] = pick([-1, 0, 1]);
        batch.flags.fcrFlag[k] = pick([-1, 0, 1]);
        batch.flags.slaFirstResponseMet[k] = pick([-1, 0, 1]);
        batch.texts.agent[k] = dictionary.code(pick([null, 'Ana', 'Bo', 'Zoë']));
        batch.texts.team[k] = dictionary.code(pick([null, 'North', 'South']));
        batch.texts.status[k] = dictionary.code(pick([null, 'solved', 'closed', 'open']));
        batch.texts.channel[k] = dictionary.code(pick(['email', 'chat']));
        // Every text field, each with values of its own, so a mix-up between two shows.
        batch.texts.priority[k] = dictionary.code(pick([null, 'low', 'urgent']));
        batch.texts.category[k] = dictionary.code(pick([null, 'Refunds', 'Login']));
        batch.texts.type[k] = dictionary.code(pick([null, 'question', 'incident', 'task']));
        batch.flags.slaResolutionMet[k] = pick([-1, 0, 1]);
        if (rand() < 0.3) batch.numbers.assigneeStations[k] = Math.floor(rand() * 3);
        for (const tag of pick([[], ['vip'], ['vip', 'billing', 'vip'], ['billing']])) batch.addTag(tag);
      }
      out.push(batch);
    }
    return out;
  }

  function table(build: (table: TicketTable, batch: TicketBatch) => void, input: TicketBatch[]) {
    const log = new IssueLog();
    for (const file of ['a.csv', 'b.csv']) log.addInput({ file, kind: 'tickets', source: 'generic', rowsRead: 0, rowsUsed: 1000, rowsSkipped: 0, rowsDuplicate: 0 });
    const t = new TicketTable(log);
    for (const batch of input) build(t, batch);
    t.trim();
    const columns = Object.fromEntries(Object.entries(t).filter(([, v]) => ArrayBuffer.isView(v)).map(([k, v]) => [k, [...(v as Float64Array)]]));
    const dims = Object.fromEntries(Object.entries(t.dims).map(([k, v]) => [k, [...v]]));
    const tags = Array.from({ length: t.size }, (_, i) => t.tagsOf(i)?.map((c) => t.strings[c]) ?? null);
    return { size: t.size, columns, dims, tags, strings: t.strings, issues: log.issues, byCode: [...log.byCode], inputs: log.inputs };
  }

  it('gives the same table, issues and row counts, cut into runs of any length', () => {
    const input = batches(6, 400);
    const reference = table((t, b) => {
      for (let k = 0; k < b.size; k++) t.addRow(b, k);
    }, input);
    const runs = table((t, b) => {
      for (let k = 0; k < b.size;) {
        const end = Math.min(b.size, k + 1 + Math.floor(rand() * 60));
        t.addRows(b, k, end);
        k = end;
      }
    }, input);
    expect(runs).toEqual(reference);
    // The rows exercised every path: duplicates, dropped and kept long durations, negative ones.
    const codes = new Map(reference.byCode);
    for (const code of ['DUPLICATE_TICKET', 'NEGATIVE_DURATION', 'LONG_DURATION', 'OUT_OF_RANGE']) expect(codes.get(code as never) ?? 0, code).toBeGreaterThan(0);
    expect(reference.size).toBeGreaterThan(1000);
  });
});
