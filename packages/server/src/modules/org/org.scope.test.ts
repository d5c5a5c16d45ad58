import { and, count, eq, isNull, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../iam/iam.tables.ts';
import { ORG_PATHS, validBody } from '../../test/factories.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { adminClasses, departments, majors, rooms, students, teachers } from './org.tables.ts';

// Data scope: what each demo role sees and may change. The secretary's
// college is 计算机科学与技术学院 (id 1).

let ctx: TestContext;
let secretary: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  secretary = await ctx.as('secretary');
});
afterAll(() => ctx.close());

async function studentsOfCollege(collegeId: number) {
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(and(eq(departments.collegeId, collegeId), isNull(students.deletedAt)));
  return Number(n);
}
async function aStudent(inCollege: boolean) {
  const [row] = await ctx.db
    .select({ id: students.id, name: students.name, adminClassId: students.adminClassId, version: students.version })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(inCollege ? eq(departments.collegeId, 1) : ne(departments.collegeId, 1))
    .limit(1);
  return row;
}
async function aClass(inCollege: boolean) {
  const [row] = await ctx.db
    .select({ id: adminClasses.id })
    .from(adminClasses)
    .innerJoin(majors, eq(majors.id, adminClasses.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(inCollege ? eq(departments.collegeId, 1) : ne(departments.collegeId, 1))
    .orderBy(adminClasses.id)
    .limit(2);
  return row;
}

describe('college secretary', () => {
  it('lists only the students of college 1, all of them', async () => {
    const res = await secretary.get('/api/students', { query: { pageSize: 200 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(await studentsOfCollege(1));
    expect(body.total).toBeLessThan(await ctx.db.$count(students));
    expect(body.items.every((s: { collegeId: number }) => s.collegeId === 1)).toBe(true);
    // Asking for another college's students does not widen the scope.
    expect((await secretary.get('/api/students', { query: { collegeId: 2 } })).json().total).toBe(0);
    const last = (await secretary.get('/api/students', { query: { pageSize: 200, page: Math.ceil(body.total / 200) } })).json();
    expect(last.items.every((s: { collegeId: number }) => s.collegeId === 1)).toBe(true);
  });

  it('lists only the teachers of college 1', async () => {
    const body = (await secretary.get('/api/teachers', { query: { pageSize: 200 } })).json();
    const [{ n }] = await ctx.db
      .select({ n: count() })
      .from(teachers)
      .innerJoin(departments, eq(departments.id, teachers.departmentId))
      .where(and(eq(departments.collegeId, 1), isNull(teachers.deletedAt)));
    expect(body.total).toBe(Number(n));
    expect(body.total).toBeLessThan(await ctx.db.$count(teachers));
    expect(body.items.every((t: { collegeId: number }) => t.collegeId === 1)).toBe(true);
  });

  it('gets 404 for a student of another college, and cannot change or delete them', async () => {
    const other = await aStudent(false);
    const res = await secretary.get(`/api/students/${other.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await secretary.patch(`/api/students/${other.id}`, { name: '改名', version: other.version })).statusCode).toBe(404);
    expect((await secretary.delete(`/api/students/${other.id}`, { headers: { 'if-match': String(other.version) } })).statusCode).toBe(404);
    const [row] = await ctx.db.select().from(students).where(eq(students.id, other.id));
    expect(row.name).toBe(other.name);
    expect(row.deletedAt).toBeNull();
  });

  it('updates a student of college 1', async () => {
    const own = await aStudent(true);
    const res = await secretary.patch(`/api/students/${own.id}`, { phone: '13912345678', version: own.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: own.id, phone: '13912345678', collegeId: 1 });
  });

  it('cannot move a student into another college (403 out_of_scope, row unchanged)', async () => {
    const own = await aStudent(true);
    const [before] = await ctx.db.select().from(students).where(eq(students.id, own.id));
    const target = await aClass(false);
    const res = await secretary.patch(`/api/students/${own.id}`, { adminClassId: target.id, name: '转走', version: own.version });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'out_of_scope', message: '该记录不在您的管辖范围内' });
    const [after] = await ctx.db.select().from(students).where(eq(students.id, own.id));
    expect(after).toEqual(before);
  });

  it('can create a student in its own college but not in another', async () => {
    const own = await aClass(true);
    const ok = await secretary.post('/api/students', { code: 'SEC-OWN-1', name: '新生', adminClassId: own.id, cohort: 2026 });
    expect(ok.statusCode).toBe(201);
    const other = await aClass(false);
    const no = await secretary.post('/api/students', { code: 'SEC-OTHER-1', name: '新生', adminClassId: other.id, cohort: 2026 });
    expect(no.statusCode).toBe(403);
    expect(no.json().error.code).toBe('out_of_scope');
    expect(await ctx.db.$count(students, eq(students.code, 'SEC-OTHER-1'))).toBe(0);
  });

  it('cannot create rooms or change teachers (403 forbidden)', async () => {
    const { body } = await validBody(ctx.db, 'rooms');
    const res = await secretary.post('/api/rooms', body);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', message: '您没有执行此操作的权限' });
    expect(await ctx.db.$count(rooms, eq(rooms.code, String(body.code)))).toBe(0);
    const [t] = (await secretary.get('/api/teachers', { query: { pageSize: 1 } })).json().items;
    expect((await secretary.patch(`/api/teachers/${t.id}`, { name: 'x', version: 1 })).statusCode).toBe(403);
  });
});

describe('student and teacher accounts', () => {
  it('a student sees exactly one student: self', async () => {
    const client = await ctx.as('student');
    const [me] = await ctx.db.select().from(users).where(eq(users.username, 'student'));
    const body = (await client.get('/api/students')).json();
    expect(body.total).toBe(1);
    expect(body.items.map((s: { id: number }) => s.id)).toEqual([me.studentId]);
    expect(body.items[0].name).toBe('李明');
    expect((await client.get(`/api/students/${me.studentId! + 1}`)).statusCode).toBe(404);
    expect((await client.get('/api/teachers')).statusCode).toBe(403);
    expect((await client.patch(`/api/students/${me.studentId}`, { name: '改名', version: 1 })).statusCode).toBe(403);
  });

  it('a teacher sees only self among teachers', async () => {
    const client = await ctx.as('teacher');
    const [me] = await ctx.db.select().from(users).where(eq(users.username, 'teacher'));
    const body = (await client.get('/api/teachers', { query: { pageSize: 200 } })).json();
    expect(body.total).toBe(1);
    expect(body.items.map((t: { id: number }) => t.id)).toEqual([me.teacherId]);
    expect(body.items[0].name).toBe('张伟');
    expect((await client.get(`/api/teachers/${me.teacherId! + 1}`)).statusCode).toBe(404);
  });
});

describe('leader (read-only) and anonymous', () => {
  it('the leader reads everything but every write is 403', async () => {
    const leader = await ctx.as('leader');
    for (const path of ORG_PATHS) {
      const list = await leader.get(`/api/${path}`);
      expect(list.statusCode, path).toBe(200);
      const [first] = list.json().items;
      const { body } = await validBody(ctx.db, path);
      const created = await leader.post(`/api/${path}`, body);
      expect(created.statusCode, `POST ${path}`).toBe(403);
      expect(created.json().error.code).toBe('forbidden');
      expect((await leader.patch(`/api/${path}/${first.id}`, { name: 'x', version: first.version })).statusCode, `PATCH ${path}`).toBe(403);
      expect(
        (await leader.delete(`/api/${path}/${first.id}`, { headers: { 'if-match': String(first.version) } })).statusCode,
        `DELETE ${path}`,
      ).toBe(403);
      expect((await leader.get(`/api/${path}/${first.id}`)).json()).toEqual(first);
    }
  });

  it('anonymous callers get 401 on every list, get and export', async () => {
    const anon = ctx.anonymous();
    for (const path of ORG_PATHS) {
      for (const url of [`/api/${path}`, `/api/${path}/1`, `/api/${path}/export`]) {
        const res = await anon.get(url);
        expect(res.statusCode, url).toBe(401);
        expect(res.json().error.code, url).toBe('unauthenticated');
      }
    }
    expect((await anon.get('/api/audit')).statusCode).toBe(401);
    expect((await anon.get('/api/terms/1/time-grid')).statusCode).toBe(401);
  });
});
