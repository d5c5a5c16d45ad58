import { Worker } from 'node:worker_threads';

/**
 * Runs a long computation (a solver) in a worker thread so the event loop keeps answering:
 * `entry` is the worker file's URL, `data` its input. The worker posts `{ type: 'progress' }`,
 * then `{ type: 'result' }` or `{ type: 'error' }`; cancel sets a shared flag the search polls
 * (`stopRequested(workerData.stopFlag)`), and the worker still returns its best so far.
 */
export function runInWorker<R, P>(
  entry: URL,
  data: Record<string, unknown>,
  options: { onProgress?: (p: P) => void; signal?: AbortSignal } = {},
): Promise<R> {
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { ...data, stopFlag } });
    const onAbort = () => void Atomics.store(flag, 0, 1);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    worker.on('message', (msg: { type: string; progress?: P; result?: R; message?: string }) => {
      if (msg.type === 'progress' && msg.progress) options.onProgress?.(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.result!));
      else if (msg.type === 'error') finish(() => reject(new Error(msg.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`worker exited with code ${code}`))));
  });
}

/** In the worker: whether the caller asked to stop (the flag `runInWorker` passed in workerData). */
export function stopRequested(stopFlag: SharedArrayBuffer): () => boolean {
  const flag = new Int32Array(stopFlag);
  return () => Atomics.load(flag, 0) === 1;
}

/** The URL of a worker file beside `base` (`.ts` under the test runner and tsx, `.js` once built). */
export function workerUrl(base: string, name: string): URL {
  return new URL(base.endsWith('.ts') ? `./${name}.ts` : `./${name}.js`, base);
}
