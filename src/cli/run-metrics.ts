import Table from 'cli-table3';
import { UsageError } from '../errors.js';
import { KPIS, type MethodContext } from '../kpi/catalog.js';
import type { Io } from './io.js';
import { PLAIN_TABLE_CHARS } from '../report/format-value.js';

/** Methods as printed when no data has been read: the defaults each KPI starts from. */
const DEFAULT_CONTEXT: MethodContext = { fcrMethod: null, csatScale: 5, csatPoints: 5, cesScale: 7, offeredKnown: true, catalog: true };

/** `teamkpi metrics`: the KPI catalog as a table or JSON. */
export function runMetrics(flags: { format?: string }, io: Io): number {
  const rows = KPIS.map((k) => ({ id: k.id, label: k.label, unit: k.unit, direction: k.direction, method: k.method(DEFAULT_CONTEXT) }));
  const format = flags.format ?? 'table';
  if (format === 'json') {
    io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  if (format !== 'table') throw new UsageError(`--format ${format}: expected table or json`);
  const table = new Table({ head: ['id', 'label', 'unit', 'better', 'definition'], style: { head: [], border: [] }, wordWrap: true, colWidths: [28, 22, 9, 8, 66], chars: io.stdout.isTTY === true ? {} : PLAIN_TABLE_CHARS });
  for (const r of rows) table.push([r.id, r.label, r.unit, r.direction, r.method]);
  io.stdout.write(table.toString() + '\nFCR method is chosen from the data: flag, else one-touch, else customer-messages; reports print the one used.\n');
  return 0;
}
