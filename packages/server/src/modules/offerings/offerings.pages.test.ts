import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { ensureBuiltinRoles } from '../../seed/roles.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { insertUser, replaceUserRoles } from '../iam/iam.repository.ts';
import { hashPassword } from '../iam/passwords.ts';

// The request list as the office and a college work with it: prefill preview, batch actions,
// the per-college summary and the export; and what /me and the approver check tell staff.

let ctx: TestContext;
let office: TestClient;
let secretary: TestClient;
let ecoSecretary: TestClient;
const ids = {} as Record<'term' | 'cs' | 'eco' | 'dept' | 'major' | 'zhangWei' | 'cs2401', number>;

const find = async (path: string, q: string) => (await office.get(`/api/${path}`, { query: { q, pageSize: 50 } })).json().items;
const course = async (code: string, name: string, lectureHours = 48) =>
  (await office.post('/api/courses', { code, name, credits: 3, lectureHours, departmentId: ids.dept, category: 'major_core' })).json()
    .id as number;

beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  secretary = await ctx.as('secretary');
  ids.term = (await find('terms', '2026-2027-1'))[0].id;
  const colleges = (await office.get('/api/colleges')).json().items;
  ids.cs = colleges.find((c: { code: string }) => c.code === '01').id;
  ids.eco = colleges.find((c: { code: string }) => c.code === '02').id;
  ids.dept = (await find('departments', '0101'))[0].id;
  ids.major = (await find('majors', '080901'))[0].id;
  ids.zhangWei = (await find('teachers', '张伟')).find((t: { collegeId: number }) => t.collegeId === ids.cs).id;
  ids.cs2401 = (await find('admin-classes', 'CS2401'))[0].id;
  const roles = await ensureBuiltinRoles(ctx.db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (tx) => {
    const u = await insertUser(tx, { username: 'sec-eco', displayName: '经管教务员', passwordHash, isDemo: true });
    await replaceUserRoles(tx, u.id, [{ roleId: roles.secretary, collegeId: ids.eco }]);
  });
  ecoSecretary = await ctx.as('sec-eco');
});
afterAll(() => ctx.close());

const request = (courseId: number, over: Record<string, unknown> = {}) => ({
  termId: ids.term,
  courseId,
  teachers: [{ teacherId: ids.zhangWei, share: 100 }],
  capacity: 60,
  adminClassIds: [ids.cs2401],
  sessions: [3],
  weeks: { pattern: 'all', from: 1, to: 16 },
  roomType: 'multimedia',
  ...over,
});

describe('prefill from the curriculum plan', () => {
  it('previews the drafts without writing, then creates only the chosen ones', async () => {
    const a = await course('T-PV1', '预览课程甲', 64);
    const b = await course('T-PV2', '预览课程乙', 64);
    // 2026-2027 autumn is plan term 3 for the 2025 cohort.
    const plans = (await office.get('/api/curriculum-plans', { query: { majorId: ids.major, cohort: 2025 } })).json();
    const group = { name: '预览组', kind: 'required', courses: [a, b].map((courseId) => ({ courseId, term: 3 })) };
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
    const count = async (courseId: number) =>
      (await secretary.get('/api/course-requests', { query: { termId: ids.term, courseId } })).json().total as number;

    const preview = await secretary.post('/api/course-requests/prefill/preview', { termId: ids.term });
    expect(preview.statusCode, preview.body).toBe(200);
    const drafts = preview.json().drafts as {
      key: string;
      courseId: number;
      courseCode: string;
      adminClassCodes: string[];
      sessions: number[];
    }[];
    const draftA = drafts.find((d) => d.courseId === a)!;
    expect(draftA).toMatchObject({ courseCode: 'T-PV1', sessions: [2, 2] });
    expect(draftA.adminClassCodes.length).toBeGreaterThan(0);
    expect(drafts.some((d) => d.courseId === b)).toBe(true);
    // Previewing wrote nothing.
    expect(await count(a)).toBe(0);

    const created = await secretary.post('/api/course-requests/prefill', { termId: ids.term, keys: [draftA.key] });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().created).toHaveLength(1);
    expect(await count(a)).toBe(1);
    expect(await count(b)).toBe(0);
    // The next preview no longer proposes what exists, still proposes what was left out.
    const again = (await secretary.post('/api/course-requests/prefill/preview', { termId: ids.term })).json().drafts as {
      courseId: number;
    }[];
    expect(again.some((d) => d.courseId === a)).toBe(false);
    expect(again.some((d) => d.courseId === b)).toBe(true);
  });
});

describe('batch actions on requests', () => {
  it('submits what passes, reports each refusal on its row, each item on its own', async () => {
    const good = (await secretary.post('/api/course-requests', request(await course('T-BT1', '批量课程甲')))).json();
    const bad = (await secretary.post('/api/course-requests', request(await course('T-BT2', '批量课程乙'), { capacity: 900 }))).json();
    const res = await secretary.post('/api/course-requests/batch', { action: 'submit', ids: [good.id, bad.id, 999_999] });
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(res.json().results.map((r: { id: number }) => [r.id, r]));
    expect(byId.get(good.id)).toEqual({ id: good.id, ok: true });
    expect(byId.get(bad.id)).toMatchObject({ ok: false, code: 'request_rules_failed' });
    expect((byId.get(bad.id) as { message: string }).message).toMatch(/\S/);
    expect(byId.get(999_999)).toMatchObject({ ok: false, code: 'not_found' });
    expect((await secretary.get(`/api/course-requests/${good.id}`)).json()).toMatchObject({ status: 'submitted' });
    expect((await secretary.get(`/api/course-requests/${bad.id}`)).json()).toMatchObject({ status: 'draft' });
    // Submission is stamped: the office's list shows when.
    expect(Date.parse((await secretary.get(`/api/course-requests/${good.id}`)).json().submittedAt)).toBeGreaterThan(0);

    // Delete: only the draft goes; withdraw: only the submitted one.
    const del = (await secretary.post('/api/course-requests/batch', { action: 'delete', ids: [good.id, bad.id] })).json().results;
    expect(del.map((r: { ok: boolean }) => r.ok)).toEqual([false, true]);
    expect((await secretary.get(`/api/course-requests/${bad.id}`)).statusCode).toBe(404);
    const wd = (await secretary.post('/api/course-requests/batch', { action: 'withdraw', ids: [good.id] })).json().results;
    expect(wd).toEqual([{ id: good.id, ok: true }]);
    expect((await secretary.get(`/api/course-requests/${good.id}`)).json().status).toBe('withdrawn');
  });

  it('does not act on another college’s requests', async () => {
    const mine = (await secretary.post('/api/course-requests', request(await course('T-BT3', '批量课程丙')))).json();
    const res = (await ecoSecretary.post('/api/course-requests/batch', { action: 'delete', ids: [mine.id] })).json();
    expect(res.results).toEqual([expect.objectContaining({ id: mine.id, ok: false, code: 'not_found' })]);
    expect((await secretary.get(`/api/course-requests/${mine.id}`)).statusCode).toBe(200);
  });
});

describe('the office’s view of the requests', () => {
  it('lists applicant and submission time, sorted by submission when asked', async () => {
    const me = (await secretary.get('/api/me')).json().user;
    const r = (await secretary.post('/api/course-requests', request(await course('T-LS1', '列表课程')))).json();
    await secretary.post(`/api/course-requests/${r.id}/submit`);
    const list = (
      await office.get('/api/course-requests', { query: { termId: ids.term, collegeId: ids.cs, sort: 'submittedAt', order: 'desc' } })
    ).json();
    expect(list.items[0]).toMatchObject({ id: r.id, applicantName: me.displayName, collegeName: expect.any(String) });
    expect(list.items.every((i: { collegeId: number }) => i.collegeId === ids.cs)).toBe(true);
  });

  it('summarises per college, a secretary only their own', async () => {
    await ecoSecretary.post('/api/course-requests', {
      ...request(await course('T-SM1', '经管申请')),
      teachers: [],
      adminClassIds: [],
    });
    const all = (await office.get('/api/course-requests/summary', { query: { termId: ids.term } })).json();
    const cs = all.find((r: { collegeId: number }) => r.collegeId === ids.cs);
    expect(all.map((r: { collegeId: number }) => r.collegeId)).toEqual(expect.arrayContaining([ids.cs, ids.eco]));
    expect(cs.total).toBe(cs.approved + cs.pending + cs.returned + cs.rejected + cs.draft + cs.withdrawn);
    expect(cs.approved).toBeGreaterThan(0);
    const listed = (
      await office.get('/api/course-requests', { query: { termId: ids.term, collegeId: ids.cs, status: 'approved' } })
    ).json();
    expect(cs.approved).toBe(listed.total);
    const own = (await secretary.get('/api/course-requests/summary', { query: { termId: ids.term } })).json();
    expect(own.map((r: { collegeId: number }) => r.collegeId)).toEqual([ids.cs]);
    expect(own[0]).toEqual(cs);
    const eco = (await ecoSecretary.get('/api/course-requests/summary', { query: { termId: ids.term } })).json();
    expect(eco.map((r: { collegeId: number }) => r.collegeId)).toEqual([ids.eco]);
  });

  it('exports the filtered list as XLSX in the reader’s language, in scope', async () => {
    const read = async (client: TestClient, query: Record<string, string | number>, lang: 'zh-CN' | 'en' = 'zh-CN') => {
      const res = await client.get('/api/course-requests/export', { query: { termId: ids.term, ...query }, lang });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
      const rows: string[][] = [];
      wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
      return rows;
    };
    const zh = await read(office, { collegeId: ids.cs });
    expect(zh[0]).toEqual(expect.arrayContaining(['学院', '申请人', '提交时间', '状态']));
    const college = zh[0].indexOf('学院');
    const status = zh[0].indexOf('状态');
    expect(zh.length).toBeGreaterThan(2);
    expect(new Set(zh.slice(1).map((r) => r[college])).size).toBe(1);
    expect(zh.slice(1).map((r) => r[status])).toContain('已通过');
    expect((await read(office, { collegeId: ids.cs }, 'en'))[0]).toEqual(expect.arrayContaining(['College', 'Applicant', 'Submitted']));
    // Another college's secretary gets only the header row for the CS filter.
    expect(await read(ecoSecretary, { collegeId: ids.cs })).toHaveLength(1);
  });
});

describe('/me and the approver tools for staff', () => {
  it('a teacher reads their own staff record, not another’s', async () => {
    const teacher = await ctx.as('teacher');
    const me = (await teacher.get('/api/me')).json().user;
    expect(me.teacherId).toEqual(expect.any(Number));
    expect(me.studentId).toBeNull();
    const own = await teacher.get(`/api/teachers/${me.teacherId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(me.teacherId);
    const other = (await office.get('/api/teachers', { query: { pageSize: 5 } }))
      .json()
      .items.find((t: { id: number }) => t.id !== me.teacherId);
    expect((await teacher.get(`/api/teachers/${other.id}`)).statusCode).toBe(404);
  });

  it('tells approvers from applicants', async () => {
    const isApprover = async (username: string) => (await (await ctx.as(username)).get('/api/workflow/approver')).json().isApprover;
    expect(await isApprover('office')).toBe(true);
    expect(await isApprover('admin')).toBe(true); // the fallback of the course-request review
    expect(await isApprover('teacher')).toBe(false);
    expect(await isApprover('student')).toBe(false);
    expect(await isApprover('secretary')).toBe(true); // the college step of timetable change requests
  });
});
