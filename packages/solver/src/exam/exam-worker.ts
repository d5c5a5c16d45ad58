/**
 * Worker-thread entry of `solveExamsInWorker`: receives { problem, options, stopFlag } and
 * posts progress messages, then the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveExams, type ExamSolveOptions } from './solve.ts';
import type { ExamProblem } from './types.ts';

interface Job {
  problem: ExamProblem;
  options: Omit<ExamSolveOptions, 'onProgress' | 'shouldStop' | 'signal'>;
  stopFlag: SharedArrayBuffer;
  wantProgress: boolean;
}

const job = workerData as Job;
const flag = new Int32Array(job.stopFlag);
try {
  const result = solveExams(job.problem, {
    ...job.options,
    shouldStop: () => Atomics.load(flag, 0) === 1,
    onProgress: job.wantProgress ? (progress) => parentPort!.postMessage({ type: 'progress', progress }) : undefined,
  });
  parentPort!.postMessage({ type: 'result', result });
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
