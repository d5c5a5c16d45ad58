import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { findStudentsSelectionFacts } from '../org/org.read-model.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { lecturesConflict, type RuleLecture } from './core/rules.ts';
import * as repo from './selection.repository.ts';
import { buildSelectionFixture, enrolledRows, seatOf, type SelectionFixture } from './test/selection-fixture.ts';

/**
 * The office's class tools as the office uses them (issue 13, "Office tools"): capacity up and
 * down (a raise serves the waitlist), reserved seats 预留名额, cancelling a class 停开 with
 * alternatives, merging two classes 合班, one student's selection — and who may not.
 */

let ctx: TestContext;
let fx: SelectionFixture;
let office: TestClient;
const students: TestClient[] = [];
let facts: Awaited<ReturnType<typeof findStudentsSelectionFacts>>;
/** Courses with at least two classes in the round (lectures in the timetable), their class ids. */
let pairs: number[][];

const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
const usernameOf = async (id: number) =>
  (await rows<{ username: string }>(sql`select username from users where student_id = ${id}`))[0].username;
const inFuture = (days: number) => new Date(ctx.clock().getTime() + days * 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const enrolAs = (i: number, teachingClassId: number) =>
  students[i].post('/api/selection/enrolments', { roundId: fx.roundId, teachingClassId });
const inbox = async (i: number) =>
  (await students[i].get('/api/notifications')).json().items as { kind: string; title: string; body: string }[];
const url = (id: number, rest: string) => `/api/selection/office/classes/${id}/${rest}`;

/** A new class of the same course as `id`, open in the round with seats (a copy without lectures). */
async function extraClassLike(id: number): Promise<number> {
  const [row] = await ctx.db.select().from(teachingClasses).where(eq(teachingClasses.id, id));
  const { id: _id, ...copy } = row;
  const [made] = await ctx.db
    .insert(teachingClasses)
    .values({ ...copy, code: `${row.code}-M` })
    .returning({ id: teachingClasses.id });
  await repo.addRoundClasses(ctx.db, fx.roundId, [made.id]);
  await ctx.db.transaction((tx) => repo.syncTermSeats(tx, fx.termId, [{ id: made.id, capacity: 10 }], ctx.clock()));
  return made.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await buildSelectionFixture(ctx.db, ctx.clock());
  office = await ctx.as('office');
  for (const id of fx.studentIds.slice(0, 8)) students.push(await ctx.as(await usernameOf(id)));
  facts = await findStudentsSelectionFacts(ctx.db, fx.studentIds.slice(0, 8));
  const all = await ctx.db.select({ id: teachingClasses.id, courseId: teachingClasses.courseId }).from(teachingClasses);
  // Entry-level classes only (the fixture's): a course with prerequisites would refuse the students for that alone.
  const usable = new Set(fx.classIds.concat(fx.sameCourse ?? []));
  const lectures = await repo.findClassLectures(ctx.db, fx.termId, [...usable]);
  const byCourse = new Map<number, number[]>();
  for (const c of all.filter((x) => (lectures.get(x.id) ?? []).length || usable.has(x.id)))
    byCourse.set(c.courseId, [...(byCourse.get(c.courseId) ?? []), c.id]);
  const taken = new Set(fx.classIds.slice(3, 6));
  pairs = [...byCourse.values()].filter((ids) => ids.length >= 2 && ids.every((id) => (lectures.get(id) ?? []).length && !taken.has(id)));
}, 120_000);
afterAll(() => ctx.close());

describe('capacity', () => {
  it('refuses lowering below the enrolled, naming the class; a raise enrols the first waiting student and tells them', async () => {
    const cls = fx.classIds[3];
    expect((await enrolAs(0, cls)).statusCode).toBe(201);
    expect((await office.patch(url(cls, 'capacity'), { capacity: 1 })).statusCode).toBe(200);
    expect((await enrolAs(1, cls)).json().error.code).toBe('class_full');
    expect((await students[1].post('/api/selection/waitlist', { roundId: fx.roundId, teachingClassId: cls })).statusCode).toBe(201);

    const low = await office.patch(url(cls, 'capacity'), { capacity: 0 });
    expect(low.statusCode).toBe(409);
    expect(low.json().error.code).toBe('capacity_below_enrolled');
    const [code] = (await ctx.db.select({ code: teachingClasses.code }).from(teachingClasses).where(eq(teachingClasses.id, cls))).map(
      (r) => r.code,
    );
    expect(low.json().error.message).toContain(code);
    expect(low.json().error.message).toMatch(/容量不能低于已选人数/);

    const up = await office.patch(url(cls, 'capacity'), { capacity: 3 });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ capacity: 3, enrolled: 2, promoted: 1 });
    expect(await enrolledRows(ctx.db, cls)).toHaveLength(2);
    expect((await inbox(1)).find((n) => n.kind === 'selection_promoted')?.title).toMatch(/候补成功/);
    const [audit] = await rows<{ before: unknown; after: unknown }>(
      sql`select before, after from audit_log where action = 'teaching_classes.selection_capacity' order by id desc limit 1`,
    );
    expect(audit.before).toMatchObject({ capacity: 1 });
    expect(audit.after).toMatchObject({ capacity: 3 });
  });
});

describe('reserved seats 预留名额', () => {
  it('are listed with the major named, fit the capacity in total, cannot go below taken, and are deleted', async () => {
    const cls = fx.classIds[4];
    await office.patch(url(cls, 'capacity'), { capacity: 5 });
    const major = facts[2].majorId;
    const sameMajor = facts.filter((f) => f.majorId === major).map((f) => facts.indexOf(f));
    expect(sameMajor.length).toBeGreaterThanOrEqual(2);
    const body = { seats: 3, forKind: 'major', forValue: major, until: inFuture(3) };
    const made = await office.post(url(cls, 'reserved-seats'), body);
    expect(made.statusCode).toBe(201);
    const [majorName] = await rows<{ name: string }>(sql`select name from majors where id = ${major}`);
    expect(made.json()).toMatchObject({ seats: 3, taken: 0, forKind: 'major', forName: majorName.name });

    const over = await office.post(url(cls, 'reserved-seats'), { ...body, seats: 3, forKind: 'cohort', forValue: 2023 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('reserved_over_capacity');
    expect(over.json().error.message).toMatch(/超过容量 5/);
    const unknown = await office.post(url(cls, 'reserved-seats'), { ...body, seats: 1, forKind: 'college', forValue: 99_999 });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.details)).toContain('forValue');

    for (const i of sameMajor.slice(0, 2)) expect((await enrolAs(i, cls)).statusCode).toBe(201);
    const list = (await office.get(url(cls, 'reserved-seats'))).json();
    expect(list.items).toEqual([expect.objectContaining({ taken: Math.min(2, sameMajor.length), forName: majorName.name })]);
    const id = made.json().id;
    const below = await office.patch(`/api/selection/office/reserved-seats/${id}`, { ...body, seats: 1 });
    expect(below.statusCode).toBe(409);
    expect(below.json().error.code).toBe('reserved_below_taken');
    expect((await office.patch(`/api/selection/office/reserved-seats/${id}`, { ...body, seats: 4 })).json().seats).toBe(4);
    expect((await office.delete(`/api/selection/office/reserved-seats/${id}`)).statusCode).toBe(200);
    expect((await office.get(url(cls, 'reserved-seats'))).json().items).toEqual([]);
  });
});

describe('停开 and 合班', () => {
  it('cancels a class: a confirmation count first, then every student dropped, told with the alternatives, the class gone from the round', async () => {
    const [gone, alternative] = pairs[0];
    await office.patch(url(gone, 'capacity'), { capacity: 10 });
    await office.patch(url(alternative, 'capacity'), { capacity: 10 });
    expect((await enrolAs(5, gone)).statusCode).toBe(201);
    expect((await enrolAs(6, gone)).statusCode).toBe(201);
    const preview = await office.get(url(gone, 'cancel'), { query: { roundId: fx.roundId } });
    expect(preview.json()).toMatchObject({ enrolled: 2, waiting: 0 });

    const res = await office.post(url(gone, 'cancel'), { roundId: fx.roundId, reason: '选课人数不足' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dropped: 2, notified: 2 });
    expect(await enrolledRows(ctx.db, gone)).toHaveLength(0);
    expect(await seatOf(ctx.db, gone)).toMatchObject({ enrolled: 0, capacity: 0 });
    const note = (await inbox(5)).find((n) => n.kind === 'selection_class_cancelled');
    const [altCode] = (
      await ctx.db.select({ code: teachingClasses.code }).from(teachingClasses).where(eq(teachingClasses.id, alternative))
    ).map((r) => r.code);
    expect(note?.body).toContain('选课人数不足');
    expect(note?.body).toContain(altCode);
    // The class is no longer offered; the alternative can be taken at once (a cancel is not a drop of the course).
    expect((await enrolAs(5, gone)).json().error.code).toBe('class_not_in_round');
    expect((await enrolAs(5, alternative)).statusCode).toBe(201);
    const me = (await students[6].get('/api/selection/me', { query: { termId: fx.termId } })).json();
    expect(me.items.find((i: { teachingClassId: number }) => i.teachingClassId === gone)).toBeUndefined();
  });

  it('merges B into A: refused over capacity and for a time conflict (students named), then with override and a raise', async () => {
    // The usable pair went to the cancel: B is a new class of A's course (a copy without lectures).
    const into = pairs[0][1];
    const from = await extraClassLike(into);
    const lectures = await repo.findClassLectures(ctx.db, fx.termId, fx.classIds);
    const lecturesOf = async (id: number) => (await repo.findClassLectures(ctx.db, fx.termId, [id])).get(id)! as RuleLecture[];
    const [la, lb] = [await lecturesOf(into), await lecturesOf(from)];
    // A class of another course clashing with A but not with B: its student would clash after the move.
    const clash = fx.classIds.find((id) => {
      const l = (lectures.get(id) ?? []) as RuleLecture[];
      return id !== into && id !== from && l.length && lecturesConflict(l, la) && !lecturesConflict(l, lb);
    });
    expect(clash, 'the demo timetable has a class clashing with A').toBeDefined();
    await office.patch(url(into, 'capacity'), { capacity: 1 });
    await office.patch(url(from, 'capacity'), { capacity: 10 });
    expect((await enrolAs(3, from)).statusCode).toBe(201);
    expect((await enrolAs(4, from)).statusCode).toBe(201);
    await office.patch(url(clash!, 'capacity'), { capacity: 10 });
    expect((await enrolAs(4, clash!)).statusCode).toBe(201);
    const body = { roundId: fx.roundId, intoClassId: into, fromClassId: from, reason: '两班合并授课' };

    const over = await office.post('/api/selection/office/classes/merge', body);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('merge_over_capacity');
    // A already holds the student who took it as the cancel's alternative.
    expect(over.json().error.message).toMatch(/需容纳 3 人，超过其容量 1/);

    const conflict = await office.post('/api/selection/office/classes/merge', { ...body, capacity: 5 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('merge_time_conflict');
    expect(conflict.json().error.message).toContain(facts[4].name);
    expect(conflict.json().error.details.studentIds).toEqual([facts[4].id]);
    // Nothing half-done: B still holds both, A's capacity unchanged.
    expect(await enrolledRows(ctx.db, from)).toHaveLength(2);
    expect((await seatOf(ctx.db, into)).capacity).toBe(1);

    const ok = await office.post('/api/selection/office/classes/merge', { ...body, capacity: 5, override: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ moved: 2, capacity: 5, conflicts: 1 });
    expect((await enrolledRows(ctx.db, into)).map((e) => e.studentId).sort()).toEqual([facts[3].id, facts[4].id, facts[5].id].sort());
    expect(await seatOf(ctx.db, into)).toMatchObject({ enrolled: 3, capacity: 5 });
    expect(await seatOf(ctx.db, from)).toMatchObject({ enrolled: 0, capacity: 0 });
    expect((await inbox(3)).find((n) => n.kind === 'selection_class_merged')?.body).toContain('两班合并授课');
    const inv = await repo.findSeatInvariantViolations(ctx.db, fx.termId);
    expect(inv).toEqual({ oversold: [], counterMismatch: [], duplicateCourses: [], totalsMismatch: [] });
  });
});

describe("one student's selection, and who may not", () => {
  it('shows the office the enrolments with source and round, and the waitlist', async () => {
    const res = await office.get(`/api/selection/office/students/${facts[1].id}/selection`, { query: { termId: fx.termId } });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ studentNo: facts[1].code, studentName: facts[1].name });
    // Student 1 got their seat from the waitlist in the capacity test.
    expect(view.items).toContainEqual(
      expect.objectContaining({ teachingClassId: fx.classIds[3], status: 'enrolled', source: 'waitlist', roundName: '2026 秋季正选' }),
    );
  });

  it('lets a college secretary see only their college, and keeps students out', async () => {
    const secretary = await ctx.as('secretary');
    const me = (await secretary.get('/api/me')).json();
    const collegeIds = (me.user.roles as { collegeId: number | null }[]).map((r) => r.collegeId);
    const all = await findStudentsSelectionFacts(ctx.db);
    const inside = all.find((s) => collegeIds.includes(s.collegeId));
    const outside = all.find((s) => !collegeIds.includes(s.collegeId))!;
    const q = { query: { termId: fx.termId } };
    expect((await secretary.get(`/api/selection/office/students/${outside.id}/selection`, q)).statusCode).toBe(403);
    if (inside) expect((await secretary.get(`/api/selection/office/students/${inside.id}/selection`, q)).statusCode).toBe(200);
    expect((await secretary.patch(url(fx.classIds[5], 'capacity'), { capacity: 99 })).statusCode).toBe(403);

    expect((await students[0].patch(url(fx.classIds[5], 'capacity'), { capacity: 99 })).statusCode).toBe(403);
    expect((await students[0].post(url(fx.classIds[5], 'cancel'), { roundId: fx.roundId, reason: 'x' })).statusCode).toBe(403);
    expect((await students[0].get(`/api/selection/office/students/${facts[1].id}/selection`, q)).statusCode).toBe(403);
    expect((await students[0].get(`/api/selection/office/students/${facts[0].id}/selection`, q)).statusCode).toBe(200);
  });
});
