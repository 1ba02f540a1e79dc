import { InputError } from '../errors.js';

/**
 * Refuse input that is not text before the CSV parser sees it: a binary file (an image, a
 * spreadsheet saved as .xlsx, an executable) or UTF-16 without a byte-order mark. Both show up
 * as NUL bytes, which never occur in a UTF-8 or single-byte-encoded CSV export. Looks only at the
 * first chunk (`head`); NUL bytes further on are reported row by row by the reader.
 * UTF-16 *with* a BOM is left to the decoder.
 */
export function checkTextHead(head: Buffer, file: string): void {
  const sample = head.subarray(0, 4096);
  if (sample.length === 0) return;
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) return;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    }
  }
  const pairs = Math.floor(sample.length / 2);
  // ASCII text in UTF-16 has a NUL in (nearly) every other byte: odd positions for little-endian,
  // even ones for big-endian.
  if (pairs >= 2 && (nulOdd >= pairs * 0.7 || nulEven >= pairs * 0.7) && Math.min(nulOdd, nulEven) <= pairs * 0.1) {
    const order = nulOdd > nulEven ? 'little-endian' : 'big-endian';
    throw new InputError(`${file}:1: the file looks like UTF-16 (${order}) text without a byte-order mark, which cannot be read reliably`, {
      location: file,
      hint: 'export or re-save the file as UTF-8 CSV (Excel: "CSV UTF-8 (Comma delimited)")',
    });
  }
  const firstLineEnd = indexOfLineEnd(sample);
  const nulInHeader = sample.subarray(0, firstLineEnd).includes(0);
  // A stray NUL in a text export is a row problem (reported per row). A NUL in the header line,
  // or control bytes making up more than 5% of the start (text has none but tab, CR, LF and form
  // feed; compressed or image data has about 10%), mean the file is not text at all.
  let control = 0;
  for (let k = 0; k < sample.length; k++) {
    const b = sample[k];
    if (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c : b === 0x7f) control++;
  }
  if (nulInHeader || control > sample.length * 0.05) {
    throw new InputError(`${file}:1: the file holds binary data${nulInHeader ? ' (NUL bytes in the header line)' : ''}, not CSV text`, {
      location: `${file}:1`,
      hint: 'give the CSV export itself (not a spreadsheet .xlsx, a zip or another binary file); .gz files are decompressed when the name ends in .gz',
    });
  }
}

function indexOfLineEnd(buf: Buffer): number {
  const lf = buf.indexOf(0x0a);
  const cr = buf.indexOf(0x0d);
  if (lf < 0) return cr < 0 ? buf.length : cr;
  return cr < 0 ? lf : Math.min(lf, cr);
}
