import path from 'node:path';

/** Settings from the environment; the README's configuration table lists them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const flag = (v: string | undefined, dflt: boolean) => (v === undefined || v === '' ? dflt : /^(1|true|yes|on)$/i.test(v));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    /** Role that owns the tables and runs the migrations (PostgreSQL); defaults to DATABASE_URL. */
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    /** Seed the demo school on an empty database (default on). */
    demo: flag(env.JIAOWU_DEMO, true),
    /** Password of the first admin when the demo is off; must be changed at first login. */
    initialAdminPassword: env.JIAOWU_ADMIN_PASSWORD ?? 'change-me-now',
    secureCookies: flag(env.SECURE_COOKIES, false),
    trustProxy: flag(env.TRUST_PROXY, false),
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 480),
    sessionMaxHours: Number(env.SESSION_MAX_HOURS ?? 168),
    /** Seconds a process may answer from its cache of sessions; another process's change (sign-out, role) shows after at most this. */
    sessionCacheSeconds: Number(env.SESSION_CACHE_SECONDS ?? 5),
    logLevel: env.LOG_LEVEL ?? 'info',
    /** Run queued jobs and periodic tasks in this process (JOBS=0: API only; `npm run worker` runs them). */
    runJobs: flag(env.JOBS, true),
    jobRunner: {
      /** A job whose process stops heartbeating for this long is taken over by another process. */
      leaseMs: Number(env.JOB_LEASE_SECONDS ?? 30) * 1000,
      /** How often a process looks for jobs other processes enqueued. */
      pollMs: Number(env.JOB_POLL_MS ?? 1000),
      /** At SIGTERM, how long running jobs may finish before their leases are released. */
      graceMs: Number(env.JOB_STOP_GRACE_SECONDS ?? 25) * 1000,
    },
    /** Seals stored secrets (SMTP password); unset: a key generated in DATA_DIR/secret.key. */
    secretKey: env.JIAOWU_SECRET_KEY || undefined,
    /** Failed sign-ins of one account after which a CAPTCHA question is asked (0: never). */
    captchaAfterFailures: Number(env.CAPTCHA_AFTER_FAILURES ?? 3),
    /** Minutes a "forgot password" link works. */
    passwordResetMinutes: Number(env.PASSWORD_RESET_MINUTES ?? 30),
    /** Bearer token for /metrics on the main listener; unset: /metrics is not served there. */
    metricsToken: env.METRICS_TOKEN || undefined,
    /** Port of a separate /metrics listener on 127.0.0.1 (no token); unset: none. */
    metricsPort: env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined,
  };
}
export type Config = ReturnType<typeof loadConfig>;
