import { StringDictionary, TicketBatch } from '../model/ticket-batch.js';
import type { CsatAnswer, Priority, Status, SurveyResponse } from '../model/types.js';
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
const SKIPPED: MappedRow = Object.freeze({ ticket: false, surveys: NO_SURVEYS, skipped: true });
const TICKET: MappedRow = Object.freeze({ ticket: true, surveys: NO_SURVEYS, skipped: false });

/**
 * A RowMapper for tickets from a plan. Each ticket becomes a row of `tickets` (a TicketBatch, no
 * object per row); the ticket's own CSAT becomes a linked SurveyResponse.
 */
export function ticketMapper(c: Columns, ctx: MapContext, plan: TicketPlan): RowMapper {
  const p = plan;
  const dictionary = new StringDictionary();
  const number = (read: Read<number | null | undefined> | undefined, column: Float64Array, record: string[], line: number, k: number): void => {
    if (read === undefined) return;
    const v = read(record, line);
    if (v !== null && v !== undefined) column[k] = v;
  };
  const flag = (read: Read<boolean | null> | undefined, column: Int8Array, record: string[], line: number, k: number): void => {
    if (read === undefined) return;
    const v = read(record, line);
    if (v !== null) column[k] = v ? 1 : 0;
  };
  const text = (read: Read<string | null> | undefined, column: Int32Array, record: string[], line: number, k: number): void => {
    if (read === undefined) return;
    const v = read(record, line);
    if (v !== null) column[k] = dictionary.code(v);
  };
  const mapper: RowMapper = {
    kind: 'tickets',
    mapping: c.mapping,
    prepare: c.prepare,
    dateFormats: c.dateFormats,
    // The reader may swap in a fresh batch (over the same dictionary) whenever it takes the rows away.
    tickets: new TicketBatch(ctx.file, dictionary),
    map(record, line): MappedRow {
      const tickets = mapper.tickets!;
      const id = p.id(record, line);
      if (id === null) {
        c.issue('MISSING_VALUE', line, p.idCol, null, 'ticket id is empty; the row is skipped');
        return SKIPPED;
      }
      const createdAt = p.createdAt(record, line);
      if (createdAt === null) c.issue('MISSING_VALUE', line, p.createdCol, null, 'created time is empty; the row is skipped');
      if (createdAt === null || createdAt === undefined) return SKIPPED;
      // Fields are read in the order the Ticket object listed them, so issues keep their order.
      const k = tickets.addRow(id, line);
      const { numbers, flags, texts } = tickets;
      numbers.createdAt[k] = createdAt;
      if (p.firstResponseAt !== undefined) {
        const v = p.firstResponseAt(record, line);
        if (v === undefined) tickets.firstResponseInvalid[k] = 1;
        else if (v !== null) numbers.firstResponseAt[k] = v;
      }
      text(p.agent, texts.agent, record, line, k);
      text(p.team, texts.team, record, line, k);
      text(p.channel, texts.channel, record, line, k);
      text(p.priority, texts.priority, record, line, k);
      text(p.status, texts.status, record, line, k);
      text(p.type, texts.type, record, line, k);
      if (p.tags !== undefined) for (const tag of p.tags(record, line)) tickets.addTag(tag);
      text(p.category, texts.category, record, line, k);
      number(p.solvedAt, numbers.solvedAt, record, line, k);
      number(p.updatedAt, numbers.updatedAt, record, line, k);
      number(p.firstResponseMinutes, numbers.firstResponseMinutes, record, line, k);
      number(p.resolutionMinutes, numbers.resolutionMinutes, record, line, k);
      number(p.firstResponseBusinessMinutes, numbers.firstResponseBusinessMinutes, record, line, k);
      number(p.resolutionBusinessMinutes, numbers.resolutionBusinessMinutes, record, line, k);
      number(p.agentReplies, numbers.agentReplies, record, line, k);
      number(p.customerMessages, numbers.customerMessages, record, line, k);
      number(p.reopens, numbers.reopens, record, line, k);
      flag(p.escalated, flags.escalated, record, line, k);
      number(p.groupStations, numbers.groupStations, record, line, k);
      number(p.assigneeStations, numbers.assigneeStations, record, line, k);
      flag(p.fcrFlag, flags.fcrFlag, record, line, k);
      flag(p.slaFirstResponseMet, flags.slaFirstResponseMet, record, line, k);
      flag(p.slaResolutionMet, flags.slaResolutionMet, record, line, k);
      const cell = p.csat === undefined ? null : p.csat(record, line);
      if (cell === null) return TICKET;
      const answer: CsatAnswer | null = 'answer' in cell ? cell.answer : null;
      const respondedAt = p.csatAt === undefined ? null : p.csatAt(record, line) ?? null;
      const survey: SurveyResponse = {
        ticketId: id,
        respondedAt,
        agent: p.csatAgent === undefined ? null : p.csatAgent(record, line),
        team: null,
        csat: answer,
        csatOffered: answer === null || p.offeredKnown === true ? true : null,
        nps: null,
        ces: null,
        kind: 'customer',
        source: { file: ctx.file, line },
      };
      return { ticket: true, surveys: [survey], skipped: false };
    },
  };
  return mapper;
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
