import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import { findJob, insertJob, updateJob, type JobRow } from './jobs.repository.ts';

/** Lets a job report how far it is; writes are throttled so progress costs little. */
export interface JobContext {
  jobId: number;
  progress(done: number, total?: number): Promise<void>;
}

export interface JobView {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  result: unknown;
  error: unknown;
  createdAt: string;
  finishedAt: string | null;
}

const present = (j: JobRow): JobView => ({
  id: j.id,
  kind: j.kind,
  status: j.status as JobView['status'],
  progress: j.progress,
  total: j.total,
  result: j.result,
  error: j.error,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

/**
 * Runs long work in the background of this process with its state in the
 * database, so any API process can answer "how far is job 12?". The job's
 * own use case does the permission check before calling `start`.
 */
export function createJobService({ db, clock, log }: { db: Db; clock: () => Date; log: FastifyBaseLogger }) {
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  return {
    async start<T>(actor: Actor, kind: string, total: number, work: (ctx: JobContext) => Promise<T>): Promise<number> {
      const job = await insertJob(db, { kind, status: 'running', total, createdBy: actor.userId, createdAt: clock() });
      let lastWrite = 0;
      const ctx: JobContext = {
        jobId: job.id,
        async progress(done, newTotal) {
          const now = Date.now();
          if (now - lastWrite < 200 && done !== (newTotal ?? total)) return;
          lastWrite = now;
          await updateJob(db, job.id, { progress: done, ...(newTotal !== undefined ? { total: newTotal } : {}) });
        },
      };
      const p = (async () => {
        try {
          const result = await work(ctx);
          if (!stopped) await updateJob(db, job.id, { status: 'succeeded', result: result as never, finishedAt: clock() });
        } catch (e) {
          const error =
            e instanceof AppError
              ? { code: e.code, params: e.params, details: e.details ?? null }
              : { code: 'internal', message: (e as Error).message };
          if (!(e instanceof AppError)) log.error({ err: e, jobId: job.id }, 'job failed');
          if (!stopped) await updateJob(db, job.id, { status: 'failed', error, finishedAt: clock() }).catch(() => {});
        }
      })();
      running.add(p);
      void p.finally(() => running.delete(p));
      return job.id;
    },

    async get(actor: Actor, id: number): Promise<JobView> {
      const job = await findJob(db, id);
      // A job is visible to whoever started it (and to the system).
      if (!job || (actor.kind !== 'system' && job.createdBy !== actor.userId)) throw new AppError('not_found');
      return present(job);
    },

    /** Waits for running jobs (tests and graceful shutdown). */
    async idle() {
      await Promise.allSettled([...running]);
    },

    async stop() {
      await Promise.allSettled([...running]);
      stopped = true;
    },
  };
}

export type JobService = ReturnType<typeof createJobService>;
