import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { userRoles, users } from '../iam/iam.tables.ts';
import { buildUser } from '../../test/user-factory.ts';
import { registerTestSubject } from './workflow.test-subject.ts';

let ctx: TestContext;
let events: ReturnType<typeof registerTestSubject>;
let secretary: Actor;
/** The college the demo secretary works for: the scope of her applications. */
let collegeId: number;
let office: TestClient;
// Each test files its own subjects, so no test depends on which ran before it.
let nextSubject = 1;

/** The actor of a demo user, as the subject module's service would receive it. */
async function actorOf(username: string): Promise<Actor> {
  const [u] = await ctx.db.select().from(users).where(eq(users.username, username));
  return { ...anonymousActor(), kind: 'user', userId: u.id, name: u.username };
}

const submit = (capacity: number, subjectId = nextSubject++) =>
  ctx.app.workflow.submit(secretary, {
    flowKey: 'course_request',
    subjectType: 'test_subject',
    subjectId,
    scope: { collegeId },
    context: { capacity },
  });

async function openTaskOf(client: TestClient, instanceId: number) {
  const inbox = (await client.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  return inbox.items.find((i: { instanceId: number }) => i.instanceId === instanceId);
}

beforeAll(async () => {
  ctx = await createTestContext();
  events = registerTestSubject(ctx);
  secretary = await actorOf('secretary');
  const [assignment] = await ctx.db
    .select({ collegeId: userRoles.collegeId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, secretary.userId!), isNotNull(userRoles.collegeId)));
  collegeId = assignment.collegeId!;
  office = await ctx.as('office');
});
afterAll(() => ctx.close());

describe('an application through the course_request flow', () => {
  it('submit → return with comments → resubmit → approve with changes across two steps (capacity > 200)', async () => {
    const subjectId = nextSubject++;
    const id = await submit(300, subjectId);
    expect(await ctx.app.workflow.isPending('test_subject', subjectId)).toBe(true);
    const first = await openTaskOf(office, id);
    expect(first).toMatchObject({ title: `测试课程 ${subjectId}`, link: `/test/${subjectId}`, stepName: '教务处审核', isOverdue: false });

    const ret = await office.post(`/api/workflow/tasks/${first.taskId}/return`, {
      comment: '请补充教学大纲',
      fieldComments: { capacity: '人数过多' },
    });
    expect(ret.statusCode).toBe(200);
    expect(ret.json().state).toBe('returned');
    expect(events.at(-1)).toMatchObject({ kind: 'returned', event: { fieldComments: { capacity: '人数过多' } } });
    expect(await ctx.app.workflow.isPending('test_subject', subjectId)).toBe(false);
    const sec = await ctx.as('secretary');
    const note = (await sec.get('/api/notifications', { lang: 'en' })).json().items[0];
    expect(note).toMatchObject({ kind: 'returned', link: `/test/${subjectId}` });
    expect(note.title).toBe(`Returned for revision: Test course ${subjectId}`);

    // Resubmitting the subject continues the same instance.
    expect(
      await ctx.app.workflow.submit(secretary, {
        flowKey: 'course_request',
        subjectType: 'test_subject',
        subjectId,
        scope: { collegeId },
        context: { capacity: 280 },
      }),
    ).toBe(id);
    const again = await openTaskOf(office, id);
    expect(
      (await office.post(`/api/workflow/tasks/${again.taskId}/approve`, { comment: '同意', changes: { capacity: 250 } })).json(),
    ).toMatchObject({ state: 'pending', step: 1 });
    const second = await openTaskOf(office, id);
    expect(second.stepName).toBe('教务处长审批（大班）');
    expect((await office.post(`/api/workflow/tasks/${second.taskId}/approve`, {})).json().state).toBe('approved');
    expect(events.at(-1)).toMatchObject({ kind: 'approved', event: { instanceId: id, subjectId, changes: { capacity: 250 } } });

    const view = (await sec.get(`/api/workflow/instances/${id}`)).json();
    expect(view.state).toBe('approved');
    expect(view.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'return', 'resubmit', 'approve', 'approve']);
    expect(view.history[1]).toMatchObject({
      actorName: '教务处王老师',
      comment: '请补充教学大纲',
      data: { fieldComments: { capacity: '人数过多' } },
    });
    const audit = (
      await (await ctx.as('admin')).get('/api/audit', { query: { entityType: 'workflow_instances', entityId: String(id) } })
    ).json();
    expect(audit.total).toBe(5);
  });

  it('skips the large-class step when the condition is false', async () => {
    const id = await submit(80);
    const task = await openTaskOf(office, id);
    expect((await office.post(`/api/workflow/tasks/${task.taskId}/approve`, {})).json().state).toBe('approved');
  });

  it('refuses a second submission while pending, and lets only the assignee act (translated 403)', async () => {
    const subjectId = nextSubject++;
    const id = await submit(100, subjectId);
    await expect(submit(100, subjectId)).rejects.toMatchObject({ code: 'workflow_already_pending' });
    const task = await openTaskOf(office, id);
    const teacher = await ctx.as('teacher');
    const res = await teacher.post(`/api/workflow/tasks/${task.taskId}/approve`, {}, { lang: 'en' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'workflow_not_assignee', message: 'Only the assignee of this task can act on it' });
    expect((await teacher.get(`/api/workflow/instances/${id}`)).statusCode).toBe(404);
    expect((await office.post(`/api/workflow/tasks/${task.taskId}/reject`, {})).statusCode).toBe(400); // comment required
    expect((await office.post(`/api/workflow/tasks/${task.taskId}/reject`, { comment: '不开设' })).json().state).toBe('rejected');
    expect((await office.post(`/api/workflow/tasks/${task.taskId}/approve`, {})).json().error.code).toBe('workflow_task_closed');
    expect(events.at(-1)?.kind).toBe('rejected');
  });

  it('delegates a task: the delegate decides, the delegator no longer can', async () => {
    const id = await submit(100);
    const task = await openTaskOf(office, id);
    // A second holder of the step's role (教务处) is the only kind of delegate there is.
    const leader = await buildUser(ctx.db, [{ role: 'office' }], { username: 'office-deputy' });
    // The assignee can look up the other approvers to delegate to (no students, not themself); others cannot browse.
    const candidates = (await office.get(`/api/workflow/tasks/${task.taskId}/delegates`, { query: { q: 'deputy' } })).json();
    expect(candidates.map((u: { username: string }) => u.username)).toEqual(['office-deputy']);
    const everyone = (await office.get(`/api/workflow/tasks/${task.taskId}/delegates`)).json();
    expect(everyone.map((u: { username: string }) => u.username)).not.toContain('student');
    expect(everyone.map((u: { username: string }) => u.username)).not.toContain('office');
    expect(everyone.map((u: { username: string }) => u.username)).not.toContain('leader');
    const studentClient = await ctx.as('student');
    expect((await studentClient.get(`/api/workflow/tasks/${task.taskId}/delegates`)).statusCode).toBe(403);
    expect((await office.post(`/api/workflow/tasks/${task.taskId}/comment`, { comment: '请领导定夺' })).statusCode).toBe(200);
    expect((await office.post(`/api/workflow/tasks/${task.taskId}/delegate`, { userId: leader.id, comment: '代批' })).statusCode).toBe(200);
    expect((await office.post(`/api/workflow/tasks/${task.taskId}/approve`, {})).statusCode).toBe(409);
    const leaderClient = await ctx.as('office-deputy');
    const delegated = await openTaskOf(leaderClient, id);
    expect((await leaderClient.get('/api/workflow/inbox/counts')).json()).toMatchObject({ waiting: 1, overdue: 0 });
    expect((await leaderClient.post(`/api/workflow/tasks/${delegated.taskId}/approve`, {})).json().state).toBe('approved');
    const history = (await office.get(`/api/workflow/instances/${id}`)).json().history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['submit', 'comment', 'delegate', 'approve']);
  });

  it('the applicant withdraws; nobody else can', async () => {
    const id = await submit(100);
    expect((await office.post(`/api/workflow/instances/${id}/withdraw`)).json().error.code).toBe('workflow_not_applicant');
    const sec = await ctx.as('secretary');
    expect((await sec.get('/api/workflow/inbox', { query: { box: 'mine' } })).json().items[0]).toMatchObject({
      instanceId: id,
      state: 'pending',
    });
    const res = await sec.post(`/api/workflow/instances/${id}/withdraw`, { comment: '信息有误' });
    expect(res.json()).toMatchObject({ state: 'withdrawn', openTasks: [] });
    expect(events.at(-1)?.kind).toBe('withdrawn');
    expect(await openTaskOf(office, id)).toBeUndefined();
  });

  it('batch-approves for the office with a result per task', async () => {
    const ids = [await submit(100), await submit(120)];
    const taskIds = await Promise.all(ids.map(async (i) => (await openTaskOf(office, i)).taskId));
    const res = await office.post(
      '/api/workflow/tasks/batch-approve',
      { taskIds: [...taskIds, 999999], comment: '批量通过' },
      { lang: 'en' },
    );
    expect(res.json().results).toEqual([
      { taskId: taskIds[0], ok: true },
      { taskId: taskIds[1], ok: true },
      { taskId: 999999, ok: false, code: 'not_found', message: 'Not found' },
    ]);
  });
});

describe('flows', () => {
  it('an instance started on v1 finishes on v1 after a PUT makes v2', async () => {
    const id = await submit(300);
    const admin = await ctx.as('admin');
    const flow = (await admin.get('/api/workflow/flows/course_request')).json();
    const v2 = { nameZh: flow.nameZh, nameEn: flow.nameEn, steps: [flow.steps[0]] };
    expect((await office.put('/api/workflow/flows/course_request', v2)).statusCode).toBe(403);
    const put = await admin.put('/api/workflow/flows/course_request', v2);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, stepCount: 1 });
    expect(put.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const t1 = await openTaskOf(office, id);
    expect((await office.post(`/api/workflow/tasks/${t1.taskId}/approve`, {})).json()).toMatchObject({ state: 'pending', step: 1 });
    const t2 = await openTaskOf(office, id);
    expect((await office.post(`/api/workflow/tasks/${t2.taskId}/approve`, {})).json().state).toBe('approved');
    const newer = await submit(300);
    const t3 = await openTaskOf(office, newer);
    expect((await office.post(`/api/workflow/tasks/${t3.taskId}/approve`, {})).json().state).toBe('approved');
    // Restore the two-step flow for the tests below.
    await admin.put('/api/workflow/flows/course_request', { ...v2, steps: flow.steps });
  });

  it('validates a new version: steps, deadlines 1–60, approver kinds, existing roles', async () => {
    const admin = await ctx.as('admin');
    const step = { nameZh: '审核', nameEn: 'Review', approver: { kind: 'role', role: 'office' }, deadlineDays: 3 };
    const bad = async (body: unknown) => (await admin.put('/api/workflow/flows/course_request', body, { lang: 'en' })).json().error;
    expect((await bad({ nameZh: 'x', nameEn: 'x', steps: [] })).details.fields[0].field).toBe('steps');
    expect((await bad({ nameZh: 'x', nameEn: 'x', steps: [{ ...step, deadlineDays: 61 }] })).details.fields[0].field).toBe(
      'steps.0.deadlineDays',
    );
    expect((await bad({ nameZh: 'x', nameEn: 'x', steps: [{ ...step, approver: { kind: 'robot' } }] })).code).toBe('validation_failed');
    const unknownRole = await bad({ nameZh: 'x', nameEn: 'x', steps: [{ ...step, approver: { kind: 'role', role: 'dean' } }] });
    expect(unknownRole.details.fields[0]).toMatchObject({ field: 'steps.0.approver.role', code: 'reference_not_found' });
  });

  it('draws the diagram and the responsibility table from the same data, in the request language', async () => {
    const leader = await ctx.as('leader');
    const zh = (await leader.get('/api/workflow/flows/course_request/diagram')).json();
    expect(zh.mermaid).toContain('flowchart TD');
    expect(zh.mermaid).toContain('教务处审核');
    expect(zh.mermaid).toContain('教务处长审批（大班）');
    expect(zh.mermaid).toContain('容量大于 200?');
    expect(zh.responsibility[1].condition).toBe('容量大于 200');
    const en = (await leader.get('/api/workflow/flows/course_request/diagram', { lang: 'en' })).json();
    expect(en.mermaid).toContain('Academic office review');
    expect(en.mermaid).toContain('Office head approval for large classes');
    expect(en.responsibility).toEqual([
      expect.objectContaining({ step: '1. Academic office review', responsible: 'Academic office', deadlineDays: 3, condition: null }),
      expect.objectContaining({
        step: '2. Office head approval for large classes',
        deadlineDays: 2,
        condition: 'Capacity is more than 200',
      }),
    ]);
    expect((await leader.get('/api/workflow/flows', { lang: 'en' })).json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'course_request', name: 'Course request', subjectKindName: 'Course request' }),
        expect.objectContaining({ key: 'timetable_change', name: 'Timetable change request', subjectKindName: 'Timetable change request' }),
      ]),
    );
  });

  it('describes a flow and its conditions in the reader language, naming the college behind an id', async () => {
    const admin = await ctx.as('admin');
    const flow = (await admin.get('/api/workflow/flows/course_request')).json();
    const base = { nameZh: flow.nameZh, nameEn: flow.nameEn, steps: flow.steps };
    await admin.put('/api/workflow/flows/course_request', { ...base, descriptionZh: '开课审批', descriptionEn: 'Course approval' });
    expect((await admin.get('/api/workflow/flows/course_request')).json().description).toBe('开课审批');
    expect((await admin.get('/api/workflow/flows/course_request', { lang: 'en' })).json().description).toBe('Course approval');
    const [college] = (await admin.get('/api/colleges', { query: { pageSize: 1 } })).json().items;
    const collegeStep = { ...flow.steps[1], condition: { field: 'collegeId', op: '=', value: college.id } };
    const put = await admin.put('/api/workflow/flows/course_request', {
      nameZh: flow.nameZh,
      nameEn: flow.nameEn,
      descriptionZh: null,
      descriptionEn: 'English only',
      steps: [flow.steps[0], collegeStep],
    });
    expect(put.json()).toMatchObject({ description: 'English only', descriptionZh: null, descriptionEn: 'English only' });
    const zh = (await admin.get('/api/workflow/flows/course_request/diagram')).json();
    expect(zh.responsibility[1].condition).toBe(`学院为 ${college.name}`);
    expect(zh.mermaid).not.toMatch(/collegeId/);
    const en = (await admin.get('/api/workflow/flows/course_request/diagram', { lang: 'en' })).json();
    expect(en.responsibility[1].condition).toBe(`College is ${college.name}`);
    await admin.put('/api/workflow/flows/course_request', {
      nameZh: flow.nameZh,
      nameEn: flow.nameEn,
      descriptionZh: flow.descriptionZh,
      descriptionEn: flow.descriptionEn,
      steps: flow.steps,
    });
  });

  it('describes the built-in roles in the reader language', async () => {
    const admin = await ctx.as('admin');
    const zh = (await admin.get('/api/roles')).json();
    const en = (await admin.get('/api/roles', { lang: 'en' })).json();
    const office = (list: { code: string; description: string }[]) => list.find((r) => r.code === 'office')!.description;
    expect(office(zh)).toContain('审核开课申请');
    expect(office(en)).toContain('reviews course requests');
    // Timetabling and course selection are there now; nothing that does not exist yet (exams, grades).
    expect(office(zh)).toContain('排课与课表发布');
    expect(office(en)).toContain('publishes the timetable');
    expect(office(zh)).toContain('选课管理');
    expect(office(en)).toContain('runs course selection');
    // The descriptions (not the permission codes, which name selection.*) promise nothing unbuilt.
    const words = (list: { description: string }[]) => list.map((r) => r.description).join('\n');
    expect(words(zh) + words(en)).not.toMatch(/exam|grade entry|考试|成绩/i);
    // An English reader saving the role unchanged keeps the shipped text for Chinese readers.
    const role = en.find((r: { code: string }) => r.code === 'office');
    expect((await admin.patch(`/api/roles/${role.id}`, { description: role.description }, { lang: 'en' })).statusCode).toBe(200);
    expect(office((await admin.get('/api/roles')).json())).toBe(office(zh));
  });

  it('reports metrics per flow and per step to metric readers only', async () => {
    const leader = await ctx.as('leader');
    const m = (await leader.get('/api/workflow/flows/course_request/metrics')).json();
    expect(m.flow.count).toBeGreaterThanOrEqual(9);
    expect(m.flow.rejectionRate).toBeGreaterThan(0);
    expect(m.flow.returnRate).toBeGreaterThan(0);
    expect(m.flow.medianHours).toBeGreaterThanOrEqual(0);
    expect(m.steps[0]).toMatchObject({ step: 0, name: '教务处审核' });
    expect(m.steps[0].count).toBeGreaterThan(m.steps[1].count);
    expect(m.steps[0].returnRate).toBeGreaterThan(0);
    expect((await (await ctx.as('teacher')).get('/api/workflow/flows/course_request/metrics')).statusCode).toBe(403);
  });
});
