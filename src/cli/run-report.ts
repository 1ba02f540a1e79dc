import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readConfig } from '../config/read-config.js';
import { InputError, UsageError } from '../errors.js';
import { namedZones, readInputs, type InputSpec } from '../ingest/read-inputs.js';
import { ReportBuilder, parseGroupBy, parseMetrics } from '../kpi/compute-report.js';
import { parseWhere } from '../kpi/where.js';
import { ISSUES_KEPT, IssueLog } from '../model/issue-log.js';
import type { ReportExtras } from '../model/extras.js';
import type { Report } from '../model/report.js';
import type { TicketBatch } from '../model/ticket-batch.js';
import type { RowIssue } from '../model/types.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { terminalText } from '../report/format-value.js';
import { PERIOD_UNITS, localDay, resolveWindow, type PeriodUnit } from '../time/period.js';
import { DATE_ORDERS, type DateOrder } from '../time/date-format.js';
import { canonicalZoneName, getZone, isValidZone } from '../time/zone.js';
import { parseTimestamp } from '../time/parse-timestamp.js';
import { decideColor, writeOutputFile, writePieces, type Io } from './io.js';
import { createProgress, progressEnabled } from './progress.js';
import { VERSION } from './version.js';
import { readBaseline } from './read-baseline.js';
import { baselineMismatch, compareReports } from '../stats/compare.js';
import { resolveMinSample } from '../stats/min-sample.js';
import { previousWindow } from '../time/period.js';
import { compareCodePoints } from '../compare-text.js';

/** Row issues an error under --strict lists (the first, then the next ones, one per line). */
const STRICT_LISTED = 10;

export interface ReportFlags {
  tickets?: string[];
  surveys?: string[];
  by?: string;
  period?: string;
  from?: string;
  to?: string;
  last?: string;
  asOf?: string;
  tz?: string;
  inputTz?: string;
  dateBasis?: string;
  hours?: string;
  sla?: string;
  where?: string[];
  metrics?: string;
  format?: string;
  out?: string;
  config?: string;
  source?: string;
  dateOrder?: string;
  strict?: boolean;
  minSample?: string;
  now?: string;
  color?: boolean;
  quiet?: boolean;
}

/** `report`'s own comparison and display flags (kept out of ReportFlags: `check` reads --compare/--baseline its own way). */
export interface ReportComparisonFlags {
  /** `previous`: compare with the window before, same length. */
  compare?: string;
  /** A previous JSON report to compare with. */
  baseline?: string;
  /** Show 95% intervals in tables; add `<id>_ci_low/_ci_high` CSV columns. */
  ci?: boolean;
}

/** Read the inputs and compute the report the flags describe (shared by `report` and later `check`). */
export async function buildReport(files: string[], flags: ReportFlags, io: Io, compare: Omit<ReportComparisonFlags, 'ci'> = {}): Promise<{ report: Report; log: IssueLog; inputs: InputSpec[]; extras: ReportExtras | null; minSample: { minSample: number; byKpi: Record<string, number> } }> {
  const { config } = await readConfig(flags.config, process.cwd());
  const inputs: InputSpec[] = [
    ...files.map((file) => ({ file })),
    ...(flags.tickets ?? []).map((file) => ({ file, kind: 'tickets' as const })),
    ...(flags.surveys ?? []).map((file) => ({ file, kind: 'surveys' as const })),
  ];
  if (inputs.length === 0) throw new UsageError('no input files', { hint: 'teamkpi report tickets.csv surveys.csv --by team' });
  readOnce(inputs, flags.quiet === true ? null : io);
  // Read in file-name order, so the order given on the command line (a shell glob, a cron line)
  // cannot change which of two equal duplicates wins or the order of inputs and issues. The name
  // is the file's own (`./x.csv`, `data/x.csv` and `/abs/x.csv` sort as `x.csv`), then the path.
  inputs.sort((a, b) => compareCodePoints(basename(a.file), basename(b.file)) || compareCodePoints(a.file, b.file));

  const inputZoneName = flags.inputTz ?? config.inputTimezone ?? 'UTC';
  // The report zone: --tz, the config's, else the input zone — --input-tz, the zone the exports
  // name for their timestamps (when they name one, and only one), the config's — else UTC (DESIGN §6).
  let zoneName = flags.tz ?? config.timezone ?? flags.inputTz;
  if (zoneName === undefined && isValidZone(inputZoneName)) {
    const named = namedZones(inputs, { source: flags.source ?? config.inputs?.source, columns: config.inputs?.columns, inputZone: getZone(inputZoneName) });
    if (named.size === 1) zoneName = [...named.values()][0];
  }
  zoneName ??= config.inputTimezone ?? 'UTC';
  // The input zone first: the report zone falls back to it, and a bad one is the --input-tz given.
  for (const [flag, name] of [['--input-tz', inputZoneName], ['--tz', zoneName]] as const) {
    if (!isValidZone(name)) throw new UsageError(`${flag} ${name}: unknown time zone`, { hint: 'use an IANA name such as Europe/Athens, America/New_York or UTC' });
  }
  zoneName = canonicalZoneName(zoneName);
  const zone = getZone(zoneName);
  const period = (flags.period ?? 'all') as PeriodUnit;
  if (!PERIOD_UNITS.includes(period)) throw new UsageError(`--period ${flags.period}: expected ${PERIOD_UNITS.join(', ')}`);
  const dateBasis = flags.dateBasis ?? 'created';
  if (dateBasis !== 'created' && dateBasis !== 'solved') throw new UsageError(`--date-basis ${dateBasis}: expected created or solved`);
  const hours = flags.hours ?? 'calendar';
  if (hours !== 'calendar' && hours !== 'business') throw new UsageError(`--hours ${hours}: expected calendar or business`);
  const slaMode = flags.sla ?? 'export';
  if (slaMode !== 'export' && slaMode !== 'recompute') throw new UsageError(`--sla ${slaMode}: expected export or recompute`);
  const now = flags.now === undefined ? io.now() : parseNow(flags.now);
  const window = resolveWindow({ from: flags.from, to: flags.to, last: flags.last, asOf: flags.asOf }, localDay(now.getTime(), zone));
  const minSampleFlag = flags.minSample === undefined ? undefined : Number(flags.minSample);
  if (minSampleFlag !== undefined && (!Number.isInteger(minSampleFlag) || minSampleFlag < 0)) throw new UsageError(`--min-sample ${flags.minSample}: expected a whole number ≥ 0`, { hint: 'values with n below it are flagged lowSample; e.g. --min-sample 20 (the default), or 0 to flag none' });
  const { minSample, byKpi: minSampleByKpi } = resolveMinSample(config.minSample, minSampleFlag);
  if (compare.compare !== undefined && compare.compare !== 'previous') throw new UsageError(`--compare ${compare.compare}: expected "previous"`, { hint: 'to compare with a saved report use --baseline old-report.json' });
  if (compare.compare !== undefined && compare.baseline !== undefined) throw new UsageError('--compare previous and --baseline cannot be combined', { hint: 'pick one baseline: the window before (--compare previous) or a saved report (--baseline FILE)' });
  const comparedWindow = compare.compare === undefined ? null : previousWindow(window, flags.last);
  if (compare.compare !== undefined && comparedWindow === null) {
    throw new UsageError('--compare previous needs a bounded window', { hint: 'give --last week|month|quarter|Nd, or both --from and --to' });
  }
  const baseline = compare.baseline === undefined ? null : await readBaseline(compare.baseline);
  const mismatch = baseline === null ? null : baselineMismatch({ groupBy: parseGroupBy(flags.by), period, hours, dateBasis, timezone: zoneName }, baseline);
  if (mismatch !== null) throw new UsageError(`--baseline ${compare.baseline}: ${mismatch.what}`, { location: compare.baseline, hint: mismatch.hint });

  const log = new IssueLog();
  const options: ConstructorParameters<typeof ReportBuilder>[0] = {
    zone,
    groupBy: parseGroupBy(flags.by),
    period,
    window,
    dateBasis,
    where: parseWhere(flags.where ?? []),
    kpis: parseMetrics(flags.metrics),
    csatScale: config.csat?.scale,
    cesScale: config.ces?.scale,
    cesEffort: config.ces?.effort,
    minSample,
    minSampleByKpi,
    roster: config.roster,
    generatedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    version: VERSION,
    extras: flags.format === 'html',
    hours,
    businessHours: config.businessHours,
    sla: config.sla,
    slaMode,
    now: now.getTime(),
  };
  const builder = new ReportBuilder(options, log);
  // --compare previous: a second builder over the window before, fed the same rows in the same pass.
  const previous = comparedWindow === null ? null : new ReportBuilder({ ...options, window: comparedWindow, extras: false }, new IssueLog());
  const handlers = previous === null
    ? {
      ticketRow: builder.addTicketRow, ticketRows: builder.addTicketRows, survey: builder.addSurvey, surveyFrom: builder.addSurveyFrom, surveyColumns: builder.surveyColumns,
      reserveTickets: builder.reserveTickets, reserveSurveys: builder.reserveSurveys,
    }
    : {
      ticketRow: (b: TicketBatch, k: number) => { builder.addTicketRow(b, k); previous.addTicketRow(b, k); },
      reserveTickets: builder.reserveTickets,
      survey: (r: Parameters<typeof builder.addSurvey>[0]) => { builder.addSurvey(r); previous.addSurvey(r); },
    };
  const progress = createProgress({ stream: io.stderr, enabled: progressEnabled(io.stderr, flags.quiet, io.env), now: () => Date.now() });
  try {
    await readInputs(inputs, { inputZone: getZone(inputZoneName), source: flags.source ?? config.inputs?.source, dateOrder: parseDateOrder(flags.dateOrder) ?? config.inputs?.dateOrder, columns: config.inputs?.columns, values: config.inputs?.values, log, stdin: io.stdin, now: now.getTime(), onProgress: progress.onProgress, tags: builder.usesTags || previous?.usesTags === true }, handlers);
  } finally {
    progress.stop();
  }
  const report = builder.finish();
  if (previous !== null) {
    const before = previous.finish();
    report.comparison = compareReports(report, before, { source: 'previous', basisOf: (row, id) => builder.bases.get(row)?.[id] ?? previous.bases.get(row)?.[id] });
  } else if (baseline !== null) {
    report.comparison = compareReports(report, baseline, { source: 'file', file: compare.baseline, basisOf: (row, id) => builder.bases.get(row)?.[id] });
  }
  if (flags.strict && log.total > 0) {
    // In file and line order: issues found after reading (an answer outside the scale the whole
    // file shows) come after the others in the log, yet the first row at fault is named first.
    const first = log.earliest!;
    const listed = [...log.issues].sort((a, b) => log.compareIssues(a, b)).filter((issue) => issue !== first).slice(0, STRICT_LISTED - 1).map(renderIssue);
    if (log.total > STRICT_LISTED) listed.push(`… ${log.total - STRICT_LISTED} more (run without --strict to see them counted; --format json lists the first ${ISSUES_KEPT})`);
    throw new InputError(`${renderIssue(first)} (--strict: ${log.total} row issue${log.total === 1 ? '' : 's'} in all)`, {
      location: `${first.file}:${first.line}`,
      items: listed,
      hint: 'fix the rows listed, or run without --strict to skip them and count them in the report',
    });
  }
  return { report, log, inputs, extras: builder.extras(), minSample: { minSample, byKpi: minSampleByKpi } };
}

/** `teamkpi report`: print or write the report; row issues are summarised on stderr. */
export async function runReport(files: string[], flags: ReportFlags & ReportComparisonFlags, io: Io): Promise<number> {
  const format = (flags.format ?? 'table') as ReportFormat;
  if (!(format in REPORT_FORMATS)) throw new UsageError(`--format ${flags.format}: expected one of ${Object.keys(REPORT_FORMATS).join(', ')}`);
  const { report, log, inputs, extras } = await buildReport(files, flags, io, { compare: flags.compare, baseline: flags.baseline });
  const toFile = flags.out !== undefined;
  const tty = !toFile && io.stdout.isTTY === true;
  const color = !toFile && decideColor(flags.color, io.env, tty);
  const formatter = await REPORT_FORMATS[format]();
  const text = formatter(report, { color, tty, width: io.stdout.columns, metricsChosen: flags.metrics !== undefined, extras, ci: flags.ci === true });
  if (!flags.quiet) printIssueSummary(log, io, decideColor(flags.color, io.env, io.stderr.isTTY === true));
  if (toFile) await writeOutputFile(flags.out!, text, inputs.map((i) => i.file));
  else if (typeof text === 'string') io.stdout.write(text);
  else await writePieces(io.stdout, text);
  return 0;
}

/** `file:line: column "X": message` — the one-line form of a row issue. */
export function renderIssue(issue: RowIssue): string {
  return terminalText(`${issue.file}:${issue.line}: ${issue.column === null ? '' : `column "${issue.column}": `}${issue.message}`);
}

export function printIssueSummary(log: IssueLog, io: Io, color = false): void {
  if (log.total === 0) return;
  const shown = log.issues.slice(0, 10);
  const lines = [`teamkpi: ${color ? '\x1b[33mwarning\x1b[39m' : 'warning'}: ${log.total} row issue${log.total === 1 ? '' : 's'} (rows or values skipped and counted):`];
  for (const issue of shown) lines.push(`  ${issue.code} ${renderIssue(issue)}`);
  if (log.total > shown.length) lines.push(`  …and ${log.total - shown.length} more (all counts in --format json under dataQuality)`);
  io.stderr.write(lines.join('\n') + '\n');
}

/** `--date-order dmy|mdy`; undefined when not given. */
export function parseDateOrder(text: string | undefined): DateOrder | undefined {
  if (text === undefined) return undefined;
  const order = text.toLowerCase();
  if (!(DATE_ORDERS as readonly string[]).includes(order)) throw new UsageError(`--date-order ${text}: expected dmy (day first, 13/01/2025) or mdy (month first, 01/13/2025)`);
  return order as DateOrder;
}

export function parseNow(text: string): Date {
  // By the report's own ISO-8601 parser, a time without an offset as UTC: `new Date` read one in
  // the machine's zone, so the same command gave another clock on another machine.
  const date = new Date(parseTimestamp(text.trim(), getZone('UTC')));
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now ${text}: expected an ISO-8601 time like 2026-11-23T07:00:00Z`, { hint: '--now sets the report\'s clock (open tickets, --last); a date alone means its midnight in UTC: --now 2026-11-23' });
  return date;
}

/** Files already warned about as given twice, in this process (`check` builds a report per scope). */
const warnedTwice = new Set<string>();

/**
 * The same file named twice (a glob and a name, `x.csv` and `./x.csv`) is read once, with a
 * warning: read twice, every row of it would be a duplicate of itself and every issue doubled.
 */
/**
 * What makes two names one file: its device and inode when it exists (a symlink or a hard link to
 * an input is that input), else its resolved path (the read then reports it missing).
 */
function sameFileKey(file: string): string {
  const info = statSync(file, { throwIfNoEntry: false });
  return info === undefined ? resolve(file) : `${info.dev}:${info.ino}`;
}

function readOnce(inputs: InputSpec[], io: Io | null): void {
  const seen = new Map<string, InputSpec>();
  for (let i = 0; i < inputs.length; i++) {
    const key = inputs[i].file === '-' ? '-' : sameFileKey(inputs[i].file);
    const kept = seen.get(key);
    if (kept === undefined) {
      seen.set(key, inputs[i]);
      continue;
    }
    // Named once plainly and once with --tickets/--surveys: the kind asked for stands.
    kept.kind ??= inputs[i].kind;
    if (io !== null && !warnedTwice.has(key)) io.stderr.write(`teamkpi: warning: ${terminalText(inputs[i].file)} is given twice; it is read once\n`);
    warnedTwice.add(key);
    inputs.splice(i--, 1);
  }
}
