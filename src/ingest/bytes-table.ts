/**
 * Values keyed by a cell's bytes: open addressing over typed arrays (a Map keyed by the hash
 * boxed most hashes as heap numbers), starting small and doubling at half full, so the few values
 * of a status or team column sit in a table the CPU cache holds. Keys are kept as strings of one
 * char per byte, and their bytes one after another in one array, where they are compared with
 * the cell's. Used to intern cells (fast-csv.ts) and to remember what a cell reads as
 * (typed-lane.ts).
 *
 * Why the bytes: compared with the key string's char codes, a lookup read the string (a heap
 * object of its own per key) for its length and each char; the lookups were a third of the
 * typed lane's own time at a million tickets (bench/README.md, item 29).
 */
export class BytesTable<V> {
  private slots = new Int32Array(64);
  private hashes = new Int32Array(64);
  readonly keys: string[] = [];
  readonly values: V[] = [];
  /** The keys' bytes, one after another; entry i's are [starts[i], starts[i + 1]). */
  private bytes = new Uint8Array(256);
  private starts = new Int32Array(64);

  /** FNV-1a of bytes [start, end), with the length mixed in. */
  static hash(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 ^ (end - start);
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    return h;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Index of the entry whose key is bytes [start, end) (hash `h`), or -1. */
  find(buf: Uint8Array, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      if (this.hashes[slot] !== h) continue;
      let k = this.starts[entry - 1];
      if (this.starts[entry] - k !== end - start) continue;
      const bytes = this.bytes;
      let i = start;
      while (i < end && bytes[k] === buf[i]) {
        i++;
        k++;
      }
      if (i === end) return entry - 1;
    }
  }

  /** Add an entry (`key`: the bytes as one char per byte, `h` their hash); returns its index. */
  insert(key: string, h: number, value: V): number {
    this.keys.push(key);
    this.values.push(value);
    const n = this.keys.length;
    const from = this.starts[n - 1];
    if (n + 1 > this.starts.length) this.starts = grown(this.starts, 2 * this.starts.length);
    if (from + key.length > this.bytes.length) this.bytes = grown(this.bytes, 2 * (from + key.length));
    for (let k = 0; k < key.length; k++) this.bytes[from + k] = key.charCodeAt(k);
    this.starts[n] = from + key.length;
    if (this.keys.length * 2 > this.slots.length) {
      const old = { slots: this.slots, hashes: this.hashes };
      this.slots = new Int32Array(old.slots.length * 2);
      this.hashes = new Int32Array(old.slots.length * 2);
      for (let i = 0; i < old.slots.length; i++) if (old.slots[i] !== 0) this.place(old.slots[i], old.hashes[i]);
    }
    this.place(this.keys.length, h);
    return this.keys.length - 1;
  }

  private place(entry: number, h: number): void {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
    this.hashes[slot] = h;
  }
}

/** A copy of `a` in a larger array of its kind. */
function grown<T extends Uint8Array | Int32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (length: number) => T)(length);
  b.set(a);
  return b;
}
