import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CSV file of `lines` (a line end after each) in a new temporary directory; its path. */
export function tempCsv(lines: string[], name = 'data.csv'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'teamkpi-test-')), name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
