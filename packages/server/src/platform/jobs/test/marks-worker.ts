import pino from 'pino';
import { openDatabase } from '../../../db/client.ts';
import { createJobService } from '../jobs.service.ts';
import { markKinds } from './marks.kinds.ts';

/**
 * A worker process of the multi-process tests: the job runner with the test
 * kinds and short lease times (JOB_LEASE_MS), on DATABASE_URL. SIGTERM stops
 * it as the real worker stops. Prints "ready" once it runs.
 */
const database = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 4 });
const jobs = createJobService({
  db: database.db,
  clock: () => new Date(),
  log: pino({ level: 'warn' }),
  kinds: Object.values(markKinds),
  run: true,
  runner: { leaseMs: Number(process.env.JOB_LEASE_MS ?? 1500), pollMs: 100, graceMs: Number(process.env.JOB_GRACE_MS ?? 5000) },
});
jobs.start();
process.on('SIGTERM', () => {
  void jobs
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
process.stdout.write(`ready ${jobs.runnerOwner}\n`);
