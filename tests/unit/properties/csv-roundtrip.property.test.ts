import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ingest/read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'teamkpi-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Pieces that break naive CSV handling: quotes, delimiters, every line end, emoji (4-byte UTF-8
// and a surrogate pair), NBSP, accents, a tab, and a leading or trailing space.
const piece = fc.constantFrom('a', 'Z', '7', ' ', '"', '""', ',', ';', '|', '\t', '\n', '\r', '\r\n', '😀', '👩‍💻', '\u00a0', 'é', 'ß', '=', 'x y');
const field = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

/** RFC 4180 writer, written here independently of the reader: quote when needed, double quotes. */
function writeCsv(rows: string[][], eol: string): string {
  const cell = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return rows.map((r) => r.map(cell).join(',')).join(eol) + eol;
}

/** Line (1-based) on which each row starts, counting CRLF, LF and a lone CR as one line end each. */
function startLines(text: string, eol: string, rows: string[][]): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const row of rows) {
    lines.push(line);
    const written = writeCsv([row], eol);
    line += (written.match(/\r\n|\n|\r/g) ?? []).length;
  }
  return lines;
}

let file = 0;
describe('CSV written with random fields reads back identically (fast-check)', () => {
  it.each(['fast', 'careful'] as const)('through the %s tokenizer: same header, records and start lines', async (tokenizer) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 25 }).map((rows) => ({ width, rows }))),
        fc.constantFrom('\n', '\r\n'),
        async ({ width, rows }, eol) => {
          // (with two or more columns an all-empty record is a line of commas, not an empty line)
          const data = rows;
          const header = Array.from({ length: width }, (_, i) => `col${i}`);
          const text = writeCsv([header, ...data], eol);
          const path = join(dir, `t${file++}.csv`);
          writeFileSync(path, text);
          const csv = await readCsv(path, process.stdin, { tokenizer });
          const records: string[][] = [];
          const lines: number[] = [];
          for await (const batch of csv.batches) {
            records.push(...batch.records);
            lines.push(...batch.lines);
          }
          expect(csv.header).toEqual(header);
          expect(records).toEqual(data);
          expect(lines).toEqual(startLines(text, eol, [header, ...data]).slice(1));
        },
      ),
      { seed: 20261122, numRuns: 300 },
    );
  });
});
