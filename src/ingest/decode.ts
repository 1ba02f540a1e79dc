import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/**
 * Encodings an export arrives in. Excel re-saves and older survey tools write UTF-16 (with a BOM)
 * or Windows-1252; everything is handed to the CSV parser as UTF-8.
 */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodeInfo {
  /** The encoding the file starts in. */
  encoding: Encoding;
  /**
   * Set when some bytes after the start are not valid UTF-8: a byte offset at or before the first
   * of them (the start of its line, or of the chunk it was found in). Each such byte is read as
   * Windows-1252.
   */
  fallbackAt: number | null;
}

/**
 * The encoding named by a byte-order mark, else UTF-8 if the bytes are valid UTF-8, else
 * Windows-1252 — but UTF-8 when the lines before the first invalid byte hold UTF-8 text beyond
 * ASCII (a file that starts as UTF-8, such as exports joined together): decodeToUtf8 then switches
 * at the bad line, as it does when the bad bytes come after the head.
 */
export function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const whole = head.subarray(0, completeUtf8Length(head));
  if (isUtf8(whole)) return 'utf-8';
  const cut = whole.lastIndexOf(0x0a, firstInvalidByte(whole));
  for (let i = 0; i < cut; i++) if (whole[i] >= 0x80) return 'utf-8';
  return 'windows-1252';
}

/** Length of the prefix of `buf` that does not end inside a UTF-8 multi-byte sequence. */
function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  // Walk back over at most 3 continuation bytes to the lead byte of the last sequence.
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = buf[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * Re-encode a stream of byte chunks as UTF-8 chunks. Valid UTF-8 passes through untouched (the
 * fast path: one native validity check per chunk). UTF-16 is decoded with the platform's
 * TextDecoder. A byte that is not part of valid UTF-8 is read as Windows-1252 (a superset of
 * Latin-1, which is what WHATWG decoders do for `latin1` too), and the line of the first such byte
 * is recorded in `info`; the valid UTF-8 around it stays UTF-8 (`decodeMixed`).
 */
export async function* decodeToUtf8(chunks: AsyncIterable<Buffer>, info: DecodeInfo): AsyncGenerator<Buffer> {
  if (info.encoding === 'utf-16le' || info.encoding === 'utf-16be' || info.encoding === 'windows-1252') {
    // ignoreBOM: false strips the BOM, so the parser never sees it.
    const decoder = new TextDecoder(info.encoding, { ignoreBOM: false });
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield Buffer.from(text, 'utf8');
    }
    const rest = decoder.decode();
    if (rest.length > 0) yield Buffer.from(rest, 'utf8');
    return;
  }
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0;
  let mixed = false;
  for await (const raw of chunks) {
    const chunk = carry.length === 0 ? raw : Buffer.concat([carry, raw]);
    const end = completeUtf8Length(chunk);
    const whole = chunk.subarray(0, end);
    if (isUtf8(whole)) {
      carry = Buffer.from(chunk.subarray(end));
      offset += end;
      if (whole.length > 0) yield whole;
      continue;
    }
    if (!mixed) {
      // The first byte that is not UTF-8: named by its line's start in `info`.
      const cut = whole.lastIndexOf(0x0a, firstInvalidByte(whole));
      info.fallbackAt = offset + (cut < 0 ? 0 : cut + 1);
      mixed = true;
    }
    const { text, used } = decodeMixed(chunk, false);
    carry = Buffer.from(chunk.subarray(used));
    offset += used;
    if (text.length > 0) yield text;
  }
  if (carry.length > 0) {
    // The file ends inside a multi-byte sequence: its last bytes are not UTF-8.
    if (info.fallbackAt === null) info.fallbackAt = offset;
    yield decodeMixed(carry, true).text;
  }
}

/**
 * Each byte 0x80–0xFF as Windows-1252 reads it, in UTF-8 (WHATWG's table, as TextDecoder has it),
 * made when a file first needs it: making it (ICU's converter) was ~4 ms of every run.
 */
// (Decoded with `stream: true`: Node's decoder without it gave "" for a lone byte from 0x80 up.)
let cp1252Utf8: Buffer[] | null = null;
const cp1252 = (b: number): Buffer => (cp1252Utf8 ??= Array.from({ length: 256 }, (_, byte) => Buffer.from(new TextDecoder('windows-1252').decode(Uint8Array.of(byte), { stream: true }), 'utf8')))[b];

/**
 * Bytes that are valid UTF-8 sequences as they are, each other byte as Windows-1252: what a file
 * that stops being UTF-8 somewhere is read as from there on. Why not the whole rest as
 * Windows-1252: one stray byte in the middle of a UTF-8 export turned every later `José` into
 * `JosÃ©`, a second group of every agent. Returns the UTF-8 text and the bytes used (a sequence
 * cut at the end waits for the next chunk unless `final`).
 */
function decodeMixed(buf: Buffer, final: boolean): { text: Buffer; used: number } {
  const parts: Buffer[] = [];
  const n = buf.length;
  let start = 0, i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(buf, i, n);
    if (length > 0) {
      i += length;
      continue;
    }
    if (length < 0 && !final) break;
    if (i > start) parts.push(buf.subarray(start, i));
    parts.push(cp1252(b));
    start = ++i;
  }
  if (i > start) parts.push(buf.subarray(start, i));
  return { text: Buffer.concat(parts), used: i };
}

/**
 * The length of the valid UTF-8 sequence whose lead byte (≥ 0x80) is at `i`; 0 when it is not one
 * (a stray continuation, an overlong form, a surrogate, above U+10FFFF); -1 when it is a valid
 * start cut by `n`.
 */
function utf8SequenceLength(buf: Buffer, i: number, n: number): number {
  const b = buf[i];
  let length: number, lo = 0x80, hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    if (i + k >= n) return -1;
    const c = buf[i + k];
    if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return 0;
  }
  return length;
}

/** Index of the first byte at which `buf` stops being valid UTF-8 (buf.length if it never does). */
function firstInvalidByte(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  // isUtf8 on a prefix is monotone up to the first error (a prefix cut inside a sequence also
  // fails, so search on line-free halves and settle for the earliest failing prefix).
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isUtf8(buf.subarray(0, completeUtf8Length(buf.subarray(0, mid + 1))))) lo = mid + 1;
    else hi = mid;
  }
  // The prefix through byte `lo` is the first that fails; the bad sequence starts where the valid
  // sequences before `lo` end (a lead byte right before a line end, `Café` + `\n` in Latin-1, is
  // not yet an error on its own, and is the byte to name).
  return completeUtf8Length(buf.subarray(0, lo));
}

/** Human name of an encoding for `inspect` and warnings. */
export function describeEncoding(info: DecodeInfo): string {
  const names: Record<Encoding, string> = {
    'utf-8': 'UTF-8',
    'utf-8-bom': 'UTF-8 with BOM',
    'utf-16le': 'UTF-16 LE (BOM)',
    'utf-16be': 'UTF-16 BE (BOM)',
    'windows-1252': 'Windows-1252 (not valid UTF-8)',
  };
  const base = names[info.encoding];
  return info.fallbackAt === null ? base : `${base}, bytes that are not UTF-8 read as Windows-1252 (the first at or after byte ${info.fallbackAt})`;
}
