import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '@jiaowu/contracts';
import { AppError } from '../errors.ts';
import type { ParseReply, ParseTask } from './parse-worker.ts';
import type { ReadSheet } from './spreadsheet-parse.ts';

export interface ParsePoolOptions {
  /** Parses at once: each worker may use its whole heap, so this bounds the memory imports take. */
  size: number;
  /** Heap (old generation) of one worker; a file needing more gets `import_parse_memory`. */
  heapMb: number;
  /** A caller finding every worker busy waits this long for one, then gets `import_busy` (429). */
  maxWaitMs: number;
  retryAfterSeconds: number;
  /** A parse running longer is stopped with `import_parse_timeout`. */
  timeoutMs: number;
  /** An idle worker is ended after this long, giving its heap back. */
  idleMs: number;
}

interface Slot {
  worker: Worker | null;
  idleTimer?: NodeJS.Timeout;
}

/**
 * The worker file is .ts where the app runs its TypeScript directly (Node 24
 * strips the types, also in a worker's entry module); built JavaScript loads
 * the .js sibling.
 */
function spawn(heapMb: number): Worker {
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
  return new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 } });
}

/**
 * A few long-lived parse workers (starting one costs about as much as
 * parsing a small file), at most `size` files at a time, a queue that waits
 * briefly. A worker that runs out of heap or time is ended and replaced by
 * the next parse; idle workers end themselves and do not keep the process alive.
 */
export function createParsePool(opts: ParsePoolOptions) {
  const slots: Slot[] = Array.from({ length: opts.size }, () => ({ worker: null }));
  const free: Slot[] = [...slots];
  const waiting: ((slot: Slot) => void)[] = [];

  function release(slot: Slot) {
    const next = waiting.shift();
    if (next) return next(slot); // the slot passes straight to the next waiter
    free.push(slot);
    if (slot.worker) {
      const worker = slot.worker;
      slot.idleTimer = setTimeout(() => {
        if (slot.worker === worker) slot.worker = null;
        void worker.terminate();
      }, opts.idleMs).unref();
    }
  }

  function acquire(): Promise<Slot> {
    const slot = free.shift();
    if (slot) return Promise.resolve(slot);
    return new Promise<Slot>((resolve, reject) => {
      const grant = (s: Slot) => {
        clearTimeout(timer);
        resolve(s);
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(grant), 1);
        reject(new AppError('import_busy', { params: { seconds: opts.retryAfterSeconds } }));
      }, opts.maxWaitMs);
      waiting.push(grant);
    });
  }

  function runOn(slot: Slot, task: ParseTask): Promise<ReadSheet> {
    clearTimeout(slot.idleTimer);
    const worker = (slot.worker ??= spawn(opts.heapMb));
    worker.ref();
    return new Promise<ReadSheet>((resolve, reject) => {
      const done = (fn: () => void, broken: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (broken) {
          if (slot.worker === worker) slot.worker = null;
          void worker.terminate();
        } else worker.unref();
        fn();
      };
      const onMessage = (reply: ParseReply) =>
        done(
          () =>
            reply.ok
              ? resolve(reply.sheet)
              : reject(new AppError(reply.code as ErrorCode, { params: reply.params, details: reply.details })),
          false,
        );
      const onError = (err: NodeJS.ErrnoException) =>
        done(
          () =>
            reject(
              err.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? new AppError('import_parse_memory', { params: { max: opts.heapMb } })
                : new AppError('import_unreadable', { params: { reason: String(err.message).slice(0, 200) } }),
            ),
          true,
        );
      const onExit = (code: number) =>
        done(() => reject(new AppError('import_unreadable', { params: { reason: `parser exited (${code})` } })), true);
      const timer = setTimeout(
        () => done(() => reject(new AppError('import_parse_timeout', { params: { seconds: opts.timeoutMs / 1000 } })), true),
        opts.timeoutMs,
      );
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(task);
    });
  }

  return {
    async parse(task: ParseTask): Promise<ReadSheet> {
      const slot = await acquire();
      try {
        return await runOn(slot, task);
      } finally {
        release(slot);
      }
    },
    /** Workers parsing now and callers waiting (tests, metrics). */
    stats: () => ({ busy: opts.size - free.length, waiting: waiting.length }),
  };
}

export type ParsePool = ReturnType<typeof createParsePool>;
