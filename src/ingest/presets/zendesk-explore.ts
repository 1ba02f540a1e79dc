import { Columns } from '../columns.js';
import type { Preset } from '../preset.js';
import { readers, ticketMapper, type Read } from '../ticket-mapper.js';
import { normalizeHeader, type DurationUnit } from '../values.js';

// `MED(First reply time - Business hours (min))` → aggregator, metric, business, unit.
const METRIC = /^(?:(?:MED|AVG|SUM|MIN|MAX|COUNT|D_COUNT)\()?\s*(.+?)(\s*-\s*Business hours)?\s*\((min|hrs|days|sec)\)\)?\s*$/i;
const UNITS: Record<string, DurationUnit> = { min: 'minutes', hrs: 'hours', days: 'days', sec: 'seconds' };
const AGGREGATED = /^(?:MED|AVG|SUM|MIN|MAX|COUNT|D_COUNT)\((.+)\)$/i;

/**
 * Zendesk Explore report exports with one row per ticket (the `Ticket ID` attribute), CSV from
 * a download or a scheduled delivery. Headers are attribute names (`Ticket created - Date`,
 * `Ticket group`, `Assignee name`, …) and metric names with their unit (`First reply time
 * (min)`, `Full resolution time - Business hours (hrs)`, with or without an aggregator such as
 * `MED(…)`); the unit is read from the header. Blanks may be a space or a no-break space, the
 * delimiter `;`, the decimal separator a comma. `Ticket satisfaction rating` Good/Bad/Offered/
 * Unoffered becomes a survey response linked to the ticket.
 */
export const zendeskExplorePreset: Preset = {
  name: 'zendesk-explore',
  kinds: ['tickets'],
  title: 'Zendesk Explore report export (one row per Ticket ID)',
  confidence: () => 0.9,
  detect(header) {
    const names = new Set(header.map((h) => normalizeHeader(h.replace(AGGREGATED, '$1'))));
    return names.has('ticket_id') && [...names].some((n) => n.startsWith('ticket_created_')) ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header.map((h) => h.replace(AGGREGATED, '$1')), ctx);
    const r = readers(c);
    const id = c.bind('id', 'Ticket ID');
    const created = c.bindDateTime('createdAt', ['Ticket created - Timestamp', 'Ticket created - Date'], ['Ticket created - Time', 'Ticket created - Hour']);
    if (id < 0) c.missing('tickets', 'Ticket ID');
    if (created < 0) c.missing('tickets', 'Ticket created - Date');
    // A solved *date* would make resolution a whole number of days; when the export also has the
    // resolution metric, that metric is used and the date only marks the ticket solved (read, so a
    // bad date is still reported, but kept as no time).
    const hasResolution = header.some((h) => /full resolution time/i.test(h));
    const hasSolvedTime = c.find('Ticket solved - Timestamp', 'Ticket solved - Time') >= 0;
    const solvedCol = c.bindDateTime('solvedAt', ['Ticket solved - Timestamp', 'Ticket solved - Date'], ['Ticket solved - Time']);
    const dateOnly = hasResolution && !hasSolvedTime;
    if (dateOnly && solvedCol >= 0) {
      // What the column does here, for `inspect`: it marks tickets solved, it gives no time.
      delete c.mapping.solvedAt;
      c.mapping.markedSolved = header[solvedCol];
    }
    const solvedDate = r.date(solvedCol);
    const markedSolved: Read<boolean | null> | undefined = dateOnly && solvedCol >= 0
      ? (record, line) => {
        const at = solvedDate(record, line);
        return at === null || at === undefined ? null : true;
      }
      : undefined;
    // Duration metrics: find each by name, whatever its unit and aggregator.
    const metric = (name: string, business: boolean, field: string): Read<number | null> => {
      for (let i = 0; i < header.length; i++) {
        const m = METRIC.exec(header[i]);
        if (m === null || normalizeHeader(m[1]) !== normalizeHeader(name) || (m[2] !== undefined) !== business) continue;
        c.mapping[field] = header[i];
        return r.minutes(i, UNITS[m[3].toLowerCase()]);
      }
      return () => null;
    };
    const mapper = ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      solvedAt: dateOnly ? undefined : solvedDate,
      markedSolved,
      updatedAt: r.date(c.bindDate('updatedAt', 'Ticket updated - Date', 'Update - Date')),
      agent: r.text(c.bind('agent', 'Assignee name', 'Ticket assignee')),
      team: r.text(c.bind('team', 'Ticket group', 'Group name')),
      channel: r.text(c.bind('channel', 'Ticket channel')),
      priority: r.priority(c.bind('priority', 'Ticket priority')),
      status: r.status(c.bind('status', 'Ticket status')),
      type: r.text(c.bind('type', 'Ticket type')),
      tags: r.tags(c.bind('tags', 'Ticket tags')),
      category: r.text(c.bind('category', 'Ticket form')),
      firstResponseMinutes: metric('First reply time', false, 'firstResponseMinutes'),
      firstResponseBusinessMinutes: metric('First reply time', true, 'firstResponseBusinessMinutes'),
      resolutionMinutes: metric('Full resolution time', false, 'resolutionMinutes'),
      resolutionBusinessMinutes: metric('Full resolution time', true, 'resolutionBusinessMinutes'),
      agentReplies: r.count(c.bind('agentReplies', 'Agent replies')),
      reopens: r.count(c.bind('reopens', 'Reopens')),
      groupStations: r.count(c.bind('groupStations', 'Group stations')),
      assigneeStations: r.count(c.bind('assigneeStations', 'Assignee stations')),
      csat: r.csat(c.bind('csat', 'Ticket satisfaction rating', 'Satisfaction rating')),
      offeredKnown: true,
    });
    for (const [field, name] of Object.entries(c.mapping)) {
      const i = header.findIndex((h) => h === name || h.replace(AGGREGATED, '$1') === name);
      if (i >= 0) c.mapping[field] = header[i];
    }
    return mapper;
  },
};
