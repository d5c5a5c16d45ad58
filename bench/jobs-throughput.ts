// Job queue throughput: N no-op jobs through the durable runner.
//
//   node bench/jobs-throughput.ts                      (PGlite in memory)
//   DATABASE_URL=postgres://… node bench/jobs-throughput.ts
//
// Enqueues BENCH_JOBS (default 1,000) jobs of a kind with concurrency 4, then
// times until the runner has claimed, run and finished them all: what the
// queue itself costs per job (claim, lease, finish), not any work.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { z } from 'zod';

const { openDatabase } = await import('../packages/server/src/db/client.ts');
const { systemActor } = await import('../packages/server/src/platform/access.ts');
const { defineJob } = await import('../packages/server/src/platform/jobs/job-kind.ts');
const { countUnfinished } = await import('../packages/server/src/platform/jobs/jobs.repository.ts');
const { createJobService } = await import('../packages/server/src/platform/jobs/jobs.service.ts');

const N = Number(process.env.BENCH_JOBS ?? 1_000);
const database = await openDatabase({ url: process.env.DATABASE_URL });
await database.migrate();
await database.db.execute(sql`DELETE FROM jobs WHERE kind = 'bench.noop'`);
const noop = defineJob({
  name: 'bench.noop',
  payload: z.object({ i: z.number() }),
  permission: 'audit.read',
  concurrency: 4,
  handler: async () => null,
});
const jobs = createJobService({ db: database.db, clock: () => new Date(), log: pino({ level: 'warn' }), kinds: [noop], run: false });

let t = performance.now();
for (let i = 0; i < N; i++) await jobs.enqueue(systemActor, noop, { i });
const enqueueMs = performance.now() - t;

const runner = createJobService({
  db: database.db,
  clock: () => new Date(),
  log: pino({ level: 'warn' }),
  kinds: [noop],
  run: true,
  runner: { pollMs: 50 },
});
t = performance.now();
runner.start();
while ((await countUnfinished(database.db)) > 0) await new Promise((r) => setTimeout(r, 20));
const runMs = performance.now() - t;
await runner.stop();
await database.db.execute(sql`DELETE FROM jobs WHERE kind = 'bench.noop'`);
await database.close();
console.log(`database: ${database.kind}; ${N} jobs`);
console.log(`enqueue: ${(enqueueMs / N).toFixed(2)} ms per job (one at a time)`);
console.log(`run:     ${((N / runMs) * 1000).toFixed(0)} jobs/s (claim + finish, concurrency 4, one process)`);
