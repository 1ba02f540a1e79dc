import type { CsatAnswer } from '../model/types.js';
import type { Columns } from './columns.js';

const GOOD = new Set(['good', 'satisfied', 'positive', 'happy', 'great', 'thumbs up', 'yes']);
const BAD = new Set(['bad', 'unsatisfied', 'dissatisfied', 'negative', 'unhappy', 'not good', 'thumbs down', 'no']);
const OFFERED = new Set(['offered', 'sent', 'unanswered', 'no response']);
const NOT_OFFERED = new Set(['unoffered', 'not offered', 'not sent']);

/** A CSAT cell read as an answer, "offered but unanswered", or nothing. */
export type CsatCell = { answer: CsatAnswer } | { offered: true } | null;

/**
 * Read a CSAT cell: a whole number 0–10 (its scale is detected later over the whole column),
 * Good/Bad words, or `Offered` (survey sent, no answer). Anything else is a row issue.
 */
export function readCsatCell(cols: Columns, record: string[], line: number, col: number): CsatCell {
  const text = cols.text(record, col);
  if (text === null) return null;
  const lower = text.toLowerCase();
  if (GOOD.has(lower)) return { answer: { raw: text, score: 1, scale: 'good-bad' } };
  if (BAD.has(lower)) return { answer: { raw: text, score: 0, scale: 'good-bad' } };
  if (OFFERED.has(lower)) return { offered: true };
  if (NOT_OFFERED.has(lower)) return null;
  const score = cols.score(record, line, col, 0, 10, true, 'CSAT score');
  return score === null ? null : { answer: { raw: text, score, scale: null } };
}
