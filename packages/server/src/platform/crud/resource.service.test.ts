import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import { studentResource, termResource, type EffectivePermissions } from '@jiaowu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgService, type OrgService } from '../../modules/org/org.service.ts';
import { departments, majors, students, teachers } from '../../modules/org/org.tables.ts';
import { buildDepartment, buildStudent, buildTeacher } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { anonymousActor, type Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import { teacherResource } from '../../modules/org/org.resources.ts';
import { createResourceService } from './resource.service.ts';

// The generic resource service called directly (as jobs and imports do), with
// actors holding scopes no built-in role has: department, teaching, and
// scopes whose anchors are missing. A scope without anchors must see nothing.

let ctx: TestContext;
let org: OrgService;
beforeAll(async () => {
  ctx = await createTestContext();
  org = createOrgService({ db: ctx.db, clock: () => new Date() });
});
afterAll(() => ctx.close());

function actor(permissions: EffectivePermissions, anchors: Partial<Actor> = {}): Actor {
  return { ...anonymousActor('10.0.0.1'), kind: 'user', userId: 1, name: 'tester', permissions, ...anchors };
}

describe('data scopes in the generic repository', () => {
  it('department scope lists exactly the students of that department', async () => {
    const [dep] = await ctx.db.select().from(departments).limit(1);
    const a = actor({ 'students.read': 'department' }, { departmentIds: [dep.id] });
    const page = await org.resources.students.list(a, { pageSize: 200 }, {});
    const [{ n }] = await ctx.db
      .select({ n: count() })
      .from(students)
      .innerJoin(majors, eq(majors.id, students.majorId))
      .where(and(eq(majors.departmentId, dep.id), isNull(students.deletedAt)));
    expect(page.total).toBe(Number(n));
    expect(page.total).toBeGreaterThan(0);
  });

  it('a scope with no anchors sees nothing, not everything', async () => {
    const cases: [EffectivePermissions, Partial<Actor>][] = [
      [{ 'students.read': 'college' }, { collegeIds: [] }],
      [{ 'students.read': 'department' }, { departmentIds: [] }],
      [{ 'students.read': 'self' }, {}],
      [{ 'teachers.read': 'self' }, {}],
      [{ 'students.read': 'teaching' }, { teacherId: (await buildTeacher(ctx.db)).id }], // a teacher with no teaching classes
    ];
    for (const [perms, anchors] of cases) {
      const a = actor(perms, anchors);
      const key = 'students.read' in perms ? 'students' : 'teachers';
      expect(await org.resources[key].list(a, {}, {}), JSON.stringify(perms)).toEqual({ items: [], total: 0 });
    }
  });

  it('a department-scoped manager cannot create outside the department, and nothing is written', async () => {
    const mine = await buildDepartment(ctx.db);
    const theirs = await buildDepartment(ctx.db);
    const a = actor({ 'teachers.manage': 'department' }, { departmentIds: [mine.id] });
    const ok = await org.resources.teachers.create(a, { code: 'DEPT-OK-1', name: '甲', departmentId: mine.id, status: 'active' });
    expect(ok).toMatchObject({ departmentId: mine.id, departmentName: mine.name });
    await expect(
      org.resources.teachers.create(a, { code: 'DEPT-NO-1', name: '乙', departmentId: theirs.id, status: 'active' }),
    ).rejects.toMatchObject({
      code: 'out_of_scope',
    });
    expect(await ctx.db.$count(teachers, eq(teachers.code, 'DEPT-NO-1'))).toBe(0);
  });

  it('checks the permission before anything else', async () => {
    const t = await buildTeacher(ctx.db);
    const reader = actor({ 'teachers.read': 'all' });
    await expect(org.resources.teachers.remove(reader, t.id, 1)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(org.resources.teachers.get(anonymousActor(), t.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await org.resources.teachers.get(reader, t.id)).id).toBe(t.id);
  });

  it('translates database errors into AppErrors for callers without HTTP', async () => {
    const s = await buildStudent(ctx.db);
    const a = actor({ 'students.manage': 'all' });
    const err = await org.resources.students
      .create(a, { code: s.code, name: 'x', adminClassId: s.adminClassId, cohort: 2025 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'duplicate_code', params: { value: s.code } });
  });
});

describe('optimistic concurrency', () => {
  const admin = () => actor({ 'teachers.manage': 'all', 'teachers.read': 'all' });

  it('of two concurrent updates based on the same version exactly one wins, the other is stale', async () => {
    const t = await buildTeacher(ctx.db);
    const { version } = await org.resources.teachers.get(admin(), t.id);
    const results = await Promise.allSettled([
      org.resources.teachers.update(admin(), t.id, { name: '甲改' }, Number(version)),
      org.resources.teachers.update(admin(), t.id, { name: '乙改' }, Number(version)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'stale' });
    const now = await org.resources.teachers.get(admin(), t.id);
    expect(now.version).toBe(Number(version) + 1);
  });

  it('the conditional UPDATE refuses an edit whose version changed after it was read (both read before either writes)', async () => {
    // A hook holds each write until both transactions have read the row (on
    // PostgreSQL; PGlite runs one transaction at a time, so there the second
    // just waits), so the version check of the read passes in both and only
    // the UPDATE … WHERE version = n can tell the winner from the loser.
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const barrier = async () => {
      if (++arrived === 2) release();
      await Promise.race([bothRead, new Promise((r) => setTimeout(r, 1000))]);
    };
    const racing = createResourceService({
      db: ctx.db,
      clock: () => new Date(),
      def: { ...teacherResource, hooks: { beforeWrite: barrier } },
    });
    const t = await buildTeacher(ctx.db);
    const results = await Promise.allSettled([
      racing.update(admin(), t.id, { name: '甲改' }, 1),
      racing.update(admin(), t.id, { name: '乙改' }, 1),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'stale' });
    const now = await org.resources.teachers.get(admin(), t.id);
    expect(now).toMatchObject({
      version: 2,
      name: (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ name: string }>).value.name,
    });
  });

  it('refuses an update or delete without a version, and a delete of an older version', async () => {
    const t = await buildTeacher(ctx.db);
    await expect(org.resources.teachers.update(admin(), t.id, { name: 'x' }, undefined)).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'version', code: 'required' }],
    });
    const v1 = Number((await org.resources.teachers.get(admin(), t.id)).version);
    await org.resources.teachers.update(admin(), t.id, { phone: '123' }, v1);
    await expect(org.resources.teachers.remove(admin(), t.id, v1)).rejects.toMatchObject({ code: 'stale' });
    await org.resources.teachers.remove(admin(), t.id, v1 + 1);
    await expect(org.resources.teachers.get(admin(), t.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the update schema of a contract', () => {
  it('makes every field optional without re-applying defaults, and takes the version', () => {
    expect(studentResource.update.parse({ name: '张三' })).toEqual({ name: '张三' });
    expect(termResource.update.parse({ isCurrent: true, version: '3' })).toEqual({ isCurrent: true, version: 3 });
    expect(termResource.update.parse({})).toEqual({});
    // Validation of the fields that are sent still applies.
    expect(studentResource.update.safeParse({ status: 'expelled' }).success).toBe(false);
    expect(termResource.update.safeParse({ academicYear: '2026' }).success).toBe(false);
  });
});

describe('prepared list and get queries (one per resource, scope and query shape)', () => {
  const admin = () => actor({ 'students.read': 'all' });
  const departmentOf = async (majorId: number) =>
    (await ctx.db.select({ id: majors.departmentId }).from(majors).where(eq(majors.id, majorId)))[0].id;

  it('binds each request its own search, filter, page and id, and never reuses another scope', async () => {
    const a = await buildStudent(ctx.db, { cohort: 2031 });
    const b = await buildStudent(ctx.db, { cohort: 2032 });
    const codes = (page: { items: Record<string, unknown>[] }) => page.items.map((s) => s.code);
    // The same shape (search, then filter) with other values: each answer is its own.
    expect(codes(await org.resources.students.list(admin(), { q: a.code }, {}))).toEqual([a.code]);
    expect(codes(await org.resources.students.list(admin(), { q: b.code }, {}))).toEqual([b.code]);
    expect(codes(await org.resources.students.list(admin(), { pageSize: 200 }, { cohort: 2031 }))).toContain(a.code);
    expect(codes(await org.resources.students.list(admin(), { pageSize: 200 }, { cohort: 2032 }))).not.toContain(a.code);
    const first = await org.resources.students.list(admin(), { q: 'STU', pageSize: 1, sort: 'code' }, {});
    const second = await org.resources.students.list(admin(), { q: 'STU', pageSize: 1, page: 2, sort: 'code' }, {});
    expect(first.total).toBeGreaterThanOrEqual(2);
    expect(codes(first)).toHaveLength(1);
    expect(codes(second)).toHaveLength(1);
    expect(codes(first)).not.toEqual(codes(second));
    // One department's reader after the admin ran the same shape: only that department.
    const mine = actor({ 'students.read': 'department' }, { departmentIds: [await departmentOf(a.majorId)] });
    const theirs = actor({ 'students.read': 'department' }, { departmentIds: [await departmentOf(b.majorId)] });
    expect(codes(await org.resources.students.list(mine, { q: a.code }, {}))).toEqual([a.code]);
    expect(codes(await org.resources.students.list(theirs, { q: a.code }, {}))).toEqual([]);
    expect((await org.resources.students.get(admin(), a.id)).code).toBe(a.code);
    expect((await org.resources.students.get(admin(), b.id)).code).toBe(b.code);
    expect((await org.resources.students.get(mine, a.id)).code).toBe(a.code);
    await expect(org.resources.students.get(theirs, a.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a deep page (read ids first) holds the same rows in the same order as OFFSET over the table', async () => {
    const all = await ctx.db
      .select({ code: students.code })
      .from(students)
      .where(isNull(students.deletedAt))
      .orderBy(desc(students.name), asc(students.id));
    expect(all.length).toBeGreaterThan(1_100); // so page 12 of 100 starts past DEEP_OFFSET
    for (const page of [1, 12]) {
      const got = await org.resources.students.list(admin(), { page, pageSize: 100, sort: 'name', order: 'desc' }, {});
      expect(got.items.map((s) => s.code)).toEqual(all.slice((page - 1) * 100, page * 100).map((s) => s.code));
    }
  });
});
