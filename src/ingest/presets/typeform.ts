import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { QUESTION, scoreReader, surveyMapper } from '../survey-mapper.js';
import { readers } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';
import { getZone } from '../../time/zone.js';

/**
 * Typeform responses CSV: `#` (response token), one column per question (the header is the
 * question text), hidden fields, `Response Type`, `Start Date (UTC)`, `Submit Date (UTC)`
 * (`YYYY-MM-DD HH:MM:SS`, UTC). The question text says what a column measures (as SurveyMonkey);
 * a hidden field naming a ticket id links the response to a ticket.
 */
export const typeformPreset: Preset = {
  name: 'typeform',
  kinds: ['surveys'],
  title: 'Typeform responses CSV',
  confidence: () => 0.95,
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    return names.has('#') && (names.has('submit_date_(utc)') || names.has('response_type')) ? 'surveys' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    const r = readers(c);
    const question = (re: RegExp): number => header.findIndex((h) => re.test(h));
    const nps = question(QUESTION.nps);
    const csat = question(QUESTION.csat);
    const ces = question(QUESTION.ces);
    if (nps < 0 && csat < 0 && ces < 0) c.missing('surveys', 'a recommend (NPS), satisfaction (CSAT) or ease (CES) question');
    for (const [field, col] of [['nps', nps], ['csat', csat], ['ces', ces]] as const) if (col >= 0) c.mapping[field] = header[col];
    const employee = nps >= 0 && QUESTION.employee.test(header[nps]);
    const submitted = c.bindDate('respondedAt', 'Submit Date (UTC)', 'Submitted At');
    // A partial response has no submit date: its last answer's time (`Stage Date`) stands in.
    const staged = c.bindDate('respondedAt (partial)', 'Stage Date (UTC)');
    for (const col of [submitted, staged]) if (/\(UTC\)/i.test(header[col] ?? '')) c.setZone(col, getZone('UTC'));
    const submitDate = r.date(submitted), stageDate = r.date(staged);
    return surveyMapper(c, ctx, {
      answerCol: nps >= 0 ? nps : csat >= 0 ? csat : ces,
      ticketId: r.text(c.bind('ticketId', 'ticket_id', 'ticketid', 'Ticket ID', 'ticket')),
      respondedAt: (rec, line) => submitDate(rec, line) ?? stageDate(rec, line),
      agent: r.text(c.bind('agent', 'agent', 'agent_name')),
      team: r.text(c.bind('team', 'team')),
      nps: scoreReader(c, nps, 0, 10, 'NPS score'),
      csat: r.csat(csat, CSAT_WORDS),
      ces: scoreReader(c, ces, 1, 7, 'CES score'),
      employee: () => employee,
    });
  },
};
