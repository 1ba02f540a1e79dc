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
import type { SurveyResponse } from '../model/types.js';
import type { SurveyLaneSpec } from './preset.js';
import { BAD, LaneCells, type FastBuffer, type LaneColumn } from './lane-cells.js';

export class SurveyLane extends LaneCells {
  private readonly values: unknown[];
  /** The response the last row read gave. */
  lastSurvey: SurveyResponse | null = null;

  private constructor(
    private readonly spec: SurveyLaneSpec,
    private readonly fieldColumns: LaneColumn[],
    width: number,
    delimiter: number,
    recordDelimiter: number,
  ) {
    super(spec.columns, width, delimiter, recordDelimiter);
    this.values = new Array<unknown>(fieldColumns.length).fill(null);
  }

  /** The lane for a survey mapper's spec, or null when some read is not a plain one-cell reader. */
  static create(spec: SurveyLaneSpec | undefined, width: number, delimiter: string, recordDelimiter: number): SurveyLane | null {
    if (spec === undefined || !LaneCells.possible(width, delimiter, recordDelimiter)) return null;
    const fieldColumns = spec.reads.map((read) => LaneCells.column(spec.columns, read, width));
    if (fieldColumns.some((f) => f === null)) return null;
    return new SurveyLane(spec, fieldColumns as LaneColumn[], width, delimiter.charCodeAt(0), recordDelimiter);
  }

  /**
   * Read the record starting at `pos` (not an empty line) into `lastSurvey`. Returns the position
   * after its line end; 0 when the ordinary path must read it; -1 when its line end is not in the
   * bytes before `end` yet.
   */
  read(input: Buffer, pos: number, end: number, line: number): number {
    const buf = input as FastBuffer;
    const p = this.split(buf, pos, end);
    if (p <= 0) return p;
    const { values, fieldColumns } = this;
    for (let i = 0; i < fieldColumns.length; i++) {
      const v = this.value(buf, fieldColumns[i], line);
      if (v === BAD) return 0;
      values[i] = v;
    }
    this.beginProbe();
    let survey: SurveyResponse | null = null;
    try {
      survey = this.spec.response(values, line);
    } finally {
      if (this.endProbe()) survey = null;
    }
    if (survey === null) return 0;
    this.lastSurvey = survey;
    return p;
  }
}
