import { describe, expect, it } from 'vitest';
import { BytesTable } from '../../../src/ingest/bytes-table.js';

// A cell's bytes find the entry whose key is exactly those bytes: not a prefix, not a longer key,
// not another key of the same hash. The hash is passed in, so equal hashes can be forced.
describe('BytesTable', () => {
  const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
  const find = <V,>(table: BytesTable<V>, text: string, h: number): number => {
    // The cell among other bytes, as in a record.
    const buf = bytes(`x,${text},y`);
    return table.find(buf, 2, 2 + text.length, h);
  };

  it('tells keys of one hash apart by every byte and by length', () => {
    const table = new BytesTable<string>();
    const keys = ['abc', 'abd', 'ab', 'abcd', '', 'Zo\u00eb', 'Zo\u00ea', 'bbc'];
    for (const key of keys) table.insert(key, 7, `v:${key}`);
    for (const [i, key] of keys.entries()) {
      expect(find(table, key, 7)).toBe(i);
      expect(table.values[find(table, key, 7)]).toBe(`v:${key}`);
    }
    for (const absent of ['abe', 'a', 'abcde', 'Zo', 'zoë', ' abc']) expect(find(table, absent, 7)).toBe(-1);
    // The same bytes under another hash are not found.
    expect(find(table, 'abc', 8)).toBe(-1);
  });

  it('keeps every key as the table grows, with its own hash', () => {
    const table = new BytesTable<number>();
    const keys = Array.from({ length: 5000 }, (_, i) => `${i % 7 === 0 ? 'long-name-' : ''}${i.toString(36)}${'\u00e9'.repeat(i % 5)}`);
    for (const [i, key] of keys.entries()) {
      const b = bytes(key);
      expect(table.find(b, 0, b.length, BytesTable.hash(b, 0, b.length))).toBe(-1);
      expect(table.insert(key, BytesTable.hash(b, 0, b.length), i)).toBe(i);
    }
    expect(table.size).toBe(keys.length);
    for (const [i, key] of keys.entries()) {
      const b = bytes(key);
      expect(table.find(b, 0, b.length, BytesTable.hash(b, 0, b.length))).toBe(i);
      expect(table.keys[i]).toBe(key);
    }
  });
});
