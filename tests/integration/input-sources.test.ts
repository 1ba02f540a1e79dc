import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

// What teamkpi decides once per file — the encoding, the delimiter, the date order and decimal
// mark its first records show — must not depend on how the bytes arrive: a file reads in 256 KB
// chunks, its .gz decompresses in 16 KB ones, a pipe gives what has arrived so far.
const dir = mkdtempSync(join(tmpdir(), 'teamkpi-sources-'));
const NOW = '2026-06-01T00:00:00Z';

/** 700 tickets of ~40 bytes: `cell(i)` fills the last column of row i. */
function write(name: string, header: string, cell: (i: number) => string | Buffer): string {
  const parts: Buffer[] = [Buffer.from(header + '\n')];
  for (let i = 0; i < 700; i++) parts.push(Buffer.concat([Buffer.from(`${1000 + i},2026-01-05T10:00:00Z,Ana,`), Buffer.from(cell(i)), Buffer.from('\n')]));
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat(parts));
  writeFileSync(file + '.gz', gzipSync(readFileSync(file)));
  return file;
}

/** The report of `file` read from its path, from its .gz, and from a pipe that sends 10 KB, waits, then the rest. */
async function threeWays(file: string): Promise<{ code: number | null; out: string }[]> {
  // The file's name as each way names it (`-` for the pipe), in JSON and in an error line.
  const normal = (r: { code: number | null; stdout: string; stderr: string }, name: string) => ({
    code: r.code,
    out: (r.stdout + r.stderr).replaceAll(JSON.stringify(name), '"FILE"').replaceAll(`error: ${name}:`, 'error: FILE:'),
  });
  const args = ['--format', 'json', '--now', NOW, '--quiet'];
  const plain = normal(runCli(['report', file, ...args]), file);
  const gz = normal(runCli(['report', file + '.gz', ...args]), file + '.gz');
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'teamkpi.js'), 'report', '-', ...args]);
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const bytes = readFileSync(file);
  child.stdin.write(bytes.subarray(0, 10_000));
  await new Promise((resolve) => setTimeout(resolve, 300));
  child.stdin.end(bytes.subarray(10_000));
  const [code] = await once(child, 'exit');
  return [plain, gz, normal({ code: code as number, stdout, stderr }, '-')];
}

describe('a file, its .gz and a slow pipe are read alike', () => {
  it('the decimal mark of a duration column ("10,5" early, "10.5" and "2.000" ~20 KB in)', async () => {
    const file = write('marks.csv', 'ticket_id,created_at,agent,first_response_minutes', (i) => (i === 0 ? '"10,5"' : i === 600 ? '"10.5"' : i === 650 ? '2.000' : '"7"'));
    const [plain, gz, pipe] = await threeWays(file);
    expect(plain.code).toBe(0);
    expect(gz).toEqual(plain);
    expect(pipe).toEqual(plain);
  });

  it('the date order (a day-first date early, a month-first one ~20 KB in: refused alike)', async () => {
    const file = write('dates.csv', 'ticket_id,created_at,agent,solved_at', (i) => (i === 0 ? '13/01/2026 10:00' : i === 300 ? '01/13/2026 10:00' : '02/03/2026 10:00'));
    const [plain, gz, pipe] = await threeWays(file);
    expect(plain.code).toBe(2);
    expect(gz).toEqual(plain);
    expect(pipe).toEqual(plain);
  });

  it('the encoding named (one Windows-1252 byte ~27 KB in, ASCII before it)', async () => {
    const file = write('latin.csv', 'ticket_id,created_at,agent,team', (i) => (i === 650 ? Buffer.from([0x52, 0x65, 0x6e, 0xe9]) : 'Team'));
    const [plain, gz, pipe] = await threeWays(file);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out).dataQuality.inputs[0].encoding).toBe('Windows-1252 (not valid UTF-8)');
    expect(gz).toEqual(plain);
    expect(pipe).toEqual(plain);
  });
});
