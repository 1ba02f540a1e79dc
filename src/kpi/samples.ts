/**
 * A growable Float64Array of duration samples (minutes), kept only for exact percentiles.
 * Mergeable; `sorted()` sorts once and caches until the next push.
 */
export class Samples {
  private data = new Float64Array(16);
  length = 0;
  private sortedView: Float64Array | null = null;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
    this.sortedView = null;
  }

  merge(other: Samples): void {
    for (let i = 0; i < other.length; i++) this.push(other.data[i]);
  }

  sum(): number {
    let s = 0;
    for (let i = 0; i < this.length; i++) s += this.data[i];
    return s;
  }

  /** The values in ascending order (a view; do not modify). */
  sorted(): Float64Array {
    if (this.sortedView === null) this.sortedView = this.data.slice(0, this.length).sort();
    return this.sortedView;
  }
}
