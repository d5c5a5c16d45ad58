import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Permission } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../access.ts';

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: number;
  /** Which run this is (1 on the first). */
  attempt: number;
  /** Who enqueued the job, as they were then; the handler acts (and audits) as them. */
  actor: Actor;
  db: Db;
  /** The app's clock: handlers stamp their writes with it, so tests can move time. */
  clock: () => Date;
  log: FastifyBaseLogger;
  /**
   * Aborted when the job is cancelled, when this process loses the lease (another
   * took the job over) or at shutdown after the grace period. Pass it on to the
   * solver or check it between chunks; whatever the handler returns after an
   * abort is not recorded.
   */
  signal: AbortSignal;
  /**
   * Reports how far the job is; writes are throttled, so call it as often as you like.
   * `detail` (JSON) is what the job's page shows besides the bar (a solver run: phase, hard, soft…);
   * `flush` writes it even within the throttle (the last report of a run).
   */
  progress(done: number, total?: number, detail?: unknown, flush?: boolean): Promise<void>;
  /** The file stored with the job at enqueue (an uploaded import); throws when there is none. */
  readFile(): Promise<{ data: Buffer; filename: string | null }>;
}

/** How often a failed run is tried again. AppErrors (a business answer, e.g. invalid rows) are never retried. */
export interface RetryPolicy {
  /** Runs in all, the first included. */
  attempts: number;
  /** Delay before the second run; doubles for each further one. */
  backoffMs: number;
}

/**
 * One kind of job, declared in its own file (`<noun>.job.ts`) beside the
 * module that owns the work: name, payload schema, handler, retry policy and
 * the permission whose holders may see and cancel any job of the kind.
 */
export interface JobKind<P = unknown> {
  name: string;
  payload: z.ZodType<P>;
  permission: Permission;
  retry?: RetryPolicy;
  /** Jobs of this kind one process runs at once: a number, or 'cores' (one per CPU core — solver runs). Default 1. */
  concurrency?: number | 'cores';
  handler(payload: P, ctx: JobContext): Promise<unknown>;
}

/** Typed identity: lets the payload type flow from the schema to the handler. */
export function defineJob<P>(kind: JobKind<P>): JobKind<P> {
  return kind;
}

/** A kind of any payload, as registries hold them (the payload type matters only between schema and handler). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobKind = JobKind<any>;
