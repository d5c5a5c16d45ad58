import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';

/**
 * `npm run worker`: the same program without HTTP — runs queued jobs and the
 * periodic tasks, next to API processes started with JOBS=0 (or not) on the
 * same PostgreSQL. SIGTERM stops claiming, lets running jobs finish within
 * JOB_STOP_GRACE_SECONDS, then releases the rest for another process.
 */
async function worker() {
  const config = loadConfig();
  if (!config.databaseUrl) {
    // A PGlite folder is open in one process only: there, `npm start` runs the jobs itself.
    process.stderr.write('npm run worker needs DATABASE_URL (a PostgreSQL server); with the embedded database, npm start runs the jobs.\n');
    process.exit(2);
  }
  const database = await openDatabase({ url: config.databaseUrl });
  await database.migrate();
  const app = await buildApp({
    db: database.db,
    logger: { level: config.logLevel },
    runJobs: true,
    backgroundJobs: true,
    jobRunner: config.jobRunner,
  });
  await app.ready();
  app.log.info({ owner: app.jobs.runnerOwner }, 'jiaowu worker running jobs');
  // Keeps the process alive (the runner's timers alone are not meant to).
  const keepAlive = setInterval(() => {}, 1 << 30);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'worker stopping: no new jobs; waiting for running ones');
    clearInterval(keepAlive);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

worker().catch((err) => {
  console.error(err);
  process.exit(1);
});
