import type { SurveyColumns } from '../../model/survey-columns.js';
import type { CsatAnswer, SurveyResponse } from '../../model/types.js';
import { Columns } from '../columns.js';
import type { CsatCell } from '../csat.js';
import { cesAnswer } from '../survey-mapper.js';
import type { MapContext, MappedRow, Preset, RowMapper } from '../preset.js';
import { readers, ticketMapper, type Read } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

/**
 * The generic format (DESIGN §3): what `teamkpi init` documents and the demo data uses.
 * Tickets: ticket_id, created_at, first_response_at, solved_at, agent, team, channel, priority,
 * status, agent_replies, customer_messages, reopens, escalated, tags (+ optional category, type,
 * updated_at, fcr, group_stations, assignee_stations, first_response_minutes, resolution_minutes, first_response_business_minutes,
 * resolution_business_minutes, sla_first_response_met, sla_resolution_met).
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
    // A ticket id without a creation time, or a creation time without a ticket id, is still a
    // ticket file: compiling it names the missing column (not "cannot tell what the file holds").
    if (names.has('ticket_id') || names.has('created_at')) return 'tickets';
    return null;
  },
  compile(header, kind, ctx) {
    return kind === 'tickets' ? compileTickets(header, ctx) : compileSurveys(header, ctx);
  },
};

/**
 * Spreadsheet and R/pandas spellings of "no value" (`NA` in the nps-jardinerie survey). Exported
 * for the benchmark's reference SQL (bench/run.mjs), which reads them as empty too.
 */
export const NULL_WORDS: readonly string[] = ['NA', 'N/A', 'n/a', '#N/A', 'NULL', 'null', 'NaN'];

/**
 * The headers a ticket file's id, solved time, agent and team are read from, its own name first
 * and then the others it may have. Exported for the benchmark's reference SQL (bench/duckdb-report.mjs),
 * which reads the same columns.
 */
export const TICKET_HEADERS = {
  id: ['ticket_id', 'id'], solvedAt: ['solved_at', 'resolved_at'], agent: ['agent', 'assignee'], team: ['team', 'group'],
} as const;

function compileTickets(header: string[], ctx: MapContext): RowMapper {
  const c = new Columns(header, ctx);
  c.setBlanks(...NULL_WORDS);
  const r = readers(c);
  const id = c.bind('id', ...TICKET_HEADERS.id);
  const created = c.bindDate('createdAt', 'created_at');
  if (id < 0) c.missing('tickets', 'ticket_id');
  if (created < 0) c.missing('tickets', 'created_at');
  return ticketMapper(c, ctx, {
    idCol: id,
    createdCol: created,
    id: r.id(id),
    createdAt: r.date(created),
    firstResponseAt: r.date(c.bindDate('firstResponseAt', 'first_response_at')),
    solvedAt: r.date(c.bindDate('solvedAt', ...TICKET_HEADERS.solvedAt)),
    updatedAt: r.date(c.bindDate('updatedAt', 'updated_at')),
    agent: r.text(c.bind('agent', ...TICKET_HEADERS.agent)),
    team: r.text(c.bind('team', ...TICKET_HEADERS.team)),
    channel: r.text(c.bind('channel', 'channel')),
    priority: r.priority(c.bind('priority', 'priority')),
    status: r.status(c.bind('status', 'status')),
    type: r.text(c.bind('type', 'type')),
    category: r.text(c.bind('category', 'category')),
    tags: r.tags(c.bind('tags', 'tags')),
    agentReplies: r.count(c.bind('agentReplies', 'agent_replies')),
    customerMessages: r.count(c.bind('customerMessages', 'customer_messages')),
    reopens: r.count(c.bind('reopens', 'reopens')),
    escalated: r.bool(c.bind('escalated', 'escalated')),
    fcrFlag: r.bool(c.bind('fcrFlag', 'fcr', 'first_contact_resolution')),
    groupStations: r.count(c.bind('groupStations', 'group_stations')),
    assigneeStations: r.count(c.bind('assigneeStations', 'assignee_stations')),
    firstResponseMinutes: r.minutes(c.bind('firstResponseMinutes', 'first_response_minutes'), 'minutes'),
    resolutionMinutes: r.minutes(c.bind('resolutionMinutes', 'resolution_minutes'), 'minutes'),
    firstResponseBusinessMinutes: r.minutes(c.bind('firstResponseBusinessMinutes', 'first_response_business_minutes'), 'minutes'),
    resolutionBusinessMinutes: r.minutes(c.bind('resolutionBusinessMinutes', 'resolution_business_minutes'), 'minutes'),
    slaFirstResponseMet: r.bool(c.bind('slaFirstResponseMet', 'sla_first_response_met')),
    slaResolutionMet: r.bool(c.bind('slaResolutionMet', 'sla_resolution_met')),
    // A ticket file's own satisfaction column becomes a response linked to the ticket (DESIGN §3).
    csat: r.csat(c.bind('csat', 'csat')),
  });
}

function compileSurveys(header: string[], ctx: MapContext): RowMapper {
  const c = new Columns(header, ctx);
  c.setBlanks(...NULL_WORDS);
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

  const r = readers(c);
  // Each field is one cell's reader (so the survey lane can read them from bytes); the row's
  // rules are in `response`, which both paths share.
  const ticketRead = r.key(ticketId);
  const reads: Read<unknown>[] = [
    r.date(responded),
    r.csat(csat),
    r.score(nps, 0, 10, true, 'NPS score'),
    r.score(ces, 1, 7, true, 'CES score'),
    r.bool(offered),
    r.cell(kind, (text, line): SurveyResponse['kind'] | null => {
      const word = text?.toLowerCase() ?? null;
      if (word === null) return null;
      if (word === 'employee' || word === 'enps') return 'employee';
      if (word !== 'customer') c.issue('UNKNOWN_VALUE', line, kind, word, `unknown survey kind "${word}"; expected customer or employee (read as customer)`);
      return 'customer';
    }),
    ticketRead,
    r.text(agent),
    r.text(team),
  ];
  type Values = [number | null | undefined, CsatCell, number | null, number | null, boolean | null, SurveyResponse['kind'] | null, string | null, string | null, string | null];
  // The fields are read by index, not by destructuring: these run for every survey row, first in
  // code V8 has not compiled, where destructuring an array makes an iterator and a result per field.
  const answerOf = (csatCell: CsatCell): CsatAnswer | null => (csatCell !== null && 'answer' in csatCell ? csatCell.answer : null);
  const offeredOf = (csatCell: CsatCell, offeredFlag: boolean | null): boolean | null => (csatCell !== null && 'offered' in csatCell ? true : offeredFlag);
  /** Whether the row gives a response; false (with its issue) when it is skipped. */
  const accepts = (values: readonly unknown[], line: number): boolean => {
    const v = values as Values;
    const csatCell = v[1], npsScore = v[2], cesScore = v[3], offeredFlag = v[4], surveyKind = v[5];
    const answered = answerOf(csatCell) !== null || npsScore !== null || cesScore !== null || offeredOf(csatCell, offeredFlag) === true;
    if (!answered) {
      c.issue('MISSING_VALUE', line, csat >= 0 ? csat : nps >= 0 ? nps : ces, null, 'the response has no CSAT, NPS or CES answer (and was not marked offered); the row is skipped');
      return false;
    }
    // An employee answer counts only in eNPS (README, employee surveys): without an NPS it counts in nothing.
    if (surveyKind === 'employee' && npsScore === null) {
      c.issue('MISSING_VALUE', line, nps >= 0 ? nps : kind, null, 'the employee response has no NPS answer (an employee survey counts only in eNPS); the row is skipped');
      return false;
    }
    return true;
  };
  const response = (values: readonly unknown[], line: number): SurveyResponse | null => {
    if (!accepts(values, line)) return null;
    const v = values as Values;
    const respondedAt = v[0], csatCell = v[1], npsScore = v[2], cesScore = v[3], offeredFlag = v[4], surveyKind = v[5], ticket = v[6], agentName = v[7], teamName = v[8];
    return {
      ticketId: ticket,
      respondedAt: respondedAt ?? null,
      agent: agentName,
      team: teamName,
      csat: answerOf(csatCell),
      csatOffered: offeredOf(csatCell, offeredFlag),
      nps: npsScore,
      ces: cesScore === null ? null : cesAnswer(cesScore),
      kind: surveyKind ?? 'customer',
      source: { file: ctx.file, line },
    };
  };
  // What `response` makes, added to columns (the survey lane's way: no object per response).
  const write = (values: readonly unknown[], line: number, into: SurveyColumns): void => {
    const v = values as Values;
    const respondedAt = v[0], csatCell = v[1], npsScore = v[2], cesScore = v[3], offeredFlag = v[4], surveyKind = v[5], ticket = v[6], agentName = v[7], teamName = v[8];
    const ces = cesScore === null ? null : cesAnswer(cesScore);
    into.addValues(ticket, respondedAt ?? null, agentName, teamName, answerOf(csatCell), offeredOf(csatCell, offeredFlag), npsScore, ces, surveyKind === 'employee', ctx.file, line, false);
  };
  const values: unknown[] = new Array<unknown>(reads.length);

  return {
    kind: 'surveys',
    mapping: c.mapping,
    prepare: c.prepare,
    dateFormats: c.dateFormats,
    surveyLane: { columns: c, reads, response, accepts, write, ticket: reads.indexOf(ticketRead) },
    map(record, line): MappedRow {
      for (let i = 0; i < reads.length; i++) values[i] = reads[i](record, line);
      const survey = response(values, line);
      return survey === null ? { ticket: false, surveys: [], skipped: true } : { ticket: false, surveys: [survey], skipped: false };
    },
  };
}
