import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv, type ReadCsvOptions } from '../../../src/ingest/read-csv.js';
import { readInputs } from '../../../src/ingest/read-inputs.js';
import { IssueLog } from '../../../src/model/issue-log.js';
import { getZone } from '../../../src/time/zone.js';
import { ROOT } from '../../helpers/run-cli.js';
import { csvFiles } from '../../helpers/realdata.js';

// One parsing behaviour for users: the fast tokenizer and the careful path (csv-parse) must give
// identical records, start lines, errors and row issues on every file we know of.

interface Read {
  header?: string[];
  headerLine?: number;
  records?: string[][];
  lines?: number[];
  error?: string;
  bail?: string | null;
}

async function readAll(file: string, options: ReadCsvOptions, stdin?: NodeJS.ReadableStream): Promise<Read> {
  let bail: () => string | null = () => null;
  try {
    const csv = await readCsv(file, stdin, { ...options, onTokenizer: (t) => (bail = () => t.bail) });
    const records: string[][] = [];
    const lines: number[] = [];
    for await (const batch of csv.batches) {
      records.push(...batch.records);
      lines.push(...batch.lines);
    }
    return { header: csv.header, headerLine: csv.headerLine, records, lines, bail: bail() };
  } catch (error) {
    return { error: `${(error as Error).message} | ${(error as { hint?: string }).hint ?? ''}`, bail: bail() };
  }
}


const fixtures = csvFiles(join(ROOT, 'fixtures'), { gz: true });
const realdataDir = join(ROOT, '..', 'shared', 'realdata');
const realdata = csvFiles(realdataDir, { gz: true });
if (realdata.length === 0) console.log(`skipping real exports: ${realdataDir} is not there (it sits beside the checkout in CI)`);

async function issuesOf(file: string, tokenizer: 'fast' | 'careful'): Promise<unknown> {
  const log = new IssueLog();
  const rows: unknown[] = [];
  try {
    await readInputs([{ file }], { inputZone: getZone('UTC'), log, tokenizer }, { ticket: (t) => rows.push(t), survey: (s) => rows.push(s) });
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { rows, issues: log.issues, byCode: [...log.byCode], inputs: log.inputs };
}

describe.each([...fixtures, ...realdata].map((file) => [file.slice(ROOT.length - 1)]))('fast and careful tokenizers agree on %s', (rel) => {
  const file = join(ROOT, rel);
  it('records, lines and errors', async () => {
    const fast = await readAll(file, { tokenizer: 'fast' });
    const careful = await readAll(file, { tokenizer: 'careful' });
    expect(fast.error).toEqual(careful.error);
    expect(fast.header).toEqual(careful.header);
    expect(fast.headerLine).toEqual(careful.headerLine);
    expect(fast.lines).toEqual(careful.lines);
    expect(fast.records).toEqual(careful.records);
  });
  it('mapped rows and row issues', async () => {
    expect(await issuesOf(file, 'fast')).toEqual(await issuesOf(file, 'careful'));
  });
});

/** Seeded generator (mulberry32), so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Feed bytes as stdin in small chunks, so records, quotes and CRLF pairs straddle chunk ends. */
function chunked(bytes: Buffer, rand: () => number): Readable {
  // The delimiter is sniffed from the first chunk, so that one holds the whole first line.
  const firstBreak = bytes.indexOf(10);
  const head = firstBreak < 0 ? bytes.length : firstBreak + 1;
  const chunks: Buffer[] = [bytes.subarray(0, head)];
  for (let i = head; i < bytes.length;) {
    const n = 1 + Math.floor(rand() * 7);
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  return Readable.from(chunks);
}

describe('fast and careful tokenizers agree on generated edge cases', () => {
  const pieces = ['a', 'bc', 'é', '€', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', ' ', '\u00a0', ';'];
  const rand = random(8);
  const cases: string[] = [];
  for (let k = 0; k < 500; k++) {
    let text = rand() < 0.7 ? 'h1,h2\n' : rand() < 0.5 ? '\ufeffh1,h2\r\n' : '';
    const n = Math.floor(rand() * 24);
    for (let i = 0; i < n; i++) text += pieces[Math.floor(rand() * pieces.length)];
    cases.push(text);
  }
  // Well-formed files (one record delimiter, quoted cells with delimiters, quotes and newlines),
  // which the fast path reads on its own.
  for (let k = 0; k < 500; k++) {
    const nl = rand() < 0.5 ? '\n' : '\r\n';
    const cell = (): string => {
      const r = rand();
      if (r < 0.3) return '';
      if (r < 0.6) return ['a', 'bc', 'é€', ' x ', '\u00a0'][Math.floor(rand() * 5)];
      const inner = ['a', ',', '""', nl, '\n', 'é', ' ', ';'];
      let text = '"';
      for (let i = Math.floor(rand() * 5); i > 0; i--) text += inner[Math.floor(rand() * inner.length)];
      return text + '"';
    };
    let text = rand() < 0.2 ? '\ufeff' : '';
    for (let row = Math.floor(rand() * 5); row >= 0; row--) {
      if (rand() < 0.15) text += nl;
      const width = 1 + Math.floor(rand() * 3);
      text += Array.from({ length: width }, cell).join(',') + (row > 0 || rand() < 0.5 ? nl : '');
    }
    cases.push(text);
  }
  it.each(cases.map((text, i) => [i, text]))('case %i %j', async (_i, text) => {
    const bytes = Buffer.from(text as string);
    const careful = await readAll('-', { tokenizer: 'careful' }, Readable.from([bytes]));
    const whole = await readAll('-', { tokenizer: 'fast' }, Readable.from([bytes]));
    const pieces = await readAll('-', { tokenizer: 'fast' }, chunked(bytes, random(bytes.length)));
    for (const fast of [whole, pieces]) {
      expect({ ...fast, bail: undefined }).toEqual({ ...careful, bail: undefined });
    }
  });
});

describe('start lines are exact', () => {
  // Line breaks are \r\n, \n or a lone \r; a quoted CRLF is one line (csv-parse alone counts two).
  const text = 'id,note\r\n1,"two\r\nlines"\r\n\r\n2,x\r\n3,"a ""b""\r\nc\r\nd"\r\n4,y';
  it.each(['fast', 'careful'] as const)('%s', async (tokenizer) => {
    const read = await readAll('-', { tokenizer }, Readable.from([Buffer.from(text)]));
    expect(read.headerLine).toBe(1);
    expect(read.lines).toEqual([2, 5, 6, 9]);
    expect(read.records).toEqual([['1', 'two\r\nlines'], ['2', 'x'], ['3', 'a "b"\r\nc\r\nd'], ['4', 'y']]);
  });
  it('the fast path reads this file itself', async () => {
    const read = await readAll('-', { tokenizer: 'fast' }, Readable.from([Buffer.from(text)]));
    expect(read.bail).toBeNull();
  });
});

describe('the first batch', () => {
  // Records from a 32 KB start, so a reader that goes on with a lane from there takes the rest.
  const firstBatch = async (text: string): Promise<{ first: string[][]; all: Read }> => {
    const csv = await readCsv('-', Readable.from([Buffer.from(text)]), { tokenizer: 'fast' });
    const iterator = csv.batches[Symbol.asyncIterator]();
    const first = (await iterator.next()).value!.records;
    return { first, all: await readAll('-', { tokenizer: 'fast' }, Readable.from([Buffer.from(text)])) };
  };

  // 4,000 rows of ~60 bytes, some with a quoted line break; across the 32 KB mark, a quoted or a plain one.
  it.each([true, false])('holds the records of the first 32 KB only, and the batches hold every record (quoted across: %s)', async (quotedAcross) => {
    let text = 'id,note,more\n';
    for (let i = 0; i < 4000; i++) {
      const quoted = i % 97 === 0 || (quotedAcross && text.length > 32_700 && text.length < 32_800);
      text += quoted ? `${i},"two\nlines, ""quoted""",x\n` : `${i},a plain note of some length here,${'y'.repeat(i % 20)}\n`;
    }
    const { first, all } = await firstBatch(text);
    const careful = await readAll('-', { tokenizer: 'careful' }, Readable.from([Buffer.from(text)]));
    expect(all).toEqual({ ...careful, bail: null });
    expect(all.records!.length).toBe(4000);
    // The first batch: the records after the header that end within the first 32 KB.
    const bytes = Buffer.from(text);
    let end = 0, records = -1;
    for (let at = 0, quoted = false; at < 32 * 1024; at++) {
      if (bytes[at] === 0x22) quoted = !quoted;
      else if (bytes[at] === 0x0a && !quoted) {
        end = at;
        records++;
      }
    }
    expect(end).toBeGreaterThan(30_000);
    expect(first.length).toBe(records);
    expect(first).toEqual(careful.records!.slice(0, records));
  });

  it('comes whole when its first record is longer than 32 KB', async () => {
    const long = 'z'.repeat(40_000);
    const text = `id,note\n1,"${long}"\n2,b\n`;
    const { first, all } = await firstBatch(text);
    expect(first).toEqual([['1', long], ['2', 'b']]);
    expect(all.records).toEqual([['1', long], ['2', 'b']]);
  });
});
