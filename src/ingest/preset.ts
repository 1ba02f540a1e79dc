import type { InputKind, RowIssue, SurveyResponse, Ticket } from '../model/types.js';
import type { Zone } from '../time/zone.js';

/** Receives row issues as they are found. */
export type IssueSink = (issue: RowIssue) => void;

export interface MapContext {
  file: string;
  /** Zone for timestamps that carry no offset. */
  inputZone: Zone;
  report: IssueSink;
}

/** What one record turned into. A skipped row has reported at least one issue. */
export interface MappedRow {
  ticket: Ticket | null;
  surveys: SurveyResponse[];
  skipped: boolean;
}

/** Maps records of one file; compiled once per file from its header (no per-row header lookups). */
export interface RowMapper {
  kind: InputKind;
  /** Canonical field → header it is read from, for `inspect` and error messages. */
  mapping: Record<string, string>;
  map(record: string[], line: number): MappedRow;
}

export interface Preset {
  name: string;
  /** The kind this preset reads from these headers, or null when the headers are not its shape. */
  detect(header: string[]): InputKind | null;
  /**
   * Compile a mapper for this header and kind; throws InputError naming a missing required
   * column and listing the headers found.
   */
  compile(header: string[], kind: InputKind, ctx: MapContext): RowMapper;
}
