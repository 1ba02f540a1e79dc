import { Columns } from '../columns.js';
import type { Preset } from '../preset.js';
import { readers, signatureScore, ticketMapper } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

const SIGNATURE = ['number', 'incident_state', 'opened_at', 'sys_updated_at', 'made_sla', 'reassignment_count', 'reopen_count', 'assignment_group', 'assigned_to', 'resolved_at'];

/**
 * ServiceNow incident exports and incident event logs (`incident_event_log.csv`: several rows
 * per incident, one per update). Every row is read; the ticket table keeps the row with the
 * latest `sys_updated_at` (mapped to `updatedAt`) and counts the rest as duplicates. `?` means
 * empty. `made_sla` feeds the resolution SLA; `reassignment_count` + 1 the assignee stations;
 * priorities like `3 - Moderate` map to normal.
 */
export const servicenowPreset: Preset = {
  name: 'servicenow',
  kinds: ['tickets'],
  title: 'ServiceNow incident export / incident event log',
  confidence: (header) => 0.5 + 0.5 * signatureScore(new Set(header.map(normalizeHeader)), SIGNATURE),
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    return names.has('number') && names.has('opened_at') && signatureScore(names, SIGNATURE) >= 0.4 ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header, ctx);
    c.setBlanks('?');
    const r = readers(c);
    const id = c.bind('id', 'number');
    const created = c.bindDate('createdAt', 'opened_at');
    if (id < 0) c.missing('tickets', 'number');
    if (created < 0) c.missing('tickets', 'opened_at');
    const resolved = r.date(c.bindDate('solvedAt', 'resolved_at'));
    const closed = r.date(c.bindDate('closedAt', 'closed_at'));
    const reassignments = r.count(c.bind('assigneeStations', 'reassignment_count'));
    return ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      updatedAt: r.date(c.bindDate('updatedAt', 'sys_updated_at', 'sys_updated_on')),
      solvedAt: (rec, line) => resolved(rec, line) ?? closed(rec, line),
      agent: r.text(c.bind('agent', 'assigned_to')),
      team: r.text(c.bind('team', 'assignment_group')),
      channel: r.text(c.bind('channel', 'contact_type')),
      priority: r.priority(c.bind('priority', 'priority')),
      status: r.status(c.bind('status', 'incident_state', 'state'), {
        active: 'open', 'in progress': 'open', 'awaiting user info': 'pending', 'awaiting problem': 'pending',
        'awaiting vendor': 'pending', 'awaiting evidence': 'pending', 'on hold': 'hold', canceled: 'closed', cancelled: 'closed',
      }),
      category: r.text(c.bind('category', 'category')),
      reopens: r.count(c.bind('reopens', 'reopen_count')),
      assigneeStations: (rec, line) => {
        const n = reassignments(rec, line);
        return n === null ? null : n + 1;
      },
      slaResolutionMet: r.bool(c.bind('slaResolutionMet', 'made_sla')),
    });
  },
};
