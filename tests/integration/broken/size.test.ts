import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../../helpers/run-cli.js';
import { NOW, expectAccounted, expectCleanError, reportJson } from '../../helpers/cli-json.js';

// Big inputs are generated here, never committed.
let dir = '';
const MB = 1024 * 1024;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'teamkpi-size-'));
  const chunk = 'x'.repeat(MB);
  // A 50 MB quoted field on line 3, between two good rows.
  let fd = openSync(join(dir, 'big-field.csv'), 'w');
  writeSync(fd, 'ticket_id,created_at,agent,notes\n1,2026-11-16T09:00:00Z,Ana,short\n2,2026-11-16T09:00:00Z,Bo,"');
  for (let i = 0; i < 50; i++) writeSync(fd, chunk);
  writeSync(fd, '"\n3,2026-11-16T09:00:00Z,Cy,ok\n');
  closeSync(fd);
  // 50 MB without a single line end or delimiter.
  fd = openSync(join(dir, 'one-line.csv'), 'w');
  for (let i = 0; i < 50; i++) writeSync(fd, chunk);
  closeSync(fd);
  // The same 50 MB as a 50 KB .gz: decompression streams, so the record limit still holds.
  writeFileSync(join(dir, 'bomb.csv.gz'), gzipSync(Buffer.concat([Buffer.from('ticket_id,created_at\n1,"'), Buffer.alloc(50 * MB, 'x')])));
  // 100,000 columns: the two required ones and 99,998 others, three rows.
  const names = ['ticket_id', 'created_at', ...Array.from({ length: 99_998 }, (_, i) => `c${i}`)];
  const rows = [1, 2, 3].map((id) => [String(id), '2026-11-16T09:00:00Z', ...Array.from({ length: 99_998 }, (_, i) => String(i % 10))].join(','));
  writeFileSync(join(dir, 'wide.csv'), [names.join(','), ...rows, ''].join('\n'));
  writeFileSync(join(dir, 'wide-unknown.csv'), names.slice(2).join(',') + '\n');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Spawn the CLI with a small V8 heap: a run that buffered the 50 MB field would die out of memory. */
function runSmallHeap(args: string[]) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=64', BIN, 'report', ...args, '--format', 'json', '--now', NOW], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

describe('inputs too big to trust', () => {
  it('a 50 MB field stops at the record size limit, within a 64 MB heap, naming the line', () => {
    const r = runSmallHeap(['big-field.csv']);
    expect(r.signal).toBeNull();
    expectCleanError(r, 'big-field.csv:3: a record (one row, or one field) is larger than the 8 MB limit');
  });

  it('50 MB with no line end stops the same way at line 1', () => {
    const r = runSmallHeap(['one-line.csv']);
    expect(r.signal).toBeNull();
    expectCleanError(r, 'one-line.csv:1: a record');
  });

  it('a small .gz that inflates to a 50 MB field stops the same way', () => {
    const r = runSmallHeap(['bomb.csv.gz']);
    expect(r.signal).toBeNull();
    expectCleanError(r, 'bomb.csv.gz:2: a record');
  });

  it('100,000 columns are read (the mapping uses the two it knows)', () => {
    const r = reportJson([join(dir, 'wide.csv')]);
    expect(r.code).toBe(0);
    expect(r.report!.rows[0].kpis.tickets.value).toBe(3);
    expect(r.report!.dataQuality.inputs[0]).toMatchObject({ rowsRead: 3, rowsUsed: 3 });
    expectAccounted(r.report!);
  });

  it('100,000 unknown columns give a short error that lists the first headers only', () => {
    const r = reportJson([join(dir, 'wide-unknown.csv')]);
    expectCleanError(r, /wide-unknown\.csv: cannot tell whether this file holds tickets or surveys/);
    expect(r.stderr).toContain('…and 99958 more');
    expect(r.stderr.length).toBeLessThan(2000);
  });
});
