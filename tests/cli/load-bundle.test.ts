// The bundled command and its code cache (bin/load-bundle.js): the cache the build writes is the
// one V8 takes, a cache that does not belong to the bundle's text or is damaged is never used (nor
// when a stamp made before the change says otherwise), and the command gives the same bytes
// through the bundle as through the modules tsc writes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, fixture, runCli } from '../helpers/run-cli.js';

const BUNDLE = join(ROOT, 'dist', 'bundle', 'main.cjs');
const LOADER = join(ROOT, 'bin', 'load-bundle.js');

/** Load `file` with the loader in a plain node process (the flags V8's cache was made with). */
function load(file: string): { usedCache: boolean; stamped: boolean; main: string } {
  const code = `import(${JSON.stringify(LOADER)}).then((m) => { const r = m.loadBundle(${JSON.stringify(file)}); console.log(JSON.stringify({ usedCache: r.usedCache, stamped: r.stamped, main: typeof r.exports.main })); })`;
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { usedCache: boolean; stamped: boolean; main: string };
}

/**
 * A copy of the bundle and its cache named `name`, stamped by the loader's `writeStamp` (what the
 * build does after writing the cache): the stamp then vouches for the two files, no hash.
 */
function stampedCopy(name: string): string {
  const file = join(dir, name);
  copyFileSync(BUNDLE, file);
  copyFileSync(`${BUNDLE}.cache`, `${file}.cache`);
  const code = `import(${JSON.stringify(LOADER)}).then((m) => m.writeStamp(${JSON.stringify(file)}))`;
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(load(file)).toEqual({ usedCache: true, stamped: true, main: 'function' });
  return file;
}

/** `source` with one character of a comment changed: the same length (V8's own check compares lengths, not text). */
function sameLengthChange(source: string): string {
  const at = source.indexOf('// dist/');
  expect(at).toBeGreaterThanOrEqual(0);
  const changed = `${source.slice(0, at)}// dist!${source.slice(at + 8)}`;
  expect(changed).not.toBe(source);
  expect(changed.length).toBe(source.length);
  return changed;
}

// Copies go where the bundle's are (it reads ../../package.json when it loads).
const top = mkdtempSync(join(tmpdir(), 'teamkpi-bundle-'));
const dir = join(top, 'dist', 'bundle');
mkdirSync(dir, { recursive: true });
copyFileSync(join(ROOT, 'package.json'), join(top, 'package.json'));
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('the code cache of the bundled command', () => {
  it('is taken by V8 for the bundle the build wrote, on the build\'s stamp (no hash worked out)', () => {
    expect(load(BUNDLE)).toEqual({ usedCache: true, stamped: true, main: 'function' });
  });

  it('belongs to a strict script, as the modules are (the directive is its first statement)', () => {
    expect(readFileSync(BUNDLE, 'utf8').startsWith("'use strict';\n")).toBe(true);
  });

  it('is not used for a bundle whose text changed, even at the same length (V8 itself would run the old code)', () => {
    const file = join(dir, 'changed.cjs');
    writeFileSync(file, sameLengthChange(readFileSync(BUNDLE, 'utf8')));
    copyFileSync(`${BUNDLE}.cache`, `${file}.cache`);
    expect(load(file)).toEqual({ usedCache: false, stamped: false, main: 'function' });
  });

  it('is not used when its bytes are damaged, and the bundle still loads', () => {
    const file = join(dir, 'damaged.cjs');
    copyFileSync(BUNDLE, file);
    const cache = readFileSync(`${BUNDLE}.cache`);
    cache[cache.length - 100] ^= 0xff;
    writeFileSync(`${file}.cache`, cache);
    expect(load(file)).toEqual({ usedCache: false, stamped: false, main: 'function' });
    // The same file with the intact cache is taken: the damage is what made the difference.
    copyFileSync(`${BUNDLE}.cache`, `${file}.cache`);
    expect(load(file)).toEqual({ usedCache: true, stamped: false, main: 'function' });
  });

  it('is not needed: without one the bundle loads and compiles as usual', () => {
    const file = join(dir, 'alone.cjs');
    copyFileSync(BUNDLE, file);
    expect(load(file)).toEqual({ usedCache: false, stamped: false, main: 'function' });
  });

  it('is hashed again, and refused, when the cache changed after its stamp', () => {
    const file = stampedCopy('stamped-damaged.cjs');
    const cache = readFileSync(`${file}.cache`);
    cache[cache.length - 100] ^= 0xff;
    writeFileSync(`${file}.cache`, cache);
    expect(load(file)).toEqual({ usedCache: false, stamped: false, main: 'function' });
  });

  it('is hashed again, and refused, when the bundle\'s text changed after the stamp, even at the same length', () => {
    const file = stampedCopy('stamped-changed.cjs');
    writeFileSync(file, sameLengthChange(readFileSync(BUNDLE, 'utf8')));
    expect(load(file)).toEqual({ usedCache: false, stamped: false, main: 'function' });
  });

  it('is hashed, and taken, when a copy of the two files comes with the original\'s stamp (an installed package)', () => {
    const file = join(dir, 'copied.cjs');
    copyFileSync(BUNDLE, file);
    copyFileSync(`${BUNDLE}.cache`, `${file}.cache`);
    copyFileSync(`${BUNDLE}.cache.stamp`, `${file}.cache.stamp`);
    expect(load(file)).toEqual({ usedCache: true, stamped: false, main: 'function' });
  });
});

describe('the bundled command', () => {
  it('writes the same report as the modules tsc writes', () => {
    const args = ['report', fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv'), '--by', 'agent', '--format', 'json', '--now', '2026-01-01T00:00:00Z'];
    const bundled = runCli(args);
    const modules = spawnSync(process.execPath, ['-e', `import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'main.js'))}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}); })`], {
      cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' }, maxBuffer: 64 * 1024 * 1024,
    });
    expect(bundled.code).toBe(0);
    expect(modules.status).toBe(0);
    expect(JSON.parse(bundled.stdout).rows.length).toBeGreaterThan(1);
    // generatedAt is the clock's; everything else is byte for byte.
    const withoutClock = (text: string): string => text.replace(/"generatedAt":\s*"[^"]*"/, '');
    expect(withoutClock(bundled.stdout)).toBe(withoutClock(modules.stdout));
    expect(bundled.stderr).toBe(modules.stderr);
  });
});
