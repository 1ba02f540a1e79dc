#!/usr/bin/env node
import { existsSync } from 'node:fs';

// The bundled command (scripts/bundle.mjs) when the build made it; the modules tsc wrote otherwise.
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
