/**
 * Worker-thread entry of an exam solve: { problem, options, stopFlag } in, progress and the result
 * out (platform/workers/run-in-worker.ts), so the API keeps answering while the solver runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveExams, type ExamProblem, type ExamSolveOptions } from '@jiaowu/solver';
import { stopRequested } from '../../platform/workers/run-in-worker.ts';

const job = workerData as { problem: ExamProblem; options: Omit<ExamSolveOptions, 'onProgress' | 'signal'>; stopFlag: SharedArrayBuffer };
const stop = stopRequested(job.stopFlag);
// The solver polls `signal.aborted`; the flag shared with the parent stands in for an AbortSignal.
const signal = {
  get aborted() {
    return stop();
  },
} as AbortSignal;
try {
  const result = solveExams(job.problem, {
    ...job.options,
    signal,
    onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress }),
  });
  parentPort!.postMessage({ type: 'result', result });
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
