import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { notifications } from '../notifications/notifications.tables.ts';
import { failedCourses, selectionHolds, selectionRounds } from './selection.tables.ts';
import { buildSelectionFixture, type SelectionFixture } from './test/selection-fixture.ts';

/**
 * 超学分申请 end to end through the API: refused with a failed course or a hold (the words say
 * which), refused when it raises nothing, then the college secretary and the office approve it,
 * the student is told, and a class above the old limit can be taken.
 */

let ctx: TestContext;
let f: SelectionFixture;
let office: TestClient;
let secretary: TestClient;
let student: TestClient;
let studentId: number;

interface Item {
  teachingClassId: number;
  courseId: number;
  credits: string;
  eligible: boolean;
  reasons: { code: string; message: string }[];
}

async function taskOf(client: TestClient, instanceId: number) {
  const inbox = (await client.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  return inbox.items.find((i: { instanceId: number }) => i.instanceId === instanceId) as { taskId: number } | undefined;
}

const classes = async () =>
  (await student.get(`/api/selection/rounds/${f.roundId}/classes`, { query: { pageSize: 200 } })).json().items as Item[];

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  f = await buildSelectionFixture(ctx.db, ctx.clock());
  [office, secretary, student] = await Promise.all([ctx.as('office'), ctx.as('secretary'), ctx.as('student')]);
  const [u] = await ctx.db.select({ studentId: users.studentId }).from(users).where(eq(users.username, 'student'));
  studentId = u.studentId!;
}, 120_000);
afterAll(() => ctx?.close());

describe('credit-limit raise 超学分申请', () => {
  let limit: number;
  let above: Item;

  it('sets the scene: one class taken fills the round’s limit, so the next is refused for credits', async () => {
    const first = (await classes()).find((c) => c.eligible)!;
    limit = Number(first.credits);
    await ctx.db
      .update(selectionRounds)
      .set({ creditLimits: { minCredits: null, maxCredits: limit, groups: [] } })
      .where(eq(selectionRounds.id, f.roundId));
    const took = await student.post('/api/selection/enrolments', { roundId: f.roundId, teachingClassId: first.teachingClassId });
    expect(took.statusCode, took.body).toBe(201);
    above = (await classes()).find((c) => c.reasons.length === 1 && c.reasons[0].code === 'credit_limit')!;
    expect(above).toBeDefined();
  });

  it('refuses a student with a failed course, naming it; then one with a hold, with its reason', async () => {
    await ctx.db.insert(failedCourses).values({ studentId, courseId: above.courseId, source: 'demo' });
    const failed = await student.post('/api/selection/credit-raises', { roundId: f.roundId, maxCredits: limit + 4, reason: '辅修' });
    expect(failed.statusCode).toBe(409);
    expect(failed.json().error).toMatchObject({ code: 'credit_raise_failed_course' });
    expect(failed.json().error.message).toMatch(/^你有未通过的课程（.+），不能申请超学分$/);
    await ctx.db.delete(failedCourses).where(eq(failedCourses.studentId, studentId));

    await ctx.db.insert(selectionHolds).values({ studentId, reason: '学费未缴清', source: 'api' });
    const held = await student.post(
      '/api/selection/credit-raises',
      { roundId: f.roundId, maxCredits: limit + 4, reason: '辅修' },
      { lang: 'en' },
    );
    expect(held.statusCode).toBe(409);
    expect(held.json().error.message).toBe('You have a selection hold (学费未缴清) and cannot apply for a credit-limit raise');
    await ctx.db.delete(selectionHolds).where(eq(selectionHolds.studentId, studentId));
    expect((await student.get('/api/selection/credit-raises', { query: { roundId: f.roundId } })).json().items).toEqual([]);
  });

  it('refuses a limit that is not above the current one', async () => {
    const res = await student.post('/api/selection/credit-raises', { roundId: f.roundId, maxCredits: limit, reason: '辅修' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('credit_raise_not_above');
  });

  it('secretary then office approve; the student is told and may take the class above the old limit', async () => {
    const asked = limit + Number(above.credits);
    const filed = await student.post('/api/selection/credit-raises', { roundId: f.roundId, maxCredits: asked, reason: '辅修第二专业' });
    expect(filed.statusCode, filed.body).toBe(201);
    const raise = filed.json();
    expect(raise).toMatchObject({ status: 'pending', currentMax: limit, maxCredits: asked });
    const again = await student.post('/api/selection/credit-raises', { roundId: f.roundId, maxCredits: asked + 1, reason: '再次' });
    expect(again.json().error.code).toBe('credit_raise_pending');

    // Still the old limit while it is under review.
    const early = await student.post('/api/selection/enrolments', { roundId: f.roundId, teachingClassId: above.teachingClassId });
    expect(early.json().error.code).toBe('credit_limit');

    const first = await taskOf(secretary, raise.workflowInstanceId);
    expect(first).toBeDefined();
    expect((await secretary.post(`/api/workflow/tasks/${first!.taskId}/approve`, { comment: '同意' })).statusCode).toBe(200);
    expect((await student.get('/api/selection/credit-raises', { query: { roundId: f.roundId } })).json().items[0].status).toBe('pending');
    const second = await taskOf(office, raise.workflowInstanceId);
    expect(second).toBeDefined();
    expect((await office.post(`/api/workflow/tasks/${second!.taskId}/approve`, {})).statusCode).toBe(200);

    const [mine] = (await student.get('/api/selection/credit-raises', { query: { roundId: f.roundId } })).json().items;
    expect(mine).toMatchObject({ status: 'approved', maxCredits: asked });
    const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'student'));
    const told = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'approved')));
    expect(told.length).toBeGreaterThan(0);

    const item = (await classes()).find((c) => c.teachingClassId === above.teachingClassId)!;
    expect(item.eligible).toBe(true);
    const took = await student.post('/api/selection/enrolments', { roundId: f.roundId, teachingClassId: above.teachingClassId });
    expect(took.statusCode, took.body).toBe(201);
  });
});
