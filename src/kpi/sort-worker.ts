/**
 * The helper thread of parallel-sort.ts: it works out the survey answers of a job it can claim
 * (then warms up its sort while the main thread adds up the tickets), and sorts in place the sets
 * of a job it can claim, largest first, marking each done (the main thread waits on that mark).
 */
import { parentPort } from 'node:worker_threads';
import { SortScratch, sortNumbers, warmRadixSort } from './samples.js';
import { ticketAnswerUses } from './answer-uses.js';
import { DONE, HELPER, PENDING, type AnswersJob, type SortJob } from './parallel-sort.js';

const scratch = new SortScratch();

parentPort!.on('message', (job: SortJob | AnswersJob) => {
  const status = new Int32Array(job.status);
  if (job.kind === 'answers') {
    if (Atomics.compareExchange(status, 0, PENDING, HELPER) !== PENDING) return;
    ticketAnswerUses(job.input);
    Atomics.store(status, 0, DONE);
    Atomics.notify(status, 0);
    // The sets come once the main thread has added up the tickets: until then this thread idles.
    warmRadixSort(scratch);
    return;
  }
  for (let k = 0; k < job.lengths.length; k++) {
    if (Atomics.compareExchange(status, k, PENDING, HELPER) !== PENDING) continue;
    sortNumbers(new Float64Array(job.buffers[k], 0, job.lengths[k]), scratch);
    Atomics.store(status, k, DONE);
    Atomics.notify(status, k);
  }
});
