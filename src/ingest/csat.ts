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
export function readCsatCell(cols: Columns, record: string[], line: number, col: number, words?: ReadonlyMap<string, 0 | 1>): CsatCell {
  const text = cols.text(record, col);
  if (text === null) return null;
  // A cell text read before gives the same (frozen, shared) answer: survey files repeat a few
  // values hundreds of thousands of times. Texts that raised an issue are not remembered, so the
  // issue is reported for every row that has it.
  let known = remembered.get(words ?? NO_WORDS);
  if (known === undefined) remembered.set(words ?? NO_WORDS, (known = new Map()));
  const hit = known.get(text);
  if (hit !== undefined) return hit;
  const cell = readCsatText(cols, record, line, col, text, words);
  if (known.size < 4096 && (cell !== null || NOT_OFFERED.has(text.toLowerCase()))) known.set(text, deepFreeze(cell));
  return cell;
}

const NO_WORDS: ReadonlyMap<string, 0 | 1> = new Map();
const remembered = new Map<ReadonlyMap<string, 0 | 1>, Map<string, CsatCell>>();

function deepFreeze(cell: CsatCell): CsatCell {
  if (cell !== null && 'answer' in cell) Object.freeze(cell.answer);
  return Object.freeze(cell);
}

function readCsatText(cols: Columns, record: string[], line: number, col: number, text: string, words?: ReadonlyMap<string, 0 | 1>): CsatCell {
  const lower = text.toLowerCase();
  const word = words?.get(lower);
  if (word !== undefined) return { answer: { raw: text, score: word, scale: 'good-bad' } };
  if (GOOD.has(lower)) return { answer: { raw: text, score: 1, scale: 'good-bad' } };
  if (BAD.has(lower)) return { answer: { raw: text, score: 0, scale: 'good-bad' } };
  if (OFFERED.has(lower)) return { offered: true };
  if (NOT_OFFERED.has(lower)) return null;
  // A score with its label, as survey tools export numbered scales: `5 - Very satisfied`.
  const labelled = /^(\d{1,2})\s*[-=:–]\s*\p{L}/u.exec(text);
  if (labelled !== null) {
    const n = Number(labelled[1]);
    if (n <= 10) return { answer: { raw: text, score: n, scale: null } };
    cols.issue('OUT_OF_RANGE', line, col, text, `CSAT score "${text}" is outside 0–10 (whole numbers)`);
    return null;
  }
  // A word this column does not know: the message names the words it does (a Zendesk rating column
  // holds Good/Bad/Offered, and "expected a number" alone sent users the wrong way).
  const score = cols.score(record, line, col, 0, 10, true, 'CSAT score', ` or a rating word (${[...(words?.keys() ?? []), 'good', 'bad', 'offered', 'not offered'].filter((w, i, all) => all.indexOf(w) === i).slice(0, 8).join(', ')} …)`);
  return score === null ? null : { answer: { raw: text, score, scale: null } };
}

/**
 * Labels that are satisfied on their family's 3- and 5-point scales but are 5 of 7 on its 7-point
 * one (DESIGN: top-2 of 7 is 6–7), with the labels only the 7-point scale has. When a report's
 * answers include one of those, the middle label is read as not satisfied (ComputeReport).
 */
export const SEVEN_LABEL_SCALES: readonly { middle: string; seven: readonly string[] }[] = [
  // Freshdesk: Extremely happy, Very happy, Happy, Neutral, Unhappy, Very unhappy, Extremely unhappy.
  { middle: 'happy', seven: ['extremely happy', 'extremely unhappy'] },
  // SurveyMonkey: Completely, Mostly, Somewhat satisfied, Neither …, Somewhat, Mostly, Completely dissatisfied.
  { middle: 'somewhat satisfied', seven: ['completely satisfied', 'mostly satisfied', 'mostly dissatisfied', 'completely dissatisfied'] },
];

/**
 * Vendor satisfaction labels read as satisfied (1) or not (0). Neutral answers count as rated
 * but not satisfied, as Freshdesk and Simplesat do (a neutral stays in the denominator).
 */
export const CSAT_WORDS: ReadonlyMap<string, 0 | 1> = new Map<string, 0 | 1>([
  // Freshdesk survey labels (classic and custom 3/5/7-point)
  ['extremely happy', 1], ['very happy', 1], ['happy', 1], ['awesome', 1],
  ['neutral', 0], ['just okay', 0], ['okay', 0], ['ok', 0], ['unhappy', 0], ['very unhappy', 0], ['extremely unhappy', 0],
  // Help Scout (Great/Okay/Not Good), Zoho Desk (Good/Okay/Bad), HubSpot (satisfied/neutral/dissatisfied)
  ['great', 1], ['not good', 0], ['satisfied', 1], ['dissatisfied', 0], ['good', 1], ['bad', 0],
  // Survey-tool label scales (SurveyMonkey, Typeform): top-2 of 5 labels are satisfied — Very /
  // Somewhat satisfied of Very … Very dissatisfied; Extremely / Very of Extremely … Not at all
  // satisfied; and of 7 labels Completely / Mostly satisfied ("somewhat satisfied" is then 5 of
  // 7: SEVEN_LABEL_SCALES).
  ['very satisfied', 1], ['somewhat satisfied', 1], ['extremely satisfied', 1], ['completely satisfied', 1], ['mostly satisfied', 1],
  ['moderately satisfied', 0], ['slightly satisfied', 0], ['not at all satisfied', 0],
  ['very dissatisfied', 0], ['extremely dissatisfied', 0], ['completely dissatisfied', 0], ['mostly dissatisfied', 0],
  ['somewhat dissatisfied', 0], ['neither satisfied nor dissatisfied', 0], ['neither satisfied or dissatisfied', 0], ['unsatisfied', 0], ['very unsatisfied', 0],
  // Intercom emoji labels
  ['amazing', 1], ['terrible', 0],
]);
