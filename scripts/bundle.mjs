// The command as three files: the CLI and its two worker threads (the parallel reader, the
// sorting helper), each one ES module with the code and dependencies it imports, in dist/bundle/
// beside one another (the workers are found next to the module that starts them).
//
// Why: Node loads each of the hundred-odd modules of dist/ on its own, and compiling and linking
// them was ~45 ms of every run (a report on one small file took 0.12 s, a week of tickets 0.43 s);
// one file per thread is ~20 ms faster (bench/README.md). `tsc` still writes dist/ module by module,
// which the tests import; bin/teamkpi.js runs the bundle when it is there.
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'dist/cli/main.js',
    'parallel-worker': 'dist/ingest/parallel-worker.js',
    'sort-worker': 'dist/kpi/sort-worker.js',
  },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The packages' ES module builds (jsonc-parser's UMD one loads its parts with a dynamic require).
  mainFields: ['module', 'main'],
  // CommonJS dependencies call require() for Node's own modules.
  banner: { js: "import { createRequire as __teamkpiRequire } from 'node:module';\nconst require = __teamkpiRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
