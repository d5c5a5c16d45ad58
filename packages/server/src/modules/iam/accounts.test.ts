import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { departments, students, teachers } from '../org/org.tables.ts';
import { buildStudent, buildTeacher } from '../../test/factories.ts';
import { loginThrottle, users } from './iam.tables.ts';

let ctx: TestContext;
let admin: TestClient;
let office: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
  office = await ctx.as('office');
});
afterAll(() => ctx.close());

const HEADER_ZH = '学号,姓名,性别,行政班代码,年级,学籍状态,邮箱,电话';

function importStudents(client: TestClient, csv: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const { payload, headers } = multipartFile(csv, 'students.csv');
  return client.request('POST', '/api/imports/students', payload, { headers, lang, query: { dryRun: false } });
}

async function account(username: string) {
  const res = await office.get('/api/accounts', { query: { q: username } });
  expect(res.statusCode).toBe(200);
  return res.json().items.find((a: { username: string }) => a.username === username);
}

async function studentByCode(code: string) {
  const res = await admin.get('/api/students', { query: { q: code } });
  return res.json().items.find((s: { code: string }) => s.code === code);
}

/** Resets these accounts as the office, waits for the job and returns the handout rows by code. */
async function resetAndReadHandout(ids: number[]) {
  const res = await office.post('/api/accounts/bulk', { action: 'reset_password', ids });
  expect(res.statusCode).toBe(200);
  const { jobId, count: n } = res.json();
  expect(n).toBe(ids.length);
  await ctx.app.jobs.idle();
  const job = await office.get(`/api/jobs/${jobId}`);
  expect(job.json()).toMatchObject({ status: 'succeeded', result: { issued: ids.length } });
  const file = await office.get(`/api/accounts/handouts/${jobId}`);
  expect(file.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const rows = new Map<string, string[]>();
  ws.eachRow((row, i) => {
    if (i > 1) {
      const cells = (row.values as unknown[]).slice(1).map(String);
      rows.set(cells[0], cells);
    }
  });
  // The printable view reads the same list.
  const json = await office.get(`/api/accounts/handouts/${jobId}`, { query: { format: 'json' } });
  expect(json.json().rows.map((r: { code: string; password: string }) => [r.code, r.password])).toEqual(
    [...rows.values()].map((r) => [r[0], r[3]]),
  );
  return { header, rows, jobId };
}

describe('accounts of people', () => {
  it('the demo has an account for every student and teacher, linked, signing in with the demo password', async () => {
    const [{ n: studentsTotal }] = await ctx.db.select({ n: count() }).from(students).where(isNull(students.deletedAt));
    const [{ n: linkedStudents }] = await ctx.db.select({ n: count() }).from(users).where(isNotNull(users.studentId));
    const [{ n: teachersTotal }] = await ctx.db.select({ n: count() }).from(teachers).where(isNull(teachers.deletedAt));
    const [{ n: linkedTeachers }] = await ctx.db.select({ n: count() }).from(users).where(isNotNull(users.teacherId));
    expect(Number(linkedStudents)).toBe(Number(studentsTotal));
    expect(Number(linkedTeachers)).toBe(Number(teachersTotal));
    const [other] = await ctx.db
      .select({ username: users.username })
      .from(users)
      .where(and(isNotNull(users.studentId), eq(users.isDemo, true)))
      .limit(2)
      .offset(1);
    const client = await ctx.as(other.username);
    const me = await client.get('/api/me');
    expect(me.json().user).toMatchObject({ username: other.username, mustChangePassword: false });
    expect(me.json().permissions['students.read']).toBe('self');
  });

  it('signs in with the 工号 of the linked teacher when the user name differs, throttled as one account', async () => {
    const [demoTeacher] = await ctx.db.select().from(users).where(eq(users.username, 'teacher'));
    const [t] = await ctx.db.select().from(teachers).where(eq(teachers.id, demoTeacher.teacherId!));
    const client = ctx.anonymous();
    const res = await client.login(t.code);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('teacher');
    const wrong = await ctx.anonymous().login(t.code, 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    // The failure counts against the account, not against the code it was tried under.
    const [row] = await ctx.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'user:teacher'));
    expect(row.failures).toBe(1);
    expect(
      await ctx.db
        .select()
        .from(loginThrottle)
        .where(eq(loginThrottle.key, `user:${t.code.toLowerCase()}`)),
    ).toEqual([]);
  });

  it('creates the account of a new teacher in the same write: user name = 工号, teacher role anchored at the college, no password yet', async () => {
    const dept = (await office.get('/api/departments', { query: { pageSize: 1 } })).json().items[0];
    const res = await office.post('/api/teachers', {
      code: 'T90001',
      name: '新老师',
      departmentId: dept.id,
      email: 't90001@example.edu.cn',
    });
    expect(res.statusCode).toBe(201);
    const a = await account('T90001');
    expect(a).toMatchObject({
      kind: 'teacher',
      teacherId: res.json().id,
      displayName: '新老师',
      email: 't90001@example.edu.cn',
      passwordIssued: false,
      isDisabled: false,
      groupName: dept.collegeName,
    });
    expect(a.roles).toEqual([expect.objectContaining({ roleCode: 'teacher', collegeId: dept.collegeId })]);
    // Nothing verifies before a password is issued.
    expect((await ctx.anonymous().login('T90001', '!unissued')).statusCode).toBe(401);
  });

  it('creates accounts on import with the student role, renames on a code change, disables on graduation and enables again', async () => {
    const res = await importStudents(office, [HEADER_ZH, 'A90001,钱一,男,CS2401,2024,在读,,', 'A90002,钱二,女,CS2401,2024,,,'].join('\n'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2 });
    const a1 = await account('A90001');
    expect(a1).toMatchObject({ kind: 'student', displayName: '钱一', passwordIssued: false, groupName: expect.any(String) });
    expect(a1.roles.map((r: { roleCode: string }) => r.roleCode)).toEqual(['student']);
    expect(await account('A90002')).toBeDefined();

    // Re-importing the same file neither duplicates nor changes the accounts.
    expect((await importStudents(office, [HEADER_ZH, 'A90001,钱一,男,CS2401,2024,在读,,'].join('\n'))).statusCode).toBe(200);
    expect((await office.get('/api/accounts', { query: { q: 'A90001' } })).json().total).toBe(1);

    // Issue a password, sign in, then rename the 学号.
    const { rows } = await resetAndReadHandout([a1.id]);
    const password = rows.get('A90001')![3];
    const student = await ctx.as('A90001', password);
    const s = await studentByCode('A90001');
    const renamed = await office.patch(`/api/students/${s.id}`, { code: 'A90001X', version: s.version });
    expect(renamed.statusCode).toBe(200);
    expect(await account('A90001')).toBeUndefined();
    expect(await account('A90001X')).toMatchObject({ id: a1.id });

    // Graduation disables the account and ends its session at once; back to 在读 enables it.
    const graduated = await office.patch(`/api/students/${s.id}`, { status: 'graduated', version: renamed.json().version });
    expect(graduated.statusCode).toBe(200);
    expect(await account('A90001X')).toMatchObject({ isDisabled: true });
    expect((await student.get('/api/me')).statusCode).toBe(401);
    expect((await ctx.anonymous().login('A90001X', password)).json().error.code).toBe('account_disabled');
    const back = await office.patch(`/api/students/${s.id}`, { status: 'enrolled', version: graduated.json().version });
    expect(back.statusCode).toBe(200);
    expect(await account('A90001X')).toMatchObject({ isDisabled: false });
    expect((await ctx.anonymous().login('A90001X', password)).statusCode).toBe(200);
    const audit = await admin.get('/api/audit', { query: { action: 'users.disable', entityId: String(a1.id) } });
    expect(audit.json().items).toHaveLength(1);
  });

  it('refuses an import whose 学号 is the user name of an unrelated account, naming the row, and saves nothing', async () => {
    const created = await admin.post('/api/users', { username: 'B90009', displayName: '职员', password: 'longpassword1', roles: [] });
    expect(created.statusCode).toBe(201);
    const res = await importStudents(office, [HEADER_ZH, 'B90001,孙一,男,CS2401,2024,,,', 'B90009,孙九,男,CS2401,2024,,,'].join('\n'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('B90009');
    expect(res.json().error.message).toContain('第 3 行');
    expect(await studentByCode('B90001')).toBeUndefined();
    expect(await account('B90001')).toBeUndefined();
    const en = await importStudents(office, [HEADER_ZH, 'B90009,孙九,男,CS2401,2024,,,'].join('\n'), 'en');
    expect(en.json().error.message).toContain('row 2');

    // The same on a single create: the 学号 field is named.
    const cls = (await admin.get('/api/admin-classes', { query: { q: 'CS2401' } })).json().items[0];
    const single = await office.post('/api/students', { code: 'B90009', name: '孙九', adminClassId: cls.id, cohort: 2024 });
    expect(single.statusCode).toBe(409);
    expect(single.json().error.details.fields).toEqual([expect.objectContaining({ field: 'code' })]);
    expect(await studentByCode('B90009')).toBeUndefined();
  });

  it('bulk reset issues a handout list, and the person must change the initial password at first sign-in', async () => {
    await importStudents(office, [HEADER_ZH, 'C90001,周一,男,CS2401,2024,,,', 'C90002,周二,女,CS2401,2024,,,'].join('\n'));
    const unissued = await office.get('/api/accounts', { query: { q: 'C9000', status: 'unissued' } });
    expect(unissued.json().total).toBe(2);
    const ids = unissued.json().items.map((a: { id: number }) => a.id);
    const { header, rows } = await resetAndReadHandout(ids);
    expect(header).toEqual(['学号/工号', '姓名', '班级/学院', '初始密码']);
    const [code, name, group, password] = rows.get('C90002')!;
    expect([code, name]).toEqual(['C90002', '周二']);
    expect(group).not.toBe('');
    expect(password).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(rows.get('C90001')![3]).not.toBe(password);

    const student = await ctx.as('C90002', password);
    expect((await student.get('/api/me')).json().user.mustChangePassword).toBe(true);
    expect((await student.get('/api/students', { query: { pageSize: 1 } })).json().error.code).toBe('password_change_required');
    const changed = await student.post('/api/me/password', { currentPassword: password, newPassword: 'my-own-password-1' });
    expect(changed.statusCode).toBe(200);
    expect((await student.get('/api/students', { query: { pageSize: 1 } })).statusCode).toBe(200);
    expect((await office.get('/api/accounts', { query: { q: 'C9000', status: 'unissued' } })).json().total).toBe(0);
  });

  it('bulk disable by filter ends sessions at once; the office cannot reach staff accounts', async () => {
    await importStudents(office, [HEADER_ZH, 'D90001,吴一,男,CS2401,2024,,,'].join('\n'));
    const a = await account('D90001');
    const { rows } = await resetAndReadHandout([a.id]);
    const student = await ctx.as('D90001', rows.get('D90001')![3]);
    const res = await office.post('/api/accounts/bulk', { action: 'disable', filter: { q: 'D90001', kind: 'student' } });
    expect(res.json()).toMatchObject({ count: 1 });
    expect((await student.get('/api/me')).statusCode).toBe(401);
    expect((await office.post('/api/accounts/bulk', { action: 'enable', ids: [a.id] })).json()).toMatchObject({ count: 1 });

    const [adminUser] = await ctx.db.select().from(users).where(eq(users.username, 'admin'));
    expect((await office.post('/api/accounts/bulk', { action: 'disable', ids: [adminUser.id] })).json()).toMatchObject({ count: 0 });
    expect((await office.get('/api/accounts', { query: { kind: 'staff' } })).json().total).toBe(0);
    expect((await admin.get('/api/accounts', { query: { kind: 'staff' } })).json().total).toBeGreaterThan(0);
  });

  it('stores the initial password policy; a person without an ID number gets a random password', async () => {
    expect((await office.get('/api/accounts/settings')).json()).toEqual({ passwordPolicy: 'random' });
    expect((await office.put('/api/accounts/settings', { passwordPolicy: 'id_last6' })).statusCode).toBe(200);
    expect((await office.get('/api/accounts/settings')).json()).toEqual({ passwordPolicy: 'id_last6' });
    expect((await ctx.anonymous().get('/api/accounts/settings')).statusCode).toBe(401);
    const teacher = await ctx.as('teacher');
    expect((await teacher.get('/api/accounts/settings')).statusCode).toBe(403);
    await importStudents(office, [HEADER_ZH, 'E90001,郑一,男,CS2401,2024,,,'].join('\n'));
    const { rows } = await resetAndReadHandout([(await account('E90001')).id]);
    expect(rows.get('E90001')![3]).toMatch(/^[A-Za-z0-9]{10}$/);
    await office.put('/api/accounts/settings', { passwordPolicy: 'random' });
  });

  it('a teacher who leaves loses the account; a second account for a linked person is refused', async () => {
    const t = (await office.get('/api/teachers', { query: { q: 'T90001' } })).json().items[0];
    const left = await office.patch(`/api/teachers/${t.id}`, { status: 'left', version: t.version });
    expect(left.statusCode).toBe(200);
    expect(await account('T90001')).toMatchObject({ isDisabled: true });
    const res = await admin.post('/api/users', {
      username: 'second-t90001',
      displayName: '重复',
      password: 'longpassword1',
      teacherId: t.id,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.fields).toEqual([expect.objectContaining({ field: 'teacherId' })]);
  });

  it('the upgrade migration gives people written before accounts existed theirs, with role and anchor', async () => {
    // Written straight into the tables, as before this release: no account.
    const s = await buildStudent(ctx.db);
    const t = await buildTeacher(ctx.db, { status: 'retired' });
    expect(await account(s.code)).toBeUndefined();
    const file = new URL('../../db/migrations/0015_accounts_backfill.sql', import.meta.url);
    for (const statement of (await readFile(file, 'utf8')).split('--> statement-breakpoint')) await ctx.db.execute(sql.raw(statement));
    expect(await account(s.code)).toMatchObject({
      studentId: s.id,
      passwordIssued: false,
      isDisabled: false,
      roles: [expect.objectContaining({ roleCode: 'student' })],
    });
    const [anchor] = await ctx.db.select({ collegeId: departments.collegeId }).from(departments).where(eq(departments.id, t.departmentId));
    expect(await account(t.code)).toMatchObject({
      teacherId: t.id,
      isDisabled: true,
      roles: [expect.objectContaining({ roleCode: 'teacher', collegeId: anchor.collegeId })],
    });
  });

  // Last: it moves the clock a day on.
  it('keeps the handout list for a day only', async () => {
    await importStudents(office, [HEADER_ZH, 'F90001,冯一,男,CS2401,2024,,,'].join('\n'));
    const { jobId } = await resetAndReadHandout([(await account('F90001')).id]);
    ctx.clock.advance(25 * 3_600_000);
    const later = await ctx.as('office');
    const res = await later.get(`/api/accounts/handouts/${jobId}`);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.message).toContain('已过期');
  });
});
