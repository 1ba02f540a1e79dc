// Loads the bundled command (dist/bundle/main.cjs) with V8's code cache, which the build writes
// beside it (scripts/bundle.mjs): V8 then skips parsing and compiling the bundle's top level.
//
// Why: parsing the ~860 KB bundle was ~10–15 ms of every run, a tenth of a report on a small file
// (bench/README.md, item 24). Node 20 keeps no compile cache for a program's own modules, so the
// bundle is a CommonJS script run through `vm.Script`, which takes one.
//
// Safety: the cache is used only when it names this very bundle (a hash of its text) and its own
// bytes are intact (a hash of them); V8 rejects it too when Node's version or flags differ. In any
// of those cases the bundle is compiled as usual: a stale or broken cache costs time, never
// behaviour.
//
// CommonJS (bin/package.json), as bin/teamkpi.js is: Node starts a CommonJS entry point without
// its ES module loader, ~3–4 ms sooner (bench/README.md, item 31).
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

const HASH_BYTES = 20;

/** The function wrapper Node gives a CommonJS module (its own, so the cache and the run agree). */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
const sha1 = (data) => createHash('sha1').update(data).digest();

/**
 * Write the code cache of the script `loadBundle` returned for `file` to `file + '.cache'`: what V8
 * compiled so far, so the functions a run called come compiled (the build runs a report first).
 */
function writeCache(file, script) {
  const source = readFileSync(file, 'utf8');
  const data = script.createCachedData();
  writeFileSync(`${file}.cache`, Buffer.concat([sha1(source), sha1(data), data]));
}

/** The cache in `file + '.cache'` if it belongs to `source` and is whole, else undefined. */
function cachedDataFor(file, source) {
  let bytes;
  try {
    bytes = readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
  if (bytes.length <= 2 * HASH_BYTES) return undefined;
  const data = bytes.subarray(2 * HASH_BYTES);
  const whole = sha1(source).equals(bytes.subarray(0, HASH_BYTES)) && sha1(data).equals(bytes.subarray(HASH_BYTES, 2 * HASH_BYTES));
  return whole ? data : undefined;
}

/**
 * Run the CommonJS bundle `file` and return its exports, with its code cache when that is good;
 * `usedCache` says whether V8 took it, `script` is the compiled bundle (for `writeCache`).
 */
function loadBundle(file, { cache = true } = {}) {
  const source = readFileSync(file, 'utf8');
  const cachedData = cache ? cachedDataFor(file, source) : undefined;
  const script = new Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, usedCache: cachedData !== undefined && !script.cachedDataRejected, script };
}

module.exports = { loadBundle, writeCache };
