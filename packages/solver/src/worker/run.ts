import { Worker } from 'node:worker_threads';
import type { TimetableModel } from '../model/types.ts';
import type { Progress, SolveOptions, SolveResult } from '../search/solve.ts';

/** Options of a solve in a worker thread. */
export interface WorkerSolveOptions extends Omit<SolveOptions, 'onProgress' | 'shouldStop'> {
  onProgress?: (p: Progress) => void;
  /** Abort to stop the search early; the promise then resolves with the best so far. */
  signal?: AbortSignal;
}

/**
 * Spawn the worker from this file's sibling: solver-worker.ts when the app runs TypeScript
 * directly (Node >= 24 strips the types of the worker's entry like any other module), .js
 * once compiled. Resolved from this file, so it works from any cwd.
 */
function spawn(workerData: unknown): Worker {
  const isTs = import.meta.url.endsWith('.ts');
  return new Worker(new URL(isTs ? './solver-worker.ts' : './solver-worker.js', import.meta.url), { workerData });
}

/** Solve in a worker thread so the event loop stays free. */
export function solveInWorker(model: TimetableModel, options: WorkerSolveOptions = {}): Promise<SolveResult> {
  const { onProgress, signal, ...rest } = options;
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  return new Promise<SolveResult>((resolve, reject) => {
    const worker = spawn({ model, options: rest, stopFlag, wantProgress: !!onProgress });
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
    worker.on('message', (msg: { type: string; progress?: Progress; result?: SolveResult; message?: string }) => {
      if (msg.type === 'progress' && msg.progress) onProgress?.(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.result!));
      else if (msg.type === 'error') finish(() => reject(new Error(msg.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`solver worker exited with code ${code}`))));
  });
}

/** True when result a is better than b: fewer hard violations, then lower soft cost. */
export function isBetter(a: SolveResult, b: SolveResult): boolean {
  return a.cost.hard < b.cost.hard || (a.cost.hard === b.cost.hard && a.cost.soft < b.cost.soft);
}

/**
 * Run `workers` independent searches in parallel (seeds seed, seed+1, …) and keep the best.
 * Progress reports the best cost over all workers.
 */
export async function solveParallel(model: TimetableModel, options: WorkerSolveOptions & { workers?: number } = {}): Promise<SolveResult> {
  const n = Math.max(1, options.workers ?? 2);
  const seed = options.seed ?? 1;
  let bestProgress: Progress | undefined;
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      solveInWorker(model, {
        ...options,
        seed: seed + i,
        onProgress: options.onProgress
          ? (pr) => {
              if (
                !bestProgress ||
                pr.best.hard < bestProgress.best.hard ||
                (pr.best.hard === bestProgress.best.hard && pr.best.soft <= bestProgress.best.soft)
              ) {
                bestProgress = pr;
                options.onProgress!(pr);
              }
            }
          : undefined,
      }),
    ),
  );
  return results.reduce((a, b) => (isBetter(b, a) ? b : a));
}
