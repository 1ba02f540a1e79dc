import { linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';
import { NOW } from '../helpers/cli-json.js';
import { tempCsv } from '../helpers/temp-csv.js';

// Overlapping exports: the demo tickets split in two files that share 200 rows, with the shared
// rows' agent changed in the second file, so which copy wins must not depend on argument order.
let dir = '';
let files: string[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'teamkpi-determinism-'));
  const [header, ...rows] = readFileSync(fixture('demo', 'tickets.csv'), 'utf8').trimEnd().split('\n');
  const half = Math.floor(rows.length / 2);
  const a = rows.slice(0, half + 100);
  // (rows without quotes split plainly on commas; quoted ones stay exact copies)
  const agent = header.split(',').indexOf('agent');
  const rename = (row: string) => (row.includes('"') ? row : row.split(',').map((f, k) => (k === agent ? 'Zed Overlap' : f)).join(','));
  const b = rows.slice(half - 100).map((row, i) => (i < 200 ? rename(row) : row));
  writeFileSync(join(dir, 'tickets-a.csv'), [header, ...a, ''].join('\n'));
  writeFileSync(join(dir, 'tickets-b.csv'), [header, ...b, ''].join('\n'));
  writeFileSync(join(dir, 'surveys.csv'), readFileSync(fixture('demo', 'surveys.csv')));
  files = ['tickets-a.csv', 'tickets-b.csv', 'surveys.csv'].map((f) => join(dir, f));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ENVS: Record<string, string>[] = [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
  { TZ: 'America/St_Johns', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
  { TZ: 'Asia/Kathmandu', LANG: 'ar_EG.UTF-8', LC_ALL: 'ar_EG.UTF-8' },
];
const ORDERS = [[0, 1, 2], [2, 1, 0], [1, 2, 0]];

describe('the same inputs give byte-identical output', () => {
  it.each(['json', 'csv', 'markdown', 'table'])('--format %s under every TZ, locale and file order', (format) => {
    const outputs = new Set<string>();
    ENVS.forEach((env, i) => {
      const order = ORDERS[i % ORDERS.length];
      const r = runCli(['report', ...order.map((k) => files[k]), '--by', 'agent', '--period', 'week', '--tz', 'Europe/Athens', '--now', NOW, '--format', format, '--quiet'], { env });
      expect(r.code, r.stderr).toBe(0);
      outputs.add(r.stdout);
    });
    expect(outputs.size).toBe(1);
    // the overlap really is there: 200 rows are duplicates
    if (format === 'json') {
      const report = JSON.parse([...outputs][0]);
      const dup = report.dataQuality.inputs.reduce((s: number, i: { rowsDuplicate: number }) => s + i.rowsDuplicate, 0);
      expect(dup).toBe(200);
      expect(report.dataQuality.inputs.map((i: { file: string }) => i.file.split('/').pop())).toEqual(['surveys.csv', 'tickets-a.csv', 'tickets-b.csv']);
    }
  });
});

describe('file-name order is the order of the files\' own names', () => {
  it('a path spelled with ./ or a directory sorts by its name, so the same row wins', () => {
    // Both files hold ticket 1 with equal times; the later name (…-05-08) wins.
    const sub = mkdtempSync(join(tmpdir(), 'teamkpi-names-'));
    const header = 'ticket_id,created_at,updated_at,agent';
    writeFileSync(join(sub, 'tickets-2026-05-01.csv'), `${header}\n1,2026-05-01T09:00:00Z,2026-05-01T10:00:00Z,OldAgent\n`);
    writeFileSync(join(sub, 'tickets-2026-05-08.csv'), `${header}\n1,2026-05-01T09:00:00Z,2026-05-01T10:00:00Z,NewAgent\n`);
    const agents = (args: string[]): string[] => {
      const r = runCli(['report', ...args, '--by', 'agent', '--format', 'json', '--now', NOW, '--quiet'], { cwd: sub });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).rows.slice(1).map((row: { group: { agent: string } }) => row.group.agent);
    };
    expect(agents(['tickets-2026-05-08.csv', 'tickets-2026-05-01.csv'])).toEqual(['NewAgent']);
    expect(agents(['./tickets-2026-05-08.csv', 'tickets-2026-05-01.csv'])).toEqual(['NewAgent']);
    expect(agents([join(sub, 'tickets-2026-05-08.csv'), 'tickets-2026-05-01.csv'])).toEqual(['NewAgent']);
  });
});

describe('a file named twice', () => {
  it('is read once, with a warning (named as x.csv and ./x.csv, or twice as a survey file)', () => {
    const sub = mkdtempSync(join(tmpdir(), 'teamkpi-twice-'));
    writeFileSync(join(sub, 't.csv'), 'ticket_id,created_at\n1,2026-05-01T09:00:00Z\n2,2026-05-01T09:00:00Z\n');
    writeFileSync(join(sub, 's.csv'), 'ticket_id,responded_at,csat,nps\n1,2026-05-02T09:00:00Z,5,9\n');
    const r = runCli(['report', 't.csv', './t.csv', 's.csv', '--surveys', 's.csv', 's.csv', '--format', 'json', '--now', NOW], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    // each once: s.csv as the surveys it was named as, t.csv as detected
    expect(report.dataQuality.inputs.map((i: { file: string; kind: string; rowsRead: number; rowsDuplicate: number }) => [i.file, i.kind, i.rowsRead, i.rowsDuplicate])).toEqual([['s.csv', 'surveys', 1, 0], ['t.csv', 'tickets', 2, 0]]);
    expect(report.dataQuality.surveys.matched).toBe(1);
    expect(r.stderr.match(/is given twice; it is read once/g)).toHaveLength(2);
  });

  it('is read once when named through a symlink or a hard link too', () => {
    const sub = mkdtempSync(join(tmpdir(), 'teamkpi-links-'));
    writeFileSync(join(sub, 't.csv'), 'ticket_id,created_at\n1,2026-05-01T09:00:00Z\n2,2026-05-01T09:00:00Z\n');
    symlinkSync(join(sub, 't.csv'), join(sub, 'latest.csv'));
    linkSync(join(sub, 't.csv'), join(sub, 'copy.csv'));
    const r = runCli(['report', 'latest.csv', 't.csv', 'copy.csv', '--format', 'json', '--now', NOW], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    // Read once, under the first name given; no row counted as a duplicate of itself.
    expect(JSON.parse(r.stdout).dataQuality.inputs.map((i: { file: string; rowsRead: number; rowsDuplicate: number }) => [i.file, i.rowsRead, i.rowsDuplicate])).toEqual([['latest.csv', 2, 0]]);
    // One warning per file, however many names it has.
    expect(r.stderr.match(/is given twice; it is read once/g)).toHaveLength(1);
  });
});

// Groups sort by code point (README): U+FB01 `ﬁ` and U+FF5A `ｚ` come before U+1F600 `😀`, which
// UTF-16 code units (JavaScript's `<`) put first. One ticket each, so the leaderboard's three are
// tied on tickets and the leader is the first by name.
describe('order by code point', () => {
  const file = tempCsv(['ticket_id,created_at,agent,status', '1,2026-03-02T10:00:00Z,😀 Bot,open', '2,2026-03-02T10:00:00Z,ﬁona,open', '3,2026-03-02T10:00:00Z,ｚeta,open']);

  it('report rows, and the leaderboard leader among ties', () => {
    const report = runCli(['report', file, '--by', 'agent', '--metrics', 'tickets', '--format', 'json', '--now', NOW]);
    expect(JSON.parse(report.stdout).rows.map((r: any) => r.group.agent ?? '(all)')).toEqual(['(all)', 'ﬁona', 'ｚeta', '😀 Bot']);
    const board = runCli(['leaderboard', file, '--kpi', 'tickets', '--format', 'json', '--now', NOW]);
    const leader = JSON.parse(board.stdout).ranked.find((e: any) => e.leader === true);
    expect(leader.group).toBe('ﬁona');
  });
});

// Two groups whose values hold the character that joins a key's parts (U+0001) stay two groups:
// (team `A\u0001B`, agent `C`) has tickets 1 and 3, (team `A`, agent `B\u0001C`) ticket 2.
describe('group values with control characters', () => {
  it('are compared exactly as written', () => {
    const file = tempCsv(['ticket_id,created_at,team,agent,status', '1,2026-03-02T10:00:00Z,A\u0001B,C,open', '2,2026-03-02T10:00:00Z,A,B\u0001C,open', '3,2026-03-02T10:00:00Z,A\u0001B,C,open']);
    const r = runCli(['report', file, '--by', 'team,agent', '--metrics', 'tickets', '--format', 'json', '--now', NOW]);
    const rows = JSON.parse(r.stdout).rows.filter((row: any) => 'team' in row.group).map((row: any) => [row.group.team, row.group.agent, row.kpis.tickets.value]);
    expect(rows).toEqual([['A', 'B\u0001C', 1], ['A\u0001B', 'C', 2]]);
  });
});
