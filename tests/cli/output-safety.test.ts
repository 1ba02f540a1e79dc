import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, fixture, runCli } from '../helpers/run-cli.js';
import { NOW } from '../helpers/cli-json.js';
import { tempCsv } from '../helpers/temp-csv.js';

const hostile = fixture('broken', 'hostile-names.csv');
const demo = [fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv')];
const report = (...args: string[]) => runCli(['report', hostile, '--by', 'agent', '--now', NOW, ...args]);

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'teamkpi-safety-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('CSV output cannot run formulas', () => {
  it('prefixes text cells starting with = + - @ with a quote; numbers stay numbers', () => {
    const r = report('--format', 'csv');
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { relax_column_count: false }) as string[][];
    const header = rows[0];
    const agents = rows.slice(1).map((row) => row[header.indexOf('agent')]);
    expect(agents).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(agents).toContain("'+SUM(1)");
    expect(agents).toContain("'-Bob");
    expect(agents).toContain("'@cmd");
    expect(agents).toContain('Normal');
    // every cell a spreadsheet reads: none starts with a formula character
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    for (const row of rows.slice(1)) expect(row[header.indexOf('tickets')]).toMatch(/^\d+$/);
  });
});

describe('Markdown output escapes every value', () => {
  it('keeps every table row at the same number of cells and renders no HTML or links', () => {
    const r = report('--format', 'markdown', '--metrics', 'tickets');
    expect(r.code).toBe(0);
    const tableLines = r.stdout.split('\n').filter((l) => l.startsWith('|'));
    const cells = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
    const width = cells(tableLines[0]);
    for (const line of tableLines) expect(cells(line), line).toBe(width);
    // 1 header + 1 rule + overall + 9 agents; the quoted newline did not split a row
    expect(tableLines).toHaveLength(12);
    expect(r.stdout).not.toContain('<script>');
    expect(r.stdout).toContain('&lt;script&gt;');
    expect(r.stdout).toContain('\\[l\\](u)');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});

describe('terminal output cannot be taken over by the data', () => {
  it('shows control characters and direction overrides in table cells as visible escapes', () => {
    const r = report('--format', 'table', '--metrics', 'tickets');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(r.stdout).toContain('Esc\\x1b[31mRed');
    expect(r.stdout).toContain('\\u{202e}evil');
  });

  it('escapes control characters in row issues on stderr', () => {
    const r = report('--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('INVALID_DATE');
    expect(r.stderr).toContain('2026-11-16\\x1b[2J');
    expect(r.stderr).not.toMatch(/\u001b/);
  });
});

describe('--out writes safely', () => {
  it('writes the file atomically and leaves no temp file', () => {
    const out = join(dir, 'ok', 'report.json');
    mkdirSync(join(dir, 'ok'));
    const r = runCli(['report', ...demo, '--format', 'json', '--now', NOW, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
    expect(readdirSync(join(dir, 'ok'))).toEqual(['report.json']);
  });

  it.each([
    ['the same path', (input: string) => input],
    ['a ./ spelling of it', (input: string) => join(dir, 'in', '.', 'tickets.csv')],
    ['a symlink to it', (input: string) => (symlinkSync(input, join(dir, 'in', 'link.csv')), join(dir, 'in', 'link.csv'))],
    ['a hard link to it', (input: string) => (linkSync(input, join(dir, 'in', 'hard.csv')), join(dir, 'in', 'hard.csv'))],
  ])('refuses to overwrite an input file given as %s', (_, target) => {
    rmSync(join(dir, 'in'), { recursive: true, force: true });
    mkdirSync(join(dir, 'in'));
    const input = join(dir, 'in', 'tickets.csv');
    writeFileSync(input, readFileSync(demo[0]));
    const out = target(input);
    const r = runCli(['report', input, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^teamkpi: error: --out .*: refusing to overwrite an input file\nteamkpi: hint: /);
    expect(readFileSync(input)).toEqual(readFileSync(demo[0]));
    expect(readdirSync(join(dir, 'in')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['a directory', () => dir, /is a directory/],
    ['a missing directory', () => join(dir, 'nope', 'report.csv'), /cannot write \(ENOENT\)/],
    ['a path under a file', () => join(hostile, 'report.csv'), /cannot write \(ENOTDIR\)/],
  ])('exits 2 when --out is %s, and creates nothing', (_, target, message) => {
    const before = readdirSync(dir).sort();
    const r = runCli(['report', ...demo, '--format', 'csv', '--out', target()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('exits 2 on a directory without write permission, leaving nothing behind', (ctx) => {
    if (process.getuid?.() === 0) {
      console.log('skipped: running as root, which writes through any permission; the in-process test covers EACCES');
      ctx.skip();
    }
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const r = runCli(['report', ...demo, '--format', 'csv', '--out', join(locked, 'r.csv')]);
    chmodSync(locked, 0o755);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \(EACCES\)/);
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('standard output', () => {
  it('piped into head -1, ends quietly with exit 0 (EPIPE) and no stack trace', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `"${process.execPath}" "${BIN}" report "${demo[0]}" "${demo[1]}" --by agent,tag --period day --format csv | head -1; exit \${PIPESTATUS[0]}`], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
      encoding: 'utf8',
    });
    expect(r.stdout.split('\n')[0]).toMatch(/^period,agent,tag,tickets/);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  // `check` writes its verdict as its exit code: a breach is 1 however little of the output is read.
  // 20,000 agents with one ticket each, each below `min: 5`: far more output than a pipe holds.
  it('check piped into head -1 still exits 1 on a breach', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'teamkpi-check-pipe-'));
    const tickets = join(cwd, 'tickets.csv');
    writeFileSync(tickets, ['ticket_id,created_at,agent,status', ...Array.from({ length: 20_000 }, (_, i) => `${i + 1},2026-03-02T10:00:00Z,Agent ${i},open`), ''].join('\n'));
    writeFileSync(join(cwd, 'teamkpi.config.json'), JSON.stringify({ thresholds: [{ kpi: 'tickets', scope: 'agent', min: 5 }] }));
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `"${process.execPath}" "${BIN}" check tickets.csv --now ${NOW} | head -1; exit \${PIPESTATUS[0]}`], {
      cwd, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' }, encoding: 'utf8',
    });
    rmSync(cwd, { recursive: true, force: true });
    expect(r.stdout.split('\n').length).toBeLessThanOrEqual(2);
    expect(r.status).toBe(1);
  });

  // Diagnostics on stderr whose reader is gone are lost, not a failure: a missing file is still 2,
  // a good run still 0 (Node ended both with 1).
  it.each([['a missing file', ['report', 'no-such-file.csv'], 2], ['a good run', ['report', demo[0], '--quiet'], 0]])('stderr closed early: %s keeps its exit code', (_what, args, code) => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `"${process.execPath}" "${BIN}" ${(args as string[]).map((a) => `"${a}"`).join(' ')} 2>&1 >/dev/null 3>&- | (exec 0<&-); exit \${PIPESTATUS[0]}`], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' }, encoding: 'utf8',
    });
    expect(r.status).toBe(code);
  });

  it('a full disk behind stdout exits 2 with a message', (ctx) => {
    if (!existsSync('/dev/full')) {
      console.log('skipped: /dev/full does not exist on this system');
      ctx.skip();
    }
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `"${process.execPath}" "${BIN}" report "${demo[0]}" --by agent --format csv > /dev/full`], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^teamkpi: error: cannot write to standard output \(ENOSPC\)\nteamkpi: hint: /);
  });
});

/** The JSON report's dataQuality for one input file (the cases below read its issues and counts). */
function dataQualityOf(file: string): any {
  return JSON.parse(runCli(['report', file, '--format', 'json', '--quiet', '--now', NOW]).stdout).dataQuality;
}

// Every issue is counted by code in the JSON, listed or not: 300 bad dates and 50 empty created
// times (by construction) are 350 issues, of which the first 200 are listed.
describe('issue counts', () => {
  it('dataQuality.issuesByCode counts every issue, past the ones listed', () => {
    const rows = ['ticket_id,created_at,agent,status'];
    for (let i = 1; i <= 300; i++) rows.push(`${i},2026-13-01T10:00:00Z,Ana,open`);
    for (let i = 301; i <= 350; i++) rows.push(`${i},,Ana,open`);
    const q = dataQualityOf(tempCsv(rows, 'tickets.csv'));
    expect(q.issues.length + q.issuesTruncated).toBe(350);
    expect(q.issuesTruncated).toBe(150);
    expect(q.issuesByCode).toEqual({ INVALID_DATE: 300, MISSING_VALUE: 50 });
  });
});

describe('whole-file and line messages', () => {
  it('a directory given as input: exit 2 with a hint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-dir-input-'));
    const r = runCli(['report', dir]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory, not a CSV file\nteamkpi: hint: name the CSV files in it/);
  });

  it('a line holding only "" is named for what it holds', () => {
    const file = tempCsv(['ticket_id,created_at,status', '1,2026-03-02T10:00:00Z,open', '""', '   ']);
    const issues = dataQualityOf(file).issues.map((i: any) => [i.line, i.message]);
    expect(issues).toEqual([[3, 'the line holds a single empty field (such as "") and none of the others; the row is skipped'], [4, 'the line holds only spaces or tabs, no fields; the row is skipped']]);
  });
});

describe('a ticket file without its id column', () => {
  it('is named as missing ticket_id (it was "cannot tell whether this file holds tickets or surveys")', () => {
    const r = runCli(['report', tempCsv(['created_at,agent,status', '2026-03-02T10:00:00Z,Ana,open'], 'tickets.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required column "ticket_id" for tickets; headers found: "created_at", "agent", "status"/);
  });
});

describe('a CSAT cell that is no number and no known word', () => {
  it('names the words the column takes, not only numbers', () => {
    const file = tempCsv(['ticket_id,responded_at,csat', '1,2026-03-02T10:00:00Z,Excellent', '2,2026-03-02T10:00:00Z,Good'], 'surveys.csv');
    const [issue] = dataQualityOf(file).issues;
    expect(issue).toMatchObject({ code: 'INVALID_NUMBER', line: 2, value: 'Excellent' });
    expect(issue.message).toContain('expected a number from 0 to 10 or a rating word (good, bad, offered, not offered');
  });
});

// --strict names the first row at fault: an answer outside the scale the whole file shows is found
// after reading, yet line 11 (CSAT 9 among 1–5 answers) comes before line 20 (CSAT "abc").
describe('--strict', () => {
  it('names the issues in line order', () => {
    const rows = Array.from({ length: 299 }, (_, i) => `${i + 1},2025-10-01T10:00:00Z,${i === 9 ? '9' : i === 18 ? 'abc' : 1 + (i % 5)}`);
    const r = runCli(['report', tempCsv(['ticket_id,responded_at,csat', ...rows], 'surveys.csv'), '--strict']);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').map((l) => /surveys\.csv:(\d+)/.exec(l)?.[1]).filter((l) => l !== undefined);
    expect(lines).toEqual(['11', '20', '20']);
  });

  it('names the first row at fault first when more issues than are listed come before it in the log', () => {
    // 250 rows of "abc" (lines 20–269, two issues each) fill the list before the CSAT 9 of line 11 is found.
    const rows = Array.from({ length: 599 }, (_, i) => `${i + 1},2025-10-01T10:00:00Z,${i === 9 ? '9' : i >= 18 && i < 268 ? 'abc' : 1 + (i % 5)}`);
    const r = runCli(['report', tempCsv(['ticket_id,responded_at,csat', ...rows], 'surveys.csv'), '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^teamkpi: error: .*surveys\.csv:11: column "csat": CSAT "9" is outside the 5-point scale/);
  });
});

// A ticket cannot be kept without its created time: the issue of an unreadable one says the row is
// skipped (it said "the value is dropped", or named no consequence), and the row is counted skipped.
describe('an unreadable created time', () => {
  it('says the row is skipped', () => {
    const file = tempCsv(['ticket_id,created_at,first_response_at,status', '1,1969-12-31T00:00:00Z,,open', '2,2024-13-01T09:00:00Z,,open', '3,2026-03-02T10:00:00Z,soon,open'], 'tickets.csv');
    const q = dataQualityOf(file);
    expect(q.issues.map((i: any) => [i.line, i.column, /the row is skipped \(a ticket needs its created time\)/.test(i.message)])).toEqual([[2, 'created_at', true], [3, 'created_at', true], [4, 'first_response_at', false]]);
    expect(q.inputs[0]).toMatchObject({ rowsRead: 3, rowsUsed: 1, rowsSkipped: 2 });
  });
});

describe('a duplicate ticket id', () => {
  it('names where the id was seen before, so the two rows can be compared', () => {
    const file = tempCsv(['ticket_id,created_at,updated_at,status', '1,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,open', '1,2026-03-02T10:00:00Z,2026-03-02T12:00:00Z,solved'], 'tickets.csv');
    const [issue] = dataQualityOf(file).issues;
    expect(issue).toMatchObject({ code: 'DUPLICATE_TICKET', line: 3, value: '1' });
    expect(issue.message).toContain(`(also at ${file}:2)`);
  });
});
