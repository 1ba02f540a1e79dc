import { UsageError } from '../errors.js';
import { KPIS } from '../kpi/catalog.js';
import { parseGroupBy } from '../kpi/compute-report.js';
import { NONE } from '../kpi/ticket-table.js';
import type { Leaderboard } from '../model/leaderboard.js';
import { LEADERBOARD_FORMATS, type LeaderboardFormat } from '../report/format-leaderboard.js';
import { rankGroups } from '../stats/leaderboard.js';
import { decideColor, writeOutputFile, type Io } from './io.js';
import { buildReport, printIssueSummary, type ReportFlags } from './run-report.js';

export interface LeaderboardFlags extends Omit<ReportFlags, 'by' | 'period' | 'metrics'> {
  kpi?: string;
  by?: string;
}

/**
 * `teamkpi leaderboard --kpi ID`: agents (or `--by team`) ranked by one KPI over the window, with
 * 95% intervals; overlapping intervals with the leader are marked as ties, groups below the
 * minimum sample are listed apart. Reuses the report pipeline (`buildReport`) unchanged.
 */
export async function runLeaderboard(files: string[], flags: LeaderboardFlags, io: Io): Promise<number> {
  const format = (flags.format ?? 'table') as LeaderboardFormat;
  if (!(format in LEADERBOARD_FORMATS)) throw new UsageError(`--format ${flags.format}: expected one of ${Object.keys(LEADERBOARD_FORMATS).join(', ')}`);
  if (flags.kpi === undefined || flags.kpi.trim() === '') throw new UsageError('leaderboard needs --kpi ID', { hint: `for example --kpi csat_pct; valid ids: ${KPIS.map((k) => k.id).join(', ')}` });
  const def = KPIS.find((k) => k.id === flags.kpi!.trim());
  if (def === undefined) throw new UsageError(`unknown KPI id "${flags.kpi}" in --kpi`, { hint: `valid ids: ${KPIS.map((k) => k.id).join(', ')}` });
  const fields = parseGroupBy(flags.by ?? 'agent');
  if (fields.length !== 1) throw new UsageError(`--by ${flags.by}: a leaderboard ranks one kind of group`, { hint: 'use --by agent (the default) or --by team' });
  const by = fields[0];

  const { report, log, inputs, minSample } = await buildReport(files, { ...flags, by, period: 'all', metrics: def.id, format: 'json' }, io);
  const overall = report.rows.find((r) => Object.keys(r.group).length === 0)!.kpis[def.id];
  const entries = report.rows
    // The unassigned group is listed apart, with or without data for this KPI.
    .filter((r) => by in r.group)
    .map((r) => {
      const v = r.kpis[def.id];
      return { group: r.group[by], value: v.value, n: v.n, ci95: v.ci95 ?? null, lowSample: v.lowSample === true, unassigned: r.group[by] === NONE };
    });
  const { ranked, unranked } = rankGroups(entries, def.direction, def.unit !== 'count');
  const strip = ({ unassigned: _u, lowSample: _l, ...rest }: (typeof ranked)[number] | (typeof unranked)[number]) => rest;
  const board: Leaderboard = {
    schemaVersion: 1,
    tool: report.tool,
    generatedAt: report.generatedAt,
    timezone: report.timezone,
    window: report.window,
    dateBasis: report.dateBasis,
    kpi: { id: def.id, ...report.definitions[def.id] },
    by,
    // Counts have no minimum (README, "Low samples"): every group with data is ranked.
    minSample: def.unit === 'count' ? 0 : minSample.byKpi[def.id] ?? minSample.minSample,
    overall: { value: overall.value, n: overall.n, ci95: overall.ci95 ?? null },
    ranked: ranked.map(strip),
    unranked: unranked.map(strip),
  };
  const toFile = flags.out !== undefined;
  const tty = !toFile && io.stdout.isTTY === true;
  const color = !toFile && decideColor(flags.color, io.env, tty);
  const text = LEADERBOARD_FORMATS[format](board, { color, tty, width: io.stdout.columns, metricsChosen: true });
  if (!flags.quiet) printIssueSummary(log, io, decideColor(flags.color, io.env, io.stderr.isTTY === true));
  if (toFile) await writeOutputFile(flags.out!, text, inputs.map((i) => i.file));
  else io.stdout.write(text);
  return 0;
}
