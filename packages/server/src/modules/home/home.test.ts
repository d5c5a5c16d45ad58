import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeView } from '@jiaowu/contracts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

// The home page per role against the demo school, on 1 December 2026 at
// 10:00 in Beijing: week 13 of the 2026-2027 autumn term.

let ctx: TestContext;
const home = async (c: TestClient) => {
  const res = await c.get('/api/home');
  expect(res.statusCode).toBe(200);
  return res.json() as HomeView;
};
const total = async (c: TestClient, path: string, query: Record<string, string | number> = {}) =>
  (await c.get(path, { query: { pageSize: 1, ...query } })).json().total as number;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-12-01T02:00:00Z');
});
afterAll(() => ctx.close());

describe('GET /api/home', () => {
  it('gives the office the school totals, the approvals waiting for it and the dashboards', async () => {
    const office = await ctx.as('office');
    const h = await home(office);
    expect(h.term).toMatchObject({ code: '2026-2027-1', week: 13, weeks: 18, endDate: '2027-01-10' });
    const termId = h.term!.id;
    expect(h.numbers).toEqual({
      students: await total(office, '/api/students'),
      teachers: await total(office, '/api/teachers'),
      rooms: await total(office, '/api/rooms'),
      teachingClasses: await total(office, '/api/teaching-classes', { termId }),
      requests: await total(office, '/api/course-requests', { termId }),
    });
    expect(h.numbers!.students).toBeGreaterThan(4000);
    // The two demo requests still under review (one past its deadline) and the demo teacher's change waiting for the office.
    expect(h.waiting).toMatchObject({ count: 3, overdue: 1, isApprover: true });
    expect(h.waiting.items.map((i) => i.taskId)).not.toContain(null);
    expect(h.deadlines.filter((d) => d.kind === 'task')).toHaveLength(3);
    expect(h.deadlines.find((d) => d.kind === 'term_end')?.at).toBe('2027-01-10');
    expect(h.notifications.unread).toBe((await office.get('/api/notifications/unread-count')).json().count);

    const c = h.charts!;
    const sum = (xs: { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);
    expect(sum(c.requestsByCollege)).toBe(h.numbers!.requests);
    expect(sum(c.studentsByCollege)).toBe(h.numbers!.students);
    expect(sum(c.classesByCollege)).toBe(h.numbers!.teachingClasses);
    expect(new Set(c.studentsByCollege.map((x) => x.collegeId)).size).toBe(5);
    // Every week from four weeks before the term to this one, the seeded decisions inside.
    expect(c.decisionsPerWeek[0]).toMatchObject({ weekStart: '2026-08-10', week: -3 });
    expect(c.decisionsPerWeek.at(-1)).toMatchObject({ weekStart: '2026-11-30', week: 13 });
    const decided = c.decisionsPerWeek.reduce((s, w) => ({ a: s.a + w.approved, r: s.r + w.returned, j: s.j + w.rejected }), {
      a: 0,
      r: 0,
      j: 0,
    });
    // The course requests' decisions (5 approvals, 2 returns, 2 rejections) and the demo teacher's
    // change requests' (the college approved two, the office rejected one).
    expect(decided).toEqual({ a: 7, r: 2, j: 3 });
  });

  it('scopes a secretary to their college and shows their own applications, without the dashboards', async () => {
    const secretary = await ctx.as('secretary');
    const h = await home(secretary);
    const school = (await home(await ctx.as('office'))).numbers!;
    expect(h.numbers!.students).toBe(await total(secretary, '/api/students'));
    expect(h.numbers!.students).toBeLessThan(school.students!);
    expect(h.numbers!.teachers).toBeLessThan(school.teachers!);
    expect(h.charts).toBeNull();
    // The college reviews timetable changes and credit-limit raises: the demo teacher's change and
    // a student's 超学分申请 waiting for it.
    expect(h.waiting).toMatchObject({ count: 2, isApprover: true });
    expect(h.mine.count).toBe(9);
    expect(h.mine.items[0]).toMatchObject({ state: 'pending' });
    // The review deadlines of the two applications still with the office.
    expect(h.deadlines.filter((d) => d.kind === 'review').map((d) => d.isOverdue)).toEqual([true, false]);
  });

  it("counts as a teacher's students those of their own teaching classes", async () => {
    const teacher = await ctx.as('teacher');
    const h = await home(teacher);
    const classes = (await teacher.get('/api/teaching-classes', { query: { termId: h.term!.id } })).json().items as { id: number }[];
    expect(classes.length).toBeGreaterThan(0);
    expect(h.numbers!.teachingClasses).toBe(classes.length);
    // Their students: everyone on the roster of one of their classes, of any term, counted once
    // (a lecture and its lab groups, or two courses, reach the same students).
    const all = (await teacher.get('/api/teaching-classes', { query: { pageSize: 100 } })).json().items as { id: number }[];
    const roster = new Set<number>();
    for (const c of all) {
      const page = (await teacher.get(`/api/teaching-classes/${c.id}/students`, { query: { pageSize: 200 } })).json();
      expect(page.total).toBeLessThanOrEqual(200);
      for (const s of page.items as { id: number }[]) roster.add(s.id);
    }
    expect(h.numbers!.students).toBe(roster.size);
    // Their own record is no school figure.
    expect(h.numbers!.teachers).toBeNull();
    expect(h.charts).toBeNull();
    expect(h.selection).toBeNull();
  });

  it('shows a student their term, not the school totals', async () => {
    const h = await home(await ctx.as('student'));
    expect(h.term).toMatchObject({ week: 13 });
    expect(h.numbers).toBeNull();
    expect(h.charts).toBeNull();
    expect(h.waiting).toEqual({ count: 0, overdue: 0, items: [], isApprover: false });
    // Selection rounds not yet closed, for the countdown: the demo's add/drop round, not the finished ones.
    expect(h.selection!.map((r) => r.name)).toContain('2026 秋季补退选');
    expect(h.selection!.map((r) => r.name)).not.toContain('2026 秋季正选');
  });

  it('gives the leader the dashboards but no approvals to do, and refuses the anonymous', async () => {
    const h = await home(await ctx.as('leader'));
    expect(h.charts!.requestsByCollege.length).toBeGreaterThan(0);
    // A reader, not an approver: no approver tools.
    expect(h.waiting).toMatchObject({ count: 0, isApprover: false });
    expect((await ctx.anonymous().get('/api/home')).statusCode).toBe(401);
  });
});
