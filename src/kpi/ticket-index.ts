import { MAX_PREFIX_LENGTH, canonicalNumber, digitsWidth, prefixKey, prefixedId } from '../model/ticket-id.js';

/**
 * Ticket id → row, the dedup index of TicketTable. Ids that are canonical whole numbers (what
 * most helpdesks use: `1042`, not `01042` or `1042.0`) live in a `NumberIndex` of typed arrays —
 * no string kept per ticket and no engine Map entry. The two key spaces cannot collide because a
 * string is only read as a number when `String(n)` gives it back exactly. A million numeric ids
 * take 24 MB instead of ~70 MB.
 *
 * Ids that are a text prefix and a number (`T-1042`, `INC0012345`, `007`) go to a NumberIndex of
 * their own per prefix and digit count: the prefix, and the width when the digits have leading
 * zeros (0 when they have none), name the index, so `T-1042`, `T-01042` and `1042` stay three ids.
 * Why: a million ids like `T-1042` in an engine Map cost the main thread ~2 s of lookups (each
 * id a fresh string, hashed and compared in a table that misses the CPU cache) and ~100 MB.
 * Anything else (no digits at the end, more than 15 of them, a prefix longer than 16 characters)
 * goes to a `TextIndex`, and so do the ids of a prefix met after MAX_PREFIXES others. Why: ids whose
 * "prefix" is most of the id (UUIDs, hashes: `c1c14f31-…-a8639cff82` ends in digits) each made an
 * index of their own (~8 KB each: a million UUIDs took 4.4 GB and 29 s, bench/README.md).
 * The route an id takes depends only on whether its prefix has an index, which never changes once
 * the limit is reached, so `get` always looks where `set` put it.
 */
export class TicketIndex {
  private readonly numbers = new NumberIndex();
  private readonly prefixed = new Map<string, NumberIndex>();
  /** The prefix and digit width of the last prefixed id, and its index (ids in a file share one). */
  private lastPrefix = '';
  private lastWidth = -1;
  private lastIndex: NumberIndex | null = null;
  /** The last prefix key looked up with an index, and that index (a file's ids share one). */
  private lastKey: string | null = null;
  private lastKeyed: NumberIndex | null = null;
  private readonly other = new TextIndex();
  /**
   * The last text id `get` did not find, where it looked (its digits' start, -1 none) and their
   * number (NaN when it did not work it out): the table's `set` of the same id, which follows,
   * reads them instead of scanning and parsing the id again.
   */
  private missId: string | null = null;
  private missStart = -1;
  private missNumber = NaN;

  get size(): number {
    let size = this.numbers.size + this.other.size;
    for (const index of this.prefixed.values()) size += index.size;
    return size;
  }

  get(id: string): number | undefined {
    const n = canonicalNumber(id);
    if (n >= 0) return this.numbers.get(n);
    const start = digitsStart(id);
    const index = start < 0 ? null : this.prefixedIndex(id, start, false);
    const number = index === null ? NaN : numberFrom(id, start);
    const row = index === null ? this.other.get(id) : index.get(number);
    if (row === undefined) {
      this.missId = id;
      this.missStart = start;
      this.missNumber = number;
    }
    return row;
  }

  /** The row of the id whose text is `String(n)` (n a canonical whole number). */
  getNumber(n: number): number | undefined {
    return this.numbers.get(n);
  }

  set(id: string, row: number): void {
    let start: number, number = NaN;
    if (id === this.missId) {
      start = this.missStart;
      number = this.missNumber;
      this.missId = null;
    } else {
      const n = canonicalNumber(id);
      if (n >= 0) {
        this.numbers.set(n, row);
        return;
      }
      start = digitsStart(id);
    }
    const index = start < 0 ? null : this.prefixedIndex(id, start, true);
    if (index === null) this.other.set(id, row);
    else index.set(number === number ? number : numberFrom(id, start), row);
  }

  /**
   * About `count` ids are coming in all: when most ids so far are text ids (UUIDs), their index
   * makes room for them at once.
   */
  reserve(count: number): void {
    const texts = this.other.size;
    if (texts >= 1024 && 2 * texts >= this.size) this.other.reserve(count);
  }

  /** `set` for the id whose text is `String(n)` (n a canonical whole number). */
  setNumber(n: number, row: number): void {
    this.numbers.set(n, row);
  }

  /**
   * `get` for the id `prefixedId(key, n)`, named by its prefix key and number (the reader threads
   * read such ids from their bytes without a string: ticket-batch.ts, `idPrefix`). It looks where
   * `get` of the id's text looks, so the two ways in find the same rows.
   */
  getPrefixed(key: string, n: number): number | undefined {
    const index = this.keyedIndex(key, false);
    return index === null ? this.other.get(prefixedId(key, n)) : index.get(n);
  }

  /** `set` for the id `prefixedId(key, n)` (see `getPrefixed`). */
  setPrefixed(key: string, n: number, row: number): void {
    const index = this.keyedIndex(key, true);
    if (index === null) this.other.set(prefixedId(key, n), row);
    else index.set(n, row);
  }

  /**
   * The index of ids with this one's prefix (id[0, start)) and digit width; null when there is
   * none yet and `create` is false or MAX_PREFIXES are made (the id then goes to the text index).
   */
  private prefixedIndex(id: string, start: number, create: boolean): NumberIndex | null {
    // The width names the index only when the digits have leading zeros (`T-007` is not `T-7`).
    const width = digitsWidth(id.charCodeAt(start) === 48, id.length - start);
    if (this.lastIndex !== null && width === this.lastWidth && start === this.lastPrefix.length && id.startsWith(this.lastPrefix)) return this.lastIndex;
    const prefix = id.slice(0, start);
    const index = this.keyedIndex(prefixKey(prefix, width), create);
    if (index === null) return null;
    this.lastPrefix = prefix;
    this.lastWidth = width;
    this.lastIndex = index;
    return index;
  }

  /** The index of a prefix key; null when there is none yet and `create` is false or MAX_PREFIXES are made. */
  private keyedIndex(key: string, create: boolean): NumberIndex | null {
    if (key === this.lastKey) return this.lastKeyed;
    let index = this.prefixed.get(key);
    if (index === undefined) {
      if (!create || this.prefixed.size >= MAX_PREFIXES) return null;
      this.prefixed.set(key, (index = new NumberIndex()));
    }
    this.lastKey = key;
    this.lastKeyed = index;
    return index;
  }
}

/** Prefixes (with digit widths) that get an index of their own; ids of any other go to the TextIndex. */
export const MAX_PREFIXES = 256;


/**
 * Where the id's final run of 1–15 digits starts after a prefix of at most MAX_PREFIX_LENGTH
 * characters, or -1 (no digits at the end, more than 15, or a longer prefix: the id goes to the
 * text index without a look for its prefix's index).
 */
function digitsStart(id: string): number {
  let i = id.length;
  while (i > 0) {
    const d = id.charCodeAt(i - 1) - 48;
    if (d < 0 || d > 9) break;
    i--;
  }
  return i === id.length || id.length - i > 15 || i > MAX_PREFIX_LENGTH ? -1 : i;
}

/** The number the digits id[start..] spell. */
function numberFrom(id: string, start: number): number {
  let n = 0;
  for (let i = start; i < id.length; i++) n = n * 10 + (id.charCodeAt(i) - 48);
  return n;
}

/** Whole numbers (below 10^15) → row: a dense array while the numbers are close together, else a hash table. */
class NumberIndex {
  /**
   * Dense ids: while the numeric ids seen lie within a range at most 4 times their count (the
   * usual sequential helpdesk ids), row + 1 is stored at `id - denseBase` (0 = absent). A lookup is
   * then one array read near the previous one, instead of a hash probe that misses the CPU cache;
   * it was the largest single cost of adding a million tickets. Ids that break the rule move the
   * whole index to the hash table below, for good.
   */
  private dense: Int32Array | null = new Int32Array(0);
  private denseBase = 0;
  private keys = new Float64Array(0);
  private rows = new Int32Array(0);
  private mask = -1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(n: number): number | undefined {
    if (this.dense !== null) {
      const at = n - this.denseBase;
      const row = at >= 0 && at < this.dense.length ? this.dense[at] : 0;
      return row === 0 ? undefined : row - 1;
    }
    if (this.count === 0) return undefined;
    for (let slot = hash(n) & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === n) return this.rows[slot];
      if (key !== key) return undefined; // NaN: empty slot
    }
  }

  set(n: number, row: number): void {
    if (this.dense !== null) {
      if (this.denseSet(n, row)) return;
      this.leaveDense();
    }
    // Linear probing stays short up to 3/4 full; 5M ids then fit in 8M slots (100 MB), not 16M.
    if ((this.count + 1) * 4 > this.keys.length * 3) this.rehash();
    for (let slot = hash(n) & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === n) {
        this.rows[slot] = row;
        return;
      }
      if (key !== key) {
        this.keys[slot] = n;
        this.rows[slot] = row;
        this.count++;
        return;
      }
    }
  }

  /** Store in the dense array, growing it if the range stays within bounds; false when it cannot. */
  private denseSet(n: number, row: number): boolean {
    let dense = this.dense!;
    if (this.count === 0) this.denseBase = Math.max(0, n - 1024);
    let at = n - this.denseBase;
    if (at < 0 || at >= dense.length) {
      // The range the ids would span, from the lowest to the highest seen so far.
      const low = Math.min(this.denseBase, n);
      const high = Math.max(this.denseBase + dense.length, n + 1);
      const limit = Math.max(1 << 16, 4 * (this.count + 1));
      if (high - low > limit) return false;
      const grown = new Int32Array(Math.min(limit, Math.max(2 * dense.length, high - low + 1024)));
      const base = at < 0 ? Math.max(0, high - grown.length) : low;
      grown.set(dense, this.denseBase - base);
      this.dense = dense = grown;
      this.denseBase = base;
      at = n - base;
    }
    if (dense[at] === 0) this.count++;
    dense[at] = row + 1;
    return true;
  }

  /** Move every dense entry into the hash table (the ids stopped being dense). */
  private leaveDense(): void {
    const dense = this.dense!;
    const base = this.denseBase;
    this.dense = null;
    this.count = 0;
    for (let at = 0; at < dense.length; at++) if (dense[at] !== 0) this.set(base + at, dense[at] - 1);
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    const capacity = Math.max(1024, oldKeys.length * 2);
    this.keys = new Float64Array(capacity).fill(NaN);
    this.rows = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const n = oldKeys[i];
      if (n !== n) continue;
      let slot = hash(n) & this.mask;
      while (this.keys[slot] === this.keys[slot]) slot = (slot + 1) & this.mask;
      this.keys[slot] = n;
      this.rows[slot] = oldRows[i];
    }
  }
}

function hash(n: number): number {
  const lo = n >>> 0;
  const hi = (n / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 16;
  return h;
}

/**
 * Text → row, for ids that are not numbers: an open-addressing table of one typed array, each
 * slot two words (entry + 1, 0 when empty, and the full hash of its text) so a probe reads one
 * place in memory, the texts in an array by entry.
 *
 * Why not an engine Map: with a million such ids (UUIDs) its lookups were ~1.5 s of the main
 * thread's time (each id a fresh string hashed and probed in a large table that misses the CPU
 * cache, and the table rebuilt as it grew), and the reader threads waited on it (bench/README.md).
 * Here a probe compares texts only when the full hashes agree, and a `set` right after a `get`
 * that missed the same text (how the table adds a new ticket) reuses that probe's hash and slot.
 */
export class TextIndex {
  private slots = new Int32Array(2 * 1024);
  private mask = 1023;
  private readonly texts: string[] = [];
  private rows = new Int32Array(64);
  /** The last `get` that found nothing: its text, hash and the empty slot it stopped at. */
  private missText: string | null = null;
  private missHash = 0;
  private missSlot = 0;

  get size(): number {
    return this.texts.length;
  }

  get(text: string): number | undefined {
    const h = textHash(text);
    const { slots, mask, texts } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot];
      if (entry === 0) {
        this.missText = text;
        this.missHash = h;
        this.missSlot = slot;
        return undefined;
      }
      if (slots[2 * slot + 1] === h && texts[entry - 1] === text) return this.rows[entry - 1];
    }
  }

  set(text: string, row: number): void {
    let h: number, slot: number;
    if (text === this.missText) {
      // Nothing was added since that probe (adding clears it), so the text is still absent there.
      h = this.missHash;
      slot = this.missSlot;
    } else {
      h = textHash(text);
      const { slots, mask, texts } = this;
      for (slot = h & mask; ; slot = (slot + 1) & mask) {
        const entry = slots[2 * slot];
        if (entry === 0) break;
        if (slots[2 * slot + 1] === h && texts[entry - 1] === text) {
          this.rows[entry - 1] = row;
          return;
        }
      }
    }
    this.missText = null;
    const texts = this.texts;
    const entry = texts.length;
    if (entry === this.rows.length) {
      const rows = new Int32Array(entry * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    texts.push(text);
    this.rows[entry] = row;
    this.slots[2 * slot] = entry + 1;
    this.slots[2 * slot + 1] = h;
    // Probes stay short up to 3/4 full.
    if (texts.length * 4 > (this.mask + 1) * 3) this.grow(2 * (this.mask + 1));
  }

  /**
   * Room for `count` texts in all, at once. Why: each doubling of a million ids' table moved every
   * entry to a random place in a larger one, ~0.25 s of cache misses in all (bench/README.md).
   */
  reserve(count: number): void {
    let capacity = this.mask + 1;
    while (count * 4 > capacity * 3) capacity *= 2;
    if (capacity > this.mask + 1) this.grow(capacity);
  }

  /** Move every entry into a table of `capacity` slots (a power of two). */
  private grow(capacity: number): void {
    const old = this.slots;
    const slots = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i];
      if (entry === 0) continue;
      const h = old[i + 1];
      let slot = h & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = entry;
      slots[2 * slot + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix so the low bits (the slot) depend on every unit. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
