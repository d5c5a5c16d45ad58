import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { buildAdminClass, buildCollege, buildDepartment, buildTeacher, buildTerm, uniqueCode } from '../../test/factories.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { rooms } from '../org/org.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { teacherTimeBlocks, timetableLinks, timetableSettings } from './timetable.tables.ts';

// 排课设置 through the HTTP layer: what the office sets, who may set teachers' time
// preferences, linked classes, and the readiness report of a crafted term.

let ctx: TestContext;
let office: TestClient;
let teacher: TestClient;
let secretary: TestClient; // college 01
let student: TestClient;
let leader: TestClient;
const ids = {} as Record<'term' | 'ownTeacher' | 'csTeacher' | 'ecoTeacher' | 'campusA' | 'campusB' | 'cs' | 'course', number>;

const validSettings = (over: Record<string, unknown> = {}) => ({
  termId: ids.term,
  version: 0,
  weights: { teacherWishes: 1, spread: 5, compactDays: 2, sameRoom: 1, buildingChanges: 1, teacherDayLimit: 2, eveningPeriods: 3 },
  blockedSlots: [
    { day: 3, fromPeriod: 5, toPeriod: 8, appliesTo: { kind: 'all' }, reasonZh: '政治学习', reasonEn: 'Political study' },
    { day: 4, fromPeriod: 5, toPeriod: 8, appliesTo: { kind: 'college', ids: [ids.cs] }, reasonZh: '学院例会', reasonEn: '' },
  ],
  campusTravel: [{ campusA: ids.campusA, campusB: ids.campusB, minutes: 40 }],
  teacherMaxPeriodsPerDay: 6,
  eveningFromPeriod: 9,
  changeRules: { noChangeWeeks: [1], maxPersonalPerTeacher: 3, collegeOnlyUpToPeriods: 4 },
  ...over,
});

let classSeq = 0;
/** A teaching class inserted as an approved request would leave it. */
async function buildClass(termId: number, over: Partial<typeof teachingClasses.$inferInsert> = {}) {
  classSeq += 1;
  const [row] = await ctx.db
    .insert(teachingClasses)
    .values({
      code: `TT-${classSeq}-${uniqueCode('C')}`,
      termId,
      courseId: ids.course,
      collegeId: ids.cs,
      teachers: [],
      teacherIds: [],
      capacity: 40,
      adminClassIds: [],
      sessions: [2],
      weekPattern: 'all',
      weekFrom: 1,
      weekTo: 16,
      weekMask: 0xffff,
      roomType: 'lecture',
      ...over,
    })
    .returning();
  return row;
}

beforeAll(async () => {
  ctx = await createTestContext();
  [office, teacher, secretary, student, leader] = await Promise.all(
    ['office', 'teacher', 'secretary', 'student', 'leader'].map((u) => ctx.as(u)),
  );
  ids.term = (await office.get('/api/terms', { query: { q: '2026-2027-1' } })).json().items[0].id;
  // The demo configures its terms; these tests start from a term the office never configured.
  await ctx.db.delete(timetableSettings).where(eq(timetableSettings.termId, ids.term));
  await ctx.db.delete(teacherTimeBlocks).where(eq(teacherTimeBlocks.termId, ids.term));
  await ctx.db.delete(timetableLinks).where(eq(timetableLinks.termId, ids.term));
  ids.ownTeacher = (await teacher.get('/api/me')).json().user.teacherId;
  const colleges = (await office.get('/api/colleges')).json().items as { id: number; code: string }[];
  ids.cs = colleges.find((c) => c.code === '01')!.id;
  const eco = colleges.find((c) => c.code === '02')!.id;
  const teachersOf = async (collegeId: number) =>
    (await office.get('/api/teachers', { query: { collegeId, pageSize: 5 } })).json().items as { id: number }[];
  ids.csTeacher = (await teachersOf(ids.cs)).find((t) => t.id !== ids.ownTeacher)!.id;
  ids.ecoTeacher = (await teachersOf(eco))[0].id;
  const campuses = (await office.get('/api/campuses')).json().items as { id: number }[];
  [ids.campusA, ids.campusB] = [campuses[0].id, campuses[1].id];
  ids.course = (await ctx.db.select({ id: courses.id }).from(courses).limit(1))[0].id;
});
afterAll(() => ctx.close());

describe('settings', () => {
  it('a term never configured reads as defaults at version 0; the office saves, audited with before and after', async () => {
    const first = await office.get('/api/timetable/settings', { query: { termId: ids.term } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 0, blockedSlots: [], weights: { spread: 5 }, grid: { daysPerWeek: expect.any(Number) } });

    const saved = await office.put('/api/timetable/settings', validSettings());
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 1,
      teacherMaxPeriodsPerDay: 6,
      blockedSlots: [{ reasonZh: '政治学习' }, { appliesTo: { ids: [ids.cs] } }],
    });
    const again = await office.get('/api/timetable/settings', { query: { termId: ids.term } });
    expect(again.json().campusTravel).toEqual([{ campusA: ids.campusA, campusB: ids.campusB, minutes: 40 }]);

    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'timetable_settings.update'), eq(auditLog.entityId, String(ids.term))));
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toBeNull();
    expect(audit[0].after).toMatchObject({ eveningFromPeriod: 9, blockedSlots: [{ day: 3 }, { day: 4 }] });
  });

  it('refuses a save based on an old version, and of two saves at once exactly one wins', async () => {
    const stale = await office.put('/api/timetable/settings', validSettings({ version: 0 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale');

    const { version } = (await office.get('/api/timetable/settings', { query: { termId: ids.term } })).json();
    const results = await Promise.all([
      office.put('/api/timetable/settings', validSettings({ version, eveningFromPeriod: 10 })),
      office.put('/api/timetable/settings', validSettings({ version, eveningFromPeriod: 11 })),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = (await office.get('/api/timetable/settings', { query: { termId: ids.term } })).json();
    expect(after.version).toBe(version + 1);
    expect(after.eveningFromPeriod).toBe(results[0].statusCode === 200 ? 10 : 11);
  });

  it('names the row and field of every problem, in the caller’s language, and saves nothing', async () => {
    const { version } = (await office.get('/api/timetable/settings', { query: { termId: ids.term } })).json();
    const body = validSettings({
      version,
      blockedSlots: [
        { day: 1, fromPeriod: 1, toPeriod: 2, appliesTo: { kind: 'all' }, reasonZh: '早会', reasonEn: '' },
        { day: 3, fromPeriod: 6, toPeriod: 4, appliesTo: { kind: 'all' }, reasonZh: '错误', reasonEn: '' },
        { day: 2, fromPeriod: 1, toPeriod: 2, appliesTo: { kind: 'college', ids: [999999] }, reasonZh: '无此学院', reasonEn: '' },
      ],
      campusTravel: [
        { campusA: ids.campusA, campusB: ids.campusA, minutes: 10 },
        { campusA: ids.campusA, campusB: ids.campusB, minutes: 10 },
        { campusA: ids.campusB, campusB: ids.campusA, minutes: 20 },
      ],
    });
    const zh = await office.put('/api/timetable/settings', body);
    expect(zh.statusCode).toBe(400);
    const fields = zh.json().error.details.fields as { field: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'blockedSlots.1.toPeriod', code: 'tt_blocked_period_range', message: '禁排时间第 2 行：结束节次早于开始节次' },
        expect.objectContaining({ field: 'blockedSlots.2.appliesTo', code: 'tt_blocked_unknown' }),
        expect.objectContaining({ field: 'campusTravel.0.campusB', message: '校区间通行第 1 行：两个校区不能相同' }),
        expect.objectContaining({ field: 'campusTravel.2.campusB', message: '校区间通行第 3 行：与第 2 行是同一对校区' }),
      ]),
    );
    const en = await office.put('/api/timetable/settings', body, { lang: 'en' });
    expect(en.json().error.details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: 'Blocked slot row 2: the last period is before the first' })]),
    );
    const after = (await office.get('/api/timetable/settings', { query: { termId: ids.term } })).json();
    expect(after.version).toBe(version);
    expect(after.blockedSlots).toHaveLength(2);
  });

  it('only the office writes; leaders read; teachers and students do not see them', async () => {
    const { version } = (await office.get('/api/timetable/settings', { query: { termId: ids.term } })).json();
    expect((await teacher.put('/api/timetable/settings', validSettings({ version }))).statusCode).toBe(403);
    expect((await secretary.put('/api/timetable/settings', validSettings({ version }))).statusCode).toBe(403);
    expect((await leader.put('/api/timetable/settings', validSettings({ version }))).statusCode).toBe(403);
    expect((await leader.get('/api/timetable/settings', { query: { termId: ids.term } })).statusCode).toBe(200);
    expect((await teacher.get('/api/timetable/settings', { query: { termId: ids.term } })).statusCode).toBe(403);
    expect((await student.get('/api/timetable/settings', { query: { termId: ids.term } })).statusCode).toBe(403);
    expect((await office.get('/api/timetable/settings', { query: { termId: 999999 } })).statusCode).toBe(404);
  });
});

describe('teacher availability', () => {
  const blocks = [
    { kind: 'never', day: 1, fromPeriod: 1, toPeriod: 2 },
    { kind: 'avoid', day: 5, fromPeriod: 7, toPeriod: 8 },
    { kind: 'prefer', day: 2, fromPeriod: 3, toPeriod: 4 },
  ];
  const put = (c: TestClient, teacherId: number, b: unknown[] = blocks) =>
    c.put('/api/timetable/availability', { termId: ids.term, teacherId, blocks: b });
  const saved = (teacherId: number) =>
    ctx.db
      .select()
      .from(teacherTimeBlocks)
      .where(and(eq(teacherTimeBlocks.termId, ids.term), eq(teacherTimeBlocks.teacherId, teacherId)));

  it('a teacher marks their own slots, saved together and audited, and reads them back', async () => {
    const res = await put(teacher, ids.ownTeacher);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      canEdit: true,
      blocks: expect.arrayContaining([expect.objectContaining({ kind: 'never', day: 1 })]),
    });
    expect(await saved(ids.ownTeacher)).toHaveLength(3);
    // Saving again replaces, never adds.
    expect((await put(teacher, ids.ownTeacher, [blocks[0]])).statusCode).toBe(200);
    expect(await saved(ids.ownTeacher)).toHaveLength(1);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'teacher_time_blocks.update')).orderBy(auditLog.id);
    expect(audit.at(-1)).toMatchObject({ entityId: `${ids.term}:${ids.ownTeacher}`, before: { blocks: expect.any(Array) } });
  });

  it('a teacher cannot read or edit another teacher’s; a secretary only their college’s; the office anyone’s', async () => {
    expect((await put(teacher, ids.csTeacher)).statusCode).toBe(403);
    expect((await teacher.get('/api/timetable/availability', { query: { termId: ids.term, teacherId: ids.csTeacher } })).statusCode).toBe(
      403,
    );
    expect(await saved(ids.csTeacher)).toHaveLength(0);
    expect((await put(secretary, ids.csTeacher)).statusCode).toBe(200);
    expect((await put(secretary, ids.ecoTeacher)).statusCode).toBe(403);
    expect(await saved(ids.ecoTeacher)).toHaveLength(0);
    expect((await put(office, ids.ecoTeacher)).statusCode).toBe(200);
    expect((await student.get('/api/timetable/availability', { query: { termId: ids.term, teacherId: ids.ownTeacher } })).statusCode).toBe(
      403,
    );
    expect((await put(student, ids.ownTeacher)).statusCode).toBe(403);
    const look = await leader.get('/api/timetable/availability', { query: { termId: ids.term, teacherId: ids.ecoTeacher } });
    expect(look.statusCode).toBe(200);
    expect(look.json().canEdit).toBe(false);
    expect((await put(leader, ids.ecoTeacher)).statusCode).toBe(403);
  });

  it('refuses overlapping entries and periods outside the grid, naming the entry', async () => {
    const res = await put(teacher, ids.ownTeacher, [
      { kind: 'never', day: 1, fromPeriod: 1, toPeriod: 3 },
      { kind: 'avoid', day: 1, fromPeriod: 3, toPeriod: 4 },
      { kind: 'prefer', day: 2, fromPeriod: 5, toPeriod: 19 },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'blocks.1.fromPeriod', message: '第 2 段与第 1 段时间重叠' }),
      expect.objectContaining({ field: 'blocks.2.toPeriod', code: 'tt_block_range' }),
    ]);
  });

  it('shows the wishes of the teacher’s teaching classes', async () => {
    const c = await buildClass(ids.term, {
      teacherIds: [ids.ownTeacher],
      timeWishes: [{ kind: 'prefer', day: 2, fromPeriod: 1, toPeriod: 2 }],
    });
    const res = await teacher.get('/api/timetable/availability', { query: { termId: ids.term, teacherId: ids.ownTeacher } });
    expect(res.json().wishes).toEqual(
      expect.arrayContaining([expect.objectContaining({ teachingClassCode: c.code, kind: 'prefer', day: 2 })]),
    );
  });
});

describe('linked classes', () => {
  it('links classes with the same sessions; refuses different sessions, other terms and a class already linked, saying why', async () => {
    const a = await buildClass(ids.term, { sessions: [2, 2] });
    const b = await buildClass(ids.term, { sessions: [2, 2] });
    const odd = await buildClass(ids.term, { sessions: [3, 1] });
    const otherTerm = await buildClass((await buildTerm(ctx.db)).id, { sessions: [2, 2] });

    const bad = await office.post('/api/timetable/links', {
      termId: ids.term,
      name: '体育分项',
      teachingClassIds: [a.id, odd.id, otherTerm.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      expect.objectContaining({
        field: 'teachingClassIds.1',
        message: expect.stringContaining(`教学班 ${odd.code} 每周安排为 3+1，与 ${a.code} 的 2+2 不同`),
      }),
      expect.objectContaining({ field: 'teachingClassIds.2', code: 'tt_link_class_term' }),
    ]);

    const ok = await office.post('/api/timetable/links', { termId: ids.term, name: '体育分项', teachingClassIds: [a.id, b.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().teachingClasses.map((c: { code: string }) => c.code)).toEqual([a.code, b.code]);

    const c = await buildClass(ids.term, { sessions: [2, 2] });
    const taken = await office.post('/api/timetable/links', { termId: ids.term, name: '另一组', teachingClassIds: [c.id, b.id] });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.details.fields[0].message).toBe(`教学班 ${b.code} 已在同时上课组“体育分项”中`);

    const list = (await office.get('/api/timetable/links', { query: { termId: ids.term } })).json();
    expect(list.filter((l: { name: string }) => l.name === '体育分项')).toHaveLength(1);
    const search = (await office.get('/api/timetable/links/classes', { query: { termId: ids.term, q: a.code } })).json();
    expect(search.items[0]).toMatchObject({ id: a.id, linkName: '体育分项', sessions: [2, 2] });

    expect((await teacher.post('/api/timetable/links', { termId: ids.term, name: 'x', teachingClassIds: [c.id, odd.id] })).statusCode).toBe(
      403,
    );
    expect((await secretary.delete(`/api/timetable/links/${ok.json().id}`)).statusCode).toBe(403);
    expect((await office.delete(`/api/timetable/links/${ok.json().id}`)).statusCode).toBe(200);
    expect((await office.delete(`/api/timetable/links/${ok.json().id}`)).statusCode).toBe(404);
    expect(await ctx.db.select().from(timetableLinks).where(eq(timetableLinks.id, ok.json().id))).toHaveLength(0);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityType, 'timetable_links')).orderBy(auditLog.id);
    expect(audit.map((r) => r.action)).toEqual(['timetable_links.create', 'timetable_links.delete']);
  });

  it('two groups filed at once with the same class: one is refused', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => buildClass(ids.term, { sessions: [2] })));
    const res = await Promise.all([
      office.post('/api/timetable/links', { termId: ids.term, name: '组一', teachingClassIds: [a.id, b.id] }),
      office.post('/api/timetable/links', { termId: ids.term, name: '组二', teachingClassIds: [c.id, b.id] }),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 400]);
  });
});

describe('readiness', () => {
  it('finds in words what would stop a solve of a crafted term, each pointing at the thing to fix', async () => {
    const term = await buildTerm(ctx.db, { daysPerWeek: 5, periodsPerDay: 4, weeks: 16 });
    const college = await buildCollege(ctx.db);
    const dept = await buildDepartment(ctx.db, { collegeId: college.id });
    const busy = await buildTeacher(ctx.db, { departmentId: dept.id, name: '忙碌老师' });
    const calm = await buildTeacher(ctx.db, { departmentId: dept.id, name: '从容老师' });
    const full = await buildAdminClass(ctx.db, { name: '超满班' });
    const alternating = await buildAdminClass(ctx.db, { name: '单双周班' });
    const t = term.id;
    const fresh = async () => [(await buildTeacher(ctx.db, { departmentId: dept.id })).id];
    const noTeacher = await buildClass(t, { collegeId: college.id });
    const huge = await buildClass(t, { collegeId: college.id, teacherIds: [calm.id], capacity: 5000 });
    const exotic = await buildClass(t, {
      collegeId: college.id,
      teacherIds: [calm.id],
      roomType: 'gym',
      roomFeatures: ['projector', 'air_conditioning', 'recording', 'smart_board', 'sound_system'],
    });
    // 14 periods a week; Monday and Tuesday (8 of the 20 periods) are never: 12 remain.
    await buildClass(t, { collegeId: college.id, teacherIds: [busy.id], sessions: [4, 4, 4, 2] });
    await ctx.db.insert(teacherTimeBlocks).values([
      { termId: t, teacherId: busy.id, kind: 'never', day: 1, fromPeriod: 1, toPeriod: 4 },
      { termId: t, teacherId: busy.id, kind: 'never', day: 2, fromPeriod: 1, toPeriod: 4 },
    ]);
    // 22 periods for a 20-period week.
    await buildClass(t, { collegeId: college.id, teacherIds: await fresh(), adminClassIds: [full.id], sessions: [4, 4, 4, 4, 4] });
    await buildClass(t, { collegeId: college.id, teacherIds: await fresh(), adminClassIds: [full.id], sessions: [2] });
    // Odd and even weeks do not add up: 16 periods in any one week.
    await buildClass(t, {
      collegeId: college.id,
      teacherIds: await fresh(),
      adminClassIds: [alternating.id],
      sessions: [4, 4, 4, 4],
      weekPattern: 'odd',
      weekMask: 0x5555,
    });
    await buildClass(t, {
      collegeId: college.id,
      teacherIds: await fresh(),
      adminClassIds: [alternating.id],
      sessions: [4, 4, 4, 4],
      weekPattern: 'even',
      weekMask: 0xaaaa,
    });
    const l1 = await buildClass(t, { collegeId: college.id, teacherIds: await fresh(), sessions: [2, 2] });
    const l2 = await buildClass(t, { collegeId: college.id, teacherIds: await fresh(), sessions: [2] });
    const [link] = await ctx.db
      .insert(timetableLinks)
      .values({ termId: t, name: '旧分组', teachingClassIds: [l1.id, l2.id] })
      .returning();

    const res = await office.get('/api/timetable/readiness', { query: { termId: t } });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.ready).toBe(false);
    const byCode = (code: string) => report.findings.filter((f: { code: string }) => f.code === code);
    expect(byCode('class_no_teacher')).toEqual([
      expect.objectContaining({ severity: 'blocker', target: { kind: 'teaching_class', id: noTeacher.id } }),
    ]);
    expect(byCode('class_no_teacher')[0].message).toContain(`教学班 ${noTeacher.code}`);
    expect(byCode('class_capacity_above_rooms')).toEqual([expect.objectContaining({ target: { kind: 'teaching_class', id: huge.id } })]);
    expect(byCode('class_capacity_above_rooms')[0].message).toMatch(/容量 5000 人，超过所有合适教室（普通教室）的最大容量 \d+ 人/);
    expect(byCode('room_type_missing')).toEqual([expect.objectContaining({ target: { kind: 'room_type', type: 'gym' } })]);
    expect(byCode('room_type_missing')[0].message).toContain(exotic.code);
    expect(byCode('teacher_overload')).toEqual([expect.objectContaining({ target: { kind: 'teacher', id: busy.id } })]);
    expect(byCode('teacher_overload')[0].message).toBe('教师 忙碌老师 每周需上 14 节，但除去不可排时间和禁排时间后只有 12 节可排');
    expect(byCode('admin_class_overload')).toEqual([expect.objectContaining({ target: { kind: 'admin_class', id: full.id } })]);
    expect(byCode('admin_class_overload')[0].message).toBe('行政班 超满班 在第 1 周需上 22 节，但每周只有 20 节可排');
    expect(byCode('link_mismatch')).toEqual([expect.objectContaining({ target: { kind: 'link', id: link.id } })]);
    expect(
      report.findings.some((f: { code: string; message: string }) => f.message.includes('从容老师') || f.message.includes('单双周班')),
    ).toBe(false);

    const en = (await office.get('/api/timetable/readiness', { query: { termId: t }, lang: 'en' })).json();
    expect(en.findings.find((f: { code: string }) => f.code === 'teacher_overload').message).toBe(
      'Teacher 忙碌老师 must teach 14 periods a week but only 12 remain after never-slots and blocked slots',
    );
  });

  it('a term whose classes fit is ready; teachers may not read the report', async () => {
    const term = await buildTerm(ctx.db, { daysPerWeek: 5, periodsPerDay: 8, weeks: 16 });
    await buildClass(term.id, { teacherIds: [ids.csTeacher], sessions: [2, 2] });
    const report = (await office.get('/api/timetable/readiness', { query: { termId: term.id } })).json();
    expect(report).toMatchObject({ ready: true, findings: [], counts: { teachingClasses: 1, lectures: 2, periods: 4 } });
    expect((await teacher.get('/api/timetable/readiness', { query: { termId: term.id } })).statusCode).toBe(403);
  });

  it('a room type asked for more periods a week than all its rooms offer', async () => {
    const term = await buildTerm(ctx.db, { daysPerWeek: 5, periodsPerDay: 4, weeks: 16 });
    const gyms = (
      await ctx.db
        .select({ id: rooms.id })
        .from(rooms)
        .where(and(eq(rooms.type, 'gym'), eq(rooms.isActive, true)))
    ).length;
    expect(gyms).toBeGreaterThan(0);
    const dept = await buildDepartment(ctx.db);
    // Each class fills a teacher's whole 20-period week; one class more than there are gyms.
    for (let i = 0; i <= gyms; i++) {
      const tch = await buildTeacher(ctx.db, { departmentId: dept.id });
      await buildClass(term.id, { teacherIds: [tch.id], roomType: 'gym', capacity: 20, sessions: [4, 4, 4, 4, 4] });
    }
    const report = (await office.get('/api/timetable/readiness', { query: { termId: term.id } })).json();
    const found = report.findings.find((f: { code: string }) => f.code === 'room_type_demand');
    expect(found).toMatchObject({ severity: 'blocker', target: { kind: 'room_type', type: 'gym' } });
    expect(found.message).toMatch(new RegExp(`“体育馆”教室每周需要 ${(gyms + 1) * 20} 节次，但所有此类教室每周只有 \\d+ 节次可用`));
  });
});
