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
// The two hashes are worked out only when the files changed since the build checked them: the
// build writes a stamp beside the cache (`.stamp`: device, inode, size, modification and change
// times of the bundle and of the cache), and while both files still match it, the build's check
// stands. Why: loading node:crypto and hashing the bundle and the cache (1.6 MB) were ~5–6 ms of
// every run (bench/README.md, item 32). Any write to either file changes its change time, which
// no one can set back, and a copy (an installed package) is a new inode: both are hashed then.
//
// CommonJS (bin/package.json), as bin/teamkpi.js is: Node starts a CommonJS entry point without
// its ES module loader, ~3–4 ms sooner (bench/README.md, item 31).
'use strict';
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

const HASH_BYTES = 20;

/** The function wrapper Node gives a CommonJS module (its own, so the cache and the run agree). */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
// node:crypto is loaded only when a hash is needed (see above).
const sha1 = (data) => require('node:crypto').createHash('sha1').update(data).digest();

/** What the stamp records of a file: it changes with any write, and with a copy. */
function stampOf(file) {
  const s = statSync(file, { bigint: true, throwIfNoEntry: false });
  return s === undefined ? null : `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** The stamp of the bundle and its cache as they are now (null when either is missing). */
function stampsOf(file) {
  const bundle = stampOf(file);
  const cache = stampOf(`${file}.cache`);
  return bundle === null || cache === null ? null : `${bundle} ${cache}`;
}

/**
 * Write the code cache of the script `loadBundle` returned for `file` to `file + '.cache'`: what V8
 * compiled so far, so the functions a run called come compiled (the build runs a report first).
 */
function writeCache(file, script) {
  const source = readFileSync(file, 'utf8');
  const data = script.createCachedData();
  writeFileSync(`${file}.cache`, Buffer.concat([sha1(source), sha1(data), data]));
  writeStamp(file);
}

/**
 * Record in `file + '.cache.stamp'` that the cache beside `file` belongs to it and is whole as the
 * two files are now (writeCache made it so; a test stamps copies it checked itself).
 */
function writeStamp(file) {
  writeFileSync(`${file}.cache.stamp`, stampsOf(file) ?? '');
}

/**
 * The cache in `file + '.cache'` if it belongs to `source` and is whole, else undefined; `stamped`
 * says whether the stamp vouched for it (no hash worked out).
 */
function cachedDataFor(file, source) {
  let bytes;
  let stamp = null;
  try {
    bytes = readFileSync(`${file}.cache`);
    stamp = readFileSync(`${file}.cache.stamp`, 'latin1');
  } catch {
    if (bytes === undefined) return { data: undefined, stamped: false };
  }
  if (bytes.length <= 2 * HASH_BYTES) return { data: undefined, stamped: false };
  const data = bytes.subarray(2 * HASH_BYTES);
  if (stamp !== null && stamp !== '' && stamp === stampsOf(file)) return { data, stamped: true };
  const whole = sha1(source).equals(bytes.subarray(0, HASH_BYTES)) && sha1(data).equals(bytes.subarray(HASH_BYTES, 2 * HASH_BYTES));
  return { data: whole ? data : undefined, stamped: false };
}

/**
 * Run the CommonJS bundle `file` and return its exports, with its code cache when that is good;
 * `usedCache` says whether V8 took it, `stamped` whether the stamp vouched for the cache (no
 * hash worked out), `script` is the compiled bundle (for `writeCache`).
 */
function loadBundle(file, { cache = true } = {}) {
  const source = readFileSync(file, 'utf8');
  const { data: cachedData, stamped } = cache ? cachedDataFor(file, source) : { data: undefined, stamped: false };
  const script = new Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, usedCache: cachedData !== undefined && !script.cachedDataRejected, stamped, script };
}

module.exports = { loadBundle, writeCache, writeStamp };
