import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import pino from 'pino';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { requireAccess, systemActor, type Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import { jobs as jobsTable, jobFiles } from '../jobs.tables.ts';
import { createPeriodLock, startPeriodic } from '../periodic.ts';
import { defineJob, type AnyJobKind } from './job-kind.ts';
import { findJob } from './jobs.repository.ts';
import { createJobService, type JobService } from './jobs.service.ts';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await sleep(20);
  }
}

let ctx: TestContext;
const services: JobService[] = [];
/** A runner of its own with short times (the app's runner has production ones). */
function runner(kinds: AnyJobKind[], opts: { leaseMs?: number; graceMs?: number } = {}) {
  const s = createJobService({
    db: ctx.db,
    clock: () => new Date(),
    log,
    kinds,
    run: true,
    runner: { leaseMs: opts.leaseMs ?? 2_000, pollMs: 20, graceMs: opts.graceMs ?? 5_000 },
  });
  services.push(s);
  s.start();
  return s;
}
const statusOf = async (id: number) => (await findJob(ctx.db, id))!;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  for (const s of services) await s.stop();
  await ctx.close();
});

describe('runner', () => {
  it('runs the handler with the scope of each permission as the enqueuing user held it, never the merged anchors', async () => {
    // Manages students of college 1, only reads those of college 2 (two role assignments).
    const mixed: Actor = {
      ...systemActor,
      kind: 'user',
      userId: 990,
      name: 'sec-mixed',
      permissions: { 'students.manage': 'college', 'students.read': 'college' },
      grants: {
        'students.manage': [{ scope: 'college', collegeId: 1, departmentId: null }],
        'students.read': [
          { scope: 'college', collegeId: 1, departmentId: null },
          { scope: 'college', collegeId: 2, departmentId: null },
        ],
      },
      collegeIds: [1, 2],
    };
    const probe = defineJob({
      name: 'test.scope-probe',
      payload: z.object({}),
      permission: 'students.read',
      async handler(_p, c) {
        return { manage: requireAccess(c.actor, 'students.manage'), read: requireAccess(c.actor, 'students.read') };
      },
    });
    const s = runner([probe]);
    const id = await s.enqueue(mixed, probe, {});
    const job = await waitFor(async () => {
      const j = await statusOf(id);
      return j.status === 'succeeded' && j;
    });
    expect(job.result).toMatchObject({ manage: { kind: 'some', collegeIds: [1] }, read: { kind: 'some', collegeIds: [1, 2] } });
  });

  it('retries a retryable kind with growing backoff: fails twice, then succeeds', async () => {
    const runs: number[] = [];
    const flaky = defineJob({
      name: 'test.flaky',
      payload: z.object({ n: z.number() }),
      permission: 'audit.read',
      retry: { attempts: 3, backoffMs: 100 },
      async handler({ n }, c) {
        runs.push(Date.now());
        if (c.attempt < 3) throw new Error(`flaky ${c.attempt}`);
        return { doubled: n * 2 };
      },
    });
    const s = runner([flaky]);
    const id = await s.enqueue(systemActor, flaky, { n: 21 });
    const job = await waitFor(async () => {
      const j = await statusOf(id);
      return j.status === 'succeeded' && j;
    });
    expect(job).toMatchObject({ attempts: 3, result: { doubled: 42 } });
    expect(runs).toHaveLength(3);
    // Backoff doubles: ≥100 ms before the second run, ≥200 ms before the third.
    expect(runs[1] - runs[0]).toBeGreaterThanOrEqual(90);
    expect(runs[2] - runs[1]).toBeGreaterThanOrEqual(190);
  });

  it('does not retry an AppError (a business answer)', async () => {
    let calls = 0;
    const kind = defineJob({
      name: 'test.refused',
      payload: z.object({}),
      permission: 'audit.read',
      retry: { attempts: 5, backoffMs: 10 },
      async handler() {
        calls++;
        throw new AppError('import_has_errors', { params: { count: 2 } });
      },
    });
    const s = runner([kind]);
    const id = await s.enqueue(systemActor, kind, {});
    const job = await waitFor(async () => {
      const j = await statusOf(id);
      return j.status === 'failed' && j;
    });
    expect(calls).toBe(1);
    expect(job).toMatchObject({ attempts: 1, error: { code: 'import_has_errors', params: { count: 2 } } });
  });

  it('never runs more jobs of a kind at once than its concurrency', async () => {
    let now = 0;
    let peak = 0;
    const kind = defineJob({
      name: 'test.limited',
      payload: z.object({ n: z.number() }),
      permission: 'audit.read',
      concurrency: 2,
      async handler() {
        now++;
        peak = Math.max(peak, now);
        await sleep(60);
        now--;
      },
    });
    const s = runner([kind]);
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => s.enqueue(systemActor, kind, { n })));
    await waitFor(async () => {
      const rows = await ctx.db
        .select()
        .from(jobsTable)
        .where(sql`${jobsTable.id} in ${ids} and ${jobsTable.status} = 'succeeded'`);
      return rows.length === ids.length;
    });
    expect(peak).toBe(2);
  });

  it('does not start a delayed job before its run_at', async () => {
    let ranAt = 0;
    const kind = defineJob({
      name: 'test.delayed',
      payload: z.object({}),
      permission: 'audit.read',
      async handler() {
        ranAt = Date.now();
      },
    });
    const s = runner([kind]);
    const [{ now }] = ((await ctx.db.execute(sql`select now() as now`)) as unknown as { rows: { now: string }[] }).rows;
    const runAt = new Date(new Date(now).getTime() + 1_500);
    const id = await s.enqueue(systemActor, kind, {}, { runAt });
    await sleep(300);
    // The runner polls every 20 ms: had it ignored run_at, the job would have run by now.
    const early = await statusOf(id);
    if (Date.now() < runAt.getTime() - 200) expect(early.status).toBe('queued');
    await waitFor(async () => (await statusOf(id)).status === 'succeeded');
    expect(ranAt).toBeGreaterThanOrEqual(runAt.getTime() - 50);
  });

  it('takes over only the job whose lease expired: resumed while attempts remain, failed when none remain', async () => {
    const ran: number[] = [];
    const kind = defineJob({
      name: 'test.orphan',
      payload: z.object({ n: z.number() }),
      permission: 'audit.read',
      retry: { attempts: 2, backoffMs: 10 },
      async handler({ n }) {
        ran.push(n);
        return { n };
      },
    });
    // Three jobs "running" in a process that is gone or alive: rows written as its runner would leave them.
    const orphan = (n: number, attempts: number, leaseSql: ReturnType<typeof sql>) =>
      ctx.db
        .insert(jobsTable)
        .values({
          kind: kind.name,
          payload: { n },
          status: 'running',
          attempts,
          maxAttempts: 2,
          leaseOwner: `other:${n}`,
          leaseExpiresAt: leaseSql,
          actor: systemActor,
        })
        .returning()
        .then(([r]) => r.id);
    const resumable = await orphan(1, 1, sql`now() - interval '1 second'`);
    const exhausted = await orphan(2, 2, sql`now() - interval '1 second'`);
    const alive = await orphan(3, 1, sql`now() + interval '1 hour'`);
    runner([kind]);
    await waitFor(async () => (await statusOf(resumable)).status === 'succeeded' && (await statusOf(exhausted)).status === 'failed');
    expect(await statusOf(resumable)).toMatchObject({ attempts: 2, result: { n: 1 } });
    expect(await statusOf(exhausted)).toMatchObject({ error: { code: 'job_lease_expired', params: { owner: 'other:2' } } });
    await sleep(100);
    expect(await statusOf(alive)).toMatchObject({ status: 'running', leaseOwner: 'other:3', attempts: 1 });
    expect(ran).toEqual([1]);
  });

  it('at stop lets a running job finish within the grace period, else releases it for another process', async () => {
    let finished = false;
    const quick = defineJob({
      name: 'test.quick',
      payload: z.object({}),
      permission: 'audit.read',
      async handler() {
        await sleep(150);
        finished = true;
      },
    });
    const stubborn = defineJob({
      name: 'test.stubborn',
      payload: z.object({}),
      permission: 'audit.read',
      // Ignores its signal: the grace period is all it gets.
      handler: () => sleep(3_000),
    });
    const s = runner([quick], { graceMs: 2_000 });
    const id = await s.enqueue(systemActor, quick, {});
    await waitFor(async () => (await statusOf(id)).status === 'running');
    await s.stop();
    expect(finished).toBe(true);
    expect((await statusOf(id)).status).toBe('succeeded');

    const t = runner([stubborn], { graceMs: 200 });
    const id2 = await t.enqueue(systemActor, stubborn, {});
    await waitFor(async () => (await statusOf(id2)).status === 'running');
    await t.stop();
    expect(await statusOf(id2)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
    await ctx.db.delete(jobsTable).where(eq(jobsTable.id, id2));
  });
});

describe('periodic tasks', () => {
  it('a period is claimed by one process only', async () => {
    const a = createPeriodLock(ctx.db);
    const b = createPeriodLock(ctx.db);
    const hour = 3_600_000;
    const claims = await Promise.all([a('test.hourly', hour), b('test.hourly', hour), a('test.hourly', hour)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Another task's period is its own.
    expect(await b('test.other', hour)).toBe(true);
  });

  it('runs once per period across two "processes" ticking on the same database', async () => {
    let runs = 0;
    const work = async () => {
      runs++;
    };
    const stops = [createPeriodLock(ctx.db), createPeriodLock(ctx.db)].map((lock) =>
      startPeriodic(log, 'test.every-300ms', 300, work, lock),
    );
    await sleep(1_550);
    stops.forEach((stop) => stop());
    // About 1 550 / 300 ≈ 5 periods: once each, not twice each.
    expect(runs).toBeGreaterThanOrEqual(4);
    expect(runs).toBeLessThanOrEqual(6);
  });
});

describe('routes', () => {
  const slow = defineJob({
    name: 'test.slow',
    payload: z.object({}),
    permission: 'audit.read',
    async handler(_p, c) {
      await c.progress(1, 10);
      // Stands in for the solver: works until cancelled.
      await new Promise((_resolve, reject) => c.signal.addEventListener('abort', () => reject(c.signal.reason as Error)));
    },
  });
  beforeAll(() => ctx.app.jobs.register(slow));

  it('shows a job to its owner and to holders of its kind permission; 404 to anyone else', async () => {
    const office = await ctx.as('office');
    const leader = await ctx.as('leader'); // holds audit.read
    const teacher = await ctx.as('teacher');
    const me = (await office.get('/api/me')).json();
    const id = await ctx.app.jobs.enqueue(
      { ...systemActor, kind: 'user', userId: me.user.id },
      slow,
      {},
      { runAt: new Date(Date.now() + 3_600_000) },
    );
    expect((await office.get(`/api/jobs/${id}`)).json()).toMatchObject({ id, kind: 'test.slow', status: 'queued' });
    expect((await office.get('/api/jobs')).json().items.map((j: { id: number }) => j.id)).toContain(id);
    expect((await leader.get(`/api/jobs/${id}`)).statusCode).toBe(200);
    expect((await leader.get('/api/jobs')).json().items.map((j: { id: number }) => j.id)).not.toContain(id);
    const other = await teacher.get(`/api/jobs/${id}`, { lang: 'en' });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toBe('Not found');
    expect((await teacher.post(`/api/jobs/${id}/cancel`)).statusCode).toBe(404);
    expect((await teacher.get('/api/jobs/999999')).statusCode).toBe(404);

    // A queued job is cancelled at once, its file dropped; it never runs. Cancelling again: 409.
    const cancelled = await office.post(`/api/jobs/${id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', error: { code: 'job_cancelled' } });
    const again = await office.post(`/api/jobs/${id}/cancel`, {}, { lang: 'en' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'job_finished', message: 'The job has already ended and cannot be cancelled' });
  });

  it('an API token owns the jobs it enqueued, by token id, never confused with a user of the same id', async () => {
    const token = (tokenId: number) => ({
      ...systemActor,
      kind: 'token' as const,
      userId: null,
      tokenId,
      permissions: { 'students.read': 'all' as const },
    });
    const user = (userId: number) => ({ ...systemActor, kind: 'user' as const, userId, permissions: {} });
    const id = await ctx.app.jobs.enqueue(token(7), slow, {}, { runAt: new Date(Date.now() + 3_600_000) });
    expect(await ctx.app.jobs.get(token(7), id)).toMatchObject({ id, status: 'queued' });
    expect((await ctx.app.jobs.listMine(token(7))).map((j) => j.id)).toContain(id);
    await expect(ctx.app.jobs.get(token(8), id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(ctx.app.jobs.get(user(7), id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await ctx.app.jobs.listMine(user(7))).map((j) => j.id)).not.toContain(id);
    await expect(ctx.app.jobs.cancel(token(8), id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await ctx.app.jobs.cancel(token(7), id)).toMatchObject({ status: 'cancelled' });
  });

  it('a cancel reaches the running handler through its AbortSignal', async () => {
    const admin = await ctx.as('admin');
    const me = (await admin.get('/api/me')).json();
    const id = await ctx.app.jobs.enqueue({ ...systemActor, kind: 'user', userId: me.user.id }, slow, {});
    await waitFor(async () => {
      const j = await statusOf(id);
      return j.status === 'running' && j.progress === 1;
    });
    const res = await admin.post(`/api/jobs/${id}/cancel`);
    expect(res.statusCode).toBe(200);
    const job = await waitFor(async () => {
      const j = (await admin.get(`/api/jobs/${id}`)).json();
      return j.status === 'cancelled' && j;
    }, 3_000);
    expect(job).toMatchObject({ status: 'cancelled', total: 10, error: { code: 'job_cancelled' } });
    expect(job.finishedAt).not.toBeNull();
  });

  it('keeps an uploaded file with the job until it ends', async () => {
    const seen: string[] = [];
    const reader = defineJob({
      name: 'test.reader',
      payload: z.object({}),
      permission: 'audit.read',
      async handler(_p, c) {
        const f = await c.readFile();
        seen.push(`${f.filename}:${f.data.toString('utf8')}`);
      },
    });
    const s = runner([reader]);
    const id = await s.enqueue(systemActor, reader, {}, { file: { data: Buffer.from('学号,姓名\n1,张三'), filename: 'a.csv' } });
    await waitFor(async () => (await statusOf(id)).status === 'succeeded');
    expect(seen).toEqual(['a.csv:学号,姓名\n1,张三']);
    expect(await ctx.db.select().from(jobFiles).where(eq(jobFiles.jobId, id))).toEqual([]);
  });
});
