import { describe, expect, it } from 'vitest';
import { reserveRest } from '../../../src/ingest/consume-records.js';

const reserved = (rowsRead: number, bytesRead: number, bytesLeft: number): number | null => {
  let got: number | null = null;
  reserveRest({ survey: () => undefined, reserveTickets: (n) => (got = n) }, rowsRead, bytesRead, bytesLeft);
  return got;
};

describe('reserveRest (how many more tickets the table makes room for)', () => {
  it('extrapolates the rows per byte read so far, 5% over', () => {
    // 2,000 rows in 256,000 bytes = 128 bytes a row; 128 MB left is 1,000,000 rows, +5%.
    expect(reserved(2_000, 256_000, 128_000_000)).toBe(1_050_000);
  });
  it('never more than 1.1M rows early on, so short first rows cannot reserve gigabytes', () => {
    // 6,500 rows of 40 bytes, then 2 GB: the guess of 52M rows is capped.
    expect(reserved(6_500, 260_000, 2_000_000_000)).toBe(1_100_000);
  });
  it('later, up to four times the rows read so far', () => {
    // 2M rows read in 250 MB, 500 MB left: 4.2M rows estimated, 8M allowed.
    expect(reserved(2_000_000, 250_000_000, 500_000_000)).toBe(4_200_000);
    // 1.5M rows read, 3 GB left at the same density: 18.9M estimated, 6M allowed.
    expect(reserved(1_500_000, 187_500_000, 3_000_000_000)).toBe(6_000_000);
  });
  it('nothing without rows or bytes to go on', () => {
    expect(reserved(0, 1000, 1000)).toBeNull();
    expect(reserved(10, 1000, 0)).toBeNull();
  });
});
