import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClasses, students } from '../../db/schema.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { BIG_LIST } from './resource.repository.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const liveTotal = async () => Number((await ctx.db.select({ n: count() }).from(students).where(isNull(students.deletedAt)))[0].n);

/** Adds students straight into the table, past the services (as another process or an import would). */
async function addStudents(n: number, prefix: string) {
  const [c] = await ctx.db.select().from(adminClasses).limit(1);
  const rows = Array.from({ length: n }, (_, i) => ({
    code: `${prefix}${String(i).padStart(6, '0')}`,
    name: `计数${i}`,
    adminClassId: c.id,
    majorId: c.majorId,
    cohort: c.cohort,
  }));
  for (let i = 0; i < rows.length; i += 1000) await ctx.db.insert(students).values(rows.slice(i, i + 1000));
  return c;
}

describe('list totals', () => {
  it('a short list is counted exactly on every request', async () => {
    const admin = await ctx.as('admin');
    const c = await addStudents(1, 'C1');
    const byClass = async () => (await admin.get('/api/students', { query: { adminClassId: c.id, pageSize: 1 } })).json().total;
    const before = await byClass();
    await addStudents(1, 'C2');
    expect(await byClass()).toBe(before + 1);
    const live = await ctx.db
      .select({ n: count() })
      .from(students)
      .where(and(eq(students.adminClassId, c.id), isNull(students.deletedAt)));
    expect(before + 1).toBe(Number(live[0].n));
  });

  it('a long list is counted once and remembered; a write through the API makes it count again', async () => {
    const admin = await ctx.as('admin');
    const missing = BIG_LIST + 1 - (await liveTotal());
    if (missing > 0) await addStudents(missing, 'C3');
    const total = await liveTotal();
    const listed = async () => (await admin.get('/api/students', { query: { pageSize: 1 } })).json().total as number;
    expect(await listed()).toBe(total);
    // Rows added behind the service's back are not counted again at once: the figure is remembered.
    await addStudents(3, 'C4');
    expect(await listed()).toBe(total);
    // A student created through the API forgets the remembered figure.
    const [c] = await ctx.db.select().from(adminClasses).limit(1);
    const created = await admin.post('/api/students', { code: 'C5000001', name: '新生', adminClassId: c.id, cohort: c.cohort });
    expect(created.statusCode).toBe(201);
    expect(await listed()).toBe(total + 4);
  });
});
