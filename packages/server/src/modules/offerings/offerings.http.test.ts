import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { ensureBuiltinRoles } from '../../seed/roles.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { insertUser, replaceUserRoles } from '../iam/iam.repository.ts';
import { hashPassword } from '../iam/passwords.ts';

let ctx: TestContext;
let office: TestClient;
let secretary: TestClient;
let otherSecretary: TestClient;
const ids = {} as Record<'term' | 'prevTerm' | 'cs' | 'eco' | 'dept' | 'zhangWei' | 'ecoTeacher' | 'cs2401' | 'course' | 'major', number>;

const find = async (path: string, q: string) => (await office.get(`/api/${path}`, { query: { q, pageSize: 50 } })).json().items;

/** A secretary of another college (经济管理学院), straight through the repository like the demo seed. */
async function secretaryOf(collegeId: number, username: string) {
  const roles = await ensureBuiltinRoles(ctx.db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (tx) => {
    const u = await insertUser(tx, { username, displayName: username, passwordHash, isDemo: true });
    await replaceUserRoles(tx, u.id, [{ roleId: roles.secretary, collegeId }]);
  });
  return ctx.as(username);
}

beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  secretary = await ctx.as('secretary');
  ids.term = (await find('terms', '2026-2027-1'))[0].id;
  ids.prevTerm = (await find('terms', '2025-2026-2'))[0].id;
  const colleges = (await office.get('/api/colleges')).json().items;
  ids.cs = colleges.find((c: { code: string }) => c.code === '01').id;
  ids.eco = colleges.find((c: { code: string }) => c.code === '02').id;
  ids.dept = (await find('departments', '0101'))[0].id;
  ids.major = (await find('majors', '080901'))[0].id;
  ids.zhangWei = (await find('teachers', '张伟')).find((t: { collegeId: number }) => t.collegeId === ids.cs).id;
  ids.ecoTeacher = (await office.get('/api/teachers', { query: { collegeId: ids.eco, pageSize: 1 } })).json().items[0].id;
  ids.cs2401 = (await find('admin-classes', 'CS2401'))[0].id;
  const course = await office.post('/api/courses', {
    code: 'T-OS1',
    name: '操作系统（测试）',
    credits: 3,
    lectureHours: 48,
    departmentId: ids.dept,
    category: 'major_core',
  });
  ids.course = course.json().id;
  otherSecretary = await secretaryOf(ids.eco, 'sec-eco');
});
afterAll(() => ctx.close());

const request = (over: Record<string, unknown> = {}) => ({
  termId: ids.term,
  courseId: ids.course,
  teachers: [{ teacherId: ids.zhangWei, share: 100 }],
  capacity: 60,
  adminClassIds: [ids.cs2401],
  sessions: [3],
  weeks: { pattern: 'all', from: 1, to: 16 },
  roomType: 'multimedia',
  ...over,
});

async function taskOf(instanceId: number) {
  const inbox = (await office.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  return inbox.items.find((i: { instanceId: number }) => i.instanceId === instanceId);
}

describe('a course request through review to a teaching class', () => {
  it('filed, returned with a comment, revised, resubmitted, approved with changes → teaching class', async () => {
    const created = await secretary.post('/api/course-requests', request());
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({
      status: 'draft',
      collegeId: ids.cs,
      courseCode: 'T-OS1',
      weeks: [...Array(16).keys()].map((i) => i + 1),
      weekMask: 0xffff,
    });
    expect(r.teachers[0]).toMatchObject({ teacherId: ids.zhangWei, share: 100, name: '张伟' });

    const submitted = (await secretary.post(`/api/course-requests/${r.id}/submit`)).json();
    expect(submitted).toMatchObject({ status: 'submitted' });
    expect(submitted.workflowInstanceId).toBeGreaterThan(0);
    const locked = await secretary.patch(`/api/course-requests/${r.id}`, { capacity: 50 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('request_locked');

    const task = await taskOf(submitted.workflowInstanceId);
    expect(task).toBeTruthy();
    expect(
      (await office.post(`/api/workflow/tasks/${task.taskId}/return`, { comment: '请调整人数', fieldComments: { capacity: '人数偏多' } }))
        .statusCode,
    ).toBe(200);
    const returned = (await secretary.get(`/api/course-requests/${r.id}`)).json();
    expect(returned).toMatchObject({ status: 'returned', reviewComments: { capacity: '人数偏多' } });

    expect((await secretary.patch(`/api/course-requests/${r.id}`, { capacity: 50 })).json().capacity).toBe(50);
    const again = (await secretary.post(`/api/course-requests/${r.id}/submit`)).json();
    expect(again.status).toBe('submitted');
    const task2 = await taskOf(again.workflowInstanceId);
    const approved = await office.post(`/api/workflow/tasks/${task2.taskId}/approve`, { comment: '同意', changes: { capacity: 45 } });
    expect(approved.statusCode, approved.body).toBe(200);

    const done = (await secretary.get(`/api/course-requests/${r.id}`)).json();
    expect(done).toMatchObject({ status: 'approved', capacity: 45 });
    // (The demo term has hundreds of classes: look the new one up by its code.)
    const classes = (await secretary.get('/api/teaching-classes', { query: { termId: ids.term, q: 'T-OS1' } })).json();
    const tc = classes.items.find((c: { sourceRequestId: number }) => c.sourceRequestId === r.id);
    expect(tc).toMatchObject({
      code: 'T-OS1-01',
      capacity: 45,
      courseCode: 'T-OS1',
      sessions: [3],
      weekMask: 0xffff,
      adminClassIds: [ids.cs2401],
      adminClassCodes: ['CS2401'],
    });
    expect(done.teachingClassId).toBe(tc.id);
    // A typed % or _ is a character, not a wildcard: "T_OS1" and "%" find nothing.
    for (const q of ['T_OS1', '%'])
      expect((await secretary.get('/api/teaching-classes', { query: { termId: ids.term, q } })).json().total).toBe(0);
    // Pages name the class and the targets by code, not by id.
    expect(done).toMatchObject({ teachingClassCode: 'T-OS1-01', adminClassCodes: ['CS2401'] });
    // The teacher sees the class (own teaching scope); the other college's secretary does not.
    const teacher = await ctx.as('teacher');
    expect(
      (await teacher.get('/api/teaching-classes', { query: { termId: ids.term, q: 'T-OS1' } }))
        .json()
        .items.map((c: { id: number }) => c.id),
    ).toContain(tc.id);
    expect((await otherSecretary.get(`/api/teaching-classes/${tc.id}`)).statusCode).toBe(404);
    // Approved requests are closed.
    expect((await secretary.patch(`/api/course-requests/${r.id}`, { capacity: 40 })).json().error.code).toBe('invalid_transition');
  });

  it('checks the rules on submit with messages naming the field', async () => {
    const r = (
      await secretary.post(
        '/api/course-requests',
        request({ teachers: [{ teacherId: ids.ecoTeacher, share: 100 }], capacity: 900, sessions: [1] }),
      )
    ).json();
    const res = await secretary.post(`/api/course-requests/${r.id}/submit`, {}, { lang: 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request_rules_failed');
    const fields = res.json().error.details.fields;
    expect(fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual([
      'teachers.0.teacherId:teacher_other_college',
      'capacity:capacity_above_rooms',
      'sessions:hours_mismatch',
      'adminClassIds:duplicate_class',
    ]);
    expect(fields[2].message).toBe('1 hours a week × 16 weeks = 16 hours, but the course has 48');
    expect(fields[3].message).toContain('T-OS1-01');
    expect((await secretary.get(`/api/course-requests/${r.id}`)).json().status).toBe('draft');
    // With a cross-college note, room-sized capacity, right hours and other classes it passes.
    await secretary.patch(`/api/course-requests/${r.id}`, {
      crossCollegeNote: '经管学院教师支援',
      capacity: 40,
      sessions: [2, 1],
      adminClassIds: [(await find('admin-classes', 'CS2402'))[0].id],
    });
    const ok = await secretary.post(`/api/course-requests/${r.id}/submit`);
    expect(ok.statusCode, ok.body).toBe(200);
    // Withdrawn by the filer; only drafts may be deleted.
    const w = await secretary.post(`/api/course-requests/${r.id}/withdraw`);
    expect(w.json().status).toBe('withdrawn');
    expect((await secretary.delete(`/api/course-requests/${r.id}`)).json().error.code).toBe('invalid_transition');
  });

  it('finds duplicates through whole-cohort targets and refuses retired courses', async () => {
    const r = (
      await secretary.post('/api/course-requests', request({ adminClassIds: [], targetMajors: [{ majorId: ids.major, cohort: 2024 }] }))
    ).json();
    const res = await secretary.post(`/api/course-requests/${r.id}/submit`);
    expect(res.json().error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual([
      'adminClassIds:duplicate_class',
    ]);
    const old = (
      await office.post('/api/courses', {
        code: 'T-OLD',
        name: '停开课',
        credits: 1,
        departmentId: ids.dept,
        category: 'general',
        isActive: false,
      })
    ).json();
    const refused = await secretary.post('/api/course-requests', request({ courseId: old.id }));
    expect(refused.json().error.details.fields).toEqual([{ field: 'courseId', code: 'course_retired', message: '课程已停开' }]);
    expect((await secretary.delete(`/api/course-requests/${r.id}`)).statusCode).toBe(200);
  });

  it('keeps another college’s secretary out', async () => {
    const r = (
      await secretary.post('/api/course-requests', request({ adminClassIds: [(await find('admin-classes', 'SE2401'))[0].id] }))
    ).json();
    expect((await otherSecretary.get(`/api/course-requests/${r.id}`)).statusCode).toBe(404);
    expect(
      (await otherSecretary.get('/api/course-requests', { query: { pageSize: 200 } })).json().items.map((x: { id: number }) => x.id),
    ).not.toContain(r.id);
    for (const res of [
      await otherSecretary.patch(`/api/course-requests/${r.id}`, { capacity: 10 }),
      await otherSecretary.post(`/api/course-requests/${r.id}/submit`),
      await otherSecretary.post(`/api/course-requests/${r.id}/withdraw`),
      await otherSecretary.delete(`/api/course-requests/${r.id}`),
    ])
      expect(res.statusCode).toBe(404);
    const foreign = await otherSecretary.post('/api/course-requests', request({ collegeId: ids.cs }));
    expect(foreign.statusCode).toBe(403);
    expect((await secretary.delete(`/api/course-requests/${r.id}`)).statusCode).toBe(200);
  });
});

describe('proposals', () => {
  it('prefills drafts from the curriculum plans of the college’s cohorts, once', async () => {
    const c = (
      await office.post('/api/courses', {
        code: 'T-PF1',
        name: '编译原理（测试）',
        credits: 4,
        lectureHours: 64,
        departmentId: ids.dept,
        category: 'major_core',
      })
    ).json();
    // 2026-2027 autumn is plan term 3 for the 2025 cohort.
    const plans = (await office.get('/api/curriculum-plans', { query: { majorId: ids.major, cohort: 2025 } })).json();
    const group = { name: '测试组', kind: 'required', courses: [{ courseId: c.id, term: 3 }] };
    if (plans.total) {
      const plan = (await office.get(`/api/curriculum-plans/${plans.items[0].id}`)).json();
      const groups = plan.groups.map(
        (g: { name: string; kind: string; minCredits: string | null; courses: { courseId: number; term: number }[] }) => ({
          name: g.name,
          kind: g.kind,
          minCredits: g.minCredits,
          courses: g.courses.map((x) => ({ courseId: x.courseId, term: x.term })),
        }),
      );
      expect((await office.patch(`/api/curriculum-plans/${plan.id}`, { groups: [...groups, group] })).statusCode).toBe(200);
    } else {
      expect((await office.post('/api/curriculum-plans', { majorId: ids.major, cohort: 2025, groups: [group] })).statusCode).toBe(201);
    }
    const first = await secretary.post('/api/course-requests/prefill', { termId: ids.term });
    expect(first.statusCode, first.body).toBe(200);
    const mine = (await secretary.get('/api/course-requests', { query: { termId: ids.term, courseId: c.id } })).json();
    expect(mine.total).toBe(1);
    const classes = (await office.get('/api/admin-classes', { query: { majorId: ids.major, cohort: 2025 } }))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(mine.items[0]).toMatchObject({ status: 'draft', collegeId: ids.cs, sessions: [2, 2], teachers: [] });
    expect(mine.items[0].adminClassIds.sort()).toEqual(classes.sort());
    expect(first.json().created).toContain(mine.items[0].id);
    const second = (await secretary.post('/api/course-requests/prefill', { termId: ids.term })).json();
    expect(second.created).toEqual([]);
    expect(second.skipped).toBeGreaterThan(0);
  });

  it('copies last year’s same-semester requests with the cohorts moved on', async () => {
    const r = (await secretary.post('/api/course-requests', request({ termId: ids.prevTerm }))).json();
    expect(
      (await secretary.post('/api/course-requests/copy', { fromTermId: ids.prevTerm, toTermId: ids.term })).json().error.details.fields[0]
        .code,
    ).toBe('semester_mismatch');
    const next = await office.post('/api/terms', {
      code: 'T-2026-2027-2',
      name: '2026-2027学年第二学期',
      academicYear: '2026-2027',
      semester: 2,
      startDate: '2027-03-01',
      weeks: 18,
    });
    const res = await secretary.post('/api/course-requests/copy', { fromTermId: ids.prevTerm, toTermId: next.json().id });
    expect(res.statusCode, res.body).toBe(200);
    const copied = (await secretary.get('/api/course-requests', { query: { termId: next.json().id, courseId: ids.course } })).json().items;
    expect(copied).toHaveLength(1);
    const cs2501 = (await find('admin-classes', 'CS2501'))[0].id;
    expect(copied[0]).toMatchObject({
      status: 'draft',
      capacity: r.capacity,
      adminClassIds: [cs2501],
      teachers: [{ teacherId: ids.zhangWei, share: 100 }],
    });
  });
});
