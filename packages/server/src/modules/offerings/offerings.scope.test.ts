import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { buildUser } from '../../test/user-factory.ts';
import { courseRequests } from './offerings.tables.ts';

// Issue 10 item 6: one college's draft blocked another college's request for
// its own admin class, and the refusal named a request the other college
// cannot see. A secretary targets only classes of their scope; drafts never
// block; a duplicate the filer cannot see is not named.

let ctx: TestContext;
let office: TestClient;
let secretary: TestClient; // college 01
let ecoSecretary: TestClient; // college 02
const ids = {} as Record<
  'term' | 'cs' | 'eco' | 'dept' | 'zhangWei' | 'ecoTeacher' | 'cs2401' | 'ecoClass' | 'ecoMajor' | 'ecoCohort',
  number
>;

const find = async (path: string, q: string) => (await office.get(`/api/${path}`, { query: { q, pageSize: 50 } })).json().items;
let courseSeq = 0;
async function newCourse() {
  courseSeq += 1;
  const res = await office.post('/api/courses', {
    code: `T-DUP${courseSeq}`,
    name: `重复检查课程 ${courseSeq}`,
    credits: 3,
    lectureHours: 48,
    departmentId: ids.dept,
    category: 'major_core',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
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
/** A request of the economics college for its own class, as its secretary files it. */
const ecoRequest = (courseId: number) =>
  request(courseId, { teachers: [{ teacherId: ids.ecoTeacher, share: 100 }], adminClassIds: [ids.ecoClass] });

beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  secretary = await ctx.as('secretary');
  ids.term = (await find('terms', '2026-2027-1'))[0].id;
  const colleges = (await office.get('/api/colleges')).json().items;
  ids.cs = colleges.find((c: { code: string }) => c.code === '01').id;
  ids.eco = colleges.find((c: { code: string }) => c.code === '02').id;
  ids.dept = (await find('departments', '0101'))[0].id;
  ids.zhangWei = (await find('teachers', '张伟')).find((t: { collegeId: number }) => t.collegeId === ids.cs).id;
  ids.ecoTeacher = (await office.get('/api/teachers', { query: { collegeId: ids.eco, pageSize: 1 } })).json().items[0].id;
  ids.cs2401 = (await find('admin-classes', 'CS2401'))[0].id;
  const ecoClass = (await office.get('/api/admin-classes', { query: { collegeId: ids.eco, pageSize: 1 } })).json().items[0];
  [ids.ecoClass, ids.ecoMajor, ids.ecoCohort] = [ecoClass.id, ecoClass.majorId, ecoClass.cohort];
  await buildUser(ctx.db, [{ role: 'secretary', collegeId: ids.eco }], { username: 'sec-eco-dup' });
  ecoSecretary = await ctx.as('sec-eco-dup');
});
afterAll(() => ctx.close());

describe('targets of a secretary', () => {
  it('refuses another college’s admin class or major cohort, naming the field, and writes nothing', async () => {
    const courseId = await newCourse();
    const before = await ctx.db.$count(courseRequests);
    const res = await secretary.post('/api/course-requests', request(courseId, { adminClassIds: [ids.cs2401, ids.ecoClass] }), {
      lang: 'en',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'out_of_scope',
      details: { fields: [{ field: 'adminClassIds.1', code: 'out_of_scope' }] },
    });
    const cohort = await secretary.post(
      '/api/course-requests',
      request(courseId, { adminClassIds: [], targetMajors: [{ majorId: ids.ecoMajor, cohort: ids.ecoCohort }] }),
    );
    expect(cohort.statusCode).toBe(403);
    expect(cohort.json().error.details.fields[0]).toMatchObject({ field: 'targetMajors.0.majorId', code: 'out_of_scope' });
    expect(await ctx.db.$count(courseRequests)).toBe(before);

    const draft = (await secretary.post('/api/course-requests', request(courseId))).json();
    const patched = await secretary.patch(`/api/course-requests/${draft.id}`, { adminClassIds: [ids.ecoClass] });
    expect(patched.statusCode).toBe(403);
    const [row] = await ctx.db.select({ a: courseRequests.adminClassIds }).from(courseRequests).where(eq(courseRequests.id, draft.id));
    expect(row.a).toEqual([ids.cs2401]);
  });
});

describe('the duplicate rule', () => {
  it('does not let another college’s draft block a request (the reported duplicate_class (#8))', async () => {
    const courseId = await newCourse();
    // The office (scope all) may still aim a college-01 draft at an economics class.
    const draft = await office.post('/api/course-requests', request(courseId, { collegeId: ids.cs, adminClassIds: [ids.ecoClass] }));
    expect(draft.statusCode, draft.body).toBe(201);
    const mine = (await ecoSecretary.post('/api/course-requests', ecoRequest(courseId))).json();
    const submitted = await ecoSecretary.post(`/api/course-requests/${mine.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
  });

  it('refuses a duplicate of a submitted request without naming what the filer cannot see', async () => {
    const courseId = await newCourse();
    const theirs = (
      await office.post('/api/course-requests', request(courseId, { collegeId: ids.cs, adminClassIds: [ids.ecoClass] }))
    ).json();
    expect((await office.post(`/api/course-requests/${theirs.id}/submit`)).statusCode).toBe(200);
    const mine = (await ecoSecretary.post('/api/course-requests', ecoRequest(courseId))).json();
    for (const lang of ['zh-CN', 'en'] as const) {
      const res = await ecoSecretary.post(`/api/course-requests/${mine.id}/submit`, {}, { lang });
      expect(res.statusCode).toBe(400);
      const issue = res.json().error.details.fields.find((f: { field: string }) => f.field === 'adminClassIds');
      expect(issue.code).toBe('duplicate_class_elsewhere');
      expect(res.body).not.toContain(`#${theirs.id}`);
      expect(issue.message).toBe(
        lang === 'en'
          ? 'Another college already has a request or class of this course for these admin classes this term'
          : '本学期该课程已有其他学院面向相同行政班的申请或教学班',
      );
    }
    // Whoever may see the other request is told which one it is.
    const again = (
      await office.post(
        '/api/course-requests',
        request(courseId, { collegeId: ids.eco, teachers: [{ teacherId: ids.ecoTeacher, share: 100 }], adminClassIds: [ids.ecoClass] }),
      )
    ).json();
    const named = await office.post(`/api/course-requests/${again.id}/submit`);
    const issue = named.json().error.details.fields.find((f: { field: string }) => f.field === 'adminClassIds');
    expect(issue.code).toBe('duplicate_class');
    // By course code and college, never by id.
    expect(issue.message).toContain(`${theirs.courseCode} · ${theirs.collegeName}`);
    expect(issue.message).not.toContain(`#${theirs.id}`);
  });
});
