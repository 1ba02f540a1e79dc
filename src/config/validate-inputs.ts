import { DATE_ORDERS, type DateOrder } from '../time/date-format.js';

/**
 * The config's `inputs` section: how to read exports that detection alone cannot settle.
 * `columns` renames a file's headers onto the generic names (`"ticket_id": "Call Id"`);
 * `values` rewrites cell values of a generic column before it is read (`"csat": {"Great": 5}`).
 */
export interface InputsConfig {
  /** Preset for every file, as `--source`. */
  source?: string;
  /** Order of numeric dates that no value decides, as `--date-order`. */
  dateOrder?: DateOrder;
  /** Generic field name → header in the export. */
  columns?: Record<string, string>;
  /** Generic field name → { cell value → value to read instead }. */
  values?: Record<string, Record<string, string | number | boolean>>;
}

const KEYS = ['source', 'dateOrder', 'columns', 'values'];

/** Check `inputs`; problems are pushed with their dotted path. */
export function validateInputs(raw: unknown, problems: string[]): void {
  if (raw === undefined) return;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('inputs: must be an object with source, dateOrder, columns and/or values');
    return;
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!KEYS.includes(key)) problems.push(`inputs.${key}: unknown key (valid keys: ${KEYS.join(', ')})`);
  if (r.source !== undefined && typeof r.source !== 'string') problems.push('inputs.source: must be a preset name (teamkpi inspect lists them)');
  if (r.dateOrder !== undefined && !DATE_ORDERS.includes(r.dateOrder as DateOrder)) problems.push(`inputs.dateOrder: must be one of ${DATE_ORDERS.join(', ')}`);
  if (r.columns !== undefined) {
    if (typeof r.columns !== 'object' || r.columns === null || Array.isArray(r.columns)) problems.push('inputs.columns: must map generic field names to headers, e.g. {"ticket_id": "Call Id"}');
    else for (const [field, header] of Object.entries(r.columns)) if (typeof header !== 'string') problems.push(`inputs.columns.${field}: must be a header name (text)`);
  }
  if (r.values !== undefined) {
    if (typeof r.values !== 'object' || r.values === null || Array.isArray(r.values)) problems.push('inputs.values: must map generic field names to value maps, e.g. {"csat": {"Great": 5}}');
    else {
      for (const [field, map] of Object.entries(r.values)) {
        if (typeof map !== 'object' || map === null || Array.isArray(map)) problems.push(`inputs.values.${field}: must be an object of cell value → value`);
        else for (const [from, to] of Object.entries(map)) if (!['string', 'number', 'boolean'].includes(typeof to)) problems.push(`inputs.values.${field}.${from}: must be text, a number or true/false`);
      }
    }
  }
}
