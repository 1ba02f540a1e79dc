import { lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';
import { tempCsv } from '../helpers/temp-csv.js';

const demo = [fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv')];

/** The demo tickets gzipped and cut to half: the decompressor meets an unexpected end. */
function cutGz(): string {
  const whole = gzipSync(readFileSync(demo[0]));
  const file = join(mkdtempSync(join(tmpdir(), 'teamkpi-gz-')), 'cut.csv.gz');
  writeFileSync(file, whole.subarray(0, whole.length >> 1));
  return file;
}

describe('exit codes and messages', () => {
  it.each([
    ['a missing file', ['report', 'nope.csv'], /nope\.csv: no such file/],
    ['a missing required column', ['report', fixture('generic', 'missing-column', 'tickets.csv')], /missing required column "created_at".*headers found: "ticket_id", "opened", "agent"/],
    ['an unknown flag', ['report', ...demo, '--bogus'], /unknown option '--bogus'/],
    ['an unknown KPI id', ['report', ...demo, '--metrics', 'csat_pct,csat_pcnt'], /unknown KPI id "csat_pcnt"[\s\S]*valid ids: tickets, solved/],
    ['an unknown group field', ['report', ...demo, '--by', 'squad'], /unknown group field "squad"[\s\S]*valid fields: agent, team/],
    ['--strict with a bad row', ['report', fixture('generic', 'bad-rows', 'tickets.csv'), '--strict'], /bad-rows\/tickets\.csv:3: column "created_at": invalid date "2024-13-01T09:00:00Z".*--strict: 7 row issues/],
    ['a bad --from date', ['report', ...demo, '--from', '2026-02-30'], /--from 2026-02-30: expected a date/],
    ['--last reaching before 1970', ['report', ...demo, '--last', '99999999999d'], /--last 99999999999d: reaches back before 1970-01-01/],
    ['a .gz file cut short', ['report', cutGz()], /cut\.csv\.gz: cannot be read \(unexpected end of file\)[\s\S]*hint: the compressed file is cut short/],
    ['an unknown time zone', ['report', ...demo, '--tz', 'Mars/Olympus'], /--tz Mars\/Olympus: unknown time zone/],
    ['an unknown input time zone (the report zone falls back to it)', ['report', ...demo, '--input-tz', 'Nope'], /--input-tz Nope: unknown time zone/],
    ['an unknown zone for init', ['init', '--out', join(tmpdir(), 'teamkpi-init-never.json'), '--tz', 'Bogus/X'], /--tz Bogus\/X: unknown time zone/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 for %s, with a one-line message and no stack trace', (_name, args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });

  it('--strict lists the rows to fix, one per line: every one up to ten, then how many more', () => {
    const r = runCli(['report', fixture('generic', 'bad-rows', 'tickets.csv'), '--strict']);
    expect(r.code).toBe(2);
    // the 7 issues of bad-rows: the first in the message, the other 6 below it
    const listed = r.stderr.split('\n').filter((l) => /^ {2}.*bad-rows\/tickets\.csv:\d+: /.test(l));
    expect(listed.map((l) => Number(/csv:(\d+):/.exec(l)![1]))).toEqual([4, 4, 4, 5, 6, 7]);
    const rows = ['ticket_id,created_at', ...Array.from({ length: 13 }, (_, i) => `${i + 1},not a date`)];
    const many = runCli(['report', tempCsv(rows), '--strict']);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('(--strict: 13 row issues in all)');
    // lines 2 (the message) and 3–11 listed; 12–14 are the 3 more
    expect(many.stderr.split('\n').filter((l) => /^ {2}\S*data\.csv:\d+: /.test(l))).toHaveLength(9);
    expect(many.stderr).toContain('… 3 more');
  });

  it('prints the same error and hint lines for a usage error the argument parser finds', () => {
    for (const args of [['report', ...demo, '--period', 'fortnight'], ['report', ...demo, '--bogus'], ['frobnicate']]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^teamkpi: error: .+\nteamkpi: hint: run teamkpi --help for usage\n$/);
    }
  });

  it('prints a hint after a bad flag value too', () => {
    for (const [flag, value, hint] of [['--from', '2026-13-01', 'YYYY-MM-DD'], ['--min-sample', '-3', '--min-sample 20'], ['--now', 'yesterday', '--now 2026-11-23']]) {
      const r = runCli(['report', ...demo, flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^teamkpi: error: ${flag} ${value}: .+\nteamkpi: hint: .*${hint}`));
    }
  });

  it('prints a hint after a data error', () => {
    const r = runCli(['report', 'nope.csv']);
    expect(r.stderr).toMatch(/^teamkpi: error: nope\.csv: no such file\nteamkpi: hint: /);
  });

  it('exits 0 with row issues summarised on stderr when not strict', () => {
    const r = runCli(['report', fixture('generic', 'bad-rows', 'tickets.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('teamkpi: warning: 7 row issues');
    expect(r.stderr).toContain('RAGGED_ROW');
  });

  it('metrics describes the methods chosen from data (no data read), instead of "none"', () => {
    const rows = JSON.parse(runCli(['metrics', '--format', 'json']).stdout) as { id: string; method: string }[];
    const method = (id: string): string => rows.find((r) => r.id === id)!.method;
    for (const name of ['flag', 'one-touch', 'customer-messages']) expect(method('fcr_pct')).toContain(name);
    expect(method('fcr_pct')).not.toContain('none');
    expect(method('sla_resolution_pct')).toContain("the export's stated outcome");
    expect(method('sla_resolution_pct')).not.toContain('no SLA data');
  });

  it('metrics piped draws no borders (they are a terminal\'s decoration), as report tables do', () => {
    const out = runCli(['metrics']).stdout;
    expect(out).toMatch(/^ *id +label +unit +better +definition/);
    // Each KPI with its label (DESIGN §4: `teamkpi metrics` lists them).
    expect(out).toMatch(/^ *sla_first_response_pct +SLA first response % +pct +higher /m);
    expect(out).not.toMatch(/[│─┌┐└┘├┤┬┴┼]/);
  });

  it('exits 0 for --help, help, --version and metrics', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: teamkpi');
    expect(runCli(['help']).code).toBe(0);
    expect(runCli(['help', 'report']).code).toBe(0);
    expect(runCli(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    const m = runCli(['metrics', '--format', 'json']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).map((k: { id: string }) => k.id)).toContain('frt_p90_minutes');
  });

  it('exits 2 with no command, the help on stderr (a job that lost its command does not pass)', () => {
    const bare = runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: teamkpi');
    expect(bare.stderr).toContain('report');
  });

  it('writes --out atomically and refuses to overwrite an input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-out-'));
    const out = join(dir, 'report.json');
    const r = runCli(['report', ...demo, '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
    expect(readdirSync(dir)).toEqual(['report.json']);

    const input = join(dir, 'tickets.csv');
    writeFileSync(input, readFileSync(demo[0]));
    const clash = runCli(['report', input, '--out', input]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('refusing to overwrite an input file');
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(demo[0], 'utf8'));
  });

  it('--out through a symlink replaces the file it points to (the link stays); into a FIFO it writes to the reader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-out-'));
    const real = join(dir, 'real.csv');
    writeFileSync(real, 'old\n');
    symlinkSync(real, join(dir, 'link.csv'));
    const viaLink = runCli(['report', ...demo, '--format', 'csv', '--out', join(dir, 'link.csv')]);
    expect(viaLink.code, viaLink.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    const csv = runCli(['report', ...demo, '--format', 'csv']).stdout;
    expect(readFileSync(real, 'utf8')).toBe(csv);

    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const got = join(dir, 'got.csv');
    const reader = spawn('sh', ['-c', `cat "${fifo}" > "${got}"`]);
    const done = once(reader, 'exit');
    const viaFifo = runCli(['report', ...demo, '--format', 'csv', '--out', fifo]);
    await done;
    expect(viaFifo.code, viaFifo.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readFileSync(got, 'utf8')).toBe(csv);
  });

  it('gives byte-identical output for the same inputs and --now', () => {
    const args = ['report', ...demo, '--by', 'agent', '--period', 'week', '--format', 'json', '--now', '2026-11-23T07:00:00Z'];
    const a = runCli(args);
    const b = runCli(args, { env: { TZ: 'Australia/Sydney', LANG: 'de_DE.UTF-8' } });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});
