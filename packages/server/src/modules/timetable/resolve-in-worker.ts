import type { Assignment, PerturbationOptions, PerturbationResult, Progress, TimetableModel } from '@jiaowu/solver';
import { runInWorker, workerUrl } from '../../platform/workers/run-in-worker.ts';

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
  return runInWorker<PerturbationResult, Progress>(
    workerUrl(import.meta.url, 'resolve-worker'),
    { model, published, options: rest },
    { onProgress, signal },
  );
}
