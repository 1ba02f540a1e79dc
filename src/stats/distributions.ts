import { gammaln } from 'simple-statistics';
import { LITTLE_ENDIAN } from './endianness.js';
import { T975_TABLE, T975_TABLE_SIZE } from './t975-table.js';

/**
 * The 97.5% point of the standard normal distribution, to double precision. A constant rather
 * than `probit(0.975)` from simple-statistics, whose closed-form inverse error function gives
 * 1.9572 (0.003 low) — enough to move the last digit of a published interval.
 */
export const Z_975 = 1.959963984540054;

/** Two-sided significance level of every verdict (95% confidence). */
export const ALPHA = 0.05;

/**
 * Upper tail of the standard normal, P(Z > z), to about 1e-15 relative: ½·Q(½, z²/2) for z ≥ 0,
 * with Q the regularised upper incomplete gamma function. Why not simple-statistics'
 * `errorFunction`: its fractional error of up to 1.2·10⁻⁷ showed in published p-values (a
 * Mann–Whitney p of 0.167715847 where R's `pnorm` gives 0.167715840).
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const q = z === 0 ? 1 : upperGammaHalf((z * z) / 2);
  return z >= 0 ? q / 2 : 1 - q / 2;
}

/** ln Γ(½) = ln √π. */
const LN_GAMMA_HALF = 0.5 * Math.log(Math.PI);
const EPSILON = 1e-16;
const TINY = 1e-300;

/**
 * Q(½, x) = Γ(½, x) / Γ(½) for x > 0 (erfc(√x)), by Numerical Recipes' §6.2: the series of the
 * lower function for x < 1.5 (then Q = 1 − P, which is at least 0.08 there), else the continued
 * fraction of the upper one (modified Lentz), so a far tail keeps its relative accuracy.
 */
function upperGammaHalf(x: number): number {
  if (x === Infinity) return 0;
  const a = 0.5;
  const front = Math.exp(-x + a * Math.log(x) - LN_GAMMA_HALF);
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - sum * front;
  }
  let b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return front * h;
}

/** Two-sided p-value of a z statistic, 2·P(Z > |z|), in [0, 1]. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/**
 * Regularised incomplete beta function I_x(a, b), for a, b > 0 and x in [0, 1], by the continued
 * fraction of Numerical Recipes (§6.4) evaluated with the modified Lentz method. Written here
 * because simple-statistics has no incomplete beta, and the t and binomial distributions below
 * need it for any degrees of freedom and for samples of a million values.
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  const EPS = 1e-15;
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  // Iterations grow like √max(a, b): a few thousand for a binomial over a million samples.
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** Upper tail of Student's t with `df` (> 0, need not be whole) degrees of freedom, P(T > t). */
export function studentTUpperTail(t: number, df: number): number {
  const tail = regularizedBeta(df / (df + t * t), df / 2, 0.5) / 2;
  return t >= 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a t statistic, 2·P(T > |t|). */
export function twoSidedTP(t: number, df: number): number {
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

const tCache = new Map<number, number>();

/**
 * The 97.5% point of Student's t with `df` degrees of freedom (df > 0): the multiplier of a 95%
 * t interval. Whole df up to T975_TABLE_SIZE come from a table that `computeTQuantile975` wrote
 * (scripts/t-table.mjs; a test compares every entry); df above it from the Cornish–Fisher
 * expansion, whose first term left out is below 10⁻¹⁸ there (a test holds it to mpmath's root);
 * any other df is computed and cached.
 *
 * Why the table: a report by agent on 100k tickets asks for ~230 degrees of freedom, and computing
 * them (with V8 compiling the incomplete beta function first) was ~10 ms of a 0.42 s run
 * (bench/README.md, item 31). Why the expansion: the overall row's means have df in the tens of
 * thousands, each ~20 incomplete beta functions computed, ~3–5 ms of that run (item 32).
 */
export function tQuantile975(df: number): number {
  if (Number.isInteger(df) && df >= 1 && df <= T975_TABLE_SIZE) return (t975Table ??= decodeT975Table())[df - 1];
  if (df > T975_TABLE_SIZE && df < Infinity) return cornishFisher975(df);
  const cached = tCache.get(df);
  if (cached !== undefined) return cached;
  const t = computeTQuantile975(df);
  if (tCache.size < 10_000) tCache.set(df, t);
  return t;
}

let t975Table: Float64Array | null = null;

/**
 * The table's doubles, stored little-endian in base64 (t975-table.ts): on a little-endian
 * platform its bytes as they are (read one by one they were ~1 ms of a small report's start).
 */
function decodeT975Table(): Float64Array {
  const bytes = Buffer.from(T975_TABLE, 'base64');
  // A copy of exactly its bytes: aligned, whatever the offset of the buffer pool's slice.
  if (LITTLE_ENDIAN) return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const table = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < table.length; i++) table[i] = view.getFloat64(8 * i, true);
  return table;
}

/**
 * `tQuantile975` computed: found by bisection on the exact upper tail (60 halvings of [0, 1000]:
 * far below display precision).
 *
 * The bisection takes the same 60 steps as it always did, but a midpoint clearly on one side of
 * the root — further from it than NEAR_ROOT of its size, checked by evaluating the tail just
 * inside both ends of that band — is settled without evaluating the tail there: the outcome is
 * the same number, bit for bit, from about a quarter of the evaluations. The root is found first
 * by Newton's method from the Cornish–Fisher approximation. Why: a report by agent asks for a few
 * hundred degrees of freedom (one per distinct sample size of a mean), and 60 incomplete beta
 * functions each were 20–30 ms of a 100k-ticket report, now 12–19 ms (bench/README.md).
 */
export function computeTQuantile975(df: number): number {
  const root = tQuantileNewton(df);
  const near = NEAR_ROOT * root;
  // The band [root − near, root + near] holds the bisection's root when the tail is above 0.025
  // just below it and not above just above it; otherwise every midpoint is evaluated.
  const banded = Number.isFinite(root) && studentTUpperTail(root - near, df) > 0.025 && !(studentTUpperTail(root + near, df) > 0.025);
  let lo = 0, hi = 1000;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const above = banded && mid < root - near ? true : banded && mid > root + near ? false : studentTUpperTail(mid, df) > 0.025;
    if (above) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Half-width of the band around the Newton root (relative) inside which the bisection evaluates
 * the tail. The tail changes by at least ~0.002·NEAR_ROOT·t across it (the density at the 97.5%
 * point is smallest at df = 1), thousands of times its rounding error.
 */
const NEAR_ROOT = 1e-13;

/** The 97.5% point of t by Newton's method on the exact tail; NaN when it does not settle. */
function tQuantileNewton(df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) return NaN;
  // Cornish–Fisher expansion; closed forms for 1 and 2 degrees.
  let t = df === 1 ? Math.tan(0.475 * Math.PI) : df === 2 ? 0.95 / Math.sqrt(2 * 0.975 * 0.025) : cornishFisher975(df);
  // log of the density's constant factor: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)).
  const logC = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  for (let i = 0; i < 12; i++) {
    if (!(t > 0) || !Number.isFinite(t)) return NaN;
    const density = Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
    const step = (studentTUpperTail(t, df) - 0.025) / density;
    t += step;
    if (Math.abs(step) <= 1e-15 * t) return t;
  }
  return NaN;
}

/**
 * The 97.5% point of t by the Cornish–Fisher expansion in 1/df to its fourth term (Abramowitz &
 * Stegun 26.7.5). The fifth term is ~0.73 / df⁵ at this z (below 10⁻¹⁸ past df = 4,096, where
 * `tQuantile975` uses it alone); for small df it is only Newton's starting point.
 */
function cornishFisher975(df: number): number {
  const z = Z_975, z2 = z * z;
  return z + (z * (z2 + 1)) / 4 / df + (z * (5 * z2 * z2 + 16 * z2 + 3)) / 96 / (df * df)
    + (z * (3 * z2 * z2 * z2 + 19 * z2 * z2 + 17 * z2 - 15)) / 384 / (df * df * df)
    + (z * (79 * z2 ** 4 + 776 * z2 ** 3 + 1482 * z2 * z2 - 1920 * z2 - 945)) / 92160 / (df * df * df * df);
}

/**
 * Binomial cumulative probability P(X ≤ k) for X ~ Bin(n, p), through the identity
 * P(X ≤ k) = I_{1−p}(n − k, k + 1). 0 for k < 0, 1 for k ≥ n.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  return regularizedBeta(1 - p, n - k, k + 1);
}
