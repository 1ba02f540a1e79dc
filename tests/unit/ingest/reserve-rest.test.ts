import { describe, expect, it } from 'vitest';
import { reserveRest } from '../../../src/ingest/consume-records.js';

const reserved = (rowsRead: number, bytesRead: number, bytesLeft: number): number | null => {
  let got: number | null = null;
  reserveRest((n) => (got = n), rowsRead, bytesRead, bytesLeft);
  return got;
};

describe('reserveRest (how many more tickets the table makes room for)', () => {
  it('extrapolates the rows per byte read so far, 5% over', () => {
    // 2,000 rows in 256,000 bytes = 128 bytes a row; 128 MB left is 1,000,000 rows, +5%.
    expect(reserved(2_000, 256_000, 128_000_000)).toBe(1_050_000);
  });
  it('a large file of ordinary rows at once: up to one row per 96 bytes left', () => {
    // 2,068 rows in 256 KB (126.8 bytes a row), 633 MB left: 5.24M rows estimated (+5%), and
    // 633 MB / 96 = 6.59M allowed, so all of them.
    const estimate = Math.ceil((1.05 * 633_000_000 * 2_068) / 262_144);
    expect(estimate).toBeGreaterThan(5_200_000);
    expect(reserved(2_068, 262_144, 633_000_000)).toBe(estimate);
  });
  it('short first rows cannot reserve much more than the file: one row per 96 bytes left at most', () => {
    // 6,500 rows of 40 bytes, then 2 GB: the guess of 52.5M rows is capped at 2e9 / 96 = 20,833,333.
    expect(reserved(6_500, 260_000, 2_000_000_000)).toBe(20_833_333);
    // A small file: never less than 1.1M allowed (40-byte rows, 20 MB left: 525,000 estimated, all of them).
    expect(reserved(6_500, 260_000, 20_000_000)).toBe(525_000);
    expect(reserved(6_500, 260_000, 50_000_000)).toBe(1_100_000);
  });
  it('later, up to four times the rows read so far when that is more', () => {
    // 2M rows read in 250 MB, 500 MB left: 4.2M rows estimated, 8M allowed.
    expect(reserved(2_000_000, 250_000_000, 500_000_000)).toBe(4_200_000);
    // 1.5M rows read in 75 MB (50-byte rows), 1 GB left: 21M estimated; 1e9 / 96 = 10,416,666 is more than 4 × 1.5M.
    expect(reserved(1_500_000, 75_000_000, 1_000_000_000)).toBe(10_416_666);
    // 3M rows read in 150 MB, 1 GB left: 21M estimated; 4 × 3M = 12M is the larger allowance.
    expect(reserved(3_000_000, 150_000_000, 1_000_000_000)).toBe(12_000_000);
  });
  it('nothing without rows or bytes to go on', () => {
    expect(reserved(0, 1000, 1000)).toBeNull();
    expect(reserved(10, 1000, 0)).toBeNull();
  });
});
