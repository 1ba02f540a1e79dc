import { readConfig } from '../config/read-config.js';
import { UsageError } from '../errors.js';
import { readInputs, type InputSpec } from '../ingest/read-inputs.js';
import { ReportBuilder, parseMetrics } from '../kpi/compute-report.js';
import { PRESETS } from '../ingest/presets/index.js';
import { IssueLog } from '../model/issue-log.js';
import type { IssueCode } from '../model/types.js';
import { columnsFed, formatInspectJson, formatInspectText, type FileInspection } from '../report/format-inspect.js';
import { getZone, isValidZone } from '../time/zone.js';
import { writeOutputFile, type Io } from './io.js';
import { parseDateOrder, parseNow } from './run-report.js';
import { VERSION } from './version.js';

export interface InspectFlags {
  tickets?: string[];
  surveys?: string[];
  source?: string;
  dateOrder?: string;
  inputTz?: string;
  now?: string;
  config?: string;
  format?: string;
  out?: string;
}

const FIRST_ISSUES = 10;

/**
 * `teamkpi inspect [files…]`: read each file as `report` would and show what was detected —
 * kind, source and confidence, encoding, delimiter, date format per date column, which
 * canonical field every header feeds, row counts and the first issues.
 */
export async function runInspect(files: string[], flags: InspectFlags, io: Io): Promise<number> {
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format ${format}: expected table or json`);
  const { config } = await readConfig(flags.config, process.cwd());
  const inputs: InputSpec[] = [
    ...files.map((file) => ({ file })),
    ...(flags.tickets ?? []).map((file) => ({ file, kind: 'tickets' as const })),
    ...(flags.surveys ?? []).map((file) => ({ file, kind: 'surveys' as const })),
  ];
  if (inputs.length === 0) throw new UsageError('no input files', { hint: 'teamkpi inspect export.csv' });
  const zoneName = flags.inputTz ?? config.inputTimezone ?? 'UTC';
  if (!isValidZone(zoneName)) throw new UsageError(`--input-tz ${zoneName}: unknown time zone`, { hint: 'use an IANA name such as Europe/Athens' });

  // The clock dates are checked against (more than a year after it is OUT_OF_RANGE), as `report` checks them.
  const now = flags.now === undefined ? io.now() : parseNow(flags.now);
  const results: FileInspection[] = [];
  for (const input of inputs) {
    const log = new IssueLog();
    // The file as an unbounded report reads it: its duplicates (tickets that repeat an id,
    // responses every answer of which a later one replaced) and issues are the report's own.
    const builder = new ReportBuilder({
      zone: getZone(zoneName), groupBy: [], period: 'all', window: { from: null, to: null }, dateBasis: 'created', where: [], kpis: parseMetrics(undefined),
      csatScale: config.csat?.scale, cesScale: config.ces?.scale, cesEffort: config.ces?.effort, minSample: 0, roster: config.roster, generatedAt: now.toISOString(), version: VERSION,
    }, log);
    let surveys = 0;
    const [info] = await readInputs([input], {
      inputZone: getZone(zoneName),
      source: flags.source ?? config.inputs?.source,
      dateOrder: parseDateOrder(flags.dateOrder) ?? config.inputs?.dateOrder,
      columns: config.inputs?.columns,
      values: config.inputs?.values,
      log,
      stdin: io.stdin,
      now: now.getTime(),
    }, {
      ticketRow: builder.addTicketRow,
      ticketRows: builder.addTicketRows,
      survey: (response) => {
        surveys++;
        builder.addSurvey(response);
      },
      surveyFrom: (columns, i, shift) => {
        surveys++;
        builder.addSurveyFrom(columns, i, shift);
      },
    });
    const tickets = builder.finish().rows[0]?.kpis.tickets?.value ?? 0;
    const summary = log.inputs[0];
    const byCode: Partial<Record<IssueCode, number>> = Object.fromEntries(log.byCode);
    results.push({
      file: info.file,
      kind: info.kind,
      source: info.source,
      sourceTitle: PRESETS.find((p) => p.name === info.source)?.title ?? null,
      confidence: Math.round(info.confidence * 100) / 100,
      encoding: info.encoding,
      delimiter: info.delimiter,
      headerRows: info.headerRows,
      rows: { read: summary.rowsRead, used: summary.rowsUsed, skipped: summary.rowsSkipped, duplicate: summary.rowsDuplicate },
      tickets,
      surveys,
      dateFormats: info.dateFormats,
      columns: columnsFed(info.header, info.mapping),
      issues: { total: log.total, byCode, first: log.issues.slice(0, FIRST_ISSUES) },
    });
  }
  const result = { schemaVersion: 1 as const, files: results };
  const text = format === 'json' ? formatInspectJson(result) : formatInspectText(result);
  if (flags.out !== undefined) await writeOutputFile(flags.out, text, inputs.map((i) => i.file));
  else io.stdout.write(text);
  return 0;
}
