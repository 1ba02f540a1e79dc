#!/usr/bin/env node
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './load-bundle.js';

// The bundled command (scripts/bundle.mjs), unless it is missing or older than the modules tsc
// wrote (compiled again without the bundling step): those run then.
const bundle = new URL('../dist/bundle/main.cjs', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const { main } = mtime(bundle) >= mtime(modules) ? loadBundle(fileURLToPath(bundle)).exports : await import(modules.href);
process.exitCode = await main(process.argv.slice(2));
