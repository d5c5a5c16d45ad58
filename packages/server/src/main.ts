import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { loadSecretKey } from './platform/secrets/secret-key.ts';
import { oidcSettingsFromEnv } from './modules/iam/oidc.ts';
import { buildMetricsServer } from './platform/http/metrics.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo, seedInitialAdmin } from './seed/demo.ts';
import { ensureBuiltinRoles } from './seed/roles.ts';

/** Starts Jiaowu: open and migrate the database, seed on first run, listen, close cleanly on SIGTERM. */
async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({
    url: config.databaseUrl,
    migrationUrl: config.migrationDatabaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  const where = database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (embedded) in ${config.dataDir}`;
  // No start-up sweep of "running" jobs: other processes may be running them. A job
  // whose process died is taken over by any runner once its lease expires.
  const migrated = await database.migrate();
  const secret = loadSecretKey({ envKey: config.secretKey, dataDir: config.dataDir });

  let seeded = false;
  if (await isEmpty(database.db)) {
    if (config.demo) {
      process.stdout.write('Seeding the demo school (first start)…\n');
      await seedDemo(database.db);
    } else {
      await seedInitialAdmin(database.db, config.initialAdminPassword);
    }
    seeded = true;
  } else {
    await ensureBuiltinRoles(database.db);
  }

  const app = await buildApp({
    db: database.db,
    logger: { level: config.logLevel },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    runJobs: config.runJobs,
    jobRunner: config.jobRunner,
    sessionCacheMs: config.sessionCacheSeconds * 1000,
    secretKey: secret.key,
    metricsToken: config.metricsToken,
    captchaAfterFailures: config.captchaAfterFailures,
    passwordResetMinutes: config.passwordResetMinutes,
    oidc: oidcSettingsFromEnv(process.env, process.env.PUBLIC_URL),
  });
  for (const warning of migrated.warnings) app.log.warn(warning);
  if (database.kind === 'postgres' && secret.source === 'file') {
    app.log.warn(
      `JIAOWU_SECRET_KEY is not set: stored secrets are sealed with the key in ${secret.file}. Every server process must use the same key: set JIAOWU_SECRET_KEY on PostgreSQL deployments.`,
    );
  }
  if (await app.notifications.sealStoredPassword()) app.log.info('the stored SMTP password is now encrypted');
  await app.listen({ port: config.port, host: config.host });
  // Metrics for a scraper on this host only: loopback, its own port, never the public listener.
  const metricsServer = config.metricsPort ? buildMetricsServer(app.metricsRegistry) : null;
  if (metricsServer) await metricsServer.listen({ port: config.metricsPort, host: '127.0.0.1' });
  const url = `http://localhost:${config.port}`;
  const lines = [
    `Jiaowu 教务 is running at ${url}  (database: ${where})`,
    `API docs: ${url}/api/docs`,
    config.runJobs ? 'Background jobs run in this process.' : 'Background jobs: not run here (JOBS=0); start `npm run worker`.',
  ];
  if (config.demo) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(10)} ${a.zh} / ${a.en}`);
  } else if (seeded) {
    lines.push('First start: sign in as admin with JIAOWU_ADMIN_PASSWORD; you will be asked to change it.');
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await metricsServer?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
