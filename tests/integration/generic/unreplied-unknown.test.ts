import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

// `unreplied` counts tickets with no agent response. An export with no first-response time, no
// first-response duration and no reply count cannot say whether an agent answered, so its tickets
// are not counted either way (DESIGN §3: unknown is null, never 0). A file that has one of those
// columns says "no response" with an empty cell.

interface Row {
  period: string;
  group: Record<string, string>;
  kpis: Record<string, { value: number | null; n: number }>;
}

const dir = mkdtempSync(join(tmpdir(), 'teamkpi-unreplied-'));
// No response columns at all: whether Ann's and Bo's tickets were answered is unknown.
const silent = join(dir, 'a-silent.csv');
writeFileSync(silent, [
  'ticket_id,created_at,solved_at,agent,status',
  '1,2026-03-02T10:00:00Z,2026-03-02T12:00:00Z,Ann,solved',
  '2,2026-03-02T11:00:00Z,,Ann,open',
  '3,2026-03-16T09:00:00Z,,Bo,open',
].join('\n') + '\n');
// A first-response column: ticket 11 was answered, 12 and 13 were not (empty cells).
const stating = join(dir, 'b-stating.csv');
writeFileSync(stating, [
  'ticket_id,created_at,first_response_at,agent,status',
  '11,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,Cy,open',
  '12,2026-03-03T10:00:00Z,,Cy,open',
  '13,2026-03-03T11:00:00Z,,Bo,open',
].join('\n') + '\n');

function report(files: string[], extra: string[] = [], env: Record<string, string> = {}): Row[] {
  const r = runCli(['report', ...files, '--format', 'json', '--now', '2026-04-01T00:00:00Z', ...extra], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).rows as Row[];
}

const unreplied = (rows: Row[], agent: string | undefined, period?: string) => {
  const row = rows.find((r) => r.group.agent === agent && (period === undefined || r.period === period))!;
  return row.kpis.unreplied;
};

describe('unreplied when an export cannot say', () => {
  it('is null (n 0) for tickets from an export with no response columns', () => {
    const rows = report([silent], ['--by', 'agent']);
    expect(unreplied(rows, undefined)).toEqual({ value: null, n: 0 });
    expect(unreplied(rows, 'Ann')).toEqual({ value: null, n: 0 });
    expect(unreplied(rows, 'Bo')).toEqual({ value: null, n: 0 });
  });

  it('counts only the tickets whose export can say', () => {
    // By hand: known are 11 (answered), 12 and 13 (not): 2 unreplied overall; Ann's two are
    // unknown (null); Bo has 3 (unknown) and 13 (unreplied): 1; Cy 1 of 2.
    const rows = report([silent, stating], ['--by', 'agent']);
    expect(unreplied(rows, undefined)).toEqual({ value: 2, n: 2 });
    expect(unreplied(rows, 'Ann')).toEqual({ value: null, n: 0 });
    expect(unreplied(rows, 'Bo')).toEqual({ value: 1, n: 1 });
    expect(unreplied(rows, 'Cy')).toEqual({ value: 1, n: 1 });
  });

  it('is 0 in a period without tickets, as the other counts are', () => {
    // Weeks 2026-W10 (tickets 1, 2) and W12 (ticket 3) have tickets; W11 has none.
    const rows = report([silent], ['--period', 'week']);
    expect(rows.map((r) => [r.period, r.kpis.tickets.value, r.kpis.unreplied.value])).toEqual([
      ['2026-W10', 2, null], ['2026-W11', 0, 0], ['2026-W12', 1, null],
    ]);
  });

  it('is the same when worker threads read the files', () => {
    // Files large enough for the worker threads (the first rows are read on this thread): 4,000
    // tickets of Ann's without response columns, 4,000 of Cy's with one, every third unanswered.
    const many = (name: string, header: string, row: (i: number) => string): string => {
      const file = join(dir, name);
      writeFileSync(file, [header, ...Array.from({ length: 4000 }, (_, i) => row(i))].join('\n') + '\n');
      return file;
    };
    const day = (i: number): string => `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`;
    const bigSilent = many('c-silent.csv', 'ticket_id,created_at,agent,status', (i) => `${100_000 + i},${day(i)},Ann,open`);
    const bigStating = many('d-stating.csv', 'ticket_id,created_at,first_response_at,agent,status',
      (i) => `${200_000 + i},${day(i)},${i % 3 === 0 ? '' : day(i).replace('T10', 'T11')},Cy,open`);
    const env = { TEAMKPI_WORKERS: '2', TEAMKPI_PARALLEL_MIN_BYTES: '0', TEAMKPI_PARALLEL_BLOCK_BYTES: '16384' };
    const rows = report([bigSilent, bigStating], ['--by', 'agent'], env);
    expect(rows).toEqual(report([bigSilent, bigStating], ['--by', 'agent'], { TEAMKPI_WORKERS: '0' }));
    // Cy: i = 0, 3, …, 3999 unanswered: 1,334 of 4,000.
    expect(unreplied(rows, 'Ann')).toEqual({ value: null, n: 0 });
    expect(unreplied(rows, 'Cy')).toEqual({ value: 1334, n: 1334 });
    expect(unreplied(rows, undefined)).toEqual({ value: 1334, n: 1334 });
  });
});
