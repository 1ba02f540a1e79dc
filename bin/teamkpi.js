#!/usr/bin/env node
import { statSync } from 'node:fs';

// The bundled command (scripts/bundle.mjs), unless it is missing or older than the modules tsc
// wrote (compiled again without the bundling step): those run then.
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const { main } = await import((mtime(bundle) >= mtime(modules) ? bundle : modules).href);
process.exitCode = await main(process.argv.slice(2));
