import type { IssueLog } from '../model/issue-log.js';
import type { Ticket } from '../model/types.js';

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
 * row) and reports DUPLICATE_TICKET once per id.
 */
export class TicketTable {
  readonly index = new Map<string, number>();
  size = 0;
  readonly createdAt: number[] = [];
  readonly solvedAt: number[] = [];
  readonly rank: number[] = [];
  readonly solved: boolean[] = [];
  readonly unreplied: boolean[] = [];
  readonly frtMinutes: number[] = [];
  readonly resolutionMinutes: number[] = [];
  readonly agentReplies: number[] = [];
  readonly customerMessages: number[] = [];
  readonly reopens: number[] = [];
  readonly escalated: number[] = [];
  readonly fcrFlag: number[] = [];
  /** Interned values per single-valued dimension (code into `strings`; 0 = none). */
  readonly dims: Record<Exclude<GroupField, 'tag'>, number[]> = {
    agent: [], team: [], channel: [], priority: [], status: [], category: [], type: [],
  };
  readonly tags: (number[] | null)[] = [];
  readonly files: number[] = [];
  private readonly duplicateReported: boolean[] = [];

  readonly strings: string[] = [NONE];
  private readonly stringIndex = new Map<string, number>([[NONE, 0]]);
  private readonly fileNames: string[] = [];

  constructor(private readonly log: IssueLog, private readonly attribute: (agent: string | null, team: string | null) => Attribution) {}

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

  add(t: Ticket): void {
    const rank = Math.max(t.updatedAt ?? -Infinity, t.solvedAt ?? -Infinity);
    let i = this.index.get(t.id);
    if (i !== undefined) {
      if (!this.duplicateReported[i]) {
        this.duplicateReported[i] = true;
        this.log.report({
          code: 'DUPLICATE_TICKET', file: t.source.file, line: t.source.line, column: null, value: t.id,
          message: `ticket id "${t.id}" appears more than once; the row with the latest update/solved time is kept`,
        });
      }
      if (rank < this.rank[i]) {
        this.log.markDuplicate(t.source.file);
        return;
      }
      this.log.markDuplicate(this.fileNames[this.files[i]]);
    } else {
      i = this.size++;
      this.index.set(t.id, i);
      this.duplicateReported[i] = false;
    }
    this.rank[i] = rank;
    this.createdAt[i] = t.createdAt;
    this.solvedAt[i] = t.solvedAt ?? NaN;
    this.solved[i] = t.status === 'solved' || t.status === 'closed' || t.solvedAt !== null;
    this.frtMinutes[i] = this.duration(t, t.firstResponseAt, t.firstResponseMinutes, 'first response');
    const hasResponse = t.firstResponseAt !== null || t.firstResponseMinutes !== null || t.firstResponseInvalid || (t.agentReplies ?? 0) > 0;
    this.unreplied[i] = !hasResponse;
    this.resolutionMinutes[i] = this.duration(t, t.solvedAt, t.resolutionMinutes, 'solved');
    this.agentReplies[i] = t.agentReplies ?? -1;
    this.customerMessages[i] = t.customerMessages ?? -1;
    this.reopens[i] = t.reopens ?? -1;
    this.escalated[i] = t.escalated !== null ? Number(t.escalated) : t.groupStations !== null ? Number(t.groupStations > 1) : -1;
    this.fcrFlag[i] = t.fcrFlag === null ? -1 : Number(t.fcrFlag);
    const who = this.attribute(t.agent, t.team);
    this.dims.agent[i] = this.intern(who.agent);
    this.dims.team[i] = this.intern(who.team);
    this.dims.channel[i] = this.intern(t.channel);
    this.dims.priority[i] = this.intern(t.priority);
    this.dims.status[i] = this.intern(t.status);
    this.dims.category[i] = this.intern(t.category);
    this.dims.type[i] = this.intern(t.type);
    this.tags[i] = t.tags.length === 0 ? null : [...new Set(t.tags)].map((tag) => this.intern(tag));
    let file = this.fileNames.indexOf(t.source.file);
    if (file < 0) file = this.fileNames.push(t.source.file) - 1;
    this.files[i] = file;
  }

  /** Minutes from creation to `end` (or the export's own duration); NaN when unknown or negative. */
  private duration(t: Ticket, end: number | null, minutes: number | null, what: string): number {
    const value = end !== null ? (end - t.createdAt) / 60_000 : minutes ?? NaN;
    if (value < 0) {
      this.log.report({
        code: 'NEGATIVE_DURATION', file: t.source.file, line: t.source.line, column: null, value: String(value),
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
        code: drop ? 'OUT_OF_RANGE' : 'LONG_DURATION', file: t.source.file, line: t.source.line, column: null, value: String(value),
        message: `${what} is ${drop ? 'more than 100' : years.toFixed(1)} years after the ticket was created; ${drop ? 'the duration is dropped, the ticket still counts elsewhere' : 'the duration is kept (check the dates for a wrong year)'}`,
      });
      if (drop) return NaN;
    }
    return value;
  }
}

/** Durations longer than a year (365.25 days, in minutes) are reported as LONG_DURATION. */
export const LONG_DURATION_MINUTES = 525_960;
