import { appendFile, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { CheckOutput } from '../check/describe-finding.js';
import { evaluateThresholds } from '../check/evaluate-thresholds.js';
import { CHECK_FORMATS, type CheckFormat } from '../check/formats.js';
import { parseBaselineReport } from '../check/parse-baseline.js';
import { computedDifferently } from '../stats/compare.js';
import { readConfig } from '../config/read-config.js';
import type { ThresholdConfig } from '../config/validate-thresholds.js';
import { ConfigError, InputError, OutputError, UsageError } from '../errors.js';
import type { IssueLog } from '../model/issue-log.js';
import type { Report } from '../model/report.js';
import { formatDay, previousWindow } from '../time/period.js';
import { parseDay } from '../time/parse-timestamp.js';
import { EXIT_BREACH, EXIT_OK } from './exit-codes.js';
import { decideColor, exitCodeIfOutputCloses, writeOutputFile, type Io } from './io.js';
import { buildReport, printIssueSummary, type ReportFlags } from './run-report.js';
import { resolveMinSample } from '../stats/min-sample.js';

export interface CheckFlags extends ReportFlags {
  /** JSON reports holding the values `maxDrop`/`maxRise` compare with (repeatable). */
  baseline?: string[];
  /** `previous`: compare with the window of the same length just before this one. */
  compare?: string;
}

/**
 * `teamkpi check`: compute the report(s) the thresholds need — one per scope, because a team
 * threshold needs team rows and a median cannot be rebuilt from agent×team rows — evaluate the
 * thresholds and print the findings. Exit 0 when no error-level threshold failed, 1 when one did;
 * anything that makes the result untrustworthy throws (exit 2 in main.ts).
 */
export async function runCheck(files: string[], flags: CheckFlags, io: Io): Promise<number> {
  const format = (flags.format ?? 'text') as CheckFormat;
  if (!(format in CHECK_FORMATS)) throw new UsageError(`--format ${flags.format}: expected one of ${Object.keys(CHECK_FORMATS).join(', ')}`);
  const { config, path } = await readConfig(flags.config, process.cwd());
  const thresholds: ThresholdConfig[] = config.thresholds ?? [];
  if (thresholds.length === 0) {
    throw new ConfigError(`${path ?? 'no config file'}: no thresholds to check`, {
      location: path ?? undefined,
      hint: 'add a "thresholds" list to teamkpi.config.json (or pass --config FILE), e.g. [{"kpi": "csat_pct", "scope": "team", "min": 85}]',
    });
  }
  if (flags.compare !== undefined && flags.compare !== 'previous') throw new UsageError(`--compare ${flags.compare}: expected previous`);
  if (flags.compare !== undefined && flags.baseline !== undefined) throw new UsageError('--compare and --baseline cannot be combined', { hint: 'compare with either the previous window or a saved JSON report' });
  const regression = thresholds.map((t, i) => ({ t, i })).filter(({ t }) => t.maxDrop !== undefined || t.maxRise !== undefined);
  if (regression.length > 0 && flags.compare === undefined && flags.baseline === undefined) {
    throw new UsageError(`thresholds[${regression[0].i}] sets ${regression[0].t.maxDrop !== undefined ? 'maxDrop' : 'maxRise'}, which needs something to compare with`, {
      location: `thresholds[${regression[0].i}]`,
      hint: 'pass --compare previous (the window before this one) or --baseline old-report.json (from teamkpi report --format json)',
    });
  }

  const scopes = [...new Set(thresholds.map((t) => t.scope).filter((s) => s !== 'overall'))];
  const metrics = [...new Set(thresholds.map((t) => t.kpi))].join(',');
  const stdinIo = await replayableStdin(files, flags, io);
  const computeAll = async (windowFlags: Partial<ReportFlags>): Promise<{ reports: Report[]; log: IssueLog }> => {
    const reports: Report[] = [];
    let log: IssueLog | null = null;
    for (const by of scopes.length === 0 ? [undefined] : scopes) {
      // --baseline/--compare are check's own here: buildReport must not act on them too.
      const built = await buildReport(files, { ...flags, baseline: undefined, compare: undefined, ...windowFlags, by, period: 'all', metrics } as ReportFlags, stdinIo());
      reports.push(built.report);
      log ??= built.log;
    }
    return { reports, log: log! };
  };
  const { reports, log } = await computeAll({});

  let baseline: Report[] | undefined;
  let baselineInfo: CheckOutput['baseline'] = null;
  if (flags.compare === 'previous') {
    const w = reports[0].window;
    const previous = w.from === null || w.to === null ? null : previousWindow({ from: parseDay(w.from), to: parseDay(w.to) }, flags.last);
    if (previous === null || previous.from === null || previous.to === null) {
      throw new UsageError('--compare previous needs a bounded window', { hint: 'add --last week (or month, 28d …) or both --from and --to' });
    }
    const window = { from: formatDay(previous.from), to: formatDay(previous.to) };
    baseline = (await computeAll({ from: window.from, to: window.to, last: undefined, asOf: undefined })).reports;
    baselineInfo = { kind: 'previous', window };
  } else if (flags.baseline !== undefined) {
    baseline = [];
    for (const file of flags.baseline) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new InputError(`${file}: cannot read the baseline report (${error.code ?? 'error'})`, { location: file, hint: 'check the path given to --baseline' });
      });
      const report = parseBaselineReport(text, file);
      const computed = computedDifferently(reports[0], report);
      if (computed !== null) throw new InputError(`--baseline ${file}: ${computed.what}`, { location: file, hint: computed.hint });
      // Two baselines of one grouping would each give the groups a value to compare with.
      const same = baseline.findIndex((r) => r.groupBy.join(',') === report.groupBy.join(','));
      if (same >= 0) {
        throw new InputError(`--baseline ${file}: ${flags.baseline[same]} is grouped by ${report.groupBy.length === 0 ? 'nothing (overall only)' : `"${report.groupBy.join(',')}"`} too, so a group would have two values to compare with`, {
          location: file,
          hint: 'pass one baseline per grouping',
        });
      }
      baseline.push(report);
    }
    for (const { t, i } of regression) {
      if (t.scope !== 'overall' && !baseline.some((r) => r.groupBy.length === 1 && r.groupBy[0] === t.scope)) {
        throw new InputError(`thresholds[${i}] compares ${t.kpi} per ${t.scope}, but no --baseline report is grouped by ${t.scope} alone`, {
          location: `thresholds[${i}]`,
          hint: `write one with teamkpi report … --by ${t.scope} --format json --out base-${t.scope}.json and pass it as another --baseline`,
        });
      }
    }
    baselineInfo = { kind: 'file', files: flags.baseline };
  }

  // The same rule as buildReport (which has validated --min-sample by now).
  const { minSample, byKpi: minSampleByKpi } = resolveMinSample(config.minSample, flags.minSample === undefined ? undefined : Number(flags.minSample));
  const { findings, summary } = evaluateThresholds(reports, thresholds, { minSample, minSampleByKpi, baseline });
  const output: CheckOutput = {
    findings,
    summary,
    generatedAt: reports[0].generatedAt,
    timezone: reports[0].timezone,
    window: reports[0].window,
    baseline: baselineInfo,
  };
  const toFile = flags.out !== undefined;
  const code = summary.failed > 0 ? EXIT_BREACH : EXIT_OK;
  // The verdict is the exit code even when the reader of the output stops early (`check | head`).
  exitCodeIfOutputCloses(code);
  const text = CHECK_FORMATS[format](output, { color: !toFile && decideColor(flags.color, io.env, io.stdout.isTTY === true) });
  if (!flags.quiet) printIssueSummary(log, io, decideColor(flags.color, io.env, io.stderr.isTTY === true));
  if (toFile) await writeOutputFile(flags.out!, text, [...files, ...(flags.tickets ?? []), ...(flags.surveys ?? [])]);
  else io.stdout.write(text);
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile !== undefined && summaryFile !== '') {
    await appendFile(summaryFile, CHECK_FORMATS.markdown(output)).catch((error: NodeJS.ErrnoException) => {
      throw new OutputError(`GITHUB_STEP_SUMMARY ${summaryFile}: cannot append the summary (${error.code ?? 'error'})`, { location: summaryFile });
    });
  }
  return code;
}

/**
 * Several reports are computed from the same inputs; stdin (`-`) can be read only once, so it
 * is buffered and replayed for each. Without `-`, the real Io is reused.
 */
async function replayableStdin(files: string[], flags: ReportFlags, io: Io): Promise<() => Io> {
  const usesStdin = [...files, ...(flags.tickets ?? []), ...(flags.surveys ?? [])].includes('-');
  if (!usesStdin) return () => io;
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const data = Buffer.concat(chunks);
  return () => ({ ...io, stdin: Readable.from([data]) });
}
