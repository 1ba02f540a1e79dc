import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { QUESTION, scoreReader, surveyMapper } from '../survey-mapper.js';
import { readers } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

/**
 * SurveyMonkey "expanded" CSV export: two header rows — the question text, then a sub-label
 * (`Response`, `Open-Ended Response`, or an option); a multi-column question names itself only
 * above its first column. The question text says what a column measures: "…recommend…" is NPS
 * (eNPS when it is about a place to work), "…satisf…" CSAT, "…easy…/effort" CES. `End Date` is
 * the response time; a column whose name mentions a ticket id links the response to a ticket.
 */
export const surveymonkeyPreset: Preset = {
  name: 'surveymonkey',
  kinds: ['surveys'],
  title: 'SurveyMonkey expanded CSV export (2 header rows)',
  headerRows: 2,
  confidence: () => 0.95,
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    return names.has('respondent_id') && names.has('collector_id') ? 'surveys' : null;
  },
  compile(header, _kind, ctx) {
    // Question text carried over the columns of a multi-column question.
    const questions: string[] = [];
    header.forEach((h, i) => questions.push(h.trim() !== '' ? h : i > 0 ? questions[i - 1] : ''));
    const sub = ctx.extraHeaders?.[0] ?? [];
    const answerCol = (re: RegExp): number => questions.findIndex((q, i) => re.test(q) && !/open-ended/i.test(sub[i] ?? ''));
    const c = new Columns(header, ctx);
    const r = readers(c);
    const nps = answerCol(QUESTION.nps);
    const csat = answerCol(QUESTION.csat);
    const ces = answerCol(QUESTION.ces);
    if (nps < 0 && csat < 0 && ces < 0) c.missing('surveys', 'a recommend (NPS), satisfaction (CSAT) or ease (CES) question');
    for (const [field, col] of [['nps', nps], ['csat', csat], ['ces', ces]] as const) if (col >= 0) c.mapping[field] = questions[col];
    const employee = nps >= 0 && QUESTION.employee.test(questions[nps]);
    const ticket = header.findIndex(isTicketReference);
    if (ticket >= 0) c.mapping.ticketId = header[ticket];
    return surveyMapper(c, ctx, {
      answerCol: nps >= 0 ? nps : csat >= 0 ? csat : ces,
      ticketId: r.text(ticket),
      respondedAt: r.date(c.bindDate('respondedAt', 'End Date', 'Start Date')),
      agent: r.text(c.bind('agent', 'Agent', 'Agent name')),
      team: r.text(c.bind('team', 'Team')),
      nps: scoreReader(c, nps, 0, 10, 'NPS score'),
      csat: r.csat(csat, CSAT_WORDS),
      ces: scoreReader(c, ces, 1, 7, 'CES score'),
      employee: () => employee,
    });
  },
};

/**
 * A custom variable naming the ticket (`Ticket ID`, `ticket_number`, `TicketNo`, `Ticket #`), not
 * a question that mentions a ticket ("Did we resolve your ticket?": its letters "id" are no id).
 */
function isTicketReference(header: string): boolean {
  const h = header.replace(/[_\-.]+/g, ' ').trim();
  if (/\bticket\s*(?:id|number|no|#)(?![a-z])/i.test(h)) return true;
  return /\bticket\b/i.test(h) && /\b(?:id|number)\b|#/i.test(h) && !h.endsWith('?');
}
