import { Columns } from '../columns.js';
import type { Preset } from '../preset.js';
import { readers, signatureScore, ticketMapper } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

// Headers only the Zendesk Support CSV export has (support.zendesk.com/hc/en-us/articles/4408886165402).
const SIGNATURE = [
  'satisfaction_score', 'group_stations', 'assignee_stations', 'reopens', 'replies', 'via',
  'first_reply_time_in_minutes', 'first_reply_time_in_minutes_within_business_hours',
  'full_resolution_time_in_minutes', 'requester_wait_time_in_minutes', 'requester_id', 'initially_assigned_at',
].map(normalizeHeader);

/**
 * Zendesk Support ticket CSV export (Admin Center > Reports > Export). Durations are minutes,
 * except `Resolution time` (hours, rounded); `… within business hours` columns feed the business
 * variants; `Satisfaction Score` (Good/Bad/Offered/Not Offered, or 1–5 with the updated CSAT)
 * becomes a survey response linked to the ticket; `[list]`/`[txt]` custom fields are ignored
 * except one category-like `[list]` field, which feeds `category` (`-` = unset).
 */
export const zendeskPreset: Preset = {
  name: 'zendesk',
  kinds: ['tickets'],
  title: 'Zendesk Support ticket CSV export',
  confidence: (header) => 0.5 + 0.5 * signatureScore(new Set(header.map(normalizeHeader)), SIGNATURE),
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    if (!names.has('created_at') || !(names.has('id') || names.has('ticket_id'))) return null;
    return signatureScore(names, SIGNATURE) >= 0.25 ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    const r = readers(c);
    const id = c.bind('id', 'Id', 'Ticket id');
    const created = c.bindDate('createdAt', 'Created at');
    if (id < 0) c.missing('tickets', 'Id');
    if (created < 0) c.missing('tickets', 'Created at');
    const full = c.find('Full resolution time in minutes');
    const hours = full < 0 ? c.bind('resolutionMinutes', 'Resolution time') : -1;
    if (full >= 0) c.bind('resolutionMinutes', 'Full resolution time in minutes');
    const custom = header.findIndex((h) => /\[list\]\s*$/i.test(h) && /categor|reason|motivo|topic|subject|tipo|type/i.test(h));
    const category = custom >= 0 ? custom : header.findIndex((h) => /\[list\]\s*$/i.test(h));
    if (category >= 0) c.mapping.category = header[category];
    return ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      updatedAt: r.date(c.bindDate('updatedAt', 'Updated at')),
      solvedAt: r.date(c.bindDate('solvedAt', 'Solved at')),
      agent: r.text(c.bind('agent', 'Assignee')),
      team: r.text(c.bind('team', 'Group')),
      channel: r.text(c.bind('channel', 'Via')),
      priority: r.priority(c.bind('priority', 'Priority')),
      status: r.status(c.bind('status', 'Status')),
      type: r.text(c.bind('type', 'Ticket type', 'Type')),
      tags: r.tags(c.bind('tags', 'Tags')),
      category: r.textOrNull(category),
      firstResponseMinutes: r.minutes(c.bind('firstResponseMinutes', 'First reply time in minutes'), 'minutes'),
      firstResponseBusinessMinutes: r.minutes(c.bind('firstResponseBusinessMinutes', 'First reply time in minutes within business hours'), 'minutes'),
      resolutionMinutes: full >= 0 ? r.minutes(full, 'minutes') : r.minutes(hours, 'hours'),
      resolutionBusinessMinutes: r.minutes(c.bind('resolutionBusinessMinutes', 'Full resolution time in minutes within business hours'), 'minutes'),
      agentReplies: r.count(c.bind('agentReplies', 'Replies')),
      reopens: r.count(c.bind('reopens', 'Reopens')),
      groupStations: r.count(c.bind('groupStations', 'Group stations')),
      assigneeStations: r.count(c.bind('assigneeStations', 'Assignee stations')),
      csat: r.csat(c.bind('csat', 'Satisfaction Score', 'Satisfaction rating')),
      offeredKnown: true,
    });
  },
};
