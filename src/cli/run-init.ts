import { access } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { readInputs } from '../ingest/read-inputs.js';
import { IssueLog } from '../model/issue-log.js';
import { getZone, isValidZone } from '../time/zone.js';
import { CONFIG_FILE } from '../config/read-config.js';
import { writeOutputFile, type Io } from './io.js';
import { compareCodePoints } from '../compare-text.js';

/**
 * `teamkpi init [files…]`: write a starter teamkpi.config.json. With ticket files, the roster
 * lists every agent under the team the export shows them in most often.
 */
export async function runInit(files: string[], flags: { out?: string; force?: boolean; tz?: string }, io: Io): Promise<number> {
  const out = flags.out ?? CONFIG_FILE;
  // A config that names a zone teamkpi refuses would only fail at the first report.
  if (flags.tz !== undefined && !isValidZone(flags.tz)) throw new UsageError(`--tz ${flags.tz}: unknown time zone`, { hint: 'use an IANA name such as Europe/Athens, America/New_York or UTC' });
  if (!flags.force && (await access(out).then(() => true, () => false))) {
    throw new UsageError(`${out} already exists`, { hint: 'pass --force to replace it, or --out to write elsewhere' });
  }
  const counts = new Map<string, Map<string, number>>();
  const log = new IssueLog();
  await readInputs(files.map((file) => ({ file })), { inputZone: getZone('UTC'), log, stdin: io.stdin }, {
    ticket(t) {
      if (t.agent === null || t.team === null) return;
      const teams = counts.get(t.agent) ?? new Map<string, number>();
      teams.set(t.team, (teams.get(t.team) ?? 0) + 1);
      counts.set(t.agent, teams);
    },
    survey() {},
  });
  const teams: Record<string, string[]> = {};
  for (const [agent, seen] of [...counts].sort(([a], [b]) => compareCodePoints(a, b))) {
    const team = [...seen].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))[0][0];
    (teams[team] ??= []).push(agent);
  }
  const config = {
    $schema: './node_modules/teamkpi/schema/config.schema.json',
    timezone: flags.tz ?? 'UTC',
    minSample: 20,
    ...(Object.keys(teams).length > 0 ? { roster: { teams } } : {}),
    thresholds: [
      { kpi: 'csat_pct', scope: 'team', min: 85, level: 'error' },
      { kpi: 'frt_p90_minutes', scope: 'overall', max: 240, level: 'warn' },
    ],
  };
  await writeOutputFile(out, JSON.stringify(config, null, 2) + '\n', files);
  const inputs = log.inputs.map((i) => `${i.file} (${i.kind}, ${i.source}, ${i.rowsRead} rows)`).join(', ');
  io.stderr.write(`teamkpi: wrote ${out}${inputs ? ` from ${inputs}` : ''}\n`);
  return 0;
}
