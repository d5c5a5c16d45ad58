// Authenticated read benchmark: the real server, over HTTP, 50 connections.
//
//   npm run bench:api                          (PGlite and PostgreSQL)
//   npm run bench:api -- --db pglite|postgres|both --students 30000 --seconds 10 --connections 50
//   npm run bench:api -- --db postgres --profile /tmp/prof   (server's CPU profile, .cpuprofile)
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres   (server to make a fresh database on)
//
// For each database: a fresh PGlite data folder or a fresh PostgreSQL database,
// migrated, the demo school seeded plus generated students up to --students;
// then `packages/server/src/main.ts` as a child process on a free port, signed
// in as admin, and autocannon on /healthz, /api/me, a students list page, a deep
// list page and a student detail page. Prints req/s, p50 and p99 and each
// endpoint's throughput relative to /healthz in the same run. On PostgreSQL it
// also prints how many rows of `sessions` were written during the run (the
// sliding expiry must not write per request).
process.env.JIAOWU_SCRYPT_LOG_N ??= '12'; // sign-in cost is not what we measure

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const { openDatabase } = await import('../packages/server/src/db/client.ts');
const { DEMO_PASSWORD, seedDemo } = await import('../packages/server/src/seed/demo.ts');
const { adminClasses, students } = await import('../packages/server/src/db/schema.ts');
const { count, sql } = await import('drizzle-orm');

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    students: { type: 'string', default: '30000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    // A folder: the server runs with `--cpu-prof` and writes its .cpuprofile there on exit.
    profile: { type: 'string' },
    // Measure only the endpoints whose name contains this (e.g. `--only students`); /healthz always runs.
    only: { type: 'string' },
  },
});
const STUDENTS = Number(args.students);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const PG_URL = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Seeds the demo school, then students in its admin classes up to `STUDENTS`. */
async function seed(opts: { url?: string; dataDir?: string }) {
  const database = await openDatabase(opts);
  await database.migrate();
  await seedDemo(database.db);
  const db = database.db;
  const classes = await db.select({ id: adminClasses.id, majorId: adminClasses.majorId, cohort: adminClasses.cohort }).from(adminClasses);
  const [{ n }] = await db.select({ n: count() }).from(students);
  const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
  const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';
  for (let start = Number(n); start < STUDENTS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, STUDENTS - start) }, (_, k) => {
      const i = start + k;
      const c = classes[i % classes.length];
      return {
        code: `B${String(i).padStart(7, '0')}`,
        name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length],
        gender: i % 2 ? 'male' : 'female', // the contract's values (Chinese labels failed the response schema: 500s)
        adminClassId: c.id,
        majorId: c.majorId,
        cohort: c.cohort,
        status: i % 50 === 0 ? 'suspended' : 'enrolled',
        email: `b${i}@bench.edu.cn`,
      };
    });
    await db.insert(students).values(rows);
  }
  // Fresh statistics, as autovacuum would leave them on a server (PGlite has no autovacuum:
  // without this the planner still believes in the demo's 4,000 students).
  await db.execute(sql`analyze`);
  await database.close();
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const prof = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : [];
  const child = spawn(process.execPath, [...prof, path.join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start within 60 s');
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Row> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  // Let the server finish what the last run left queued, so the next endpoint starts on an idle server.
  await fetch(new URL('/healthz', url));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts };
}

async function sessionWrites(url: string | undefined) {
  if (!url) return null;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `select coalesce(sum(n_tup_upd + n_tup_ins), 0)::int as n from pg_stat_user_tables where relname = 'sessions'`,
    );
    return rows[0].n as number;
  } finally {
    await c.end();
  }
}

async function run(kind: 'pglite' | 'postgres') {
  let dataDir: string | undefined;
  let dbUrl: string | undefined;
  let dbName: string | undefined;
  if (kind === 'pglite') {
    dataDir = mkdtempSync(path.join(tmpdir(), 'jw-bench-'));
  } else {
    dbName = `jw_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  }
  let server: { child: ChildProcess; base: string } | null = null;
  try {
    const t0 = performance.now();
    await seed({ url: dbUrl, dataDir });
    const setup = (performance.now() - t0) / 1000;
    server = await startServer(dbUrl ? { DATABASE_URL: dbUrl } : { DATA_DIR: dataDir!, DATABASE_URL: '' });
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = { cookie, 'accept-language': 'zh-CN' };
    const page1 = await (await fetch(`${server.base}/api/students?page=1&pageSize=20`, { headers })).json();
    const deepPage = Math.max(1, Math.floor(page1.total / 20) - 1);
    // Warm-up (JIT, pool connections) that is not reported.
    await autocannon({ url: `${server.base}/api/me`, connections: CONNECTIONS, duration: 2, headers });
    const writesBefore = await sessionWrites(dbUrl);
    const endpoints: [string, string][] = [
      ['/healthz', `${server.base}/healthz`],
      ['GET /api/me', `${server.base}/api/me`],
      ['students page 1', `${server.base}/api/students?page=1&pageSize=20`],
      [`students page ${deepPage}`, `${server.base}/api/students?page=${deepPage}&pageSize=20`],
      ['student detail', `${server.base}/api/students/${page1.items[10].id}`],
    ];
    const rows: Row[] = [];
    for (const [name, url] of endpoints)
      if (name === '/healthz' || !args.only || name.includes(args.only)) rows.push(await measure(name, url, headers));
    await new Promise((r) => setTimeout(r, 1500)); // PostgreSQL publishes table statistics about once a second
    const writesAfter = await sessionWrites(dbUrl);
    const health = rows[0].rps;
    console.log(`\n${kind}: ${page1.total} students, setup ${setup.toFixed(1)} s, ${CONNECTIONS} connections, ${SECONDS} s per endpoint`);
    console.log(
      `${'endpoint'.padEnd(22)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs healthz'.padStart(12)}${'non-2xx'.padStart(9)}`,
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(22)}${r.rps.toFixed(0).padStart(9)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}${`${((r.rps / health) * 100).toFixed(0)} %`.padStart(12)}${String(r.errors).padStart(9)}`,
      );
    }
    if (writesBefore !== null && writesAfter !== null)
      console.log(`rows of sessions written during the run: ${writesAfter - writesBefore}`);
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => server!.child.once('exit', r));
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).finally(() => admin.end());
    }
  }
}

const kinds = args.db === 'both' ? (['pglite', 'postgres'] as const) : [args.db as 'pglite' | 'postgres'];
for (const kind of kinds) {
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error('--db must be pglite, postgres or both');
  await run(kind);
}
