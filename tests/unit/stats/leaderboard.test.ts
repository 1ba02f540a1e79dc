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
  it('ties by any group sharing the best value, whichever name sorts first (intervals)', () => {
    // Amy and Zed share 100; Bob's interval overlaps Amy's (wide) but not Zed's (narrow). Renamed,
    // so that the narrow one sorts first, Bob is still tied.
    const board = (wide: string, narrow: string) => rankGroups([e(wide, 100, [83.9, 100]), e(narrow, 100, [91.2, 100]), e('Bob', 75, [53.1, 88.8])], 'higher', true);
    for (const [wide, narrow] of [['Amy', 'Zed'], ['Zoe', 'Al']]) {
      const bob = board(wide, narrow).ranked.find((x) => x.group === 'Bob')!;
      expect(bob).toMatchObject({ rank: 3, tiedWithLeader: true });
      expect(board(wide, narrow).ranked.slice(0, 2).map((x) => [x.rank, x.leader, x.tiedWithLeader])).toEqual([[1, true, false], [1, false, true]]);
    }
  });
  it('ranks by the values as stated: 0.1 and 0.30000000000000004 − 0.2 share a rank', () => {
    const r = rankGroups([e('Aa', 0.1 + 2e-17 + 0.30000000000000004 - 0.30000000000000004, [0, 1]), e('Bb', 0.1, [0, 1]), e('Cc', 0.30000000000000004 - 0.2, [0, 1])], 'lower', true);
    expect(r.ranked.map((x) => [x.rank, x.group])).toEqual([[1, 'Aa'], [1, 'Bb'], [1, 'Cc']]);
  });
  it('puts a value without an interval apart', () => {
    expect(rankGroups([e('A', 5, null)], 'higher', true).unranked[0].reason).toBe('no-interval');
  });
});
