/**
 * Worker-thread entry: receives { model, options, stopFlag } and posts progress messages,
 * then the result. Cancellation is a shared Int32 flag polled by the search (the search loop
 * is synchronous, so a message would only be read after it finishes).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from '../search/solve.ts';
import type { SolveOptions } from '../search/solve.ts';
import type { TimetableModel } from '../model/types.ts';

interface Job {
  model: TimetableModel;
  options: Omit<SolveOptions, 'onProgress' | 'shouldStop'>;
  stopFlag: SharedArrayBuffer;
  wantProgress: boolean;
}

const job = workerData as Job;
const flag = new Int32Array(job.stopFlag);
try {
  const result = solve(job.model, {
    ...job.options,
    shouldStop: () => Atomics.load(flag, 0) === 1,
    onProgress: job.wantProgress ? (progress) => parentPort!.postMessage({ type: 'progress', progress }) : undefined,
  });
  parentPort!.postMessage({ type: 'result', result });
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
