import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import type { AnyJobKind, JobContext } from './job-kind.ts';
import {
  claimJob,
  findJobFile,
  finishJob,
  reapExpiredLeases,
  releaseJob,
  renewLease,
  retryJob,
  setProgress,
  type JobRow,
} from './jobs.repository.ts';

export interface JobRunnerOptions {
  db: Db;
  log: FastifyBaseLogger;
  /** The app's clock, handed to handlers (leases and heartbeats use the database's now()). */
  clock: () => Date;
  kinds: ReadonlyMap<string, AnyJobKind>;
  /** How long a claim lasts without a heartbeat; another runner takes the job over after it. */
  leaseMs?: number;
  /** How often a running job's lease is renewed (and a cancel noticed). Default a third of the lease. */
  heartbeatMs?: number;
  /** How often the queue is looked at when nothing woke the runner (other processes enqueue without telling us). */
  pollMs?: number;
  /** At stop, how long running jobs may take to finish before they are aborted and their leases released. */
  graceMs?: number;
}

type StopReason = 'cancelled' | 'lease_lost' | 'shutdown';

interface Running {
  kind: string;
  abort(reason: StopReason): void;
  done: Promise<void>;
}

const errorOf = (e: unknown) =>
  e instanceof AppError
    ? { code: e.code, params: e.params, details: e.details ?? null }
    : { code: 'internal', message: (e as Error)?.message ?? String(e) };

const abortError: Record<StopReason, () => AppError> = {
  cancelled: () => new AppError('job_cancelled'),
  lease_lost: () => new AppError('job_lease_expired'),
  shutdown: () => new AppError('job_interrupted'),
};

/**
 * Runs queued jobs of the registered kinds in this process: claims due jobs
 * while the kind has a free slot, heartbeats their leases, takes over jobs
 * whose runner stopped heartbeating, retries with backoff, and on stop lets
 * running jobs finish (or releases them after the grace period).
 */
export function createJobRunner(options: JobRunnerOptions) {
  const { db, log, clock, kinds } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 1_000;
  const graceMs = options.graceMs ?? 25_000;
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const limitOf = (k: AnyJobKind) => (k.concurrency === 'cores' ? cores : (k.concurrency ?? 1));

  const running = new Map<number, Running>();
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  let again = false;
  let started = false;
  let stopping = false;
  let lastReap = 0;

  function freeKinds(): string[] {
    const busy = new Map<string, number>();
    for (const r of running.values()) busy.set(r.kind, (busy.get(r.kind) ?? 0) + 1);
    return [...kinds.values()].filter((k) => (busy.get(k.name) ?? 0) < limitOf(k)).map((k) => k.name);
  }

  async function tick() {
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    try {
      do {
        again = false;
        if (Date.now() - lastReap >= heartbeatMs) {
          lastReap = Date.now();
          const n = await reapExpiredLeases(db, owner);
          if (n > 0) log.warn({ jobs: n }, 'took over jobs whose lease expired');
        }
        while (!stopping) {
          const job = await claimJob(db, owner, freeKinds(), leaseMs);
          if (!job) break;
          launch(job);
        }
      } while (again && !stopping);
    } catch (err) {
      log.error({ err }, 'job runner: claiming failed');
    } finally {
      ticking = false;
      if (!stopping) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void tick(), pollMs);
      }
    }
  }

  function launch(row: JobRow) {
    const kind = kinds.get(row.kind)!;
    const controller = new AbortController();
    let stopReason: StopReason | null = null;
    const abort = (reason: StopReason) => {
      if (stopReason) return;
      stopReason = reason;
      // A lost or released lease is no longer ours to renew; a cancelled job keeps it until it ends.
      if (reason !== 'cancelled') clearInterval(heartbeat);
      controller.abort(abortError[reason]());
    };
    const heartbeat = setInterval(() => {
      renewLease(db, row.id, owner, leaseMs)
        .then((r) => {
          if (!r) abort('lease_lost');
          else if (r.cancelRequested) abort('cancelled');
        })
        .catch((err) => log.error({ err, jobId: row.id }, 'job heartbeat failed'));
    }, heartbeatMs);

    let lastWrite = 0;
    let total = row.total;
    const ctx: JobContext = {
      jobId: row.id,
      attempt: row.attempts,
      actor: row.actor as Actor,
      db,
      clock,
      log: log.child({ jobId: row.id, kind: row.kind }),
      signal: controller.signal,
      async progress(done, newTotal, detail, flush) {
        if (newTotal !== undefined) total = newTotal;
        const now = Date.now();
        if (now - lastWrite < 200 && done !== total && !flush) return;
        lastWrite = now;
        await setProgress(db, row.id, owner, done, newTotal, detail);
      },
      async readFile() {
        const file = await findJobFile(db, row.id);
        if (!file) throw new Error(`job ${row.id} has no file`);
        return { data: file.data, filename: file.filename };
      },
    };

    const done = (async () => {
      let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, result: await kind.handler(kind.payload.parse(row.payload), ctx) };
      } catch (e) {
        outcome = { ok: false, error: e };
      }
      clearInterval(heartbeat);
      if (stopReason === 'lease_lost') return log.warn({ jobId: row.id }, 'job lease lost; another runner has it');
      if (stopReason === 'shutdown') return; // released by stop()
      if (stopReason === 'cancelled') {
        await finishJob(db, row.id, owner, { status: 'cancelled', error: errorOf(abortError.cancelled()) });
        return;
      }
      if (outcome.ok) {
        await finishJob(db, row.id, owner, { status: 'succeeded', result: outcome.result });
        return;
      }
      const e = outcome.error;
      const retry = kind.retry;
      if (!(e instanceof AppError)) log.error({ err: e, jobId: row.id, attempt: row.attempts }, 'job failed');
      if (!(e instanceof AppError) && retry && row.attempts < Math.min(retry.attempts, row.maxAttempts)) {
        await retryJob(db, row.id, owner, errorOf(e), retry.backoffMs * 2 ** (row.attempts - 1));
        return;
      }
      await finishJob(db, row.id, owner, { status: 'failed', error: errorOf(e) });
    })()
      .catch((err) => log.error({ err, jobId: row.id }, 'job runner: recording the outcome failed'))
      .finally(() => {
        running.delete(row.id);
        if (!stopping) void tick();
      });
    running.set(row.id, { kind: row.kind, abort, done });
  }

  return {
    /** This runner's lease owner name (host:pid:random), as stored in jobs.lease_owner. */
    owner,

    start() {
      if (started) return;
      started = true;
      void tick();
    },

    /** Looks at the queue now (a job was just enqueued in this process). */
    wake() {
      if (started && !stopping) void tick();
    },

    /** Aborts a job this process is running (a cancel asked here; elsewhere the heartbeat notices it). */
    cancelLocal(id: number) {
      running.get(id)?.abort('cancelled');
    },

    /** Resolves when this process runs no job (tests). */
    async idle() {
      while (running.size > 0 || ticking)
        await Promise.allSettled([...[...running.values()].map((r) => r.done), new Promise((r) => setTimeout(r, 10))]);
    },

    /** Stops claiming; lets running jobs finish within the grace period, then aborts them and releases their leases. */
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      while (ticking) await new Promise((r) => setTimeout(r, 10));
      const all = Promise.allSettled([...running.values()].map((r) => r.done));
      const grace = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([all, grace])) !== 'timeout') return;
      for (const [id, r] of running) {
        r.abort('shutdown');
        await releaseJob(db, id, owner).catch((err) => log.error({ err, jobId: id }, 'releasing a job at shutdown failed'));
        log.warn({ jobId: id }, 'job released at shutdown');
      }
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
