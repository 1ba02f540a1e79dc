import type { KpiDefinitionOut } from './report.js';

/** One group on a leaderboard (ranked or listed apart). */
export interface LeaderboardEntry {
  /** The group's name (agent, team …). */
  group: string;
  value: number | null;
  n: number;
  ci95: [number, number] | null;
  /** Ranked entries only: competition rank, 1 = best by the KPI's direction. */
  rank?: number;
  leader?: boolean;
  /** Ranked entries only: the 95% interval overlaps the leader's. */
  tiedWithLeader?: boolean;
  /** Unranked entries only: `low-sample`, `no-interval`, `no-data` or `unassigned`. */
  reason?: string;
}

/** `teamkpi leaderboard --format json`: groups ranked by one KPI, with intervals and ties. */
export interface Leaderboard {
  schemaVersion: 1;
  tool: { name: 'teamkpi'; version: string };
  generatedAt: string;
  timezone: string;
  window: { from: string | null; to: string | null };
  dateBasis: string;
  kpi: KpiDefinitionOut & { id: string };
  by: string;
  minSample: number;
  overall: { value: number | null; n: number; ci95: [number, number] | null };
  ranked: LeaderboardEntry[];
  unranked: LeaderboardEntry[];
}
