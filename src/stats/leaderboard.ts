import { exactNumber } from '../report/format-value.js';
import { compareCodePoints } from '../compare-text.js';

/** One group's value of the ranked KPI. */
export interface LeaderboardInput {
  group: string;
  value: number | null;
  n: number;
  ci95: [number, number] | null;
  lowSample: boolean;
  /** The group collects rows with no agent/team (`(none)`): shown, never ranked. */
  unassigned?: boolean;
}

export interface RankedEntry extends LeaderboardInput {
  /** Competition rank (1, 2, 2, 4): equal values share a rank. */
  rank: number;
  leader: boolean;
  /** It shares the best value, or its 95% interval overlaps the interval of a group that has it: the data cannot tell them apart. */
  tiedWithLeader: boolean;
}

export type UnrankedReason = 'low-sample' | 'no-data' | 'no-interval' | 'unassigned';

export interface UnrankedEntry extends LeaderboardInput {
  reason: UnrankedReason;
}

/**
 * Rank groups by a KPI, best first by its direction. Only groups with a value, at least the
 * minimum sample and (for KPIs with intervals) a 95% interval are ranked; the others are listed
 * apart with the reason. A ranked group is statistically tied with the leader when the two
 * intervals overlap (for counts, which have none, when the values are equal). Pure; ties in value
 * are ordered by group name (code point order) so the output is deterministic.
 */
export function rankGroups(inputs: LeaderboardInput[], direction: 'higher' | 'lower', hasIntervals: boolean): { ranked: RankedEntry[]; unranked: UnrankedEntry[] } {
  const unranked: UnrankedEntry[] = [];
  const candidates: LeaderboardInput[] = [];
  for (const e of inputs) {
    const reason: UnrankedReason | null = e.unassigned ? 'unassigned'
      : e.value === null ? 'no-data'
        : e.lowSample ? 'low-sample'
          : hasIntervals && e.ci95 === null ? 'no-interval'
            : null;
    if (reason === null) candidates.push(e);
    else unranked.push({ ...e, reason });
  }
  const sign = direction === 'higher' ? -1 : 1;
  const byName = (a: { group: string }, b: { group: string }) => compareCodePoints(a.group, b.group);
  // Values as the report states them (9 decimals): two values it shows as equal are equal here.
  const stated = (e: LeaderboardInput): number => exactNumber(e.value!);
  candidates.sort((a, b) => sign * (stated(a) - stated(b)) || byName(a, b));
  // The groups with the best value share rank 1 (the first by name is shown as the leader, the
  // others as tied with it); any other group is tied when its interval overlaps any of theirs, so
  // the verdict does not depend on which of them sorts first.
  const best = candidates.filter((e) => stated(e) === stated(candidates[0]));
  const ranked: RankedEntry[] = [];
  candidates.forEach((e, i) => {
    const rank = i > 0 && stated(e) === stated(candidates[i - 1]) ? ranked[i - 1].rank : i + 1;
    const tied = i > 0 && (rank === 1 || (hasIntervals && best.some((l) => overlaps(e.ci95!, l.ci95!))));
    ranked.push({ ...e, rank, leader: i === 0, tiedWithLeader: tied });
  });
  const order: UnrankedReason[] = ['low-sample', 'no-interval', 'no-data', 'unassigned'];
  unranked.sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason) || sign * ((a.value ?? 0) - (b.value ?? 0)) || byName(a, b));
  return { ranked, unranked };
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}
