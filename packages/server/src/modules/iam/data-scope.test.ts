import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courses } from '../catalog/catalog.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { adminClasses, colleges, departments, majors, students, teachers, terms } from '../org/org.tables.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { buildRole, buildUser } from '../../test/user-factory.ts';
import { ifMatch, versionOf } from '../../test/versions.ts';

// Data scopes of users holding several anchored roles. Each permission must
// reach only what the assignment that grants it reaches: a read-only role at
// college 2 must not turn a college-1 secretary into a college-2 manager.

let ctx: TestContext;
let office: TestClient;
let mixed: TestClient; // secretary of college 1 + read-only role anchored at college 2
let twoColleges: TestClient; // secretary of college 1 + a copy of the secretary role at college 2
let deptManager: TestClient; // custom role: students read/manage in one department of college 2
let teacher: TestClient;
const c = { one: 0, two: 0, three: 0 };
let dept2 = 0;

const SECRETARY_GRANTS = [
  { permission: 'teachers.read', scope: 'college' },
  { permission: 'students.read', scope: 'college' },
  { permission: 'students.manage', scope: 'college' },
  { permission: 'offerings.read', scope: 'college' },
  { permission: 'offerings.file', scope: 'college' },
];

beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  teacher = await ctx.as('teacher');
  const cols = await ctx.db.select({ id: colleges.id }).from(colleges).orderBy(asc(colleges.id)).limit(3);
  [c.one, c.two, c.three] = cols.map((r) => r.id);
  [{ id: dept2 }] = await ctx.db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.collegeId, c.two))
    .orderBy(asc(departments.id))
    .limit(1);

  const reader = await buildRole(ctx.db, [
    { permission: 'students.read', scope: 'college' },
    { permission: 'teachers.read', scope: 'college' },
    { permission: 'offerings.read', scope: 'college' },
  ]);
  await buildUser(
    ctx.db,
    [
      { role: 'secretary', collegeId: c.one },
      { role: reader, collegeId: c.two },
    ],
    { username: 'sec-mixed' },
  );
  const secretary2 = await buildRole(ctx.db, SECRETARY_GRANTS);
  await buildUser(
    ctx.db,
    [
      { role: 'secretary', collegeId: c.one },
      { role: secretary2, collegeId: c.two },
    ],
    { username: 'sec-two' },
  );
  const deptRole = await buildRole(ctx.db, [
    { permission: 'students.read', scope: 'department' },
    { permission: 'students.manage', scope: 'department' },
  ]);
  await buildUser(ctx.db, [{ role: deptRole, departmentId: dept2 }, { role: 'leader' }], { username: 'dept-mgr' });
  mixed = await ctx.as('sec-mixed');
  twoColleges = await ctx.as('sec-two');
  deptManager = await ctx.as('dept-mgr');
});
afterAll(() => ctx.close());

const studentWhere = (collegeIds: number[]) => and(inArray(departments.collegeId, collegeIds), isNull(students.deletedAt));
async function countStudents(collegeIds: number[]) {
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(studentWhere(collegeIds));
  return Number(n);
}
async function studentOf(collegeId: number, departmentId?: number) {
  const [row] = await ctx.db
    .select({ id: students.id, code: students.code, name: students.name, adminClassId: students.adminClassId })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(and(studentWhere([collegeId]), departmentId ? eq(majors.departmentId, departmentId) : undefined))
    .orderBy(asc(students.id))
    .limit(1);
  return row;
}
async function studentOutsideDept(collegeId: number, departmentId: number) {
  const rows = await ctx.db
    .select({ id: students.id, dep: majors.departmentId })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(studentWhere([collegeId]));
  return rows.find((r) => r.dep !== departmentId)!;
}
async function classOf(collegeId: number) {
  const [row] = await ctx.db
    .select({ id: adminClasses.id, majorId: adminClasses.majorId, cohort: adminClasses.cohort })
    .from(adminClasses)
    .innerJoin(majors, eq(majors.id, adminClasses.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(eq(departments.collegeId, collegeId))
    .orderBy(asc(adminClasses.id))
    .limit(1);
  return row;
}
const nameOf = async (id: number) => (await ctx.db.select({ name: students.name }).from(students).where(eq(students.id, id)))[0].name;

describe('secretary of college 1 with a read-only role at college 2', () => {
  it('lists and gets the students of both colleges, no others', async () => {
    const body = (await mixed.get('/api/students', { query: { pageSize: 200 } })).json();
    expect(body.total).toBe(await countStudents([c.one, c.two]));
    expect(body.items.every((s: { collegeId: number }) => [c.one, c.two].includes(s.collegeId))).toBe(true);
    expect((await mixed.get(`/api/students/${(await studentOf(c.two)).id}`)).statusCode).toBe(200);
    expect((await mixed.get(`/api/students/${(await studentOf(c.three)).id}`)).statusCode).toBe(404);
  });

  it('cannot change or delete a college-2 student (the reported 200), but can a college-1 one', async () => {
    const theirs = await studentOf(c.two);
    const patched = await mixed.patch(`/api/students/${theirs.id}`, {
      name: '越权修改',
      version: await versionOf(ctx.db, 'students', theirs.id),
    });
    expect(patched.statusCode).toBe(404);
    expect(await nameOf(theirs.id)).toBe(theirs.name);
    expect((await mixed.delete(`/api/students/${theirs.id}`, await ifMatch(ctx.db, 'students', theirs.id))).statusCode).toBe(404);
    expect(await ctx.db.$count(students, and(eq(students.id, theirs.id), isNull(students.deletedAt)))).toBe(1);

    const mine = await studentOf(c.one);
    expect(
      (await mixed.patch(`/api/students/${mine.id}`, { name: '本院修改', version: await versionOf(ctx.db, 'students', mine.id) }))
        .statusCode,
    ).toBe(200);
    expect(await nameOf(mine.id)).toBe('本院修改');
  });

  it('cannot create a student in, or move one into, college 2', async () => {
    const cls2 = await classOf(c.two);
    const res = await mixed.post('/api/students', { code: 'MIX-NO-1', name: '甲', adminClassId: cls2.id, cohort: cls2.cohort });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('out_of_scope');
    expect(await ctx.db.$count(students, eq(students.code, 'MIX-NO-1'))).toBe(0);
    const mine = await studentOf(c.one);
    const moved = await mixed.patch(`/api/students/${mine.id}`, {
      adminClassId: cls2.id,
      version: await versionOf(ctx.db, 'students', mine.id),
    });
    expect(moved.statusCode).toBe(403);
    expect((await ctx.db.select({ a: students.adminClassId }).from(students).where(eq(students.id, mine.id)))[0].a).toBe(mine.adminClassId);
  });

  it('exports exactly what it may read', async () => {
    const res = await mixed.get('/api/students/export', { query: { format: 'csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain((await studentOf(c.two)).code);
    expect(res.body).toContain((await studentOf(c.one)).code);
    expect(res.body).not.toContain((await studentOf(c.three)).code);
  });

  it('reads teachers of both colleges', async () => {
    const body = (await mixed.get('/api/teachers', { query: { pageSize: 200 } })).json();
    const [{ n }] = await ctx.db
      .select({ n: count() })
      .from(teachers)
      .innerJoin(departments, eq(departments.id, teachers.departmentId))
      .where(and(inArray(departments.collegeId, [c.one, c.two]), isNull(teachers.deletedAt)));
    expect(body.total).toBe(Number(n));
  });

  it('reads college 2 course requests and teaching classes, but files only for college 1', async () => {
    const [term] = await ctx.db.select({ id: terms.id }).from(terms).where(eq(terms.code, '2026-2027-1'));
    const [course] = await ctx.db
      .select({ id: courses.id })
      .from(courses)
      .where(eq(courses.isActive, true))
      .orderBy(asc(courses.id))
      .limit(1);
    const cls2 = await classOf(c.two);
    const body = {
      termId: term.id,
      courseId: course.id,
      teachers: [],
      capacity: 30,
      adminClassIds: [cls2.id],
      sessions: [2],
      weeks: { pattern: 'all', from: 1, to: 16 },
    };
    const theirs = await office.post('/api/course-requests', { ...body, collegeId: c.two });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const id = theirs.json().id;
    expect((await mixed.get(`/api/course-requests/${id}`)).statusCode).toBe(200);
    expect(
      (await mixed.get('/api/course-requests', { query: { collegeId: c.two } })).json().items.map((r: { id: number }) => r.id),
    ).toContain(id);
    expect((await mixed.patch(`/api/course-requests/${id}`, { capacity: 31 })).statusCode).toBe(404);
    expect((await mixed.post(`/api/course-requests/${id}/submit`)).statusCode).toBe(404);
    expect((await mixed.delete(`/api/course-requests/${id}`)).statusCode).toBe(404);
    const filed = await mixed.post('/api/course-requests', { ...body, collegeId: c.two });
    expect(filed.statusCode).toBe(403);
    expect(filed.json().error.details.fields[0]).toMatchObject({ field: 'collegeId', code: 'out_of_scope' });

    const [tc] = await ctx.db
      .insert(teachingClasses)
      .values({
        code: 'MIX-TC-1',
        termId: term.id,
        courseId: course.id,
        collegeId: c.two,
        teachers: [],
        teacherIds: [],
        capacity: 30,
        adminClassIds: [cls2.id],
        sessions: [2],
        weekPattern: 'all',
        weekFrom: 1,
        weekTo: 16,
        weekMask: 0xffff,
      })
      .returning({ id: teachingClasses.id });
    expect((await mixed.get(`/api/teaching-classes/${tc.id}`)).statusCode).toBe(200);
    const roster = await mixed.get(`/api/teaching-classes/${tc.id}/students`);
    expect(roster.statusCode).toBe(200);
    expect(roster.json().total).toBe(await ctx.db.$count(students, and(eq(students.adminClassId, cls2.id), isNull(students.deletedAt))));
    expect((await deptManager.get(`/api/teaching-classes/${tc.id}/students`)).statusCode).toBe(200); // leader: offerings.read all
  });
});

describe('secretary of two colleges through two roles', () => {
  it('manages students of both colleges and of no third', async () => {
    expect((await twoColleges.get('/api/students', { query: { pageSize: 1 } })).json().total).toBe(await countStudents([c.one, c.two]));
    expect(
      (
        await twoColleges.patch(`/api/students/${(await studentOf(c.one)).id}`, {
          phone: '13900000001',
          version: await versionOf(ctx.db, 'students', (await studentOf(c.one)).id),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await twoColleges.patch(`/api/students/${(await studentOf(c.two)).id}`, {
          phone: '13900000002',
          version: await versionOf(ctx.db, 'students', (await studentOf(c.two)).id),
        })
      ).statusCode,
    ).toBe(200);
    const third = await studentOf(c.three);
    expect(
      (
        await twoColleges.patch(`/api/students/${third.id}`, {
          phone: '13900000003',
          version: await versionOf(ctx.db, 'students', third.id),
        })
      ).statusCode,
    ).toBe(404);
    expect((await twoColleges.delete(`/api/students/${third.id}`, await ifMatch(ctx.db, 'students', third.id))).statusCode).toBe(404);
  });
});

describe('custom department role next to a read-everything role', () => {
  it('reads every student (leader) but manages only its department', async () => {
    expect((await deptManager.get('/api/students', { query: { pageSize: 1 } })).json().total).toBe(
      await ctx.db.$count(students, isNull(students.deletedAt)),
    );
    const inDept = await studentOf(c.two, dept2);
    expect(
      (
        await deptManager.patch(`/api/students/${inDept.id}`, {
          phone: '13900000004',
          version: await versionOf(ctx.db, 'students', inDept.id),
        })
      ).statusCode,
    ).toBe(200);
    const outside = await studentOutsideDept(c.two, dept2);
    expect(
      (
        await deptManager.patch(`/api/students/${outside.id}`, {
          phone: '13900000005',
          version: await versionOf(ctx.db, 'students', outside.id),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await deptManager.delete(
          `/api/students/${(await studentOf(c.one)).id}`,
          await ifMatch(ctx.db, 'students', (await studentOf(c.one)).id),
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe('a teacher (teaching scope)', () => {
  async function ownClasses() {
    const [t] = await ctx.db.select({ id: teachers.id }).from(teachers).where(eq(teachers.name, '张伟')).orderBy(asc(teachers.id)).limit(1);
    const me = (await teacher.get('/api/me')).json();
    expect(me.permissions['students.read']).toBe('teaching');
    return { teacherId: t.id };
  }

  it('sees its teaching classes and their rosters, paginated, and no other class', async () => {
    await ownClasses();
    const list = (await teacher.get('/api/teaching-classes', { query: { pageSize: 100 } })).json();
    expect(list.total).toBeGreaterThan(0);
    const mine = list.items.find((x: { code: string }) => x.code === 'CS201-01');
    expect(mine).toBeTruthy();
    const expected = await ctx.db.$count(students, and(inArray(students.adminClassId, mine.adminClassIds), isNull(students.deletedAt)));
    expect(expected).toBeGreaterThan(5);
    const page1 = (await teacher.get(`/api/teaching-classes/${mine.id}/students`, { query: { pageSize: 5 } })).json();
    expect(page1.total).toBe(expected);
    expect(page1.items).toHaveLength(5);
    const page2 = (await teacher.get(`/api/teaching-classes/${mine.id}/students`, { query: { pageSize: 5, page: 2 } })).json();
    expect(page2.items.map((s: { id: number }) => s.id)).not.toContain(page1.items[0].id);
    expect(page1.items.every((s: { adminClassId: number }) => mine.adminClassIds.includes(s.adminClassId))).toBe(true);

    const [other] = await ctx.db.select({ id: teachingClasses.id }).from(teachingClasses).where(eq(teachingClasses.code, 'CS202-01'));
    expect((await teacher.get(`/api/teaching-classes/${other.id}`)).statusCode).toBe(404);
    expect((await teacher.get(`/api/teaching-classes/${other.id}/students`)).statusCode).toBe(404);
    expect((await (await ctx.as('student')).get(`/api/teaching-classes/${mine.id}/students`)).statusCode).toBe(403);
  });

  it('reads exactly the students its classes reach, including whole-cohort targets', async () => {
    const { teacherId } = await ownClasses();
    const reached = async () => {
      const classes = await ctx.db.select().from(teachingClasses);
      const own = classes.filter((x) => x.teacherIds.includes(teacherId));
      const all = await ctx.db
        .select({ id: students.id, adminClassId: students.adminClassId, majorId: students.majorId, cohort: students.cohort })
        .from(students)
        .where(isNull(students.deletedAt));
      return all.filter((s) =>
        own.some(
          (x) =>
            x.adminClassIds.includes(s.adminClassId) ||
            (x.targetMajors as { majorId: number; cohort: number }[]).some((m) => m.majorId === s.majorId && m.cohort === s.cohort),
        ),
      );
    };
    const before = await reached();
    expect(before.length).toBeGreaterThan(0);
    expect((await teacher.get('/api/students', { query: { pageSize: 1 } })).json().total).toBe(before.length);

    // A class aimed at a whole cohort of another college's major.
    const cls3 = await classOf(c.three);
    const [term] = await ctx.db.select({ id: terms.id }).from(terms).where(eq(terms.code, '2026-2027-1'));
    const [course] = await ctx.db.select({ id: courses.id }).from(courses).orderBy(asc(courses.id)).limit(1);
    const [tc] = await ctx.db
      .insert(teachingClasses)
      .values({
        code: 'TEACH-COHORT-1',
        termId: term.id,
        courseId: course.id,
        collegeId: c.three,
        teachers: [{ teacherId, share: 100 }],
        teacherIds: [teacherId],
        capacity: 100,
        targetMajors: [{ majorId: cls3.majorId, cohort: cls3.cohort }],
        sessions: [2],
        weekPattern: 'all',
        weekFrom: 1,
        weekTo: 16,
        weekMask: 0xffff,
      })
      .returning({ id: teachingClasses.id });
    const after = await reached();
    expect(after.length).toBeGreaterThan(before.length);
    expect((await teacher.get('/api/students', { query: { pageSize: 1 } })).json().total).toBe(after.length);
    const cohortStudent = (
      await ctx.db
        .select({ id: students.id })
        .from(students)
        .where(and(eq(students.majorId, cls3.majorId), eq(students.cohort, cls3.cohort)))
        .limit(1)
    )[0];
    expect((await teacher.get(`/api/students/${cohortStudent.id}`)).statusCode).toBe(200);
    const roster = (await teacher.get(`/api/teaching-classes/${tc.id}/students`, { query: { pageSize: 200 } })).json();
    expect(roster.total).toBe(
      await ctx.db.$count(students, and(eq(students.majorId, cls3.majorId), eq(students.cohort, cls3.cohort), isNull(students.deletedAt))),
    );
    // Someone no class of theirs reaches stays invisible.
    const stranger = (await ctx.db.select({ id: students.id }).from(students)).find((s) => !after.some((a) => a.id === s.id))!;
    expect((await teacher.get(`/api/students/${stranger.id}`)).statusCode).toBe(404);
  });
});

describe('manage roles anchored elsewhere than the read roles', () => {
  let client: TestClient;
  beforeAll(async () => {
    // Secretary of college 1 (teachers.read college 1) + a custom role managing teachers, courses and plans of college 2.
    const manager = await buildRole(ctx.db, [
      { permission: 'teachers.manage', scope: 'college' },
      { permission: 'catalog.manage', scope: 'college' },
    ]);
    await buildUser(
      ctx.db,
      [
        { role: 'secretary', collegeId: c.one },
        { role: manager, collegeId: c.two },
      ],
      { username: 'sec-tmgr' },
    );
    client = await ctx.as('sec-tmgr');
  });
  const teacherOf = async (collegeId: number) =>
    (
      await ctx.db
        .select({ id: teachers.id, departmentId: teachers.departmentId })
        .from(teachers)
        .innerJoin(departments, eq(departments.id, teachers.departmentId))
        .where(and(eq(departments.collegeId, collegeId), isNull(teachers.deletedAt)))
        .orderBy(asc(teachers.id))
        .limit(1)
    )[0];

  it('teachers: reads college 1 only, writes college 2 only', async () => {
    const list = (await client.get('/api/teachers', { query: { pageSize: 200 } })).json();
    expect(list.items.every((t: { collegeId: number }) => t.collegeId === c.one)).toBe(true);
    const one = await teacherOf(c.one);
    const two = await teacherOf(c.two);
    expect(
      (await client.patch(`/api/teachers/${one.id}`, { title: 'professor', version: await versionOf(ctx.db, 'teachers', one.id) }))
        .statusCode,
    ).toBe(404);
    expect((await client.delete(`/api/teachers/${one.id}`, await ifMatch(ctx.db, 'teachers', one.id))).statusCode).toBe(404);
    expect(
      (await client.patch(`/api/teachers/${two.id}`, { title: 'professor', version: await versionOf(ctx.db, 'teachers', two.id) }))
        .statusCode,
    ).toBe(200);
    const created = await client.post('/api/teachers', { code: 'TMGR-OK-1', name: '甲', departmentId: two.departmentId, status: 'active' });
    expect(created.statusCode, created.body).toBe(201);
    const refused = await client.post('/api/teachers', { code: 'TMGR-NO-1', name: '乙', departmentId: one.departmentId, status: 'active' });
    expect(refused.statusCode).toBe(403);
    expect(await ctx.db.$count(teachers, eq(teachers.code, 'TMGR-NO-1'))).toBe(0);
  });

  it('courses and curriculum plans: managed in college 2 only', async () => {
    const [d1] = await ctx.db.select({ id: departments.id }).from(departments).where(eq(departments.collegeId, c.one)).limit(1);
    const course = (departmentId: number, code: string) => ({
      code,
      name: `课程 ${code}`,
      credits: 2,
      lectureHours: 32,
      departmentId,
      category: 'major_core',
    });
    expect((await client.post('/api/courses', course(dept2, 'TMGR-C2'))).statusCode).toBe(201);
    expect((await client.post('/api/courses', course(d1.id, 'TMGR-C1'))).statusCode).toBe(403);
    expect(await ctx.db.$count(courses, eq(courses.code, 'TMGR-C1'))).toBe(0);
    const cls1 = await classOf(c.one);
    const cls2 = await classOf(c.two);
    const plan = (majorId: number) => ({ majorId, cohort: 2031, name: '测试方案' });
    expect((await client.post('/api/curriculum-plans', plan(cls2.majorId))).statusCode).toBe(201);
    const other = await client.post('/api/curriculum-plans', plan(cls1.majorId));
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('out_of_scope');
  });
});
