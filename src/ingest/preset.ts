import type { TicketBatch } from '../model/ticket-batch.js';
import type { SurveyColumns } from '../model/survey-columns.js';
import type { Columns } from './columns.js';
import type { CsatCell } from './csat.js';
import type { Read, TicketField } from './ticket-mapper.js';
import type { InputKind, RowIssue, SurveyResponse } from '../model/types.js';
import type { DateOrder } from '../time/date-format.js';
import type { Zone } from '../time/zone.js';

/** Receives row issues as they are found. */
export type IssueSink = (issue: RowIssue) => void;

export interface MapContext {
  file: string;
  /** Zone for timestamps that carry no offset. */
  inputZone: Zone;
  /** `--date-order` or config `inputs.dateOrder`: settles numeric dates no value decides. */
  dateOrder?: DateOrder;
  report: IssueSink;
  /**
   * Header rows after the first, for presets whose export has several (`Preset.headerRows`):
   * SurveyMonkey's sub-labels, Qualtrics' question texts and ImportIds.
   */
  extraHeaders?: string[][];
  /** The report's clock (epoch ms): timestamps more than a day after it are implausible. */
  now?: number;
  /**
   * Told the zone an export names for a timestamp column (Intercom's header suffix, Qualtrics'
   * ImportId, Typeform's `(UTC)`): the report's zone falls back to it (`namedZones`).
   */
  namedZone?(name: string): void;
  /**
   * False when nothing will look at ticket tags (no grouping, filter or extras by tag): tag cells
   * are then not read at all. Reading tags never raises an issue, so nothing else changes.
   */
  tags?: boolean;
}

/** What one record turned into. A skipped row has reported at least one issue. */
export interface MappedRow {
  /** True when the row added a ticket: the last row of the mapper's `tickets` batch. */
  ticket: boolean;
  surveys: SurveyResponse[];
  skipped: boolean;
}

/** A ticket mapper's reads, for the typed lane: the id, the creation time, then the other fields in order. */
export interface LaneSpec {
  columns: Columns;
  id: Read<string | null>;
  createdAt: Read<number | null | undefined>;
  fields: TicketField[];
  /** The row's own rating cell, when the export has one: its readers and how the mapper turns it into a response. */
  rating?: {
    csat: Read<CsatCell>;
    csatAt?: Read<number | null | undefined>;
    csatAgent?: Read<string | null>;
    survey(id: string, line: number, cell: Exclude<CsatCell, null>, respondedAt: number | null, agent: string | null): SurveyResponse;
    /** Optional: add the response `survey` makes (linked to its ticket row) to columns instead; `id` may be the number of a canonical whole-number id. */
    write?(id: string | number, line: number, cell: Exclude<CsatCell, null>, respondedAt: number | null, agent: string | null, into: SurveyColumns): void;
  };
}

/**
 * A survey mapper's reads, for the survey lane (survey-lane.ts): each field's one-cell reader, and
 * the rule that turns their values (in `reads` order) into the row's response — null when the
 * row is skipped (with an issue). The mapper's `map` is the same reads and the same rule.
 */
export interface SurveyLaneSpec {
  columns: Columns;
  reads: Read<unknown>[];
  response(values: readonly unknown[], line: number): SurveyResponse | null;
  /**
   * Optional, the same rule in two steps, for a lane that adds responses to columns itself:
   * `accepts` is false when the row is skipped (with its issue, as `response`); `write` adds the
   * response `response` would make, where `values[ticket]` may also be the number of a canonical
   * whole-number id (what the id reader gives as text).
   */
  accepts?(values: readonly unknown[], line: number): boolean;
  write?(values: readonly unknown[], line: number, into: SurveyColumns): void;
  /** The index in `reads` of the ticket id's reader (with `write`). */
  ticket?: number;
}

/** Maps records of one file; compiled once per file from its header (no per-row header lookups). */
export interface RowMapper {
  kind: InputKind;
  /** Canonical field → header it is read from, for `inspect` and error messages. */
  mapping: Record<string, string>;
  map(record: string[], line: number): MappedRow;
  /** Where a ticket mapper writes its tickets, one row per ticket (the reader empties it). */
  tickets?: TicketBatch;
  /** What the typed lane needs to read this file's tickets from bytes (typed-lane.ts); absent when it cannot. */
  lane?: LaneSpec;
  /** What the survey lane needs to read this file's responses from bytes; absent when it cannot. */
  surveyLane?: SurveyLaneSpec;
  /**
   * Detect value formats (date shapes) from the first records, once per file, before any `map`.
   * Returns false when more records could settle an ambiguity; throws InputError when `complete`
   * and it cannot be settled.
   */
  prepare?(sample: readonly string[][], complete: boolean): boolean;
  /** Date column → detected format, filled by `prepare` (for `inspect`). */
  dateFormats?: Record<string, string>;
}

export interface Preset {
  name: string;
  /** One-line description for `inspect`, the README and `--source` errors. */
  title?: string;
  /** Rows of header the export has (default 1); rows 2… reach `compile` as `ctx.extraHeaders`. */
  headerRows?: number;
  /**
   * How sure the preset is that these headers are its shape, 0–1 (default 1 when `detect`
   * matches). The most confident matching preset is chosen.
   */
  confidence?(header: string[]): number;
  /**
   * The kinds of file it reads, when not both: a file named with `--source` whose headers `detect`
   * does not recognise is read as its one kind (so a missing column is named, not the kind asked).
   */
  kinds?: readonly InputKind[];
  /** The kind this preset reads from these headers, or null when the headers are not its shape. */
  detect(header: string[]): InputKind | null;
  /**
   * Compile a mapper for this header and kind; throws InputError naming a missing required
   * column and listing the headers found.
   */
  compile(header: string[], kind: InputKind, ctx: MapContext): RowMapper;
}
