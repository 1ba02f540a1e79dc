import { describe, expect, it } from 'vitest';
import { StringDictionary } from '../../../src/model/ticket-batch.js';
import type { SurveyResponse } from '../../../src/model/types.js';
import { SurveyColumns } from '../../../src/model/survey-columns.js';

// Responses cross from a worker thread to the main thread as columns; what arrives must be the
// responses that were read, field by field (lines moved to the file's own numbering).
describe('survey responses as columns (kept by the report, sent between threads)', () => {
  const good = { raw: 'Good', score: 1, scale: 'good-bad' as const };
  const five = { raw: '5', score: 5, scale: null };
  const ces6 = { score: 6, scale: 7 };
  const responses: SurveyResponse[] = [
    { ticketId: '1001', respondedAt: Date.UTC(2025, 2, 6, 12, 0), agent: 'Zoë Müller', team: null, csat: good, csatOffered: true, nps: null, ces: null, kind: 'customer', source: { file: 'z.csv', line: 2 }, withTicket: true },
    { ticketId: null, respondedAt: null, agent: null, team: 'Billing', csat: null, csatOffered: false, nps: 0, ces: ces6, kind: 'employee', source: { file: 'z.csv', line: 3 } },
    { ticketId: '1001', respondedAt: 0, agent: 'Zoë Müller', team: 'Billing', csat: five, csatOffered: null, nps: 10, ces: null, kind: 'customer', source: { file: 'z.csv', line: 9 } },
    { ticketId: 'ABC-7', respondedAt: -1, agent: '', team: '', csat: good, csatOffered: true, nps: 7, ces: ces6, kind: 'customer', source: { file: 'z.csv', line: 10 }, withTicket: true },
  ];

  it('gives back every field as it was, with the line moved by the shift, also across threads', () => {
    const worker = new SurveyColumns();
    for (const r of responses) worker.add(r);
    expect(responses.map((_, i) => worker.get(i))).toEqual(responses);
    // The main thread's mirror of the worker's dictionary: the same strings in the same order.
    const mirror = new StringDictionary();
    mirror.extend(worker.dictionary.strings.slice(1) as string[]);
    const parts = structuredClone(worker.toParts());
    const received = SurveyColumns.fromParts(parts, mirror);
    const back = responses.map((_, i) => received.get(i, 100));
    expect(back).toEqual(responses.map((r) => ({ ...r, source: { file: 'z.csv', line: r.source.line + 100 } })));
    // withTicket is there only where it was.
    expect(back.map((s) => 'withTicket' in s)).toEqual([true, false, false, true]);
    // A distinct answer is sent once per block.
    expect(parts.answers).toHaveLength(2);
    expect(parts.cesAnswers).toHaveLength(1);
    expect(parts.fileNames).toEqual(['z.csv']);
  });
});

describe('survey columns taking responses straight from a worker\'s columns (addFrom)', () => {
  it('adds what adding each response as an object would, interning texts and answers in the same order', () => {
    const good = { raw: 'Good', score: 1, scale: 'good-bad' as const };
    const five = { raw: '5', score: 5, scale: null };
    const ces3 = { score: 3, scale: null };
    const block = (file: string, first: number): SurveyResponse[] => [
      { ticketId: '1001', respondedAt: first, agent: 'Zoë', team: 'Tier 2', csat: good, csatOffered: true, nps: null, ces: null, kind: 'customer', source: { file, line: 2 }, withTicket: true },
      { ticketId: null, respondedAt: null, agent: null, team: 'Billing', csat: null, csatOffered: false, nps: 0, ces: ces3, kind: 'employee', source: { file, line: 3 } },
      { ticketId: 'ABC-7', respondedAt: first + 1, agent: 'Omar', team: 'Billing', csat: five, csatOffered: null, nps: 10, ces: ces3, kind: 'customer', source: { file, line: 5 } },
      { ticketId: '0042', respondedAt: -1, agent: 'Zoë', team: 'Night', csat: good, csatOffered: true, nps: 7, ces: null, kind: 'customer', source: { file, line: 6 }, withTicket: true },
    ];
    // Two workers' blocks of two files, each crossing to this thread with its own dictionary mirror.
    const received = [block('a.csv', 10), block('b.csv', 20), block('a.csv', 30)].map((responses) => {
      const worker = new SurveyColumns();
      for (const r of responses) worker.add(r);
      const mirror = new StringDictionary();
      mirror.extend(worker.dictionary.strings.slice(1) as string[]);
      return SurveyColumns.fromParts(structuredClone(worker.toParts()), mirror);
    });
    const byObject = new SurveyColumns();
    const direct = new SurveyColumns();
    // The main thread's own responses first, so the codes do not start equal by chance.
    for (const target of [byObject, direct]) target.add({ ...block('s.csv', 0)[2], agent: 'Night', team: 'Omar' });
    received.forEach((columns, b) => {
      for (let i = 0; i < columns.size; i++) {
        byObject.add(columns.get(i, 100 * b));
        direct.addFrom(columns, i, 100 * b);
      }
    });
    expect(direct.size).toBe(byObject.size);
    const all = (c: SurveyColumns): SurveyResponse[] => Array.from({ length: c.size }, (_, i) => c.get(i));
    expect(all(direct)).toEqual(all(byObject));
    for (const column of ['ticketNumbers', 'respondedAt', 'agents', 'teams', 'csat', 'csatOffered', 'nps', 'ces', 'employee', 'files', 'lines', 'withTicket'] as const) {
      expect([...direct[column].subarray(0, direct.size)], column).toEqual([...byObject[column].subarray(0, byObject.size)]);
    }
    expect(direct.dictionary.strings).toEqual(byObject.dictionary.strings);
    expect(direct.fileNames).toEqual(byObject.fileNames);
    expect([...direct.ticketTexts]).toEqual([...byObject.ticketTexts]);
    expect(direct.answers.length).toBe(byObject.answers.length);
  });
});

describe('ticket ids in survey columns (whole numbers kept as numbers, anything else as text)', () => {
  const ids = [null, '1042', '01042', '0', 'T-9', '12.0', '999999999999999', '1234567890123456', ' 7', '-3', '1e3'];
  const response = (ticketId: string | null, line: number): SurveyResponse => ({
    ticketId, respondedAt: null, agent: null, team: null, csat: null, csatOffered: true, nps: null, ces: null, kind: 'customer', source: { file: 's.csv', line },
  });

  it('gives every id back as the same text, across threads too, and says which responses name a ticket', () => {
    const columns = new SurveyColumns();
    ids.forEach((id, i) => columns.add(response(id, i + 2)));
    expect(ids.map((_, i) => columns.ticketId(i))).toEqual(ids);
    expect(ids.map((_, i) => columns.hasTicket(i))).toEqual(ids.map((id) => id !== null));
    // Only ids whose text is exactly a whole number's (no leading zero, sign, space or exponent; at most 15 digits) are numbers.
    expect(Array.from(columns.ticketNumbers.subarray(0, ids.length)).filter((n) => n >= 0)).toEqual([1042, 0, 999999999999999]);
    const received = SurveyColumns.fromParts(structuredClone(columns.toParts()), new StringDictionary());
    expect(ids.map((_, i) => received.get(i).ticketId)).toEqual(ids);
  });

  it('finds a text id that follows thousands of whole numbers, here and across threads', () => {
    const columns = new SurveyColumns();
    for (let i = 0; i < 5000; i++) columns.add(response(String(1000 + i), i + 2));
    columns.add(response('c1c14f31-2462-505d-a810-a8639cff8211', 5002));
    columns.add(response('7', 5003));
    const received = SurveyColumns.fromParts(structuredClone(columns.toParts()), new StringDictionary());
    for (const c of [columns, received]) {
      expect(c.ticketId(5000)).toBe('c1c14f31-2462-505d-a810-a8639cff8211');
      expect([c.ticketId(0), c.ticketId(4999), c.ticketId(5001)]).toEqual(['1000', '5999', '7']);
    }
    const copied = new SurveyColumns();
    for (let i = 0; i < received.size; i++) copied.addFrom(received, i, 0);
    expect(copied.ticketId(5000)).toBe('c1c14f31-2462-505d-a810-a8639cff8211');
  });

  it('keeps every response through reservations and growth', () => {
    const columns = new SurveyColumns();
    columns.reserve(10);
    for (let i = 0; i < 300; i++) {
      if (i === 150) columns.reserve(1000);
      columns.add(response(i % 3 === 0 ? `T-${i}` : String(i), i + 2));
    }
    for (const i of [0, 1, 149, 150, 151, 299]) {
      expect(columns.ticketId(i)).toBe(i % 3 === 0 ? `T-${i}` : String(i));
      expect(columns.lines[i]).toBe(i + 2);
    }
  });
});
