import { StringDictionary, TicketBatch, type FlagField, type NumberField, type TextField, type WrittenFields } from '../model/ticket-batch.js';
import type { CsatAnswer, Priority, Status, SurveyResponse } from '../model/types.js';
import type { SurveyColumns } from '../model/survey-columns.js';
import type { Columns } from './columns.js';
import { readCsatCell, type CsatCell } from './csat.js';
import type { MapContext, MappedRow, RowMapper } from './preset.js';
import { minutesPerUnit, parseStatus, splitTags } from './values.js';

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
  /** Solved, without a time to measure from (TicketBatch FLAG_FIELDS). */
  markedSolved?: Read<boolean | null>;
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

/** What a reader made by `readers` reads: its column and kind (the typed lane reads cells itself from these). */
export interface ReaderInfo {
  /** `none`: a column the file does not have (always null). */
  kind: 'date' | 'id' | 'cell' | 'none';
  col: number;
  /**
   * For a `cell` reader: a cell of plain decimal digits (no sign, no leading zero, at most 15)
   * reads as that whole number times `digits`, with no issue — unless one of the file's blank
   * words is all digits (the lane checks). Counts and plain-number durations say so; the lane
   * then reads such cells without asking the reader or remembering them (durations rarely repeat).
   */
  digits?: number;
}
const READER_INFO = new WeakMap<object, ReaderInfo>();
/** The column and kind of a reader made by `readers` (undefined for any other function). */
export function readerInfo(read: object): ReaderInfo | undefined {
  return READER_INFO.get(read);
}
/** Note that `read` reads column `col`: `date` (a timestamp), `id`, or `cell` (any pure function of the one cell's text). */
function described<T extends object>(read: T, kind: ReaderInfo['kind'], col: number, digits?: number): T {
  READER_INFO.set(read, digits === undefined ? { kind, col } : { kind, col, digits });
  return read;
}

/** Reader factories over one file's Columns; a negative column reads as null. */
export function readers(c: Columns) {
  const none = described((): null => null, 'none', -1);
  return {
    text: (col: number): Read<string | null> => (col < 0 ? none : described((r) => c.text(r, col), 'cell', col)),
    /** Text where placeholder values (`-`, `?`, `NA`, `n/a`, `null`) mean empty. */
    textOrNull: (col: number, blanks: readonly string[] = ['-', '?', 'na', 'n/a', 'null', 'none', '(none)']): Read<string | null> => {
      if (col < 0) return none;
      const set = new Set(blanks.map((b) => b.toLowerCase()));
      return described((r) => {
        const t = c.text(r, col);
        return t === null || set.has(t.toLowerCase()) ? null : t;
      }, 'cell', col);
    },
    /** Text of a column whose cells rarely repeat (a survey's ticket id): the lane reads each cell rather than remembering them. */
    key: (col: number): Read<string | null> => (col < 0 ? none : described((r) => c.text(r, col), 'id', col)),
    id: (col: number): Read<string | null> => (col < 0 ? none : described((r, line) => c.id(r, line, col), 'id', col)),
    date: (col: number): Read<number | null | undefined> => (col < 0 ? none : described((r, line) => c.timestamp(r, line, col), 'date', col)),
    // parseCount of plain digits is their number.
    count: (col: number): Read<number | null> => (col < 0 ? none : described((r, line) => c.count(r, line, col), 'cell', col, 1)),
    bool: (col: number): Read<boolean | null> => (col < 0 ? none : described((r, line) => c.boolean(r, line, col), 'cell', col)),
    priority: (col: number): Read<Priority | null> => (col < 0 ? none : described((r, line) => c.priority(r, line, col), 'cell', col)),
    status: (col: number, words: Record<string, Status> = {}): Read<Status | null> => {
      if (col < 0) return none;
      const extra = new Map(Object.entries(words).map(([k, v]) => [k.toLowerCase(), v]));
      return described((r) => {
        const t = c.text(r, col);
        return t === null ? null : extra.get(t.toLowerCase()) ?? parseStatus(t);
      }, 'cell', col);
    },
    tags: (col: number): Read<string[]> => (col < 0 ? described(() => [], 'none', -1) : described((r) => splitTags(c.text(r, col) ?? ''), 'cell', col)),
    // parseDuration of plain digits is their number times the unit's minutes (hms and signed-hm excepted).
    minutes: (col: number, unit: Parameters<Columns['duration']>[3]): Read<number | null> => {
      if (col < 0) return none;
      if (unit !== 'hms' && unit !== 'signed-hm') c.numberColumn(col);
      return described((r, line) => c.duration(r, line, col, unit), 'cell', col, minutesPerUnit(unit) ?? undefined);
    },
    /** A number in [min, max] (Columns.score). */
    score: (col: number, min: number, max: number, integer: boolean, what: string): Read<number | null> => {
      if (col < 0) return none;
      c.numberColumn(col);
      return described((r, line) => c.score(r, line, col, min, max, integer, what), 'cell', col);
    },
    /** Any pure function of the cell's text (null when empty or a blank word); `line` only for its issues. */
    cell: <T>(col: number, read: (text: string | null, line: number) => T): Read<T | null> =>
      col < 0 ? none : described((r: string[], line: number) => read(c.text(r, col), line), 'cell', col),
    csat: (col: number, words?: ReadonlyMap<string, 0 | 1>): Read<CsatCell> => (col < 0 ? none : described((r, line) => readCsatCell(c, r, line, col, words), 'cell', col)),
    /** A value from a word list (case-insensitive); unknown words are an UNKNOWN_VALUE issue. */
    word: <T>(col: number, words: Record<string, T>, what: string): Read<T | null> => {
      if (col < 0) return none;
      const map = new Map(Object.entries(words).map(([k, v]) => [k.toLowerCase(), v]));
      return described((r: string[], line: number) => {
        const t = c.text(r, col);
        if (t === null) return null;
        const v = map.get(t.toLowerCase());
        if (v === undefined) {
          c.issue('UNKNOWN_VALUE', line, col, t, `unknown ${what} "${t}"; expected one of ${Object.keys(words).join(', ')}`);
          return null;
        }
        return v;
      }, 'cell', col);
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

/** One field of a ticket row: how the plan reads it and where it goes in the batch. */
export interface TicketField {
  read: Read<unknown>;
  write(batch: TicketBatch, k: number, value: unknown): void;
  /** Set for text fields: the batch column their dictionary code goes to (the typed lane writes remembered codes itself). */
  text?: TextField;
  /** Set when a number value v is written as `numbers[number][k] = v` (the typed lane stores it itself; other values go through `write`). */
  number?: NumberField;
  /** Set when a boolean value v is written as `flags[flag][k] = v ? 1 : 0` (as `number`). */
  flag?: FlagField;
}

/**
 * The plan's fields after id and creation time, in the order the mapper reads them (issues keep
 * that order). Absent readers, and readers of a column the file does not have (`none`: always
 * null, or no tags), are left out: their fields stay unknown, as writing null would leave them.
 */
function ticketFields(p: TicketPlan, dictionary: StringDictionary): TicketField[] {
  const fields: TicketField[] = [];
  const add = (read: Read<unknown> | undefined, write: TicketField['write'], slot: Pick<TicketField, 'text' | 'number' | 'flag'> = {}): void => {
    if (read !== undefined && readerInfo(read)?.kind !== 'none') fields.push({ read, write, ...slot });
  };
  const text = (field: TextField) => (b: TicketBatch, k: number, v: unknown): void => {
    if (v !== null) b.texts[field][k] = dictionary.code(v as string);
  };
  const numberWrite = (field: NumberField) => (b: TicketBatch, k: number, v: unknown): void => {
    if (v !== null && v !== undefined) b.numbers[field][k] = v as number;
  };
  const number = (read: Read<unknown> | undefined, field: NumberField): void => add(read, numberWrite(field), { number: field });
  const flag = (read: Read<unknown> | undefined, field: FlagField): void => add(read, (b, k, v) => {
    if (v !== null) b.flags[field][k] = v ? 1 : 0;
  }, { flag: field });
  add(p.firstResponseAt, (b, k, v) => {
    if (v === undefined) b.firstResponseInvalid[k] = 1;
    else if (v !== null) b.numbers.firstResponseAt[k] = v as number;
  }, { number: 'firstResponseAt' });
  add(p.agent, text('agent'), { text: 'agent' });
  add(p.team, text('team'), { text: 'team' });
  add(p.channel, text('channel'), { text: 'channel' });
  add(p.priority, text('priority'), { text: 'priority' });
  add(p.status, text('status'), { text: 'status' });
  add(p.type, text('type'), { text: 'type' });
  add(p.tags, (b, _k, v) => {
    for (const tag of v as string[]) b.addTag(tag);
  });
  add(p.category, text('category'), { text: 'category' });
  number(p.solvedAt, 'solvedAt');
  number(p.updatedAt, 'updatedAt');
  number(p.firstResponseMinutes, 'firstResponseMinutes');
  number(p.resolutionMinutes, 'resolutionMinutes');
  number(p.firstResponseBusinessMinutes, 'firstResponseBusinessMinutes');
  number(p.resolutionBusinessMinutes, 'resolutionBusinessMinutes');
  number(p.agentReplies, 'agentReplies');
  number(p.customerMessages, 'customerMessages');
  number(p.reopens, 'reopens');
  flag(p.escalated, 'escalated');
  number(p.groupStations, 'groupStations');
  number(p.assigneeStations, 'assigneeStations');
  flag(p.fcrFlag, 'fcrFlag');
  flag(p.slaFirstResponseMet, 'slaFirstResponseMet');
  flag(p.slaResolutionMet, 'slaResolutionMet');
  flag(p.markedSolved, 'markedSolved');
  return fields;
}

/** The batch columns a mapper's fields write (and the created time, which every row has). */
function writtenFields(fields: TicketField[]): WrittenFields {
  const numbers: NumberField[] = ['createdAt'];
  const flags: FlagField[] = [];
  const texts: TextField[] = [];
  for (const f of fields) {
    if (f.number !== undefined && !numbers.includes(f.number)) numbers.push(f.number);
    if (f.flag !== undefined && !flags.includes(f.flag)) flags.push(f.flag);
    if (f.text !== undefined && !texts.includes(f.text)) texts.push(f.text);
  }
  return { numbers, flags, texts };
}

/** The plan's fields that say whether an agent answered (each read from a column of its own name). */
const RESPONSE_PLAN_FIELDS = ['firstResponseAt', 'firstResponseMinutes', 'firstResponseBusinessMinutes', 'agentReplies'] as const;

/**
 * A RowMapper for tickets from a plan. Each ticket becomes a row of `tickets` (a TicketBatch, no
 * object per row); the ticket's own CSAT becomes a linked SurveyResponse.
 */
export function ticketMapper(c: Columns, ctx: MapContext, plan: TicketPlan): RowMapper {
  // A response field (first-response time or duration, reply count) of a column the file does
  // not have says nothing, whatever reads it: a preset's wrapper of an absent column (Freshdesk's
  // `00:00:00` rule, a call centre's answered rule) has no ReaderInfo to say so. Left out, so the
  // batch knows when an export cannot say whether a ticket was answered (TicketBatch.statesResponses).
  const p: TicketPlan = { ...plan };
  for (const field of RESPONSE_PLAN_FIELDS) if (!(field in c.mapping)) p[field] = undefined;
  // An unreadable created time skips the row (below): its issue says so, not just "dropped".
  c.requireColumn(p.createdCol, 'a ticket needs its created time');
  const dictionary = new StringDictionary();
  // Tags nothing will look at are not read (MapContext.tags): reading them never raises an issue.
  const fields = ticketFields(ctx.tags === false ? { ...p, tags: undefined } : p, dictionary);
  /** The response a ticket row's own rating cell gives (the typed lane builds it the same way). */
  const ratingAnswer = (cell: Exclude<CsatCell, null>): CsatAnswer | null => ('answer' in cell ? cell.answer : null);
  const ratingOffered = (answer: CsatAnswer | null): boolean | null => (answer === null || p.offeredKnown === true ? true : null);
  const ratingSurvey = (id: string, line: number, cell: Exclude<CsatCell, null>, respondedAt: number | null, agent: string | null): SurveyResponse => {
    const answer = ratingAnswer(cell);
    return {
      ticketId: id,
      respondedAt,
      agent,
      team: null,
      csat: answer,
      csatOffered: ratingOffered(answer),
      nps: null,
      ces: null,
      kind: 'customer',
      source: { file: ctx.file, line },
    };
  };
  // The same response added to a reader thread's columns (a row that gives a ticket: withTicket).
  const ratingWrite = (id: string | number, line: number, cell: Exclude<CsatCell, null>, respondedAt: number | null, agent: string | null, into: SurveyColumns): void => {
    const answer = ratingAnswer(cell);
    into.addValues(id, respondedAt, agent, null, answer, ratingOffered(answer), null, null, false, ctx.file, line, true);
  };
  const mapper: RowMapper = {
    kind: 'tickets',
    mapping: c.mapping,
    prepare: c.prepare,
    dateFormats: c.dateFormats,
    // The reader may swap in a fresh batch (over the same dictionary) whenever it takes the rows away.
    tickets: new TicketBatch(ctx.file, dictionary, 16, writtenFields(fields)),
    lane: {
      columns: c, id: p.id, createdAt: p.createdAt, fields,
      rating: p.csat === undefined ? undefined : { csat: p.csat, csatAt: p.csatAt, csatAgent: p.csatAgent, survey: ratingSurvey, write: ratingWrite },
    },
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
      const k = tickets.addRow(id, line);
      tickets.numbers.createdAt[k] = createdAt;
      for (const f of fields) f.write(tickets, k, f.read(record, line));
      const cell = p.csat === undefined ? null : p.csat(record, line);
      if (cell === null) return TICKET;
      const respondedAt = p.csatAt === undefined ? null : p.csatAt(record, line) ?? null;
      const survey = ratingSurvey(id, line, cell, respondedAt, p.csatAgent === undefined ? null : p.csatAgent(record, line));
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
