import type { IssueLog } from '../model/issue-log.js';
import { StringDictionary, TicketBatch, anyNumber } from '../model/ticket-batch.js';
import type { Ticket } from '../model/types.js';
import { FileNames } from '../model/file-names.js';
import { TicketIndex } from './ticket-index.js';

/** Dimensions a report can group or filter by. `tag` is multi-valued (a ticket joins each tag's group). */
export const GROUP_FIELDS = ['agent', 'team', 'channel', 'priority', 'status', 'tag', 'category', 'type'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];
export const NONE = '(none)';

/** Maps agent names through aliases and fills a missing team from the roster. */
export interface Roster {
  aliases?: Record<string, string>;
  teams?: Record<string, string[]>;
}

export interface Attribution {
  agent: string | null;
  team: string | null;
}

export function makeAttributor(roster: Roster | undefined): (agent: string | null, team: string | null) => Attribution {
  if (roster === undefined) return (agent, team) => ({ agent, team });
  const aliases = new Map(Object.entries(roster.aliases ?? {}));
  const teamOf = new Map<string, string>();
  for (const [team, agents] of Object.entries(roster.teams ?? {})) for (const agent of agents) teamOf.set(agent, team);
  return (agent, team) => {
    const name = agent === null ? null : aliases.get(agent) ?? agent;
    return { agent: name, team: team ?? (name === null ? null : teamOf.get(name) ?? null) };
  };
}

/**
 * The deduplicated tickets, column by column (numbers with NaN / -1 for unknown, interned
 * strings), so memory grows by a few dozen bytes per ticket rather than one object per row.
 * The same ticket id twice keeps the row with the latest update or solved time (ties: the later
 * update time, then the later row) and reports DUPLICATE_TICKET once per id.
 */
export class TicketTable {
  readonly index = new TicketIndex();
  size = 0;
  // Typed columns grown by doubling (or reserved at once from a file's size). Slots past `size`
  // hold nothing meaningful and are never read: `addRow` writes every column of a new row, and the
  // report reads the columns only after `trim()` cuts them to `size`. (Filling the reserved tail
  // with "unknown" touched every page of it: time, and memory a file never used.)
  createdAt: Float64Array = new Float64Array(0);
  solvedAt: Float64Array = new Float64Array(0);
  rank: Float64Array = new Float64Array(0);
  /**
   * The kept row's update time, which breaks a tie of ranks (an event log repeats its final solved
   * time on every row): 0 unknown, 1 the rank itself, 2 earlier than the rank (in `updatedEarlier`).
   * One byte a ticket, not eight: most rows' update time is their rank or unknown.
   */
  updatedKind: Uint8Array = new Uint8Array(0);
  private readonly updatedEarlier = new Map<number, number>();
  /** 1 when solved or closed (or a solved time is known), else 0. */
  solved: Uint8Array = new Uint8Array(0);
  /** 1 when no agent response is known at all, 0 when one is, -1 when the export cannot say (TicketBatch.statesResponses). */
  unreplied: Int8Array = new Int8Array(0);
  frtMinutes: Float64Array = new Float64Array(0);
  resolutionMinutes: Float64Array = new Float64Array(0);
  agentReplies: Float64Array = new Float64Array(0);
  customerMessages: Float64Array = new Float64Array(0);
  reopens: Float64Array = new Float64Array(0);
  escalated: Int8Array = new Int8Array(0);
  fcrFlag: Int8Array = new Int8Array(0);
  /** Instant of the first agent response (NaN unknown), for business-hours durations. */
  firstResponseAt: Float64Array = new Float64Array(0);
  /**
   * Business-hours durations as the export states them (NaN when it does not). Most exports state
   * none: until a row does (`businessExport`), these stay empty (a million tickets: 16 MB of NaN).
   */
  frtBusinessMinutesExport: Float64Array = new Float64Array(0);
  resolutionBusinessMinutesExport: Float64Array = new Float64Array(0);
  /** True once a row stated a business-hours duration (the two columns above are then kept). */
  businessExport = false;
  /** SLA outcomes the export states: 1 met, 0 breached, -1 not stated. */
  slaFirstResponseMet: Int8Array = new Int8Array(0);
  slaResolutionMet: Int8Array = new Int8Array(0);
  /** Interned values per single-valued dimension (code into `strings`; 0 = none). */
  readonly dims: Record<Exclude<GroupField, 'tag'>, Int32Array> = {
    agent: new Int32Array(0), team: new Int32Array(0), channel: new Int32Array(0), priority: new Int32Array(0),
    status: new Int32Array(0), category: new Int32Array(0), type: new Int32Array(0),
  };
  /** Tag set of each ticket: 0 none, else an index into `tagLists` (equal sets share one entry). */
  tagSet: Int32Array = new Int32Array(0);
  /** Distinct tag codes of each tag set, in first-occurrence order. */
  readonly tagLists: number[][] = [[]];
  files: Int32Array = new Int32Array(0);
  /** Source line of the kept row (with `files`, which row a ticket-row rating must come from). */
  lines: Int32Array = new Int32Array(0);
  private duplicateReported: Uint8Array = new Uint8Array(0);
  private capacity = 0;
  private readonly tagSets = new Map<string, number>();
  private readonly singleTags: number[] = [];
  private readonly remaps = new Map<StringDictionary, number[]>();
  private lastDictionary: StringDictionary | null = null;
  private lastRemap: (code: number) => number = () => 0;
  private scratch: TicketBatch | null = null;
  /** Null when no roster renames agents or fills teams (codes are then copied as they are). */
  private readonly attribute: ((agent: string | null, team: string | null) => Attribution) | null;

  readonly strings: string[] = [NONE];
  private readonly stringIndex = new Map<string, number>([[NONE, 0]]);
  private readonly fileNames = new FileNames();

  /**
   * `businessMinutes: false` (a report that reads no business minutes, needsBusinessMinutes): the
   * first-response instants and the export's business-hour durations, read only for those, are
   * not kept (a million Zendesk tickets: 24 MB).
   */
  constructor(private readonly log: IssueLog, roster?: Roster, { businessMinutes = true }: { businessMinutes?: boolean } = {}) {
    this.attribute = roster === undefined ? null : makeAttributor(roster);
    this.businessMinutes = businessMinutes;
  }

  private readonly businessMinutes: boolean;

  intern(value: string | null): number {
    if (value === null) return 0;
    let code = this.stringIndex.get(value);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, code);
    }
    return code;
  }

  /** Add one ticket object (tests, `--compare`); the readers use `addRow`. */
  add(t: Ticket): void {
    const batch = this.scratch ??= new TicketBatch('', new StringDictionary(), 1);
    batch.clear();
    const k = batch.addTicket(t);
    this.addRow(batch, k, t.source.file);
  }

  /**
   * Add row k of a batch. The same ticket id twice keeps the row with the latest update or solved
   * time (ties: the later update time, then the later row), as the class comment says.
   */
  addRow(b: TicketBatch, k: number, file: string = b.file): void {
    const n = b.numbers;
    const idNumber = b.idNumbers[k];
    const line = b.lines[k];
    const updatedAt = n.updatedAt[k], solvedAt = n.solvedAt[k];
    // NaN (unknown) ranks below every time, as null did.
    const updated = updatedAt === updatedAt ? updatedAt : -Infinity;
    const rank = Math.max(updated, solvedAt === solvedAt ? solvedAt : -Infinity);
    let i = this.findId(b, k, idNumber);
    if (i !== undefined) {
      if (this.duplicateReported[i] === 0) {
        this.duplicateReported[i] = 1;
        const id = b.id(k);
        // Where the id was first seen (the row kept so far), so the two rows can be compared.
        const first = `${this.fileNames.names[this.files[i]]}:${this.lines[i]}`;
        this.log.report({
          code: 'DUPLICATE_TICKET', file, line, column: null, value: id,
          message: `ticket id "${id}" appears more than once (also at ${first}); the row with the latest update/solved time is kept (ties: the later update time, then the later row)`,
        });
      }
      if (rank < this.rank[i] || (rank === this.rank[i] && updated < this.updatedOf(i))) {
        this.log.markDuplicate(file);
        return;
      }
      this.log.markDuplicate(this.fileNames.names[this.files[i]]);
    } else {
      if (this.size === this.capacity) this.grow();
      i = this.size++;
      this.setId(b, k, idNumber, i);
      this.duplicateReported[i] = 0;
    }
    const createdAt = n.createdAt[k];
    // The durations, each checked (and reported) in this order.
    const frt = this.duration(createdAt, n.firstResponseAt[k], n.firstResponseMinutes[k], FIRST_RESPONSE, file, line);
    const resolution = this.duration(createdAt, solvedAt, n.resolutionMinutes[k], RESOLUTION, file, line);
    // Most exports state no business-hours durations: NaN stays NaN without the checks.
    const frtBusiness = n.firstResponseBusinessMinutes[k], resolutionBusiness = n.resolutionBusinessMinutes[k];
    const frtBusinessMinutes = frtBusiness === frtBusiness ? this.duration(createdAt, NaN, frtBusiness, FIRST_RESPONSE_BUSINESS, file, line) : NaN;
    const resolutionBusinessMinutes = resolutionBusiness === resolutionBusiness ? this.duration(createdAt, NaN, resolutionBusiness, RESOLUTION_BUSINESS, file, line) : NaN;
    this.setUpdated(i, updated, rank);
    this.write(b, k, i, rank, frt, resolution, frtBusinessMinutes, resolutionBusinessMinutes, this.remapFor(b.dictionary), this.fileNames.indexOf(file));
  }

  /**
   * Add rows [from, to) of a batch as `addRow` would one by one, for as long as they are plain:
   * a ticket id not seen before, durations that raise no issue, and texts and tags the table has
   * interned already (no roster). Returns the first row not added (`to` when all were): the caller
   * adds that one with `addRow`, which reports what it has to, and goes on. Nothing is reported
   * for the rows added, so issues keep their order around them.
   *
   * Why: writing a row's two dozen columns one row at a time touches two dozen places in memory
   * per row; here one pass checks the rows and writes the index, rank and durations, and the other
   * columns are copied column by column (most with one block copy). The parallel reader's replay
   * of a million rows took ~0.6 s row by row on the main thread (bench/README.md).
   */
  addRows(b: TicketBatch, from: number, to: number, file: string = b.file): number {
    if (this.attribute !== null || to <= from) return from;
    if (this.size + (to - from) > this.capacity) this.grow(this.size + (to - from));
    const codes = this.codesFor(b.dictionary);
    const n = b.numbers;
    const t = b.texts;
    const base = this.size - from;
    let k = from;
    for (; k < to; k++) {
      const idNumber = b.idNumbers[k];
      if (this.findId(b, k, idNumber) !== undefined) break;
      if (codes[t.agent[k]] === undefined || codes[t.team[k]] === undefined || codes[t.channel[k]] === undefined || codes[t.priority[k]] === undefined
        || codes[t.status[k]] === undefined || codes[t.category[k]] === undefined || codes[t.type[k]] === undefined) break;
      const tagTo = b.tagStart[k + 1];
      let tagsKnown = true;
      for (let j = b.tagStart[k]; j < tagTo && tagsKnown; j++) tagsKnown = codes[b.tagCodes[j]] !== undefined;
      if (!tagsKnown) break;
      // The durations as `duration` works them out; any it would report ends the run.
      const createdAt = n.createdAt[k];
      const solvedAt = n.solvedAt[k];
      const firstResponseAt = n.firstResponseAt[k];
      const frt = firstResponseAt === firstResponseAt ? (firstResponseAt - createdAt) / 60_000 : n.firstResponseMinutes[k];
      const resolution = solvedAt === solvedAt ? (solvedAt - createdAt) / 60_000 : n.resolutionMinutes[k];
      const frtBusiness = n.firstResponseBusinessMinutes[k];
      const resolutionBusiness = n.resolutionBusinessMinutes[k];
      if (frt < 0 || frt > LONG_DURATION_MINUTES || resolution < 0 || resolution > LONG_DURATION_MINUTES
        || frtBusiness < 0 || frtBusiness > LONG_DURATION_MINUTES || resolutionBusiness < 0 || resolutionBusiness > LONG_DURATION_MINUTES) break;
      const i = base + k;
      this.setId(b, k, idNumber, i);
      const updatedAt = n.updatedAt[k];
      const updated = updatedAt === updatedAt ? updatedAt : -Infinity;
      const rank = Math.max(updated, solvedAt === solvedAt ? solvedAt : -Infinity);
      this.rank[i] = rank;
      this.setUpdated(i, updated, rank);
      this.frtMinutes[i] = frt;
      this.resolutionMinutes[i] = resolution;
    }
    if (k === from) return from;
    const start = this.size;
    const end = start + (k - from);
    this.size = end;
    this.createdAt.set(n.createdAt.subarray(from, k), start);
    this.solvedAt.set(n.solvedAt.subarray(from, k), start);
    if (this.businessMinutes) {
      this.firstResponseAt.set(n.firstResponseAt.subarray(from, k), start);
      if (!this.businessExport && (anyNumber(n.firstResponseBusinessMinutes, k, from) || anyNumber(n.resolutionBusinessMinutes, k, from))) this.keepBusinessExport(start);
      if (this.businessExport) {
        this.frtBusinessMinutesExport.set(n.firstResponseBusinessMinutes.subarray(from, k), start);
        this.resolutionBusinessMinutesExport.set(n.resolutionBusinessMinutes.subarray(from, k), start);
      }
    }
    this.fcrFlag.set(b.flags.fcrFlag.subarray(from, k), start);
    this.slaFirstResponseMet.set(b.flags.slaFirstResponseMet.subarray(from, k), start);
    this.slaResolutionMet.set(b.flags.slaResolutionMet.subarray(from, k), start);
    this.lines.set(b.lines.subarray(from, k), start);
    this.files.fill(this.fileNames.indexOf(file), start, end);
    this.duplicateReported.fill(0, start, end);
    const known = (source: Float64Array, into: Float64Array): void => {
      for (let j = from; j < k; j++) into[base + j] = countOrUnknown(source[j]);
    };
    known(n.agentReplies, this.agentReplies);
    known(n.customerMessages, this.customerMessages);
    known(n.reopens, this.reopens);
    const remapColumn = (column: Int32Array, into: Int32Array): void => {
      for (let j = from; j < k; j++) into[base + j] = codes[column[j]];
    };
    remapColumn(t.agent, this.dims.agent);
    remapColumn(t.team, this.dims.team);
    remapColumn(t.channel, this.dims.channel);
    remapColumn(t.priority, this.dims.priority);
    remapColumn(t.status, this.dims.status);
    remapColumn(t.category, this.dims.category);
    remapColumn(t.type, this.dims.type);
    const remap = (code: number): number => codes[code];
    for (let j = from; j < k; j++) {
      const i = base + j;
      this.solved[i] = solvedFlag(b, j);
      this.unreplied[i] = unrepliedFlag(b, j);
      this.escalated[i] = escalatedFlag(b, j);
      const tagFrom = b.tagStart[j], tagTo = b.tagStart[j + 1];
      this.tagSet[i] = tagFrom === tagTo ? 0 : this.tagSetOf(b, tagFrom, tagTo, remap);
    }
    return k;
  }

  /** The table row of row k's ticket id (`idNumber`: b.idNumbers[k]), if it has one. */
  private findId(b: TicketBatch, k: number, idNumber: number): number | undefined {
    if (idNumber < 0) return this.index.get(b.ids[k]);
    return b.idPrefix === null ? this.index.getNumber(idNumber) : this.index.getPrefixed(b.idPrefix, idNumber);
  }

  /** Give row k's ticket id table row i. */
  private setId(b: TicketBatch, k: number, idNumber: number, i: number): void {
    if (idNumber < 0) this.index.set(b.ids[k], i);
    else if (b.idPrefix === null) this.index.setNumber(idNumber, i);
    else this.index.setPrefixed(b.idPrefix, idNumber, i);
  }

  /** The update time of the row kept in slot i (-Infinity unknown). */
  private updatedOf(i: number): number {
    const kind = this.updatedKind[i];
    return kind === 1 ? this.rank[i] : kind === 2 ? this.updatedEarlier.get(i)! : -Infinity;
  }

  private setUpdated(i: number, updated: number, rank: number): void {
    if (this.updatedKind[i] === 2) this.updatedEarlier.delete(i);
    if (updated === -Infinity) this.updatedKind[i] = 0;
    else if (updated === rank) this.updatedKind[i] = 1;
    else {
      this.updatedKind[i] = 2;
      this.updatedEarlier.set(i, updated);
    }
  }

  /** Write row k of a batch into slot i, with its rank and durations already worked out. */
  private write(
    b: TicketBatch, k: number, i: number, rank: number, frt: number, resolution: number, frtBusiness: number, resolutionBusiness: number,
    remap: (code: number) => number, fileIndex: number,
  ): void {
    const n = b.numbers;
    const t = b.texts;
    this.rank[i] = rank;
    this.createdAt[i] = n.createdAt[k];
    this.solvedAt[i] = n.solvedAt[k];
    this.solved[i] = solvedFlag(b, k);
    this.frtMinutes[i] = frt;
    this.unreplied[i] = unrepliedFlag(b, k);
    this.resolutionMinutes[i] = resolution;
    this.agentReplies[i] = countOrUnknown(n.agentReplies[k]);
    this.customerMessages[i] = countOrUnknown(n.customerMessages[k]);
    this.reopens[i] = countOrUnknown(n.reopens[k]);
    this.escalated[i] = escalatedFlag(b, k);
    this.fcrFlag[i] = b.flags.fcrFlag[k];
    if (this.businessMinutes) {
      this.firstResponseAt[i] = n.firstResponseAt[k];
      if (!this.businessExport && (frtBusiness === frtBusiness || resolutionBusiness === resolutionBusiness)) this.keepBusinessExport(this.size);
      if (this.businessExport) {
        this.frtBusinessMinutesExport[i] = frtBusiness;
        this.resolutionBusinessMinutesExport[i] = resolutionBusiness;
      }
    }
    this.slaFirstResponseMet[i] = b.flags.slaFirstResponseMet[k];
    this.slaResolutionMet[i] = b.flags.slaResolutionMet[k];
    // Interned in this order (the table's strings are numbered in order of first use).
    if (this.attribute === null) {
      this.dims.agent[i] = remap(t.agent[k]);
      this.dims.team[i] = remap(t.team[k]);
    } else {
      const who = this.attribute(b.text('agent', k), b.text('team', k));
      this.dims.agent[i] = this.intern(who.agent);
      this.dims.team[i] = this.intern(who.team);
    }
    this.dims.channel[i] = remap(t.channel[k]);
    this.dims.priority[i] = remap(t.priority[k]);
    this.dims.status[i] = remap(t.status[k]);
    this.dims.category[i] = remap(t.category[k]);
    this.dims.type[i] = remap(t.type[k]);
    const tagFrom = b.tagStart[k], tagTo = b.tagStart[k + 1];
    this.tagSet[i] = tagFrom === tagTo ? 0 : this.tagSetOf(b, tagFrom, tagTo, remap);
    this.files[i] = fileIndex;
    this.lines[i] = b.lines[k];
  }

  /** Table code of a batch dictionary's code, cached per dictionary (one array read per cell). */
  private remapFor(dictionary: StringDictionary): (code: number) => number {
    if (dictionary === this.lastDictionary) return this.lastRemap;
    const table = this.codesFor(dictionary);
    this.lastDictionary = dictionary;
    this.lastRemap = (code) => {
      let mapped = table[code];
      // Only strings a kept ticket uses are interned (not every string the dictionary met).
      if (mapped === undefined) mapped = table[code] = this.intern(dictionary.strings[code]);
      return mapped;
    };
    return this.lastRemap;
  }

  /** Table codes of a batch dictionary's codes met so far (a hole where a string is not interned yet). */
  private codesFor(dictionary: StringDictionary): number[] {
    let codes = this.remaps.get(dictionary);
    if (codes === undefined) this.remaps.set(dictionary, (codes = [0]));
    return codes;
  }

  /** The file ticket `i`'s kept row came from (its line is `lines[i]`). */
  fileOf(i: number): string {
    return this.fileNames.names[this.files[i]];
  }

  /** True when `source` is the row kept for ticket `i` (later rows with the same id can replace it). */
  isKeptRow(i: number, file: string, line: number): boolean {
    return this.lines[i] === line && this.fileNames.names[this.files[i]] === file;
  }

  /** A ticket's distinct tag codes (first-occurrence order), or null without tags. Shared: do not change it. */
  tagsOf(i: number): readonly number[] | null {
    const set = this.tagSet[i];
    return set === 0 ? null : this.tagLists[set];
  }

  /** The tag set of a ticket's tags (interned codes, distinct, first-occurrence order). */
  private tagSetOf(b: TicketBatch, from: number, to: number, remap: (code: number) => number): number {
    if (to - from === 1) {
      const code = remap(b.tagCodes[from]);
      let set = this.singleTags[code];
      if (set === undefined) set = this.singleTags[code] = this.tagLists.push([code]) - 1;
      return set;
    }
    const codes: number[] = [];
    for (let j = from; j < to; j++) {
      const code = remap(b.tagCodes[j]);
      if (!codes.includes(code)) codes.push(code);
    }
    const key = codes.join(',');
    let set = this.tagSets.get(key);
    if (set === undefined) {
      set = this.tagLists.push(codes) - 1;
      // Past 100,000 distinct sets each new one keeps its own entry (as many as tickets at worst).
      if (this.tagSets.size < 100_000) this.tagSets.set(key, set);
    }
    return set;
  }

  /**
   * Make room for `more` tickets beyond those held, in one step: the readers estimate a file's rows
   * from its size, so a million tickets are not copied through a dozen doublings of every column.
   */
  reserve(more: number): void {
    if (this.size + more > this.capacity) this.grow(this.size + Math.ceil(more));
    this.index.reserve(this.size + Math.ceil(more));
  }

  private grow(atLeast = 0): void {
    const capacity = Math.max(1024, this.capacity * 2, atLeast);
    const size = this.size;
    // Only the rows held are copied: a reserved tail was never written, and copying it wrote every
    // page of it (5M tickets: seconds of page faults, and the memory of the reservation at once).
    const copy = <T extends Float64Array | Int32Array | Int8Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, size));
      return b;
    };
    const f64 = (a: Float64Array): Float64Array => copy(a, (n) => new Float64Array(n));
    const i8 = (a: Int8Array): Int8Array => copy(a, (n) => new Int8Array(n));
    const i32 = (a: Int32Array): Int32Array => copy(a, (n) => new Int32Array(n));
    const u8 = (a: Uint8Array): Uint8Array => copy(a, (n) => new Uint8Array(n));
    this.createdAt = f64(this.createdAt);
    this.solvedAt = f64(this.solvedAt);
    this.rank = f64(this.rank);
    this.updatedKind = u8(this.updatedKind);
    this.frtMinutes = f64(this.frtMinutes);
    this.resolutionMinutes = f64(this.resolutionMinutes);
    this.agentReplies = f64(this.agentReplies);
    this.customerMessages = f64(this.customerMessages);
    this.reopens = f64(this.reopens);
    this.escalated = i8(this.escalated);
    this.solved = u8(this.solved);
    this.unreplied = i8(this.unreplied);
    this.tagSet = i32(this.tagSet);
    this.fcrFlag = i8(this.fcrFlag);
    if (this.businessMinutes) this.firstResponseAt = f64(this.firstResponseAt);
    if (this.businessExport) {
      this.frtBusinessMinutesExport = f64(this.frtBusinessMinutesExport);
      this.resolutionBusinessMinutesExport = f64(this.resolutionBusinessMinutesExport);
    }
    this.slaFirstResponseMet = i8(this.slaFirstResponseMet);
    this.slaResolutionMet = i8(this.slaResolutionMet);
    for (const key of Object.keys(this.dims) as (keyof TicketTable['dims'])[]) this.dims[key] = i32(this.dims[key]);
    this.files = i32(this.files);
    this.lines = i32(this.lines);
    this.duplicateReported = u8(this.duplicateReported);
    this.capacity = capacity;
  }

  /**
   * The first business-hours duration an export states: from here on both columns are kept, and
   * the `filled` slots before it (rows that stated none) read NaN.
   */
  private keepBusinessExport(filled: number): void {
    this.businessExport = true;
    this.frtBusinessMinutesExport = new Float64Array(this.capacity).fill(NaN, 0, filled);
    this.resolutionBusinessMinutesExport = new Float64Array(this.capacity).fill(NaN, 0, filled);
  }

  /** Cut every column to `size` (views, no copy); called once all tickets are in. */
  trim(): void {
    const n = this.size;
    this.createdAt = this.createdAt.subarray(0, n);
    this.solvedAt = this.solvedAt.subarray(0, n);
    this.rank = this.rank.subarray(0, n);
    this.updatedKind = this.updatedKind.subarray(0, n);
    this.frtMinutes = this.frtMinutes.subarray(0, n);
    this.resolutionMinutes = this.resolutionMinutes.subarray(0, n);
    this.agentReplies = this.agentReplies.subarray(0, n);
    this.customerMessages = this.customerMessages.subarray(0, n);
    this.reopens = this.reopens.subarray(0, n);
    this.escalated = this.escalated.subarray(0, n);
    this.solved = this.solved.subarray(0, n);
    this.unreplied = this.unreplied.subarray(0, n);
    this.tagSet = this.tagSet.subarray(0, n);
    this.fcrFlag = this.fcrFlag.subarray(0, n);
    this.firstResponseAt = this.firstResponseAt.subarray(0, n);
    if (this.businessExport) {
      this.frtBusinessMinutesExport = this.frtBusinessMinutesExport.subarray(0, n);
      this.resolutionBusinessMinutesExport = this.resolutionBusinessMinutesExport.subarray(0, n);
    }
    this.slaFirstResponseMet = this.slaFirstResponseMet.subarray(0, n);
    this.slaResolutionMet = this.slaResolutionMet.subarray(0, n);
    for (const key of Object.keys(this.dims) as (keyof TicketTable['dims'])[]) this.dims[key] = this.dims[key].subarray(0, n);
    this.files = this.files.subarray(0, n);
    this.lines = this.lines.subarray(0, n);
    this.capacity = n;
  }

  /**
   * Minutes from creation to `end` (NaN: the export's own duration `minutes`); NaN when unknown or
   * negative. An issue names the field the duration came from: the end time (the value it held), or
   * the export's duration (its minutes).
   */
  private duration(createdAt: number, end: number, minutes: number, of: DurationSource, file: string, line: number): number {
    const fromTimes = end === end;
    const value = fromTimes ? (end - createdAt) / 60_000 : minutes;
    if (!(value < 0 || value > LONG_DURATION_MINUTES)) return value;
    const what = of.what;
    const field = fromTimes ? of.timeField! : of.minutesField;
    // The file's header for the field, as other issues name it (the generic name when no reader said).
    const column = this.log.columnOf(file, field);
    const cell = fromTimes ? new Date(end).toISOString() : String(minutes);
    if (value < 0) {
      this.log.report({
        code: 'NEGATIVE_DURATION', file, line, column, value: cell,
        message: `${what} is ${Math.abs(value).toFixed(1)} minutes before the ticket was created; the duration is dropped, the ticket still counts elsewhere`,
      });
      return NaN;
    }
    if (value > LONG_DURATION_MINUTES) {
      // Past a century the value cannot be real (dates before 1970 are refused), and sums of such
      // values could overflow to Infinity: drop it. A year or more can be real (a backlog clean-up)
      // but moves means and p90s a lot: keep it, and say so.
      const years = value / 525_960;
      const drop = years > 100;
      this.log.report({
        code: drop ? 'OUT_OF_RANGE' : 'LONG_DURATION', file, line, column, value: cell,
        message: `${what} is ${drop ? 'more than 100' : years.toFixed(1)} years after the ticket was created; ${drop ? 'the duration is dropped, the ticket still counts elsewhere' : 'the duration is kept (check the dates for a wrong year)'}`,
      });
      if (drop) return NaN;
    }
    return value;
  }
}

/** A duration's name in messages, and the canonical fields it comes from (an end time, or the export's minutes). */
interface DurationSource {
  what: string;
  timeField: string | null;
  minutesField: string;
}
const FIRST_RESPONSE: DurationSource = { what: 'first response', timeField: 'firstResponseAt', minutesField: 'firstResponseMinutes' };
const RESOLUTION: DurationSource = { what: 'solved', timeField: 'solvedAt', minutesField: 'resolutionMinutes' };
const FIRST_RESPONSE_BUSINESS: DurationSource = { what: 'first response (business hours)', timeField: null, minutesField: 'firstResponseBusinessMinutes' };
const RESOLUTION_BUSINESS: DurationSource = { what: 'resolution (business hours)', timeField: null, minutesField: 'resolutionBusinessMinutes' };

// What row k of a batch says for the table's derived columns (addRow and addRows alike).

/** 1 when solved or closed, or a solved time is known, or the export marks it solved, else 0. */
function solvedFlag(b: TicketBatch, k: number): number {
  const status = b.dictionary.strings[b.texts.status[k]];
  const solvedAt = b.numbers.solvedAt[k];
  return status === 'solved' || status === 'closed' || solvedAt === solvedAt || b.flags.markedSolved[k] === 1 ? 1 : 0;
}

/**
 * 1 when no agent response is known at all (no time, duration, unreadable first-response cell or
 * reply), else 0; -1 when the row's export has none of those fields, so it cannot say.
 */
function unrepliedFlag(b: TicketBatch, k: number): number {
  if (!b.statesResponses) return -1;
  const n = b.numbers;
  // (`x === x`: not NaN. No closure for it: this runs for every row, first in code not yet compiled.)
  const at = n.firstResponseAt[k], minutes = n.firstResponseMinutes[k], business = n.firstResponseBusinessMinutes[k];
  return at === at || minutes === minutes || business === business || b.firstResponseInvalid[k] === 1 || n.agentReplies[k] > 0 ? 0 : 1;
}

/** The export's escalation flag; else escalated when the ticket passed through more than one group; -1 unknown. */
function escalatedFlag(b: TicketBatch, k: number): number {
  const escalated = b.flags.escalated[k];
  const groupStations = b.numbers.groupStations[k];
  return escalated >= 0 ? escalated : groupStations === groupStations ? Number(groupStations > 1) : -1;
}

/** A count, or -1 when unknown (NaN). */
function countOrUnknown(v: number): number {
  return v === v ? v : -1;
}

/** Durations longer than a year (365.25 days, in minutes) are reported as LONG_DURATION. */
export const LONG_DURATION_MINUTES = 525_960;
