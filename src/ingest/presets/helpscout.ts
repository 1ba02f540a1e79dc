import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { readers, ticketMapper } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

/**
 * Help Scout conversation export. Help Scout publishes no CSV column list, so the names are
 * matched loosely (`Conversation ID`/`Number`, `Created At`, `Mailbox`, `Assigned To`, `Status`
 * active/pending/closed, `Rating` Great/Okay/Not Good); durations in seconds as in its API.
 * Check a new export with `teamkpi inspect` and map missing columns with config `inputs`.
 */
export const helpscoutPreset: Preset = {
  name: 'helpscout',
  kinds: ['tickets'],
  title: 'Help Scout conversation export',
  confidence: () => 0.75,
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    const id = names.has('conversation_id') || names.has('number') || names.has('conversation_number');
    return id && names.has('mailbox') && (names.has('created_at') || names.has('created')) ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    const r = readers(c);
    const id = c.bind('id', 'Conversation ID', 'Conversation Number', 'Number');
    const created = c.bindDate('createdAt', 'Created At', 'Created');
    if (id < 0) c.missing('tickets', 'Conversation ID');
    if (created < 0) c.missing('tickets', 'Created At');
    return ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      solvedAt: r.date(c.bindDate('solvedAt', 'Closed At', 'Closed')),
      updatedAt: r.date(c.bindDate('updatedAt', 'Updated At', 'Modified At')),
      firstResponseAt: r.date(c.bindDate('firstResponseAt', 'First Response At', 'First Reply At')),
      agent: r.text(c.bind('agent', 'Assigned To', 'Assignee', 'Owner')),
      team: r.text(c.bind('team', 'Mailbox')),
      channel: r.text(c.bind('channel', 'Source', 'Type')),
      status: r.status(c.bind('status', 'Status')),
      tags: r.tags(c.bind('tags', 'Tags')),
      firstResponseMinutes: r.minutes(c.bind('firstResponseMinutes', 'First Response Time (seconds)', 'First Response Time'), 'seconds'),
      resolutionMinutes: r.minutes(c.bind('resolutionMinutes', 'Resolution Time (seconds)', 'Resolution Time'), 'seconds'),
      agentReplies: r.count(c.bind('agentReplies', 'Replies', 'Replies Sent', 'User Replies')),
      csat: r.csat(c.bind('csat', 'Rating', 'Happiness Rating'), CSAT_WORDS),
    });
  },
};
