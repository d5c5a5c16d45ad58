import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `work` every `intervalMs` in the background (unref'd, so it never
 * keeps the process alive), never two runs at once; returns the stop
 * function to call on close. Failures are logged and retried next tick.
 */
export function startPeriodic(log: FastifyBaseLogger, name: string, intervalMs: number, work: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch((err) => log.error({ err, job: name }, 'periodic job failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
