/**
 * Line numbers from byte offsets over a stream of chunks, for the careful (csv-parse) path.
 * csv-parse's own `info.lines` counts every CR and LF byte inside quoted fields, so a quoted
 * CRLF counts as two lines and the numbers drift on Windows exports with multi-line cells; this
 * counts a line break as `\r\n`, `\n` or a lone `\r` (as editors do), the same rule as the fast
 * tokenizer, so both paths report the same lines.
 *
 * Offsets must be asked for in increasing order; bytes before the last offset asked are dropped.
 */
export class LineCounter {
  private readonly chunks: Buffer[] = [];
  /** Absolute offset of chunks[0][0]. */
  private base = 0;
  /** Absolute offset up to which breaks are counted. */
  private cursor = 0;
  private breaks = 0;
  private prev = -1;

  push(chunk: Buffer): void {
    if (chunk.length > 0) this.chunks.push(chunk);
  }

  /** The byte at an absolute offset not yet passed, or -1 beyond what was pushed. */
  byteAt(offset: number): number {
    let at = offset - this.base;
    for (const chunk of this.chunks) {
      if (at < chunk.length) return chunk[at];
      at -= chunk.length;
    }
    return -1;
  }

  /** The bytes from absolute offset `from` (not yet passed) to `to`, as far as they were pushed. */
  slice(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    let base = this.base;
    for (const chunk of this.chunks) {
      const end = base + chunk.length;
      if (end > from && base < to) parts.push(chunk.subarray(Math.max(0, from - base), Math.min(chunk.length, to - base)));
      base = end;
      if (base >= to) break;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** 1-based line of the byte at `offset`. */
  lineAt(offset: number): number {
    while (this.cursor < offset) {
      const first = this.chunks[0];
      if (first === undefined) break;
      const end = Math.min(offset - this.base, first.length);
      let breaks = this.breaks;
      let prev = this.prev;
      for (let i = this.cursor - this.base; i < end; i++) {
        const c = first[i];
        if (c === 13 || (c === 10 && prev !== 13)) breaks++;
        prev = c;
      }
      this.breaks = breaks;
      this.prev = prev;
      this.cursor = this.base + end;
      if (end === first.length) {
        this.chunks.shift();
        this.base += first.length;
      }
    }
    return this.breaks + 1;
  }

  /** The offset after skipping `count` line breaks (`\r\n`, `\n` or `\r`) that start at `offset`. */
  skipBreaks(offset: number, count: number): number {
    for (let k = 0; k < count; k++) {
      const c = this.byteAt(offset);
      if (c === 13 && this.byteAt(offset + 1) === 10) offset += 2;
      else if (c === 13 || c === 10) offset += 1;
      else break;
    }
    return offset;
  }
}
