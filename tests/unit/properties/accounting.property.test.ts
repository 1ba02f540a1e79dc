import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/cli/run-report.js';
import type { Io } from '../../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'teamkpi-accounting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, now: () => new Date('2026-11-23T07:00:00Z') };

// A ticket row: an id from a small pool (so duplicates happen) and at most one defect. The
// fatal defects skip the row; the others only drop a value.
const FATAL = ['bad-created', 'empty-id', 'short-row', 'long-row', 'nul', 'future-created', 'zero-created'] as const;
const MILD = ['none', 'none', 'none', 'bad-solved', 'bad-replies', 'negative-frt', 'long-resolution'] as const;
type Defect = (typeof FATAL)[number] | (typeof MILD)[number];
const ticketRow = fc.record({ id: fc.integer({ min: 1, max: 15 }), defect: fc.constantFrom<Defect>(...FATAL, ...MILD), minute: fc.integer({ min: 0, max: 59 }) });

function ticketLine({ id, defect, minute }: { id: number; defect: Defect; minute: number }): string {
  const m = String(minute).padStart(2, '0');
  const cells = [String(id), `2026-11-16T09:${m}:00Z`, `2026-11-16T10:${m}:00Z`, `2026-11-16T12:${m}:00Z`, 'Ana', '2'];
  switch (defect) {
    case 'bad-created': cells[1] = '2026-02-30T09:00:00Z'; break;
    case 'empty-id': cells[0] = ' '; break;
    case 'short-row': cells.pop(); break;
    case 'long-row': cells.push('extra'); break;
    case 'nul': cells[4] = 'A\0na'; break;
    case 'future-created': cells[1] = '2099-01-01T00:00:00Z'; break;
    case 'zero-created': cells[1] = '1970-01-01T00:00:00Z'; break;
    case 'bad-solved': cells[3] = 'yesterday'; break;
    case 'bad-replies': cells[5] = 'two'; break;
    case 'negative-frt': cells[2] = '2026-11-16T08:00:00Z'; break;
    case 'long-resolution': cells[3] = '2028-01-01T00:00:00Z'; break;
  }
  return cells.join(',');
}

const surveyRow = fc.record({
  id: fc.integer({ min: 1, max: 20 }),
  csat: fc.constantFrom('', '1', '3', '4', '5', '6', '11', 'Offered', 'abc', 'Good'),
  nps: fc.constantFrom('', '0', '7', '9', '10', '11', '-1'),
  minute: fc.integer({ min: 0, max: 59 }),
});

let n = 0;
describe('nothing is lost (fast-check over the whole ingest and report)', () => {
  it('rows read = used + skipped + duplicate for every input, and the ticket counts match a model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ticketRow, { maxLength: 40 }), fc.array(surveyRow, { maxLength: 40 }), async (tickets, surveys) => {
        const t = join(dir, `tickets-${n}.csv`);
        const s = join(dir, `surveys-${n++}.csv`);
        writeFileSync(t, ['ticket_id,created_at,first_response_at,solved_at,agent,agent_replies', ...tickets.map(ticketLine), ''].join('\n'));
        writeFileSync(s, ['ticket_id,responded_at,csat,nps', ...surveys.map((r) => `${r.id},2026-11-16T13:${String(r.minute).padStart(2, '0')}:00Z,${r.csat},${r.nps}`), ''].join('\n'));
        const { report } = await buildReport([t, s], { quiet: true, format: 'json' }, io);

        const inputs = Object.fromEntries(report.dataQuality.inputs.map((i) => [i.file, i]));
        for (const input of report.dataQuality.inputs) expect(input.rowsUsed + input.rowsSkipped + input.rowsDuplicate).toBe(input.rowsRead);
        expect(inputs[t].rowsRead).toBe(tickets.length);
        expect(inputs[s].rowsRead).toBe(surveys.length);

        // the model: fatal defects skip the row; the rest collapse to one ticket per id
        const kept = tickets.filter((r) => !(FATAL as readonly string[]).includes(r.defect));
        const ids = new Set(kept.map((r) => r.id));
        expect(inputs[t]).toMatchObject({ rowsSkipped: tickets.length - kept.length, rowsUsed: ids.size, rowsDuplicate: kept.length - ids.size });
        expect(report.rows[0].kpis.tickets.value).toBe(ids.size);
        // a survey row with no readable answer is skipped
        const answered = surveys.filter((r) => ['1', '3', '4', '5', '6', 'Offered', 'Good'].includes(r.csat) || ['0', '7', '9', '10'].includes(r.nps));
        expect(inputs[s].rowsSkipped).toBe(surveys.length - answered.length);
        const { matched, orphaned, duplicates } = report.dataQuality.surveys;
        expect(duplicates).toBe(inputs[s].rowsDuplicate);
        expect(matched + orphaned).toBe(inputs[s].rowsUsed); // no window or filter: every used response is placed
      }),
      { seed: 20261122, numRuns: 150 },
    );
  });
});
