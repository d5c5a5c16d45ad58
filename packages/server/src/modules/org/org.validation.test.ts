import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { buildBuilding, buildCampus, buildDepartment, buildStudent, buildTerm, uniqueCode, validBody } from '../../test/factories.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { colleges, departments, students, terms, timePeriods } from './org.tables.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

type FieldError = { field: string; code: string; message: string };
const fieldsOf = (res: { json(): any }): FieldError[] => res.json().error.details.fields;
const byField = (fields: FieldError[]) => Object.fromEntries(fields.map((f) => [f.field, f]));
const auditCount = async () => Number((await ctx.db.select({ n: count() }).from(auditLog))[0].n);

describe('validation errors', () => {
  it('names every bad field with a code and a Chinese message by default', async () => {
    const building = await buildBuilding(ctx.db);
    const res = await admin.post('/api/rooms', { code: 'A 101', buildingId: building.id, type: 'sauna', capacity: -1, examCapacity: 10 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', message: '输入有误，请检查标出的字段' });
    const f = byField(fieldsOf(res));
    expect(f.code).toEqual({ field: 'code', code: 'code_format', message: '只能包含字母、数字、-、_、.' });
    expect(f.name).toEqual({ field: 'name', code: 'required', message: '必填' });
    expect(f.type).toEqual({ field: 'type', code: 'invalid_value', message: '不是允许的取值' });
    expect(f.capacity).toEqual({ field: 'capacity', code: 'too_small', message: '太小或太短（至少 0）' });
    expect(Object.keys(f).sort()).toEqual(['capacity', 'code', 'name', 'type']);
  });

  it('answers in English with Accept-Language en', async () => {
    const res = await admin.post(
      '/api/rooms',
      { code: 'A 101', buildingId: 1, type: 'sauna', capacity: -1, examCapacity: 10 },
      { lang: 'en' },
    );
    expect(res.json().error.message).toBe('Some fields are invalid');
    const f = byField(fieldsOf(res));
    expect(f.code.message).toBe('Only letters, digits, -, _ and .');
    expect(f.name.message).toBe('Required');
    expect(f.type.message).toBe('Not an allowed value');
    expect(f.capacity.message).toBe('Too small or short (at least 0)');
  });

  it('checks a term academic year and a PATCH body too', async () => {
    const res = await admin.post('/api/terms', {
      code: uniqueCode(),
      name: 'x',
      academicYear: '2026',
      semester: 1,
      startDate: '2026-09-01',
      weeks: 18,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: 'academicYear', code: 'academic_year_format', message: '学年格式应为 2026-2027' }]);
    const term = await buildTerm(ctx.db);
    const patch = await admin.patch(`/api/terms/${term.id}`, { weeks: 0, startDate: 'next monday', version: 1 }, { lang: 'en' });
    expect(patch.statusCode).toBe(400);
    expect(
      fieldsOf(patch)
        .map((f) => [f.field, f.code])
        .sort(),
    ).toEqual([
      ['startDate', 'invalid_format'],
      ['weeks', 'too_small'],
    ]);
    expect((await ctx.db.select().from(terms).where(eq(terms.id, term.id)))[0]).toEqual(term);
  });

  it('checks the slots of a room that is unavailable', async () => {
    const { body } = await validBody(ctx.db, 'rooms');
    const res = await admin.post('/api/rooms', {
      ...body,
      unavailable: [
        { day: 1, fromPeriod: 1, toPeriod: 2 },
        { day: 8, fromPeriod: 5, toPeriod: 3 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(
      fieldsOf(res)
        .map((f) => [f.field, f.code])
        .sort(),
    ).toEqual([
      ['unavailable.1.day', 'too_big'],
      ['unavailable.1.toPeriod', 'period_range'],
    ]);
    const ok = await admin.post('/api/rooms', { ...body, unavailable: [{ day: 1, fromPeriod: 1, toPeriod: 2 }] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().unavailable).toEqual([{ day: 1, fromPeriod: 1, toPeriod: 2 }]);
  });

  it('refuses a bad student email and status', async () => {
    const s = await buildStudent(ctx.db);
    const res = await admin.patch(`/api/students/${s.id}`, { email: 'not-an-email', status: 'expelled', version: 1 });
    expect(res.statusCode).toBe(400);
    expect(
      fieldsOf(res)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['email', 'status']);
  });
});

describe('duplicate codes', () => {
  it('answers 409 duplicate_code naming the value and the code field', async () => {
    const zh = await admin.post('/api/colleges', { code: '01', name: '又一个计算机学院' });
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error).toMatchObject({ code: 'duplicate_code', message: '代码“01”已存在' });
    expect(zh.json().error.details.fields[0]).toMatchObject({ field: 'code', code: 'duplicate_code' });
    const en = await admin.post('/api/colleges', { code: '01', name: 'Again' }, { lang: 'en' });
    expect(en.json().error.message).toBe('Code “01” already exists');
    expect(await ctx.db.$count(colleges, eq(colleges.code, '01'))).toBe(1);
  });

  it('lets exactly one of two concurrent creates of the same code win', async () => {
    const { body } = await validBody(ctx.db, 'students');
    const results = await Promise.all([admin.post('/api/students', body), admin.post('/api/students', { ...body, name: '另一个' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.json().error).toMatchObject({ code: 'duplicate_code', details: { fields: [{ field: 'code' }] } });
    expect(await ctx.db.$count(students, eq(students.code, String(body.code)))).toBe(1);
  });

  it('refuses to rename a code to one that is taken and leaves the row as it was', async () => {
    const [before] = await ctx.db.select().from(colleges).where(eq(colleges.code, '02'));
    const audits = await auditCount();
    const res = await admin.patch(`/api/colleges/${before.id}`, { code: '01', name: '改名失败', version: before.version });
    expect(res.statusCode).toBe(409);
    expect((await ctx.db.select().from(colleges).where(eq(colleges.id, before.id)))[0]).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });
});

describe('references to missing parents', () => {
  it.each([
    ['departments', 'collegeId', '学院'],
    ['majors', 'departmentId', '系'],
    ['admin-classes', 'majorId', '专业'],
    ['teachers', 'departmentId', '系'],
    ['students', 'adminClassId', '行政班'],
    ['rooms', 'buildingId', '楼宇'],
    ['buildings', 'campusId', '校区'],
  ] as const)('POST /api/%s with %s 999999 → 400 naming the field', async (path, field, label) => {
    const { body } = await validBody(ctx.db, path);
    const audits = await auditCount();
    const res = await admin.post(`/api/${path}`, { ...body, [field]: 999999 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('reference_not_found');
    expect(res.json().error.message).toBe(`引用的${label}不存在`);
    expect(res.json().error.details.fields[0]).toEqual({ field, code: 'reference_not_found', message: '找不到“999999”' });
    expect(await auditCount()).toBe(audits);
  });

  it('a failed PATCH to a missing parent leaves the row unchanged', async () => {
    const dep = await buildDepartment(ctx.db);
    const res = await admin.patch(`/api/departments/${dep.id}`, { name: '新名字', collegeId: 999999, version: 1 }, { lang: 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The referenced College does not exist');
    expect((await ctx.db.select().from(departments).where(eq(departments.id, dep.id)))[0]).toEqual(dep);
  });
});

describe('time grid', () => {
  const grid = (n: number, from = 8) =>
    Array.from({ length: n }, (_, i) => ({
      period: i + 1,
      startsAt: `${String(from + i).padStart(2, '0')}:00`,
      endsAt: `${String(from + i).padStart(2, '0')}:45`,
    }));

  it('returns the term default grid', async () => {
    const [current] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
    const res = await admin.get(`/api/terms/${current.id}/time-grid`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ termId: current.id, campusId: null });
    expect(body.periods).toHaveLength(12);
    expect(body.periods[0]).toEqual({ period: 1, startsAt: '08:00', endsAt: '08:45' });
    expect((await admin.get('/api/terms/999999/time-grid')).statusCode).toBe(404);
  });

  it('replaces the grid and lets a campus have its own, falling back to the default', async () => {
    const term = await buildTerm(ctx.db, { periodsPerDay: 4 });
    const put = await admin.put(`/api/terms/${term.id}/time-grid`, { periods: grid(4) });
    expect(put.statusCode, put.body).toBe(200);
    const campus = await buildCampus(ctx.db);
    const fallback = (await admin.get(`/api/terms/${term.id}/time-grid`, { query: { campusId: campus.id } })).json();
    expect(fallback).toEqual({ termId: term.id, campusId: campus.id, periods: grid(4) });

    expect((await admin.put(`/api/terms/${term.id}/time-grid`, { campusId: campus.id, periods: grid(3, 9) })).statusCode).toBe(200);
    expect((await admin.get(`/api/terms/${term.id}/time-grid`, { query: { campusId: campus.id } })).json().periods).toEqual(grid(3, 9));
    expect((await admin.get(`/api/terms/${term.id}/time-grid`)).json().periods).toEqual(grid(4));
    expect(await ctx.db.$count(timePeriods, eq(timePeriods.termId, term.id))).toBe(7);
  });

  it('rejects periods beyond periodsPerDay, overlaps, duplicates and an end before the start', async () => {
    const term = await buildTerm(ctx.db, { periodsPerDay: 4 });
    await admin.put(`/api/terms/${term.id}/time-grid`, { periods: grid(4) });

    const beyond = await admin.put(`/api/terms/${term.id}/time-grid`, { periods: grid(5) });
    expect(beyond.statusCode).toBe(400);
    expect(fieldsOf(beyond)).toEqual([{ field: 'periods.4.period', code: 'too_big', message: '太大或太长（至多 4）' }]);

    const overlap = await admin.put(`/api/terms/${term.id}/time-grid`, {
      periods: [
        { period: 1, startsAt: '08:00', endsAt: '09:00' },
        { period: 2, startsAt: '08:30', endsAt: '09:30' },
      ],
    });
    expect(overlap.statusCode).toBe(400);
    expect(fieldsOf(overlap)).toMatchObject([{ field: 'periods.1.startsAt', code: 'time_range' }]);

    const dup = await admin.put(`/api/terms/${term.id}/time-grid`, {
      periods: [
        { period: 1, startsAt: '08:00', endsAt: '08:45' },
        { period: 1, startsAt: '09:00', endsAt: '09:45' },
      ],
    });
    expect(dup.statusCode).toBe(400);

    const backwards = await admin.put(
      `/api/terms/${term.id}/time-grid`,
      { periods: [{ period: 1, startsAt: '09:00', endsAt: '08:00' }] },
      { lang: 'en' },
    );
    expect(backwards.statusCode).toBe(400);
    expect(fieldsOf(backwards)).toEqual([{ field: 'periods.0.endsAt', code: 'time_range', message: 'End must be after start' }]);

    const badClock = await admin.put(`/api/terms/${term.id}/time-grid`, { periods: [{ period: 1, startsAt: '08:00', endsAt: '24:30' }] });
    expect(fieldsOf(badClock)).toMatchObject([{ field: 'periods.0.endsAt', code: 'time_format', message: '时间格式应为 HH:MM' }]);

    // None of the refused grids replaced the saved one.
    expect((await admin.get(`/api/terms/${term.id}/time-grid`)).json().periods).toEqual(grid(4));
  });

  it('refuses a grid for a campus that does not exist, naming the field', async () => {
    const term = await buildTerm(ctx.db, { periodsPerDay: 4 });
    const res = await admin.put(`/api/terms/${term.id}/time-grid`, { campusId: 999999, periods: grid(2) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: 'campusId', code: 'reference_not_found' });
  });

  it('only org.manage may change a grid', async () => {
    const [current] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
    const secretary = await ctx.as('secretary');
    expect((await secretary.get(`/api/terms/${current.id}/time-grid`)).statusCode).toBe(200);
    const res = await secretary.put(`/api/terms/${current.id}/time-grid`, { periods: grid(2) });
    expect(res.statusCode).toBe(403);
    expect((await admin.get(`/api/terms/${current.id}/time-grid`)).json().periods).toHaveLength(12);
  });
});

describe('current term', () => {
  const currentIds = async () => (await ctx.db.select({ id: terms.id }).from(terms).where(eq(terms.isCurrent, true))).map((r) => r.id);

  it('setting a term current (create or update) clears the previous current term', async () => {
    const [previous] = await currentIds();
    const { body } = await validBody(ctx.db, 'terms');
    const created = await admin.post('/api/terms', { ...body, isCurrent: true });
    expect(created.statusCode).toBe(201);
    expect(await currentIds()).toEqual([created.json().id]);
    expect((await admin.get(`/api/terms/${previous}`)).json().isCurrent).toBe(false);

    const { version } = (await admin.get(`/api/terms/${previous}`)).json();
    const back = await admin.patch(`/api/terms/${previous}`, { isCurrent: true, version });
    expect(back.json().isCurrent).toBe(true);
    expect(await currentIds()).toEqual([previous]);
    const list = (await admin.get('/api/terms', { query: { pageSize: 200 } })).json().items;
    expect(list.filter((t: { isCurrent: boolean }) => t.isCurrent).map((t: { id: number }) => t.id)).toEqual([previous]);
  });

  it('two terms made current at the same time leave exactly one current term', async () => {
    const a = (await validBody(ctx.db, 'terms')).body;
    const b = (await validBody(ctx.db, 'terms')).body;
    const results = await Promise.all([
      admin.post('/api/terms', { ...a, isCurrent: true }),
      admin.post('/api/terms', { ...b, isCurrent: true }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await currentIds()).toHaveLength(1);
    // Put the demo term back.
    const [demo] = await ctx.db.select().from(terms).where(eq(terms.code, '2026-2027-1'));
    await admin.patch(`/api/terms/${demo.id}`, { isCurrent: true, version: demo.version });
    expect(await currentIds()).toEqual([demo.id]);
  });

  it('a failed update that would make a term current leaves the current term alone', async () => {
    const [previous] = await currentIds();
    const other = await buildTerm(ctx.db);
    const res = await admin.patch(`/api/terms/${other.id}`, { isCurrent: true, code: '2026-2027-1', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(await currentIds()).toEqual([previous]);
  });
});
