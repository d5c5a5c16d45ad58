import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckFinding } from '@jiaowu/contracts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { findCurrentVersion, findVersionLectures, insertVersion, type VersionLecture } from '../timetable/versions.repository.ts';
import { buildSelectionFixture, type SelectionFixture } from './test/selection-fixture.ts';

/**
 * 选课审核 through the HTTP API as the office uses it: a run finds each kind of problem in words,
 * a re-run keeps what the office dismissed and resolves what no longer applies, the lock runs
 * the checks itself, and a college secretary neither sees nor handles the queue.
 */

let ctx: TestContext;
let fx: SelectionFixture;
let office: TestClient;
let secretary: TestClient;
let studentId: number;
let studentNo: string;

const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
const list = async (query: Record<string, string | number> = {}) => {
  const res = await office.get(`/api/selection/rounds/${fx.roundId}/checks`, { query: { pageSize: 200, ...query } });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: CheckFinding[]; total: number; counts: Record<string, Record<string, number>> };
};
const mine = async (kind: string, status?: string) => (await list({ kind, studentId, ...(status ? { status } : {}) })).items;
const ofClass = async (kind: string, teachingClassId: number) => (await list({ kind, teachingClassId })).items[0];

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await buildSelectionFixture(ctx.db, ctx.clock());
  [office, secretary] = await Promise.all([ctx.as('office'), ctx.as('secretary')]);
  const [u] = await ctx.db.select({ studentId: users.studentId }).from(users).where(eq(users.username, 'student'));
  studentId = u.studentId!;
  studentNo = (await rows<{ code: string }>(sql`select code from students where id = ${studentId}`))[0].code;
  // The round asks for at least 20 credits of everybody (the minimum class size stays at its default).
  const round = (await office.get(`/api/selection/rounds/${fx.roundId}`)).json();
  expect(round.minClassSize).toBe(10);
  const patched = await office.patch(`/api/selection/rounds/${fx.roundId}`, {
    version: round.version,
    creditLimits: { minCredits: 20, maxCredits: 30, groups: [] },
  });
  expect(patched.statusCode).toBe(200);
  // The student takes one class (by the office) before the timetable changes.
  const enrol = await office.post('/api/selection/office/enrolments', {
    roundId: fx.roundId,
    studentId,
    teachingClassId: fx.overlapping[0],
    reason: '测试',
    override: false,
  });
  expect(enrol.statusCode).toBe(201);
});
afterAll(() => ctx.close());

describe('选课审核', () => {
  it('a run queues each kind of finding, in words with its figures', async () => {
    const run = await office.post(`/api/selection/rounds/${fx.roundId}/checks`);
    expect(run.statusCode).toBe(200);
    expect(run.json().added).toBeGreaterThan(0);

    const [low] = await mine('below_min_credits');
    expect(low).toMatchObject({ status: 'open', studentNo, params: { minCredits: 20 } });
    expect(low.studentName).toBeTruthy();
    expect(low.params.credits).toBeGreaterThan(0);
    expect(low.params.credits).toBeLessThan(20);

    const small = await ofClass('class_too_small', fx.overlapping[0]);
    expect(small).toMatchObject({ status: 'open', params: { enrolled: 1, minSize: 10 } });
    expect(small.classCode).toBeTruthy();
    expect(small.courseName).toBeTruthy();

    const missing = await list({ kind: 'missing_required' });
    expect(missing.total).toBeGreaterThan(0);
    expect(missing.items[0].params.courseCode).toBeTruthy();
    expect(missing.items[0].classCode).toBeTruthy();
    expect(missing.items[0].studentNo).toBeTruthy();

    const page = await list();
    expect(page.counts.below_min_credits.open).toBeGreaterThan(0);
    expect(page.counts.class_too_small.open).toBeGreaterThan(0);
    // Server-side pages: the second page of 5 is another 5 of the same total.
    const p2 = (await office.get(`/api/selection/rounds/${fx.roundId}/checks`, { query: { page: 2, pageSize: 5 } })).json();
    expect(p2.items).toHaveLength(5);
    expect(p2.total).toBe(page.total);
  });

  it('finds an enrolment whose class a later published timetable moved', async () => {
    expect(await mine('time_changed')).toEqual([]);
    const termId = fx.termId;
    const current = (await findCurrentVersion(ctx.db, termId))!;
    const lectures = (await findVersionLectures(ctx.db, current.id)).filter(
      (l) => l.day != null && l.startPeriod != null,
    ) as VersionLecture[];
    ctx.clock.advance(60_000);
    const moved = lectures.map((l) => (l.teachingClassId === fx.overlapping[0] ? { ...l, day: (l.day % 5) + 1 } : l));
    await ctx.db.transaction((tx) => insertVersion(tx, termId, { source: 'change', publishedBy: null, at: ctx.clock() }, moved));
    await office.post(`/api/selection/rounds/${fx.roundId}/checks`);
    const [changed] = await mine('time_changed');
    expect(changed).toMatchObject({ status: 'open', teachingClassId: fx.overlapping[0], params: { toVersionNo: current.versionNo + 1 } });
    expect(changed.params.fromVersionNo).toBe(current.versionNo);
  });

  it('a re-run keeps what the office dismissed, and resolves what no longer applies', async () => {
    const [low] = await mine('below_min_credits');
    const dismissed = await office.post(`/api/selection/checks/${low.id}/resolve`, { status: 'dismissed', note: '该生本学期休学' });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', note: '该生本学期休学' });
    expect(dismissed.json().resolvedByName).toBeTruthy();
    // Handled twice: the second is told it was already handled, in Chinese.
    const again = await office.post(`/api/selection/checks/${low.id}/resolve`, { status: 'resolved', note: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已被处理');
    // A note is required.
    expect((await office.post(`/api/selection/checks/${low.id}/resolve`, { status: 'resolved', note: '' })).statusCode).toBe(400);

    // The minimum drops to what the class has: its finding resolves itself on the next run.
    const small = await ofClass('class_too_small', fx.overlapping[0]);
    expect(small.status).toBe('open');
    const round = (await office.get(`/api/selection/rounds/${fx.roundId}`)).json();
    await office.patch(`/api/selection/rounds/${fx.roundId}`, { version: round.version, minClassSize: 1 });
    const run = (await office.post(`/api/selection/rounds/${fx.roundId}/checks`)).json();
    expect(run.autoResolved).toBeGreaterThan(0);
    const after = await ofClass('class_too_small', fx.overlapping[0]);
    expect(after).toMatchObject({ id: small.id, status: 'resolved', autoResolved: true });
    expect((await mine('below_min_credits'))[0]).toMatchObject({ id: low.id, status: 'dismissed', note: '该生本学期休学' });
    // Idempotent: a second run adds nothing new.
    expect((await office.post(`/api/selection/rounds/${fx.roundId}/checks`)).json().added).toBe(0);
  });

  it('a college secretary neither sees nor handles the queue', async () => {
    const [any] = (await list({ status: 'open', pageSize: 1 })).items;
    expect((await secretary.get(`/api/selection/rounds/${fx.roundId}/checks`)).statusCode).toBe(403);
    expect((await secretary.post(`/api/selection/rounds/${fx.roundId}/checks`)).statusCode).toBe(403);
    expect((await secretary.post(`/api/selection/checks/${any.id}/resolve`, { status: 'dismissed', note: 'x' })).statusCode).toBe(403);
    expect((await list({ status: 'open', pageSize: 1 })).items[0]).toMatchObject({ id: any.id, status: 'open' });
  });

  it('locking the round runs the checks, recorded with the lock', async () => {
    const round = (await office.get(`/api/selection/rounds/${fx.roundId}`)).json();
    await office.patch(`/api/selection/rounds/${fx.roundId}`, { version: round.version, minClassSize: 10 });
    const lock = await office.post(`/api/selection/rounds/${fx.roundId}/lock`);
    expect(lock.statusCode).toBe(200);
    const reopened = await ofClass('class_too_small', fx.overlapping[0]);
    expect(reopened).toMatchObject({ status: 'open', autoResolved: false });
    const [audit] = await rows<{ after: { checks: { open: number } } }>(
      sql`select after from audit_log where action = 'selection_rounds.lock' and entity_id = ${String(fx.roundId)}`,
    );
    expect(audit.after.checks.open).toBeGreaterThan(0);
  });
});
