import { Columns } from '../columns.js';
import type { Preset } from '../preset.js';
import { scoreReader, surveyMapper } from '../survey-mapper.js';
import { readers, type Read } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

/**
 * Delighted-style responses (CSV export or an API dump): `score` and `survey_type`
 * (`nps` 0–10, `csat` 1–5, `ces` 1–7, `enps` 0–10 → employee), created time as Unix seconds
 * (API) or a date (CSV), person properties such as a ticket id or agent. Without `survey_type`
 * every score is NPS (Delighted's default survey).
 */
export const delightedPreset: Preset = {
  name: 'delighted',
  kinds: ['surveys'],
  title: 'Delighted responses (score + survey_type)',
  confidence: () => 0.9,
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    return names.has('score') && (names.has('survey_type') || names.has('response_id') || names.has('response_timestamp') || names.has('permalink')) ? 'surveys' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    const r = readers(c);
    const score = c.bind('score', 'Score');
    const typeCol = c.bind('surveyType', 'survey_type', 'Survey type');
    const type: Read<string> = (rec) => c.text(rec, typeCol)?.toLowerCase() ?? 'nps';
    const created = c.find('created_at', 'Response timestamp', 'Created at', 'created');
    let respondedAt: Read<number | null | undefined> = () => null;
    if (created >= 0) {
      c.mapping.respondedAt = header[created];
      // The API writes Unix seconds; CSV exports write dates.
      const date = r.date(created);
      respondedAt = (rec, line) => {
        const text = c.text(rec, created);
        return text !== null && /^\d{9,11}$/.test(text) ? c.epoch(rec, line, created, 'seconds') : date(rec, line);
      };
      c.bindDate('respondedAt', header[created]);
    }
    const nps = scoreReader(c, score, 0, 10, 'NPS score');
    const csat = scoreReader(c, score, 1, 5, 'CSAT score');
    const ces = scoreReader(c, score, 1, 7, 'CES score');
    return surveyMapper(c, ctx, {
      answerCol: score,
      ticketId: r.text(c.bind('ticketId', 'ticket_id', 'Ticket ID', 'properties.ticket_id', 'person_properties.ticket_id')),
      respondedAt,
      agent: r.text(c.bind('agent', 'agent', 'Agent', 'properties.agent', 'person_properties.agent')),
      team: r.text(c.bind('team', 'team', 'Team', 'properties.team', 'person_properties.team')),
      nps: (rec, line) => (type(rec, line) === 'nps' || type(rec, line) === 'enps' ? nps(rec, line) : null),
      csat: (rec, line) => {
        if (type(rec, line) !== 'csat') return null;
        const s = csat(rec, line);
        return s === null ? null : { answer: { raw: String(s), score: s, scale: 5 } };
      },
      ces: (rec, line) => (type(rec, line) === 'ces' ? ces(rec, line) : null),
      employee: (rec, line) => type(rec, line) === 'enps',
    });
  },
};
