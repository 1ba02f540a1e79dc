import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { readers, signatureScore, ticketMapper, type Read } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

const SIGNATURE = [
  'created_time', 'resolved_time', 'closed_time', 'due_by_time', 'last_update_time', 'initial_response_time',
  'first_response_time_(in_hrs)', 'resolution_time_(in_hrs)', 'agent_interactions', 'customer_interactions',
  'resolution_status', 'first_response_status', 'survey_results', 'full_name', 'contact_id', 'company_name',
];

/**
 * Freshdesk ticket export (Tickets > Export, CSV), and Freshservice's title-case variant.
 * `First response time (in hrs)` / `Resolution time (in hrs)` are business-hours `HH:MM:SS`
 * (hours may pass 24); Freshdesk writes a missing value as `00:00:00`, so `00:00:00` with no
 * `Initial response time` (or no resolved time) is read as missing, not zero. `Within SLA` /
 * `SLA Violated` feed the SLA flags; FCR is the vendor's: resolved with `Customer interactions` = 1
 * (Freshdesk counts the first message) or = 0 (Freshservice does not); `Survey results` labels (Happy/Neutral/Unhappy …) become a
 * survey response linked to the ticket.
 */
export const freshdeskPreset: Preset = {
  name: 'freshdesk',
  kinds: ['tickets'],
  title: 'Freshdesk / Freshservice ticket CSV export',
  confidence: (header) => 0.5 + 0.5 * Math.min(1, 2 * signatureScore(new Set(header.map(normalizeHeader)), SIGNATURE)),
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    return names.has('ticket_id') && names.has('created_time') ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    // Freshservice's export: title-case headers (`Ticket Id`, `Created Time`) and ITSM fields (`Urgency`, `Impact`).
    const freshservice = header.some((h) => ['Ticket Id', 'Created Time', 'Urgency', 'Impact'].includes(h.trim()));
    const firstContact = freshservice ? 0 : 1;
    const r = readers(c);
    const id = c.bind('id', 'Ticket ID', 'Ticket Id');
    const created = c.bindDate('createdAt', 'Created time');
    if (id < 0) c.missing('tickets', 'Ticket ID');
    const firstResponseAt = r.date(c.bindDate('firstResponseAt', 'Initial response time'));
    const resolvedAt = r.date(c.bindDate('solvedAt', 'Resolved time'));
    const closedAt = r.date(c.bindDate('closedAt', 'Closed time'));
    const solvedAt: Read<number | null | undefined> = (rec, line) => resolvedAt(rec, line) ?? closedAt(rec, line);
    // `00:00:00` is Freshdesk's "no value" unless the matching event exists.
    const hmsUnlessMissing = (col: number, event: Read<number | null | undefined>): Read<number | null> => {
      const read = r.minutes(col, 'hms');
      return (rec, line) => {
        const minutes = read(rec, line);
        return minutes === 0 && (event(rec, line) ?? null) === null ? null : minutes;
      };
    };
    const customerMessages = r.count(c.bind('customerMessages', 'Customer interactions'));
    const statusOf = r.status(c.bind('status', 'Status'), {
      'waiting on customer': 'pending', 'waiting on third party': 'pending', 'customer responded': 'open',
    });
    const slaWords = { 'within sla': true, 'sla violated': false, 'in sla': true, 'out of sla': false, violated: false };
    return ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      updatedAt: r.date(c.bindDate('updatedAt', 'Last update time', 'Last updated time')),
      firstResponseAt,
      solvedAt,
      agent: r.text(c.bind('agent', 'Agent', 'Agent Name')),
      team: r.text(c.bind('team', 'Group')),
      channel: r.text(c.bind('channel', 'Source')),
      priority: r.priority(c.bind('priority', 'Priority', 'Urgency')),
      status: statusOf,
      type: r.text(c.bind('type', 'Type')),
      category: r.text(c.bind('category', 'Category', 'Product')),
      tags: r.tags(c.bind('tags', 'Tags')),
      firstResponseBusinessMinutes: hmsUnlessMissing(c.bind('firstResponseBusinessMinutes', 'First response time (in hrs)'), firstResponseAt),
      resolutionBusinessMinutes: hmsUnlessMissing(c.bind('resolutionBusinessMinutes', 'Resolution time (in hrs)'), solvedAt),
      agentReplies: r.count(c.bind('agentReplies', 'Agent interactions')),
      customerMessages,
      // The vendor's own FCR: resolved with only the customer's first message. Freshdesk counts
      // that message (inbound_count = 1; an agent-started ticket has 0, and is not FCR);
      // Freshservice does not (customer interactions = 0).
      fcrFlag: (rec, line) => {
        const s = statusOf(rec, line);
        const solved = s === 'solved' || s === 'closed' || (solvedAt(rec, line) ?? null) !== null;
        const n = customerMessages(rec, line);
        return !solved || n === null ? null : n === firstContact;
      },
      slaFirstResponseMet: r.word(c.bind('slaFirstResponseMet', 'First response status'), slaWords, 'first response status'),
      slaResolutionMet: r.word(c.bind('slaResolutionMet', 'Resolution status'), slaWords, 'resolution status'),
      csat: r.csat(c.bind('csat', 'Survey results', 'Survey result'), CSAT_WORDS),
    });
  },
};
