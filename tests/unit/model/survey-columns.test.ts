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
