import { UsageError } from '../errors.js';
import { envNumber } from '../env-number.js';
import type { IssueLog } from '../model/issue-log.js';
import type { KpiValue, Report, ReportRow } from '../model/report.js';
import type { CsatAnswer, SurveyResponse, Ticket } from '../model/types.js';
import { SurveyColumns } from '../model/survey-columns.js';
import { anyAtLeast, type TicketBatch } from '../model/ticket-batch.js';
import { formatDay, localDay, nextPeriodStart, periodLabel, periodStart, type DayWindow, type PeriodUnit } from '../time/period.js';
import type { Zone } from '../time/zone.js';
import {
  GroupAccumulator, packSurveyFacts, packTicketFacts, SURVEY_ROW_BYTES, TICKET_ROW_BYTES, unpackSurveyFacts, unpackTicketFacts, type SurveyFacts, type TicketFacts,
} from './accumulator.js';
import { CellQueue } from './cell-queue.js';
import type { ReportExtras } from '../model/extras.js';
import { ExtrasCollector } from './report-extras.js';
import { computeTicketClock, needsBusinessMinutes } from './ticket-clock.js';
import { SortHelper } from './parallel-sort.js';
import { COMPETES, DROPPED, HAS_CES, HAS_CSAT, HAS_NPS, OFFERED, OrphanWinners, SUPERSEDED, USE_CES, USE_CSAT, USE_NPS, ticketAnswerUses, type AnswersInput } from './answer-uses.js';
import type { BusinessHoursSpec } from '../time/business-calendar.js';
import type { Hours, SlaSpec } from '../time/sla.js';
import { KPIS, methodText, type FcrMethod, type KpiDefinition, type MethodContext } from './catalog.js';
import { GROUP_FIELDS, NONE, TicketTable, makeAttributor, type GroupField, type Roster } from './ticket-table.js';
import { TicketIndex } from './ticket-index.js';
import type { WhereFilter } from './where.js';
import { valueStatistics } from '../stats/intervals.js';
import { SEVEN_LABEL_SCALES } from '../ingest/csat.js';
import type { KpiBasis } from './catalog.js';
import { compareCodePoints } from '../compare-text.js';

export interface ReportOptions {
  zone: Zone;
  groupBy: GroupField[];
  period: PeriodUnit;
  window: DayWindow;
  dateBasis: 'created' | 'solved';
  where: WhereFilter[];
  kpis: KpiDefinition[];
  /** CSAT scale in points, overriding detection from the values. */
  csatScale?: number;
  /** CES scale in points (5 or 7), overriding detection from the values. */
  cesScale?: number;
  /** Config `ces.effort`: answers are on a legacy effort scale (1 = least effort) and are inverted. */
  cesEffort?: boolean;
  minSample: number;
  /** Per-KPI minimum samples (config `minSample: { "csat_pct": 30 }`), overriding `minSample`. */
  minSampleByKpi?: Record<string, number>;
  roster?: Roster;
  generatedAt: string;
  version: string;
  /** Also collect `extras()` (histograms, top reasons) for visual formats; the report itself is unchanged. */
  extras?: boolean;
  /** `--hours`: FRT and resolution in calendar (default) or business minutes. */
  hours?: Hours;
  businessHours?: BusinessHoursSpec;
  sla?: SlaSpec;
  /** `--sla`: use the export's stated SLA outcomes where given (default) or recompute from targets. */
  slaMode?: 'export' | 'recompute';
  /** The clock (epoch ms) unfinished SLA targets are judged at; default `generatedAt`. */
  now?: number;
}

/**
 * Builds a report from tickets and survey responses fed one at a time (the ingest streams into
 * `addTicket`/`addSurvey`), then `finish()` joins, buckets, groups and computes every KPI.
 * Pure: no I/O; the issue log collects data problems.
 */
export class ReportBuilder {
  private readonly table: TicketTable;
  /** The responses, column by column (no object kept per response). */
  private readonly surveys = new SurveyColumns();
  private readonly extrasCollector: ExtrasCollector | null;
  /** What each row's KPI values were computed from (samples, counts), for comparisons; not serialised. */
  readonly bases = new WeakMap<ReportRow, Record<string, KpiBasis>>();

  constructor(private readonly options: ReportOptions, private readonly log: IssueLog) {
    this.table = new TicketTable(log, options.roster, { businessMinutes: needsBusinessMinutes(options) });
    this.extrasCollector = options.extras ? new ExtrasCollector() : null;
  }

  /** Whether this report looks at ticket tags at all (grouping, a filter, the extras); readers may skip them otherwise. */
  get usesTags(): boolean {
    const o = this.options;
    return o.groupBy.includes('tag') || o.where.some((w) => w.field === 'tag') || o.extras === true;
  }

  addTicket = (ticket: Ticket): void => this.table.add(ticket);
  /** Room for about `rows` more tickets (a reader's estimate from the file size). */
  reserveTickets = (rows: number): void => this.table.reserve(rows);
  /** Room for about `rows` more survey responses. */
  reserveSurveys = (rows: number): void => this.surveys.reserve(rows);
  /** Row k of a batch (the readers' way in: no object per ticket). */
  addTicketRow = (batch: TicketBatch, k: number): void => this.table.addRow(batch, k);
  /** Rows [from, to) of a batch while they are plain (`TicketTable.addRows`); returns the first row not added. */
  addTicketRows = (batch: TicketBatch, from: number, to: number): number => this.table.addRows(batch, from, to);
  addSurvey = (survey: SurveyResponse): void => {
    this.surveys.add(survey);
  };
  /** The columns `addSurvey` adds to (the survey lane adds to them itself). */
  surveyColumns = (): SurveyColumns => this.surveys;
  /** Response i of a worker's columns (the parallel reader's way in: no object per response). */
  addSurveyFrom = (columns: SurveyColumns, i: number, shift: number): void => this.surveys.addFrom(columns, i, shift);

  finish(): Report {
    // Durations are sorted on a helper thread while the surveys are joined (parallel-sort.ts).
    const sorter = SortHelper.start(this.table.size);
    try {
      return this.finishWith(sorter);
    } finally {
      sorter?.close();
    }
  }

  private finishWith(sorter: SortHelper | null): Report {
    const o = this.options;
    const table = this.table;
    table.trim();
    const clock = computeTicketClock(table, {
      hours: o.hours ?? 'calendar', businessHours: o.businessHours, sla: o.sla, slaMode: o.slaMode ?? 'export', now: o.now ?? Date.parse(o.generatedAt),
    });
    const ctx: MethodContext = { ...this.methodContext(), ...clock.notes };
    const attribute = makeAttributor(o.roster);

    const cells = new Map<string, GroupAccumulator>();
    const groups = new Map<string, Record<string, string>>();
    const periods = new Set<number>();
    // The accumulators by number (a cell's number is its place here).
    const accs: GroupAccumulator[] = [];
    // Cell numbers per period start and group key, cached so a million rows do not build a
    // million id strings; `cells` (what assemble reads) gets each accumulator when it is created.
    const cellsByStart = new Map<number, Map<string, number>>();
    let lastStart = NaN;
    let lastCells = new Map<string, number>();
    const cell = (start: number, key: string): number => {
      if (start !== lastStart) {
        let byKey = cellsByStart.get(start);
        if (byKey === undefined) cellsByStart.set(start, (byKey = new Map()));
        lastStart = start;
        lastCells = byKey;
      }
      let id = lastCells.get(key);
      if (id === undefined) {
        const acc = new GroupAccumulator();
        id = accs.push(acc) - 1;
        lastCells.set(key, id);
        cells.set(`${start}\u0000${key}`, acc);
      }
      return id;
    };
    const keysFor = (values: (field: GroupField) => string[]): string[] => {
      if (o.groupBy.length === 0) return [];
      let keys: { key: string; group: Record<string, string> }[] = [{ key: '', group: {} }];
      for (const field of o.groupBy) {
        const next: typeof keys = [];
        for (const k of keys) for (const v of values(field)) next.push({ key: `${k.key}\u0001${keyPart(v)}`, group: { ...k.group, [field]: v } });
        keys = next;
      }
      return keys.map((k) => {
        if (!groups.has(k.key)) groups.set(k.key, k.group);
        return k.key;
      });
    };
    const bucket = (instant: number): number | null => {
      if (Number.isNaN(instant)) return o.period === 'all' && o.window.from === null && o.window.to === null ? 0 : null;
      const day = localDay(instant, o.zone);
      if ((o.window.from !== null && day < o.window.from) || (o.window.to !== null && day > o.window.to)) return null;
      const start = periodStart(o.period, day);
      periods.add(start);
      return start;
    };

    const ticketValue = (i: number, field: GroupField): string[] => {
      if (field === 'tag') {
        const tags = table.tagsOf(i);
        return tags === null ? [NONE] : tags.map((code) => table.strings[code]);
      }
      return [table.strings[table.dims[field][i]]];
    };

    // A ticket's group keys depend only on its dimension codes (without tags), so they are
    // built once per combination of codes.
    const keyCache = new Map<number, string[]>();
    const radix = table.strings.length;
    const cacheable = !o.groupBy.includes('tag') && Math.pow(radix, o.groupBy.length) < Number.MAX_SAFE_INTEGER;
    const comboDims = cacheable ? o.groupBy.map((field) => table.dims[field as Exclude<GroupField, 'tag'>]) : [];
    const comboOf = comboDims.length === 1 ? (i: number): number => comboDims[0][i] : (i: number): number => {
      let combo = 0;
      for (let f = 0; f < comboDims.length; f++) combo = combo * radix + comboDims[f][i];
      return combo;
    };
    const ticketKeys = (i: number): string[] => {
      if (!cacheable) return keysFor((field) => ticketValue(i, field));
      const combo = comboOf(i);
      let keys = keyCache.get(combo);
      if (keys === undefined) keyCache.set(combo, (keys = keysFor((field) => ticketValue(i, field))));
      return keys;
    };
    // The cells a ticket adds to (its period's overall cell, then one per group key), cached per
    // period start and combination of codes: most tickets then cost one lookup by number.
    // Per period start, the lists by combination: an array indexed by it while combinations are
    // few enough (one field: the string code), else a Map.
    const dense = cacheable && Math.pow(radix, o.groupBy.length) <= 1 << 16;
    const cellLists = new Map<number, Map<number, number[]> | (number[] | undefined)[]>();
    let listStart = NaN;
    let lists: Map<number, number[]> | (number[] | undefined)[] = [];
    const ticketCells = (start: number, i: number): number[] => {
      if (!cacheable) return [cell(start, ''), ...ticketKeys(i).map((key) => cell(start, key))];
      if (start !== listStart) {
        let byCombo = cellLists.get(start);
        if (byCombo === undefined) cellLists.set(start, (byCombo = dense ? [] : new Map()));
        listStart = start;
        lists = byCombo;
      }
      const combo = comboOf(i);
      let list = Array.isArray(lists) ? lists[combo] : lists.get(combo);
      if (list === undefined) {
        list = [cell(start, ''), ...ticketKeys(i).map((key) => cell(start, key))];
        if (Array.isArray(lists)) lists[combo] = list;
        else lists.set(combo, list);
      }
      return list;
    };
    const unbounded = o.period === 'all' && o.window.from === null && o.window.to === null;

    // Without periods, a window or a filter every ticket goes to the one overall cell: its
    // durations get their room at once (doubling up to a million values left the last copy's
    // 4 MB beside the new 8 MB per KPI at the report's peak; pages never written take no memory).
    if (unbounded && o.where.length === 0) {
      const all = accs[cell(0, '')];
      all.frt.reserve(table.size);
      all.resolution.reserve(table.size);
    }

    // Which answers each survey response supplies: each response's ticket row is looked up once
    // (-1: no such ticket), and the rest is left to the helper thread while this one adds up the
    // tickets (answer-uses.ts).
    const sv = this.surveys;
    const { input: answerInput, inScale } = this.answersInput(sorter !== null, ctx);
    sorter?.startAnswerUses(answerInput);

    // Tickets
    const basis = o.dateBasis === 'created' ? table.createdAt : table.solvedAt;
    const solvedBasis = o.dateBasis === 'solved';
    // One facts object refilled per ticket (the accumulators read it and keep nothing of it).
    const facts: TicketFacts = {
      solved: false, unreplied: -1, frtMinutes: NaN, resolutionMinutes: NaN, agentReplies: -1, reopens: -1, escalated: -1, fcr: -1,
      slaFirstResponse: -1, slaResolution: -1,
    };
    // Past MANY_CELLS accumulators, the additions to the group cells are queued and made cell by
    // cell after the loop (CellQueue); its period's overall cell, one of few, takes each directly.
    let queue: CellQueue | null = null;
    // When every ticket is in exactly one group (no tags, which give a ticket a group per tag), a
    // period's overall cell takes only its sums here (durations, replies), in the tickets' order,
    // and its counts and duration values from its groups after the loop (the same numbers: ticket
    // counts are small integers, and the values are sorted before use). Adding each ticket to both
    // took ~0.1 s more at a million tickets (bench/README.md, item 29).
    const partition = o.groupBy.length > 0 && !o.groupBy.includes('tag');
    for (let i = 0; i < table.size; i++) {
      if (o.where.length > 0 && !o.where.every((w) => w.matches((field) => ticketValue(i, field), table.escalated[i], table.solved[i] === 1))) continue;
      // Without periods or a window every ticket lands in the one bucket (start 0).
      // On the solved basis a report is about tickets solved in the window, so open ones never count
      // (whether or not a period or window is set).
      if (solvedBasis && table.solved[i] === 0) continue;
      const start = unbounded ? 0 : bucket(basis[i]);
      if (start === null) {
        // Created times are always known; a solved one can be missing on a ticket marked solved.
        if (Number.isNaN(basis[i])) {
          this.log.report({
            code: 'NO_DATE', file: table.fileOf(i), line: table.lines[i], column: this.log.columnOf(table.fileOf(i), 'solvedAt', 'markedSolved'), value: null,
            message: 'the ticket is marked solved but has no solved time, so on the solved date basis it cannot be placed in a window or period; it is left out',
          });
        }
        continue;
      }
      facts.solved = table.solved[i] === 1;
      facts.unreplied = table.unreplied[i];
      facts.frtMinutes = clock.frtMinutes[i];
      // Resolution is created → solved: a ticket whose status says it is not solved (reopened,
      // open, pending …) has none, even when its export states a resolution time from an earlier
      // solve (Zendesk's `Full resolution time in minutes`). Without a status, a stated time counts.
      facts.resolutionMinutes = facts.solved || table.dims.status[i] === 0 ? clock.resolutionMinutes[i] : NaN;
      facts.agentReplies = table.agentReplies[i];
      facts.reopens = table.reopens[i];
      facts.escalated = table.escalated[i];
      facts.fcr = table.solved[i] === 1 ? fcrOf(ctx.fcrMethod, table, i) : -1;
      facts.slaFirstResponse = clock.slaFirstResponse[i];
      facts.slaResolution = clock.slaResolution[i];
      const list = ticketCells(start, i);
      if (partition) accs[list[0]].addTicketSums(facts);
      else accs[list[0]].addTicket(facts);
      if (queue === null && list.length > 1 && accs.length > MANY_CELLS) queue = new CellQueue(TICKET_ROW_BYTES, table.size - i, (table.size - i) * o.groupBy.length);
      if (queue === null) {
        for (let c = 1; c < list.length; c++) accs[list[c]].addTicket(facts);
      } else if (list.length > 1) {
        const row = queue.row();
        packTicketFacts(queue, row, facts);
        for (let c = 1; c < list.length; c++) queue.pair(list[c], row);
      }
      this.extrasCollector?.addTicket(table, i, facts);
    }
    queue?.forEachCell(accs.length, (c, from, to) => {
      const acc = accs[c];
      acc.frt.reserve(to - from);
      acc.resolution.reserve(to - from);
      for (let k = from; k < to; k++) {
        unpackTicketFacts(queue, k, facts);
        acc.addTicket(facts);
      }
    });
    if (partition) {
      for (const byKey of cellsByStart.values()) {
        const all = accs[byKey.get('')!];
        for (const [key, c] of byKey) if (key !== '') all.takeTickets(accs[c]);
      }
    }

    sorter?.sortAll([...cells.values()].flatMap((acc) => [acc.frt, acc.resolution]));

    // A survey's group keys depend only on its agent and team when the report groups by those alone.
    const byPerson = o.groupBy.every((field) => field === 'agent' || field === 'team');
    const personKeys = new Map<string | null, Map<string | null, string[]>>();
    const surveyKeys = (value: (field: GroupField) => string[], agent: string | null, team: string | null): string[] => {
      if (!byPerson) return keysFor(value);
      let byTeam = personKeys.get(agent);
      if (byTeam === undefined) personKeys.set(agent, (byTeam = new Map()));
      let keys = byTeam.get(team);
      if (keys === undefined) byTeam.set(team, (keys = keysFor(value)));
      return keys;
    };

    // Surveys: keep the latest answer per ticket and KPI (worked out on the helper thread while
    // this one added up the tickets, when there is one), then join and attribute.
    if (sorter === null) ticketAnswerUses(answerInput);
    else sorter.answerUses();
    this.orphanUses(answerInput);
    const { ticketOf, byTicket, uses, info } = answerInput;
    // The responses' ticket columns, read in the order of their ticket rows (jumping through a
    // million-row table for each response was most of the join's time), for the pass in file order.
    const ticketAgent = new Int32Array(sv.size), ticketTeam = new Int32Array(sv.size);
    const ticketInstant = new Float64Array(sv.size).fill(NaN);
    for (let k = 0; k < byTicket.order.length; k++) {
      const s = byTicket.order[k], row = byTicket.rows[k];
      ticketAgent[s] = table.dims.agent[row];
      ticketTeam[s] = table.dims.team[row];
      ticketInstant[s] = basis[row];
    }
    let matched = 0, orphaned = 0, duplicates = 0;
    // A row is a duplicate once, when every response read from it was replaced; the responses of
    // one row are adjacent (a row can hold several, e.g. a ticket export's rating columns).
    const sameRow = (a: number, b: number): boolean => sv.lines[a] === sv.lines[b] && sv.files[a] === sv.files[b];
    // What the responses of the current row did so far: one was used, one was replaced.
    let rowUsed = false, rowReplaced = false;
    // The response being attributed: its ticket row (-1 none), agent and team (read by surveyValue).
    let t = -1;
    let agent: string | null = null, team: string | null = null;
    const ticketText = (code: number): string | null => (code === 0 ? null : table.strings[code]);
    const surveyValue = (field: GroupField): string[] => {
      if (field === 'agent') return [agent ?? NONE];
      if (field === 'team') return [team ?? NONE];
      return t < 0 ? [NONE] : ticketValue(t, field);
    };
    // The cells a response adds to (its period's overall cell, then one per group key), cached per
    // period start, agent and team when the report groups by those alone: by the names' numbers,
    // one per distinct agent name and one per distinct team name (0: none). Why: with thousands
    // of agents, three lookups by name in nested maps per response were ~0.15 s of the join of a
    // million tickets' surveys (bench/README.md, item 20). A name's number is remembered for its
    // code in the responses' dictionary and in the table's strings (-1: not yet).
    const agentNumbers = new Map<string, number>(), teamNumbers = new Map<string, number>();
    const numberOf = (numbers: Map<string, number>, name: string | null): number => {
      if (name === null) return 0;
      let n = numbers.get(name);
      if (n === undefined) numbers.set(name, (n = numbers.size + 1));
      return n;
    };
    const surveyCodeNumbers = (numbers: Map<string, number>): ((code: number) => number) => {
      const known = new Int32Array(sv.dictionary.strings.length).fill(-1);
      return (code) => (known[code] >= 0 ? known[code] : (known[code] = numberOf(numbers, sv.text(code))));
    };
    const tableCodeNumbers = (numbers: Map<string, number>): ((code: number) => number) => {
      const known = new Int32Array(table.strings.length).fill(-1);
      return (code) => (known[code] >= 0 ? known[code] : (known[code] = numberOf(numbers, ticketText(code))));
    };
    const surveyAgentNumber = surveyCodeNumbers(agentNumbers), surveyTeamNumber = surveyCodeNumbers(teamNumbers);
    const tableAgentNumber = tableCodeNumbers(agentNumbers), tableTeamNumber = tableCodeNumbers(teamNumbers);
    // A name is in one of the two, or a roster's (an alias's target, a team's name): a number is
    // below this bound, so key = agent × bound + team names one pair.
    const rosterNames = o.roster === undefined ? 0 : Object.keys(o.roster.aliases ?? {}).length + Object.keys(o.roster.teams ?? {}).length;
    const nameBound = sv.dictionary.strings.length + table.strings.length + rosterNames + 1;
    const surveyLists = new Map<number, Map<number, number[]>>();
    let listsStart = NaN;
    let listsOfStart = new Map<number, number[]>();
    const makeSurveyCells = (start: number, who: string | null, inTeam: string | null): number[] =>
      [cell(start, ''), ...surveyKeys(surveyValue, who, inTeam).map((key) => cell(start, key))];
    /** The response's cells; `s` the response (its names' numbers are looked up when cached by them). */
    const surveyCells = (start: number, who: string | null, inTeam: string | null, s: number): number[] => {
      if (!byPerson) return makeSurveyCells(start, who, inTeam);
      let key: number;
      if (o.roster !== undefined) key = numberOf(agentNumbers, who) * nameBound + numberOf(teamNumbers, inTeam);
      else {
        // The names as the loop below takes them: the response's own, else its ticket's.
        const agentCode = sv.agents[s], teamCode = sv.teams[s];
        key = (agentCode !== 0 ? surveyAgentNumber(agentCode) : tableAgentNumber(ticketAgent[s])) * nameBound
          + (teamCode !== 0 ? surveyTeamNumber(teamCode) : tableTeamNumber(ticketTeam[s]));
      }
      if (start !== listsStart) {
        let lists = surveyLists.get(start);
        if (lists === undefined) surveyLists.set(start, (lists = new Map()));
        listsStart = start;
        listsOfStart = lists;
      }
      let list = listsOfStart.get(key);
      if (list === undefined) listsOfStart.set(key, (list = makeSurveyCells(start, who, inTeam)));
      return list;
    };
    // Closures made once, not once per response (no filter is the usual case).
    const filtering = o.where.length > 0;
    const surveyMatches = (w: WhereFilter): boolean => w.matches(surveyValue, t < 0 ? -1 : table.escalated[t], t < 0 ? null : table.solved[t] === 1);
    const answers: SurveyFacts = { employee: false, csatSatisfied: NaN, csatScore: NaN, csatOfferedUnanswered: false, nps: NaN, ces: NaN, cesAgree: 0 };
    let surveyQueue: CellQueue | null = null;
    for (let s = 0; s < sv.size; s++) {
      // Answers outside their scale were dropped before the latest ones were picked (answersInput):
      // each is reported, unless its ticket row was replaced (that row's cells are not read).
      const dropped = (info[s] & DROPPED) !== 0;
      if ((info[s] & SUPERSEDED) === 0) {
        // The check first, here: a call per response (~0.3M at a million tickets) for the few to report was ~10 ms.
        const csatAt = sv.csat[s], cesAt = sv.ces[s];
        if ((csatAt >= 0 && inScale.csat[csatAt] === 0) || (cesAt >= 0 && inScale.ces[cesAt] === 0)) this.reportOutOfScale(s, ctx, inScale, dropped);
      }
      // A rating from a ticket row that a later row of the same id replaced is not the ticket's.
      const used = !dropped && this.surveyFacts(s, uses[s], ctx, answers);
      if (s === 0 || !sameRow(s - 1, s)) rowUsed = rowReplaced = false;
      if (used) rowUsed = true;
      if (!used) {
        if (!dropped) {
          duplicates++;
          rowReplaced = true;
        }
        // A row none of whose responses is used is a duplicate when one was replaced, else (every
        // answer outside its scale) skipped. A response read from a row that also gave a ticket (a
        // ticket export's own rating column) leaves the row's accounting to the ticket table
        // (marking both counted one row twice and drove rowsUsed negative).
        const rowEnds = s + 1 === sv.size || !sameRow(s, s + 1);
        if (rowEnds && !rowUsed && sv.withTicket[s] !== 1) {
          if (rowReplaced) this.log.markDuplicate(sv.file(s));
          else this.log.markSkipped(sv.file(s));
        }
        continue;
      }
      t = ticketOf[s];
      if (t < 0) orphaned++;
      else matched++;
      // The survey's own agent and team win, each separately; an agent named on the survey takes
      // their roster team before the ticket's team (the ticket's belongs to its own agent).
      let namedAgent = sv.text(sv.agents[s]), namedTeam = sv.text(sv.teams[s]);
      if (o.roster !== undefined) ({ agent: namedAgent, team: namedTeam } = attribute(namedAgent, namedTeam));
      agent = namedAgent ?? ticketText(ticketAgent[s]);
      team = namedTeam ?? ticketText(ticketTeam[s]);
      if (filtering && !o.where.every(surveyMatches)) continue;
      const respondedAt = sv.respondedAt[s];
      const instant = respondedAt === respondedAt ? respondedAt : ticketInstant[s];
      // Without periods or a window every response lands in the one bucket (start 0), dated or not.
      const start = unbounded ? 0 : bucket(instant);
      if (start === null) {
        if (Number.isNaN(instant)) {
          this.log.report({
            code: 'NO_DATE', file: sv.file(s), line: sv.lines[s], column: this.log.columnOf(sv.file(s), 'respondedAt'), value: null,
            message: t < 0
              ? 'the response has no date and no matching ticket, so it cannot be placed in a window or period; it is left out'
              : `the response has no date and its ticket has no ${o.dateBasis === 'solved' ? 'solved time (dates are by solved time)' : 'date'}, so it cannot be placed in a window or period; it is left out`,
          });
        }
        continue;
      }
      const list = surveyCells(start, agent, team, s);
      accs[list[0]].addSurvey(answers);
      // Queued past MANY_CELLS accumulators, as the tickets' additions are (CellQueue).
      if (surveyQueue === null && list.length > 1 && accs.length > MANY_CELLS) {
        surveyQueue = new CellQueue(SURVEY_ROW_BYTES, sv.size - s, (sv.size - s) * Math.max(1, o.groupBy.length));
      }
      if (surveyQueue === null) {
        for (let c = 1; c < list.length; c++) accs[list[c]].addSurvey(answers);
      } else if (list.length > 1) {
        const row = surveyQueue.row();
        packSurveyFacts(surveyQueue, row, answers);
        for (let c = 1; c < list.length; c++) surveyQueue.pair(list[c], row);
      }
    }
    surveyQueue?.forEachCell(accs.length, (c, from, to) => {
      const acc = accs[c];
      for (let k = from; k < to; k++) {
        unpackSurveyFacts(surveyQueue!, k, answers);
        acc.addSurvey(answers);
      }
    });

    sorter?.finish();
    return this.assemble(cells, groups, periods, ctx, { matched, orphaned, duplicates });
  }

  /** The extras asked for with `extras: true` (after `finish()`), else null. */
  extras(): ReportExtras | null {
    return this.extrasCollector?.result() ?? null;
  }

  private methodContext(): MethodContext {
    const t = this.table;
    let fcrMethod: FcrMethod | null = null;
    // A plain loop: `some` with a callback took ~10 ms over a million unknowns.
    if (anyAtLeast(t.fcrFlag, t.size, 0)) fcrMethod = 'flag';
    else if (anyAtLeast(t.agentReplies, t.size, 0)) fcrMethod = 'one-touch';
    else if (anyAtLeast(t.customerMessages, t.size, 0)) fcrMethod = 'customer-messages';

    // Answers are shared objects, a few distinct ones per file: the customer responses are counted
    // per answer, and the scales decided from those counts (one typed pass over the responses).
    const sv = this.surveys;
    const csatCounts = new Float64Array(sv.answers.length);
    const cesSeen = new Uint8Array(sv.cesAnswers.length);
    let offeredKnown = false;
    for (let s = 0; s < sv.size; s++) {
      if (sv.employee[s] === 1) continue;
      const csat = sv.csat[s];
      if (csat >= 0) csatCounts[csat]++;
      if (sv.csatOffered[s] >= 0) offeredKnown = true;
      const ces = sv.ces[s];
      if (ces >= 0) cesSeen[ces] = 1;
    }
    let numeric = false, goodBad = false, maxCes = -Infinity;
    for (let a = 0; a < csatCounts.length; a++) {
      if (csatCounts[a] === 0) continue;
      if (sv.answers[a].scale === 'good-bad') goodBad = true;
      else numeric = true;
    }
    for (let a = 0; a < cesSeen.length; a++) if (cesSeen[a] === 1) maxCes = Math.max(maxCes, sv.cesAnswers[a].score);
    // A label scale of 7 shows in a label only it has; its middle label is then 5 of 7 (per report,
    // as the numeric scales are: weekly exports of one survey agree).
    const seen = new Set<string>();
    for (let a = 0; a < csatCounts.length; a++) if (csatCounts[a] > 0 && sv.answers[a].scale === 'good-bad') seen.add(sv.answers[a].raw.trim().toLowerCase());
    const sevenLabelMiddles = SEVEN_LABEL_SCALES.filter((f) => f.seven.some((label) => seen.has(label))).map((f) => f.middle);
    const csatScale = this.options.csatScale ?? this.detectCsatScale(csatCounts);
    const cesScale = this.options.cesScale ?? (maxCes === -Infinity || maxCes > 5 ? 7 : 5);
    if (sv.fileNames.length > 1) this.reportFilesOnSmallerScales(this.options.csatScale === undefined ? csatScale : null, this.options.cesScale === undefined ? cesScale : null);
    return {
      fcrMethod,
      csatScale: numeric && goodBad ? 'mixed' : numeric ? csatScale : goodBad ? 'good-bad' : null,
      csatPoints: csatScale,
      ...(sevenLabelMiddles.length > 0 ? { csatSevenLabelMiddles: sevenLabelMiddles } : {}),
      cesScale,
      cesEffort: this.options.cesEffort === true,
      offeredKnown,
    };
  }

  /**
   * The CSAT scale of the numeric answers: the smallest usual scale (1–5, 1–7, 0–10) that holds
   * at least 99% of them, so one stray 6 in a 1–5 column is an OUT_OF_RANGE answer instead of
   * turning every 4 and 5 into "not satisfied" on a 1–7 scale. When the answers that lifted the
   * scale are fewer than 5% of all, the choice is shaky and SCALE_AMBIGUOUS says so, at the first
   * response that gave one. `counts`: customer responses per entry of `answers`.
   */
  private detectCsatScale(counts: Float64Array): number {
    const sv = this.surveys;
    // Answers outside 1–5 and outside 1–7: above them, or 0 (only 0–10 holds a 0).
    let n = 0, off5 = 0, off7 = 0;
    for (let a = 0; a < counts.length; a++) {
      const answer = sv.answers[a];
      if (counts[a] === 0 || answer.scale === 'good-bad') continue;
      n += counts[a];
      if (answer.score > 5 || answer.score < 1) off5 += counts[a];
      if (answer.score > 7 || answer.score < 1) off7 += counts[a];
    }
    const scale = off5 <= n * 0.01 ? 5 : off7 <= n * 0.01 ? 7 : 10;
    const lifting = scale === 7 ? off5 : scale === 10 ? off7 : 0;
    if (lifting > 0 && lifting < n * 0.05) {
      // The scale the other answers fit: 1–5 when the ones outside 1–7 are all that leave 1–5.
      const smaller = scale === 7 || off5 === off7 ? 5 : 7;
      let first = 0;
      const outside = (score: number): boolean => score > smaller || score < 1;
      while (!(sv.employee[first] === 0 && sv.csat[first] >= 0 && sv.answers[sv.csat[first]].scale !== 'good-bad' && outside(sv.answers[sv.csat[first]].score))) first++;
      this.log.report({
        code: 'SCALE_AMBIGUOUS', file: sv.file(first), line: sv.lines[first], column: this.log.columnOf(sv.file(first), 'csat'), value: sv.csatAnswer(first)!.raw,
        message: `the CSAT scale was read as ${scale === 10 ? '0' : '1'}–${scale} because ${lifting} of ${n} answers are outside 1–${smaller}, too few to be sure; if the survey is 1–${smaller}, set "csat": {"scale": ${smaller}} in the config`,
      });
    }
    return scale;
  }

  /**
   * The scales are decided once per report, over every file (weekly exports of one survey agree,
   * and groups stay comparable). A file whose own answers — at least FILE_SCALE_MIN of them —
   * all fit a smaller scale than the report's is likely another survey (1–5 beside 1–7): its
   * answers are read on the report's scale, and SCALE_AMBIGUOUS says so at its first answer.
   * `csat`/`ces`: the detected scales (null when the config set them).
   */
  private reportFilesOnSmallerScales(csat: number | null, ces: number | null): void {
    const sv = this.surveys;
    const files = sv.fileNames.length;
    const n = new Float64Array(files), over5 = new Float64Array(files), over7 = new Float64Array(files), first = new Int32Array(files).fill(-1);
    const cesN = new Float64Array(files), cesOver5 = new Float64Array(files), cesFirst = new Int32Array(files).fill(-1);
    for (let s = 0; s < sv.size; s++) {
      if (sv.employee[s] === 1) continue;
      const f = sv.files[s];
      const a = sv.csat[s];
      // Answers that carry their own scale (labels, a preset's fixed scale) are not read on the report's.
      if (csat !== null && a >= 0 && sv.answers[a].scale === null) {
        const score = sv.answers[a].score;
        n[f]++;
        if (score > 5 || score < 1) over5[f]++;
        if (score > 7 || score < 1) over7[f]++;
        if (first[f] < 0) first[f] = s;
      }
      const c = sv.ces[s];
      if (ces !== null && c >= 0 && sv.cesAnswers[c].scale === null) {
        cesN[f]++;
        if (sv.cesAnswers[c].score > 5) cesOver5[f]++;
        if (cesFirst[f] < 0) cesFirst[f] = s;
      }
    }
    for (let f = 0; f < files; f++) {
      if (csat !== null && n[f] >= FILE_SCALE_MIN) {
        const own = over5[f] <= n[f] * 0.01 ? 5 : over7[f] <= n[f] * 0.01 ? 7 : 10;
        if (own < csat) {
          const s = first[f];
          this.log.report({
            code: 'SCALE_AMBIGUOUS', file: sv.file(s), line: sv.lines[s], column: this.log.columnOf(sv.file(s), 'csat'), value: sv.csatAnswer(s)!.raw,
            message: `all ${n[f]} CSAT answers of this file fit 1–${own}, but the report reads CSAT on ${csat === 10 ? '0' : '1'}–${csat} (other files have answers above ${own}); if this file's survey is 1–${own}, report it separately or set "csat": {"scale": ${own}} in the config`,
          });
        }
      }
      if (ces !== null && cesN[f] >= FILE_SCALE_MIN && ces === 7 && cesOver5[f] === 0) {
        const s = cesFirst[f];
        this.log.report({
          code: 'SCALE_AMBIGUOUS', file: sv.file(s), line: sv.lines[s], column: this.log.columnOf(sv.file(s), 'ces'), value: String(sv.cesAnswer(s)!.score),
          message: `all ${cesN[f]} CES answers of this file fit 1–5, but the report reads CES on 1–7 (other files have answers above 5); if this file's survey is 1–5, report it separately or set "ces": {"scale": 5} in the config`,
        });
      }
    }
  }

  /** A rating read from a ticket row that is not the row kept for its ticket id (DESIGN §3, duplicates); `t` its ticket row or -1. */
  private supersededTicketRow(s: number, t: number): boolean {
    const sv = this.surveys;
    if (sv.withTicket[s] !== 1 || !sv.hasTicket(s)) return false;
    return t < 0 || !this.table.isKeptRow(t, sv.file(s), sv.lines[s]);
  }

  /**
   * What `ticketAnswerUses` reads about the responses, and room for what it writes: in shared
   * memory when the helper thread is to work it out. Each response's ticket row is looked up here
   * (the index is this thread's), and its answers are checked against their scales, which are
   * known only now that every file is read: an answer outside its scale is not one (DESIGN §4,
   * README "Scales"), so it never replaces an earlier answer to its ticket. `inScale` says, per
   * distinct CSAT and CES answer (SurveyColumns.answers, cesAnswers), whether it is on its scale.
   */
  private answersInput(shared: boolean, ctx: MethodContext): { input: AnswersInput; inScale: AnswersInScale } {
    const sv = this.surveys, table = this.table;
    const inScale: AnswersInScale = {
      csat: Uint8Array.from(sv.answers, (a) => (csatSatisfied(a.score, this.csatScaleOf(a, ctx)) === null ? 0 : 1)),
      ces: Uint8Array.from(sv.cesAnswers, (a) => (a.score > (a.scale ?? ctx.cesScale) ? 0 : 1)),
    };
    const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const ticketOf = new Int32Array(buffer(4 * sv.size));
    const info = new Uint8Array(buffer(sv.size));
    let withRow = 0;
    for (let s = 0; s < sv.size; s++) {
      const n = sv.ticketNumbers[s];
      const id = n >= 0 ? null : sv.ticketId(s);
      const t = (n >= 0 ? table.index.getNumber(n) : id === null ? -1 : table.index.get(id)) ?? -1;
      ticketOf[s] = t;
      if (t >= 0) withRow++;
      const csat = sv.csat[s], ces = sv.ces[s];
      // A CSAT answer outside its scale is no answer, and says nothing about an offer either.
      const answers = (csat >= 0 ? (inScale.csat[csat] === 1 ? HAS_CSAT : 0) : sv.csatOffered[s] === 1 ? OFFERED : 0)
        | (sv.nps[s] === sv.nps[s] ? HAS_NPS : 0) | (ces >= 0 && inScale.ces[ces] === 1 ? HAS_CES : 0);
      const superseded = this.supersededTicketRow(s, t);
      // Every answer it had was outside its scale: DROPPED (a response never read with no answer at all is not).
      const dropped = answers === 0 && (csat >= 0 || ces >= 0);
      const role = superseded ? SUPERSEDED : dropped ? DROPPED : sv.hasTicket(s) && sv.employee[s] === 0 ? COMPETES : 0;
      info[s] = role | answers;
    }
    // The times as they are held when in shared memory (SurveyColumns keeps large sets there), else copied.
    let respondedAt = sv.respondedAt.subarray(0, sv.size);
    if (shared && !(respondedAt.buffer instanceof SharedArrayBuffer)) {
      respondedAt = new Float64Array(buffer(8 * sv.size));
      respondedAt.set(sv.respondedAt.subarray(0, sv.size));
    }
    const input: AnswersInput = {
      ticketOf, info, respondedAt, tickets: table.size,
      byTicket: { order: new Int32Array(buffer(4 * withRow)), rows: new Int32Array(buffer(4 * withRow)) },
      uses: new Uint8Array(buffer(sv.size)),
    };
    return { input, inScale };
  }

  /** The scale a CSAT answer is read on: one set in the config is the survey's, over a preset's assumed one (Delighted's 1–5); Good/Bad answers stay Good/Bad. */
  private csatScaleOf(csat: CsatAnswer, ctx: MethodContext): number | 'good-bad' {
    return csat.scale === 'good-bad' ? csat.scale : this.options.csatScale ?? csat.scale ?? ctx.csatPoints;
  }

  /** Report response `s`'s CSAT and CES answers that are outside their scales (`inScale`): they were dropped. */
  private reportOutOfScale(s: number, ctx: MethodContext, inScale: AnswersInScale, dropped: boolean): void {
    const sv = this.surveys;
    // Every answer of the response was outside its scale: it is skipped (a survey file's row with it).
    const then = dropped ? ', and the response, with no other answer, is skipped' : '';
    const csat = sv.csat[s], ces = sv.ces[s];
    if (csat >= 0 && inScale.csat[csat] === 0) {
      const answer = sv.answers[csat], scale = this.csatScaleOf(answer, ctx);
      this.log.report({
        code: 'OUT_OF_RANGE', file: sv.file(s), line: sv.lines[s], column: this.log.columnOf(sv.file(s), 'csat'), value: answer.raw,
        message: `CSAT "${answer.raw}" is outside the ${scale}-point scale (1–${scale}); the answer is dropped${then}`,
      });
    }
    if (ces >= 0 && inScale.ces[ces] === 0) {
      const answer = sv.cesAnswers[ces];
      this.log.report({
        code: 'OUT_OF_RANGE', file: sv.file(s), line: sv.lines[s], column: this.log.columnOf(sv.file(s), 'ces'), value: String(answer.score),
        message: `CES "${answer.score}" is outside the ${answer.scale ?? ctx.cesScale}-point scale; the answer is dropped${then}`,
      });
    }
  }

  /**
   * The orphans' `uses` (responses competing for a ticket that is not in the files): their ids
   * still group their answers. A whole-number id groups as its number, any other as its text, in
   * the index the ticket table uses (its two key spaces never meet, as a whole-number id never
   * equals a text id). Why: a survey file read without its tickets has only orphans; 800,000 of
   * them took ~0.45 s here with a Map and an array grown three values at a time, ~0.06 s with the
   * index (bench/README.md, item 22).
   */
  private orphanUses(a: AnswersInput): void {
    const sv = this.surveys;
    const { ticketOf, info, uses } = a;
    let count = 0;
    for (let i = 0; i < sv.size; i++) if ((info[i] & COMPETES) !== 0 && ticketOf[i] < 0) count++;
    if (count === 0) return;
    const orphans = new Int32Array(count), groupOf = new Int32Array(count);
    const winners = new OrphanWinners(info, a.respondedAt, count);
    const groupIndex = new TicketIndex();
    let groups = 0;
    for (let i = 0, o = 0; i < sv.size; i++) {
      if ((info[i] & COMPETES) === 0 || ticketOf[i] >= 0) continue;
      const n = sv.ticketNumbers[i];
      const id = n >= 0 ? null : sv.ticketId(i)!;
      let group = id === null ? groupIndex.getNumber(n) : groupIndex.get(id);
      if (group === undefined) {
        group = groups++;
        if (id === null) groupIndex.setNumber(n, group);
        else groupIndex.set(id, group);
      }
      orphans[o] = i;
      groupOf[o++] = group;
      winners.add(i, group);
    }
    for (let o = 0; o < count; o++) uses[orphans[o]] = winners.usesOf(orphans[o], groupOf[o]);
  }

  /**
   * Fill `facts` with the answers this response contributes, on known scales; false when later
   * responses replaced all of them.
   */
  private surveyFacts(i: number, use: number, ctx: MethodContext, facts: SurveyFacts): boolean {
    const sv = this.surveys;
    if (use === 0) return false;
    const employee = sv.employee[i] === 1;
    const useCsat = (use & USE_CSAT) !== 0, useNps = (use & USE_NPS) !== 0, useCes = (use & USE_CES) !== 0;
    facts.employee = employee;
    facts.csatSatisfied = NaN;
    facts.csatScore = NaN;
    facts.csatOfferedUnanswered = false;
    facts.nps = useNps ? sv.nps[i] : NaN;
    facts.ces = NaN;
    facts.cesAgree = 0;
    const csat: CsatAnswer | null = sv.csatAnswer(i);
    if (useCsat && csat !== null) {
      const scale = this.csatScaleOf(csat, ctx);
      let satisfied = csatSatisfied(csat.score, scale);
      if (satisfied === 1 && scale === 'good-bad' && ctx.csatSevenLabelMiddles?.includes(csat.raw.trim().toLowerCase()) === true) satisfied = 0;
      // null: outside the scale, dropped (and reported: reportOutOfScale).
      if (satisfied !== null) {
        facts.csatSatisfied = satisfied;
        if (scale !== 'good-bad') facts.csatScore = csat.score;
      }
    } else if (useCsat && sv.csatOffered[i] === 1) {
      facts.csatOfferedUnanswered = true;
    }
    const ces = sv.cesAnswer(i);
    if (useCes && ces !== null) {
      const scale = ces.scale ?? ctx.cesScale;
      // Outside the scale: dropped (and reported: reportOutOfScale).
      if (ces.score <= scale) {
        // A legacy effort answer (1 = least effort) turned to the agree scale's sense: higher = easier.
        const score = ctx.cesEffort === true ? scale + 1 - ces.score : ces.score;
        facts.ces = score;
        facts.cesAgree = score >= (scale === 5 ? 4 : 5) ? 1 : 0;
      }
    }
    return true;
  }

  private assemble(
    cells: Map<string, GroupAccumulator>,
    groups: Map<string, Record<string, string>>,
    periods: Set<number>,
    ctx: MethodContext,
    surveys: { matched: number; orphaned: number; duplicates: number },
  ): Report {
    const o = this.options;
    const starts = periodStarts(o.period, periods, o.window);
    // Each group's values listed once, not once per comparison (10,000 groups: ~0.05 s).
    const groupKeys = [...groups].map(([key, group]) => ({ key, values: o.groupBy.map((field) => group[field]) }))
      .sort((a, b) => compareGroups(a.values, b.values)).map((g) => g.key);
    checkRowCount(starts.length, groupKeys.length + 1);
    const rows: ReportRow[] = [];
    for (const start of starts) {
      for (const key of ['', ...groupKeys]) {
        const acc = cells.get(`${start}\u0000${key}`) ?? new GroupAccumulator();
        if (key === '') this.extrasCollector?.addOverall(periodLabel(o.period, start), acc);
        const kpis: Record<string, KpiValue> = {};
        const bases: Record<string, KpiBasis> = {};
        for (const kpi of o.kpis) {
          const result = kpi.compute(acc, ctx);
          const { ci95, ...extra } = valueStatistics(result.basis);
          const value: KpiValue = { value: result.value, n: result.n };
          if (kpi.unit !== 'count') value.ci95 = ci95 ?? null;
          if (kpi.unit !== 'count') value.lowSample = result.n < (o.minSampleByKpi?.[kpi.id] ?? o.minSample);
          kpis[kpi.id] = Object.assign(value, extra);
          bases[kpi.id] = result.basis;
        }
        const row: ReportRow = { period: periodLabel(o.period, start), group: key === '' ? {} : groups.get(key)!, kpis };
        this.bases.set(row, bases);
        rows.push(row);
      }
    }
    const definitions: Report['definitions'] = {};
    for (const kpi of o.kpis) definitions[kpi.id] = { label: kpi.label, unit: kpi.unit, direction: kpi.direction, method: methodText(kpi, ctx) };
    return {
      schemaVersion: 1,
      tool: { name: 'teamkpi', version: o.version },
      generatedAt: o.generatedAt,
      timezone: o.zone.name,
      window: { from: o.window.from === null ? null : formatDay(o.window.from), to: o.window.to === null ? null : formatDay(o.window.to) },
      period: o.period,
      dateBasis: o.dateBasis,
      hours: o.hours ?? 'calendar',
      groupBy: [...o.groupBy],
      definitions,
      rows,
      comparison: null,
      dataQuality: {
        inputs: this.log.inputs,
        surveys,
        issues: this.log.issues,
        issuesTruncated: this.log.truncated,
        issuesByCode: Object.fromEntries([...this.log.byCode].sort(([a], [b]) => compareCodePoints(a, b))),
      },
    };
  }
}

/**
 * Every period has a row for every group (and the overall row), so a report's rows are periods ×
 * (groups + 1). Past a few hundred thousand they no longer fit V8's default heap: 1M tickets over
 * 1,000 agents by day, 365,000 rows, took 4.2 GB and 69 s; over 10,000 agents by team and agent
 * and week, ~530,000 rows, ran out of it after a minute; a weekly report by 50,000 distinct tags
 * would be 2.6M rows. Refused at once with what to do instead, not a crash. `TEAMKPI_MAX_ROWS`
 * moves the limit (with memory to match).
 */
function checkRowCount(periods: number, groups: number): void {
  const limit = envNumber('TEAMKPI_MAX_ROWS', MAX_ROWS);
  const rows = periods * groups;
  if (rows <= limit) return;
  const n = (x: number): string => x.toLocaleString('en-US');
  throw new UsageError(`the report would have ${n(rows)} rows (${n(periods)} period${periods === 1 ? '' : 's'} × ${n(groups)} rows each, the overall row included), more than its limit of ${n(limit)}`, {
    hint: 'narrow it with --where or --from/--to, or use a coarser --period or fewer --by fields; the limit is what fits in the default memory: with more, raise both (TEAMKPI_MAX_ROWS=N NODE_OPTIONS=--max-old-space-size=MB)',
  });
}

/** Report rows at most, by default (checkRowCount). */
const MAX_ROWS = 400_000;

/**
 * Accumulators past which a report's additions to its group cells are queued (CellQueue). Their
 * state is ~1 KB each with the duration arrays' ends: a thousand of them stay in the caches.
 */
const MANY_CELLS = 2048;

/** Answers a file needs before its own scale is compared with the report's (fewer say too little). */
const FILE_SCALE_MIN = 10;

/** Per distinct CSAT and CES answer of the surveys (SurveyColumns.answers, cesAnswers): 1 when on its scale. */
interface AnswersInScale {
  csat: Uint8Array;
  ces: Uint8Array;
}

function fcrOf(method: FcrMethod | null, t: TicketTable, i: number): number {
  switch (method) {
    case 'flag': return t.fcrFlag[i];
    case 'one-touch': return t.agentReplies[i] < 0 ? -1 : t.agentReplies[i] <= 1 && t.reopens[i] <= 0 ? 1 : 0;
    // Exactly the customer's first message (0 is an agent-started ticket: no first contact resolved).
    case 'customer-messages': return t.customerMessages[i] < 0 ? -1 : t.customerMessages[i] === 1 ? 1 : 0;
    default: return -1;
  }
}

/** 1 satisfied, 0 not, null when the score is not on the scale. */
export function csatSatisfied(score: number, scale: number | 'good-bad'): 0 | 1 | null {
  if (scale === 'good-bad') return score === 1 ? 1 : 0;
  const min = scale === 10 ? 0 : 1;
  if (score < min || score > scale || !Number.isInteger(score)) return null;
  const threshold = scale === 10 ? 8 : scale === 7 ? 6 : scale === 5 ? 4 : scale === 3 ? 3 : scale === 2 ? 2 : Math.ceil(scale * 0.8);
  return score >= threshold ? 1 : 0;
}

/** Contiguous period starts from the first to the last with data, stretched to a bounded window. */
function periodStarts(unit: PeriodUnit, seen: Set<number>, window: DayWindow): number[] {
  if (unit === 'all') return [0];
  let first = Math.min(...seen);
  let last = Math.max(...seen);
  if (window.from !== null) first = Math.min(first, periodStart(unit, window.from));
  if (window.to !== null) last = Math.max(last, periodStart(unit, window.to));
  if (!Number.isFinite(first)) return [];
  const starts: number[] = [];
  for (let s = first; s <= last; s = nextPeriodStart(unit, s)) starts.push(s);
  return starts;
}

/**
 * A group value as a part of a group key: the parts are joined by \u0001, so one inside a value
 * is written \u0002\u0003 (and \u0002 as \u0002\u0002). Why: team `A\u0001B` with agent `C` and
 * team `A` with agent `B\u0001C` made one key, and one group of both.
 */
function keyPart(value: string): string {
  return value.includes('\u0001') || value.includes('\u0002') ? value.replaceAll('\u0002', '\u0002\u0002').replaceAll('\u0001', '\u0002\u0003') : value;
}

/** Groups sort by their values in `--by` order, by code point (locale-independent), with `(none)` last. */
function compareGroups(av: string[], bv: string[]): number {
  for (let i = 0; i < av.length; i++) {
    if (av[i] === bv[i]) continue;
    if (av[i] === NONE) return 1;
    if (bv[i] === NONE) return -1;
    return compareCodePoints(av[i], bv[i]);
  }
  return 0;
}

export function parseGroupBy(text: string | undefined): GroupField[] {
  if (text === undefined || text.trim() === '') return [];
  const fields = text.split(',').map((f) => f.trim().toLowerCase()).filter((f) => f.length > 0);
  for (const field of fields) {
    if (!(GROUP_FIELDS as readonly string[]).includes(field === 'tags' ? 'tag' : field)) {
      throw new UsageError(`unknown group field "${field}" in --by`, { hint: `valid fields: ${GROUP_FIELDS.join(', ')}` });
    }
  }
  return [...new Set(fields.map((f) => (f === 'tags' ? 'tag' : f) as GroupField))];
}

export function parseMetrics(text: string | undefined): KpiDefinition[] {
  if (text === undefined || text.trim() === '') return [...KPIS];
  const ids = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return ids.map((id) => {
    const kpi = KPIS.find((k) => k.id === id);
    if (kpi === undefined) throw new UsageError(`unknown KPI id "${id}" in --metrics`, { hint: `valid ids: ${KPIS.map((k) => k.id).join(', ')}` });
    return kpi;
  });
}
