import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

// The helper thread that sorts a report's durations (kpi/parallel-sort.ts) runs the built worker
// script, so this test imports the build, as `npm test` makes it.
const dist = (path: string): string => join(ROOT, 'dist', path);
const { SortHelper, sortStats, answerStats } = (await import(dist('kpi/parallel-sort.js'))) as typeof import('../../src/kpi/parallel-sort.js');
const answerUses = (await import(dist('kpi/answer-uses.js'))) as typeof import('../../src/kpi/answer-uses.js');
const { Samples } = (await import(dist('kpi/samples.js'))) as typeof import('../../src/kpi/samples.js');

const saved = { min: process.env.TEAMKPI_PARALLEL_SORT_MIN, workers: process.env.TEAMKPI_WORKERS };
afterAll(() => {
  for (const [key, value] of [['TEAMKPI_PARALLEL_SORT_MIN', saved.min], ['TEAMKPI_WORKERS', saved.workers]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

let seed = 99;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

/** Sample sets of many sizes (below and above the shared-memory size), with ties, zeros, fractions and a -0. */
function sampleSets(): { sets: InstanceType<typeof Samples>[]; values: number[][] } {
  const sizes = [1, 100, 4095, 4096, 5000, 20_000, 150_000, 300_000, 511, 512, 700];
  const values = sizes.map((n, s) => Array.from({ length: n }, (_, i) => (s === 4 && i === 7 ? -0 : i % 11 === 0 ? 0 : i % 5 === 0 ? 42 : Math.round(rand() * 1e6) / 60)));
  const sets = values.map((vs) => {
    const samples = new Samples();
    for (const v of vs) samples.push(v);
    return samples;
  });
  return { sets, values };
}

/** The sorted values, by an independent sort (-0 before 0, as Float64Array sorts). */
const expected = (vs: number[]): number[] => [...vs].sort((a, b) => a - b || (Object.is(a, -0) ? -1 : Object.is(b, -0) ? 1 : 0));

describe('sorting durations on a helper thread', () => {
  it.each([
    ['this thread claims what the helper has not started', 0],
    ['the helper sorts, this thread waits', 400],
  ])('%s: every set sorted as on its own, sums unchanged', async (_name, delay) => {
    process.env.TEAMKPI_PARALLEL_SORT_MIN = '0';
    delete process.env.TEAMKPI_WORKERS;
    const { sets, values } = sampleSets();
    const sums = sets.map((s) => s.sum());
    const before = { ...sortStats };
    const helper = SortHelper.start(1)!;
    expect(helper).not.toBeNull();
    helper.sortAll(sets);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    helper.finish();
    sets.forEach((s, k) => {
      expect(Array.from(s.sorted()), `set ${k}`).toEqual(expected(values[k]));
      expect(s.sum()).toBe(sums[k]);
    });
    // The eight sets of 512 values or more (SHARED_FROM; not the one of 511) went to the helper's
    // job; who sorted them depends on timing, but after a wait the helper has done them all.
    expect(sortStats.helper - before.helper + (sortStats.main - before.main)).toBe(8);
    if (delay > 0) expect(sortStats.helper - before.helper).toBe(8);
  });

  it('is not started for few tickets, or with TEAMKPI_WORKERS=0', () => {
    process.env.TEAMKPI_PARALLEL_SORT_MIN = '1000';
    expect(SortHelper.start(999)).toBeNull();
    process.env.TEAMKPI_WORKERS = '0';
    expect(SortHelper.start(5000)).toBeNull();
  });
});

/**
 * A survey join's input: random responses (ticket rows with several responses each, orphans,
 * superseded ratings, few distinct times so ties are common) in memory of the kind `make` gives.
 */
function answersInput(make: (bytes: number) => ArrayBufferLike, n: number, tickets: number): import('../../src/kpi/answer-uses.js').AnswersInput {
  const { COMPETES, SUPERSEDED, HAS_CSAT, OFFERED, HAS_NPS, HAS_CES } = answerUses;
  // Its own generator from the same start, so every call makes the same responses.
  let at = 7;
  const r = (): number => ((at = (Math.imul(at, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const ticketOf = new Int32Array(make(4 * n)), info = new Uint8Array(make(n)), respondedAt = new Float64Array(make(8 * n));
  let withRow = 0;
  for (let i = 0; i < n; i++) {
    ticketOf[i] = r() < 0.1 ? -1 : Math.floor(r() * tickets);
    if (ticketOf[i] >= 0) withRow++;
    info[i] = (r() < 0.85 ? COMPETES : r() < 0.5 ? SUPERSEDED : 0) | (r() < 0.5 ? HAS_CSAT : 0) | (r() < 0.3 ? OFFERED : 0) | (r() < 0.5 ? HAS_NPS : 0) | (r() < 0.4 ? HAS_CES : 0);
    respondedAt[i] = r() < 0.1 ? NaN : 1000 * Math.floor(r() * 4);
  }
  return {
    ticketOf, info, respondedAt, tickets,
    byTicket: { order: new Int32Array(make(4 * withRow)), rows: new Int32Array(make(4 * withRow)) }, uses: new Uint8Array(make(n)),
  };
}

describe('working out the survey answers on the helper thread', () => {
  it.each([
    ['this thread does it when the helper has not begun', 0],
    ['the helper does it, this thread waits', 400],
  ])('%s: the same answers and order as on this thread alone', async (_name, delay) => {
    process.env.TEAMKPI_PARALLEL_SORT_MIN = '0';
    delete process.env.TEAMKPI_WORKERS;
    const shared = answersInput((bytes) => new SharedArrayBuffer(bytes), 60_000, 30_000);
    const alone = answersInput((bytes) => new ArrayBuffer(bytes), 60_000, 30_000);
    expect([...shared.info]).toEqual([...alone.info]);
    answerUses.ticketAnswerUses(alone);
    const before = { ...answerStats };
    const helper = SortHelper.start(1)!;
    helper.startAnswerUses(shared);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    helper.answerUses();
    helper.close();
    expect(Buffer.from(shared.uses.buffer).equals(Buffer.from(alone.uses.buffer))).toBe(true);
    expect([...shared.byTicket.order]).toEqual([...alone.byTicket.order]);
    expect([...shared.byTicket.rows]).toEqual([...alone.byTicket.rows]);
    // Some responses supply nothing, some everything: the comparison has something to compare.
    expect(alone.uses.includes(0) && alone.uses.includes(answerUses.USE_ALL)).toBe(true);
    // Who did it depends on timing, but once; after a wait, the helper.
    expect(answerStats.helper - before.helper + (answerStats.main - before.main)).toBe(1);
    if (delay > 0) expect(answerStats.helper - before.helper).toBe(1);
  });
});
