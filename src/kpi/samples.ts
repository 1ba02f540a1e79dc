/**
 * A growable Float64Array of duration samples (minutes), kept only for exact percentiles.
 * Mergeable; `sorted()` sorts once and caches until the next push.
 *
 * The sum is kept as the samples arrive, in arrival order (so it is the same number a loop over
 * the samples in that order gives), which lets `sorted()` sort the samples in place instead of
 * copying them: at a million tickets that copy was 16 MB per duration KPI and group level.
 */
export class Samples {
  private data = new Float64Array(16);
  length = 0;
  private total = 0;
  private sortedView: Float64Array | null = null;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
    this.total += value;
    this.sortedView = null;
  }

  /** Append `other`'s samples (in its arrival order unless it has been sorted). */
  merge(other: Samples): void {
    for (let i = 0; i < other.length; i++) this.push(other.data[i]);
  }

  /** The sum of the samples, added in arrival order. */
  sum(): number {
    return this.total;
  }

  /** The values in ascending order (a view; do not modify). */
  sorted(): Float64Array {
    if (this.sortedView === null) this.sortedView = this.data.subarray(0, this.length).sort();
    return this.sortedView;
  }
}
