import type { Priority, Status } from '../model/types.js';

/**
 * Trimmed cell text, or null when the cell is empty or holds only whitespace. `trim()` also
 * strips no-break spaces (U+00A0), which Excel re-saves and Zendesk Explore use as "blank".
 */
export function cellText(raw: string | undefined): string | null {
  if (raw === undefined || raw.length === 0) return null;
  const text = raw.trim();
  return text.length === 0 ? null : text;
}

/**
 * Header names for an error message: quoted (so control characters show escaped) and cut after
 * `max` names, so a file with 100,000 columns gives a readable message.
 */
export function listHeaders(header: string[], max = 40): string {
  const shown = header.slice(0, max).map((h) => JSON.stringify(h.length > 80 ? `${h.slice(0, 80)}…` : h));
  return header.length > max ? `${shown.join(', ')} …and ${header.length - max} more` : shown.join(', ');
}

/** Header names compare case-insensitively with spaces, underscores and hyphens alike. */
export function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-]+/g, '_');
}

const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f']);

/**
 * Cache a cell parser's results by text. The fast tokenizer gives repeated cell values as one
 * shared string, so the lookup is cheap; a column of distinct values stops filling the cache.
 */
function memo<T>(parse: (text: string) => T, limit = 4096): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = parse(text);
    if (cache.size < limit) cache.set(text, value);
    return value;
  };
}

const booleanOf = memo(readBoolean);
/** `true/false/yes/no/y/n/1/0` (any case); undefined when the text is none of them. */
export function parseBoolean(text: string): boolean | undefined {
  return booleanOf(text);
}

function readBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return undefined;
}

const countOf = memo(readCount);
/** A non-negative whole number (`3`, `3.0`); NaN otherwise. */
export function parseCount(text: string): number {
  return countOf(text);
}

function readCount(text: string): number {
  if (!/^\+?\d+(\.0*)?$/.test(text)) return NaN;
  const n = Number.parseInt(text, 10);
  return Number.isSafeInteger(n) ? n : NaN;
}

/**
 * A file's decimal mark where its numbers show it (Columns.prepare), else null: then a single
 * mark before three digits (`2,000`, `2.000`) is read as a decimal mark.
 */
export type DecimalMark = ',' | '.' | null;

const numberOf = memo(readNumber);
const numberOfCommaFile = memo((text) => readGrouped(text, /^[+-]?\d{1,3}(?:\.\d{3})+$/) ?? readNumber(text));
const numberOfDotFile = memo((text) => readGrouped(text, /^[+-]?\d{1,3}(?:,\d{3})+$/) ?? readNumber(text));
/**
 * A finite decimal number (`4`, `4.5`, `-2`; a decimal comma is accepted; thousands separators
 * where they cannot be a decimal mark: `1.234,5`, `1,234.5`, `1,234,567`, and `2.000` in a file
 * whose decimal mark is a comma); NaN otherwise.
 */
export function parseNumber(text: string, mark: DecimalMark = null): number {
  return mark === null ? numberOf(text) : mark === ',' ? numberOfCommaFile(text) : numberOfDotFile(text);
}

/** Digits in groups of three, read as a whole number when `shape` matches; null otherwise. */
function readGrouped(text: string, shape: RegExp): number | null {
  return shape.test(text) ? Number(text.replace(/[.,]/g, '')) : null;
}

/** A cell that shows its file's decimal mark: the mark before other than three digits, or after grouped thousands. */
export const COMMA_DECIMAL = /^[+-]?(?:\d+,(?:\d{1,2}|\d{4,})|\d{1,3}(?:\.\d{3})+,\d+)$/;
export const DOT_DECIMAL = /^[+-]?(?:\d*\.(?:\d{1,2}|\d{4,})|\d{1,3}(?:,\d{3})+\.\d+)$/;

/** Grouped thousands, with or without a decimal part after the other mark: [sign, grouped digits, decimals]. */
const GROUPED_DOT = /^([+-]?)(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const GROUPED_COMMA = /^([+-]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

function readNumber(text: string): number {
  // One grouping mark alone (`2.000`, `2,000`) could be a decimal mark: it is read as one, as
  // before. Two of them (`1.234.567`), or both marks (`1.234,5`), can only be grouping.
  const grouped = GROUPED_DOT.exec(text) ?? GROUPED_COMMA.exec(text);
  if (grouped !== null && (grouped[3] !== undefined || grouped[2].length > 7)) {
    return Number(`${grouped[1]}${grouped[2].replace(/[.,]/g, '')}.${grouped[3] ?? '0'}`);
  }
  const normalized = /^[+-]?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normalized)) return NaN;
  const n = Number(normalized);
  // `1e400` matches the shape but is Infinity, which no count, score or duration can be.
  return Number.isFinite(n) ? n : NaN;
}

const PRIORITIES: Record<string, Priority> = {
  low: 'low', lowest: 'low', minor: 'low', trivial: 'low', p4: 'low', p5: 'low', '4': 'low',
  normal: 'normal', medium: 'normal', moderate: 'normal', p3: 'normal', '3': 'normal',
  high: 'high', major: 'high', highest: 'high', p2: 'high', '2': 'high',
  urgent: 'urgent', critical: 'urgent', blocker: 'urgent', emergency: 'urgent', p1: 'urgent', '1': 'urgent',
  // Jira's default priorities as its Spanish, Portuguese, French and German exports name them
  // (Highest … Lowest, read as the English words are), and the urgent words of those languages.
  'más alta': 'high', alta: 'high', media: 'normal', baja: 'low', 'más baja': 'low',
  'mais alta': 'high', 'média': 'normal', baixa: 'low', 'mais baixa': 'low',
  'la plus haute': 'high', 'très haute': 'high', haute: 'high', moyenne: 'normal', basse: 'low', 'la plus basse': 'low', 'très basse': 'low',
  'höchste': 'high', hoch: 'high', mittel: 'normal', niedrig: 'low', niedrigste: 'low',
  urgente: 'urgent', 'crítica': 'urgent', 'crítico': 'urgent', critique: 'urgent', dringend: 'urgent', kritisch: 'urgent',
};

/** Map a priority word onto low|normal|high|urgent; undefined when it is not a known word. */
export function parsePriority(text: string): Priority | undefined {
  return priorityOf(text);
}

const priorityOf = memo(readPriority);
function readPriority(text: string): Priority | undefined {
  const word = text.toLowerCase().replace(/^\d\s*-\s*/, '');
  // Own keys only: a cell reading "constructor" must not find Object.prototype's.
  return Object.hasOwn(PRIORITIES, word) ? PRIORITIES[word] : undefined;
}

const STATUSES: Record<string, Status> = {
  new: 'new', open: 'open', pending: 'pending', hold: 'hold', 'on-hold': 'hold', 'on hold': 'hold', onhold: 'hold',
  solved: 'solved', resolved: 'solved', done: 'solved', completed: 'solved', complete: 'solved', fixed: 'solved',
  closed: 'closed', archived: 'closed',
  waiting: 'pending', 'waiting on customer': 'pending', 'in progress': 'open', active: 'open', reopened: 'open', snoozed: 'pending',
};

/** Map a status word onto the canonical statuses; unknown words become `other`. */
export function parseStatus(text: string): Status {
  return statusOf(text);
}

const statusOf = memo((text: string): Status => {
  const word = text.toLowerCase();
  return Object.hasOwn(STATUSES, word) ? STATUSES[word] : 'other';
});

/** Split a tag cell: tags are separated by commas, semicolons, pipes or whitespace. */
export function splitTags(text: string): string[] {
  return tagsOf(text);
}

// Shared between rows with the same tag cell, so frozen: a caller that wants to change the list copies it.
const tagsOf = memo((text: string): string[] => Object.freeze(text.split(/[,;|\s]+/).filter((tag) => tag.length > 0)) as string[]);

export type DurationUnit = 'seconds' | 'milliseconds' | 'minutes' | 'hours' | 'days' | 'hms' | 'signed-hm';

const PER_MINUTE: Record<Exclude<DurationUnit, 'hms' | 'signed-hm'>, number> = {
  seconds: 1 / 60, milliseconds: 1 / 60_000, minutes: 1, hours: 60, days: 1440,
};

/** Minutes per unit of a plain-number duration unit (what `parseDuration` multiplies by); null for `hms`, `signed-hm`. */
export function minutesPerUnit(unit: DurationUnit): number | null {
  return unit === 'hms' || unit === 'signed-hm' ? null : PER_MINUTE[unit];
}

/** A duration in minutes (see `Columns.duration` for the units); NaN when unreadable. */
export function parseDuration(text: string, unit: DurationUnit, mark: DecimalMark = null): number {
  if (unit === 'hms' || unit === 'signed-hm') {
    const m = /^([+-])?(\d+):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?$/.exec(text);
    if (m === null) return NaN;
    const minutes = +m[2] * 60 + +m[3] + (m[4] === undefined ? 0 : +m[4] / 60);
    // A negative time span (`-01:00:00`) is read as such: the table drops it as a
    // NEGATIVE_DURATION, as it does any negative duration (DESIGN §4).
    return m[1] === '-' ? -minutes : minutes;
  }
  const n = parseNumber(text, mark);
  return Number.isNaN(n) ? NaN : n * PER_MINUTE[unit];
}
