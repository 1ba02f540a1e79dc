// The command as three files: the CLI and its two worker threads (the parallel reader, the
// sorting helper), each one file with the code and dependencies it imports, in dist/bundle/
// beside one another (the workers are found next to the script that starts them).
//
// Why: Node loads each of the hundred-odd modules of dist/ on its own, and compiling and linking
// them was ~45 ms of every run (a report on one small file took 0.12 s, a week of tickets 0.43 s);
// one file per thread is ~20 ms faster (bench/README.md, item 23). `tsc` still writes dist/ module
// by module, which the tests import; bin/teamkpi.js runs the bundle when it is there.
//
// The CLI is a CommonJS script with V8's code cache beside it (main.cjs.cache, bin/load-bundle.js:
// another ~10–15 ms, item 24); the workers stay ES modules (each thread compiles its own, while
// the CLI is already reading).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The packages' ES module builds (jsonc-parser's UMD one loads its parts with a dynamic require).
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { main: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The modules find files beside them (the workers, package.json) from import.meta.url.
  define: { 'import.meta.url': '__teamkpiUrl' },
  // "use strict" first: esbuild writes its own after the banner, where it is no directive, and the
  // modules tsc writes (what the tests import) are strict.
  banner: { js: "'use strict';\nconst __teamkpiUrl = require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: { 'parallel-worker': 'dist/ingest/parallel-worker.js', 'sort-worker': 'dist/kpi/sort-worker.js' },
  outdir: 'dist/bundle',
  format: 'esm',
  // CommonJS dependencies call require() for Node's own modules.
  banner: { js: "import { createRequire as __teamkpiRequire } from 'node:module';\nconst require = __teamkpiRequire(import.meta.url);" },
});

// The CLI's code cache, once the workers it starts are there (scripts/train-code-cache.mjs).
execFileSync(process.execPath, ['scripts/train-code-cache.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
