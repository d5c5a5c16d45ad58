import { and, count, eq, isNull, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import {
  buildAdminClass,
  buildBuilding,
  buildCampus,
  buildDepartment,
  buildMajor,
  buildRoom,
  buildStudent,
  buildTeacher,
  ORG_PATHS,
  validBody,
  type OrgPath,
} from '../../test/factories.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { adminClasses, buildings, campuses, colleges, departments, majors, rooms, students, teachers, terms } from './org.tables.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

/** The version of a row nobody has edited yet, as the `If-Match` of a delete. */
const v1 = { headers: { 'if-match': '1' } };

const TABLES: Record<OrgPath, PgTable & { id: any; code: any; name: any }> = {
  terms,
  campuses,
  buildings,
  rooms,
  colleges,
  departments,
  majors,
  'admin-classes': adminClasses,
  teachers,
  students,
};
const SOFT_DELETED: Partial<Record<OrgPath, any>> = { teachers: teachers.deletedAt, students: students.deletedAt };

async function dbCount(db: Db, table: PgTable, where?: SQL) {
  const [{ n }] = await db.select({ n: count() }).from(table).where(where);
  return Number(n);
}
async function liveCount(path: OrgPath) {
  const soft = SOFT_DELETED[path];
  return dbCount(ctx.db, TABLES[path], soft ? isNull(soft) : undefined);
}

describe.each(ORG_PATHS)('/api/%s', (path) => {
  it('lists a page of { items, total } with total equal to the rows in the database', async () => {
    const res = await admin.get(`/api/${path}`, { query: { pageSize: 3 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(await liveCount(path));
    expect(body.items.length).toBe(Math.min(3, body.total));
    if (body.total > 3) {
      const second = (await admin.get(`/api/${path}`, { query: { pageSize: 3, page: 2 } })).json();
      expect(second.total).toBe(body.total);
      const firstIds = body.items.map((i: { id: number }) => i.id);
      for (const item of second.items) expect(firstIds).not.toContain(item.id);
    }
  });

  it('creates (201) with joined names, gets by id, and updates only the fields sent', async () => {
    const { body, joined } = await validBody(ctx.db, path);
    const created = await admin.post(`/api/${path}`, body);
    expect(created.statusCode, created.body).toBe(201);
    const row = created.json();
    expect(row).toMatchObject({ ...body, ...joined });
    expect(row.id).toEqual(expect.any(Number));

    const got = await admin.get(`/api/${path}/${row.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(row);

    // A PATCH of the name alone keeps every other field (no defaults re-applied).
    expect(row.version).toBe(1);
    const patched = await admin.patch(`/api/${path}/${row.id}`, { name: `改名 ${row.code}`, version: row.version });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toEqual({ ...row, name: `改名 ${row.code}`, version: 2 });
    expect((await admin.get(`/api/${path}/${row.id}`)).json()).toEqual({ ...row, name: `改名 ${row.code}`, version: 2 });

    // An edit based on the version before that one is refused, translated, and changes nothing.
    const stale = await admin.patch(`/api/${path}/${row.id}`, { name: 'x', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale', message: '已被他人修改，请刷新后重试' });
    const staleDelete = await admin.delete(`/api/${path}/${row.id}`, { headers: { 'if-match': '"1"' }, lang: 'en' });
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().error).toMatchObject({ code: 'stale', message: 'Changed by someone else — reload' });
    expect((await admin.get(`/api/${path}/${row.id}`)).json()).toMatchObject({ name: `改名 ${row.code}`, version: 2 });
  });

  it('searches q in code and name, with % and _ taken literally', async () => {
    const { body } = await validBody(ctx.db, path);
    const created = (await admin.post(`/api/${path}`, { ...body, name: `百分之百%_${body.code}` })).json();
    const byCode = (await admin.get(`/api/${path}`, { query: { q: String(body.code).toLowerCase() } })).json();
    expect(byCode.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    const byName = (await admin.get(`/api/${path}`, { query: { q: `百分之百%_${body.code}` } })).json();
    expect(byName.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    // Only our row has a literal "%_" in it; as wildcards they would match everything.
    const literal = (await admin.get(`/api/${path}`, { query: { q: '%_' } })).json();
    expect(literal.total).toBe(1);
    expect((await admin.get(`/api/${path}`, { query: { q: '_' } })).json().total).toBe(1);
  });

  it('answers 404 not_found, translated, for a missing id', async () => {
    const zh = await admin.get(`/api/${path}/999999`);
    expect(zh.statusCode).toBe(404);
    expect(zh.json().error).toMatchObject({ code: 'not_found', message: '未找到该记录' });
    const en = await admin.get(`/api/${path}/999999`, { lang: 'en' });
    expect(en.json().error).toMatchObject({ code: 'not_found', message: 'Not found' });
    expect((await admin.patch(`/api/${path}/999999`, { name: 'x', version: 1 })).statusCode).toBe(404);
    expect((await admin.delete(`/api/${path}/999999`, v1)).statusCode).toBe(404);
  });

  it('sorts by a known key in either order; an unknown key is refused, naming the field', async () => {
    const asc = (await admin.get(`/api/${path}`, { query: { sort: 'code', pageSize: 50 } }))
      .json()
      .items.map((i: { code: string }) => i.code);
    const desc = (await admin.get(`/api/${path}`, { query: { sort: 'code', order: 'desc', pageSize: 50 } }))
      .json()
      .items.map((i: { code: string }) => i.code);
    expect(asc.length).toBeGreaterThan(0);
    const total = await liveCount(path);
    if (total <= 50) expect(desc).toEqual([...asc].reverse());
    else expect(desc[0] > asc[0]).toBe(true);
    // Sort keys come from the resource's allow-list (`?sort=__proto__` once gave a 500).
    const unknown = await admin.get(`/api/${path}`, { query: { sort: 'password_hash', pageSize: 50 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['sort']);
  });
});

describe('delete', () => {
  const structural: OrgPath[] = ['terms', 'campuses', 'buildings', 'rooms', 'colleges', 'departments', 'majors', 'admin-classes'];
  it.each(structural)('hard-deletes an unused %s', async (path) => {
    const { body } = await validBody(ctx.db, path);
    const { id } = (await admin.post(`/api/${path}`, body)).json();
    const res = await admin.delete(`/api/${path}/${id}`, v1);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await dbCount(ctx.db, TABLES[path], eq(TABLES[path].id, id))).toBe(0);
    expect((await admin.get(`/api/${path}/${id}`)).statusCode).toBe(404);
  });

  const referenced: [OrgPath, (db: Db) => Promise<number>][] = [
    ['campuses', async (db) => (await buildBuilding(db, { campusId: (await buildCampus(db)).id })).campusId],
    ['buildings', async (db) => (await buildRoom(db)).buildingId],
    ['colleges', async (db) => (await buildDepartment(db)).collegeId],
    ['departments', async (db) => (await buildMajor(db)).departmentId],
    ['majors', async (db) => (await buildAdminClass(db)).majorId],
    ['admin-classes', async (db) => (await buildStudent(db)).adminClassId],
  ];
  it.each(referenced)('refuses to delete a referenced %s with 409 in_use and keeps it', async (path, build) => {
    const id = await build(ctx.db);
    const res = await admin.delete(`/api/${path}/${id}`, v1);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'in_use', message: '该记录正被其他数据引用，无法删除' });
    expect((await admin.get(`/api/${path}/${id}`)).statusCode).toBe(200);
  });

  it('refuses to delete a demo college that has departments', async () => {
    const res = await admin.delete('/api/colleges/1', { ...v1, lang: 'en' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'in_use', message: 'This record is in use and cannot be deleted' });
    expect(await dbCount(ctx.db, colleges, eq(colleges.id, 1))).toBe(1);
  });

  it.each(['students', 'teachers'] as const)('soft-deletes %s: gone from list and get, the row and its code stay', async (path) => {
    const row = path === 'students' ? await buildStudent(ctx.db) : await buildTeacher(ctx.db);
    expect((await admin.get(`/api/${path}`, { query: { q: row.code } })).json().total).toBe(1);
    expect((await admin.delete(`/api/${path}/${row.id}`, v1)).statusCode).toBe(200);

    expect((await admin.get(`/api/${path}/${row.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/${path}`, { query: { q: row.code } })).json()).toEqual({ items: [], total: 0 });
    expect((await admin.delete(`/api/${path}/${row.id}`, v1)).statusCode).toBe(404);
    const table = TABLES[path];
    const [kept] = await ctx.db
      .select()
      .from(table as typeof students)
      .where(eq(table.id, row.id));
    expect(kept.deletedAt).toBeInstanceOf(Date);

    const { body } = await validBody(ctx.db, path);
    const again = await admin.post(`/api/${path}`, { ...body, code: row.code });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duplicate_code');
  });

  it('leaves soft-deleted students out of a class head count', async () => {
    const cls = await buildAdminClass(ctx.db);
    const a = await buildStudent(ctx.db, { adminClassId: cls.id });
    await buildStudent(ctx.db, { adminClassId: cls.id });
    expect((await admin.get(`/api/admin-classes/${cls.id}`)).json().studentCount).toBe(2);
    await admin.delete(`/api/students/${a.id}`, v1);
    expect((await admin.get(`/api/admin-classes/${cls.id}`)).json().studentCount).toBe(1);
  });
});

describe('filters', () => {
  it('filters students by college, admin class, cohort and status, combined with search', async () => {
    const byCollege = (await admin.get('/api/students', { query: { collegeId: 2, pageSize: 200 } })).json();
    expect(byCollege.items.every((s: { collegeId: number }) => s.collegeId === 2)).toBe(true);
    const [{ n }] = await ctx.db
      .select({ n: count() })
      .from(students)
      .innerJoin(majors, eq(majors.id, students.majorId))
      .innerJoin(departments, eq(departments.id, majors.departmentId))
      .where(and(eq(departments.collegeId, 2), isNull(students.deletedAt)));
    expect(byCollege.total).toBe(Number(n));
    expect(byCollege.total).toBeGreaterThan(200);

    const classId = byCollege.items[0].adminClassId;
    const byClass = (await admin.get('/api/students', { query: { adminClassId: classId, pageSize: 200 } })).json();
    expect(byClass.total).toBe(await dbCount(ctx.db, students, and(eq(students.adminClassId, classId), isNull(students.deletedAt))));
    expect(byClass.items.every((s: { adminClassId: number }) => s.adminClassId === classId)).toBe(true);

    const byCohort = (await admin.get('/api/students', { query: { cohort: 2025 } })).json();
    expect(byCohort.total).toBe(await dbCount(ctx.db, students, and(eq(students.cohort, 2025), isNull(students.deletedAt))));

    const suspended = (await admin.get('/api/students', { query: { status: 'suspended', collegeId: 2, pageSize: 200 } })).json();
    expect(suspended.total).toBeGreaterThan(0);
    expect(suspended.total).toBeLessThan(byCollege.total);
    expect(suspended.items.every((s: { status: string; collegeId: number }) => s.status === 'suspended' && s.collegeId === 2)).toBe(true);

    const code = byClass.items[0].code;
    expect((await admin.get('/api/students', { query: { q: code, adminClassId: classId } })).json().total).toBe(1);
    expect((await admin.get('/api/students', { query: { q: code, collegeId: 3 } })).json().total).toBe(0);
  });

  it('filters rooms by type, campus and isActive, and sorts them by capacity', async () => {
    const labs = (await admin.get('/api/rooms', { query: { type: 'lab', pageSize: 200 } })).json();
    expect(labs.total).toBe(await dbCount(ctx.db, rooms, eq(rooms.type, 'lab')));
    expect(labs.total).toBeGreaterThan(0);
    expect(labs.items.every((r: { type: string }) => r.type === 'lab')).toBe(true);

    const [campus] = await ctx.db.select().from(campuses).limit(1);
    const onCampus = (await admin.get('/api/rooms', { query: { campusId: campus.id, pageSize: 200 } })).json();
    const [{ n }] = await ctx.db
      .select({ n: count() })
      .from(rooms)
      .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
      .where(eq(buildings.campusId, campus.id));
    expect(onCampus.total).toBe(Number(n));
    expect(
      onCampus.items.every((r: { campusId: number; campusName: string }) => r.campusId === campus.id && r.campusName === campus.name),
    ).toBe(true);

    const inactive = await buildRoom(ctx.db, { isActive: false });
    const inactiveList = (await admin.get('/api/rooms', { query: { isActive: false, pageSize: 200 } })).json();
    expect(inactiveList.items.map((r: { id: number }) => r.id)).toContain(inactive.id);
    expect(inactiveList.total).toBe(await dbCount(ctx.db, rooms, eq(rooms.isActive, false)));
    const active = (await admin.get('/api/rooms', { query: { isActive: true } })).json();
    expect(active.total + inactiveList.total).toBe(await dbCount(ctx.db, rooms));

    const bigFirst = (await admin.get('/api/rooms', { query: { sort: 'capacity', order: 'desc', pageSize: 200 } })).json().items;
    const caps = bigFirst.map((r: { capacity: number }) => r.capacity);
    expect(caps).toEqual([...caps].sort((a, b) => b - a));
    expect(caps[0]).toBeGreaterThan(caps[caps.length - 1]);
  });

  it('filters teachers, departments, majors and admin classes by college', async () => {
    for (const path of ['teachers', 'departments', 'majors', 'admin-classes'] as const) {
      const all = (await admin.get(`/api/${path}`, { query: { pageSize: 200 } })).json();
      const one = (await admin.get(`/api/${path}`, { query: { collegeId: 1, pageSize: 200 } })).json();
      expect(one.total, path).toBeGreaterThan(0);
      expect(one.total, path).toBeLessThan(all.total);
      expect(
        one.items.every((i: { collegeId: number }) => i.collegeId === 1),
        path,
      ).toBe(true);
    }
  });

  it('rejects a filter of the wrong type with 400', async () => {
    const res = await admin.get('/api/students', { query: { cohort: 'abc' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: 'cohort' });
    expect((await admin.get('/api/students', { query: { pageSize: 1000 } })).statusCode).toBe(400);
  });
});

describe('students and their class', () => {
  it('takes the major from the admin class and follows it when the class changes', async () => {
    const s = await buildStudent(ctx.db);
    const other = await buildAdminClass(ctx.db);
    const res = await admin.patch(`/api/students/${s.id}`, { adminClassId: other.id, version: 1 });
    expect(res.statusCode).toBe(200);
    const [m] = await ctx.db.select().from(majors).where(eq(majors.id, other.majorId));
    expect(res.json()).toMatchObject({ adminClassId: other.id, majorId: other.majorId, majorName: m.name, adminClassCode: other.code });
    const [row] = await ctx.db.select().from(students).where(eq(students.id, s.id));
    expect(row.majorId).toBe(other.majorId);
  });

  it('keeps a term current when only its name changes', async () => {
    const [current] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
    const res = await admin.patch(`/api/terms/${current.id}`, { name: current.name, version: current.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isCurrent: true, periodsPerDay: current.periodsPerDay });
    await expect(ctx.db.select().from(terms).where(eq(terms.id, current.id))).resolves.toMatchObject([{ isCurrent: true }]);
  });

  it('making a term current clears the old one, bumps its version and audits that change', async () => {
    const [old] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
    const { body } = await validBody(ctx.db, 'terms');
    const created = (await admin.post('/api/terms', body)).json();
    const res = await admin.patch(`/api/terms/${created.id}`, { isCurrent: true, version: created.version });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await admin.get(`/api/terms/${old.id}`)).json();
    expect(after).toMatchObject({ isCurrent: false, version: old.version + 1 });
    const audit = (await admin.get('/api/audit', { query: { action: 'terms.update', entityId: String(old.id) } })).json();
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        before: expect.objectContaining({ isCurrent: true }),
        after: expect.objectContaining({ isCurrent: false }),
      }),
    );
    // Restore the demo's current term for the other tests.
    expect((await admin.patch(`/api/terms/${old.id}`, { isCurrent: true, version: after.version })).statusCode).toBe(200);
  });
});

describe('optimistic concurrency over HTTP', () => {
  it('of two concurrent PATCHes of the same version exactly one gets 200, the other 409 stale', async () => {
    const t = await buildTeacher(ctx.db);
    const [a, b] = await Promise.all([
      admin.patch(`/api/teachers/${t.id}`, { name: '甲', version: 1 }),
      admin.patch(`/api/teachers/${t.id}`, { phone: '13800000000' }, { headers: { 'if-match': '"1"' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('stale');
    expect((await admin.get(`/api/teachers/${t.id}`)).json().version).toBe(2);
  });

  it('requires the version: a PATCH or DELETE without one is 400 naming the field', async () => {
    const t = await buildTeacher(ctx.db);
    const res = await admin.patch(`/api/teachers/${t.id}`, { name: 'x' }, { lang: 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([expect.objectContaining({ field: 'version', code: 'required' })]);
    expect((await admin.delete(`/api/teachers/${t.id}`)).statusCode).toBe(400);
    expect((await admin.get(`/api/teachers/${t.id}`)).json()).toMatchObject({ name: t.name, version: 1 });
  });
});

describe('the OpenAPI document', () => {
  it('describes what the resource routes return, version included', async () => {
    const doc = (await ctx.anonymous().get('/api/docs/json')).json();
    const item = doc.paths['/api/students/{id}'].get.responses['200'].content['application/json'].schema;
    expect(item.properties).toMatchObject({ version: { type: 'integer' }, adminClassName: { type: 'string' } });
    expect(item.required).toContain('version');
    const page = doc.paths['/api/students'].get.responses['200'].content['application/json'].schema;
    expect(page.properties.items.items.properties.code).toEqual({ type: 'string' });
    expect(doc.paths['/api/courses/{id}'].patch.responses['200'].content['application/json'].schema.properties.version).toBeDefined();
    expect(doc.paths['/api/rooms'].post.responses['201']).toBeDefined();
  });
});
