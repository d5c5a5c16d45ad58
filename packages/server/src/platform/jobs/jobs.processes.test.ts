import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import pg from 'pg';
import type { Db } from '../../db/client.ts';
import { cloneTestDatabase, type TestDatabase } from '../../test/test-db.ts';
import { systemActor } from '../access.ts';
import { COMMIT_IMPORT_JOBS } from '../../modules/imports/commit-import.job.ts';
import { findJob } from './jobs.repository.ts';
import { createJobService, type JobService } from './jobs.service.ts';
import { markKinds } from './test/marks.kinds.ts';

/**
 * Several real processes on one PostgreSQL: workers killed with SIGKILL,
 * jobs taken over after the lease, cancels crossing processes, and the real
 * `worker.ts` entry. PGlite is one process, so these need DATABASE_URL.
 */
const onPostgres = !!process.env.DATABASE_URL;
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const MARKS_WORKER = fileURLToPath(new URL('./test/marks-worker.ts', import.meta.url));
const WORKER_ENTRY = fileURLToPath(new URL('../../worker.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await sleep(50);
  }
}

interface Mark {
  job_id: number;
  worker: number;
  event: string;
  attempt: number;
  at: Date;
}

let database: TestDatabase;
let db: Db;
let url: string;
/** Enqueues only: this process runs no job. */
let jobs: JobService;
const children: ChildProcess[] = [];

/** Starts a process (Node strips the types) and resolves once it printed `ready`, or rejects if it exits first. */
function startProcess(file: string, env: Record<string, string>, readyText: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(readyText)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`process exited (${code}) before ready:\n${out}`)));
  });
}
const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code))));

const rows = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const marksOf = (ids: number[]) => rows<Mark>(sql`SELECT * FROM job_marks WHERE job_id IN ${ids} ORDER BY at`);

describe.skipIf(!onPostgres)('jobs across processes (PostgreSQL)', () => {
  beforeAll(async () => {
    database = await cloneTestDatabase('demo');
    db = database.db;
    const [{ name }] = await rows<{ name: string }>(sql`SELECT current_database() AS name`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
    // The app's role owns nothing and may not create tables: the table of marks is made by the
    // owner (the database's default privileges then grant it to the app, like a migration's tables).
    const owner = new pg.Client({ connectionString: database.urls?.owner ?? url });
    await owner.connect();
    try {
      await owner.query(
        'CREATE TABLE job_marks (job_id int NOT NULL, worker int NOT NULL, event text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL)',
      );
    } finally {
      await owner.end();
    }
    jobs = createJobService({
      db,
      clock: () => new Date(),
      log: pino({ level: 'silent' }),
      kinds: [...Object.values(markKinds), ...Object.values(COMMIT_IMPORT_JOBS)],
      run: false,
    });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await database?.close();
  });

  it('a worker killed with SIGKILL mid-job: the other takes its jobs over after the lease, never running one twice at once', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => startProcess(MARKS_WORKER, { JOB_LEASE_MS: '1500' }, 'ready')));
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await jobs.enqueue(systemActor, markKinds.marks, { steps: 30, stepMs: 100 }));
    // Both run two at once (the kind's concurrency); kill A while it is inside a job.
    await waitFor(async () => (await marksOf(ids)).some((m) => m.worker === a.pid && m.event === 'start'));
    a.kill('SIGKILL');
    await exitOf(a);
    const [{ killedAt }] = await rows<{ killedAt: Date }>(sql`SELECT clock_timestamp() AS "killedAt"`);

    await waitFor(async () => (await Promise.all(ids.map((id) => findJob(db, id)))).every((j) => j!.status === 'succeeded'), 40_000);
    const marks = await marksOf(ids);
    const takenOver = ids.filter((id) => marks.some((m) => m.job_id === id && m.worker === a.pid && m.event === 'start'));
    expect(takenOver.length).toBeGreaterThanOrEqual(1);
    expect(marks.filter((m) => m.worker === a.pid && m.event === 'finish')).toEqual([]);
    for (const id of ids) {
      const mine = marks.filter((m) => m.job_id === id);
      // Finished exactly once, by the surviving process.
      expect(mine.filter((m) => m.event === 'finish').map((m) => m.worker)).toEqual([b.pid]);
      // Runs of one job never overlap: a second start only after the first run's process died.
      const starts = mine.filter((m) => m.event === 'start');
      expect(starts).toHaveLength(takenOver.includes(id) ? 2 : 1);
      if (starts.length === 2) {
        expect(starts[0].worker).toBe(a.pid);
        expect(starts[1].worker).toBe(b.pid);
        expect(new Date(starts[1].at).getTime()).toBeGreaterThan(new Date(killedAt).getTime());
      }
      const job = (await findJob(db, id))!;
      // Every run counts an attempt; A may also have claimed a job (an attempt) and died before its
      // handler wrote the start mark, so at most one attempt more than the marks show.
      expect(job.attempts - starts.length).toBeGreaterThanOrEqual(0);
      expect(job.attempts - starts.length).toBeLessThanOrEqual(1);
      expect(job.result).toEqual({ steps: 30 });
    }
    b.kill('SIGTERM');
    expect(await exitOf(b)).toBe(0);
  }, 90_000);

  it('a cancel asked in one process reaches the handler running in another', async () => {
    const w = await startProcess(MARKS_WORKER, { JOB_LEASE_MS: '900' }, 'ready');
    const id = await jobs.enqueue(systemActor, markKinds.waiter, {});
    await waitFor(async () => (await marksOf([id])).some((m) => m.event === 'start'));
    const asked = await jobs.cancel(systemActor, id);
    expect(asked).toMatchObject({ status: 'running', cancelRequested: true });
    const job = await waitFor(async () => {
      const j = await findJob(db, id);
      return j!.status === 'cancelled' && j;
    }, 5_000);
    expect(job.error).toMatchObject({ code: 'job_cancelled' });
    expect((await marksOf([id])).map((m) => [m.event, m.worker])).toEqual([
      ['start', w.pid],
      ['aborted', w.pid],
    ]);
    w.kill('SIGTERM');
    expect(await exitOf(w)).toBe(0);
  }, 30_000);

  it('SIGTERM lets a running job finish before the worker exits', async () => {
    const w = await startProcess(MARKS_WORKER, { JOB_LEASE_MS: '1500', JOB_GRACE_MS: '10000' }, 'ready');
    const id = await jobs.enqueue(systemActor, markKinds.marks, { steps: 8, stepMs: 100 });
    await waitFor(async () => (await marksOf([id])).some((m) => m.event === 'start'));
    w.kill('SIGTERM');
    expect(await exitOf(w)).toBe(0);
    expect((await findJob(db, id))!.status).toBe('succeeded');
  }, 30_000);

  it('`npm run worker` (worker.ts) runs an import enqueued by an API process that runs no jobs', async () => {
    const csv = '学号,姓名,性别,行政班代码,年级,学籍状态,邮箱,电话\nW0001,吴一,男,CS2401,2024,,,\nW0002,吴二,女,CS2401,2024,,,';
    const id = await jobs.enqueue(
      systemActor,
      COMMIT_IMPORT_JOBS.students,
      { locale: 'zh-CN' },
      { total: 2, file: { data: Buffer.from(csv), filename: 'w.csv' } },
    );
    const w = await startProcess(WORKER_ENTRY, { JOB_POLL_MS: '100', LOG_LEVEL: 'info' }, 'jiaowu worker running jobs');
    const job = await waitFor(async () => {
      const j = await findJob(db, id);
      return j!.status !== 'queued' && j!.status !== 'running' && j;
    });
    expect(job).toMatchObject({ status: 'succeeded', progress: 2, result: { created: 2 } });
    expect(await rows(sql`SELECT 1 FROM students WHERE code IN ('W0001', 'W0002')`)).toHaveLength(2);
    expect(await rows(sql`SELECT 1 FROM job_files WHERE job_id = ${id}`)).toHaveLength(0);
    w.kill('SIGTERM');
    expect(await exitOf(w)).toBe(0);
  }, 60_000);
});
