import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/time/parse-timestamp.js';
import { getZone } from '../../../src/time/zone.js';

const utc = getZone('UTC');

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-16T09:30:00Z', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16T09:30:00.250Z', Date.UTC(2026, 10, 16, 9, 30, 0, 250)],
    ['2026-11-16 09:30', Date.UTC(2026, 10, 16, 9, 30)],
    // A one-digit hour, as spreadsheets write a time of day (a call centre's `Date` + `Time`).
    ['2026-11-16 9:30', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16 9:30:05', Date.UTC(2026, 10, 16, 9, 30, 5)],
    ['2026-11-16T0:05:00Z', Date.UTC(2026, 10, 16, 0, 5)],
    ['2026-11-16', Date.UTC(2026, 10, 16)],
    ['2026-11-16T11:30:00+02:00', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16T04:30:00-0500', Date.UTC(2026, 10, 16, 9, 30)],
    ['2026-11-16T15:00:00+05:30', Date.UTC(2026, 10, 16, 9, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text, utc)).toBe(expected);
  });

  it.each(['2026-13-01', '2026-02-29T00:00:00Z', '2026-11-16T24:00:00Z', '16/11/2026', 'soon', '2026-11-16T09:60Z', '', '2026-11-16 123:00', '2026-11-16 :30', '2026-11-16 9:3'])('rejects %j', (text) => {
    expect(parseTimestamp(text, utc)).toBeNaN();
  });

  it('reads naive times as wall-clock time in the input zone, across DST', () => {
    const athens = getZone('Europe/Athens');
    // Winter (EET, UTC+2) and summer (EEST, UTC+3).
    expect(parseTimestamp('2026-01-15 12:00', athens)).toBe(Date.UTC(2026, 0, 15, 10));
    expect(parseTimestamp('2026-07-15 12:00', athens)).toBe(Date.UTC(2026, 6, 15, 9));
    // 2026-03-29 03:30 does not exist in Athens (clocks jump 03:00 → 04:00): moved forward to 04:30 EEST.
    expect(parseTimestamp('2026-03-29 03:30', athens)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 2026-10-25 03:30 happens twice (04:00 EEST → 03:00 EET): the earlier instant is taken.
    expect(parseTimestamp('2026-10-25 03:30', athens)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    const ny = getZone('America/New_York');
    expect(parseTimestamp('2026-11-16 09:00', ny)).toBe(Date.UTC(2026, 10, 16, 14));
  });
});
