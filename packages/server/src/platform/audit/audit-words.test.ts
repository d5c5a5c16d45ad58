import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, type AuditEntry } from '@jiaowu/contracts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { systemActor } from '../access.ts';
import { auditLog } from './audit.tables.ts';
import { writeAudit } from './audit.ts';

// The audit page as people read it: actions and fields in words, the names
// behind ids, only what changed, searchable by those words, and the office
// reading the academic part of it.

let ctx: TestContext;
let admin: TestClient;
let office: TestClient;
const ids = {} as Record<'student' | 'cs2301' | 'cs2401' | 'course' | 'request' | 'teacher' | 'term', number>;
let studentName = '';

const find = async (path: string, q: string) => (await office.get(`/api/${path}`, { query: { q, pageSize: 50 } })).json().items;
const entriesOf = async (who: TestClient, query: Record<string, string | number>, lang: 'zh-CN' | 'en' = 'zh-CN') => {
  const res = await who.get('/api/audit', { query: { pageSize: 100, ...query }, lang });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: AuditEntry[]; total: number };
};

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
  office = await ctx.as('office');
  ids.cs2301 = (await find('admin-classes', 'CS2301'))[0].id;
  ids.cs2401 = (await find('admin-classes', 'CS2401'))[0].id;
  const student = (await office.get('/api/students', { query: { adminClassId: ids.cs2301, pageSize: 1 } })).json().items[0];
  ids.student = student.id;
  studentName = student.name;
  // An admin class moved and the gender corrected: the update an office makes most.
  const moved = await office.patch(`/api/students/${student.id}`, {
    adminClassId: ids.cs2401,
    gender: student.gender === 'male' ? 'female' : 'male',
    version: student.version,
  });
  expect(moved.statusCode).toBe(200);

  ids.term = (await find('terms', '2026-2027-1'))[0].id;
  ids.teacher = (await find('teachers', '张伟'))[0].id;
  const dept = (await find('departments', '0101'))[0].id;
  ids.course = (
    await office.post('/api/courses', {
      code: 'T-AW1',
      name: '审计原理',
      credits: 3,
      lectureHours: 48,
      departmentId: dept,
      category: 'major_core',
    })
  ).json().id;
  const request = await office.post('/api/course-requests', {
    termId: ids.term,
    courseId: ids.course,
    collegeId: 1,
    teachers: [{ teacherId: ids.teacher, share: 100 }],
    capacity: 60,
    adminClassIds: [ids.cs2401],
    sessions: [3],
    weeks: { pattern: 'all', from: 1, to: 16 },
    roomType: 'multimedia',
  });
  expect(request.statusCode).toBe(201);
  ids.request = request.json().id;
  expect((await office.patch(`/api/course-requests/${ids.request}`, { capacity: 80 })).statusCode).toBe(200);
});
afterAll(() => ctx.close());

describe('the audit log in words', () => {
  it('an admin class change reads as names, in zh-CN and in en, and only what changed', async () => {
    const zh = (await entriesOf(admin, { entityType: 'students', entityId: String(ids.student) })).items[0];
    const genders = { male: '男', female: '女' };
    expect(zh).toMatchObject({ action: 'students.update', actionLabel: '修改学生', entityLabel: '学生' });
    expect(zh.entityName).toContain(studentName);
    // The office by its display name, not its username.
    const me = (await office.get('/api/me')).json();
    expect(zh).toMatchObject({ actorName: 'office', actorLabel: me.user.displayName });
    expect(me.user.displayName).not.toBe('office');
    expect(zh.changes.map((c) => c.field).sort()).toEqual(['adminClassId', 'gender']);
    expect(zh.changes.find((c) => c.field === 'adminClassId')).toEqual({
      field: 'adminClassId',
      label: '行政班',
      before: '计科2301',
      after: '计科2401',
    });
    const gender = zh.changes.find((c) => c.field === 'gender')!;
    expect(Object.values(genders)).toContain(gender.before);
    expect(Object.values(genders)).toContain(gender.after);
    expect(gender.label).toBe('性别');

    const en = (await entriesOf(admin, { entityType: 'students', entityId: String(ids.student) }, 'en')).items[0];
    expect(en).toMatchObject({ actionLabel: 'Update student', entityLabel: 'Student' });
    expect(en.changes.find((c) => c.field === 'adminClassId')).toMatchObject({
      label: 'Admin class',
      before: '计科2301',
      after: '计科2401',
    });
    expect(['Male', 'Female']).toContain(en.changes.find((c) => c.field === 'gender')!.after);
  });

  it('a course request edit shows the one field edited (no phantom weeks or teachers), and a create names what it points at', async () => {
    const { items } = await entriesOf(admin, { entityType: 'course_requests', entityId: String(ids.request) });
    const update = items.find((e) => e.action === 'course_requests.update')!;
    expect(update.actionLabel).toBe('修改开课申请');
    expect(update.entityName).toMatch(/^T-AW1 审计原理/);
    expect(update.changes).toEqual([{ field: 'capacity', label: '容量', before: '60', after: '80' }]);
    // The stored snapshots agree on everything else: the phantom is gone at write time, not only hidden.
    const before = update.before as Record<string, unknown>;
    const after = update.after as Record<string, unknown>;
    expect(Object.keys(before).sort()).toEqual(Object.keys(after).sort());

    const create = items.find((e) => e.action === 'course_requests.create')!;
    const byField = Object.fromEntries(create.changes.map((c) => [c.field, c]));
    expect(byField.courseId.after).toBe('T-AW1 审计原理');
    expect(byField.adminClassIds.after).toBe('计科2401');
    expect(byField.teachers.after).toContain('张伟');
    expect(byField.weeks.after).toBe('1–16');
    expect(byField.roomType.after).toBe('多媒体教室');
    expect(byField.status.after).toBe('草稿');
    const text = JSON.stringify(create.changes.map((c) => [c.label, c.before, c.after]));
    // Nothing a person would not read: no braces, no field codes, no ids.
    expect(text).not.toMatch(/[{}]|teacherId|adminClass|weekMask|version/);
  });

  it('filters phantom changes at read time too: equal values in another shape are not changes', async () => {
    await ctx.db.transaction((tx) =>
      writeAudit(tx, systemActor, {
        action: 'courses.update',
        entityType: 'courses',
        entityId: ids.course,
        before: {
          name: '审计原理',
          credits: '3.0',
          version: 1,
          departmentId: 1,
          departmentName: '甲',
          teachers: [{ teacherId: ids.teacher, share: 100 }],
        },
        after: {
          name: '审计原理',
          credits: 3,
          version: 2,
          departmentId: 1,
          departmentName: '乙',
          teachers: [{ share: 100, teacherId: ids.teacher, name: '张伟', code: 'x' }],
          labHours: 16,
        },
      }),
    );
    const [entry] = (await entriesOf(admin, { entityType: 'courses', entityId: String(ids.course), pageSize: 1 })).items;
    expect(entry.changes).toEqual([{ field: 'labHours', label: '实验学时', before: null, after: '16' }]);
  });

  it('no field of any entry on the page is shown by its code', async () => {
    const { items } = await entriesOf(admin, { pageSize: 200 });
    const raw = items.flatMap((e) => e.changes.filter((c) => c.label === c.field).map((c) => `${e.action}:${c.field}`));
    expect(raw).toEqual([]);
  });

  it('every action in the log has words', async () => {
    const actions = await ctx.db.selectDistinct({ action: auditLog.action }).from(auditLog);
    expect(actions.length).toBeGreaterThan(5);
    expect(actions.map((a) => a.action).filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([]);
  });
});

describe('searching by the words', () => {
  it('finds actions by their words in the request language', async () => {
    const zh = await entriesOf(admin, { q: '修改学生' });
    expect(zh.total).toBeGreaterThan(0);
    expect(new Set(zh.items.map((e) => e.action))).toEqual(new Set(['students.update']));

    const en = await entriesOf(admin, { q: 'update course request' }, 'en');
    expect(new Set(en.items.map((e) => e.action))).toEqual(new Set(['course_requests.update']));

    const login = await entriesOf(admin, { q: '登录' });
    expect(login.items.map((e) => e.action)).toContain('auth.login');
    expect(login.items.every((e) => e.actionLabel.includes('登录'))).toBe(true);
  });

  it('an entity word finds every action on it', async () => {
    const res = await entriesOf(admin, { q: '开课申请' });
    expect(res.items.every((e) => e.entityType === 'course_requests' || e.actionLabel.includes('开课申请'))).toBe(true);
    expect(res.items.map((e) => e.action)).toEqual(expect.arrayContaining(['course_requests.create', 'course_requests.update']));
  });

  it('actor and entity id search still work', async () => {
    expect((await entriesOf(admin, { q: 'offi' })).items.every((e) => e.actorName === 'office')).toBe(true);
    expect((await entriesOf(admin, { q: String(ids.request) })).items.map((e) => e.entityId)).toContain(String(ids.request));
  });
});

describe("the office reads its own domain's log", () => {
  it('sees an offerings change and a student change', async () => {
    const res = await entriesOf(office, { pageSize: 200 });
    const actions = res.items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['course_requests.update', 'students.update']));
  });

  it('does not see sign-ins, user or role changes, whatever the filter', async () => {
    const user = await admin.post('/api/users', { username: 'audit-office-probe', displayName: '探针', password: 'Probe-pass-2026!' });
    expect(user.statusCode).toBeLessThan(300);
    const role = await admin.post('/api/roles', { code: 'probe', nameZh: '探针', nameEn: 'Probe', grants: [] });
    expect(role.statusCode).toBeLessThan(300);
    // The admin sees them …
    const adminView = (await entriesOf(admin, { pageSize: 200 })).items.map((e) => e.action);
    expect(adminView).toEqual(expect.arrayContaining(['auth.login', 'users.create', 'roles.create']));
    // … the office does not, by any road.
    const hidden = /^(auth|users|roles|api_tokens|mail_settings|mail_outbox|notifications|audit|system)\./;
    const queries: Record<string, string | number>[] = [
      { pageSize: 200 },
      { q: '登录' },
      { entityType: 'users' },
      { entityType: 'roles' },
      { action: 'auth.login' },
      { q: 'users' },
    ];
    for (const query of queries) {
      const res = await entriesOf(office, query);
      expect(
        res.items.filter((e) => hidden.test(e.action)),
        JSON.stringify(query),
      ).toEqual([]);
    }
    expect((await entriesOf(office, { entityType: 'users' })).total).toBe(0);
    expect((await entriesOf(office, { q: '登录' })).total).toBe(0);
  });

  it('audit.read alone (a role or token made before the academic part existed) still reads the whole log', async () => {
    const { token } = (await admin.post('/api/api-tokens', { name: 'auditor', permissions: ['audit.read'] })).json();
    const res = await ctx.anonymous().get('/api/audit', { headers: { authorization: `Bearer ${token}` }, query: { q: '登录' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: AuditEntry) => e.action)).toContain('auth.login');
  });

  it('cannot verify the chain; teachers, students and secretaries read nothing', async () => {
    expect((await office.get('/api/audit/verify')).statusCode).toBe(403);
    for (const who of ['secretary', 'teacher', 'student']) expect((await (await ctx.as(who)).get('/api/audit')).statusCode, who).toBe(403);
  });
});
