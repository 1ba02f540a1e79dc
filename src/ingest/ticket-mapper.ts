import type { CsatAnswer, Priority, Status, SurveyResponse, Ticket } from '../model/types.js';
import type { Columns } from './columns.js';
import { readCsatCell, type CsatCell } from './csat.js';
import type { MapContext, MappedRow, RowMapper } from './preset.js';
import { parseStatus, splitTags } from './values.js';

/** Reads one field of a record (line for issue locations). */
export type Read<T> = (record: string[], line: number) => T;

/**
 * How a preset reads each canonical ticket field: the readers are built once per file from
 * column indexes (see `readers`), so mapping a row is a fixed sequence of calls.
 * Absent readers give null (unknown), never 0.
 */
export interface TicketPlan {
  id: Read<string | null>;
  /** Null/undefined skips the row (reported). */
  createdAt: Read<number | null | undefined>;
  agent?: Read<string | null>;
  team?: Read<string | null>;
  channel?: Read<string | null>;
  priority?: Read<Priority | null>;
  status?: Read<Status | null>;
  type?: Read<string | null>;
  tags?: Read<string[]>;
  category?: Read<string | null>;
  firstResponseAt?: Read<number | null | undefined>;
  solvedAt?: Read<number | null | undefined>;
  updatedAt?: Read<number | null | undefined>;
  firstResponseMinutes?: Read<number | null>;
  resolutionMinutes?: Read<number | null>;
  firstResponseBusinessMinutes?: Read<number | null>;
  resolutionBusinessMinutes?: Read<number | null>;
  agentReplies?: Read<number | null>;
  customerMessages?: Read<number | null>;
  reopens?: Read<number | null>;
  escalated?: Read<boolean | null>;
  groupStations?: Read<number | null>;
  assigneeStations?: Read<number | null>;
  fcrFlag?: Read<boolean | null>;
  slaFirstResponseMet?: Read<boolean | null>;
  slaResolutionMet?: Read<boolean | null>;
  /** The ticket's own satisfaction rating → a SurveyResponse linked to the ticket. */
  csat?: Read<CsatCell>;
  /** The export writes "offered, unanswered" (so rated answers also count as offered for the response rate). */
  offeredKnown?: boolean;
  /** Who the rating is for, when not the ticket's current agent (Intercom: the last teammate who replied). */
  csatAgent?: Read<string | null>;
  /** When the rating was given (else the survey is dated by its ticket). */
  csatAt?: Read<number | null | undefined>;
  /** The first column the id / created time come from, for "empty" issues. */
  idCol: number;
  createdCol: number;
}

/** Reader factories over one file's Columns; a negative column reads as null. */
export function readers(c: Columns) {
  const none = (): null => null;
  return {
    text: (col: number): Read<string | null> => (col < 0 ? none : (r) => c.text(r, col)),
    /** Text where placeholder values (`-`, `?`, `NA`, `n/a`, `null`) mean empty. */
    textOrNull: (col: number, blanks: readonly string[] = ['-', '?', 'na', 'n/a', 'null', 'none', '(none)']): Read<string | null> => {
      if (col < 0) return none;
      const set = new Set(blanks.map((b) => b.toLowerCase()));
      return (r) => {
        const t = c.text(r, col);
        return t === null || set.has(t.toLowerCase()) ? null : t;
      };
    },
    id: (col: number): Read<string | null> => (col < 0 ? none : (r, line) => c.id(r, line, col)),
    date: (col: number): Read<number | null | undefined> => (col < 0 ? none : (r, line) => c.timestamp(r, line, col)),
    count: (col: number): Read<number | null> => (col < 0 ? none : (r, line) => c.count(r, line, col)),
    bool: (col: number): Read<boolean | null> => (col < 0 ? none : (r, line) => c.boolean(r, line, col)),
    priority: (col: number): Read<Priority | null> => (col < 0 ? none : (r, line) => c.priority(r, line, col)),
    status: (col: number, words: Record<string, Status> = {}): Read<Status | null> => {
      if (col < 0) return none;
      const extra = new Map(Object.entries(words).map(([k, v]) => [k.toLowerCase(), v]));
      return (r) => {
        const t = c.text(r, col);
        return t === null ? null : extra.get(t.toLowerCase()) ?? parseStatus(t);
      };
    },
    tags: (col: number): Read<string[]> => (col < 0 ? () => [] : (r) => splitTags(c.text(r, col) ?? '')),
    minutes: (col: number, unit: Parameters<Columns['duration']>[3]): Read<number | null> =>
      col < 0 ? none : (r, line) => c.duration(r, line, col, unit),
    csat: (col: number, words?: ReadonlyMap<string, 0 | 1>): Read<CsatCell> => (col < 0 ? none : (r, line) => readCsatCell(c, r, line, col, words)),
    /** A value from a word list (case-insensitive); unknown words are an UNKNOWN_VALUE issue. */
    word: <T>(col: number, words: Record<string, T>, what: string): Read<T | null> => {
      if (col < 0) return none;
      const map = new Map(Object.entries(words).map(([k, v]) => [k.toLowerCase(), v]));
      return (r, line) => {
        const t = c.text(r, col);
        if (t === null) return null;
        const v = map.get(t.toLowerCase());
        if (v === undefined) {
          c.issue('UNKNOWN_VALUE', line, col, t, `unknown ${what} "${t}"; expected one of ${Object.keys(words).join(', ')}`);
          return null;
        }
        return v;
      };
    },
  };
}

/** `x + 1` for a count of re-assignments, read as stations (the first assignment counts). */
export function plusOne(read: Read<number | null>): Read<number | null> {
  return (record, line) => {
    const n = read(record, line);
    return n === null ? null : n + 1;
  };
}

/** Header `Name (zone)` → the zone when it is an IANA name (Intercom: `Conversation started at (America/New_York)`). */
export function zoneInHeader(header: string): string | null {
  const m = /\(([A-Za-z_]{3,}(?:\/[A-Za-z0-9_+\-]+)+|UTC)\)\s*$/.exec(header);
  return m === null ? null : m[1];
}

/** The `surveys` of a ticket row without a rating: one shared (frozen) empty list, not one per row. */
const NO_SURVEYS = Object.freeze([]) as readonly SurveyResponse[] as SurveyResponse[];

/** A RowMapper for tickets from a plan; the ticket's own CSAT becomes a linked SurveyResponse. */
export function ticketMapper(c: Columns, ctx: MapContext, plan: TicketPlan): RowMapper {
  const p = plan;
  const get = <T>(read: Read<T> | undefined, record: string[], line: number, empty: T): T => (read === undefined ? empty : read(record, line));
  return {
    kind: 'tickets',
    mapping: c.mapping,
    prepare: c.prepare,
    dateFormats: c.dateFormats,
    map(record, line): MappedRow {
      const id = p.id(record, line);
      if (id === null) {
        c.issue('MISSING_VALUE', line, p.idCol, null, 'ticket id is empty; the row is skipped');
        return { ticket: null, surveys: [], skipped: true };
      }
      const createdAt = p.createdAt(record, line);
      if (createdAt === null) c.issue('MISSING_VALUE', line, p.createdCol, null, 'created time is empty; the row is skipped');
      if (createdAt === null || createdAt === undefined) return { ticket: null, surveys: [], skipped: true };
      const firstResponseAt = get(p.firstResponseAt, record, line, null);
      const ticket: Ticket = {
        id,
        createdAt,
        agent: get(p.agent, record, line, null),
        team: get(p.team, record, line, null),
        channel: get(p.channel, record, line, null),
        priority: get(p.priority, record, line, null),
        status: get(p.status, record, line, null),
        type: get(p.type, record, line, null),
        tags: get(p.tags, record, line, []),
        category: get(p.category, record, line, null),
        firstResponseAt: firstResponseAt ?? null,
        solvedAt: get(p.solvedAt, record, line, null) ?? null,
        updatedAt: get(p.updatedAt, record, line, null) ?? null,
        firstResponseMinutes: get(p.firstResponseMinutes, record, line, null),
        resolutionMinutes: get(p.resolutionMinutes, record, line, null),
        firstResponseBusinessMinutes: get(p.firstResponseBusinessMinutes, record, line, null),
        resolutionBusinessMinutes: get(p.resolutionBusinessMinutes, record, line, null),
        agentReplies: get(p.agentReplies, record, line, null),
        customerMessages: get(p.customerMessages, record, line, null),
        reopens: get(p.reopens, record, line, null),
        escalated: get(p.escalated, record, line, null),
        groupStations: get(p.groupStations, record, line, null),
        assigneeStations: get(p.assigneeStations, record, line, null),
        fcrFlag: get(p.fcrFlag, record, line, null),
        slaFirstResponseMet: get(p.slaFirstResponseMet, record, line, null),
        slaResolutionMet: get(p.slaResolutionMet, record, line, null),
        firstResponseInvalid: firstResponseAt === undefined,
        source: { file: ctx.file, line },
      };
      let surveys = NO_SURVEYS;
      const cell = get(p.csat, record, line, null);
      if (cell !== null) {
        const answer: CsatAnswer | null = 'answer' in cell ? cell.answer : null;
        surveys = [{
          ticketId: id,
          respondedAt: get(p.csatAt, record, line, null) ?? null,
          agent: get(p.csatAgent, record, line, null),
          team: null,
          csat: answer,
          csatOffered: answer === null || p.offeredKnown === true ? true : null,
          nps: null,
          ces: null,
          kind: 'customer',
          source: { file: ctx.file, line },
        }];
      }
      return { ticket, surveys, skipped: false };
    },
  };
}

/**
 * Share of `signature` headers present (normalised names), for `Preset.confidence`; the
 * presets call `detect` true when enough of them are there.
 */
export function signatureScore(names: Set<string>, signature: readonly string[]): number {
  let found = 0;
  for (const s of signature) if (names.has(s)) found++;
  return found / signature.length;
}
