/**
 * Optional extras that visual formats (HTML) ask the engine for. They are never part of the
 * JSON v1 report: the JSON, CSV, table and Markdown outputs do not change when they are computed.
 */

/** Counts of durations (minutes) in fixed, human-sized bins. */
export interface DurationHistogram {
  /** Lower bin edges in minutes, ascending, starting at 0; bin i is [edges[i], edges[i+1]), the last is open-ended. */
  edges: number[];
  counts: number[];
  /** Sum of `counts`: the durations binned (tickets with that duration known). */
  n: number;
}

/** The first-response and resolution distributions of one overall row (one per period). */
export interface OverallDistribution {
  period: string | null;
  frt: DurationHistogram;
  resolution: DurationHistogram;
}

export interface ReasonCount {
  field: 'tag' | 'category';
  value: string;
  /** Tickets of the set that carry this tag or category. */
  count: number;
}

/** The most common tags and categories of one set of tickets (escalated, or reopened). */
export interface ReasonSet {
  /** Tickets in the set (in the window, after `--where`). */
  tickets: number;
  /** Of those, tickets with at least one tag or a category. */
  withReason: number;
  /** Most frequent first; ties by field then value (code point order). At most `REASONS_KEPT`. */
  top: ReasonCount[];
}

export interface ReportExtras {
  distributions: OverallDistribution[];
  /** Null when no ticket in the window has a tag or a category. */
  reasons: { escalated: ReasonSet; reopened: ReasonSet } | null;
}
