import { describe, expect, it } from 'vitest';
import { TicketIndex } from '../../../src/kpi/ticket-index.js';

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
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
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
});
