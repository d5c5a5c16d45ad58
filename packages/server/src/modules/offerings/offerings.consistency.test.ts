import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../platform/access.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { createCatalogService } from '../catalog/catalog.service.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { findUserByUsername } from '../iam/iam.repository.ts';
import { teachers } from '../org/org.tables.ts';
import { workflowInstances } from '../workflow/workflow.tables.ts';
import { createOfferingsService, type WorkflowPort } from './offerings.service.ts';
import { courseRequests } from './offerings.tables.ts';
import { ifMatch, versionOf } from '../../test/versions.ts';

// One transaction per use case, and time from the app's clock: what a user
// would see go wrong otherwise is a request still pending in the flow but
// "withdrawn" on its page (or the reverse), and lists ordered by, or
// deletions dated with, the server's wall clock instead of the clock a
// deadline or window is judged by.

let ctx: TestContext;
let office: TestClient;
let secretary: TestClient;
const ids = {} as Record<'term' | 'dept' | 'course' | 'teacher' | 'adminClass' | 'secretary', number>;

const first = async (path: string, q: string) => (await office.get(`/api/${path}`, { query: { q, pageSize: 50 } })).json().items[0];

beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  secretary = await ctx.as('secretary');
  ids.term = (await first('terms', '2026-2027-1')).id;
  ids.dept = (await first('departments', '0101')).id;
  const cs = (await office.get('/api/colleges')).json().items.find((c: { code: string }) => c.code === '01').id;
  ids.teacher = (await office.get('/api/teachers', { query: { q: '张伟', pageSize: 50 } }))
    .json()
    .items.find((t: { collegeId: number }) => t.collegeId === cs).id;
  ids.adminClass = (await first('admin-classes', 'CS2401')).id;
  ids.secretary = (await findUserByUsername(ctx.db, 'secretary'))!.id;
  const course = await office.post('/api/courses', {
    code: 'T-DB1',
    name: '数据库（一致性测试）',
    credits: 3,
    lectureHours: 48,
    departmentId: ids.dept,
    category: 'major_core',
  });
  expect(course.statusCode, course.body).toBe(201);
  ids.course = course.json().id;
});
afterAll(() => ctx.close());

const request = (over: Record<string, unknown> = {}) => ({
  termId: ids.term,
  courseId: ids.course,
  teachers: [{ teacherId: ids.teacher, share: 100 }],
  capacity: 60,
  adminClassIds: [ids.adminClass],
  sessions: [3],
  weeks: { pattern: 'all', from: 1, to: 16 },
  roomType: 'multimedia',
  ...over,
});

async function submitted() {
  const created = await secretary.post('/api/course-requests', request());
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  const res = await secretary.post(`/api/course-requests/${id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return { id, instanceId: res.json().workflowInstanceId as number };
}

const stateOf = async (instanceId: number) =>
  (await ctx.db.select({ state: workflowInstances.state }).from(workflowInstances).where(eq(workflowInstances.id, instanceId)))[0].state;
const requestRow = async (id: number) =>
  (
    await ctx.db
      .select({ status: courseRequests.status, updatedAt: courseRequests.updatedAt })
      .from(courseRequests)
      .where(eq(courseRequests.id, id))
  )[0];

describe('withdrawing a course request', () => {
  it('rolls the flow back too when the use case fails after the workflow step', async () => {
    const { id, instanceId } = await submitted();
    expect(await stateOf(instanceId)).toBe('pending');
    // The real workflow withdraws (in the transaction it is handed), then the use case fails.
    const failing: WorkflowPort = {
      registerSubject: () => undefined,
      submit: (actor, input) => ctx.app.workflow.submit(actor, input),
      async withdraw(actor, instanceId, comment, tx) {
        await ctx.app.workflow.withdraw(actor, instanceId, comment, tx);
        throw new Error('failure after the workflow step');
      },
    };
    const offerings = createOfferingsService({
      db: ctx.db,
      clock: ctx.clock,
      catalog: createCatalogService({ db: ctx.db, clock: ctx.clock }),
      workflow: failing,
    });
    const filer: Actor = { ...systemActor, kind: 'user', userId: ids.secretary, name: 'secretary' };
    await expect(offerings.withdraw(filer, id)).rejects.toThrow('failure after the workflow step');
    expect(await stateOf(instanceId)).toBe('pending');
    expect((await requestRow(id)).status).toBe('submitted');
    // Through the API it goes through whole: both withdrawn.
    const w = await secretary.post(`/api/course-requests/${id}/withdraw`);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    expect(await stateOf(instanceId)).toBe('withdrawn');
  });
});

// The test clock starts at the wall time; each step moves it an hour ahead
// (within the session's idle limit), so a wall-clock stamp would be off by hours by the end.
const HOUR = 60 * 60 * 1000;

describe('time comes from the app clock', () => {
  it('stamps a request edit and a withdrawal with the clock, not the wall time', async () => {
    const created = (await secretary.post('/api/course-requests', request({ capacity: 50 }))).json();
    ctx.clock.advance(HOUR);
    expect((await secretary.patch(`/api/course-requests/${created.id}`, { capacity: 55 })).statusCode).toBe(200);
    expect((await requestRow(created.id)).updatedAt.toISOString()).toBe(ctx.clock.now.toISOString());
    // Edited "later" than anything else: first in the list ordered by last change.
    const list = (await secretary.get('/api/course-requests', { query: { termId: ids.term, pageSize: 5 } })).json();
    expect(list.items[0].id).toBe(created.id);

    const { id } = await submitted();
    ctx.clock.advance(HOUR);
    expect((await secretary.post(`/api/course-requests/${id}/withdraw`)).json().status).toBe('withdrawn');
    expect((await requestRow(id)).updatedAt.toISOString()).toBe(ctx.clock.now.toISOString());
  });

  it('stamps a course edit with the clock', async () => {
    ctx.clock.advance(HOUR);
    expect(
      (
        await office.patch(`/api/courses/${ids.course}`, {
          name: '数据库（改名）',
          version: await versionOf(ctx.db, 'courses', ids.course),
        })
      ).statusCode,
    ).toBe(200);
    const [row] = await ctx.db.select({ updatedAt: courses.updatedAt }).from(courses).where(eq(courses.id, ids.course));
    expect(row.updatedAt.toISOString()).toBe(ctx.clock.now.toISOString());
  });

  it('dates a soft delete with the clock', async () => {
    ctx.clock.advance(HOUR);
    const res = await office.delete(`/api/teachers/${ids.teacher}`, await ifMatch(ctx.db, 'teachers', ids.teacher));
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await ctx.db.select({ deletedAt: teachers.deletedAt }).from(teachers).where(eq(teachers.id, ids.teacher));
    expect(row.deletedAt?.toISOString()).toBe(ctx.clock.now.toISOString());
  });
});
