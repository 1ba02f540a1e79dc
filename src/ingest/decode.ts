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
   * Set when the bytes stopped being valid UTF-8 after the start: byte offset from which the rest
   * was decoded as Windows-1252.
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
 * TextDecoder. Bytes that are not valid UTF-8 switch the rest of the file to Windows-1252 (a
 * superset of Latin-1, which is what WHATWG decoders do for `latin1` too), recorded in `info`.
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
  let fallback: TextDecoder | null = null;
  for await (const raw of chunks) {
    if (fallback !== null) {
      yield Buffer.from(fallback.decode(raw, { stream: true }), 'utf8');
      continue;
    }
    const chunk = carry.length === 0 ? raw : Buffer.concat([carry, raw]);
    const end = completeUtf8Length(chunk);
    const whole = chunk.subarray(0, end);
    if (isUtf8(whole)) {
      carry = Buffer.from(chunk.subarray(end));
      offset += end;
      if (whole.length > 0) yield whole;
      continue;
    }
    // Invalid UTF-8 from somewhere in this chunk: keep the valid lines before it as UTF-8, decode
    // from the start of the offending line on as Windows-1252.
    let cut = whole.lastIndexOf(0x0a, firstInvalidByte(whole));
    cut = cut < 0 ? 0 : cut + 1;
    info.fallbackAt = offset + cut;
    if (cut > 0) yield Buffer.from(whole.subarray(0, cut));
    fallback = new TextDecoder('windows-1252');
    yield Buffer.from(fallback.decode(chunk.subarray(cut), { stream: true }), 'utf8');
    carry = Buffer.alloc(0);
  }
  if (fallback !== null) {
    const rest = fallback.decode();
    if (rest.length > 0) yield Buffer.from(rest, 'utf8');
  } else if (carry.length > 0) {
    // The file ends inside a multi-byte sequence: its last bytes are not UTF-8.
    info.fallbackAt = offset;
    yield Buffer.from(new TextDecoder('windows-1252').decode(carry), 'utf8');
  }
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
  return info.fallbackAt === null ? base : `${base}, Windows-1252 from byte ${info.fallbackAt} (not valid UTF-8)`;
}
