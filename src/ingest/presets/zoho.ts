import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { plusOne, readers, signatureScore, ticketMapper, type Read } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

const SIGNATURE = ['created_time', 'ticket_closed_time', 'resolution_time_in_business_hours', 'first_response_time_in_business_hours', 'is_first_call_resolution', 'number_of_reopen', 'number_of_reassign', 'is_escalated', 'happiness_rating', 'sla_violation_type', 'ticket_owner', 'department'];

/**
 * Zoho Desk ticket export. Business-hours durations are milliseconds; dates day-first
 * (`13/01/2025 16:48`); `Ticket Owner` is a numeric id, so `Agent Name` is preferred when
 * exported; `Happiness Rating` Good/Okay/Bad (Okay is rated, not satisfied); `SLA Violation
 * Type` `Not Violated` means both SLAs met, `Response …`/`Resolution …` name the one breached.
 */
export const zohoPreset: Preset = {
  name: 'zoho',
  kinds: ['tickets'],
  title: 'Zoho Desk ticket export',
  confidence: (header) => 0.5 + 0.5 * Math.min(1, 1.5 * signatureScore(new Set(header.map(normalizeHeader)), SIGNATURE)),
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    // `Request Id` is Zoho Desk's own name for a ticket id: with its two times, enough on its own.
    const own = names.has('request_id') && names.has('ticket_closed_time');
    return names.has('created_time') && (own || signatureScore(names, SIGNATURE) >= 0.25) ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    // Zoho Desk writes dates day first (`13/01/2025 16:48`): a file of the 1st–12th alone is read so.
    c.presetDateOrder = 'dmy';
    const r = readers(c);
    const id = c.bind('id', 'Request Id', 'Ticket Id', 'Ticket ID', 'ID');
    const created = c.bindDate('createdAt', 'Created Time');
    if (id < 0) c.missing('tickets', 'Request Id');
    if (created < 0) c.missing('tickets', 'Created Time');
    const violation = c.bind('slaViolationType', 'SLA Violation Type');
    const met = (which: 'response' | 'resolution'): Read<boolean | null> => (rec) => {
      const t = c.text(rec, violation)?.toLowerCase();
      if (t === undefined) return null;
      if (t.includes('not violated') || t === 'none') return true;
      return t.includes(which) ? false : null;
    };
    return ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      solvedAt: r.date(c.bindDate('solvedAt', 'Ticket Closed Time', 'Closed Time')),
      updatedAt: r.date(c.bindDate('updatedAt', 'Modified Time')),
      agent: r.text(c.bind('agent', 'Agent Name', 'Ticket Owner')),
      team: r.text(c.bind('team', 'Department', 'Team')),
      channel: r.text(c.bind('channel', 'Channel')),
      priority: r.priority(c.bind('priority', 'Priority')),
      status: r.status(c.bind('status', 'Status'), { escalated: 'open' }),
      category: r.text(c.bind('category', 'Category')),
      type: r.text(c.bind('type', 'Classifications', 'Sub Category')),
      firstResponseBusinessMinutes: r.minutes(c.bind('firstResponseBusinessMinutes', 'First Response Time in Business Hours'), 'milliseconds'),
      resolutionBusinessMinutes: r.minutes(c.bind('resolutionBusinessMinutes', 'Resolution Time in Business Hours'), 'milliseconds'),
      fcrFlag: r.bool(c.bind('fcrFlag', 'Is First Call Resolution')),
      reopens: r.count(c.bind('reopens', 'Number of Reopen', 'Number of Reopens')),
      assigneeStations: plusOne(r.count(c.bind('assigneeStations', 'Number of Reassign'))),
      escalated: r.bool(c.bind('escalated', 'Is Escalated')),
      slaFirstResponseMet: met('response'),
      slaResolutionMet: met('resolution'),
      csat: r.csat(c.bind('csat', 'Happiness Rating'), CSAT_WORDS),
    });
  },
};
