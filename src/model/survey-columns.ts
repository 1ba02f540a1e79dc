import { StringDictionary } from './ticket-batch.js';
import { FileNames } from './file-names.js';
import { canonicalNumber } from './ticket-id.js';
import type { CsatAnswer, SurveyResponse } from './types.js';

type CesAnswer = NonNullable<SurveyResponse['ces']>;

export interface SurveyColumnsParts {
  size: number;
  ticketNumbers: Float64Array;
  ticketTexts: (string | undefined)[];
  respondedAt: Float64Array;
  agents: Int32Array;
  teams: Int32Array;
  csat: Int32Array;
  answers: CsatAnswer[];
  csatOffered: Int8Array;
  nps: Float64Array;
  ces: Int32Array;
  cesAnswers: CesAnswer[];
  employee: Uint8Array;
  files: Int32Array;
  fileNames: string[];
  lines: Int32Array;
  withTicket: Uint8Array;
}

/**
 * Survey responses column by column: what the report keeps of each response (no object per
 * response: half a million kept objects were most of the report's garbage-collection time), and
 * how a worker thread sends the responses of a block (copying response objects between threads
 * one by one cost more than reading their rows). Texts are codes into `dictionary`; answers, of
 * which a file has a few distinct ones, are kept once each.
 */
export class SurveyColumns {
  size = 0;
  /**
   * The ticket id: a canonical whole number (`String(n)` is the id; most helpdesks' ids) as that
   * number, NO_TICKET without an id, TEXT_TICKET for any other id, kept in `ticketTexts`. A
   * million responses then keep no string each (they were most of the survey side's memory).
   */
  ticketNumbers = new Float64Array(0);
  /**
   * The text ids by response (a hole for the rest). An array, not a Map: a Map of 300,000 UUIDs
   * by response cost ~0.4 s of the main thread (bench/README.md).
   */
  ticketTexts: (string | undefined)[] = [];
  /**
   * NaN: no time. From SHARED_TIMES responses on, in shared memory: the sort helper thread reads
   * the times when it picks the latest answers (answer-uses.ts), and a copy of a million of them
   * was 8 MB more at the report's peak.
   */
  respondedAt: Float64Array = new Float64Array(0);
  agents = new Int32Array(0);
  teams = new Int32Array(0);
  /** Index into `answers`, -1 none. */
  csat = new Int32Array(0);
  answers: CsatAnswer[] = [];
  /** 1 true, 0 false, -1 not known. */
  csatOffered = new Int8Array(0);
  /** NaN: no answer. */
  nps = new Float64Array(0);
  /** Index into `cesAnswers`, -1 none. */
  ces = new Int32Array(0);
  cesAnswers: CesAnswer[] = [];
  /** 1 for an employee survey (its NPS is eNPS). */
  employee = new Uint8Array(0);
  /** Index into `fileNames`, and the line, of the row the response came from. */
  files = new Int32Array(0);
  fileNames: string[] = [];
  lines = new Int32Array(0);
  /** 1 when read from a row that also gave a ticket (`SurveyResponse.withTicket`). */
  withTicket = new Uint8Array(0);
  private capacity = 0;
  // Answers are shared objects (csat.ts, cesAnswer): one entry per distinct object.
  private readonly answerIndex = new Map<CsatAnswer, number>();
  private readonly cesIndex = new Map<CesAnswer, number>();
  /** Numbers `fileNames` (made again over the parts' names in `fromParts`). */
  private fileNumbers = new FileNames(this.fileNames);
  /** Codes of other dictionaries' strings in this one (`addFrom`), by dictionary. */
  private readonly remaps = new Map<StringDictionary, number[]>();

  constructor(readonly dictionary: StringDictionary = new StringDictionary()) {}

  add(s: SurveyResponse): void {
    this.addValues(s.ticketId, s.respondedAt, s.agent, s.team, s.csat, s.csatOffered, s.nps, s.ces, s.kind === 'employee', s.source.file, s.source.line, s.withTicket === true);
  }

  /**
   * What `add` adds for a response of these fields, without the object (the survey lane's way in,
   * survey-lane.ts). `ticket` may be the number of a canonical whole-number id: the same as its
   * text.
   */
  addValues(
    ticket: string | number | null, respondedAt: number | null, agent: string | null, team: string | null, csat: CsatAnswer | null,
    csatOffered: boolean | null, nps: number | null, ces: CesAnswer | null, employee: boolean, file: string, line: number, withTicket: boolean,
  ): void {
    const i = this.size;
    if (i === this.capacity) this.grow(Math.max(64, 2 * this.capacity));
    this.size = i + 1;
    const n = ticket === null ? NO_TICKET : typeof ticket === 'number' ? ticket : canonicalNumber(ticket);
    if (typeof ticket === 'string' && n < 0) {
      this.ticketTexts[i] = ticket;
      this.ticketNumbers[i] = TEXT_TICKET;
    } else {
      this.ticketNumbers[i] = n;
    }
    this.respondedAt[i] = respondedAt ?? NaN;
    this.agents[i] = this.dictionary.code(agent);
    this.teams[i] = this.dictionary.code(team);
    this.csat[i] = intern(this.answerIndex, this.answers, csat);
    this.csatOffered[i] = csatOffered === null ? -1 : csatOffered ? 1 : 0;
    this.nps[i] = nps ?? NaN;
    this.ces[i] = intern(this.cesIndex, this.cesAnswers, ces);
    this.employee[i] = employee ? 1 : 0;
    this.files[i] = this.fileNumbers.indexOf(file);
    this.lines[i] = line;
    this.withTicket[i] = withTicket ? 1 : 0;
  }

  /**
   * Add response i of other columns (a worker's block), its line moved by `shift`: what
   * `add(other.get(i, shift))` adds, without the object in between. Why: a Zendesk export's rating
   * column gives a response per ticket row, and making each into an object on the main thread to
   * take it apart again was ~0.25 s a million (bench/README.md).
   */
  addFrom(other: SurveyColumns, i: number, shift: number): void {
    const j = this.size;
    if (j === this.capacity) this.grow(Math.max(64, 2 * this.capacity));
    this.size = j + 1;
    const n = other.ticketNumbers[i];
    // A text id stays text (it is not a canonical whole number, or it would be a number).
    if (n === TEXT_TICKET) this.ticketTexts[j] = other.ticketTexts[i]!;
    this.ticketNumbers[j] = n;
    this.respondedAt[j] = other.respondedAt[i];
    // Texts in the order `add` interns them: the agent, then the team.
    const codes = this.codesFor(other.dictionary);
    this.agents[j] = codes[other.agents[i]] ?? (codes[other.agents[i]] = this.dictionary.code(other.text(other.agents[i])));
    this.teams[j] = codes[other.teams[i]] ?? (codes[other.teams[i]] = this.dictionary.code(other.text(other.teams[i])));
    this.csat[j] = intern(this.answerIndex, this.answers, other.csatAnswer(i));
    this.csatOffered[j] = other.csatOffered[i];
    this.nps[j] = other.nps[i];
    this.ces[j] = intern(this.cesIndex, this.cesAnswers, other.cesAnswer(i));
    this.employee[j] = other.employee[i];
    this.files[j] = this.fileNumbers.indexOf(other.file(i));
    this.lines[j] = other.lines[i] + shift;
    this.withTicket[j] = other.withTicket[i];
  }

  /** This dictionary's codes of another dictionary's codes met so far (a hole where not interned yet). */
  private codesFor(dictionary: StringDictionary): number[] {
    let codes = this.remaps.get(dictionary);
    if (codes === undefined) this.remaps.set(dictionary, (codes = [0]));
    return codes;
  }

  /** Whether response i names a ticket. */
  hasTicket(i: number): boolean {
    return this.ticketNumbers[i] !== NO_TICKET;
  }

  /** Response i's ticket id as text, or null. */
  ticketId(i: number): string | null {
    const n = this.ticketNumbers[i];
    return n >= 0 ? String(n) : n === NO_TICKET ? null : this.ticketTexts[i]!;
  }

  /** Make room for `more` responses beyond those held, in one step (a reader's estimate from the file size). */
  reserve(more: number): void {
    if (this.size + more > this.capacity) this.grow(this.size + Math.ceil(more));
  }

  csatAnswer(i: number): CsatAnswer | null {
    const at = this.csat[i];
    return at < 0 ? null : this.answers[at];
  }

  cesAnswer(i: number): CesAnswer | null {
    const at = this.ces[i];
    return at < 0 ? null : this.cesAnswers[at];
  }

  text(code: number): string | null {
    return this.dictionary.strings[code];
  }

  file(i: number): string {
    return this.fileNames[this.files[i]];
  }

  /** Response i as the object it was read as, its line moved by `shift`. */
  get(i: number, shift = 0): SurveyResponse {
    const respondedAt = this.respondedAt[i];
    const nps = this.nps[i];
    const offered = this.csatOffered[i];
    const survey: SurveyResponse = {
      ticketId: this.ticketId(i),
      respondedAt: respondedAt === respondedAt ? respondedAt : null,
      agent: this.text(this.agents[i]),
      team: this.text(this.teams[i]),
      csat: this.csatAnswer(i),
      csatOffered: offered < 0 ? null : offered === 1,
      nps: nps === nps ? nps : null,
      ces: this.cesAnswer(i),
      kind: this.employee[i] === 1 ? 'employee' : 'customer',
      source: { file: this.file(i), line: this.lines[i] + shift },
    };
    if (this.withTicket[i] === 1) survey.withTicket = true;
    return survey;
  }

  /** The columns as plain and typed arrays, for `postMessage` (transfer `buffers()`). */
  toParts(): SurveyColumnsParts {
    const { size, ticketNumbers, ticketTexts, respondedAt, agents, teams, csat, answers, csatOffered, nps, ces, cesAnswers, employee, files, fileNames, lines, withTicket } = this;
    return { size, ticketNumbers, ticketTexts, respondedAt, agents, teams, csat, answers, csatOffered, nps, ces, cesAnswers, employee, files, fileNames, lines, withTicket };
  }

  /** Columns over parts received from another thread, reading texts through `dictionary` (its mirror). */
  static fromParts(parts: SurveyColumnsParts, dictionary: StringDictionary): SurveyColumns {
    const columns = new SurveyColumns(dictionary);
    Object.assign(columns, parts);
    columns.fileNumbers = new FileNames(columns.fileNames);
    columns.capacity = parts.lines.length;
    return columns;
  }

  buffers(): ArrayBuffer[] {
    // Shared memory is not transferred: the receiver shares it.
    return [this.ticketNumbers, this.respondedAt, this.agents, this.teams, this.csat, this.csatOffered, this.nps, this.ces, this.employee, this.files, this.lines, this.withTicket]
      .map((a) => a.buffer).filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer));
  }

  private grow(capacity: number): void {
    // Only the responses held are copied (a reserved tail was never written).
    const size = this.size;
    const copy = <T extends Float64Array | Int32Array | Int8Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, size));
      return b;
    };
    this.ticketNumbers = copy(this.ticketNumbers, (n) => new Float64Array(n));
    this.respondedAt = copy(this.respondedAt, (n) => new Float64Array(n >= SHARED_TIMES ? new SharedArrayBuffer(8 * n) : new ArrayBuffer(8 * n)));
    this.agents = copy(this.agents, (n) => new Int32Array(n));
    this.teams = copy(this.teams, (n) => new Int32Array(n));
    this.csat = copy(this.csat, (n) => new Int32Array(n));
    this.csatOffered = copy(this.csatOffered, (n) => new Int8Array(n));
    this.nps = copy(this.nps, (n) => new Float64Array(n));
    this.ces = copy(this.ces, (n) => new Int32Array(n));
    this.employee = copy(this.employee, (n) => new Uint8Array(n));
    this.files = copy(this.files, (n) => new Int32Array(n));
    this.lines = copy(this.lines, (n) => new Int32Array(n));
    this.withTicket = copy(this.withTicket, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}

/** Responses from which `respondedAt` is kept in shared memory (fewer never reach the sort helper). */
const SHARED_TIMES = 1 << 16;

/** `SurveyColumns.ticketNumbers`: no ticket id; a text id (in `ticketTexts`). */
const NO_TICKET = -1;
const TEXT_TICKET = -2;

/** An answer's entry in `list` (added on first use; answers are shared objects, kept once each), or -1 for none. */
function intern<T>(index: Map<T, number>, list: T[], answer: T | null): number {
  if (answer === null) return -1;
  let at = index.get(answer);
  if (at === undefined) index.set(answer, (at = list.push(answer) - 1));
  return at;
}
