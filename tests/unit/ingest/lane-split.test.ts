import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaneCells, type FastBuffer } from '../../../src/ingest/lane-cells.js';
import { MAX_SPLIT_CELLS, READ_BUFFER_BYTES, laneMemory } from '../../../src/ingest/lane-memory.js';
import type { Columns } from '../../../src/ingest/columns.js';
import { ROOT } from '../../helpers/run-cli.js';
import { mulberry32 } from '../../../scripts/mulberry32.mjs';

// The lanes split records into cells in WebAssembly (lane-split.wat) for the bytes of the thread's
// read buffer, and in JavaScript for any other bytes. Both must give the same return value, cells,
// escaped cells and line breaks for every record; and for the records a test makes whole, the
// cells it put in.

/** A lane that only splits, with what it found copied out (the lanes of a thread share the cells). */
class Splitter extends LaneCells {
  constructor(width: number, delimiter: number, recordDelimiter: number) {
    super({ latestPlausible: 0 } as unknown as Columns, width, delimiter, recordDelimiter);
  }

  run(buf: Buffer, pos: number, end: number): { next: number; cells: string[]; escaped: number[]; breaks: number | null } {
    const before = this.breaks;
    this.breaks = -1;
    const next = this.split(buf as FastBuffer, pos, end);
    const cells: string[] = [];
    const escaped: number[] = [];
    if (next > 0) {
      for (let c = 0; c < this.width; c++) {
        cells.push(buf.latin1Slice(this.starts[c], this.ends[c]));
        if (this.escapedRow && this.escaped[c] === 1) escaped.push(c);
      }
    }
    const breaks = next > 0 ? this.breaks : null;
    if (next <= 0) this.breaks = before;
    return { next, cells, escaped, breaks };
  }
}

interface Made {
  bytes: Buffer;
  /** The cells' texts as the record holds them (quoted ones without their quotes, doubled quotes doubled). */
  cells: string[];
  escaped: number[];
  breaks: number;
  /** Whether the record is whole and well formed (one line end of the file's kind, nothing after a closing quote). */
  whole: boolean;
}

const DELIMITERS = [',', ';', '\t', '|'];

function makeRecord(random: () => number, delimiter: string, crlf: boolean): Made {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const n = 1 + Math.floor(random() * 12);
  const cells: string[] = [];
  const escaped: number[] = [];
  let breaks = 0;
  let whole = true;
  let text = '';
  for (let c = 0; c < n; c++) {
    const length = pick([0, 1, 3, 7, 15, 16, 17, 31, 40]);
    const kind = random();
    let cell = '';
    if (kind < 0.5) {
      // Plain: letters, digits, spaces, a quote now and then (text in a plain cell), a tab.
      for (let i = 0; i < length; i++) cell += pick(['a', 'Z', '7', ' ', '-', 'é', ':', random() < 0.05 ? '"' : 'x', random() < 0.03 ? '\t' : 'y']);
      if (cell.includes(delimiter)) cell = cell.replaceAll(delimiter, 'd');
      // A quote first would open a quoted cell.
      if (cell.startsWith('"')) cell = `q${cell.slice(1)}`;
      text += cell;
    } else {
      // Quoted: may hold the delimiter, doubled quotes and line breaks of every kind.
      let escapedCell = false;
      for (let i = 0; i < length; i++) {
        const r = random();
        if (r < 0.08) {
          cell += '""';
          escapedCell = true;
        } else if (r < 0.12) {
          cell += '\r\n';
        } else if (r < 0.15) {
          cell += '\n';
        } else if (r < 0.17) {
          cell += '\r';
        } else if (r < 0.25) cell += delimiter;
        else cell += pick(['b', 'Q', '0', ' ', 'ü', '\t']);
      }
      // Line breaks as the tokenizer counts them: \r\n, \n and a lone \r are one each.
      breaks += (cell.match(/\r\n|\r|\n/g) ?? []).length;
      if (escapedCell) escaped.push(c);
      text += `"${cell}"`;
    }
    cells.push(cell);
    if (c < n - 1) text += delimiter;
  }
  // Now and then something the lane leaves to the ordinary path.
  const damage = random();
  if (damage < 0.03) {
    text = text.slice(0, Math.floor(random() * text.length)) + '\0' + text.slice(Math.floor(random() * text.length));
    whole = false;
  } else if (damage < 0.06) {
    text = `${text}"x`;
    whole = false;
  } else if (damage < 0.08) {
    text = `"ab"c${delimiter}${text}`;
    whole = false;
  }
  // A record of one empty cell is an empty line, which the lanes leave to the ordinary path.
  if (text === '') whole = false;
  const end = random();
  if (end < 0.05) {
    whole = false; // no line end: the bytes stop
  } else if (end < 0.1) {
    text += crlf ? '\n' : '\r\n';
    whole = false;
  } else if (end < 0.13) {
    text += '\r';
    whole = false;
  } else {
    text += crlf ? '\r\n' : '\n';
  }
  return { bytes: Buffer.from(text, 'latin1'), cells, escaped, breaks, whole };
}

describe('the lanes\' splitter in WebAssembly', () => {
  const memory = laneMemory();

  it('is lane-split.wat assembled (scripts/wasm.mjs)', async () => {
    const { assemble, moduleText } = (await import(join(ROOT, 'scripts', 'wasm.mjs'))) as {
      assemble: () => Promise<Buffer>;
      moduleText: (bytes: Buffer) => string;
    };
    const committed = readFileSync(join(ROOT, 'src', 'ingest', 'lane-split-wasm.ts'), 'utf8');
    expect(committed).toBe(moduleText(await assemble()));
  });

  it('is made in this Node (WebAssembly SIMD)', () => {
    expect(memory).not.toBeNull();
    expect(memory!.bytes.length).toBe(READ_BUFFER_BYTES);
  });

  it.each(DELIMITERS.flatMap((d) => [[d, false], [d, true]] as const))(
    'splits random records as the JavaScript splitter does, delimiter %j, CRLF %s',
    (delimiter, crlf) => {
      const random = mulberry32(delimiter.charCodeAt(0) * 31 + (crlf ? 7 : 0));
      const wasmBytes = memory!.bytes;
      let compared = 0, whole = 0, refused = 0, cut = 0;
      for (let k = 0; k < 3000; k++) {
        const made = makeRecord(random, delimiter, crlf);
        // The record at a random place (any alignment), the file's bytes after it, or a cut.
        const at = Math.floor(random() * 64);
        const tail = random() < 0.5 ? Buffer.from(`next${delimiter}row\n`, 'latin1') : Buffer.alloc(0);
        const bytes = Buffer.concat([Buffer.from('#'.repeat(at)), made.bytes, tail]);
        const end = random() < 0.15 ? at + Math.floor(random() * (made.bytes.length + 1)) : bytes.length;
        if (end < bytes.length) cut++;
        // Width: the record's own cell count mostly, else one off.
        const width = made.cells.length + (random() < 0.85 ? 0 : random() < 0.5 ? -1 : 1);
        if (width < 1) continue;
        const js = new Splitter(width, delimiter.charCodeAt(0), crlf ? 2 : 1);
        const wasm = new Splitter(width, delimiter.charCodeAt(0), crlf ? 2 : 1);
        const plain = Buffer.from(bytes);
        bytes.copy(wasmBytes, 0);
        // Bytes after the end in the read buffer are never read as the record's.
        wasmBytes.fill(random() < 0.5 ? 0x0a : 0x22, bytes.length, bytes.length + 64);
        const a = js.run(plain, at, end);
        const b = wasm.run(wasmBytes, at, end);
        expect(b).toEqual(a);
        compared++;
        if (a.next === 0) refused++;
        if (made.whole && end === bytes.length && width === made.cells.length) {
          whole++;
          expect(a.next).toBe(at + made.bytes.length);
          expect(a.cells).toEqual(made.cells);
          expect(a.escaped).toEqual(made.escaped);
          expect(a.breaks).toBe(made.breaks);
        }
      }
      // The cases met every kind of record.
      expect(compared).toBeGreaterThan(2500);
      expect(whole).toBeGreaterThan(1000);
      expect(refused).toBeGreaterThan(100);
      expect(cut).toBeGreaterThan(300);
    },
  );

  it('clears the escaped flags a record set before the next, across lanes of other widths', () => {
    const wasmBytes = memory!.bytes;
    const wide = new Splitter(6, 0x2c, 1);
    const narrow = new Splitter(2, 0x2c, 1);
    const record = Buffer.from('a,b,c,d,"e""",f\n');
    record.copy(wasmBytes, 0);
    expect(wide.run(wasmBytes, 0, record.length).escaped).toEqual([4]);
    Buffer.from('x,"y"\n').copy(wasmBytes, 0);
    expect(narrow.run(wasmBytes, 0, 6).escaped).toEqual([]);
    // A later record of the wide lane with another escaped cell: only that one is escaped.
    const later = Buffer.from('1,"2""",3,4,5,6\n');
    later.copy(wasmBytes, 0);
    expect(wide.run(wasmBytes, 0, later.length)).toEqual({ next: later.length, cells: ['1', '2""', '3', '4', '5', '6'], escaped: [1], breaks: 0 });
  });

  it('reads a record that ends at the end of the read buffer, and none past it', () => {
    const wasmBytes = memory!.bytes;
    const record = Buffer.from('12,"x\r\ny",3\n');
    const at = READ_BUFFER_BYTES - record.length;
    record.copy(wasmBytes, at);
    const lane = new Splitter(3, 0x2c, 1);
    expect(lane.run(wasmBytes, at, READ_BUFFER_BYTES)).toEqual({ next: READ_BUFFER_BYTES, cells: ['12', 'x\r\ny', '3'], escaped: [], breaks: 1 });
    // Without its line end the record is not whole yet.
    expect(lane.run(wasmBytes, at, READ_BUFFER_BYTES - 1).next).toBe(-1);
  });

  it('leaves a record over 64 KB to the ordinary path when its end is not in the bytes', () => {
    const wasmBytes = memory!.bytes;
    const long = Buffer.from(`"${'z'.repeat(70_000)}`);
    long.copy(wasmBytes, 0);
    const plain = Buffer.from(long);
    const lane = new Splitter(2, 0x2c, 1);
    expect(lane.run(wasmBytes, 0, long.length).next).toBe(0);
    expect(lane.run(plain, 0, long.length).next).toBe(0);
    expect(lane.run(wasmBytes, 0, 100).next).toBe(-1);
  });
});

describe('a record wider than the lane memory holds', () => {
  it('is split in JavaScript into its own cells, with the read buffer\'s bytes too', () => {
    const memory = laneMemory()!;
    const width = MAX_SPLIT_CELLS + 3;
    const cells = Array.from({ length: width }, (_, i) => (i % 1000 === 7 ? `"q,${i}"` : String(i)));
    const record = Buffer.from(`${cells.join(',')}\n`);
    record.copy(memory.bytes, 0);
    const narrow = new Splitter(2, 0x2c, 1);
    Buffer.from('a,b\n').copy(memory.bytes, record.length);
    const wide = new Splitter(width, 0x2c, 1);
    const got = wide.run(memory.bytes, 0, record.length);
    expect(got.next).toBe(record.length);
    expect(got.cells).toEqual(cells.map((c) => c.replaceAll('"', '')));
    // The lane memory's cells are another lane's, untouched by the wide one.
    expect(narrow.run(memory.bytes, record.length, record.length + 4).cells).toEqual(['a', 'b']);
    expect(wide.run(memory.bytes, 0, record.length).cells[width - 1]).toBe(String(width - 1));
  });
});
