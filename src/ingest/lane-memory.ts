/**
 * This thread's lane memory: the read buffer of block-reader.ts and the cells of the record the
 * lanes split last, in one WebAssembly memory, with the splitter (lane-split.wat) that reads the
 * one and writes the other.
 *
 * Why: splitting records into cells byte by byte was about a third of each reader thread's time
 * at a million tickets; the splitter looks at 16 bytes a step and was 2.5× faster on the
 * benchmark's ticket file (bench/README.md, item 29). A lane uses it for the bytes of this
 * buffer; for any other bytes (a buffer grown for a record over a megabyte, a test's own bytes)
 * it splits in JavaScript, with the same result (a test compares the two on random records).
 *
 * `TEAMKPI_LANE_WASM=0` leaves it out (every record is split in JavaScript).
 */
import { LANE_SPLIT_WASM } from './lane-split-wasm.js';

/** Bytes of the read buffer (two reads of a megabyte: the unread tail of one, then the next). */
export const READ_BUFFER_BYTES = 2 << 20;
/** Cells a record may have for its lane to split it here (wider files split in JavaScript). */
export const MAX_SPLIT_CELLS = 16384;
/** `info`: the line breaks inside the quotes of the last record split, and its escaped flags to clear. */
export const INFO_BREAKS = 0;
export const INFO_CLEAR = 1;

export interface LaneMemory {
  /** The read buffer (block-reader.ts): records in it are split by `split`. */
  readonly bytes: Buffer;
  /** As LaneCells.split, on offsets of `bytes` (lane-split.wat). */
  readonly split: (pos: number, end: number, width: number, delimiter: number, recordDelimiter: number, more: number) => number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly escaped: Uint8Array;
  readonly info: Int32Array;
}

/** What this module uses of the WebAssembly API (the compiler's libraries here do not declare it). */
interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let memory: LaneMemory | null | undefined;

/** This thread's lane memory, made on first use; null when it is turned off or WebAssembly cannot make it. */
export function laneMemory(): LaneMemory | null {
  if (memory === undefined) memory = process.env.TEAMKPI_LANE_WASM === '0' ? null : create();
  return memory;
}

function create(): LaneMemory | null {
  // After the read buffer, 64 bytes the splitter may load (16 at a time) past the bytes read, never
  // counting them; then the cells.
  const starts = READ_BUFFER_BYTES + 64;
  const ends = starts + 4 * MAX_SPLIT_CELLS;
  const escaped = ends + 4 * MAX_SPLIT_CELLS;
  const info = escaped + MAX_SPLIT_CELLS;
  const pages = Math.ceil((info + 8) / 65536);
  const wasm = new WebAssembly.Memory({ initial: pages, maximum: pages });
  let instance: { readonly exports: object };
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(LANE_SPLIT_WASM, 'base64')), { lane: { memory: wasm } });
  } catch {
    // A runtime without WebAssembly SIMD: the lanes split in JavaScript.
    return null;
  }
  const exports = instance.exports as { setup: (starts: number, ends: number, escaped: number, info: number) => void; split: LaneMemory['split'] };
  exports.setup(starts, ends, escaped, info);
  // The memory never grows (its maximum is its size), so these views stay valid.
  const buffer = wasm.buffer;
  return {
    bytes: Buffer.from(buffer, 0, READ_BUFFER_BYTES),
    split: exports.split,
    starts: new Int32Array(buffer, starts, MAX_SPLIT_CELLS),
    ends: new Int32Array(buffer, ends, MAX_SPLIT_CELLS),
    escaped: new Uint8Array(buffer, escaped, MAX_SPLIT_CELLS),
    info: new Int32Array(buffer, info, 2),
  };
}
