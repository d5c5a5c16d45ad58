/**
 * Worker-thread entry of a minimal-perturbation re-solve (the solver package runs only plain
 * solves in its worker): { model, published, options, stopFlag } in, progress and the result out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveWithMinimalPerturbation, type Assignment, type PerturbationOptions, type TimetableModel } from '@jiaowu/solver';
import { stopRequested } from '../../platform/workers/run-in-worker.ts';

interface Job {
  model: TimetableModel;
  published: Assignment;
  options: Omit<PerturbationOptions, 'onProgress' | 'shouldStop'>;
  stopFlag: SharedArrayBuffer;
}

const job = workerData as Job;
const shouldStop = stopRequested(job.stopFlag);
try {
  const result = resolveWithMinimalPerturbation(job.model, job.published, {
    ...job.options,
    shouldStop,
    onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress }),
  });
  parentPort!.postMessage({ type: 'result', result });
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
