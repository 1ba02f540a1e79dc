import { Command, CommanderError, Option } from 'commander';
import { TeamkpiError } from '../errors.js';
import { terminalText } from '../report/format-value.js';
import { EXIT_UNTRUSTED } from './exit-codes.js';
import { closedOutputExitCode, processIo, type Io } from './io.js';
import type { CheckFlags } from './run-check.js';
import type { InspectFlags } from './run-inspect.js';
import type { ReportComparisonFlags, ReportFlags } from './run-report.js';
import type { LeaderboardFlags } from './run-leaderboard.js';
import { VERSION } from './version.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Start the parallel reader's threads before the report's code loads, when a ticket file (or a
 * file of either kind) named is large enough to be read by them: they load theirs meanwhile
 * (reader-threads.ts).
 */
async function startReaders(files: string[], flags: { tickets?: string[] }): Promise<void> {
  (await import('../ingest/reader-threads.js')).startReadersEarly([...files, ...(flags.tickets ?? [])]);
}

/**
 * The options every command that computes a report shares (report, check, leaderboard): inputs,
 * window, zones, clocks, filters, config and decoration. Each command adds its own after these.
 */
function withReportInputs(command: Command, whereExample: string): Command {
  return command
    .argument('[files...]', 'ticket and survey CSV files (kind detected from headers; - reads stdin; .gz is decompressed)')
    .option('--tickets <file>', 'read FILE as tickets (repeatable)', collect)
    .option('--surveys <file>', 'read FILE as survey responses (repeatable)', collect)
    .option('--from <date>', 'first day, inclusive (YYYY-MM-DD, report time zone)')
    .option('--to <date>', 'last day, inclusive (YYYY-MM-DD, report time zone)')
    .option('--last <span>', 'previous complete day|week|month|quarter, or Nd days before --as-of')
    .option('--as-of <date>', 'day that --last counts back from (default: today in the report time zone)')
    .option('--tz <zone>', 'report time zone (IANA name; default: config, else --input-tz, else UTC)')
    .option('--input-tz <zone>', 'time zone of timestamps without an offset (default UTC)')
    .addOption(new Option('--date-basis <basis>', 'bucket tickets by created or solved time').choices(['created', 'solved']).default('created'))
    .addOption(new Option('--hours <clock>', 'FRT, resolution and SLA in calendar minutes or business minutes (businessHours in the config)').choices(['calendar', 'business']).default('calendar'))
    .addOption(new Option('--sla <mode>', "SLA outcomes: the export's stated outcome where given (export), or recompute from the config's targets").choices(['export', 'recompute']).default('export'))
    .option('--where <field=value>', `keep only matching rows (repeatable; e.g. ${whereExample})`, collect)
    .option('-o, --out <file>', 'write to FILE atomically instead of stdout')
    .option('--config <file>', 'config file (default ./teamkpi.config.json when present)')
    .option('--source <preset>', 'read every file with this source preset instead of detecting it')
    .option('--date-order <order>', 'numeric dates no value decides are dmy (day first) or mdy (month first)')
    .option('--strict', 'exit 2 on any row issue instead of skipping the row')
    .option('--now <time>', 'fix the clock (ISO-8601), for reproducible output')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .option('-q, --quiet', 'do not print the row-issue summary on stderr');
}

/**
 * The commander program; actions store their exit code in `result.code`. Each command's module is
 * imported when the command runs, so `--version` or `metrics` does not load the CSV reader, and a
 * report does not load the check formatters (startup is part of every cron run's time).
 */
export function buildProgram(io: Io, result: { code: number }): Command {
  const program = new Command('teamkpi')
    .description('Customer-service KPIs from helpdesk and survey CSV exports')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    // Usage errors commander finds read as ours do: `teamkpi: error: …`, then a hint.
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'teamkpi: error: ')),
    })
    .showHelpAfterError('teamkpi: hint: run teamkpi --help for usage');

  withReportInputs(program.command('report'), 'escalated=true, team=Billing')
    .description('KPIs per group and period')
    .option('--by <fields>', 'group by agent, team, channel, priority, status, tag, category, type (comma list)')
    .addOption(new Option('--period <unit>', 'bucket by period').choices(['all', 'day', 'week', 'month', 'quarter']).default('all'))
    .option('--metrics <ids>', 'KPI ids to show (comma list; teamkpi metrics lists them)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown', 'html']).default('table'))
    .option('--min-sample <n>', 'values with fewer answers/tickets are flagged low-sample (default 20)')
    .option('--ci', 'show 95% intervals in tables and Markdown; add <id>_ci_low/_ci_high CSV columns')
    .option('--compare <what>', '"previous": compare with the window before, same length (needs --last or --from/--to)')
    .option('--baseline <file>', 'compare with a previous JSON report of teamkpi (same --by and --period)')
    .action(async (files: string[], flags: ReportFlags & ReportComparisonFlags) => {
      await startReaders(files, flags);
      result.code = await (await import('./run-report.js')).runReport(files, flags, io);
    });

  withReportInputs(program.command('leaderboard'), 'team=Billing')
    .description('agents (or teams) ranked by one KPI, with 95% intervals, ties and low samples apart')
    .option('--kpi <id>', 'the KPI to rank by (teamkpi metrics lists them)')
    .option('--by <field>', 'what to rank: agent (default), team, or another group field', 'agent')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--min-sample <n>', 'groups with fewer answers/tickets are listed apart, not ranked (default 20; counts have no minimum)')
    .action(async (files: string[], flags: LeaderboardFlags) => {
      await startReaders(files, flags);
      result.code = await (await import('./run-leaderboard.js')).runLeaderboard(files, flags, io);
    });

  withReportInputs(program.command('check'), 'channel=email')
    .description('evaluate the config thresholds on a report: exit 0 pass, 1 error-level breach, 2 untrusted')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit', 'github', 'markdown']).default('text'))
    .option('--baseline <file>', 'JSON report (teamkpi report --format json) that maxDrop/maxRise compare with (repeatable)', collect)
    .addOption(new Option('--compare <what>', 'maxDrop/maxRise compare with the previous window of the same length').choices(['previous']))
    .option('--min-sample <n>', 'values with fewer answers/tickets are not judged (default: config minSample, else 20)')
    .action(async (files: string[], flags: CheckFlags) => {
      await startReaders(files, flags);
      result.code = await (await import('./run-check.js')).runCheck(files, flags, io);
    });

  program
    .command('metrics')
    .description('the KPI catalog with definitions and methods')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { format?: string }) => {
      result.code = (await import('./run-metrics.js')).runMetrics(flags, io);
    });

  program
    .command('inspect')
    .description('what teamkpi detects in each file: kind, source, encoding, delimiter, date formats, column mapping, row counts, first issues')
    .argument('[files...]', 'CSV files to inspect (- reads stdin; .gz is decompressed)')
    .option('--tickets <file>', 'inspect FILE as tickets (repeatable)', collect)
    .option('--surveys <file>', 'inspect FILE as survey responses (repeatable)', collect)
    .option('--source <preset>', 'read with this source preset instead of detecting it')
    .option('--date-order <order>', 'numeric dates no value decides are dmy (day first) or mdy (month first)')
    .option('--input-tz <zone>', 'time zone of timestamps without an offset (default UTC)')
    .option('--now <time>', 'fix the clock (ISO-8601) dates are checked against, as report does')
    .option('--config <file>', 'config file (default ./teamkpi.config.json when present)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --out <file>', 'write to FILE atomically instead of stdout')
    .action(async (files: string[], flags: InspectFlags) => {
      result.code = await (await import('./run-inspect.js')).runInspect(files, flags, io);
    });

  program
    .command('init')
    .description('write a starter teamkpi.config.json (roster detected from ticket files)')
    .argument('[files...]', 'ticket or survey CSV files to detect agents and teams from')
    .option('-o, --out <file>', 'where to write', 'teamkpi.config.json')
    .option('--tz <zone>', 'report time zone to put in the config', 'UTC')
    .option('--force', 'replace an existing file')
    .action(async (files: string[], flags: { out?: string; force?: boolean; tz?: string }) => {
      result.code = await (await import('./run-init.js')).runInit(files, flags, io);
    });

  return program;
}

/** Run the CLI and return the exit code. Every error is mapped here, and only here. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const result = { code: 0 };
  const debug = argv.includes('--debug');
  const program = buildProgram(io, result);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help, `teamkpi help` and --version "fail" with exit code 0; usage errors exit 2, not
    // commander's 1. `teamkpi` with no command is one of them (commander shows the help on stderr
    // as an error): a cron job or CI step that lost its command must not pass as a success.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    return EXIT_UNTRUSTED;
  }
  if (error instanceof TeamkpiError) {
    // Each listed item on its own line; control characters in any of them shown as escapes.
    io.stderr.write(`teamkpi: error: ${[error.headline, ...error.items].map(terminalText).join('\n  ')}\n`);
    if (error.hint) io.stderr.write(`teamkpi: hint: ${terminalText(error.hint)}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_UNTRUSTED;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`teamkpi: error: internal error: ${terminalText(message)}\n`);
  io.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'teamkpi: hint: run again with --debug for details, and report it with the command line used\n');
  return EXIT_UNTRUSTED;
}

// Piped into `head`, stdout closes early: end quietly, with the exit code the command has set by
// then (`check` sets its verdict before it writes: a breach is 1 however much was read). Any other
// write error (a full disk behind `> file`) means the output is incomplete: say so and exit 2, never 0.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(closedOutputExitCode());
  process.stderr.write(`teamkpi: error: cannot write to standard output (${error.code ?? error.message})\nteamkpi: hint: check the disk has space, or write with --out FILE\n`);
  process.exit(EXIT_UNTRUSTED);
});

// Diagnostics go to stderr; when its reader has gone (`2>&1 >/dev/null | head -1`) they are lost,
// not a failure: without this handler Node ended every command with exit code 1.
process.stderr.on('error', () => undefined);
