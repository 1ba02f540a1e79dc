import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

/** `../shared/realdata` beside the checkout (present in CI; absent on a user's machine). */
export const REALDATA = join(ROOT, '..', 'shared', 'realdata');
export const HAS_REALDATA = existsSync(REALDATA);
if (!HAS_REALDATA) console.log(`skipping real-export tests: ${REALDATA} is absent (it sits beside the checkout in CI)`);

export function realFile(...parts: string[]): string {
  return join(REALDATA, ...parts);
}

/** Every `.csv` file under `dir` (and `.csv.gz` with `gz`), sorted, depth first; none when `dir` is absent. */
export function csvFiles(dir: string, options: { gz?: boolean } = {}): string[] {
  if (!existsSync(dir)) return [];
  const pattern = options.gz === true ? /\.csv(\.gz)?$/i : /\.csv$/i;
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...csvFiles(path, options));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

/**
 * A deliberately small RFC 4180 reader, independent of the one under test, for computing
 * expected values in tests: quotes, doubled quotes, embedded newlines and delimiters.
 */
export function parseCsvText(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows of a file as objects keyed by header (the first header of a repeated name wins). */
export function readTable(file: string, encoding: BufferEncoding = 'utf8'): Record<string, string>[] {
  const text = readFileSync(file, encoding).replace(/^\uFEFF/, '');
  const [header, ...rows] = parseCsvText(text);
  return rows.map((r) => {
    const o: Record<string, string> = {};
    header.forEach((h, i) => {
      if (!(h in o)) o[h] = r[i] ?? '';
    });
    return o;
  });
}
