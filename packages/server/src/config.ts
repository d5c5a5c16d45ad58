import path from 'node:path';

/** Settings from the environment; the README's configuration table lists them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const flag = (v: string | undefined, dflt: boolean) => (v === undefined || v === '' ? dflt : /^(1|true|yes|on)$/i.test(v));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    /** Seed the demo school on an empty database (default on). */
    demo: flag(env.JIAOWU_DEMO, true),
    /** Password of the first admin when the demo is off; must be changed at first login. */
    initialAdminPassword: env.JIAOWU_ADMIN_PASSWORD ?? 'change-me-now',
    secureCookies: flag(env.SECURE_COOKIES, false),
    trustProxy: flag(env.TRUST_PROXY, false),
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 480),
    sessionMaxHours: Number(env.SESSION_MAX_HOURS ?? 168),
    logLevel: env.LOG_LEVEL ?? 'info',
    /** Bearer token for /metrics on the main listener; unset: /metrics is not served there. */
    metricsToken: env.METRICS_TOKEN || undefined,
    /** Port of a separate /metrics listener on 127.0.0.1 (no token); unset: none. */
    metricsPort: env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined,
  };
}
export type Config = ReturnType<typeof loadConfig>;
