/** The id as a number when it is a canonical non-negative integer below 2^53 (`String(n) === id`), else -1. */
export function canonicalNumber(id: string): number {
  const len = id.length;
  if (len === 0 || len > 15) return -1;
  const first = id.charCodeAt(0);
  if (first === 48 && len > 1) return -1; // leading zero
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
