/**
 * Additions to many accumulators, held back and then made one accumulator at a time.
 *
 * Why: a report over thousands of groups (10,000 agents, or agents × weeks) adds each ticket to
 * one of thousands of accumulators, whose counters and duration arrays no longer stay in the
 * CPU's caches: at a million tickets over 10,000 agents the ticket loop took ~0.9 s against
 * ~0.16 s over 120 (bench/README.md, item 19). Queued, each addition is a fixed-size row of
 * bytes written in arrival order, and a (cell, row) pair; `forEachCell` copies the rows into cell
 * order with a stable counting sort of the pairs, so each accumulator then takes its additions in
 * a row, in the order they arrived: every sum is the one the direct additions give, to the last bit.
 */
export class CellQueue {
  private buffer: ArrayBuffer;
  /** The rows as doubles (row r's first double at `r * rowBytes / 8`); replaced when the queue grows. */
  f64: Float64Array;
  /** The rows as signed bytes (row r's first byte at `r * rowBytes`); replaced when the queue grows. */
  i8: Int8Array;
  private rowCount = 0;
  private pairCells: Int32Array;
  private pairRows: Int32Array;
  private pairCount = 0;

  /** `rowBytes`: a multiple of 8; `rows` and `pairs`: the expected counts (the queue grows past them). */
  constructor(readonly rowBytes: number, rows: number, pairs: number) {
    if (rowBytes <= 0 || rowBytes % 8 !== 0) throw new RangeError(`CellQueue: rowBytes ${rowBytes} is not a positive multiple of 8`);
    this.buffer = new ArrayBuffer(Math.max(1, rows) * rowBytes);
    this.f64 = new Float64Array(this.buffer);
    this.i8 = new Int8Array(this.buffer);
    this.pairCells = new Int32Array(Math.max(1, pairs));
    this.pairRows = new Int32Array(Math.max(1, pairs));
  }

  /** A new row (its index); read `f64` and `i8` after this call, as it may replace them. */
  row(): number {
    if ((this.rowCount + 1) * this.rowBytes > this.buffer.byteLength) {
      const bigger = new ArrayBuffer(this.buffer.byteLength * 2);
      new Uint8Array(bigger).set(new Uint8Array(this.buffer));
      this.buffer = bigger;
      this.f64 = new Float64Array(bigger);
      this.i8 = new Int8Array(bigger);
    }
    return this.rowCount++;
  }

  /** Queue row `row` for accumulator `cell` (0 ≤ cell). */
  pair(cell: number, row: number): void {
    if (this.pairCount === this.pairCells.length) {
      this.pairCells = grow(this.pairCells);
      this.pairRows = grow(this.pairRows);
    }
    this.pairCells[this.pairCount] = cell;
    this.pairRows[this.pairCount++] = row;
  }

  get pairs(): number {
    return this.pairCount;
  }

  /**
   * For each cell with rows queued, in cell order: `visit(cell, from, to)`, its rows being rows
   * `from .. to - 1` of `f64` / `i8`, in the order they were queued. The rows are first copied
   * into that order (one for each pair), which uses the queue up. Why: read through the pairs in
   * cell order, every row was a cache miss (~0.2 s of a million over 10,000 agents); copied, the
   * rows are read in queue order and each cell's in a row. `cells`: one more than the largest
   * cell queued.
   */
  forEachCell(cells: number, visit: (cell: number, from: number, to: number) => void): void {
    const starts = this.starts(cells);
    const next = starts.slice(0, cells);
    const n = this.pairCount, pairCells = this.pairCells, pairRows = this.pairRows;
    // As 32-bit words, which copy every bit pattern as it is (a double could have its NaN changed).
    const words = this.rowBytes / 4;
    const from = new Int32Array(this.buffer);
    const sorted = new ArrayBuffer(Math.max(1, n) * this.rowBytes);
    const into = new Int32Array(sorted);
    for (let p = 0; p < n; p++) {
      const src = pairRows[p] * words, dst = next[pairCells[p]]++ * words;
      for (let w = 0; w < words; w++) into[dst + w] = from[src + w];
    }
    this.buffer = sorted;
    this.f64 = new Float64Array(sorted);
    this.i8 = new Int8Array(sorted);
    this.rowCount = n;
    this.pairCount = 0;
    for (let c = 0; c < cells; c++) if (starts[c + 1] > starts[c]) visit(c, starts[c], starts[c + 1]);
  }

  /** Where each cell's pairs start in cell order (a count per cell, summed), and their end. */
  private starts(cells: number): Int32Array {
    const starts = new Int32Array(cells + 1);
    const n = this.pairCount, pairCells = this.pairCells;
    for (let p = 0; p < n; p++) starts[pairCells[p] + 1]++;
    for (let c = 0; c < cells; c++) starts[c + 1] += starts[c];
    return starts;
  }
}

function grow(values: Int32Array): Int32Array {
  const bigger = new Int32Array(values.length * 2);
  bigger.set(values);
  return bigger;
}
