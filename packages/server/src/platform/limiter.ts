/**
 * A counting semaphore with a bounded queue, for work of one process that must
 * not pile up: password hashing, and admission control of course selection.
 * It bounds this process only; limits across processes live in the database.
 */
export interface LimiterOptions {
  concurrency: number;
  queueLimit: number;
  /**
   * Refuse a task whose expected wait for a slot (the tasks ahead of it times the moving
   * average duration, over the slots) is longer than this, even when the queue has room: what
   * a caller feels is time, and a queue of fast tasks may be long where one of slow tasks may
   * not. Unset: only the queue's length bounds the wait.
   */
  maxWaitMs?: number;
}

export function createLimiter(options: LimiterOptions) {
  let { concurrency, queueLimit } = options;
  const { maxWaitMs } = options;
  let active = 0;
  const waiting: (() => void)[] = [];
  /** Moving average of one task's duration, for the Retry-After estimate and the expected wait. */
  let avgMs = options.maxWaitMs ? Math.min(250, options.maxWaitMs) : 250;

  /** Whether a task offered now would be refused: every slot busy, and no room (in count or in time) to wait. */
  const wouldRefuse = () =>
    active >= concurrency &&
    (waiting.length >= queueLimit || (maxWaitMs !== undefined && ((waiting.length + 1) * avgMs) / concurrency > maxWaitMs));

  const next = () => {
    if (active < concurrency && waiting.length) {
      active++;
      waiting.shift()!();
    }
  };

  return {
    /** Runs `task` when a slot is free, or returns null at once when the queue is full. */
    run<T>(task: () => Promise<T>): Promise<T> | null {
      if (wouldRefuse()) return null;
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          const start = performance.now();
          task()
            .then(resolve, reject)
            .finally(() => {
              avgMs = avgMs * 0.8 + (performance.now() - start) * 0.2;
              active--;
              next();
            });
        });
        next();
      });
    },
    wouldRefuse,
    /** Tasks this limiter finishes per second at the moving average duration (all slots busy). */
    serviceRate() {
      return (concurrency * 1000) / avgMs;
    },
    /** Roughly when the queue will have drained. */
    retryAfterSeconds() {
      return Math.max(1, Math.ceil(((waiting.length + active) * avgMs) / concurrency / 1000));
    },
    configure(o: { concurrency: number; queueLimit: number }) {
      concurrency = o.concurrency;
      queueLimit = o.queueLimit;
      next();
    },
    get stats() {
      return { active, waiting: waiting.length };
    },
  };
}
