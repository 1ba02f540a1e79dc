import { describe, expect, it } from 'vitest';
import { rankGroups, type LeaderboardInput } from '../../../src/stats/leaderboard.js';

const e = (group: string, value: number | null, ci95: [number, number] | null, extra: Partial<LeaderboardInput> = {}): LeaderboardInput => ({ group, value, n: 50, ci95, lowSample: false, ...extra });

describe('rankGroups', () => {
  const inputs = [
    e('Cy', 70, [60, 78]),
    e('Ana', 92, [85, 96]),
    e('Bo', 88, [80, 93]), // overlaps Ana's 85–96
    e('Di', 100, [56, 100], { n: 3, lowSample: true }),
    e('Ed', null, null, { n: 0, lowSample: true }),
    e('(none)', 99, [95, 100], { unassigned: true }),
    e('Fa', 70, [61, 77]),
  ];
  const { ranked, unranked } = rankGroups(inputs, 'higher', true);

  it('ranks best first by the direction, equal values share a rank', () => {
    expect(ranked.map((r) => [r.rank, r.group])).toEqual([[1, 'Ana'], [2, 'Bo'], [3, 'Cy'], [3, 'Fa']]);
    expect(ranked[0].leader).toBe(true);
  });
  it('marks groups whose interval overlaps the leader as tied', () => {
    expect(ranked.map((r) => r.tiedWithLeader)).toEqual([false, true, false, false]);
  });
  it('lists low-sample, empty and unassigned groups apart, never ranked', () => {
    expect(unranked.map((u) => [u.group, u.reason])).toEqual([['Di', 'low-sample'], ['Ed', 'no-data'], ['(none)', 'unassigned']]);
  });
  it('ranks lower-is-better KPIs ascending', () => {
    const r = rankGroups([e('A', 30, [20, 40]), e('B', 10, [5, 15]), e('C', 12, [11, 25])], 'lower', true);
    expect(r.ranked.map((x) => [x.group, x.tiedWithLeader])).toEqual([['B', false], ['C', true], ['A', false]]);
  });
  it('counts (no intervals) tie only on equal values', () => {
    const r = rankGroups([e('A', 5, null), e('B', 9, null), e('C', 9, null)], 'higher', false);
    expect(r.ranked.map((x) => [x.rank, x.group, x.tiedWithLeader])).toEqual([[1, 'B', false], [1, 'C', true], [3, 'A', false]]);
  });
  it('puts a value without an interval apart', () => {
    expect(rankGroups([e('A', 5, null)], 'higher', true).unranked[0].reason).toBe('no-interval');
  });
});
