import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { readers, signatureScore, ticketMapper, type Read } from '../ticket-mapper.js';
import { normalizeHeader, parseDuration } from '../values.js';

const SUFFIX = /\s*\((?:HH:mm:ss|hh:mm:ss|ms|milliseconds)\)\s*$/i;
const strip = (h: string): string => h.replace(SUFFIX, '');
const SIGNATURE = ['ticket_id', 'ticket_name', 'pipeline', 'ticket_status', 'create_date', 'close_date', 'ticket_owner', 'time_to_close', 'time_to_first_agent_reply', 'last_modified_date', 'hubspot_team'];

/**
 * HubSpot Service Hub ticket export (CRM > Tickets > Export): property labels as headers, with
 * duration headers suffixed `(HH:mm:ss)`. A duration cell in `H:MM:SS` is read as such; a bare
 * number is milliseconds (HubSpot's internal unit). Pipeline stages `New`, `Waiting on contact`
 * (pending), `Waiting on us` (open), `Closed`.
 */
export const hubspotPreset: Preset = {
  name: 'hubspot',
  kinds: ['tickets'],
  title: 'HubSpot ticket export (property labels)',
  confidence: (header) => 0.5 + 0.5 * Math.min(1, 1.5 * signatureScore(new Set(header.map((h) => normalizeHeader(strip(h)))), SIGNATURE)),
  detect(header) {
    const names = new Set(header.map((h) => normalizeHeader(strip(h))));
    return names.has('create_date') && (names.has('ticket_id') || names.has('record_id')) && (names.has('ticket_name') || names.has('ticket_status') || names.has('pipeline')) ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header.map(strip), ctx);
    const r = readers(c);
    const id = c.bind('id', 'Ticket ID', 'Record ID');
    const created = c.bindDate('createdAt', 'Create date', 'Created date');
    if (id < 0) c.missing('tickets', 'Ticket ID');
    const duration = (col: number): Read<number | null> => (col < 0 ? () => null : (rec, line) => {
      const text = c.text(rec, col);
      if (text === null) return null;
      const minutes = parseDuration(text, text.includes(':') ? 'hms' : 'milliseconds');
      if (Number.isNaN(minutes)) {
        c.issue('INVALID_NUMBER', line, col, text, `invalid duration "${text}"; expected HH:MM:SS or milliseconds`);
        return null;
      }
      return minutes;
    });
    const mapper = ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      solvedAt: r.date(c.bindDate('solvedAt', 'Close date', 'Closed date')),
      updatedAt: r.date(c.bindDate('updatedAt', 'Last modified date', 'Last activity date')),
      firstResponseAt: r.date(c.bindDate('firstResponseAt', 'First agent email response date', 'First agent reply date')),
      agent: r.text(c.bind('agent', 'Ticket owner')),
      team: r.text(c.bind('team', 'HubSpot team')),
      channel: r.text(c.bind('channel', 'Source', 'Original source')),
      priority: r.priority(c.bind('priority', 'Priority')),
      status: r.status(c.bind('status', 'Ticket status', 'Pipeline stage'), { 'waiting on contact': 'pending', 'waiting on us': 'open' }),
      category: r.text(c.bind('category', 'Category')),
      firstResponseMinutes: duration(c.bind('firstResponseMinutes', 'Time to first agent reply')),
      resolutionMinutes: duration(c.bind('resolutionMinutes', 'Time to close')),
      csat: r.csat(c.bind('csat', 'Customer satisfaction', 'CSAT', 'Satisfaction'), CSAT_WORDS),
    });
    const original = new Map(header.map((h) => [strip(h), h]));
    for (const [field, name] of Object.entries(c.mapping)) c.mapping[field] = original.get(name) ?? name;
    return mapper;
  },
};
