import { Columns } from '../columns.js';
import type { Preset } from '../preset.js';
import { readers, signatureScore, ticketMapper } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

const SIGNATURE = ['call_id', 'answered_(y/n)', 'resolved', 'speed_of_answer_in_seconds', 'avgtalkduration', 'satisfaction_rating', 'agent', 'date', 'time', 'topic'];

/**
 * Call-centre logs, one row per call (the PwC call-centre data set's shape: `Call Id`, `Agent`,
 * `Date` + `Time`, `Topic`, `Answered (Y/N)`, `Resolved`, `Speed of answer in seconds`,
 * `AvgTalkDuration`, `Satisfaction rating`). A call is a ticket: an answered call is handled
 * (solved) and its speed of answer is its first response; an unanswered call is abandoned, so
 * it is `unreplied`; `Resolved` is the first-contact-resolution flag; the rating (1–5) is a
 * survey response linked to the call. Talk time has no KPI yet and is ignored.
 */
export const callcentrePreset: Preset = {
  name: 'callcentre',
  kinds: ['tickets'],
  title: 'call-centre call log (Answered (Y/N), Resolved, speed of answer, satisfaction)',
  confidence: (header) => 0.5 + 0.5 * signatureScore(new Set(header.map(normalizeHeader)), SIGNATURE),
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    const answered = names.has('answered_(y/n)') || names.has('answered');
    return (names.has('call_id') || answered) && signatureScore(names, SIGNATURE) >= 0.4 ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    const r = readers(c);
    const id = c.bind('id', 'Call Id', 'Call ID', 'call_id');
    const created = c.bindDateTime('createdAt', ['Date', 'Call date', 'Start time', 'Started at'], ['Time', 'Call time']);
    if (id < 0) c.missing('tickets', 'Call Id');
    if (created < 0) c.missing('tickets', 'Date');
    const answered = r.bool(c.bind('status', 'Answered (Y/N)', 'Answered'));
    const speed = r.minutes(c.bind('firstResponseMinutes', 'Speed of answer in seconds', 'Speed of answer'), 'seconds');
    return ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      agent: r.text(c.bind('agent', 'Agent')),
      team: r.text(c.bind('team', 'Team', 'Queue')),
      category: r.text(c.bind('category', 'Topic')),
      // Answered → handled (the call is over); not answered → abandoned (open, never replied).
      status: (rec, line) => {
        const a = answered(rec, line);
        return a === null ? null : a ? 'closed' : 'other';
      },
      firstResponseMinutes: (rec, line) => (answered(rec, line) === false ? null : speed(rec, line)),
      fcrFlag: r.bool(c.bind('fcrFlag', 'Resolved')),
      csat: r.csat(c.bind('csat', 'Satisfaction rating', 'Satisfaction')),
    });
  },
};
