import { describe, expect, it } from 'vitest';
import { MAX_PREFIXES, TextIndex, TicketIndex } from '../../../src/kpi/ticket-index.js';
import { prefixKey, prefixedId } from '../../../src/model/ticket-id.js';

/** A seeded sequence of 32-bit whole numbers (the same ids every run). */
const lcg = (seed: number) => (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);

describe('TicketIndex', () => {
  it('keeps ids that read as the same number apart unless they are the same text', () => {
    const index = new TicketIndex();
    const ids = ['1', '01', '1.0', ' 1', '1e3', '1000', '-1', '', '0', '00', '123456789012345', '1234567890123456', 'ABC-1'];
    ids.forEach((id, row) => index.set(id, row));
    ids.forEach((id, row) => expect(index.get(id)).toBe(row));
    expect(index.size).toBe(ids.length);
    expect(index.get('2')).toBeUndefined();
    expect(index.get('001')).toBeUndefined();
  });

  it('agrees with a Map over 200,000 mixed ids, through several rehashes', () => {
    const index = new TicketIndex();
    const map = new Map<string, number>();
    const next = lcg(7);
    for (let row = 0; row < 200_000; row++) {
      const r = next();
      const id = r % 10 === 0 ? `T-${r % 50_000}` : r % 10 === 1 ? `0${r % 1000}` : String(r % 150_000 + (r % 3 === 0 ? 2 ** 40 : 0));
      index.set(id, row);
      map.set(id, row);
    }
    expect(index.size).toBe(map.size);
    for (const [id, row] of map) expect(index.get(id)).toBe(row);
    for (let k = 0; k < 1000; k++) expect(index.get(`x${k}`)).toBeUndefined();
  });

  // The dense array holds sequential ids; these walk it through growth at both ends and out of it.
  it.each([
    ['sequential from 1,000,001, with repeats', (r: number, row: number) => String(1_000_001 + (r % 100 === 0 ? row - 50 : row))],
    ['sequential, falling', (_r: number, row: number) => String(5_000_000 - row)],
    ['dense, shuffled within a window', (r: number, row: number) => String(700_000 + row + (r % 4000) - 2000)],
    ['dense, then one far id, then dense again', (_r: number, row: number) => String(row === 30_000 ? 9_000_000_000 : 10 + row)],
    ['around zero', (r: number, row: number) => String(Math.max(0, row - 5000 + (r % 100)))],
  ])('agrees with a Map for ids %s', (_name, idOf) => {
    const index = new TicketIndex();
    const map = new Map<string, number>();
    const next = lcg(11);
    for (let row = 0; row < 60_000; row++) {
      const id = idOf(next(), row);
      expect(index.get(id)).toBe(map.get(id));
      index.set(id, row);
      map.set(id, row);
    }
    expect(index.size).toBe(map.size);
    for (const [id, row] of map) expect(index.get(id)).toBe(row);
    for (const id of ['0', '1', '999999', '5000001', '9000000001', '01']) expect(index.get(id)).toBe(map.get(id));
  });

  it('keeps prefixed ids apart by prefix, digits and leading zeros', () => {
    const index = new TicketIndex();
    const ids = ['T-7', 'T-07', 'T-007', '7', '07', '007', 'T7', 'T-7x', 'T-70', 'INC0012345', 'INC12345', 'INC012345', 'A1-5', 'A1-05', 'é-5', 'T-0', 'T-00',
      'X1234567890123456', 'X123456789012345', 'T-\u00000', 'T-\u00001', 'T-0\u00001'];
    ids.forEach((id, row) => {
      expect(index.get(id), id).toBeUndefined();
      index.set(id, row);
    });
    ids.forEach((id, row) => expect(index.get(id), id).toBe(row));
    expect(index.size).toBe(ids.length);
    for (const id of ['T-8', 'T-0007', 'INC00012345', 'A1-6', 'T-', 'U-7', 'INC1234']) expect(index.get(id), id).toBeUndefined();
    // Right after an id with another prefix of the same length and width.
    for (const [seen, other] of [['T-7', 'U-7'], ['INC12345', 'TCK12345'], ['T-07', 'U-07']]) {
      expect(index.get(seen)).toBe(ids.indexOf(seen));
      expect(index.get(other), other).toBeUndefined();
    }
  });

  it('agrees with a Map over 100,000 ids under several prefixes, interleaved', () => {
    const index = new TicketIndex();
    const map = new Map<string, number>();
    const next = lcg(23);
    const prefixes = ['T-', 'TCK', 'INC00', 'INC', 'x', ''];
    for (let row = 0; row < 100_000; row++) {
      const r = next();
      // Mostly one prefix in a run, as in a file; sometimes another, sequential or scattered numbers.
      const prefix = r % 20 === 0 ? prefixes[(r >>> 8) % prefixes.length] : 'TCK-';
      const n = r % 7 === 0 ? (r >>> 4) % 1_000_000_000 : 500_000 + row + ((r >>> 8) % 300);
      const id = `${prefix}${r % 11 === 0 ? String(n).padStart(9, '0') : n}`;
      expect(index.get(id)).toBe(map.get(id));
      index.set(id, row);
      map.set(id, row);
    }
    expect(index.size).toBe(map.size);
    for (const [id, row] of map) expect(index.get(id)).toBe(row);
  });

  // Ids whose text before the final digits differs on every row (UUIDs, hashes) each made an
  // index of their own: 100,000 UUIDs held ~500 MB. They go to the text index.
  const prefixCount = (index: TicketIndex): number => (index as unknown as { prefixed: Map<string, unknown> }).prefixed.size;
  it('keeps UUID-like ids (a long text before the final digits) in the text index, not a prefix index each', () => {
    const index = new TicketIndex();
    const map = new Map<string, number>();
    const next = lcg(5);
    const hex = (): string => next().toString(16).padStart(8, '0');
    for (let row = 0; row < 20_000; row++) {
      const id = `${hex()}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex()}${String(row % 1000).padStart(4, '0')}`;
      expect(index.get(id)).toBe(map.get(id));
      index.set(id, row);
      map.set(id, row);
    }
    expect(prefixCount(index)).toBe(0);
    expect(index.size).toBe(map.size);
    for (const [id, row] of map) expect(index.get(id)).toBe(row);
  });

  it(`makes at most ${MAX_PREFIXES} prefix indexes; ids of later prefixes go to the text index and are found there`, () => {
    const index = new TicketIndex();
    const map = new Map<string, number>();
    const next = lcg(9);
    for (let row = 0; row < 30_000; row++) {
      const r = next();
      // Short prefixes, a thousand of them, met again and again in any order.
      const id = `P${(r >>> 4) % 1000}-${r % 5000}`;
      expect(index.get(id)).toBe(map.get(id));
      index.set(id, row);
      map.set(id, row);
    }
    expect(prefixCount(index)).toBe(MAX_PREFIXES);
    expect(index.size).toBe(map.size);
    for (const [id, row] of map) expect(index.get(id)).toBe(row);
    for (let k = 0; k < 1000; k++) expect(index.get(`P${k}-5001`)).toBeUndefined();
  });

  it('finds an id by its prefix key and number as by its text, either way in, past the prefix limit too', () => {
    // The reader threads give ids like `P7-0042` as (prefixKey('P7-', 4), 42); the survey join looks
    // them up by text. Half the ids of each kind go in one way and come out the other.
    // An id `P<k>-<digits>` as the reader threads give it: the key names the width only when
    // the digits have a leading zero.
    const keyed = (id: string): [string, number] => {
      const at = id.indexOf('-') + 1;
      const digits = id.slice(at);
      return [prefixKey(id.slice(0, at), digits.length > 1 && digits[0] === '0' ? digits.length : 0), Number(digits)];
    };
    const index = new TicketIndex();
    const map = new Map<string, number>();
    const next = lcg(11);
    for (let row = 0; row < 40_000; row++) {
      const r = next();
      const digits = r % 3 === 0 ? String((r >>> 8) % 900) : String((r >>> 8) % 900).padStart(4, '0');
      const id = `P${(r >>> 4) % 400}-${digits}`;
      const [key, n] = keyed(id);
      expect(prefixedId(key, n)).toBe(id);
      const byKey = (r >>> 2) % 2 === 0;
      expect(byKey ? index.getPrefixed(key, n) : index.get(id)).toBe(map.get(id));
      if (byKey) index.setPrefixed(key, n, row);
      else index.set(id, row);
      map.set(id, row);
    }
    expect(prefixCount(index)).toBe(MAX_PREFIXES);
    for (const [id, row] of map) {
      expect(index.get(id)).toBe(row);
      expect(index.getPrefixed(...keyed(id))).toBe(row);
    }
    // `P1-7`, `P1-07` and `P1-007` are three ids.
    const fresh = new TicketIndex();
    fresh.setPrefixed(prefixKey('P1-', 0), 7, 1);
    fresh.setPrefixed(prefixKey('P1-', 2), 7, 2);
    expect([fresh.get('P1-7'), fresh.get('P1-07'), fresh.get('P1-007')]).toEqual([1, 2, undefined]);
  });
});

describe('TextIndex', () => {
  it('adds a text once, however its lookups and additions interleave', () => {
    const index = new TextIndex();
    expect(index.get('a')).toBeUndefined();
    index.set('a', 1);
    index.set('a', 2);
    expect(index.get('b')).toBeUndefined();
    index.set('c', 3);
    index.set('b', 4);
    expect(index.get('x')).toBeUndefined();
    expect([index.get('a'), index.get('b'), index.get('c'), index.size]).toEqual([2, 4, 3, 3]);
  });

  it('agrees with a Map over 60,000 texts: near-equal, empty, non-ASCII, set again, absent', () => {
    const index = new TextIndex();
    const map = new Map<string, number>();
    const next = lcg(3);
    const pieces = ['', 'a', 'ab', 'é', '\u{1F600}', '-', 'Zoë', '0'];
    for (let row = 0; row < 60_000; row++) {
      const r = next();
      // Texts that share long beginnings and differ in one place, so probes meet near neighbours.
      const text = r % 50 === 0 ? pieces[r % pieces.length] : `case/${r % 20_000}/${pieces[(r >>> 3) % pieces.length]}`;
      // Room made at once partway (as the table asks when a file's size says how many ids come).
      if (row === 30_000) index.reserve(200_000);
      expect(index.get(text)).toBe(map.get(text));
      index.set(text, row);
      map.set(text, row);
    }
    expect(index.size).toBe(map.size);
    for (const [text, row] of map) expect(index.get(text), text).toBe(row);
    for (const text of ['case/20000/a', 'case/1/x', 'abc', ' ', 'case/']) expect(index.get(text)).toBe(map.get(text));
  });
});
