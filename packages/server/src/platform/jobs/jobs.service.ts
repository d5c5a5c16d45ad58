import type { FastifyBaseLogger } from 'fastify';
import type { JobView, Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, type Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../i18n.ts';
import type { AnyJobKind, JobKind } from './job-kind.ts';
import { findJob, findJobsOfOwner, insertJob, requestCancel, type JobRow } from './jobs.repository.ts';
import { createJobRunner, type JobRunnerOptions } from './jobs.runner.ts';

export type { JobContext } from './job-kind.ts';

/** A stored failure `{ code, params, details }` with its message in the reader's language (the UI never shows a code). */
function presentError(error: unknown, locale: Locale): unknown {
  if (!error || typeof error !== 'object' || typeof (error as { code?: unknown }).code !== 'string') return error;
  const e = error as { code: string; params?: Record<string, unknown> };
  return { ...e, message: errorMessage(e.code, locale, e.params) };
}

const present = (j: JobRow, locale: Locale): JobView => ({
  id: j.id,
  kind: j.kind,
  status: j.status as JobView['status'],
  progress: j.progress,
  total: j.total,
  detail: j.detail ?? null,
  result: j.result,
  error: presentError(j.error, locale),
  attempts: j.attempts,
  cancelRequested: j.cancelRequested,
  createdAt: j.createdAt.toISOString(),
  runAt: j.runAt.toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

/** What a handler may know of who enqueued it: no session id, nothing secret. */
const actorSnapshot = (a: Actor): Actor => ({
  kind: a.kind,
  userId: a.userId,
  name: a.name,
  ip: a.ip,
  locale: a.locale,
  permissions: a.permissions,
  // The per-assignment grants carry the scope of each permission; without them the job would fall
  // back to the merged anchors and reach data the user may not touch with that permission.
  ...(a.grants !== undefined ? { grants: a.grants } : {}),
  collegeIds: a.collegeIds,
  departmentIds: a.departmentIds,
  teacherId: a.teacherId,
  studentId: a.studentId,
  ...(a.tokenId !== undefined ? { tokenId: a.tokenId } : {}),
});

export interface EnqueueOptions {
  /** Units of work, for the progress bar (rows of an import). */
  total?: number;
  /** Not before this time (delayed jobs). */
  runAt?: Date;
  /** A file the handler reads with ctx.readFile(); stored in the database so any process can run the job. */
  file?: { data: Buffer; filename: string | null };
}

export interface JobServiceOptions {
  db: Db;
  clock: () => Date;
  log: FastifyBaseLogger;
  /** Job kinds known from the start; more with register() before start(). */
  kinds?: AnyJobKind[];
  /** Run jobs in this process (false: an API process that only enqueues; workers run them). */
  run: boolean;
  runner?: Omit<JobRunnerOptions, 'db' | 'log' | 'clock' | 'kinds'>;
}

/**
 * Durable jobs: enqueue (after the kind's use case has checked permission),
 * look at and cancel them, and — in processes that run jobs — the runner.
 * A job is visible to its owner (the user, or the API token, that enqueued
 * it) and to holders of its kind's permission; to anyone else it does not exist.
 */
export function createJobService({ db, clock, log, kinds = [], run, runner: runnerOptions }: JobServiceOptions) {
  const byName = new Map<string, AnyJobKind>(kinds.map((k) => [k.name, k]));
  const runner = run ? createJobRunner({ db, log, clock, kinds: byName, ...runnerOptions }) : null;

  const isOwner = (actor: Actor, job: JobRow) =>
    (actor.userId !== null && job.createdBy === actor.userId) || (actor.tokenId !== undefined && job.tokenId === actor.tokenId);
  const canSee = (actor: Actor, job: JobRow) => {
    if (actor.kind === 'system' || isOwner(actor, job)) return true;
    const kind = byName.get(job.kind);
    return kind !== undefined && hasPermission(actor, kind.permission);
  };
  async function visibleJob(actor: Actor, id: number): Promise<JobRow> {
    const job = await findJob(db, id);
    if (!job || !canSee(actor, job)) throw new AppError('not_found');
    return job;
  }

  return {
    /**
     * Makes a kind known (every process registers every kind of the program,
     * so any runner can run any job). Call before start().
     */
    register(...more: AnyJobKind[]) {
      for (const k of more) {
        if (byName.has(k.name)) throw new Error(`job kind ${k.name} registered twice`);
        byName.set(k.name, k);
      }
    },

    /**
     * Queues a job of a registered kind; the payload is checked against the
     * kind's schema here, so a bad payload fails the request, not the job.
     */
    async enqueue<P>(actor: Actor, kind: JobKind<P>, payload: P, options: EnqueueOptions = {}): Promise<number> {
      if (byName.get(kind.name) !== (kind as unknown)) throw new Error(`job kind ${kind.name} is not registered`);
      const job = await insertJob(
        db,
        {
          kind: kind.name,
          payload: kind.payload.parse(payload),
          total: options.total ?? 0,
          createdBy: actor.userId,
          tokenId: actor.tokenId ?? null,
          actor: actorSnapshot(actor),
          createdAt: clock(),
          ...(options.runAt ? { runAt: options.runAt } : {}),
          maxAttempts: kind.retry?.attempts ?? 1,
        },
        options.file,
      );
      runner?.wake();
      return job.id;
    },

    async get(actor: Actor, id: number): Promise<JobView> {
      return present(await visibleJob(actor, id), actor.locale);
    },

    /** The caller's own jobs, newest first. */
    async listMine(actor: Actor, limit = 50): Promise<JobView[]> {
      const rows = await findJobsOfOwner(db, { userId: actor.userId, tokenId: actor.tokenId ?? null }, limit);
      return rows.map((r) => present(r, actor.locale));
    },

    /** Cancels a queued job at once, or asks the runner of a running one to abort it. */
    async cancel(actor: Actor, id: number): Promise<JobView> {
      await visibleJob(actor, id);
      const after = await requestCancel(db, id);
      if (!after) throw new AppError('job_finished');
      if (after === 'running') runner?.cancelLocal(id);
      return present((await findJob(db, id))!, actor.locale);
    },

    /** Starts the runner (no-op where this process does not run jobs). */
    start() {
      runner?.start();
    },

    /** Resolves when this process runs no job (tests). */
    async idle() {
      await runner?.idle();
    },

    /** Graceful stop: no new claims; running jobs finish or are released. */
    async stop() {
      await runner?.stop();
    },

    runnerOwner: runner?.owner ?? null,
  };
}

export type JobService = ReturnType<typeof createJobService>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The job service (worker mode and tests reach the runner through it). */
    jobs: JobService;
  }
}
