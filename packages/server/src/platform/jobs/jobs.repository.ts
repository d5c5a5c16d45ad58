import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { jobFiles, jobs, periodicRuns } from '../jobs.tables.ts';

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;

/** Inserts a job and its file in one transaction. */
export async function insertJob(db: Db, values: NewJob, file?: { data: Buffer; filename: string | null }): Promise<JobRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(jobs).values(values).returning();
    if (file) await tx.insert(jobFiles).values({ jobId: row.id, filename: file.filename, data: file.data });
    return row;
  });
}

export async function findJob(db: Db, id: number): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** The newest jobs of one owner: a user, or an API token. */
export async function findJobsOfOwner(db: Db, owner: { userId: number | null; tokenId: number | null }, limit: number): Promise<JobRow[]> {
  const by: SQL[] = [];
  if (owner.userId !== null) by.push(eq(jobs.createdBy, owner.userId));
  if (owner.tokenId !== null) by.push(eq(jobs.tokenId, owner.tokenId));
  if (by.length === 0) return [];
  return db
    .select()
    .from(jobs)
    .where(or(...by))
    .orderBy(desc(jobs.id))
    .limit(limit);
}

export async function findJobFile(db: Db, jobId: number) {
  const [row] = await db.select().from(jobFiles).where(eq(jobFiles.jobId, jobId));
  return row ?? null;
}

/**
 * Claims the oldest due job of one of `kinds` for `owner`: the row lock with
 * SKIP LOCKED makes two runners claiming at once take different jobs.
 */
export async function claimJob(db: Db, owner: string, kinds: string[], leaseMs: number): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const due = sql`(SELECT id FROM jobs WHERE status = 'queued' AND run_at <= now() AND kind IN (${sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  )}) ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)`;
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      leaseOwner: owner,
      leaseExpiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: sql`coalesce(${jobs.startedAt}, now())`,
      cancelRequested: false,
    })
    .where(eq(jobs.id, due))
    .returning();
  return row ?? null;
}

const heldBy = (id: number, owner: string) => and(eq(jobs.id, id), eq(jobs.leaseOwner, owner), eq(jobs.status, 'running'));

/**
 * Renews the lease of a job this runner holds. Returns null when the job is
 * no longer ours (taken over after our lease expired), else whether a cancel
 * was asked for.
 */
export async function renewLease(db: Db, id: number, owner: string, leaseMs: number): Promise<{ cancelRequested: boolean } | null> {
  const [row] = await db
    .update(jobs)
    .set({ leaseExpiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(heldBy(id, owner))
    .returning({ cancelRequested: jobs.cancelRequested });
  return row ?? null;
}

export async function setProgress(db: Db, id: number, owner: string, progress: number, total?: number, detail?: unknown) {
  await db
    .update(jobs)
    .set({ progress, ...(total !== undefined ? { total } : {}), ...(detail !== undefined ? { detail } : {}) })
    .where(heldBy(id, owner));
}

/** Ends a job this runner holds (its file goes with it); false when the lease was lost meanwhile. */
export async function finishJob(
  db: Db,
  id: number,
  owner: string,
  end: { status: 'succeeded' | 'failed' | 'cancelled'; result?: unknown; error?: unknown },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(jobs)
      .set({
        status: end.status,
        result: end.result ?? null,
        error: end.error ?? null,
        finishedAt: sql`now()`,
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      .where(heldBy(id, owner))
      .returning({ id: jobs.id });
    if (rows.length === 0) return false;
    await tx.delete(jobFiles).where(eq(jobFiles.jobId, id));
    return true;
  });
}

/** Puts a failed run back in the queue to run again after `delayMs`. */
export async function retryJob(db: Db, id: number, owner: string, error: unknown, delayMs: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'queued',
      error,
      runAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(heldBy(id, owner))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Gives a job back unfinished at shutdown: queued again, and this run does not count as an attempt. */
export async function releaseJob(db: Db, id: number, owner: string) {
  await db
    .update(jobs)
    .set({ status: 'queued', attempts: sql`greatest(${jobs.attempts} - 1, 0)`, runAt: sql`now()`, leaseOwner: null, leaseExpiresAt: null })
    .where(heldBy(id, owner));
}

/**
 * Jobs whose runner stopped renewing its lease (the process died or hangs):
 * queued again while attempts remain, else failed. Only those jobs: a job
 * whose lease is alive is never touched, and a runner never reaps its own.
 */
export async function reapExpiredLeases(db: Db, reaper: string): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({
      status: sql`CASE WHEN ${jobs.attempts} < ${jobs.maxAttempts} AND NOT ${jobs.cancelRequested} THEN 'queued'
        WHEN ${jobs.cancelRequested} THEN 'cancelled' ELSE 'failed' END`,
      error: sql`jsonb_build_object('code', 'job_lease_expired', 'params', jsonb_build_object('owner', ${jobs.leaseOwner}))`,
      finishedAt: sql`CASE WHEN ${jobs.attempts} < ${jobs.maxAttempts} AND NOT ${jobs.cancelRequested} THEN NULL ELSE now() END`,
      runAt: sql`now()`,
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(and(eq(jobs.status, 'running'), sql`${jobs.leaseExpiresAt} < now()`, sql`${jobs.leaseOwner} <> ${reaper}`))
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Cancels a job: a queued one ends at once; a running one is flagged and its
 * runner aborts the handler at its next heartbeat. Returns the job's status
 * after the request, or null when it had already ended.
 */
export async function requestCancel(db: Db, id: number): Promise<'cancelled' | 'running' | null> {
  const [queued] = await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: sql`now()`, error: { code: 'job_cancelled' } })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'queued')))
    .returning({ id: jobs.id });
  if (queued) {
    await db.delete(jobFiles).where(eq(jobFiles.jobId, id));
    return 'cancelled';
  }
  const [running] = await db
    .update(jobs)
    .set({ cancelRequested: true })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  return running ? 'running' : null;
}

/** Whether any of these jobs is still queued or running (tests wait on it). */
export async function countUnfinished(db: Db, ids?: number[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(inArray(jobs.status, ['queued', 'running']), ids ? inArray(jobs.id, ids) : undefined));
  return row.n;
}

/**
 * Claims the current period of a periodic task: the insert of (name, period)
 * succeeds in exactly one process. Old periods of the task are dropped.
 */
export async function claimPeriod(db: Db, name: string, intervalMs: number, owner: string): Promise<boolean> {
  const [row] = await db
    .insert(periodicRuns)
    .values({ name, period: sql`floor(extract(epoch from now()) * 1000 / ${intervalMs})::bigint`, claimedBy: owner })
    .onConflictDoNothing()
    .returning({ period: periodicRuns.period });
  if (!row) return false;
  await db.delete(periodicRuns).where(and(eq(periodicRuns.name, name), lt(periodicRuns.period, row.period - 10)));
  return true;
}

/** Status and detail of these jobs (a module shows the job behind its records, e.g. a draft's solve). */
export async function findJobStates(db: Db | Tx, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; status: string; detail: unknown }>();
  const rows = await db
    .select({ id: jobs.id, status: jobs.status, detail: jobs.detail })
    .from(jobs)
    .where(inArray(jobs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
