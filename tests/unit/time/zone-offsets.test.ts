import { describe, expect, it } from 'vitest';
import { getZone } from '../../../src/time/zone.js';

const QUARTER_HOUR = 15 * 60_000;

/**
 * The reference: the platform's offset name for the instant ("GMT+10:30", "GMT-03:30", "GMT"),
 * a different Intl path from the fields the zone module reads, at the start of its quarter hour.
 */
function referenceOffset(zone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return (utcMs) => {
    const name = format.formatToParts(new Date(Math.floor(utcMs / QUARTER_HOUR) * QUARTER_HOUR)).find((p) => p.type === 'timeZoneName')!.value;
    const m = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
    if (m === null) throw new Error(`unexpected offset name ${name}`);
    if (m[1] === undefined) return 0;
    // Seconds too (Africa/Monrovia was GMT-00:44:30 until 1972): minutes with a fraction.
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60);
  };
}

describe('zone offsets (by hour, by quarter hour around a transition)', () => {
  // Every quarter hour of a year: DST by an hour, by half an hour (Lord Howe), at :45 offsets
  // (Chatham), double summer time (London 1941), a zone without DST and a negative half-hour one.
  it.each([
    ['Europe/Berlin', 2025], ['Australia/Lord_Howe', 2025], ['Pacific/Chatham', 2024], ['Europe/London', 1941],
    ['America/St_Johns', 2023], ['Asia/Kathmandu', 2025], ['Antarctica/Troll', 2025], ['Africa/Monrovia', 1972],
  ])('%s in %i: every quarter hour, and an instant inside each', (name, year) => {
    const zone = getZone(name);
    const reference = referenceOffset(name);
    const from = Date.UTC(year, 0, 1) - 86_400_000, to = Date.UTC(year + 1, 0, 1) + 86_400_000;
    let seed = year;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let changes = 0, last = NaN;
    for (let t = from; t < to; t += QUARTER_HOUR) {
      const expected = reference(t);
      if (expected !== last) changes++;
      last = expected;
      const inside = t + Math.floor(rand() * QUARTER_HOUR);
      if (zone.offsetMinutes(t) !== expected || zone.offsetMinutes(inside) !== expected) {
        expect.fail(`${name} at ${new Date(t).toISOString()} (+${inside - t} ms): ${zone.offsetMinutes(t)} / ${zone.offsetMinutes(inside)}, expected ${expected}`);
      }
    }
    // The scan met the year's transitions (none for Kathmandu).
    expect(changes).toBe(name === 'Asia/Kathmandu' ? 1 : name === 'Africa/Monrovia' ? 2 : 3);
  });

  // Wall times back to instants, against a search over the reference's offsets: a wall time names
  // the instants t with t + offset(t) = wall; of several (a fall-back overlap) the earliest; of
  // none (a spring-forward gap) it moves forward by the gap, to wall − the offset before it.
  it.each([
    ['Europe/Berlin', 2025], ['Australia/Lord_Howe', 2025], ['Pacific/Chatham', 2024], ['Europe/London', 1941],
    ['America/St_Johns', 2023], ['Antarctica/Troll', 2025], ['Africa/Monrovia', 1971], ['America/Santiago', 2025],
  ])('%s in %i: wall times to instants, every transition and random ones', (name, year) => {
    const zone = getZone(name);
    const reference = referenceOffset(name);
    const from = Date.UTC(year, 0, 1), to = Date.UTC(year + 1, 0, 1);
    // Offsets are constant between quarter hours here except Monrovia's, whose one change (1972)
    // is outside 1971: the reference at quarter-hour starts is the offset at any instant.
    const offsetsNear = (wall: number): number[] => {
      const seen = new Set<number>();
      for (let t = wall - 30 * 3_600_000; t <= wall + 30 * 3_600_000; t += QUARTER_HOUR) seen.add(reference(t));
      return [...seen];
    };
    const expected = (wall: number): number => {
      const offsets = offsetsNear(wall);
      const valid = offsets.map((o) => wall - o * 60_000).filter((t) => reference(t) * 60_000 === wall - t);
      if (valid.length > 0) return Math.min(...valid);
      // A gap: the offset in force just before the wall time's instants.
      return wall - Math.min(...offsets) * 60_000;
    };
    const walls: number[] = [];
    // Around every change of offset: each quarter hour of the six wall hours either side.
    let last = reference(from - QUARTER_HOUR);
    for (let t = from; t < to; t += QUARTER_HOUR) {
      const o = reference(t);
      if (o !== last) {
        const wall = Math.floor((t + last * 60_000) / QUARTER_HOUR) * QUARTER_HOUR;
        for (let k = -24; k <= 24; k++) walls.push(wall + k * QUARTER_HOUR + 7 * 60_000);
      }
      last = o;
    }
    let seed = year + 17;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 400; i++) walls.push(from + Math.floor(rand() * (to - from) / 1000) * 1000);
    for (const wall of walls) {
      const got = zone.localToUtc(wall);
      if (got !== expected(wall)) expect.fail(`${name}: wall ${new Date(wall).toISOString().slice(0, 19)} → ${new Date(got).toISOString()}, expected ${new Date(expected(wall)).toISOString()}`);
    }
    expect(walls.length).toBeGreaterThan(name === 'Africa/Monrovia' ? 399 : 440);
  });

  it('reads local wall-clock times back to the instant across a transition', () => {
    const zone = getZone('Australia/Lord_Howe');
    // 2025-04-06 02:00 local (+11) → 01:30 (+10:30): 01:45 local happens twice; the earlier is taken.
    const local = Date.UTC(2025, 3, 6, 1, 45);
    expect(zone.localToUtc(local)).toBe(local - 11 * 3_600_000);
    expect(zone.utcToLocal(zone.localToUtc(local))).toBe(local);
  });
});
