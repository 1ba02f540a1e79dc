import { UsageError } from '../errors.js';
import { GROUP_FIELDS, type GroupField } from './ticket-table.js';
import { parsePriority, parseStatus } from '../ingest/values.js';

const FLAG_FIELDS = ['escalated', 'solved'] as const;
type FlagField = (typeof FLAG_FIELDS)[number];

/** One `--where field=value` filter (`field!=value` negates). Values compare case-insensitively. */
export interface WhereFilter {
  field: GroupField | FlagField;
  values: string[];
  negate: boolean;
  /** `valuesOf` gives the record's values for a group field; `escalated` is 1/0/-1, `solved` boolean or null. */
  matches(valuesOf: (field: GroupField) => string[], escalated: number, solved: boolean | null): boolean;
}

/**
 * Parse repeatable `--where` flags. Filters on different fields must all match; several values
 * for the same field match any of them (`--where team=A --where team=B`).
 */
export function parseWhere(flags: string[]): WhereFilter[] {
  const byField = new Map<string, { field: GroupField | FlagField; values: string[]; negate: boolean }>();
  for (const flag of flags) {
    const m = /^\s*([A-Za-z_]+)\s*(!?=)\s*(.*)$/.exec(flag);
    if (m === null) throw new UsageError(`--where ${flag}: expected field=value (or field!=value)`, { hint: 'e.g. --where escalated=true --where team=Billing' });
    let field = m[1].toLowerCase();
    if (field === 'tags') field = 'tag';
    const known = (GROUP_FIELDS as readonly string[]).includes(field) || (FLAG_FIELDS as readonly string[]).includes(field);
    if (!known) throw new UsageError(`--where ${flag}: unknown field "${m[1]}"`, { hint: `valid fields: ${[...GROUP_FIELDS, ...FLAG_FIELDS].join(', ')}` });
    const negate = m[2] === '!=';
    const key = `${field}${m[2]}`;
    const entry = byField.get(key) ?? { field: field as GroupField | FlagField, values: [], negate };
    entry.values.push(m[3].trim().toLowerCase());
    byField.set(key, entry);
  }
  return [...byField.values()].map(({ field, values, negate }) => {
    const flag = (FLAG_FIELDS as readonly string[]).includes(field);
    const wanted = flag ? values.map((v) => parseFlag(field, v)) : values.map((v) => canonicalValue(field as GroupField, v));
    return {
      field, values, negate,
      matches(valuesOf, escalated, solved) {
        let hit: boolean;
        if (field === 'escalated') hit = escalated >= 0 && wanted.includes(escalated === 1 ? 'true' : 'false');
        else if (field === 'solved') hit = solved !== null && wanted.includes(solved ? 'true' : 'false');
        else hit = valuesOf(field as GroupField).some((v) => wanted.includes(v.toLowerCase()));
        return negate ? !hit : hit;
      },
    };
  });
}

/**
 * A status or priority as the tickets hold it: the words read as one in a file mean it in a
 * filter too (`--where status=resolved` is `solved`, `priority=medium` is `normal`); other words,
 * and other fields' values, as given.
 */
function canonicalValue(field: GroupField, value: string): string {
  if (field === 'status') {
    const status = parseStatus(value);
    return status === 'other' ? value : status;
  }
  if (field === 'priority') return parsePriority(value) ?? value;
  return value;
}

function parseFlag(field: string, value: string): string {
  if (['true', 'yes', 'y', '1'].includes(value)) return 'true';
  if (['false', 'no', 'n', '0'].includes(value)) return 'false';
  throw new UsageError(`--where ${field}=${value}: expected true or false`);
}
