import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { mulberry32 } from '../../scripts/mulberry32.mjs';

// Ids that are a short prefix and digits (`TCK-00000001`) go from the reader threads to the table
// as a prefix key and a number, not a string (ticket-batch.ts, `idPrefix`). They must name the
// same tickets as the text does everywhere: deduplication, the survey join, the issues. A file of
// every kind of id is read on one thread without the lane (the reference), with the lane, and by
// worker threads over small blocks; the reports must be identical, and the duplicates and matched
// responses are also counted here by treating every id as plain text.

// The data scripts' seeded generator: the randomness only makes the data, as theirs does.
const rand: () => number = mulberry32(20261123);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
/** An id of one of the kinds the index tells apart (the text is the id). */
function someId(): string {
  const kind = int(0, 11);
  const n = int(1, 3000);
  switch (kind) {
    case 0: return `T-${n % 40}`; // T-7 …
    case 1: return `T-${pad(n % 40, 2)}`; // … T-07 …
    case 2: return String(n % 40); // … and 7: three ids
    case 3: return pad(n % 60, 3); // 007: digits with a leading zero
    case 4: return `SUPPORT-TICKET-NUMBER-${n % 50}`; // a prefix longer than 16: a text id
    case 5: return `Ž-${n % 30}`; // not ASCII: a text id
    case 6: return `P${int(0, 299)}-${n % 5}`; // 300 prefixes, past the 256 that get an index
    case 7: return `INC${pad(n % 500, 7)}`;
    // one row in 120 or so: an id a spreadsheet turned into scientific notation (`1.25E+17`, `4E5`), which the reader reports
    case 8: return n % 10 !== 0 ? `TCK-${pad(n, 8)}` : n % 2 === 0 ? `${n % 9 + 1}.${pad(n % 100, 2)}E+${n % 13 + 5}` : `${n % 9 + 1}e${n % 7 + 3}`;
    default: return `TCK-${pad(n, 8)}`;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'teamkpi-prefixed-'));
const ticketIds: string[] = [];
const rows = ['ticket_id,created_at,first_response_at,solved_at,agent,team,status,agent_replies'];
for (let i = 0; i < 8000; i++) {
  const id = i % 97 === 0 && ticketIds.length > 0 ? ticketIds[int(0, ticketIds.length - 1)] : someId();
  ticketIds.push(id);
  const day = pad(1 + (i % 28), 2);
  const solved = rand() < 0.7 ? `2025-06-${day}T${pad(int(10, 23), 2)}:00:00Z` : '';
  const cell = id.includes(',') || id.includes('"') ? `"${id.replaceAll('"', '""')}"` : id;
  rows.push([cell, `2025-06-${day}T08:00:00Z`, `2025-06-${day}T09:00:00Z`, solved, `Agent ${i % 5}`, 'Team A', solved ? 'solved' : 'open', String(i % 3)].join(','));
}
const tickets = join(dir, 'tickets.csv');
writeFileSync(tickets, rows.join('\n') + '\n');
const responseIds: string[] = [];
const responses = ['ticket_id,responded_at,csat'];
for (let i = 0; i < 3000; i++) {
  const id = rand() < 0.8 ? ticketIds[int(0, ticketIds.length - 1)] : someId();
  responseIds.push(id);
  responses.push(`${id},2025-07-01T${pad(i % 24, 2)}:${pad(i % 60, 2)}:00Z,${int(1, 5)}`);
}
const surveys = join(dir, 'surveys.csv');
writeFileSync(surveys, responses.join('\n') + '\n');

interface Quality {
  surveys: { matched: number };
  inputs: { file: string; rowsRead: number; rowsUsed: number; rowsDuplicate: number }[];
}

function report(env: Record<string, string>): { rows: unknown[]; dataQuality: Quality } {
  const r = runCli(['report', tickets, '--surveys', surveys, '--by', 'agent', '--format', 'json', '--now', '2026-01-01T00:00:00Z'], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('ids that are a prefix and digits', () => {
  const reference = report({ TEAMKPI_TYPED_LANE: '0', TEAMKPI_WORKERS: '0' });

  it('give the same report with the lane on one thread and with worker threads', () => {
    expect(report({ TEAMKPI_WORKERS: '0' })).toEqual(reference);
    expect(report({ TEAMKPI_WORKERS: '2', TEAMKPI_PARALLEL_MIN_BYTES: '0', TEAMKPI_PARALLEL_BLOCK_BYTES: '4096' })).toEqual(reference);
  });

  it('name the tickets their text names: duplicates and matched responses counted as text', () => {
    const distinct = new Set(ticketIds);
    const repeated = new Set(ticketIds.filter((id, i) => ticketIds.indexOf(id) !== i));
    const overall = reference.rows[0] as { kpis: { tickets: { value: number } } };
    expect(overall.kpis.tickets.value).toBe(distinct.size);
    const input = reference.dataQuality.inputs.find((i) => i.file === tickets)!;
    expect(input).toMatchObject({ rowsRead: ticketIds.length, rowsUsed: distinct.size, rowsDuplicate: ticketIds.length - distinct.size });
    expect(repeated.size).toBeGreaterThan(100);
    // Every response counts (each rates CSAT at a distinct time, so the latest per ticket is one of them).
    const perTicket = new Map<string, number>();
    for (const id of responseIds) if (distinct.has(id)) perTicket.set(id, (perTicket.get(id) ?? 0) + 1);
    expect(reference.dataQuality.surveys.matched).toBe(perTicket.size);
  });

  it('an id in scientific notation is reported on every row it is on (the lane asks the reader for it)', () => {
    const scientific = /^\d(?:\.\d+)?E\+?\d+$/i;
    const expected = ticketIds.filter((id) => scientific.test(id)).length;
    expect(expected).toBeGreaterThan(30);
    // The report lists the first 200 issues (the duplicates fill them); inspect counts every one.
    for (const env of [{ TEAMKPI_TYPED_LANE: '0', TEAMKPI_WORKERS: '0' }, { TEAMKPI_WORKERS: '0' }, { TEAMKPI_WORKERS: '2', TEAMKPI_PARALLEL_MIN_BYTES: '0', TEAMKPI_PARALLEL_BLOCK_BYTES: '4096' }]) {
      const r = runCli(['inspect', tickets, '--format', 'json'], { env });
      expect(r.code, r.stderr).toBe(0);
      const [file] = JSON.parse(r.stdout).files as { issues: { byCode: Record<string, number> } }[];
      expect(file.issues.byCode.INVALID_VALUE, JSON.stringify(env)).toBe(expected);
    }
  });
});
