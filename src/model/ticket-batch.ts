import type { Priority, Status, Ticket } from './types.js';
import { canonicalNumber, prefixedId } from './ticket-id.js';

/**
 * Strings of one input file (agents, teams, channels, tags …) numbered in order of first sight;
 * code 0 is "no value". A worker thread sends only the strings added since its last batch, so
 * a million rows cross threads as numbers, not as strings.
 */
export class StringDictionary {
  readonly strings: (string | null)[] = [null];
  private readonly codes = new Map<string, number>();

  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** Append strings sent by the dictionary this one mirrors (a worker's), in its order. */
  extend(strings: readonly string[]): void {
    for (const s of strings) {
      this.codes.set(s, this.strings.length);
      this.strings.push(s);
    }
  }
}

/** Number fields of a ticket row, NaN for "not in the export / empty". */
export const NUMBER_FIELDS = [
  'createdAt', 'updatedAt', 'solvedAt', 'firstResponseAt', 'firstResponseMinutes', 'resolutionMinutes',
  'firstResponseBusinessMinutes', 'resolutionBusinessMinutes', 'agentReplies', 'customerMessages', 'reopens',
  'groupStations', 'assigneeStations',
] as const;
/**
 * Yes/no fields: 1 yes, 0 no, -1 unknown. `markedSolved`: the export says the ticket was solved
 * without giving a time to measure from (a solved date beside a stated resolution time).
 */
export const FLAG_FIELDS = ['escalated', 'fcrFlag', 'slaFirstResponseMet', 'slaResolutionMet', 'markedSolved'] as const;
/** Text fields, as codes into the batch's dictionary (0 = none). */
export const TEXT_FIELDS = ['agent', 'team', 'channel', 'priority', 'status', 'type', 'category'] as const;

export type NumberField = (typeof NUMBER_FIELDS)[number];
export type FlagField = (typeof FLAG_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];

export interface TicketBatchParts {
  size: number;
  ids: string[];
  idNumbers: Float64Array;
  lines: Int32Array;
  /** A field left out has no known value in these rows (`toParts`). */
  numbers: Partial<Record<NumberField, Float64Array>>;
  flags: Partial<Record<FlagField, Int8Array>>;
  texts: Partial<Record<TextField, Int32Array>>;
  firstResponseInvalid: Uint8Array;
  tagStart: Int32Array;
  tagCodes: Int32Array;
  /** TicketBatch.statesResponses. */
  statesResponses: boolean;
  /** TicketBatch.idPrefix. */
  idPrefix: string | null;
}

/** The buffers of the parts' typed arrays, to transfer instead of copy. */
export function partsBuffers(parts: TicketBatchParts): ArrayBuffer[] {
  const arrays = [
    ...Object.values(parts.numbers), ...Object.values(parts.flags), ...Object.values(parts.texts),
    parts.firstResponseInvalid, parts.idNumbers, parts.lines, parts.tagStart, parts.tagCodes,
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * The fields a batch's rows can be given values in (a mapper's fields, `ticketMapper`); every other
 * field of every row stays unknown, and its column is a shared read-only one (no memory per batch).
 */
export interface WrittenFields {
  numbers: readonly NumberField[];
  flags: readonly FlagField[];
  texts: readonly TextField[];
}

const ALL_FIELDS: WrittenFields = { numbers: NUMBER_FIELDS, flags: FLAG_FIELDS, texts: TEXT_FIELDS };

/** The fields that say whether an agent responded to a ticket (one mapped is enough: its empty cell then means no response). */
const RESPONSE_FIELDS: readonly NumberField[] = ['firstResponseAt', 'firstResponseMinutes', 'firstResponseBusinessMinutes', 'agentReplies'];

/**
 * Read-only columns of "unknown" (NaN, -1, 0), shared by the fields a batch does not write and by
 * every batch made from parts that left a field out; grown to the longest batch seen. Only
 * "unknown" is ever written to them (a row reset writes every field by name).
 */
let unknownNumbers = new Float64Array(0);
let unknownFlags = new Int8Array(0);
let unknownTexts = new Int32Array(0);

function unknownColumns(length: number): void {
  if (unknownNumbers.length >= length) return;
  unknownNumbers = new Float64Array(length).fill(NaN);
  unknownFlags = new Int8Array(length).fill(-1);
  unknownTexts = new Int32Array(length);
}

/**
 * Ticket rows column by column: what a ticket mapper writes and the ticket table reads, with no
 * object per row. Its typed arrays can be handed to another thread without copying (`transfer`),
 * which is how the parallel reader moves rows from its workers to the table.
 */
export class TicketBatch {
  size = 0;
  capacity = 0;
  /** Counts the times the column arrays were replaced (grown, or given back by `adopt`): code that keeps them checks it. */
  arrays = 0;
  readonly numbers = {} as Record<NumberField, Float64Array>;
  readonly flags = {} as Record<FlagField, Int8Array>;
  readonly texts = {} as Record<TextField, Int32Array>;
  /** True when the first-response cell held a value that could not be read. */
  firstResponseInvalid: Uint8Array = new Uint8Array(0);
  /**
   * Ticket ids as text ('' where the id is in `idNumbers`), kept only once a row has a text id:
   * empty while every id is a number. Why: a block of a million-ticket file held tens of
   * thousands of '' here, and copying them between threads, both ways, cost the main thread
   * ~0.1 s (bench/README.md).
   */
  ids: string[] = [];
  /** Rows with a text id (`ids` is kept from the first one on). */
  private textIds = 0;
  /**
   * Ids that are canonical whole numbers (`String(n)` gives the id back), as numbers: the typed
   * lane reads them from the bytes without making a string; -1 where the id is text.
   */
  idNumbers: Float64Array = new Float64Array(0);
  /**
   * Null: the ids in `idNumbers` are canonical whole numbers. Else every id there is this prefix
   * key's prefix and digits (`prefixKey`, `prefixedId`: `TCK-00000001`), set by the first such row
   * while no row holds a canonical number. Why: a million ids like `TCK-00000001` went from the
   * reader threads to the main thread as strings, and were parsed there again (bench/README.md).
   */
  idPrefix: string | null = null;
  /** Rows since `clear` whose id is in `idNumbers`. */
  private numberIds = 0;
  lines: Int32Array = new Int32Array(0);
  /** Row k's tags are `tagCodes[tagStart[k] .. tagStart[k + 1])`. */
  tagStart: Int32Array = new Int32Array(1);
  tagCodes: Int32Array = new Int32Array(0);
  /**
   * Whether the rows' export can say that an agent responded (it has a first-response time or
   * duration, or a reply count): without any, whether a ticket was answered is unknown, and it
   * is not counted as unreplied (DESIGN §3: unknown is null, never 0).
   */
  statesResponses: boolean;

  constructor(
    readonly file: string,
    readonly dictionary: StringDictionary = new StringDictionary(),
    capacity = 16,
    /** The fields rows are given values in; the rest of each row stays unknown. */
    readonly written: WrittenFields = ALL_FIELDS,
  ) {
    this.statesResponses = written.numbers.some((f) => RESPONSE_FIELDS.includes(f));
    this.ensure(capacity);
  }

  /** A new empty batch over the same file, dictionary and written fields. */
  emptyLike(capacity: number): TicketBatch {
    return new TicketBatch(this.file, this.dictionary, capacity, this.written);
  }

  /**
   * Start a new row (index returned) with every field unknown. `id`: the ticket id as text, or
   * as a number when it is a canonical whole number (see `idNumbers`).
   */
  addRow(id: string | number, line: number): number {
    // With prefixed ids in `idNumbers`, a canonical number is kept as text.
    if (typeof id === 'number') return this.pushRow(this.idPrefix !== null ? String(id) : id, line);
    // Otherwise a canonical number given as text (an id the mapper read) is kept as the number, as
    // the typed lane keeps it: the same id (`id(k)` gives the text back). Why: a batch of a numeric
    // file then never holds text ids, whose first one, a row the lane left to the mapper a few
    // thousand rows in, made V8 discard and compile again the reading code of every reader thread.
    const n = this.idPrefix === null ? canonicalNumber(id) : -1;
    return this.pushRow(n >= 0 ? n : id, line);
  }

  /**
   * `addRow` for the id `prefixedId(key, n)`, kept as the number n under the batch's prefix key;
   * as text when the batch's numbers already stand for another key or for canonical numbers.
   */
  addPrefixedRow(key: string, n: number, line: number): number {
    if (this.idPrefix === null && this.numberIds === 0) this.idPrefix = key;
    return this.pushRow(this.idPrefix === key ? n : prefixedId(key, n), line);
  }

  private pushRow(id: string | number, line: number): number {
    const k = this.size;
    if (k === this.capacity) this.ensure(Math.max(16, this.capacity * 2));
    this.size = k + 1;
    if (typeof id === 'number') {
      if (this.textIds > 0) this.ids[k] = '';
      this.idNumbers[k] = id;
      this.numberIds++;
    } else {
      // The rows before the first text id get their '' now (written in order, the array stays dense).
      if (this.textIds++ === 0) for (let j = 0; j < k; j++) this.ids[j] = '';
      this.ids[k] = id;
      this.idNumbers[k] = -1;
    }
    this.lines[k] = line;
    // Every field of the row is unknown already: rows past `size` always are (see `clear`).
    this.tagStart[k + 1] = this.tagStart[k];
    return k;
  }

  /** Set rows [from, to) to "every field unknown". */
  private reset(from: number, to: number): void {
    if (to - from === 1) {
      // One row (the ordinary path empties the batch after each): unrolled, as named properties
      // stay monomorphic and a loop over field names does not.
      const k = from;
      const n = this.numbers;
      n.createdAt[k] = NaN; n.updatedAt[k] = NaN; n.solvedAt[k] = NaN; n.firstResponseAt[k] = NaN;
      n.firstResponseMinutes[k] = NaN; n.resolutionMinutes[k] = NaN; n.firstResponseBusinessMinutes[k] = NaN;
      n.resolutionBusinessMinutes[k] = NaN; n.agentReplies[k] = NaN; n.customerMessages[k] = NaN; n.reopens[k] = NaN;
      n.groupStations[k] = NaN; n.assigneeStations[k] = NaN;
      const f = this.flags;
      f.escalated[k] = -1; f.fcrFlag[k] = -1; f.slaFirstResponseMet[k] = -1; f.slaResolutionMet[k] = -1; f.markedSolved[k] = -1;
      const t = this.texts;
      t.agent[k] = 0; t.team[k] = 0; t.channel[k] = 0; t.priority[k] = 0; t.status[k] = 0; t.type[k] = 0; t.category[k] = 0;
      this.firstResponseInvalid[k] = 0;
      return;
    }
    // Fields the batch does not write are unknown already.
    const w = this.written;
    for (const f of w.numbers) this.numbers[f].fill(NaN, from, to);
    for (const f of w.flags) this.flags[f].fill(-1, from, to);
    for (const f of w.texts) this.texts[f].fill(0, from, to);
    this.firstResponseInvalid.fill(0, from, to);
  }

  /** Append a tag to the last row. */
  addTag(tag: string): void {
    const at = this.tagStart[this.size];
    if (at === this.tagCodes.length) {
      const grown = new Int32Array(Math.max(16, at * 2));
      grown.set(this.tagCodes);
      this.tagCodes = grown;
    }
    this.tagCodes[at] = this.dictionary.code(tag);
    this.tagStart[this.size] = at + 1;
  }

  /** Empty the batch for reuse (its rows are set back to unknown, as rows past `size` must be). */
  clear(): void {
    if (this.size > 0) this.reset(0, this.size);
    this.size = 0;
    this.ids.length = 0;
    this.textIds = 0;
    this.idPrefix = null;
    this.numberIds = 0;
  }

  /** Row k's ticket id as text. */
  id(k: number): string {
    const n = this.idNumbers[k];
    return n < 0 ? this.ids[k] : this.idPrefix === null ? String(n) : prefixedId(this.idPrefix, n);
  }

  text(field: TextField, k: number): string | null {
    return this.dictionary.strings[this.texts[field][k]];
  }

  number(field: NumberField, k: number): number | null {
    const v = this.numbers[field][k];
    return v === v ? v : null;
  }

  flag(field: FlagField, k: number): boolean | null {
    const v = this.flags[field][k];
    return v < 0 ? null : v === 1;
  }

  /** Row k as a Ticket object (for code that keeps rows, such as `init` and tests). */
  toTicket(k: number): Ticket {
    const tags: string[] = [];
    for (let j = this.tagStart[k]; j < this.tagStart[k + 1]; j++) tags.push(this.dictionary.strings[this.tagCodes[j]]!);
    return {
      id: this.id(k),
      createdAt: this.numbers.createdAt[k],
      agent: this.text('agent', k),
      team: this.text('team', k),
      channel: this.text('channel', k),
      priority: this.text('priority', k) as Priority | null,
      status: this.text('status', k) as Status | null,
      type: this.text('type', k),
      tags,
      category: this.text('category', k),
      firstResponseAt: this.number('firstResponseAt', k),
      solvedAt: this.number('solvedAt', k),
      updatedAt: this.number('updatedAt', k),
      firstResponseMinutes: this.number('firstResponseMinutes', k),
      resolutionMinutes: this.number('resolutionMinutes', k),
      firstResponseBusinessMinutes: this.number('firstResponseBusinessMinutes', k),
      resolutionBusinessMinutes: this.number('resolutionBusinessMinutes', k),
      agentReplies: this.number('agentReplies', k),
      customerMessages: this.number('customerMessages', k),
      reopens: this.number('reopens', k),
      escalated: this.flag('escalated', k),
      groupStations: this.number('groupStations', k),
      assigneeStations: this.number('assigneeStations', k),
      fcrFlag: this.flag('fcrFlag', k),
      slaFirstResponseMet: this.flag('slaFirstResponseMet', k),
      slaResolutionMet: this.flag('slaResolutionMet', k),
      firstResponseInvalid: this.firstResponseInvalid[k] === 1,
      source: { file: this.file, line: this.lines[k] },
      // Absent unless known, as a Ticket written without it.
      ...(this.flags.markedSolved[k] >= 0 ? { markedSolved: this.flags.markedSolved[k] === 1 } : {}),
    };
  }

  /** Write a Ticket object as a new row (the table's `add(ticket)` goes through here). */
  addTicket(t: Ticket): number {
    if (this.written !== ALL_FIELDS) throw new Error('TicketBatch.addTicket needs a batch that writes every field');
    const k = this.addRow(t.id, t.source.line);
    for (const f of NUMBER_FIELDS) {
      const v = t[f];
      if (v !== null) this.numbers[f][k] = v;
    }
    for (const f of FLAG_FIELDS) {
      const v = t[f];
      if (v !== null && v !== undefined) this.flags[f][k] = v ? 1 : 0;
    }
    for (const f of TEXT_FIELDS) this.texts[f][k] = this.dictionary.code(t[f]);
    this.firstResponseInvalid[k] = t.firstResponseInvalid ? 1 : 0;
    for (const tag of t.tags) this.addTag(tag);
    return k;
  }

  /**
   * The rows as plain arrays and typed arrays, for `postMessage` (the typed arrays' buffers can be
   * transferred, see `partsBuffers`). A field with no known value in the rows is left out: an
   * export fills about half of the fields, and the rest need not cross threads (`fromParts`
   * reads them as unknown). The batch must not be used again until `adopt` gives the parts back.
   */
  toParts(): TicketBatchParts {
    const n = this.size;
    const numbers: TicketBatchParts['numbers'] = {};
    const flags: TicketBatchParts['flags'] = {};
    const texts: TicketBatchParts['texts'] = {};
    const w = this.written;
    for (const f of w.numbers) if (anyNumber(this.numbers[f], n)) numbers[f] = this.numbers[f];
    for (const f of w.flags) if (anyAtLeast(this.flags[f], n, 0)) flags[f] = this.flags[f];
    for (const f of w.texts) if (anyAtLeast(this.texts[f], n, 1)) texts[f] = this.texts[f];
    return {
      size: n, ids: this.textIds > 0 ? this.ids.slice(0, n) : [], idNumbers: this.idNumbers, lines: this.lines, numbers, flags, texts,
      firstResponseInvalid: this.firstResponseInvalid, tagStart: this.tagStart, tagCodes: this.tagCodes, statesResponses: this.statesResponses,
      idPrefix: this.idPrefix,
    };
  }

  /**
   * A batch over parts received from another thread, reading its codes through `dictionary`
   * (read-only: a field the parts left out is a column of unknowns shared with other batches).
   */
  static fromParts(file: string, dictionary: StringDictionary, parts: TicketBatchParts): TicketBatch {
    const batch = new TicketBatch(file, dictionary, 0);
    const capacity = parts.lines.length;
    unknownColumns(capacity);
    for (const f of NUMBER_FIELDS) batch.numbers[f] = parts.numbers[f] ?? unknownNumbers;
    for (const f of FLAG_FIELDS) batch.flags[f] = parts.flags[f] ?? unknownFlags;
    for (const f of TEXT_FIELDS) batch.texts[f] = parts.texts[f] ?? unknownTexts;
    batch.firstResponseInvalid = parts.firstResponseInvalid;
    batch.ids = parts.ids;
    batch.idNumbers = parts.idNumbers;
    batch.lines = parts.lines;
    batch.tagStart = parts.tagStart;
    batch.tagCodes = parts.tagCodes;
    batch.size = parts.size;
    batch.capacity = capacity;
    batch.statesResponses = parts.statesResponses;
    batch.idPrefix = parts.idPrefix;
    return batch;
  }

  /**
   * Take back the parts `toParts` gave (returned by the thread that read them) and empty the
   * batch for new rows, with room for `capacity`: the reader thread reuses its batches instead
   * of making, faulting in and filling new memory for every block.
   */
  adopt(parts: TicketBatchParts, capacity: number): void {
    Object.assign(this.numbers, parts.numbers);
    Object.assign(this.flags, parts.flags);
    Object.assign(this.texts, parts.texts);
    this.firstResponseInvalid = parts.firstResponseInvalid;
    this.idNumbers = parts.idNumbers;
    this.lines = parts.lines;
    this.tagStart = parts.tagStart;
    this.tagCodes = parts.tagCodes;
    this.arrays++;
    this.clear();
    this.ensure(capacity);
  }

  private ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const f64 = (a: Float64Array | undefined): Float64Array => {
      const b = new Float64Array(capacity);
      if (a !== undefined) b.set(a);
      return b;
    };
    // The fields the batch does not write share the read-only unknown columns.
    unknownColumns(capacity);
    for (const f of NUMBER_FIELDS) if (!this.written.numbers.includes(f)) this.numbers[f] = unknownNumbers;
    for (const f of FLAG_FIELDS) if (!this.written.flags.includes(f)) this.flags[f] = unknownFlags;
    for (const f of TEXT_FIELDS) if (!this.written.texts.includes(f)) this.texts[f] = unknownTexts;
    for (const f of this.written.numbers) this.numbers[f] = f64(this.numbers[f]);
    for (const f of this.written.flags) {
      const b = new Int8Array(capacity);
      if (this.flags[f] !== undefined) b.set(this.flags[f]);
      this.flags[f] = b;
    }
    for (const f of this.written.texts) {
      const b = new Int32Array(capacity);
      if (this.texts[f] !== undefined) b.set(this.texts[f]);
      this.texts[f] = b;
    }
    const invalid = new Uint8Array(capacity);
    invalid.set(this.firstResponseInvalid);
    this.firstResponseInvalid = invalid;
    // New rows start unknown (addRow relies on it).
    const old = this.capacity;
    this.capacity = capacity;
    this.reset(old, capacity);
    const lines = new Int32Array(capacity);
    lines.set(this.lines);
    this.lines = lines;
    const idNumbers = new Float64Array(capacity);
    idNumbers.set(this.idNumbers);
    this.idNumbers = idNumbers;
    const starts = new Int32Array(capacity + 1);
    starts.set(this.tagStart);
    this.tagStart = starts;
    this.capacity = capacity;
    this.arrays++;
  }
}

/** Whether any of the values [from, to) is a number (not NaN). */
export function anyNumber(a: Float64Array, to: number, from = 0): boolean {
  for (let k = from; k < to; k++) if (a[k] === a[k]) return true;
  return false;
}

/** Whether any of the first n values is at least `min` (flags, counts: 0 and up known; texts: a code). */
export function anyAtLeast(a: Int8Array | Int32Array | Float64Array, n: number, min: number): boolean {
  for (let k = 0; k < n; k++) if (a[k] >= min) return true;
  return false;
}
