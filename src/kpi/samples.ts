import { LITTLE_ENDIAN } from '../stats/endianness.js';

/**
 * A growable Float64Array of duration samples (minutes), kept only for exact percentiles.
 * Mergeable; `sorted()` sorts once and caches until the next push.
 *
 * The sum is kept as the samples arrive, in arrival order (so it is the same number a loop over
 * the samples in that order gives), which lets `sorted()` sort the samples in place instead of
 * copying them: at a million tickets that copy was 16 MB per duration KPI and group level.
 */
export class Samples {
  private data: Float64Array<ArrayBufferLike> = new Float64Array(16);
  length = 0;
  private total = 0;
  private sortedView: Float64Array | null = null;

  push(value: number): void {
    if (this.length === this.data.length) this.resize(this.data.length * 2);
    this.data[this.length++] = value;
    this.total += value;
    this.sortedView = null;
  }

  /** Room for `extra` more values at once (a caller that knows how many will come saves the doublings). */
  reserve(extra: number): void {
    if (this.length + extra > this.data.length) this.resize(this.length + extra);
  }

  private resize(length: number): void {
    // From SHARED_FROM values the samples live in shared memory, where a helper thread can sort
    // them in place (parallel-sort.ts).
    const bigger = length >= SHARED_FROM ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  /**
   * Add `value` to the sum only; the value itself comes later with the others of its kind
   * (`appendValues`). The report's overall cell does this when its groups take each ticket once
   * (compute-report.ts): its sum is still added in the tickets' order.
   */
  addToSum(value: number): void {
    this.total += value;
  }

  /** Append `other`'s values, leaving the sum as it is (it was added by `addToSum`). */
  appendValues(other: Samples): void {
    this.reserve(other.length);
    this.data.set(other.data.subarray(0, other.length), this.length);
    this.length += other.length;
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

  /** The values as they are held (in shared memory once there are SHARED_FROM or more), for a helper thread to sort in place. */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  /** The values were sorted in place (by `sortNumbers`, on another thread): take them as the sorted view. */
  sortedInPlace(): void {
    this.sortedView = this.data.subarray(0, this.length);
  }

  /** The values in ascending order (a view; do not modify). */
  sorted(): Float64Array {
    if (this.sortedView === null) this.sortedView = sortNumbers(this.data.subarray(0, this.length));
    return this.sortedView;
  }
}

/**
 * Sample counts from which the values are kept in a SharedArrayBuffer (and sorted on the helper
 * thread when there is one). Low enough that a report over a thousand agents, each with about a
 * thousand tickets, has its groups' sets sorted there too: with 4,096 the main thread sorted them
 * all itself (~0.1 s of a million tickets over 1,000 agents, bench/README.md).
 */
export const SHARED_FROM = 512;

/**
 * Sort in place, ascending, as `Float64Array.prototype.sort` does. Large arrays (4,096 values or
 * more; 400,000 before the radix passes have run in this thread) of values with the sign bit
 * clear (durations: zero or more) are radix-sorted on their bit patterns, which order
 * such doubles exactly as their values; it is several times faster than the built-in sort, which
 * was the largest cost of computing a report's percentiles at a million tickets. Anything else
 * (a negative value, -0, a big-endian platform, a short array) uses the built-in sort. `scratch`
 * lends the radix passes their second buffer (a new one per call without it).
 */
export function sortNumbers(a: Float64Array, scratch: SortScratch | null = null): Float64Array {
  const n = a.length;
  // Until the radix passes have run once in this thread, they run unoptimised at first: the
  // built-in sort is faster up to ~400,000 values then (100,000 values: 8 against 20 ms; once
  // optimised, the radix passes take 3.5 ms), so a small report's few large sets use it.
  if (n < 4096 || (!radixWarm && n < COLD_RADIX_FROM)) return sortBits(a);
  return radixSort(a, scratch);
}

/**
 * The built-in sort, on the values' bit patterns as unsigned 64-bit integers when no value has
 * its sign bit set: such doubles (zero or more, no -0) order exactly as their patterns do, and
 * V8 sorts 64-bit integers about twice as fast as doubles (100,000 durations: 4 against 8 ms),
 * which its sort compares through a function that handles NaN and -0.
 */
function sortBits(a: Float64Array): Float64Array {
  if (a.length < 2 || a.byteOffset % 8 !== 0) return a.sort();
  if (anySignBit(new Uint32Array(a.buffer, a.byteOffset, a.length * 2), LITTLE_ENDIAN ? 1 : 0)) return a.sort();
  new BigUint64Array(a.buffer, a.byteOffset, a.length).sort();
  return a;
}

/**
 * Run the radix passes once, on made-up durations, so that this thread's first real sort runs
 * them optimised. The helper thread of parallel-sort.ts does this while it waits for the sets
 * (it would idle): at a million tickets the main thread then waited ~15 ms less for the last set
 * (bench/README.md, item 26). The values are thrown away; sorting is otherwise unchanged.
 */
export function warmRadixSort(scratch: SortScratch): void {
  const values = new Float64Array(WARM_VALUES);
  let x = 1;
  for (let i = 0; i < values.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    values[i] = x / 60_000;
  }
  radixSort(values, scratch);
}

/** Made-up values `warmRadixSort` sorts: enough for the passes to be compiled while they run (~20 ms cold, 3.5 ms warm). */
const WARM_VALUES = 100_000;

/** Values from which `sortNumbers` radix-sorts before its radix passes have run in this thread. */
const COLD_RADIX_FROM = 400_000;
let radixWarm = false;

/** `sortNumbers` with the radix passes for any length they apply to (the tests' way to reach them). */
export function radixSort(a: Float64Array, scratch: SortScratch | null = null): Float64Array {
  const n = a.length;
  if (n < 2 || !LITTLE_ENDIAN || a.byteOffset % 8 !== 0) return a.sort();
  const words = new Uint32Array(a.buffer, a.byteOffset, n * 2);
  if (anySignBit(words)) return a.sort();
  const spare = scratch === null ? new Uint32Array(n * 2) : scratch.take(n * 2);
  // 16-bit digits (4 passes) for large arrays; 11-bit digits (6 passes) below, where clearing and
  // summing 65,536 counters per pass costs more than the passes it saves (a group's few thousand
  // durations: about 30 % faster at 8,000 values; 25 % slower at a million).
  const src = radixPasses(words, spare, n, n < 131_072 ? 11 : 16);
  radixWarm = true;
  // The result is in the array's own memory unless an odd number of passes ran.
  if (src !== words) words.set(src.subarray(0, n * 2));
  return a;
}

/**
 * Scratch memory for `sortNumbers`, kept from one call to the next. The sorting helper thread
 * sorts a report's sets one after another, largest first; with a new scratch block per set, the
 * blocks waited for the garbage collector, and that thread's own malloc arena kept their memory
 * in the process to the end (~30 MB at a million tickets, bench/README.md).
 */
export class SortScratch {
  private words = new Uint32Array(0);

  /** At least `length` words (what they hold is not kept). */
  take(length: number): Uint32Array {
    if (this.words.length < length) this.words = new Uint32Array(length);
    return this.words;
  }
}

/**
 * Whether any of the doubles (lo, hi word pairs) has its sign bit set. A loop of its own, with
 * nothing after it: compiled while hot on the first call (on-stack replacement), the loop inside
 * `sortNumbers` gave up at the code after it on every later call.
 */
function anySignBit(words: Uint32Array, high = 1): boolean {
  for (let i = high; i < words.length; i += 2) if (words[i] >>> 31 !== 0) return true;
  return false;
}

/**
 * LSD radix passes over value pairs (lo, hi words) with `bits`-bit digits; each pass is stable,
 * and a pass whose digit is the same for every value (common in the high bits) is skipped.
 * Returns the array holding the result (`words` or `scratch`).
 */
function radixPasses(words: Uint32Array, scratch: Uint32Array, n: number, bits: number): Uint32Array {
  const mask = (1 << bits) - 1;
  const count = new Int32Array(1 << bits);
  let src = words;
  let dst = scratch;
  for (let shift = 0; shift < 64; shift += bits) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[digit(src[2 * i], src[2 * i + 1], shift, mask)]++;
    if (count[digit(src[0], src[1], shift, mask)] === n) continue;
    let at = 0;
    for (let d = 0; d <= mask; d++) {
      const c = count[d];
      count[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i];
      const hi = src[2 * i + 1];
      const to = count[digit(lo, hi, shift, mask)]++;
      dst[2 * to] = lo;
      dst[2 * to + 1] = hi;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  return src;
}

/** Bits [shift, shift + width) of the 64-bit pattern hi:lo (`mask` = 2^width − 1). */
function digit(lo: number, hi: number, shift: number, mask: number): number {
  if (shift >= 32) return (hi >>> (shift - 32)) & mask;
  // A digit across the two words takes the low word's top bits and the high word's bottom bits
  // (JavaScript shifts count modulo 32, so shift 0 must not shift hi by 32).
  return ((lo >>> shift) | (shift === 0 ? 0 : hi << (32 - shift))) & mask;
}
