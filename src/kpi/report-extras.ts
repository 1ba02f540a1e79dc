import type { DurationHistogram, ReasonCount, ReasonSet, ReportExtras } from '../model/extras.js';
import type { GroupAccumulator, TicketFacts } from './accumulator.js';
import type { Samples } from './samples.js';
import type { TicketTable } from './ticket-table.js';
import { compareCodePoints } from '../compare-text.js';

/**
 * Bin edges for duration histograms, in minutes: 0, 15m, 30m, 1h, 2h, 4h, 8h, 1d, 2d, 4d, 7d,
 * 14d, 30d. Fixed (not data-driven) so bins read as plain words, add up across periods, and two
 * reports can be compared bin by bin; roughly doubling, because support durations are skewed.
 */
export const DURATION_BIN_EDGES = [0, 15, 30, 60, 120, 240, 480, 1440, 2880, 5760, 10080, 20160, 43200];

/** How many reasons each set keeps. */
export const REASONS_KEPT = 10;

/** Count durations (minutes, ≥ 0) into `DURATION_BIN_EDGES`. Empty input gives all-zero counts. */
export function binDurations(values: ArrayLike<number>, edges: number[] = DURATION_BIN_EDGES): DurationHistogram {
  const counts = edges.map(() => 0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0)) continue;
    let bin = edges.length - 1;
    while (bin > 0 && v < edges[bin]) bin--;
    counts[bin]++;
    n++;
  }
  return { edges: [...edges], counts, n };
}

class ReasonCounter {
  tickets = 0;
  withReason = 0;
  private readonly counts = new Map<string, ReasonCount>();

  add(reasons: [field: 'tag' | 'category', value: string][]): void {
    this.tickets++;
    if (reasons.length > 0) this.withReason++;
    for (const [field, value] of reasons) {
      const key = `${field}\u0000${value}`;
      const entry = this.counts.get(key);
      if (entry === undefined) this.counts.set(key, { field, value, count: 1 });
      else entry.count++;
    }
  }

  result(): ReasonSet {
    const top = [...this.counts.values()]
      .sort((a, b) => b.count - a.count || (compareCodePoints(a.field, b.field) || compareCodePoints(a.value, b.value)))
      .slice(0, REASONS_KEPT);
    return { tickets: this.tickets, withReason: this.withReason, top };
  }
}

/**
 * Collects the extras while the engine folds tickets and assembles rows: duration histograms per
 * overall row, and the top tags/categories among escalated and among reopened tickets (the
 * reopen-rate numerator: solved tickets reopened at least once) over the whole window.
 */
export class ExtrasCollector {
  private readonly distributions: ReportExtras['distributions'] = [];
  private readonly escalated = new ReasonCounter();
  private readonly reopened = new ReasonCounter();
  private anyReason = false;

  /** Ticket `i` of `table` passed the window and `--where`. */
  addTicket(table: TicketTable, i: number, facts: TicketFacts): void {
    const isEscalated = facts.escalated === 1;
    const isReopened = facts.solved && facts.reopens > 0;
    const tags = table.tagsOf(i);
    const category = table.dims.category[i];
    if (tags !== null || category !== 0) this.anyReason = true;
    if (!isEscalated && !isReopened) return;
    const reasons: [field: 'tag' | 'category', value: string][] = [];
    if (tags !== null) for (const code of tags) reasons.push(['tag', table.strings[code]]);
    if (category !== 0) reasons.push(['category', table.strings[category]]);
    if (isEscalated) this.escalated.add(reasons);
    if (isReopened) this.reopened.add(reasons);
  }

  /** An overall row (group `{}`) of the report, in report order. */
  addOverall(period: string | null, acc: GroupAccumulator): void {
    this.distributions.push({ period, frt: binSamples(acc.frt), resolution: binSamples(acc.resolution) });
  }

  result(): ReportExtras {
    return {
      distributions: this.distributions,
      reasons: this.anyReason ? { escalated: this.escalated.result(), reopened: this.reopened.result() } : null,
    };
  }
}

function binSamples(samples: Samples): DurationHistogram {
  return binDurations(samples.sorted());
}
