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

/** The longest prefix that gets an index of its own (`SUPPORT-TICKET-` is 15): a longer one is most of its id. */
export const MAX_PREFIX_LENGTH = 16;

/**
 * How the ticket index names the ids of one prefix followed by digits: the prefix, and the digits'
 * count when they have a leading zero (0 when they have none), so `T-7`, `T-07` and `7` are three
 * names. A prefix never ends with a digit, so the name is unambiguous.
 */
export function prefixKey(prefix: string, width: number): string {
  return `${prefix}\u0000${width}`;
}

/** The width a prefix key names for `count` digits: their count when they start with a zero (`007`), else 0 (`7`, `0`). */
export function digitsWidth(leadingZero: boolean, count: number): number {
  return leadingZero && count > 1 ? count : 0;
}

/** The id that a prefix key (`prefixKey`) and its digits' number stand for. */
export function prefixedId(key: string, n: number): string {
  const at = key.lastIndexOf('\u0000');
  const width = Number(key.slice(at + 1));
  const digits = String(n);
  return key.slice(0, at) + (width > 0 ? digits.padStart(width, '0') : digits);
}
