import { desc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colleges, students } from '../../modules/org/org.tables.ts';
import { buildDepartment, buildStudent, ORG_PATHS, validBody } from '../../test/factories.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { auditLog } from './audit.tables.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

const lastId = async () => (await ctx.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]?.id ?? 0;
const since = (id: number) => ctx.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(auditLog.id);
/** The records of one entity type since `id`; a person's account (users) writes its own records beside them. */
const sinceOf = async (id: number, entity: string) => {
  const all = await since(id);
  // Students and teachers have accounts kept in step with them: those changes are audited as users.
  expect(all.filter((r) => r.entityType !== entity).every((r) => r.entityType === 'users')).toBe(true);
  return all.filter((r) => r.entityType === entity);
};

/** Audit entity types are table names (admin_classes), not URL paths. */
const entityOf = (path: string) => path.replace('-', '_');

describe('every change leaves exactly one audit record', () => {
  it.each(ORG_PATHS)('%s: create, update and delete', async (path) => {
    const entity = entityOf(path);
    const { body } = await validBody(ctx.db, path);

    let mark = await lastId();
    const created = (await admin.post(`/api/${path}`, body)).json();
    let records = await sinceOf(mark, entity);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: `${entity}.create`,
      entityType: entity,
      entityId: String(created.id),
      actorName: 'admin',
      actorKind: 'user',
      before: null,
    });
    expect(records[0].after).toMatchObject({ code: body.code });
    expect(records[0].actorId).toEqual(expect.any(Number));

    mark = await lastId();
    expect((await admin.patch(`/api/${path}/${created.id}`, { name: '改过的名字', version: created.version })).statusCode).toBe(200);
    records = await sinceOf(mark, entity);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: `${entity}.update`, entityId: String(created.id) });
    expect(records[0].before).toMatchObject({ name: body.name });
    expect(records[0].after).toMatchObject({ name: '改过的名字' });

    mark = await lastId();
    expect((await admin.delete(`/api/${path}/${created.id}`, { headers: { 'if-match': String(created.version + 1) } })).statusCode).toBe(
      200,
    );
    records = await sinceOf(mark, entity);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: `${entity}.delete`, entityId: String(created.id), after: null });
    expect(records[0].before).toMatchObject({ name: '改过的名字' });
  });

  it('records the caller IP', async () => {
    const mark = await lastId();
    const s = await buildStudent(ctx.db);
    expect((await admin.patch(`/api/students/${s.id}`, { phone: '13000000000', version: 1 })).statusCode).toBe(200);
    const res = (await admin.get('/api/audit', { query: { entityType: 'students', entityId: String(s.id) } })).json();
    expect(res.total).toBe(1);
    expect(res.items[0]).toMatchObject({ ip: '127.0.0.1', actorName: 'admin', action: 'students.update' });
    expect((await since(mark))[0].ip).toBeTruthy();
  });

  it('a time grid change is audited', async () => {
    const mark = await lastId();
    const res = await admin.put('/api/terms/1/time-grid', { periods: [{ period: 1, startsAt: '08:00', endsAt: '08:50' }] });
    expect(res.statusCode).toBe(200);
    const records = await since(mark);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'terms.time_grid.update', entityType: 'terms', entityId: '1' });
  });

  it('a failed write leaves no record', async () => {
    const office = await ctx.as('office');
    const secretary = await ctx.as('secretary');
    const mark = await lastId();
    const failures = [
      await admin.post('/api/colleges', { code: '01', name: '重复' }), // duplicate
      await admin.delete('/api/colleges/1', { headers: { 'if-match': '1' } }), // in use
      await admin.patch(`/api/departments/${(await buildDepartment(ctx.db)).id}`, { collegeId: 999999, version: 1 }), // missing parent
      await admin.post('/api/rooms', { code: 'bad code' }), // validation
      await office.post('/api/students', { code: 'X-1', name: 'x', adminClassId: 999999, cohort: 2026 }),
      await secretary.post('/api/rooms', (await validBody(ctx.db, 'rooms')).body), // forbidden
      await admin.put('/api/terms/1/time-grid', { periods: [{ period: 13, startsAt: '08:00', endsAt: '08:45' }] }),
    ];
    for (const f of failures) expect(f.statusCode).toBeGreaterThanOrEqual(400);
    expect(await since(mark)).toEqual([]);
  });

  it('an out-of-scope move rolls back the change and its record together', async () => {
    const secretary = await ctx.as('secretary');
    const own = (await secretary.get('/api/students', { query: { pageSize: 1 } })).json().items[0];
    const [otherClass] = await ctx.db
      .execute<{ id: number }>(
        sql`
      select ac.id from admin_classes ac join majors m on m.id = ac.major_id join departments d on d.id = m.department_id
      where d.college_id <> 1 limit 1`,
      )
      .then((r) => (r as unknown as { rows: { id: number }[] }).rows);
    const mark = await lastId();
    expect((await secretary.patch(`/api/students/${own.id}`, { adminClassId: otherClass.id, version: own.version })).statusCode).toBe(403);
    expect(await since(mark)).toEqual([]);
    expect((await ctx.db.select().from(students).where(eq(students.id, own.id)))[0].adminClassId).toBe(own.adminClassId);
  });
});

describe('GET /api/audit', () => {
  it('filters by action, entity type and actor, and paginates', async () => {
    const office = await ctx.as('office');
    const created: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { body } = await validBody(ctx.db, 'colleges');
      created.push((await office.post('/api/colleges', body)).json().id);
    }
    const res = await admin.get('/api/audit', { query: { action: 'colleges.create', actor: 'OFFI', pageSize: 2 } });
    expect(res.statusCode).toBe(200);
    const page1 = res.json();
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    // Newest first.
    expect(page1.items.map((i: { entityId: string }) => Number(i.entityId))).toEqual([created[2], created[1]]);
    expect(page1.items[0]).toMatchObject({ actorName: 'office', entityType: 'colleges', actorKind: 'user', before: null });
    const page2 = (await admin.get('/api/audit', { query: { action: 'colleges.create', actor: 'OFFI', pageSize: 2, page: 2 } })).json();
    expect(page2.items.map((i: { entityId: string }) => Number(i.entityId))).toEqual([created[0]]);

    const byType = (await admin.get('/api/audit', { query: { entityType: 'colleges', pageSize: 200 } })).json();
    expect(byType.items.every((i: { entityType: string }) => i.entityType === 'colleges')).toBe(true);
    expect(byType.total).toBe(await ctx.db.$count(auditLog, eq(auditLog.entityType, 'colleges')));
    expect((await admin.get('/api/audit', { query: { actor: '没有这个人' } })).json()).toEqual({ items: [], total: 0 });
    // % and _ are literal: no actor name contains them.
    expect((await admin.get('/api/audit', { query: { actor: '%' } })).json().total).toBe(0);
    expect((await admin.get('/api/audit', { query: { q: '%' } })).json().total).toBe(0);
  });

  it('filters by date: from/to as dates or instants', async () => {
    const [{ at }] = await ctx.db.select({ at: auditLog.at }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const [{ at: first }] = await ctx.db.select({ at: auditLog.at }).from(auditLog).orderBy(auditLog.id).limit(1);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const all = await ctx.db.$count(auditLog);
    // A bare date as `to` includes the whole day.
    expect((await admin.get('/api/audit', { query: { from: day(first), to: day(at) } })).json().total).toBe(all);
    expect((await admin.get('/api/audit', { query: { to: '2000-01-01' } })).json().total).toBe(0);
    expect((await admin.get('/api/audit', { query: { from: '2999-01-01T00:00:00Z' } })).json().total).toBe(0);
    const later = new Date(at.getTime() + 1).toISOString();
    expect((await admin.get('/api/audit', { query: { from: later } })).json().total).toBe(0);
    expect((await admin.get('/api/audit', { query: { from: 'yesterday' } })).statusCode).toBe(400);
  });

  it('honours sort and order (allow-listed columns), newest first by default', async () => {
    const ids = (r: { items: { id: number }[] }) => r.items.map((i) => i.id);
    const byDefault = (await admin.get('/api/audit', { query: { pageSize: 50 } })).json();
    expect(ids(byDefault)).toEqual([...ids(byDefault)].sort((a, b) => b - a));
    const oldest = (await admin.get('/api/audit', { query: { sort: 'id', order: 'asc', pageSize: 5 } })).json();
    expect(ids(oldest)).toEqual([...ids(oldest)].sort((a, b) => a - b));
    expect(oldest.items[0].id).toBe(Math.min(...ids(byDefault), ...ids(oldest)));
    for (const order of ['asc', 'desc'] as const) {
      const res = (await admin.get('/api/audit', { query: { sort: 'action', order, pageSize: 200 } })).json();
      const actions = res.items.map((i: { action: string }) => i.action);
      const sorted = [...actions].sort();
      expect(actions).toEqual(order === 'asc' ? sorted : sorted.reverse());
      expect(new Set(actions).size).toBeGreaterThan(1);
    }
    const bad = await admin.get('/api/audit', { query: { sort: 'before; drop table audit_log' }, lang: 'en' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('sort');
  });

  it('is readable by admin, leader and (its own domain) the office only', async () => {
    for (const who of ['leader', 'office']) expect((await (await ctx.as(who)).get('/api/audit')).statusCode, who).toBe(200);
    for (const who of ['secretary', 'teacher', 'student']) {
      const res = await (await ctx.as(who)).get('/api/audit');
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('has no route that changes the log', async () => {
    const [{ id }] = await ctx.db.select({ id: auditLog.id }).from(auditLog).limit(1);
    for (const res of [
      await admin.delete(`/api/audit/${id}`),
      await admin.patch(`/api/audit/${id}`, {}),
      await admin.post('/api/audit', {}),
    ]) {
      expect(res.statusCode).toBe(404);
    }
  });
});

/** The database's message for a refused statement (Drizzle wraps it in `cause`); throws if it succeeded. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { message: string; cause?: { message?: string } };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  throw new Error('the statement succeeded');
}

describe('the log is append-only in the database', () => {
  it.each([
    ['UPDATE', sql`UPDATE audit_log SET actor_name = 'mallory'`],
    ['DELETE', sql`DELETE FROM audit_log`],
    ['TRUNCATE', sql`TRUNCATE audit_log`],
  ])('%s through the app database user throws', async (_what, statement) => {
    const before = await ctx.db.$count(auditLog);
    // The trigger refuses it; on PostgreSQL with a runtime role (the suite's default) the missing grant refuses it first.
    expect(await refusal(ctx.db.execute(statement))).toMatch(/append-only|permission denied/);
    expect(await ctx.db.$count(auditLog)).toBe(before);
    expect(await ctx.db.$count(auditLog, eq(auditLog.actorName, 'mallory'))).toBe(0);
  });

  it('also inside a transaction that would otherwise commit', async () => {
    const before = await ctx.db.$count(auditLog);
    const attempt = ctx.db.transaction(async (tx) => {
      await tx.update(colleges).set({ name: '悄悄改' }).where(eq(colleges.id, 1));
      await tx.delete(auditLog).where(eq(auditLog.entityType, 'colleges'));
    });
    expect(await refusal(attempt)).toMatch(/append-only|permission denied/);
    expect(await ctx.db.$count(auditLog)).toBe(before);
    expect((await ctx.db.select().from(colleges).where(eq(colleges.id, 1)))[0].name).toBe('计算机科学与技术学院');
  });
});
