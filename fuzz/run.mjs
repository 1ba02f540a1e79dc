#!/usr/bin/env node
// Bounded, seeded fuzzing of the ingest: real-format CSV files (the project's fixtures and, when
// present, ../shared/realdata) are mutated byte by byte and line by line, then read and reported
// through the built code (dist/) exactly as `teamkpi report` does. Every case must end in a report
// whose rows all add up, or in a clean teamkpi error (exit 2 for a user) — never another
// exception, a hang or runaway memory. Cases run in a worker thread with a heap limit; the main
// thread is the watchdog. Failing inputs are saved to fuzz/failures/ for replay.
//
//   npm run fuzz                      # 3,000 cases, seed 9 (a few minutes)
//   npm run fuzz -- --cases 200       # the short run CI does
//   npm run fuzz -- --seed 42 --cases 10000
//   npm run fuzz -- --replay fuzz/failures/case-123.csv
import { Worker } from 'node:worker_threads';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 as rng } from '../scripts/mulberry32.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const CASES = Number(opt('cases', 3000));
const SEED = Number(opt('seed', 9));
const REPLAY = opt('replay', null);
// Generous: a case renders every format, a long terminal table included, on a shared machine.
const HANG_MS = 30_000;
const HEAP_MB = 256;
/** Corpus files are cut to this many bytes so a case stays small and fast. */
const CUT = 48 * 1024;

// ---- corpus -------------------------------------------------------------------------------
function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) walk(path, out);
    else if (/\.(csv|tsv|txt)$/i.test(name)) out.push(path);
  }
  return out;
}
const realdata = join(ROOT, '..', 'shared', 'realdata');
const sources = [...walk(join(ROOT, 'fixtures')), ...walk(realdata)];
if (!existsSync(realdata)) console.log(`fuzz: ${relative(process.cwd(), realdata)} is absent; fuzzing the project's own fixtures only`);
const corpus = sources.map((path) => {
  const bytes = readFileSync(path);
  // cut at a line end so most cases start from a well-formed file
  let end = Math.min(bytes.length, CUT);
  if (end < bytes.length) {
    const nl = bytes.lastIndexOf(0x0a, end);
    if (nl > 0) end = nl + 1;
  }
  return { name: relative(ROOT, path), bytes: bytes.subarray(0, end) };
}).filter((c) => c.bytes.length > 0);

// ---- mutations -------------------------------------------------------------------------------
const TOKENS = ['"', '""', ',', ';', '\t', '|', '\n', '\r', '\r\n', '\0', '\uFEFF', '😀', '\u00a0', '\u001b[2J', '\u202e', '=cmd|x', '""""', '\n\n\n', 'x'.repeat(3000)]
  .map((t) => Buffer.from(t, 'utf8'))
  .concat([Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe9]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])]);
const VALUES = ['', ' ', '=1+2', '-1', '11', '6', '0', '1e400', '-0', 'NaN', 'Infinity', '99999999999999999999999', '2026-02-30', '1969-12-31T23:59:59Z',
  '2099-01-01', '0001-01-01', '2026-11-16T25:61:00Z', '31/12/2026', '12/31/2026', '00:00:00', '999:59:59', 'Offered', 'Good', 'yes', 'true', '?', 'NA', '"quoted, comma"',
  // Zone forms and clocks the byte readers take as well as the text parsers.
  '2026-11-16 09:30:00+0000', '2026-11-16T09:30:00 UTC', '2026-11-16 09:30:00+00', '2026-11-16T09:30:00,5z', '2026-11-16T09:30Z1', '2026-11-16T09:30:00Z""',
  '3/6/2026 4:41:00 PM', '3/6/2026 13:41 PM', '6.3.2026, 04:41 p. m.', '3/6/2026 0:41 AM'];

function lines(buf) {
  const out = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0x0a) { out.push(buf.subarray(start, i + 1)); start = i + 1; }
  if (start < buf.length) out.push(buf.subarray(start));
  return out;
}

const MUTATORS = [
  function flipByte(b, r) { const c = Buffer.from(b); if (c.length) c[Math.floor(r() * c.length)] = Math.floor(r() * 256); return c; },
  function insertToken(b, r) { const at = Math.floor(r() * (b.length + 1)); return Buffer.concat([b.subarray(0, at), TOKENS[Math.floor(r() * TOKENS.length)], b.subarray(at)]); },
  function deleteRange(b, r) { const at = Math.floor(r() * b.length); const len = Math.floor(r() * 200); return Buffer.concat([b.subarray(0, at), b.subarray(at + len)]); },
  function truncate(b, r) { return b.subarray(0, Math.floor(r() * b.length)); },
  function duplicateLine(b, r) { const ls = lines(b); if (!ls.length) return b; const i = Math.floor(r() * ls.length); const times = 1 + Math.floor(r() * 50); ls.splice(i, 0, ...Array(times).fill(ls[i])); return Buffer.concat(ls); },
  function swapLines(b, r) { const ls = lines(b); if (ls.length < 2) return b; const i = Math.floor(r() * ls.length), j = Math.floor(r() * ls.length); [ls[i], ls[j]] = [ls[j], ls[i]]; return Buffer.concat(ls); },
  function dropHeader(b) { const ls = lines(b); return Buffer.concat(ls.slice(1)); },
  function lineEnds(b, r) { const to = ['\r\n', '\n', '\r'][Math.floor(r() * 3)]; return Buffer.from(b.toString('latin1').replace(/\r?\n/g, (m) => (r() < 0.5 ? to : m)), 'latin1'); },
  function replaceField(b, r) {
    const ls = lines(b); if (ls.length < 2) return b;
    const i = 1 + Math.floor(r() * (ls.length - 1));
    const cells = ls[i].toString('utf8').split(',');
    cells[Math.floor(r() * cells.length)] = VALUES[Math.floor(r() * VALUES.length)];
    ls[i] = Buffer.from(cells.join(','), 'utf8');
    return Buffer.concat(ls);
  },
  function splice(b, r) { const other = corpus[Math.floor(r() * corpus.length)].bytes; const at = Math.floor(r() * other.length); return Buffer.concat([b, other.subarray(at, at + Math.floor(r() * 2000))]); },
  function raggedColumn(b, r) { const ls = lines(b); if (ls.length < 2) return b; const i = Math.floor(r() * ls.length); ls[i] = Buffer.from(ls[i].toString('latin1').replace(/,/, r() < 0.5 ? ',,' : ''), 'latin1'); return Buffer.concat(ls); },
];

// ---- the worker ------------------------------------------------------------------------------
let worker = null;
let pending = null;
function startWorker() {
  const w = new Worker(new URL('./worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  worker = w;
  // Events of a worker already replaced (terminated after a hang) must not touch the current one.
  const settle = (m) => { if (worker !== w) return; const p = pending; pending = null; p?.resolve(m); };
  w.on('message', settle);
  w.on('error', (e) => { settle({ outcome: 'crash', error: `worker died: ${e.code ?? ''} ${e.message}` }); if (worker === w) worker = null; });
  w.on('exit', (code) => { settle({ outcome: 'crash', error: `worker exited (${code})` }); if (worker === w) worker = null; });
}
function runCase(job) {
  if (worker === null) startWorker();
  return new Promise((resolve) => {
    const timer = setTimeout(() => { pending = null; worker?.terminate(); worker = null; resolve({ outcome: 'hang', error: `no answer within ${HANG_MS / 1000} s` }); }, HANG_MS);
    pending = { resolve: (m) => { clearTimeout(timer); resolve(m); } };
    worker.postMessage(job);
  });
}

// ---- main ------------------------------------------------------------------------------------
const MODES = ['detect', 'detect', 'detect', 'tickets', 'surveys'];
async function main() {
  const failures = [];
  const counts = { report: 0, 'input-error': 0, crash: 0, hang: 0, invariant: 0 };
  const jobs = [];
  if (REPLAY !== null) {
    jobs.push({ id: 0, from: REPLAY, bytes: readFileSync(REPLAY), mode: opt('mode', 'detect') });
  } else {
    const r = rng(SEED);
    for (let id = 0; id < CASES; id++) {
      const base = corpus[Math.floor(r() * corpus.length)];
      let bytes = base.bytes;
      const steps = [];
      const k = 1 + Math.floor(r() * 4);
      for (let s = 0; s < k; s++) {
        const m = MUTATORS[Math.floor(r() * MUTATORS.length)];
        bytes = m(bytes, r);
        steps.push(m.name);
      }
      jobs.push({ id, from: `${base.name} ${steps.join('+')}`, bytes, mode: MODES[Math.floor(r() * MODES.length)] });
    }
  }
  console.log(`fuzz: seed ${SEED}, ${jobs.length} case${jobs.length === 1 ? '' : 's'} from ${corpus.length} corpus files, heap limit ${HEAP_MB} MB, hang limit ${HANG_MS / 1000} s`);
  for (const job of jobs) {
    const result = await runCase({ id: job.id, bytes: job.bytes, mode: job.mode });
    counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
    if (result.outcome === 'crash' || result.outcome === 'hang' || result.outcome === 'invariant') {
      let file = REPLAY;
      if (file === null) {
        const dir = join(ROOT, 'fuzz', 'failures');
        mkdirSync(dir, { recursive: true });
        file = join(dir, `case-${SEED}-${job.id}.csv`);
        writeFileSync(file, job.bytes);
      }
      failures.push(`  ${result.outcome}: case ${job.id} (${job.from}, --mode ${job.mode}): ${result.error}\n    replay: npm run fuzz -- --replay ${relative(ROOT, file)} --mode ${job.mode}`);
    }
    if ((job.id + 1) % 500 === 0) console.log(`fuzz: ${job.id + 1} cases …`);
  }
  await worker?.terminate();
  console.log(`fuzz: ${counts.report} reports, ${counts['input-error']} clean input errors, ${counts.crash} crashes, ${counts.hang} hangs, ${counts.invariant} broken invariants`);
  if (failures.length > 0) {
    console.error(`fuzz: ${failures.length} failure${failures.length === 1 ? '' : 's'}:\n${failures.slice(0, 20).join('\n')}`);
    process.exitCode = 1;
  }
}
await main();
