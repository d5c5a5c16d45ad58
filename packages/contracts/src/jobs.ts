import { z } from 'zod';

/** States of a background job; succeeded, failed and cancelled are final. */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** A background job as its owner (or a holder of its kind's permission) sees it: `GET /api/jobs/:id`. */
export const jobView = z.object({
  id: z.number().int(),
  /** What the job does, e.g. `import.students`. */
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  /** Units done out of `total` (rows of an import); total 0 when unknown. */
  progress: z.number().int(),
  total: z.number().int(),
  /** What the job reports besides the bar, e.g. a solver run's phase, placed, hard, soft, elapsed. */
  detail: z.unknown(),
  /** What the job produced, once succeeded (an import's counts). */
  result: z.unknown(),
  /** `{ code, params, details }` of the last failure (also set while a failed run waits for its retry). */
  error: z.unknown(),
  /** Runs started so far. */
  attempts: z.number().int(),
  /** A cancel was asked for and the running handler has not stopped yet. */
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  /** Not started before this time (delayed jobs, retry backoff). */
  runAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof jobView>;

/** The caller's own jobs, newest first: `GET /api/jobs`. */
export const jobList = z.object({ items: z.array(jobView) });
