import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, boolean } from 'drizzle-orm/pg-core';

/** Raw bytes; PGlite hands back a Uint8Array and pg a Buffer, so reads are normalised to Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Durable background work (imports, solver runs, bulk mail) that any process
 * may run: a runner claims a queued row with FOR UPDATE SKIP LOCKED, holds a
 * lease it renews by heartbeat, and a lease left to expire (its process died)
 * is taken over by another runner. Times compared across processes (run_at,
 * leases) use the database clock, so processes with skewed clocks agree.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'), // queued | running | succeeded | failed | cancelled
    /** The kind's zod payload, JSON only: a worker in another process must be able to run it. */
    payload: jsonb('payload').notNull().default({}),
    progress: integer('progress').notNull().default(0),
    total: integer('total').notNull().default(0),
    /** What the handler says besides done/total (a solver run: phase, placed, hard, soft, elapsed). */
    detail: jsonb('detail'),
    result: jsonb('result'),
    error: jsonb('error'),
    createdBy: integer('created_by'),
    /** The API token that enqueued the job (owner when there is no user). */
    tokenId: integer('token_id'),
    /** Who enqueued it (permissions and scopes as then); the handler acts as this actor. */
    actor: jsonb('actor'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Not claimed before this time (delayed jobs, retry backoff). */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** Runs started so far (a claim counts one; a lease released at shutdown gives it back). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(1),
    /** The runner holding the job, and until when; NULL when not running. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_claim_idx')
      .on(t.runAt)
      .where(sql`status = 'queued'`),
    index('jobs_lease_idx')
      .on(t.leaseExpiresAt)
      .where(sql`status = 'running'`),
    index('jobs_created_by_idx').on(t.createdBy),
  ],
);

/** A file a job works on (an uploaded import), stored so any process can run the job; dropped when it ends. */
export const jobFiles = pgTable('job_files', {
  jobId: integer('job_id')
    .primaryKey()
    .references(() => jobs.id, { onDelete: 'cascade' }),
  filename: text('filename'),
  data: bytea('data').notNull(),
});

/**
 * One row per run of a periodic task: the process whose insert of
 * (name, period) succeeds runs it, so a period runs once across processes.
 */
export const periodicRuns = pgTable(
  'periodic_runs',
  {
    name: text('name').notNull(),
    /** floor(epoch milliseconds / interval) on the database clock. */
    period: bigint('period', { mode: 'number' }).notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.name, t.period] })],
);
