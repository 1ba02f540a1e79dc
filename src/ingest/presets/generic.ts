import type { InputKind, SurveyResponse, Ticket } from '../../model/types.js';
import { Columns } from '../columns.js';
import { readCsatCell } from '../csat.js';
import type { MapContext, MappedRow, Preset, RowMapper } from '../preset.js';
import { normalizeHeader, parseStatus, splitTags } from '../values.js';

/**
 * The generic format (DESIGN §3): what `teamkpi init` documents and the demo data uses.
 * Tickets: ticket_id, created_at, first_response_at, solved_at, agent, team, channel, priority,
 * status, agent_replies, customer_messages, reopens, escalated, tags (+ optional category, type,
 * updated_at, fcr, group_stations, assignee_stations, first_response_minutes, resolution_minutes).
 * Surveys: ticket_id, responded_at, agent, team, csat, nps, ces (+ optional csat_offered, kind).
 */
export const genericPreset: Preset = {
  name: 'generic',
  title: 'the generic format (ticket_id, created_at, … / csat, nps, ces)',
  // Vendor presets have specific headers; the generic names are common words, so a vendor
  // preset that matches wins.
  confidence: () => 0.5,
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    if (names.has('created_at') && (names.has('ticket_id') || names.has('id'))) return 'tickets';
    if (names.has('csat') || names.has('nps') || names.has('ces')) return 'surveys';
    // A ticket id without a creation time is still a ticket file: compiling it names the missing column.
    if (names.has('ticket_id')) return 'tickets';
    return null;
  },
  compile(header, kind, ctx) {
    return kind === 'tickets' ? compileTickets(header, ctx) : compileSurveys(header, ctx);
  },
};

function compileTickets(header: string[], ctx: MapContext): RowMapper {
  const c = new Columns(header, ctx);
  const id = c.bind('id', 'ticket_id', 'id');
  const created = c.bindDate('createdAt', 'created_at');
  if (id < 0) c.missing('tickets', 'ticket_id');
  if (created < 0) c.missing('tickets', 'created_at');
  const firstResponse = c.bindDate('firstResponseAt', 'first_response_at');
  const solved = c.bindDate('solvedAt', 'solved_at', 'resolved_at');
  const updated = c.bindDate('updatedAt', 'updated_at');
  const agent = c.bind('agent', 'agent', 'assignee');
  const team = c.bind('team', 'team', 'group');
  const channel = c.bind('channel', 'channel');
  const priority = c.bind('priority', 'priority');
  const status = c.bind('status', 'status');
  const type = c.bind('type', 'type');
  const category = c.bind('category', 'category');
  const tags = c.bind('tags', 'tags');
  const replies = c.bind('agentReplies', 'agent_replies');
  const customerMessages = c.bind('customerMessages', 'customer_messages');
  const reopens = c.bind('reopens', 'reopens');
  const escalated = c.bind('escalated', 'escalated');
  const fcr = c.bind('fcrFlag', 'fcr', 'first_contact_resolution');
  const groupStations = c.bind('groupStations', 'group_stations');
  const assigneeStations = c.bind('assigneeStations', 'assignee_stations');
  const frtMinutes = c.bind('firstResponseMinutes', 'first_response_minutes');
  const resMinutes = c.bind('resolutionMinutes', 'resolution_minutes');
  const slaFirst = c.bind('slaFirstResponseMet', 'sla_first_response_met');
  const slaResolution = c.bind('slaResolutionMet', 'sla_resolution_met');

  return {
    kind: 'tickets',
    mapping: c.mapping,
    prepare: c.prepare,
    dateFormats: c.dateFormats,
    map(record, line): MappedRow {
      const ticketId = c.text(record, id);
      if (ticketId === null) {
        c.issue('MISSING_VALUE', line, id, null, 'ticket id is empty; the row is skipped');
        return { ticket: null, surveys: [], skipped: true };
      }
      const createdAt = c.timestamp(record, line, created);
      if (createdAt === null) c.issue('MISSING_VALUE', line, created, null, 'created time is empty; the row is skipped');
      if (createdAt === null || createdAt === undefined) return { ticket: null, surveys: [], skipped: true };
      const firstResponseAt = c.timestamp(record, line, firstResponse);
      const statusText = c.text(record, status);
      const ticket: Ticket = {
        id: ticketId,
        createdAt,
        agent: c.text(record, agent),
        team: c.text(record, team),
        channel: c.text(record, channel),
        priority: c.priority(record, line, priority),
        status: statusText === null ? null : parseStatus(statusText),
        type: c.text(record, type),
        tags: splitTags(c.text(record, tags) ?? ''),
        category: c.text(record, category),
        firstResponseAt: firstResponseAt ?? null,
        solvedAt: c.timestamp(record, line, solved) ?? null,
        updatedAt: c.timestamp(record, line, updated) ?? null,
        firstResponseMinutes: c.number(record, line, frtMinutes),
        resolutionMinutes: c.number(record, line, resMinutes),
        firstResponseBusinessMinutes: null,
        resolutionBusinessMinutes: null,
        agentReplies: c.count(record, line, replies),
        customerMessages: c.count(record, line, customerMessages),
        reopens: c.count(record, line, reopens),
        escalated: c.boolean(record, line, escalated),
        groupStations: c.count(record, line, groupStations),
        assigneeStations: c.count(record, line, assigneeStations),
        fcrFlag: c.boolean(record, line, fcr),
        slaFirstResponseMet: c.boolean(record, line, slaFirst),
        slaResolutionMet: c.boolean(record, line, slaResolution),
        firstResponseInvalid: firstResponseAt === undefined,
        source: { file: ctx.file, line },
      };
      return { ticket, surveys: [], skipped: false };
    },
  };
}

function compileSurveys(header: string[], ctx: MapContext): RowMapper {
  const c = new Columns(header, ctx);
  const ticketId = c.bind('ticketId', 'ticket_id');
  const agent = c.bind('agent', 'agent');
  const team = c.bind('team', 'team');
  // A survey with neither a ticket id nor an agent (a relationship NPS, an employee survey) is
  // still a survey: it counts in the overall row and in `(none)`.
  const csat = c.bind('csat', 'csat');
  const nps = c.bind('nps', 'nps');
  const ces = c.bind('ces', 'ces');
  if (csat < 0 && nps < 0 && ces < 0) c.missing('surveys', 'csat', ', "nps" or "ces"');
  const responded = c.bindDate('respondedAt', 'responded_at');
  const offered = c.bind('csatOffered', 'csat_offered');
  const kind = c.bind('kind', 'kind');

  return {
    kind: 'surveys',
    mapping: c.mapping,
    prepare: c.prepare,
    dateFormats: c.dateFormats,
    map(record, line): MappedRow {
      const respondedAt = c.timestamp(record, line, responded);
      const csatCell = readCsatCell(c, record, line, csat);
      const npsScore = c.score(record, line, nps, 0, 10, true, 'NPS score');
      const cesScore = c.score(record, line, ces, 1, 7, true, 'CES score');
      const offeredFlag = c.boolean(record, line, offered);
      const kindText = c.text(record, kind)?.toLowerCase() ?? null;
      let surveyKind: 'customer' | 'employee' = 'customer';
      if (kindText === 'employee' || kindText === 'enps') surveyKind = 'employee';
      else if (kindText !== null && kindText !== 'customer') {
        c.issue('UNKNOWN_VALUE', line, kind, kindText, `unknown survey kind "${kindText}"; expected customer or employee (read as customer)`);
      }
      const answer = csatCell !== null && 'answer' in csatCell ? csatCell.answer : null;
      const csatOffered = csatCell !== null && 'offered' in csatCell ? true : offeredFlag;
      const survey: SurveyResponse = {
        ticketId: c.text(record, ticketId),
        respondedAt: respondedAt ?? null,
        agent: c.text(record, agent),
        team: c.text(record, team),
        csat: answer,
        csatOffered,
        nps: npsScore,
        ces: cesScore === null ? null : { score: cesScore, scale: null },
        kind: surveyKind,
        source: { file: ctx.file, line },
      };
      const answered = answer !== null || npsScore !== null || cesScore !== null || csatOffered === true;
      if (!answered) {
        c.issue('MISSING_VALUE', line, csat >= 0 ? csat : nps >= 0 ? nps : ces, null, 'the response has no CSAT, NPS or CES answer (and was not marked offered); the row is skipped');
        return { ticket: null, surveys: [], skipped: true };
      }
      return { ticket: null, surveys: [survey], skipped: false };
    },
  };
}
