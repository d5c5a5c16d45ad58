import { Worker } from 'node:worker_threads';
import type { Assignment, PerturbationOptions, PerturbationResult, Progress, TimetableModel } from '@jiaowu/solver';

/**
 * `resolveWithMinimalPerturbation` in a worker thread, like the solver's `solveInWorker`:
 * progress by message, cancel by a shared flag the search polls (the best so far comes back).
 */
export function resolveInWorker(
  model: TimetableModel,
  published: Assignment,
  options: Omit<PerturbationOptions, 'onProgress' | 'shouldStop'> & { onProgress?: (p: Progress) => void; signal?: AbortSignal } = {},
): Promise<PerturbationResult> {
  const { onProgress, signal, ...rest } = options;
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  const isTs = import.meta.url.endsWith('.ts');
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(isTs ? './resolve-worker.ts' : './resolve-worker.js', import.meta.url), {
      workerData: { model, published, options: rest, stopFlag },
    });
    const onAbort = () => void Atomics.store(flag, 0, 1);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    worker.on('message', (msg: { type: string; progress?: Progress; result?: PerturbationResult; message?: string }) => {
      if (msg.type === 'progress' && msg.progress) onProgress?.(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.result!));
      else if (msg.type === 'error') finish(() => reject(new Error(msg.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`re-solve worker exited with code ${code}`))));
  });
}
