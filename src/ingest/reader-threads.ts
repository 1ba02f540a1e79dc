/**
 * The parallel reader's worker threads, and starting them early. A reader thread takes ~0.1 s to
 * start and load the reading code (more while the machine is busy); started when the ticket
 * file's header has been read and its mapper compiled, ~0.2 s into a run, that was time the
 * reading waited. The command line names the files, so when one is large enough to be read in
 * parallel the threads are started right away (`startReadersEarly`), and load beside this
 * thread's own start; `takeReaders` hands them out, and new ones when none were started.
 *
 * This module imports almost nothing of teamkpi (one small helper), so it loads before the rest.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { envNumber } from '../env-number.js';

const WORKER_URL = new URL('./parallel-worker.js', import.meta.url);

/** Settings, from the environment so tests and benchmarks can force them. */
export function readerSettings(): { workers: number; minBytes: number; blockBytes: number } {
  return {
    // One worker per core: the main thread's share (the table) is small enough to sit beside them.
    workers: Math.max(0, Math.floor(envNumber('TEAMKPI_WORKERS', Math.min(availableParallelism(), 4)))),
    // Below about 64 MB the workers' start-up and the second core's contention cost more than they save (bench/README.md).
    minBytes: envNumber('TEAMKPI_PARALLEL_MIN_BYTES', 64 << 20),
    blockBytes: Math.max(1, envNumber('TEAMKPI_PARALLEL_BLOCK_BYTES', 4 << 20)),
  };
}

/** True when the build has the worker script (a source checkout run by the tests has it only once built). */
export function readersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/** A thread started early, until it is taken; `failed` once it stopped or erred while it waited. */
interface Waiting {
  worker: Worker;
  failed: boolean;
}

let waiting: Waiting[] = [];

/** Threads started early, for tests. */
export const earlyReaderStats = { started: 0, taken: 0, stopped: 0 };

/**
 * Start the reader threads now when one of `files` (the ticket files and the files of unknown
 * kind a command names) is a plain file large enough to be read in parallel. They wait, not
 * keeping the process alive, until taken; a file that turns out not to be read in parallel (a
 * survey file, one that is not UTF-8 …) leaves them unused, and `stopEarlyReaders` ends them.
 */
export function startReadersEarly(files: readonly string[]): void {
  if (waiting.length > 0) return;
  const { workers, minBytes } = readerSettings();
  if (workers < 1 || !readersAvailable()) return;
  const large = files.some((file) => {
    if (file === '-' || /\.gz$/i.test(file)) return false;
    try {
      const stat = statSync(file);
      return stat.isFile() && stat.size >= minBytes;
    } catch {
      // Not readable: the reader reports it in its turn.
      return false;
    }
  });
  if (!large) return;
  for (let i = 0; i < workers; i++) {
    const entry: Waiting = { worker: new Worker(WORKER_URL), failed: false };
    entry.worker.unref();
    // Until taken, a failure only marks the thread, which is then not handed out.
    entry.worker.on('error', () => (entry.failed = true));
    entry.worker.on('exit', () => (entry.failed = true));
    waiting.push(entry);
    earlyReaderStats.started++;
  }
}

/** `count` reader threads: those started early (and still well) first, new ones for the rest. Each waits for its `init` message. */
export function takeReaders(count: number): Worker[] {
  const taken: Worker[] = [];
  for (const entry of waiting.splice(0)) {
    if (taken.length < count && !entry.failed) {
      entry.worker.removeAllListeners();
      entry.worker.ref();
      taken.push(entry.worker);
      earlyReaderStats.taken++;
    } else {
      void entry.worker.terminate();
      earlyReaderStats.stopped++;
    }
  }
  while (taken.length < count) taken.push(new Worker(WORKER_URL));
  return taken;
}

/** End the threads started early that were not taken. */
export function stopEarlyReaders(): void {
  for (const entry of waiting.splice(0)) {
    void entry.worker.terminate();
    earlyReaderStats.stopped++;
  }
}
