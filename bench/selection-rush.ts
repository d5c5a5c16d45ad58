// The opening rush of a first-come round 正选 (issue 13), over the real HTTP API of the real server.
//
//   npm run bench:selection                                  (PostgreSQL + pgbench, PGlite, SIGKILL run)
//   npm run bench:selection -- --students 30000 --clients 3000 --db postgres|pglite|both
//                              --pglite-clients 1000 --kill-clients 1000 --no-kill --skip-pgbench --round api|db
//                              --profile /tmp/prof   (the servers' CPU profiles, .cpuprofile)
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres   (server to make scratch databases on)
//
// PostgreSQL: a scratch database seeded once (demo school, generated students up to --students,
// an account and a signed-in session for every student, written straight into `sessions` the way
// the sign-in writes them) and kept as a template; each run gets its own copy. Two processes of
// packages/server/src/main.ts on two ports share it. The office creates a first-come round open
// now through the API, with 20 hot classes of 100 seats that every client wants and cold classes
// with plenty of seats; then --clients clients at once each try to take 5 classes (3 hot, 2 cold,
// never clashing with each other) with POST /api/selection/enrolments and an Idempotency-Key,
// waiting Retry-After on a 429 and sending the same key again. Afterwards the invariants are read
// from the database. pgbench (TPC-B, scale 10, as many connections as the two servers' pools hold)
// on another scratch database gives the database's own limit to compare enrolments/s with.
// PGlite: the same with one process (and --pglite-clients clients). The SIGKILL run: the same as
// the PostgreSQL run, but the second process is killed with SIGKILL once half the requests have
// been answered; its clients see network errors and send the same request (same key) to the
// first process, which must not enrol them twice.
//
// Exit status 1 when an invariant does not hold; the aims (ratio, p99, errors) are only printed.
process.env.JIAOWU_SCRYPT_LOG_N ??= '12'; // one hash for every generated account; not what we measure

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { openDatabase } = await import('../packages/server/src/db/client.ts');
const { DEMO_PASSWORD, seedDemo } = await import('../packages/server/src/seed/demo.ts');
const { hashPassword } = await import('../packages/server/src/modules/iam/passwords.ts');
const { sha256, SESSION_COOKIE } = await import('../packages/server/src/modules/iam/auth.service.ts');
const { sessions, userRoles, users, roles } = await import('../packages/server/src/modules/iam/iam.tables.ts');
const { adminClasses, students, terms } = await import('../packages/server/src/db/schema.ts');
const repo = await import('../packages/server/src/modules/selection/selection.repository.ts');
const { findCurrentVersion, findVersionLectures } = await import('../packages/server/src/modules/timetable/versions.repository.ts');
const { lecturesConflict } = await import('../packages/server/src/modules/selection/core/rules.ts');
const { admissionFromEnv } = await import('../packages/server/src/modules/selection/admission.ts');
const { count, eq, isNotNull, sql } = await import('drizzle-orm');
type Db = Awaited<ReturnType<typeof openDatabase>>['db'];
type RuleLecture = Parameters<typeof lecturesConflict>[0][number];

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    db: { type: 'string', default: 'both' },
    students: { type: 'string', default: '30000' },
    clients: { type: 'string', default: '3000' },
    'pglite-clients': { type: 'string', default: '1000' },
    /** Clients of the SIGKILL run (its point is what survives, not the rate). */
    'kill-clients': { type: 'string', default: '1000' },
    /** Classes each client tries to take. */
    classes: { type: 'string', default: '5' },
    hot: { type: 'string', default: '20' },
    'hot-seats': { type: 'string', default: '100' },
    cold: { type: 'string', default: '30' },
    /** The SIGKILL run on PostgreSQL (--no-kill skips it). */
    kill: { type: 'boolean', default: true },
    'skip-pgbench': { type: 'boolean', default: false },
    'pgbench-seconds': { type: 'string', default: '15' },
    /** How the round is made: through the API as the office (default) or with the repository. */
    round: { type: 'string', default: 'api' },
    /** A folder: the servers run with `--cpu-prof` and write their .cpuprofile there on exit. */
    profile: { type: 'string' },
  },
});
const STUDENTS = Number(args.students);
const CLIENTS = Number(args.clients);
const PGLITE_CLIENTS = Number(args['pglite-clients']);
const KILL_CLIENTS = Number(args['kill-clients']);
const PER_CLIENT = Number(args.classes);
const HOT = Number(args.hot);
const HOT_SEATS = Number(args['hot-seats']);
const COLD = Number(args.cold);
const HOT_PER_CLIENT = Math.min(3, PER_CLIENT - 1);
/** The database pool of one server process: packages/server/src/db/client.ts (`poolSize ?? 10`), main.ts passes none. */
const POOL_SIZE = 10;
/** A request still unanswered after this long counts as an error (a hang). */
const REQUEST_TIMEOUT_MS = 60_000;
/** Attempts of one request while the server answers 429, and the longest wait: the web client's (api/selection.ts). */
const MAX_TRIES = 10;
const MAX_WAIT_SECONDS = 60;
const PG_URL = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');
/** One key for both processes (stored secrets must read the same in each). */
const SECRET_KEY = randomBytes(32).toString('base64');
const RUN_ID = `${Date.now().toString(36)}_${process.pid}`;

// ---------------------------------------------------------------- cleanup of what we start

const children = new Set<ChildProcess>();
const scratchDatabases = new Set<string>();
const scratchDirs = new Set<string>();

async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

function urlOf(dbName: string) {
  const u = new URL(PG_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function createScratchDatabase(suffix: string, template?: string): Promise<string> {
  const name = `jw_rush_${RUN_ID}_${suffix}`;
  scratchDatabases.add(name);
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return name;
}

async function dropScratchDatabase(name: string) {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  scratchDatabases.delete(name);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((c) => stopChild(c)));
    for (const name of [...scratchDatabases]) await dropScratchDatabase(name).catch((e) => console.error(`could not drop ${name}: ${e}`));
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers and dropping the scratch databases…`);
    void cleanup().finally(() => process.exit(130));
  });
}
// Last resort if the process exits without cleanup (an uncaught error): no orphaned server.
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

// ---------------------------------------------------------------- small helpers

// The instance comes from its own small generator (xorshift32): every run builds the same plans.
function rng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}
function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '—');
const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

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

// ---------------------------------------------------------------- the school

interface Client {
  studentId: number;
  cookie: string;
  csrfToken: string;
  /** The classes it tries, in order: hot ones first (that is where everybody rushes). */
  classes: number[];
}

interface School {
  termId: number;
  hot: number[];
  cold: number[];
  coldSeats: number;
  students: number;
  sessions: number;
  /** Every client the biggest run may use, in a fixed order. */
  clients: Client[];
  office: { cookie: string; csrfToken: string };
  seedSeconds: number;
  seedSteps: string;
}

/** A signed-in session written the way the sign-in writes it (the cookie's SHA-256 is the row id). */
function newSession(userId: number, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  return {
    row: {
      id: sha256(token),
      userId,
      csrfToken,
      ip: '127.0.0.1',
      userAgent: 'bench/selection-rush',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 8 * 3600_000),
      method: 'password',
    },
    cookie: `${SESSION_COOKIE}=${token}`,
    csrfToken,
  };
}

/**
 * Migrates and seeds the demo school, adds students (each with an account) up to STUDENTS, signs
 * every student in, picks the hot and cold classes and plans what each client tries.
 */
async function seedSchool(opts: { url?: string; dataDir?: string }, maxClients: number): Promise<School> {
  const t0 = performance.now();
  const database = await openDatabase(opts);
  try {
    const steps: string[] = [];
    let ts = performance.now();
    const step = (what: string) => {
      steps.push(`${what} ${secondsSince(ts)} s`);
      ts = performance.now();
    };
    await database.migrate();
    step('migrations');
    await seedDemo(database.db);
    step('demo school');
    const db = database.db;
    const now = new Date();

    // Students up to STUDENTS, one multi-row INSERT per 1,000 (students, then their accounts and roles).
    const classes = await db.select({ id: adminClasses.id, majorId: adminClasses.majorId, cohort: adminClasses.cohort }).from(adminClasses);
    const [{ n }] = await db.select({ n: count() }).from(students);
    const [studentRole] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, 'student'));
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
    const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';
    for (let start = Number(n); start < STUDENTS; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, STUDENTS - start) }, (_, k) => {
        const i = start + k;
        const c = classes[i % classes.length];
        return {
          code: `R${String(i).padStart(7, '0')}`,
          name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length],
          gender: i % 2 ? 'male' : 'female',
          adminClassId: c.id,
          majorId: c.majorId,
          cohort: c.cohort,
          status: 'enrolled',
          email: `r${i}@bench.edu.cn`,
        };
      });
      const made = await db.insert(students).values(rows).returning({ id: students.id, code: students.code, name: students.name });
      const accounts = await db
        .insert(users)
        .values(made.map((s) => ({ username: s.code, displayName: s.name, passwordHash, isDemo: true, studentId: s.id })))
        .returning({ id: users.id });
      await db.insert(userRoles).values(accounts.map((u) => ({ userId: u.id, roleId: studentRole.id })));
    }

    step('students');
    // Every student signed in (30,000 sign-ins over HTTP would measure scrypt, not selection).
    const accounts = await db.select({ userId: users.id, studentId: users.studentId }).from(users).where(isNotNull(users.studentId));
    const signedIn = new Map<number, { cookie: string; csrfToken: string }>();
    for (let i = 0; i < accounts.length; i += 1000) {
      const batch = accounts.slice(i, i + 1000).map((a) => ({ studentId: a.studentId!, ...newSession(a.userId, now) }));
      await db.insert(sessions).values(batch.map((b) => b.row));
      for (const b of batch) signedIn.set(b.studentId, { cookie: b.cookie, csrfToken: b.csrfToken });
    }
    const [officeUser] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'office'));
    const office = newSession(officeUser.id, now);
    await db.insert(sessions).values(office.row);

    step('sessions');
    // Classes of the current term with lectures in the published timetable, no prerequisites and
    // nobody enrolled yet, one per course: the first HOT (in a fixed shuffle) are hot, the next cold.
    const [term] = await db.select({ id: terms.id }).from(terms).where(eq(terms.isCurrent, true));
    const version = await findCurrentVersion(db, term.id);
    if (!version) throw new Error('the current term has no published timetable');
    const lectures = new Map<number, RuleLecture[]>();
    for (const l of await findVersionLectures(db, version.id)) {
      if (l.day == null || l.startPeriod == null) continue;
      const list = lectures.get(l.teachingClassId) ?? [];
      list.push({ day: l.day, startPeriod: l.startPeriod, length: l.length, weekMask: l.weekMask });
      lectures.set(l.teachingClassId, list);
    }
    // The rush starts from an empty term: the demo's own selection (its rounds, the fixed required
    // classes, the electives taken, holds) is cleared, so every class and every student is free.
    await db.execute(sql`delete from selection_rounds where term_id = ${term.id}`);
    await db.execute(sql`delete from enrolments where term_id = ${term.id}`);
    await db.execute(sql`delete from selection_student_terms where term_id = ${term.id}`);
    await db.execute(sql`delete from selection_holds`);
    await db.execute(sql`update selection_class_seats set enrolled = 0 where term_id = ${term.id}`);
    const candidates = rowsOf<{ id: number; course_id: number }>(
      await db.execute(sql`
        select tc.id, tc.course_id from teaching_classes tc join courses c on c.id = tc.course_id
        where tc.term_id = ${term.id} and c.prerequisites is null
          and not exists (select 1 from enrolments e where e.teaching_class_id = tc.id and e.status = 'enrolled')
        order by tc.id`),
    ).filter((c) => lectures.has(c.id));
    const rand = rng(20260901);
    const seenCourse = new Set<number>();
    const picked: number[] = [];
    const courseOf = new Map<number, number>();
    for (const c of shuffled(candidates, rand)) {
      if (seenCourse.has(c.course_id)) continue;
      seenCourse.add(c.course_id);
      courseOf.set(c.id, c.course_id);
      picked.push(c.id);
      if (picked.length === HOT + COLD) break;
    }
    if (picked.length < HOT + COLD) throw new Error(`only ${picked.length} classes fit (need ${HOT + COLD})`);
    const hot = picked.slice(0, HOT);
    const cold = picked.slice(HOT);
    // Plenty: every client could take every cold class.
    const coldSeats = Math.max(CLIENTS, PGLITE_CLIENTS, KILL_CLIENTS);
    await db.execute(sql`update teaching_classes set capacity = ${HOT_SEATS} where id in ${sql.raw(`(${hot.join(',')})`)}`);
    await db.execute(sql`update teaching_classes set capacity = ${coldSeats} where id in ${sql.raw(`(${cold.join(',')})`)}`);
    // Seat rows a demo round may already have made keep their capacity otherwise.
    await db.execute(
      sql`update selection_class_seats set capacity = ${HOT_SEATS} where teaching_class_id in ${sql.raw(`(${hot.join(',')})`)}`,
    );
    await db.execute(
      sql`update selection_class_seats set capacity = ${coldSeats} where teaching_class_id in ${sql.raw(`(${cold.join(',')})`)}`,
    );

    // Clients: students in school, without holds, nothing passed, nothing enrolled this term.
    const eligible = rowsOf<{ id: number }>(
      await db.execute(sql`
        select s.id from students s
        where s.status = 'enrolled' and s.deleted_at is null
          and not exists (select 1 from selection_holds h where h.student_id = s.id and h.lifted_at is null)
          and not exists (select 1 from passed_courses p where p.student_id = s.id)
          and not exists (select 1 from enrolments e where e.student_id = s.id and e.term_id = ${term.id} and e.status = 'enrolled')
        order by s.id`),
    ).filter((s) => signedIn.has(s.id));
    if (eligible.length < maxClients) throw new Error(`only ${eligible.length} students may take part (need ${maxClients})`);
    const fits = (chosen: number[], c: number) =>
      chosen.every((o) => courseOf.get(o) !== courseOf.get(c) && !lecturesConflict(lectures.get(o)!, lectures.get(c)!));
    const clients: Client[] = shuffled(eligible, rand)
      .slice(0, maxClients)
      .map((s) => {
        const chosen: number[] = [];
        for (const c of shuffled(hot, rand)) if (chosen.length < HOT_PER_CLIENT && fits(chosen, c)) chosen.push(c);
        for (const c of shuffled(cold, rand)) if (chosen.length < PER_CLIENT && fits(chosen, c)) chosen.push(c);
        for (const c of shuffled(hot, rand)) if (chosen.length < PER_CLIENT && !chosen.includes(c) && fits(chosen, c)) chosen.push(c);
        return { studentId: s.id, ...signedIn.get(s.id)!, classes: chosen };
      });
    step('plans');
    // Fresh statistics, as autovacuum would leave them (PGlite has none).
    await db.execute(sql`analyze`);
    step('analyze');
    const [{ total }] = await db.select({ total: count() }).from(students);
    return {
      termId: term.id,
      hot,
      cold,
      coldSeats,
      students: Number(total),
      sessions: signedIn.size,
      clients,
      office: { cookie: office.cookie, csrfToken: office.csrfToken },
      seedSeconds: (performance.now() - t0) / 1000,
      seedSteps: steps.join(', '),
    };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- servers and HTTP

interface Server {
  child: ChildProcess;
  port: number;
  agent: http.Agent;
  dead: boolean;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const prof = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : [];
  const child = spawn(process.execPath, [...prof, path.join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JIAOWU_SECRET_KEY: SECRET_KEY,
      // Background jobs belong to a worker; the API processes only answer requests.
      JOBS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await request({ port, agent, dead: false, child }, 'GET', '/healthz', {})).status === 200)
        return { child, port, agent, dead: false };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start within 90 s');
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

function request(server: Server, method: string, urlPath: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: urlPath,
        agent: server.agent,
        headers: {
          accept: 'application/json',
          'accept-language': 'zh-CN',
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

const second = (t: number) => new Date(Math.floor(t / 1000) * 1000);
/** The round's window: opened a minute ago, for two hours (whole seconds, as the API wants). */
const windowNow = () => ({ opensAt: second(Date.now() - 60_000), closesAt: second(Date.now() + 2 * 3600_000) });

/** `--round db`: the round made with the repository, before any server holds the database. */
async function openRoundInDatabase(database: { url?: string; dataDir?: string }, school: School, name: string): Promise<number> {
  const d = await openDatabase(database);
  try {
    const round = await repo.insertRound(d.db, { termId: school.termId, name, mode: 'first_come', ...windowNow(), status: 'open' });
    await repo.addRoundClasses(d.db, round.id, [...school.hot, ...school.cold]);
    const capacities = rowsOf<{ id: number; capacity: number }>(
      await d.db.execute(sql`select id, capacity from teaching_classes where term_id = ${school.termId}`),
    );
    await d.db.transaction((tx) => repo.syncTermSeats(tx, school.termId, capacities, new Date()));
    return round.id;
  } finally {
    await d.close();
  }
}

/** The office opens a first-come round over the hot and cold classes, through the API. */
async function openRoundThroughApi(server: Server, school: School, name: string): Promise<number> {
  const { opensAt, closesAt } = windowNow();
  const headers = { cookie: school.office.cookie, 'x-csrf-token': school.office.csrfToken };
  const made = await request(server, 'POST', '/api/selection/rounds', headers, {
    termId: school.termId,
    name,
    mode: 'first_come',
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
  });
  if (made.status !== 200 && made.status !== 201) throw new Error(`creating the round: ${made.status} ${JSON.stringify(made.body)}`);
  const roundId = (made.body as { id: number }).id;
  const put = await request(server, 'PUT', `/api/selection/rounds/${roundId}/classes`, headers, {
    teachingClassIds: [...school.hot, ...school.cold],
  });
  if (put.status >= 300) throw new Error(`opening the classes: ${put.status} ${JSON.stringify(put.body)}`);
  return roundId;
}

/** The sessions written into the database work: a client and the office are signed in. */
async function checkSignedIn(server: Server, school: School, client: Client) {
  for (const who of [client, school.office]) {
    const me = await request(server, 'GET', '/api/me', { cookie: who.cookie });
    if (me.status !== 200) throw new Error(`a seeded session is not signed in: GET /api/me ${me.status} ${JSON.stringify(me.body)}`);
  }
}

// ---------------------------------------------------------------- CPU spent

/** CPU seconds (user + system) a process has used so far, from /proc; null once it is gone. */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/**
 * CPU the API processes and the database's backends spend during the rush. The machine is shared
 * with other work, so wall-clock rates move with its load; CPU per request does not (much).
 * PostgreSQL backends are those of the run's database, sampled twice a second.
 */
function cpuMeter(servers: Server[], dbName: string | null) {
  const base = new Map<number, number>();
  const last = new Map<number, number>();
  const see = (pid: number, fresh: boolean) => {
    const c = cpuSecondsOf(pid);
    if (c === null) return;
    if (!base.has(pid)) base.set(pid, fresh ? 0 : c);
    last.set(pid, c);
  };
  const serverPids = servers.map((s) => s.child.pid!).filter(Boolean);
  const backendPids = new Set<number>();
  let started = false;
  const client = dbName ? new pg.Client({ connectionString: PG_URL }) : null;
  const sample = async () => {
    for (const pid of serverPids) see(pid, false);
    if (!client) return;
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName]);
    for (const { pid } of rows) {
      // A backend first seen after the start was opened during the rush: all of its CPU counts.
      see(pid, started && !backendPids.has(pid));
      backendPids.add(pid);
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const self0 = process.cpuUsage();
  // What the database did for it: transactions, rows scanned (sequential and index) and fetched.
  const counters = async () => {
    if (!client) return null;
    const { rows } = await client.query<{ xacts: string; returned: string; fetched: string }>(
      'select xact_commit + xact_rollback as xacts, tup_returned as returned, tup_fetched as fetched from pg_stat_database where datname = $1',
      [dbName],
    );
    return { xacts: Number(rows[0].xacts), returned: Number(rows[0].returned), fetched: Number(rows[0].fetched) };
  };
  let counters0: Awaited<ReturnType<typeof counters>> = null;
  // Rows read by table, by sequential scans and through indexes: where the rows scanned come from.
  const tablesClient = dbName ? new pg.Client({ connectionString: urlOf(dbName) }) : null;
  const seqScans = async () => {
    if (!tablesClient) return new Map<string, { seq: number; idx: number }>();
    const { rows } = await tablesClient.query<{ relname: string; n: string; f: string }>(
      'select relname, seq_tup_read as n, coalesce(idx_tup_fetch, 0) as f from pg_stat_user_tables',
    );
    return new Map(rows.map((r) => [r.relname, { seq: Number(r.n), idx: Number(r.f) }]));
  };
  let scans0 = new Map<string, { seq: number; idx: number }>();
  // Dropping the database (cleanup after a failure) ends these connections: not a crash.
  for (const c of [client, tablesClient]) c?.on('error', () => {});
  return {
    async start() {
      await client?.connect();
      await tablesClient?.connect();
      counters0 = await counters();
      scans0 = await seqScans();
      await sample();
      started = true;
      timer = setInterval(() => void sample().catch(() => {}), 500);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await sample().catch(() => {});
      // PostgreSQL publishes its statistics about once a second.
      if (client) await new Promise((res) => setTimeout(res, 1500));
      const counters1 = await counters();
      const scans1 = await seqScans();
      await client?.end();
      await tablesClient?.end();
      const top = (kind: 'seq' | 'idx') =>
        [...scans1]
          .map(([table, n]) => ({ table, rows: n[kind] - (scans0.get(table)?.[kind] ?? 0) }))
          .filter((t) => t.rows > 0)
          .sort((a, b) => b.rows - a.rows)
          .slice(0, 4);
      const scanned = top('seq');
      const indexed = top('idx');
      const used = (pids: Iterable<number>) => [...pids].reduce((n, pid) => n + (last.get(pid) ?? 0) - (base.get(pid) ?? 0), 0);
      const self = process.cpuUsage(self0);
      const db =
        counters0 && counters1
          ? {
              xacts: counters1.xacts - counters0.xacts,
              returned: counters1.returned - counters0.returned,
              fetched: counters1.fetched - counters0.fetched,
              scanned,
              indexed,
            }
          : null;
      return { api: used(serverPids), database: used(backendPids), clients: (self.user + self.system) / 1e6, db };
    },
  };
}

// ---------------------------------------------------------------- the rush

interface Acknowledged {
  id: number;
  studentId: number;
  teachingClassId: number;
  replayed: boolean;
}

interface RushResult {
  wallSeconds: number;
  requests: number;
  attempts: number[];
  /** Attempts the server took in (not answered 429). */
  admitted: number[];
  endToEnd: number[];
  acknowledged: Acknowledged[];
  tooMany: number;
  refusals: Map<string, number>;
  serverErrors: number;
  otherErrors: Map<string, number>;
  networkErrors: number;
  /** Network errors not sent again, by kind (ECONNRESET, timeout…). */
  networkKinds: Map<string, number>;
  failedOver: number;
  gaveUp: number;
  killedAtSeconds: number | null;
  /** CPU seconds spent during the rush, and the database's counters (PostgreSQL). */
  cpu: {
    api: number;
    database: number;
    clients: number;
    db: { xacts: number; returned: number; fetched: number; scanned: { table: string; rows: number }[] } | null;
  };
}

/**
 * Every client at once, each taking its classes one after the other as a student clicks. With
 * `killSecond`, the second server is killed with SIGKILL once half the requests are answered; a
 * request that meets the dead process is sent again, same key, to the first one.
 */
async function rush(
  servers: Server[],
  roundId: number,
  clients: Client[],
  killSecond: boolean,
  dbName: string | null,
): Promise<RushResult> {
  const r: RushResult = {
    wallSeconds: 0,
    requests: 0,
    attempts: [],
    admitted: [],
    endToEnd: [],
    acknowledged: [],
    tooMany: 0,
    refusals: new Map(),
    serverErrors: 0,
    otherErrors: new Map(),
    networkErrors: 0,
    networkKinds: new Map(),
    failedOver: 0,
    gaveUp: 0,
    killedAtSeconds: null,
    cpu: { api: 0, database: 0, clients: 0, db: null },
  };
  const planned = clients.reduce((n, c) => n + c.classes.length, 0);
  console.log(`\n${servers.length === 1 ? 'PGlite' : 'PostgreSQL'} rush${killSecond ? ' with SIGKILL' : ''} starts (${load()})`);
  const jitter = rng(7);
  const meter = cpuMeter(servers, dbName);
  await meter.start();
  const t0 = performance.now();
  const other = (err: string) => r.otherErrors.set(err, (r.otherErrors.get(err) ?? 0) + 1);

  async function take(client: Client, home: Server, teachingClassId: number) {
    const key = randomUUID();
    const started = performance.now();
    let server = home;
    let tries = 0;
    for (;;) {
      const a0 = performance.now();
      let answer: Answer;
      try {
        answer = await request(
          server,
          'POST',
          '/api/selection/enrolments',
          { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'idempotency-key': key },
          { roundId, teachingClassId },
        );
      } catch (e) {
        r.networkErrors++;
        const live = servers.find((s) => !s.dead);
        if (server.dead && live && live !== server) {
          // The process is gone: the same request, same key, to the one still running.
          r.failedOver++;
          server = live;
          continue;
        }
        const what = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        r.networkKinds.set(what, (r.networkKinds.get(what) ?? 0) + 1);
        return;
      }
      const took = performance.now() - a0;
      r.attempts.push(took);
      if (answer.status !== 429) r.admitted.push(took);
      if (answer.status === 429) {
        r.tooMany++;
        if (++tries >= MAX_TRIES) {
          r.gaveUp++;
          return;
        }
        const header = Number(answer.headers['retry-after']);
        const seconds = Math.min(Math.max(Number.isFinite(header) ? header : 1, 0), MAX_WAIT_SECONDS);
        await new Promise((res) => setTimeout(res, seconds * 1000 * (1 + jitter() / 4)));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) {
        const b = answer.body as { id: number; teachingClassId: number; replayed?: boolean };
        r.endToEnd.push(performance.now() - started);
        r.acknowledged.push({ id: b.id, studentId: client.studentId, teachingClassId, replayed: !!b.replayed });
        return;
      }
      const code = (answer.body as { error?: { code?: string } } | null)?.error?.code ?? `http_${answer.status}`;
      if (answer.status === 409) r.refusals.set(code, (r.refusals.get(code) ?? 0) + 1);
      else if (answer.status >= 500) {
        r.serverErrors++;
        other(`${answer.status} ${code}`);
      } else other(`${answer.status} ${code}`);
      return;
    }
  }

  // A line every 10 s, so a slow rush on a busy machine is seen to move.
  const progress = setInterval(() => {
    console.log(
      `  ${secondsSince(t0)} s: ${r.requests}/${planned} requests answered, ${r.acknowledged.length} enrolled, ${r.tooMany} × 429 (${load()})`,
    );
  }, 10_000);
  const watcher = killSecond
    ? setInterval(() => {
        if (r.killedAtSeconds === null && r.requests >= planned / 2) {
          servers[1].dead = true;
          servers[1].child.kill('SIGKILL');
          r.killedAtSeconds = (performance.now() - t0) / 1000;
        }
      }, 5)
    : null;
  await Promise.all(
    clients.map(async (client, i) => {
      const home = servers[i % servers.length];
      for (const teachingClassId of client.classes) {
        await take(client, home, teachingClassId);
        r.requests++;
      }
    }),
  );
  if (watcher) clearInterval(watcher);
  clearInterval(progress);
  r.wallSeconds = (performance.now() - t0) / 1000;
  r.cpu = await meter.stop();
  r.attempts.sort((a, b) => a - b);
  r.admitted.sort((a, b) => a - b);
  r.endToEnd.sort((a, b) => a - b);
  return r;
}

// ---------------------------------------------------------------- invariants

interface Invariants {
  oversold: number;
  counterMismatch: number;
  totalsMismatch: number;
  duplicates: number;
  conflicts: number;
  acknowledgedPresent: number;
  acknowledgedMissing: number;
  roundRows: number;
  hotEnrolled: number;
}

/** Reads what must hold from the database, after the servers are stopped. */
async function checkInvariants(
  database: { url?: string; dataDir?: string },
  school: School,
  roundId: number,
  acknowledged: Acknowledged[],
) {
  const d = await openDatabase(database);
  try {
    const db: Db = d.db;
    const report = await repo.findSeatInvariantViolations(db, school.termId);
    const version = (await findCurrentVersion(db, school.termId))!;
    const lectures = new Map<number, RuleLecture[]>();
    for (const l of await findVersionLectures(db, version.id)) {
      if (l.day == null || l.startPeriod == null) continue;
      const list = lectures.get(l.teachingClassId) ?? [];
      list.push({ day: l.day, startPeriod: l.startPeriod, length: l.length, weekMask: l.weekMask });
      lectures.set(l.teachingClassId, list);
    }
    // No student holds two classes whose lectures meet in a common week (self-study retakes may).
    const held = rowsOf<{ student_id: number; teaching_class_id: number; self_study: boolean }>(
      await db.execute(sql`
        select student_id, teaching_class_id, coalesce(retake_mode = 'self_study', false) as self_study
        from enrolments where term_id = ${school.termId} and status = 'enrolled'`),
    );
    const byStudent = new Map<number, number[]>();
    for (const h of held) {
      if (h.self_study) continue;
      const list = byStudent.get(h.student_id) ?? [];
      list.push(h.teaching_class_id);
      byStudent.set(h.student_id, list);
    }
    let conflicts = 0;
    for (const list of byStudent.values())
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          if (lecturesConflict(lectures.get(list[i]) ?? [], lectures.get(list[j]) ?? [])) conflicts++;
    // Every acknowledged enrolment is there, enrolled, for that student and class.
    const found = new Map<number, { student_id: number; teaching_class_id: number; status: string }>();
    const ids = [...new Set(acknowledged.map((a) => a.id))];
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000);
      for (const row of rowsOf<{ id: number; student_id: number; teaching_class_id: number; status: string }>(
        await db.execute(
          sql`select id, student_id, teaching_class_id, status from enrolments where id in ${sql.raw(`(${chunk.join(',')})`)}`,
        ),
      ))
        found.set(row.id, row);
    }
    let present = 0;
    for (const a of acknowledged) {
      const row = found.get(a.id);
      if (row && row.status === 'enrolled' && row.student_id === a.studentId && row.teaching_class_id === a.teachingClassId) present++;
    }
    const [{ n }] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from enrolments where round_id = ${roundId} and status = 'enrolled'`),
    );
    const [{ h }] = rowsOf<{ h: number }>(
      await db.execute(
        sql`select coalesce(sum(enrolled), 0)::int as h from selection_class_seats where teaching_class_id in ${sql.raw(`(${school.hot.join(',')})`)}`,
      ),
    );
    return {
      oversold: report.oversold.length,
      counterMismatch: report.counterMismatch.length,
      totalsMismatch: report.totalsMismatch.length,
      duplicates: report.duplicateCourses.length,
      conflicts,
      acknowledgedPresent: present,
      acknowledgedMissing: acknowledged.length - present,
      roundRows: n,
      hotEnrolled: h,
    } satisfies Invariants;
  } finally {
    await d.close();
  }
}

// ---------------------------------------------------------------- pgbench

function pgbenchBinary(): string {
  for (const candidate of ['pgbench', ...['17', '16', '15', '14', '13'].map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`)]) {
    if (spawnSync(candidate, ['--version']).status === 0) return candidate;
  }
  throw new Error('pgbench not found (apt-get install -y postgresql-contrib)');
}

function runPgbench(bin: string, argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`pgbench ${argv.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

/** TPC-B at scale 10 on a scratch database: transactions per second with `connections` clients, 2 threads. */
async function pgbench(connections: number): Promise<number> {
  const bin = pgbenchBinary();
  const name = await createScratchDatabase('pgbench');
  try {
    const url = urlOf(name);
    await runPgbench(bin, ['-i', '-s', '10', '-q', url]);
    const out = await runPgbench(bin, ['-c', String(connections), '-j', '2', '-T', args['pgbench-seconds'], url]);
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
    if (!m) throw new Error(`no tps in pgbench's output:\n${out}`);
    return Number(m[1]);
  } finally {
    await dropScratchDatabase(name);
  }
}

// ---------------------------------------------------------------- report

let invariantsBroken = false;

function report(title: string, r: RushResult, inv: Invariants, clients: number, killRun: boolean) {
  const enrolled = r.acknowledged.length;
  const rate = enrolled / r.wallSeconds;
  console.log(`\n== ${title}`);
  console.log(
    `${clients} clients × up to ${PER_CLIENT} classes = ${r.requests} requests in ${r.wallSeconds.toFixed(1)} s` +
      (r.killedAtSeconds !== null ? `; second process SIGKILLed at ${r.killedAtSeconds.toFixed(1)} s` : ''),
  );
  console.log(
    `enrolments (2xx): ${enrolled}  →  ${rate.toFixed(0)} enrolments/s` +
      (killRun
        ? ` (replayed — sent again with the same key after a network error, answered with the enrolment already made: ${r.acknowledged.filter((a) => a.replayed).length})`
        : ''),
  );
  console.log(
    `latency per attempt      (${r.attempts.length}): p50 ${ms(percentile(r.attempts, 50))}, p95 ${ms(percentile(r.attempts, 95))}, p99 ${ms(percentile(r.attempts, 99))}, max ${ms(r.attempts.at(-1) ?? NaN)}`,
  );
  console.log(
    `  of them admitted (not 429) (${r.admitted.length}): p50 ${ms(percentile(r.admitted, 50))}, p95 ${ms(percentile(r.admitted, 95))}, p99 ${ms(percentile(r.admitted, 99))}`,
  );
  console.log(
    `latency per enrolment end to end, 429 waits included (${r.endToEnd.length}): p50 ${ms(percentile(r.endToEnd, 50))}, p95 ${ms(percentile(r.endToEnd, 95))}, p99 ${ms(percentile(r.endToEnd, 99))}`,
  );
  const perRequest = (sec: number) => `${((sec * 1000) / Math.max(1, r.attempts.length)).toFixed(1)} ms`;
  const cpuTotal = r.cpu.api + r.cpu.database + r.cpu.clients;
  console.log(
    `CPU per attempt: API processes ${perRequest(r.cpu.api)}` +
      (r.cpu.database ? `, PostgreSQL backends ${perRequest(r.cpu.database)}` : ' (PGlite inside)') +
      `, bench clients ${perRequest(r.cpu.clients)}; ${cpuTotal.toFixed(1)} CPU s in ${r.wallSeconds.toFixed(1)} s wall` +
      ` (${(cpuTotal / r.wallSeconds).toFixed(2)} of ${availableParallelism()} cores: the rest went to other work on this machine)`,
  );
  // PGlite runs inside the one server process: one core at most, whatever the machine has.
  const cores = r.cpu.database ? availableParallelism() : 1;
  if (enrolled > 0)
    console.log(
      `  → CPU-bound ceiling with ${cores} core${cores > 1 ? 's' : ''} to ourselves: ≈ ${((cores * enrolled) / cpuTotal).toFixed(0)} enrolments/s ` +
        `(${((cpuTotal * 1000) / enrolled).toFixed(1)} CPU ms per enrolment, refusals and 429s included)`,
    );
  const d = r.cpu.db;
  if (d) {
    const per = (n: number) => (n / Math.max(1, r.attempts.length)).toFixed(1);
    console.log(
      `database per attempt: ${per(d.xacts)} transactions, ${per(d.returned)} rows scanned, ${per(d.fetched)} rows fetched (pg_stat_database)` +
        (d.scanned.length ? `; sequential scans read ${d.scanned.map((t) => `${t.table} ${per(t.rows)}`).join(', ')} rows` : '') +
        (d.indexed.length ? `; index scans fetched ${d.indexed.map((t) => `${t.table} ${per(t.rows)}`).join(', ')} rows` : ''),
    );
  }
  console.log(`429 (admission control / rate limit): ${r.tooMany}${r.gaveUp ? `, gave up after ${MAX_TRIES} attempts: ${r.gaveUp}` : ''}`);
  const refusals = [...r.refusals].sort((a, b) => b[1] - a[1]);
  console.log(`409 refusals: ${refusals.length ? refusals.map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}`);
  console.log(
    `errors: 5xx ${r.serverErrors}, network ${r.networkErrors}${killRun ? ` (sent again to the live process: ${r.failedOver})` : ''}` +
      (r.networkKinds.size ? ` [not sent again: ${[...r.networkKinds].map(([c, n]) => `${c} × ${n}`).join(', ')}]` : '') +
      (r.otherErrors.size ? `; ${[...r.otherErrors].map(([c, n]) => `${c} × ${n}`).join(', ')}` : ''),
  );
  const lost = inv.acknowledgedMissing;
  const ok =
    inv.oversold === 0 &&
    inv.counterMismatch === 0 &&
    inv.totalsMismatch === 0 &&
    inv.duplicates === 0 &&
    inv.conflicts === 0 &&
    lost === 0 &&
    inv.hotEnrolled <= HOT * HOT_SEATS &&
    // Rows nobody was told about can only come from requests whose answer was lost (network, timeout).
    inv.roundRows >= inv.acknowledgedPresent &&
    inv.roundRows - inv.acknowledgedPresent <= r.networkErrors;
  if (!ok) invariantsBroken = true;
  console.log(
    `invariants ${ok ? 'HOLD' : 'BROKEN'}: oversold ${inv.oversold}, counters ≠ rows ${inv.counterMismatch}, student totals ≠ rows ${inv.totalsMismatch}, ` +
      `conflicts ${inv.conflicts}, duplicates ${inv.duplicates}, acknowledged present ${inv.acknowledgedPresent}/${enrolled}` +
      `; enrolled rows of the round ${inv.roundRows}` +
      (killRun || r.networkErrors ? ` (committed, answer lost: ${inv.roundRows - inv.acknowledgedPresent})` : '') +
      `; hot seats taken ${inv.hotEnrolled}/${HOT * HOT_SEATS}`,
  );
  return rate;
}

function errorCount(r: RushResult) {
  // otherErrors holds the 5xx too.
  return r.networkErrors + r.gaveUp + [...r.otherErrors.values()].reduce((a, b) => a + b, 0);
}

function p99(r: RushResult) {
  return percentile(r.attempts, 99);
}

// ---------------------------------------------------------------- runs

/** The settings the servers run with (they inherit this environment): admission control as main.ts reads it. */
function serverSettings(kind: 'postgres' | 'pglite') {
  const a = admissionFromEnv(process.env);
  const db = kind === 'postgres' ? `2 processes, database pool ${POOL_SIZE} each` : '1 process, PGlite (one connection)';
  return (
    `${db}; per process SELECTION_MAX_IN_FLIGHT=${a.maxInFlight}, SELECTION_QUEUE=${a.queueLimit}, SELECTION_MAX_WAIT_MS=${a.maxWaitMs}, ` +
    `per student SELECTION_STUDENT_RATE=${a.perStudentPerSecond}/s, SELECTION_STUDENT_BURST=${a.burst}; ` +
    `SESSION_CACHE_SECONDS=${process.env.SESSION_CACHE_SECONDS ?? '5 (default)'}, JOBS=0`
  );
}

/** The machine is shared: its load when a rush starts says how far to trust the figures. */
const load = () => `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;

async function postgresRun(template: string, school: School, kill: boolean) {
  const name = await createScratchDatabase(kill ? 'kill' : 'rush', template);
  const url = urlOf(name);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jw-rush-'));
  scratchDirs.add(dataDir);
  const servers: Server[] = [];
  try {
    const roundName = kill ? '正选（压测·杀进程）' : '正选（压测）';
    const early = args.round === 'db' ? await openRoundInDatabase({ url }, school, roundName) : null;
    for (let i = 0; i < 2; i++) servers.push(await startServer({ DATABASE_URL: url, DATA_DIR: dataDir }));
    const clients = school.clients.slice(0, kill ? KILL_CLIENTS : CLIENTS);
    await checkSignedIn(servers[1], school, clients[0]);
    const roundId = early ?? (await openRoundThroughApi(servers[0], school, roundName));
    const r = await rush(servers, roundId, clients, kill, name);
    for (const s of servers) await stopChild(s.child);
    const inv = await checkInvariants({ url }, school, roundId, r.acknowledged);
    return { r, inv, clients: clients.length };
  } finally {
    for (const s of servers) {
      s.agent.destroy();
      await stopChild(s.child);
    }
    await dropScratchDatabase(name);
  }
}

function describeSchool(kind: string, school: School) {
  console.log(
    `\n${kind}: seeded in ${school.seedSeconds.toFixed(1)} s (${school.seedSteps}): ${school.students} students, ${school.sessions} signed in; ` +
      `hot ${school.hot.length} × ${HOT_SEATS} seats, cold ${school.cold.length} × ${school.coldSeats} seats`,
  );
}

async function main() {
  const t = performance.now();
  const kinds = args.db === 'both' ? ['postgres', 'pglite'] : [args.db];
  for (const k of kinds) if (k !== 'postgres' && k !== 'pglite') throw new Error('--db must be postgres, pglite or both');
  console.log(
    `selection rush: ${STUDENTS} students, ${CLIENTS} clients (SIGKILL run ${KILL_CLIENTS}, PGlite ${PGLITE_CLIENTS}), ${PER_CLIENT} classes each (${HOT_PER_CLIENT} hot), ` +
      `${HOT} hot classes × ${HOT_SEATS} seats, ${COLD} cold classes; round made via ${args.round}`,
  );
  console.log(
    `clients (as the web client): on a 429 wait Retry-After (at most ${MAX_WAIT_SECONDS} s) + up to a quarter more and send the same ` +
      `Idempotency-Key again, at most ${MAX_TRIES} attempts`,
  );

  if (kinds.includes('postgres')) {
    const template = await createScratchDatabase('template');
    const school = await seedSchool({ url: urlOf(template) }, Math.max(CLIENTS, KILL_CLIENTS));
    describeSchool('PostgreSQL', school);
    console.log(`servers: ${serverSettings('postgres')}`);
    const { r, inv, clients } = await postgresRun(template, school, false);
    const rate = report('PostgreSQL, 2 API processes', r, inv, clients, false);
    if (!args['skip-pgbench']) {
      const connections = 2 * POOL_SIZE;
      const tps = await pgbench(connections);
      const ratio = rate / tps;
      console.log(
        `\npgbench TPC-B, scale 10, ${connections} connections (2 × pool ${POOL_SIZE}), 2 threads, ${args['pgbench-seconds']} s: ${tps.toFixed(0)} tps`,
      );
      console.log(
        `ratio enrolments/s ÷ pgbench tps = ${rate.toFixed(0)} / ${tps.toFixed(0)} = ${ratio.toFixed(2)}  ` +
          `(aim ≥ 0.3: ${ratio >= 0.3 ? 'met' : 'NOT met'}; p99 ${ms(p99(r))} < 500 ms: ${p99(r) < 500 ? 'met' : 'NOT met'}; ` +
          `0 errors: ${errorCount(r) === 0 ? 'met' : 'NOT met'})`,
      );
    }
    if (args.kill) {
      const k = await postgresRun(template, school, true);
      report('PostgreSQL, 2 API processes, one SIGKILLed halfway', k.r, k.inv, k.clients, true);
    }
    await dropScratchDatabase(template);
  }

  if (kinds.includes('pglite')) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'jw-rush-pglite-'));
    scratchDirs.add(dataDir);
    const school = await seedSchool({ dataDir }, PGLITE_CLIENTS);
    describeSchool('PGlite', school);
    console.log(`server: ${serverSettings('pglite')}`);
    const early = args.round === 'db' ? await openRoundInDatabase({ dataDir }, school, '正选（压测）') : null;
    const server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir });
    let roundId: number;
    let r: RushResult;
    try {
      await checkSignedIn(server, school, school.clients[0]);
      roundId = early ?? (await openRoundThroughApi(server, school, '正选（压测）'));
      r = await rush([server], roundId, school.clients.slice(0, PGLITE_CLIENTS), false, null);
    } finally {
      server.agent.destroy();
      await stopChild(server.child);
    }
    const inv = await checkInvariants({ dataDir }, school, roundId, r.acknowledged);
    report('PGlite, 1 API process', r, inv, PGLITE_CLIENTS, false);
  }
  console.log(`\nwhole run: ${secondsSince(t)} s`);
}

try {
  await main();
} finally {
  await cleanup();
}
if (invariantsBroken) {
  console.error('\nan invariant does not hold (see above)');
  process.exitCode = 1;
}
