import { Worker } from 'node:worker_threads';
import type { ExamProgress, ExamSolveOptions, ExamSolveResult } from './solve.ts';
import type { ExamProblem } from './types.ts';

/** Options of an exam solve in a worker thread. */
export interface ExamWorkerOptions extends Omit<ExamSolveOptions, 'onProgress' | 'shouldStop' | 'signal'> {
  onProgress?: (p: ExamProgress) => void;
  /** Abort to stop the search early; the promise then resolves with the best so far. */
  signal?: AbortSignal;
}

/**
 * `solveExams` in a worker thread so the event loop stays free. Cancellation is a shared flag
 * the search polls (its loop is synchronous: a message would only be read after it ends).
 */
export function solveExamsInWorker(problem: ExamProblem, options: ExamWorkerOptions = {}): Promise<ExamSolveResult> {
  const { onProgress, signal, ...rest } = options;
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  const isTs = import.meta.url.endsWith('.ts');
  return new Promise<ExamSolveResult>((resolve, reject) => {
    const worker = new Worker(new URL(isTs ? './exam-worker.ts' : './exam-worker.js', import.meta.url), {
      workerData: { problem, options: rest, stopFlag, wantProgress: !!onProgress },
    });
    const onAbort = (): void => void Atomics.store(flag, 0, 1);
    if (signal) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    worker.on('message', (msg: { type: string; progress?: ExamProgress; result?: ExamSolveResult; message?: string }) => {
      if (msg.type === 'progress' && msg.progress) onProgress?.(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.result!));
      else if (msg.type === 'error') finish(() => reject(new Error(msg.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`exam solver worker exited with code ${code}`))));
  });
}
