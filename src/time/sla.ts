import type { Priority } from '../model/types.js';

/** Which clock SLA targets are counted in. */
export type Hours = 'calendar' | 'business';

/** Targets in minutes per priority; `default` applies to a ticket whose priority has no target of its own. */
export type SlaTargets = Partial<Record<Priority | 'default', number>>;

/** The config's `sla` section (DESIGN §10). */
export interface SlaSpec {
  /** The clock the targets are counted in; absent = the report's `--hours`. */
  hours?: Hours;
  firstResponseMinutes?: SlaTargets;
  resolutionMinutes?: SlaTargets;
}

export const SLA_PRIORITY_KEYS = ['urgent', 'high', 'normal', 'low', 'default'] as const;

/** 1 met, 0 breached, -1 not judged (still running, no target, or the times are unknown). */
export type SlaOutcome = 1 | 0 | -1;
export const SLA_MET = 1, SLA_BREACHED = 0, SLA_EXCLUDED = -1;

/** The target in minutes for a priority (its own, else `default`); null when there is none. */
export function slaTarget(targets: SlaTargets | undefined, priority: string | null): number | null {
  if (targets === undefined) return null;
  const own = priority === null ? undefined : targets[priority as Priority];
  return own ?? targets.default ?? null;
}

/**
 * Judge one SLA target for one ticket.
 * - `elapsedDone`: minutes (in the SLA's clock) from creation to the event that fulfils the target
 *   (first response, or solved), NaN when it has not happened or its time is unknown.
 * - `done`: the event happened (even if its time is unknown).
 * - `elapsedNow`: minutes from creation to now (the report's clock), NaN when unknown.
 * Met when the event came at or before the target; breached when it came later, or when it has
 * not come and the target has already passed; otherwise still running (or unknown) → excluded.
 */
export function evaluateSla(target: number | null, done: boolean, elapsedDone: number, elapsedNow: number): SlaOutcome {
  if (target === null) return SLA_EXCLUDED;
  if (done) {
    if (Number.isNaN(elapsedDone)) return SLA_EXCLUDED;
    return elapsedDone <= target ? SLA_MET : SLA_BREACHED;
  }
  if (!Number.isNaN(elapsedNow) && elapsedNow > target) return SLA_BREACHED;
  return SLA_EXCLUDED;
}
