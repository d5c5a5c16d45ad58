import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { buildUser, removeRoles } from '../../test/user-factory.ts';
import { users } from '../iam/iam.tables.ts';
import { registerTestSubject } from './workflow.test-subject.ts';
import { workflowInstances, workflowTasks } from './workflow.tables.ts';

// Issue 10 item 4: an assignee delegated a task to the demo student, who then
// approved it. A task goes only to someone holding the step's approving role
// in the applicant's scope, and acting re-checks that role.

let ctx: TestContext;
let events: ReturnType<typeof registerTestSubject>;
let secretary: Actor;
let office: TestClient;
let nextSubject = 1;

async function actorOf(username: string): Promise<Actor> {
  const [u] = await ctx.db.select().from(users).where(eq(users.username, username));
  return { ...anonymousActor(), kind: 'user', userId: u.id, name: u.username };
}
const userId = async (username: string) => (await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
const submit = () =>
  ctx.app.workflow.submit(secretary, {
    flowKey: 'course_request',
    subjectType: 'test_subject',
    subjectId: nextSubject++,
    scope: { collegeId: 1 },
    context: { capacity: 100 },
  });
async function openTask(instanceId: number, assignee: number) {
  const [t] = await ctx.db
    .select()
    .from(workflowTasks)
    .where(and(eq(workflowTasks.instanceId, instanceId), eq(workflowTasks.assigneeId, assignee), eq(workflowTasks.status, 'open')));
  return t;
}
const stateOf = async (id: number) =>
  (await ctx.db.select({ s: workflowInstances.state }).from(workflowInstances).where(eq(workflowInstances.id, id)))[0].s;

beforeAll(async () => {
  ctx = await createTestContext();
  events = registerTestSubject(ctx);
  secretary = await actorOf('secretary');
  office = await ctx.as('office');
});
afterAll(() => ctx.close());

describe('delegation', () => {
  it('refuses the demo student (the reported 200) and anyone without the step’s role; the task stays put', async () => {
    const id = await submit();
    const task = await openTask(id, await userId('office'));
    for (const who of ['student', 'leader', 'secretary', 'teacher']) {
      const res = await office.post(`/api/workflow/tasks/${task.id}/delegate`, { userId: await userId(who) }, { lang: 'en' });
      expect(res.statusCode, who).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ field: 'userId', code: 'delegate_not_candidate' });
      expect(await openTask(id, await userId(who)), who).toBeUndefined();
    }
    expect((await openTask(id, await userId('office'))).id).toBe(task.id);
    const student = await ctx.as('student');
    expect((await student.get('/api/workflow/inbox/counts')).json().waiting).toBe(0);
    expect(await stateOf(id)).toBe('pending');
    expect(events.filter((e) => e.kind === 'approved')).toHaveLength(0);
  });

  it('offers as candidates exactly the other holders of the role', async () => {
    const deputy = await buildUser(ctx.db, [{ role: 'office' }], { username: 'office-deputy-2' });
    const id = await submit();
    const task = await openTask(id, await userId('office'));
    const names = (await office.get(`/api/workflow/tasks/${task.id}/delegates`)).json().map((u: { username: string }) => u.username);
    expect(names).toContain(deputy.username);
    for (const who of ['office', 'student', 'leader', 'secretary', 'teacher', 'admin']) expect(names).not.toContain(who);
    expect((await office.post(`/api/workflow/tasks/${task.id}/delegate`, { userId: deputy.id })).statusCode).toBe(200);
  });
});

describe('acting on a task after losing the role', () => {
  it('refuses an assignee whose role was removed, and the instance is unchanged', async () => {
    const holder = await buildUser(ctx.db, [{ role: 'office' }], { username: 'office-leaving' });
    const id = await submit();
    const task = await openTask(id, holder.id);
    expect(task).toBeTruthy();
    const client = await ctx.as('office-leaving');
    await removeRoles(ctx.db, holder.id);
    const res = await client.post(`/api/workflow/tasks/${task.id}/approve`, {}, { lang: 'en' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('workflow_not_approver');
    expect(await stateOf(id)).toBe('pending');
    expect((await client.post(`/api/workflow/tasks/${task.id}/delegate`, { userId: await userId('office') })).statusCode).toBe(403);
  });

  it('refuses a delegate whose role was removed after the delegation', async () => {
    const deputy = await buildUser(ctx.db, [{ role: 'office' }], { username: 'office-deputy-3' });
    const id = await submit();
    const task = await openTask(id, await userId('office'));
    expect((await office.post(`/api/workflow/tasks/${task.id}/delegate`, { userId: deputy.id })).statusCode).toBe(200);
    const delegated = await openTask(id, deputy.id);
    const client = await ctx.as('office-deputy-3');
    await removeRoles(ctx.db, deputy.id);
    expect((await client.post(`/api/workflow/tasks/${delegated.id}/approve`, {})).statusCode).toBe(403);
    expect(await stateOf(id)).toBe('pending');
  });
});

describe('a step approved by a role in the applicant’s college', () => {
  it('delegates only to holders of the role in that college', async () => {
    const admin = await ctx.as('admin');
    const flow = (await admin.get('/api/workflow/flows/course_request')).json();
    const step = {
      nameZh: '学院审核',
      nameEn: 'College review',
      approver: { kind: 'role', role: 'secretary', scope: 'college' },
      deadlineDays: 3,
    };
    expect(
      (await admin.put('/api/workflow/flows/course_request', { nameZh: flow.nameZh, nameEn: flow.nameEn, steps: [step] })).statusCode,
    ).toBe(200);
    try {
      const sameCollege = await buildUser(ctx.db, [{ role: 'secretary', collegeId: 1 }], { username: 'sec-c1-deputy' });
      const otherCollege = await buildUser(ctx.db, [{ role: 'secretary', collegeId: 2 }], { username: 'sec-c2-other' });
      const id = await submit();
      const sec = await ctx.as('secretary');
      const task = await openTask(id, await userId('secretary'));
      expect(task).toBeTruthy();
      expect(await openTask(id, otherCollege.id)).toBeUndefined();
      const names = (await sec.get(`/api/workflow/tasks/${task.id}/delegates`)).json().map((u: { username: string }) => u.username);
      expect(names).toEqual(['sec-c1-deputy']);
      const refused = await sec.post(`/api/workflow/tasks/${task.id}/delegate`, { userId: otherCollege.id });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.fields[0].code).toBe('delegate_not_candidate');
      expect((await sec.post(`/api/workflow/tasks/${task.id}/delegate`, { userId: sameCollege.id })).statusCode).toBe(200);
    } finally {
      await admin.put('/api/workflow/flows/course_request', { nameZh: flow.nameZh, nameEn: flow.nameEn, steps: flow.steps });
    }
  });
});
