import type { CsatAnswer, SurveyResponse } from '../model/types.js';
import type { Columns } from './columns.js';
import type { CsatCell } from './csat.js';
import type { MapContext, MappedRow, RowMapper } from './preset.js';
import type { Read } from './ticket-mapper.js';

/** How a survey preset reads each canonical response field (readers built once per file). */
export interface SurveyPlan {
  ticketId?: Read<string | null>;
  respondedAt?: Read<number | null | undefined>;
  agent?: Read<string | null>;
  team?: Read<string | null>;
  csat?: Read<CsatCell>;
  nps?: Read<number | null>;
  ces?: Read<number | null>;
  /** Employee survey (its NPS is eNPS). */
  employee?: Read<boolean>;
  /** Column named in the "no answer" issue. */
  answerCol: number;
}

/** A RowMapper for survey responses; a row with no answer at all is skipped with an issue. */
export function surveyMapper(c: Columns, ctx: MapContext, plan: SurveyPlan): RowMapper {
  const p = plan;
  const get = <T>(read: Read<T> | undefined, record: string[], line: number, empty: T): T => (read === undefined ? empty : read(record, line));
  return {
    kind: 'surveys',
    mapping: c.mapping,
    prepare: c.prepare,
    dateFormats: c.dateFormats,
    map(record, line): MappedRow {
      const cell = get(p.csat, record, line, null);
      const csat: CsatAnswer | null = cell !== null && 'answer' in cell ? cell.answer : null;
      const offered = cell !== null && 'offered' in cell ? true : null;
      const nps = get(p.nps, record, line, null);
      const ces = get(p.ces, record, line, null);
      if (csat === null && nps === null && ces === null && offered === null) {
        c.issue('MISSING_VALUE', line, p.answerCol, null, 'the response has no CSAT, NPS or CES answer; the row is skipped');
        return { ticket: false, surveys: [], skipped: true };
      }
      const survey: SurveyResponse = {
        ticketId: get(p.ticketId, record, line, null),
        respondedAt: get(p.respondedAt, record, line, null) ?? null,
        agent: get(p.agent, record, line, null),
        team: get(p.team, record, line, null),
        csat,
        csatOffered: offered,
        nps,
        ces: ces === null ? null : cesAnswer(ces),
        kind: get(p.employee, record, line, false) ? 'employee' : 'customer',
        source: { file: ctx.file, line },
      };
      // An employee answer counts only in eNPS (README, employee surveys): without an NPS it counts in nothing.
      if (survey.kind === 'employee' && nps === null) {
        c.issue('MISSING_VALUE', line, p.answerCol, null, 'the employee response has no NPS answer (an employee survey counts only in eNPS); the row is skipped');
        return { ticket: false, surveys: [], skipped: true };
      }
      return { ticket: false, surveys: [survey], skipped: false };
    },
  };
}

const CES_ANSWERS = new Map<number, { score: number; scale: null }>();
/** The (frozen, shared) CES answer for a score: a survey file holds a few scores many times. */
export function cesAnswer(score: number): { score: number; scale: null } {
  let answer = CES_ANSWERS.get(score);
  if (answer === undefined) CES_ANSWERS.set(score, (answer = Object.freeze({ score, scale: null })));
  return answer;
}

/**
 * A score cell that may carry its label: `9`, `9 - Very likely`, `10 = Extremely likely`.
 * Null when empty; an issue and null when not a whole number in [min, max].
 */
export function scoreReader(c: Columns, col: number, min: number, max: number, what: string): Read<number | null> {
  if (col < 0) return () => null;
  return (record, line) => {
    const text = c.text(record, col);
    if (text === null) return null;
    const m = /^(\d{1,2})(?:\s*(?:[-=:–]\s*.*|\s.*))?$/.exec(text);
    const n = m === null ? NaN : Number(m[1]);
    if (Number.isNaN(n) || n < min || n > max) {
      c.issue(Number.isNaN(n) ? 'INVALID_NUMBER' : 'OUT_OF_RANGE', line, col, text, `${what} "${text}" is not a whole number from ${min} to ${max}`);
      return null;
    }
    return n;
  };
}

/** Question texts that identify the KPI a survey column measures. */
export const QUESTION = {
  nps: /recommend|recomendar|recommander|empfehlen|weiterempfehlen|consigli/i,
  employee: /place to work|to work (?:at|for)|working (?:at|for)|employer|work here|lugar para trabajar|lugar para trabalhar|endroit où travailler|arbeitgeber/i,
  csat: /satisf|zufrieden|happy with|how would you rate/i,
  ces: /\beasy\b|\beffort\b|f[aá]cil|facile|einfach/i,
};
