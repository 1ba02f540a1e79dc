/**
 * The survey lane: survey rows read straight from the file's bytes, with no string per repeated
 * cell, no record array and no parse per row of a value seen before (lane-cells.ts).
 *
 * Why: a million-ticket report's survey file (300k rows) was read on the main thread alone by the
 * ordinary path, the largest part of the run no other core could help with (bench/README.md).
 *
 * Exactness: each field is what the preset's own reader gives for the cell (SurveyLaneSpec), and
 * the response is made by the mapper's own rule from those values. A row whose cells or rule would
 * raise an issue (a skipped row, an unknown value) goes to the ordinary path, which reports it.
 */
import type { SurveyColumns } from '../model/survey-columns.js';
import type { SurveyResponse } from '../model/types.js';
import type { SurveyLaneSpec } from './preset.js';
import { BAD, LaneCells, canonicalDigits, type FastBuffer, type LaneColumn } from './lane-cells.js';

export class SurveyLane extends LaneCells {
  private readonly values: unknown[];
  /**
   * The response the last row read gave; null when it went into `into` (the columns the lane adds
   * responses to itself, when the spec can write them: no object per response).
   */
  lastSurvey: SurveyResponse | null = null;
  /** With `into`: the index of the ticket id's column when a canonical whole number there is the id as it stands (-1 otherwise). */
  private readonly numericTicket: number;

  private constructor(
    private readonly spec: SurveyLaneSpec,
    private readonly fieldColumns: LaneColumn[],
    width: number,
    delimiter: number,
    recordDelimiter: number,
    private readonly into: SurveyColumns | null,
  ) {
    super(spec.columns, width, delimiter, recordDelimiter);
    this.values = new Array<unknown>(fieldColumns.length).fill(null);
    // As the typed lane's ids: digits are the id as they stand, unless this file reads some run of digits as empty.
    const t = spec.ticket ?? -1;
    const column = t >= 0 ? fieldColumns[t] : null;
    this.numericTicket = into !== null && column !== null && column.cache === null && column.dateZone === null && column.col >= 0
      && !spec.columns.blankWords.some((w) => /^\d+$/.test(w)) ? t : -1;
  }

  /**
   * The lane for a survey mapper's spec, or null when some read is not a plain one-cell reader.
   * `into`: where to add the responses, when the spec can write them (else each is an object).
   */
  static create(spec: SurveyLaneSpec | undefined, width: number, delimiter: string, recordDelimiter: number, into: SurveyColumns | null = null): SurveyLane | null {
    if (spec === undefined || !LaneCells.possible(width, delimiter, recordDelimiter)) return null;
    const fieldColumns = spec.reads.map((read) => LaneCells.column(spec.columns, read, width));
    if (fieldColumns.some((f) => f === null)) return null;
    const writes = spec.accepts !== undefined && spec.write !== undefined;
    return new SurveyLane(spec, fieldColumns as LaneColumn[], width, delimiter.charCodeAt(0), recordDelimiter, writes ? into : null);
  }

  /**
   * Read the record starting at `pos` (not an empty line) into `lastSurvey`, or into `into`.
   * Returns the position after its line end; 0 when the ordinary path must read it; -1 when its
   * line end is not in the bytes before `end` yet.
   */
  read(input: Buffer, pos: number, end: number, line: number): number {
    const buf = input as FastBuffer;
    const p = this.split(buf, pos, end);
    if (p <= 0) return p;
    const { values, fieldColumns, numericTicket } = this;
    for (let i = 0; i < fieldColumns.length; i++) {
      if (i === numericTicket) {
        // A canonical whole number goes in as that number, without a string (SurveyColumns keeps it so).
        const n = canonicalDigits(buf, this.starts[fieldColumns[i].col], this.ends[fieldColumns[i].col]);
        if (n >= 0) {
          values[i] = n;
          continue;
        }
      }
      const v = this.value(buf, fieldColumns[i], line);
      if (v === BAD) return 0;
      values[i] = v;
    }
    const into = this.into;
    this.beginProbe();
    let survey: SurveyResponse | null = null;
    let accepted = false;
    try {
      if (into !== null) accepted = this.spec.accepts!(values, line);
      else survey = this.spec.response(values, line);
    } finally {
      if (this.endProbe()) {
        survey = null;
        accepted = false;
      }
    }
    if (into !== null) {
      if (!accepted) return 0;
      this.spec.write!(values, line, into);
      this.lastSurvey = null;
      return p;
    }
    if (survey === null) return 0;
    this.lastSurvey = survey;
    return p;
  }
}
