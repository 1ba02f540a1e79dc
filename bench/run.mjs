#!/usr/bin/env node
// Benchmark: `teamkpi report --by agent --format json` against DuckDB running the reference SQL
// for the same KPIs, on the same generated files, in alternating runs.
//
//   npm run bench                                   # 100k and 1M tickets, 5 timed runs each
//   node bench/run.mjs --sizes 100k,1m,5m --runs 3  # add 5M (≈ 630 MB of tickets)
//   node bench/run.mjs --threads 1                  # DuckDB on one thread
//   node bench/run.mjs --sizes 1m --seed 7          # data from another seed (bench/data/1m-seed7)
//   node bench/run.mjs --sizes 1m --agents 10000    # 10,000 agents, not 120 (bench/data/1m-agents10000)
//   node bench/run.mjs --sizes 1m --ids uuid        # UUID-shaped ticket ids (bench/data/1m-uuid)
//   node bench/run.mjs --data /path/to/dir          # your own files: tickets.csv [+ surveys.csv]
//                                                   # (generic), zendesk-tickets.csv (optional)
//
// Each program runs as its own process (cold start included, warm file cache): wall time is
// measured around the spawn, peak RSS by /usr/bin/time (GNU time's %M) when it exists, else by
// polling /proc/PID/status. One untimed warm-up run of each is also the correctness check: every
// KPI value and n of every row (overall + each agent) must agree to 1e-9 relative.
// Timings on a shared machine are noisy; medians of alternating runs are reported, with the
// load average before and after so a reader can judge.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
// A size is a number of tickets, with k or m: 100k, 1m, 5m, 250k, 2.5m.
const sizes = (args.sizes ?? '100k,1m').split(',').map((s) => s.trim().toLowerCase());
const ticketsOf = (size) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/.exec(size);
  const tickets = m === null ? NaN : Number(m[1]) * (m[2] === 'k' ? 1_000 : m[2] === 'm' ? 1_000_000 : 1);
  if (!(Number.isInteger(tickets) && tickets > 0)) throw new Error(`unknown size ${size}; use a number of tickets such as 100k, 1m, 5m or 250000`);
  return tickets;
};
for (const size of sizes) ticketsOf(size);
const seed = args.seed === undefined ? null : Number(args.seed);
if (seed !== null && !Number.isInteger(seed)) throw new Error(`--seed ${args.seed}: expected a whole number`);
const agents = args.agents === undefined ? null : Number(args.agents);
if (agents !== null && !(Number.isInteger(agents) && agents > 0)) throw new Error(`--agents ${args.agents}: expected a whole number above 0`);
const ids = args.ids ?? null;
if (ids !== null && ids !== 'uuid') throw new Error(`--ids ${args.ids}: expected uuid`);
// The data sets: generated ones by size (and seed and agents), or the directories given with --data.
const generated = (size) => {
  const label = size + (seed === null ? '' : `-seed${seed}`) + (agents === null ? '' : `-agents${agents}`) + (ids === null ? '' : `-${ids}`);
  const options = [...(seed === null ? [] : ['--seed', String(seed)]), ...(agents === null ? [] : ['--agents', String(agents)]), ...(ids === null ? [] : ['--ids', ids])];
  return { label, dir: join(here, 'data', label), generate: { tickets: ticketsOf(size), options } };
};
const datasets = args.data !== undefined
  ? args.data.split(',').map((dir) => ({ label: basename(resolve(dir)), dir: resolve(dir), generate: null }))
  : sizes.map(generated);
const runs = Number(args.runs ?? 5);
const threads = args.threads;
const extraFlags = args.flags ? args.flags.split(' ') : [];

// DuckDB lives in bench/package.json only, so the root lock file never holds it.
if (!existsSync(join(here, 'node_modules', '@duckdb', 'node-api'))) {
  console.error('installing @duckdb/node-api into bench/node_modules (npm install --prefix bench) …');
  execFileSync('npm', ['install', '--prefix', here, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : null;
const scratch = mkdtempSync(join(tmpdir(), 'teamkpi-bench-'));

/**
 * Run a command; resolve wall seconds, peak RSS in MB and stdout. Its stdout goes to a file, as a
 * cron job's would, and is read afterwards: through a pipe into this process, a 42 MB report
 * (10,000 agents) was timed together with this process reading it on the same two cores.
 */
function measure(command, argv) {
  return new Promise((resolve, reject) => {
    const rssFile = join(scratch, 'rss');
    const outFile = join(scratch, 'stdout');
    const outFd = openSync(outFile, 'w');
    const [cmd, cmdArgs] = gnuTime ? [gnuTime, ['-f', '%M', '-o', rssFile, command, ...argv]] : [command, argv];
    const started = performance.now();
    const child = spawn(cmd, cmdArgs, { cwd: root, env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' }, stdio: ['ignore', outFd, 'pipe'] });
    closeSync(outFd);
    const err = [];
    let peakKb = 0;
    const poll = gnuTime ? null : setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch { /* exited */ }
    }, 5);
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`${command} ${argv.join(' ')} exited ${code}:\n${Buffer.concat(err).toString().slice(0, 2000)}`));
      if (gnuTime) peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      resolve({ seconds, rssMb: peakKb / 1024, stdout: readFileSync(outFile, 'utf8') });
    });
  });
}

/** teamkpi's `--now` in the timed runs, unless the data has later instants (below). */
const CLOCK = '2026-01-01T00:00:00Z';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Compare teamkpi's JSON rows with DuckDB's rows: every KPI the SQL returns, value and n. */
function compare(report, duck) {
  const problems = [];
  const close = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
  const duckRows = new Map(duck.rows.map((r) => [r.agent ?? '', r]));
  const seen = new Set();
  for (const row of report.rows) {
    const key = row.group.agent ?? '';
    seen.add(key);
    const d = duckRows.get(key);
    if (d === undefined) {
      problems.push(`group ${JSON.stringify(key)}: in teamkpi, not in DuckDB`);
      continue;
    }
    for (const [id, kpi] of Object.entries(row.kpis)) {
      if (!(id in d)) continue;
      if (!close(kpi.value, d[id])) problems.push(`${key || 'overall'} ${id}: teamkpi ${kpi.value} vs DuckDB ${d[id]}`);
      const n = `${id}_n` in d ? d[`${id}_n`] : kpi.n;
      if (kpi.n !== n) problems.push(`${key || 'overall'} ${id} n: teamkpi ${kpi.n} vs DuckDB ${n}`);
    }
  }
  for (const key of duckRows.keys()) if (!seen.has(key)) problems.push(`group ${JSON.stringify(key)}: in DuckDB, not in teamkpi`);
  const overall = duckRows.get('');
  if (overall && 'surveys_matched' in overall) {
    const q = report.dataQuality.surveys;
    if (q.matched !== overall.surveys_matched) problems.push(`surveys matched: teamkpi ${q.matched} vs DuckDB ${overall.surveys_matched}`);
    if (q.orphaned !== overall.surveys_orphaned) problems.push(`surveys orphaned: teamkpi ${q.orphaned} vs DuckDB ${overall.surveys_orphaned}`);
  }
  const kpiCount = report.rows.length === 0 ? 0 : Object.keys(report.rows[0].kpis).filter((id) => duck.rows.length > 0 && id in duck.rows[0]).length;
  return { problems, compared: `${report.rows.length} rows × ${kpiCount} KPIs` };
}

// The words the generic preset reads as an empty cell, for the reference SQL (the build's own list).
const { NULL_WORDS } = await import(new URL('../dist/ingest/presets/generic.js', import.meta.url).href).catch(() => {
  throw new Error('bench/run.mjs needs the build (dist/): run `npm run build` first, or `npm run bench`');
});

const shapes = [
  {
    // The survey file may be missing (a ticket export alone): DuckDB then reads no responses.
    name: 'generic', sql: join(here, 'kpis-generic.sql'), ties: join(here, 'ties-generic.sql'),
    files: (dir) => [join(dir, 'tickets.csv'), join(dir, 'surveys.csv')].filter((f) => existsSync(f)), teamkpiArgs: [],
    duckArgs: ['--blank-words', NULL_WORDS.join(',')],
    skip: (dir) => (existsSync(join(dir, 'tickets.csv')) ? null : 'no tickets.csv in the data'),
  },
  // The same tickets as a Zendesk Support export, which carries its own satisfaction column (no
  // survey file). Runs when the build has the zendesk preset (src/ingest/presets/zendesk.ts).
  {
    name: 'zendesk',
    sql: join(here, 'kpis-zendesk.sql'),
    ties: join(here, 'ties-zendesk.sql'),
    files: (dir) => [join(dir, 'zendesk-tickets.csv')],
    teamkpiArgs: [],
    duckArgs: [],
    skip: (dir) => !existsSync(join(root, 'dist', 'ingest', 'presets', 'zendesk.js')) ? 'no zendesk preset in this build'
      : !existsSync(join(here, 'kpis-zendesk.sql')) ? 'no bench/kpis-zendesk.sql'
        : !existsSync(join(dir, 'zendesk-tickets.csv')) ? 'no zendesk-tickets.csv in the data' : null,
  },
];
const onlyShape = args.shape;

const results = [];
let failed = false;
const load = [loadavg()[0]];
console.error(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${load[0].toFixed(2)}, ${runs} timed runs per program`);
for (const { label: size, dir, generate } of datasets) {
  if (generate !== null && !existsSync(join(dir, 'zendesk-tickets.csv'))) {
    console.error(`generating ${size} tickets into ${dir} …`);
    execFileSync(process.execPath, [join(here, 'generate.mjs'), '--tickets', String(generate.tickets), ...generate.options, '--out', dir], { stdio: 'inherit' });
  }
  for (const shape of shapes) {
    if (onlyShape && shape.name !== onlyShape) continue;
    const skip = shape.skip?.(dir);
    if (skip) {
      console.error(`${size} ${shape.name}: skipped (${skip})`);
      results.push({ size, shape: shape.name, skipped: skip });
      continue;
    }
    const files = shape.files(dir);
    const mb = files.reduce((s, f) => s + statSync(f).size, 0) / 1e6;
    // Rows are numbered in file order only when the data has ties to break by it (ties-*.sql, run
    // once here, untimed): numbering them costs DuckDB time, and without ties changes nothing.
    // Text cells are trimmed in SQL only when some need it (`padded`): that costs DuckDB time too.
    const { ties, latest_us: latestUs, padded } = JSON.parse(execFileSync(process.execPath, [join(here, 'duckdb-report.mjs'), shape.ties, ...files, '--trim', 'off', ...shape.duckArgs], { cwd: root, env: { ...process.env, TZ: 'UTC' } }).toString()).rows[0];
    // teamkpi's clock: fixed, so runs are alike, but never before the data's latest instant. teamkpi
    // drops a date more than a year after its clock as implausible (the README's "Broken and hostile
    // input"), which the SQL does not; data from 2027 on would otherwise lose dates on one side only.
    const now = new Date(Math.max(Date.parse(CLOCK), latestUs === null ? -Infinity : Math.ceil(latestUs / 1000))).toISOString();
    const teamkpi = [join(root, 'bin', 'teamkpi.js'), 'report', ...files, '--by', 'agent', '--format', 'json', '--quiet', '--now', now, ...shape.teamkpiArgs, ...extraFlags];
    // (Ids that differ only by whitespace around them may tie once trimmed: rows are numbered then too.)
    const duck = [join(here, 'duckdb-report.mjs'), shape.sql, ...files, ...shape.duckArgs, ...(threads ? ['--threads', threads] : []), ...(ties > 0 || padded > 0 ? [] : ['--row-numbers', 'off']), ...(padded > 0 ? [] : ['--trim', 'off'])];
    // Warm-up (file cache, JIT of nothing across processes) and the correctness check.
    const [t0, d0] = [await measure(process.execPath, teamkpi), await measure(process.execPath, duck)];
    const { problems, compared } = compare(JSON.parse(t0.stdout), JSON.parse(d0.stdout));
    if (problems.length > 0) {
      failed = true;
      console.error(`${size} ${shape.name}: ${problems.length} KPI values differ:\n  ${problems.slice(0, 20).join('\n  ')}`);
    }
    const times = { teamkpi: [], duckdb: [] };
    const rss = { teamkpi: [t0.rssMb], duckdb: [d0.rssMb] };
    for (let r = 0; r < runs; r++) {
      // Alternate the order too, so neither always runs right after the other's cache effects.
      const order = r % 2 === 0 ? ['teamkpi', 'duckdb'] : ['duckdb', 'teamkpi'];
      for (const who of order) {
        const m = await measure(process.execPath, who === 'teamkpi' ? teamkpi : duck);
        times[who].push(m.seconds);
        rss[who].push(m.rssMb);
      }
    }
    const row = {
      size, shape: shape.name, mb,
      teamkpi: median(times.teamkpi), duckdb: median(times.duckdb),
      teamkpiRuns: times.teamkpi, duckdbRuns: times.duckdb,
      teamkpiRss: Math.max(...rss.teamkpi), duckdbRss: Math.max(...rss.duckdb),
      equal: problems.length === 0, compared, ties,
    };
    results.push(row);
    console.error(`${size} ${shape.name}: teamkpi ${row.teamkpi.toFixed(2)} s [${times.teamkpi.map((t) => t.toFixed(2)).join(' ')}], ` +
      `DuckDB ${row.duckdb.toFixed(2)} s [${times.duckdb.map((t) => t.toFixed(2)).join(' ')}], ratio ${(row.teamkpi / row.duckdb).toFixed(2)}, ` +
      `RSS ${row.teamkpiRss.toFixed(0)} / ${row.duckdbRss.toFixed(0)} MB, values ${row.equal ? 'equal' : 'DIFFER'} (${compared}), ` +
      `${ties > 0 ? `${ties} ties broken by row order` : 'no ties'}${padded > 0 ? `, ${padded} text cells trimmed` : ''}${now === new Date(CLOCK).toISOString() ? '' : `, --now ${now}`}`);
  }
}
load.push(loadavg()[0]);
rmSync(scratch, { recursive: true, force: true });

const lines = [
  `| data | input MB | teamkpi median s | DuckDB${threads ? ` (${threads} thread${threads === '1' ? '' : 's'})` : ''} median s | ratio | teamkpi peak RSS MB | DuckDB peak RSS MB | same KPI values |`,
  '|---|---:|---:|---:|---:|---:|---:|---|',
];
for (const r of results) {
  if (r.skipped) {
    lines.push(`| ${r.size} ${r.shape} | | | | | | | skipped: ${r.skipped} |`);
    continue;
  }
  lines.push(`| ${r.size} ${r.shape} | ${r.mb.toFixed(0)} | ${r.teamkpi.toFixed(2)} | ${r.duckdb.toFixed(2)} | ${(r.teamkpi / r.duckdb).toFixed(2)} | ${r.teamkpiRss.toFixed(0)} | ${r.duckdbRss.toFixed(0)} | ${r.equal ? `yes (${r.compared})` : 'NO'} |`);
}
lines.push('', `node ${process.version}, ${cpus().length} CPUs, ${runs} alternating timed runs after one warm-up; load average ${load[0].toFixed(2)} before, ${load[1].toFixed(2)} after.`);
const table = lines.join('\n');
console.log(table);
mkdirSync(join(here, 'data'), { recursive: true });
writeFileSync(join(here, 'data', 'results.md'), table + '\n\n```json\n' + JSON.stringify(results, null, 2) + '\n```\n');
process.exitCode = failed ? 1 : 0;
