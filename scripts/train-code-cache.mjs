// Writes dist/bundle/main.cjs.cache (bin/load-bundle.js): compiles the bundle without a cache,
// runs reports on the demo data (output discarded by the build), and saves what V8 compiled, so
// a later run finds the reading and report code compiled too. Run by scripts/bundle.mjs in a
// process of its own; the bytecode is the same whatever the data, only which functions are in it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBundle, writeCache } from '../bin/load-bundle.js';

const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const file = at('dist/bundle/main.cjs');
const { exports, script } = loadBundle(file, { cache: false });
const demo = [at('fixtures/demo/tickets.csv'), at('fixtures/demo/surveys.csv')];
if (demo.every((f) => existsSync(f))) {
  for (const format of ['json', 'table']) {
    await exports.main(['report', ...demo, '--by', 'agent', '--format', format, '--quiet', '--now', '2026-01-01T00:00:00Z']);
  }
}
writeCache(file, script);
