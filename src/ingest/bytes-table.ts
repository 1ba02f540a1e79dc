/**
 * Values keyed by a cell's bytes: open addressing over typed arrays (a Map keyed by the hash
 * boxed most hashes as heap numbers), starting small and doubling at half full, so the few values
 * of a status or team column sit in a table the CPU cache holds. Keys are kept as strings of one
 * char per byte and compared byte by byte. Used to intern cells (fast-csv.ts) and to remember
 * what a cell reads as (typed-lane.ts).
 */
export class BytesTable<V> {
  private slots = new Int32Array(64);
  private hashes = new Int32Array(64);
  readonly keys: string[] = [];
  readonly values: V[] = [];

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
      const key = this.keys[entry - 1];
      if (key.length !== end - start) continue;
      let same = true;
      for (let i = start, k = 0; i < end; i++, k++) {
        if (key.charCodeAt(k) !== buf[i]) {
          same = false;
          break;
        }
      }
      if (same) return entry - 1;
    }
  }

  /** Add an entry (`key`: the bytes as one char per byte, `h` their hash); returns its index. */
  insert(key: string, h: number, value: V): number {
    this.keys.push(key);
    this.values.push(value);
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
