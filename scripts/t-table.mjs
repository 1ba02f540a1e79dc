// Writes src/stats/t975-table.ts: the 97.5% point of Student's t for every whole number of degrees
// of freedom from 1 to SIZE, as `computeTQuantile975` gives it, for `tQuantile975` to look up
// (src/stats/distributions.ts says why). Run after `npm run build`, then build again:
//
//   npm run build && node scripts/t-table.mjs && npm run build
//
// tests/unit/stats/distributions.test.ts checks every entry against the computation.
import { writeFileSync } from 'node:fs';
import { computeTQuantile975 } from '../dist/stats/distributions.js';

const SIZE = 4096;
const bytes = Buffer.alloc(8 * SIZE);
for (let df = 1; df <= SIZE; df++) bytes.writeDoubleLE(computeTQuantile975(df), 8 * (df - 1));
const lines = bytes.toString('base64').match(/.{1,100}/g);
writeFileSync(new URL('../src/stats/t975-table.ts', import.meta.url), `// Written by scripts/t-table.mjs: do not edit.
// The 97.5% point of Student's t for df = 1 … ${SIZE}, as computeTQuantile975 (distributions.ts) gives
// it: ${SIZE} doubles, little-endian, in base64.
export const T975_TABLE_SIZE = ${SIZE};
export const T975_TABLE =
${lines.map((l) => `  '${l}'`).join(' +\n')};
`);
