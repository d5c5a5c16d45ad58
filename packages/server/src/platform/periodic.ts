import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { claimPeriod } from './jobs/jobs.repository.ts';

/** Answers whether this process runs the current period of `name`; true in exactly one process per period. */
export type PeriodLock = (name: string, intervalMs: number) => Promise<boolean>;

/** A lock on the database shared by all processes: a (name, period) row only one of them can insert. */
export function createPeriodLock(db: Db): PeriodLock {
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  return (name, intervalMs) => claimPeriod(db, name, intervalMs, owner);
}

// One program has one database: buildApp sets the lock once, and every
// startPeriodic call (in any module) uses it without having to be handed it.
let processLock: PeriodLock | null = null;

/** Sets the lock startPeriodic uses by default (buildApp, before it starts periodic tasks). */
export function setPeriodLock(lock: PeriodLock | null) {
  processLock = lock;
}

/**
 * Runs `work` once per `intervalMs` across all processes sharing the
 * database (each process looks twice per period; the one that claims the
 * period runs it), never two runs at once in a process; in the background
 * (unref'd, so it never keeps the process alive). Returns the stop function
 * to call on close. Failures are logged; the next period runs again, so work
 * must catch up on what a failed or crashed run left (deadlines, outbox do).
 */
export function startPeriodic(
  log: FastifyBaseLogger,
  name: string,
  intervalMs: number,
  work: () => Promise<unknown>,
  lock: PeriodLock | null = processLock,
): () => void {
  if (!lock) throw new Error(`startPeriodic(${name}): no period lock set (setPeriodLock)`);
  let running = false;
  const timer = setInterval(
    () => {
      if (running) return;
      running = true;
      lock(name, intervalMs)
        .then((mine) => (mine ? work() : undefined))
        .catch((err) => log.error({ err, job: name }, 'periodic job failed'))
        .finally(() => {
          running = false;
        });
    },
    Math.max(1, Math.floor(intervalMs / 2)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
