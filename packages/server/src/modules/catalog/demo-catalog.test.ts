import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('demo catalog', () => {
  it('has courses with prerequisites and warning-free plans for every major and cohort', async () => {
    const office = await ctx.as('office');
    const courses = (await office.get('/api/courses', { query: { pageSize: 200 } })).json();
    expect(courses.total).toBeGreaterThanOrEqual(60);
    expect(courses.items.find((c: { code: string }) => c.code === 'CS203').prerequisites).toEqual({
      op: 'all',
      items: [{ course: 'CS201' }, { course: 'CS202' }],
    });
    const plans = (await office.get('/api/curriculum-plans', { query: { pageSize: 100 } })).json();
    // 22 majors × 4 cohorts.
    expect(plans.total).toBe(88);
    for (const p of plans.items) {
      const plan = (await office.get(`/api/curriculum-plans/${p.id}`)).json();
      expect(plan.warnings).toEqual([]);
      expect(plan.creditsByTerm.map((t: { term: number }) => t.term)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('has course requests of the secretary’s college in several states and their teaching classes', async () => {
    const secretary = await ctx.as('secretary');
    const requests = (await secretary.get('/api/course-requests')).json();
    expect(new Set(requests.items.map((r: { status: string }) => r.status))).toEqual(
      new Set(['draft', 'submitted', 'returned', 'approved', 'rejected']),
    );
    const teacher = await ctx.as('teacher');
    const classes = (await teacher.get('/api/teaching-classes')).json();
    // The approved request's class, and those the demo terms gave the demo teacher (张伟: 3–4 a term).
    const codes = classes.items.map((c: { code: string }) => c.code);
    expect(codes).toContain('CS201-01');
    expect(codes.length).toBeGreaterThanOrEqual(3);
    expect(codes.length).toBeLessThanOrEqual(8);
    expect((await (await ctx.as('student')).get('/api/course-requests')).statusCode).toBe(403);
  });
});
