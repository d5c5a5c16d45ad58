import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { defineJob } from '../job-kind.ts';

/**
 * Job kinds of the multi-process tests. Each run writes marks (start, finish,
 * aborted) to the test's job_marks table, stamped with the database clock and
 * the runner's process, so the test can prove no job ran in two places at once.
 */
const mark = (db: Db, jobId: number, event: string, attempt: number) =>
  db.execute(
    sql`INSERT INTO job_marks (job_id, worker, event, attempt, at) VALUES (${jobId}, ${process.pid}, ${event}, ${attempt}, clock_timestamp())`,
  );

export const markKinds = {
  /** Works `steps` × `stepMs`, reporting progress; retried when its process dies. */
  marks: defineJob({
    name: 'test.marks',
    payload: z.object({ steps: z.number().int(), stepMs: z.number().int() }),
    permission: 'audit.read',
    retry: { attempts: 3, backoffMs: 50 },
    concurrency: 2,
    async handler({ steps, stepMs }, ctx) {
      await mark(ctx.db, ctx.jobId, 'start', ctx.attempt);
      for (let i = 0; i < steps; i++) {
        await new Promise((r) => setTimeout(r, stepMs));
        ctx.signal.throwIfAborted();
        await ctx.progress(i + 1, steps);
      }
      await mark(ctx.db, ctx.jobId, 'finish', ctx.attempt);
      return { steps };
    },
  }),
  /** Waits until cancelled, as a solver run would. */
  waiter: defineJob({
    name: 'test.waiter',
    payload: z.object({}),
    permission: 'audit.read',
    async handler(_p, ctx) {
      await mark(ctx.db, ctx.jobId, 'start', ctx.attempt);
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      await mark(ctx.db, ctx.jobId, 'aborted', ctx.attempt);
      ctx.signal.throwIfAborted();
    },
  }),
};
