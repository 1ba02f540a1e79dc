/**
 * Sorting a report's duration samples on a second thread while this one joins the surveys; and,
 * before that, working out which answers each survey response supplies while this one adds up
 * the tickets (answer-uses.ts, which says why).
 *
 * Why: exact percentiles need every group's durations sorted — about 0.1 s of a million-ticket
 * report and 0.7 s of five million, on one thread, after the reader's worker threads are done —
 * and the survey join that comes before the sorted values are needed takes as long again and
 * needs none of them (bench/README.md).
 *
 * How: large sample sets already live in shared memory (Samples); the helper thread and this one
 * each claim sets to sort in place (the helper from the largest, this thread from the smallest
 * once its own work is done), with a status word per set, so a helper that is slow to start, or
 * never starts, only means this thread sorts more. Each set is sorted by the same `sortNumbers`
 * either way, so the sorted values are the ones `Samples.sorted()` gives.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SHARED_FROM, SortScratch, sortNumbers, type Samples } from './samples.js';
import { envNumber } from '../env-number.js';
import { ticketAnswerUses, type AnswersInput } from './answer-uses.js';

const WORKER_URL = new URL('./sort-worker.js', import.meta.url);

/** Status of a set in `SortJob.status`: not claimed, claimed by the helper, done, claimed by this thread. */
export const PENDING = 0;
export const HELPER = 1;
export const DONE = 2;
export const MAIN = 3;

/** What the helper thread is sent: each set's values (in shared memory) and a status word per set. */
export interface SortJob {
  kind: 'sort';
  /** Set s is the first lengths[s] Float64 values of buffers[s]. */
  buffers: SharedArrayBuffer[];
  lengths: number[];
  /** One Int32 per set (PENDING, HELPER, DONE, MAIN). */
  status: SharedArrayBuffer;
}

/**
 * What the helper thread is sent to work out `ticketAnswerUses`: its input (every array in shared
 * memory) and a status word (PENDING, HELPER, DONE, MAIN), so whichever thread claims it does it.
 */
export interface AnswersJob {
  kind: 'answers';
  input: AnswersInput;
  status: SharedArrayBuffer;
}

/** Sets sorted by the helper thread and by this one, in this process (tests check both ways ran). */
export const sortStats = { helper: 0, main: 0 };
/** Answer jobs done by the helper thread and by this one, in this process (the same). */
export const answerStats = { helper: 0, main: 0 };

/** How long this thread waits for the helper's sets, in all (sorting 100M values takes seconds). */
const HELPER_PATIENCE_MS = 60_000;

export class SortHelper {
  private job: { sets: Samples[]; status: Int32Array } | null = null;
  private answers: { input: AnswersInput; status: Int32Array } | null = null;

  private constructor(private readonly worker: Worker) {}

  /**
   * Start the helper thread (it loads while the caller works), or null: `TEAMKPI_WORKERS=0`, one
   * core, no built worker script (running from the sources), or fewer than `rows` (env
   * `TEAMKPI_PARALLEL_SORT_MIN`, default 200,000) tickets to sort for.
   */
  static start(rows: number): SortHelper | null {
    const min = envNumber('TEAMKPI_PARALLEL_SORT_MIN', 200_000);
    // On one core a second thread only competes with this one.
    if (rows < min || process.env.TEAMKPI_WORKERS === '0' || availableParallelism() < 2 || !existsSync(fileURLToPath(WORKER_URL))) return null;
    const worker = new Worker(WORKER_URL);
    // Never the reason the process stays up; an error only means this thread sorts everything.
    worker.unref();
    worker.on('error', () => undefined);
    return new SortHelper(worker);
  }

  /** Hand the sets large enough to be in shared memory to the helper thread; `finish` collects them. */
  sortAll(samples: readonly Samples[]): void {
    const sets = samples.filter((s) => s.length >= SHARED_FROM && s.values().buffer instanceof SharedArrayBuffer).sort((a, b) => b.length - a.length);
    if (sets.length === 0) return;
    const status = new Int32Array(new SharedArrayBuffer(sets.length * 4));
    this.job = { sets, status };
    const message: SortJob = { kind: 'sort', buffers: sets.map((s) => s.values().buffer as SharedArrayBuffer), lengths: sets.map((s) => s.length), status: status.buffer as SharedArrayBuffer };
    this.worker.postMessage(message);
  }

  /** Hand `ticketAnswerUses(input)` to the helper thread (every array of `input` in shared memory); `answerUses` collects it. */
  startAnswerUses(input: AnswersInput): void {
    const status = new Int32Array(new SharedArrayBuffer(4));
    this.answers = { input, status };
    const message: AnswersJob = { kind: 'answers', input, status: status.buffer as SharedArrayBuffer };
    this.worker.postMessage(message);
  }

  /**
   * `ticketAnswerUses` of the input `startAnswerUses` was given, done: on this thread when the
   * helper has not begun it (not started yet, or busy), else by the helper, waited for.
   */
  answerUses(): void {
    const job = this.answers;
    if (job === null) throw new Error('answerUses: no answers were started');
    this.answers = null;
    const { input, status } = job;
    if (Atomics.compareExchange(status, 0, PENDING, MAIN) === PENDING) {
      ticketAnswerUses(input);
      answerStats.main++;
      return;
    }
    waitWhileHelper(status, 0, 'the thread working out the survey answers did not finish');
    answerStats.helper++;
  }

  /**
   * Sort on this thread every set the helper has not claimed (smallest first), wait for those it
   * has, and mark each set sorted. Then stop the helper.
   */
  finish(): void {
    const job = this.job;
    this.job = null;
    if (job !== null) {
      const { sets, status } = job;
      const before = sortStats.main;
      const scratch = new SortScratch();
      for (let k = sets.length - 1; k >= 0; k--) {
        if (Atomics.compareExchange(status, k, PENDING, MAIN) !== PENDING) continue;
        sortNumbers(sets[k].values(), scratch);
        Atomics.store(status, k, DONE);
        sortStats.main++;
      }
      const deadline = Date.now() + HELPER_PATIENCE_MS;
      for (let k = 0; k < sets.length; k++) {
        // A set the helper sorts in place cannot be taken back half sorted.
        waitWhileHelper(status, k, 'the thread sorting durations did not finish', deadline);
        sets[k].sortedInPlace();
      }
      sortStats.helper += sets.length - (sortStats.main - before);
    }
    this.close();
  }

  close(): void {
    void this.worker.terminate();
  }
}

/** Wait while the helper thread holds word `k` of `status` (it is working on that job). */
function waitWhileHelper(status: Int32Array, k: number, failure: string, deadline = Date.now() + HELPER_PATIENCE_MS): void {
  while (Atomics.load(status, k) === HELPER) {
    if (Date.now() > deadline) throw new Error(failure);
    Atomics.wait(status, k, HELPER, 1000);
  }
}
