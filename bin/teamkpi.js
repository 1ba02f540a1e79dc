#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json): Node starts it without its ES module loader (bin/load-bundle.js).
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { loadBundle } = require('./load-bundle.js');

// The bundled command (scripts/bundle.mjs), unless it is missing or older than the modules tsc
// wrote (compiled again without the bundling step): those run then.
const bundle = join(__dirname, '..', 'dist', 'bundle', 'main.cjs');
const modules = join(__dirname, '..', 'dist', 'cli', 'main.js');
const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const command = mtime(bundle) >= mtime(modules) ? Promise.resolve(loadBundle(bundle).exports) : import(pathToFileURL(modules).href);
command.then(({ main }) => main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
