import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset, RowMapper } from '../preset.js';
import { surveyMapper } from '../survey-mapper.js';
import { plusOne, readers, ticketMapper, zoneInHeader } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';
import { getZone, isValidZone } from '../../time/zone.js';

const ZONE_SUFFIX = /\s*\([^()]*\)\s*$/;

/** `Conversation started at (America/New_York)` → `Conversation started at`. */
function stripZone(header: string): string {
  return zoneInHeader(header) === null ? header : header.replace(ZONE_SUFFIX, '');
}

/** The mapper, its mapping naming the headers as the file has them (with their zones). */
function withZonedHeaders(mapper: RowMapper, c: Columns, header: string[]): RowMapper {
  const original = new Map(header.map((h) => [stripZone(h), h]));
  for (const [field, name] of Object.entries(c.mapping)) c.mapping[field] = original.get(name) ?? name;
  return mapper;
}

/**
 * Intercom conversation export (Reports > export, `data.csv`). Timestamps are
 * `YYYY-MM-DD HH:MM:SS` in the zone named inside each header; durations are seconds; booleans
 * `true`/`false`. `Resolved on first contact` is the FCR flag; `Last teammate rating` (1–5) is a
 * survey response for the teammate named in `Last teammate rated` (Intercom credits the rating
 * to the last teammate who replied, not the current assignee).
 *
 * Also its CSAT export (`csat.csv`: `Conversation ID`, `Updated at (<TZ>)`, `Conversation rating`
 * 1–5): one survey response per row, linked to its conversation; the file names no teammate, so
 * a response goes to its conversation's teammate (the joined ticket's agent).
 */
export const intercomPreset: Preset = {
  name: 'intercom',
  kinds: ['tickets', 'surveys'],
  title: 'Intercom conversation export (data.csv) or CSAT export (csat.csv)',
  confidence(header) {
    const names = new Set(header.map((h) => normalizeHeader(stripZone(h))));
    const sig = ['conversation_id', 'conversation_started_at', 'conversation_first_replied_at', 'teammate_currently_assigned', 'resolved_on_first_contact', 'last_teammate_rating', 'current_conversation_state'];
    return 0.5 + (0.5 * sig.filter((s) => names.has(s)).length) / sig.length;
  },
  detect(header) {
    const names = new Set(header.map((h) => normalizeHeader(stripZone(h))));
    if (!names.has('conversation_id')) return null;
    if (names.has('conversation_started_at') || names.has('conversation_created_at')) return 'tickets';
    return names.has('conversation_rating') ? 'surveys' : null;
  },
  compile(header, kind, ctx) {
    const c = new Columns(header.map(stripZone), ctx);
    const r = readers(c);
    if (kind === 'surveys') {
      const rating = c.bind('csat', 'Conversation rating', 'Last teammate rating');
      if (rating < 0) c.missing('surveys', 'Conversation rating');
      const updated = c.bindDate('respondedAt', 'Updated at', 'Conversation updated at');
      const zone = updated < 0 ? null : zoneInHeader(header[updated]);
      if (zone !== null && isValidZone(zone)) c.setZone(updated, getZone(zone));
      const mapper = surveyMapper(c, ctx, {
        answerCol: rating,
        ticketId: r.text(c.bind('ticketId', 'Conversation ID')),
        respondedAt: r.date(updated),
        csat: r.csat(rating, CSAT_WORDS),
      });
      return withZonedHeaders(mapper, c, header);
    }
    const id = c.bind('id', 'Conversation ID');
    const created = c.bindDate('createdAt', 'Conversation started at', 'Conversation created at');
    if (id < 0) c.missing('tickets', 'Conversation ID');
    const firstReply = c.bindDate('firstResponseAt', 'Conversation first replied at');
    const lastClosed = c.bindDate('solvedAt', 'Conversation last closed at');
    const updated = c.bindDate('updatedAt', 'Conversation updated at');
    for (const col of [created, firstReply, lastClosed, updated]) {
      const zone = col < 0 ? null : zoneInHeader(header[col]);
      if (zone !== null && isValidZone(zone)) c.setZone(col, getZone(zone));
    }
    const mapper = ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      firstResponseAt: r.date(firstReply),
      solvedAt: r.date(lastClosed),
      updatedAt: r.date(updated),
      agent: r.text(c.bind('agent', 'Teammate currently assigned')),
      team: r.text(c.bind('team', 'Team currently assigned')),
      channel: r.text(c.bind('channel', 'Channel', 'Conversation source')),
      priority: r.word(c.bind('priority', 'Conversation priority'), { priority: 'high', 'not priority': 'normal' }, 'conversation priority'),
      status: r.status(c.bind('status', 'Current conversation state', 'Conversation state')),
      type: r.text(c.bind('type', 'Ticket type')),
      tags: r.tags(c.bind('tags', 'Conversation tag', 'Conversation tags')),
      category: r.text(c.bind('category', 'Topics', 'Topic')),
      firstResponseMinutes: r.minutes(c.bind('firstResponseMinutes', 'First response time (seconds)'), 'seconds'),
      firstResponseBusinessMinutes: r.minutes(c.bind('firstResponseBusinessMinutes', 'First response time only within office hours (seconds)'), 'seconds'),
      resolutionMinutes: r.minutes(c.bind('resolutionMinutes', 'Time to close (seconds)'), 'seconds'),
      resolutionBusinessMinutes: r.minutes(c.bind('resolutionBusinessMinutes', 'Time to close only within office hours (seconds)'), 'seconds'),
      assigneeStations: plusOne(r.count(c.bind('assigneeStations', 'Number of reassignments'))),
      // Teammate replies until the conversation was closed (empty while it is open).
      agentReplies: r.count(c.bind('agentReplies', 'Replies to close a conversation')),
      fcrFlag: r.bool(c.bind('fcrFlag', 'Resolved on first contact')),
      csat: r.csat(c.bind('csat', 'Last teammate rating', 'Conversation rating'), CSAT_WORDS),
      csatAgent: r.text(c.bind('csatAgent', 'Last teammate rated')),
    });
    return withZonedHeaders(mapper, c, header);
  },
};
