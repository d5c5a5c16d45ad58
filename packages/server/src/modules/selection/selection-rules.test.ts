import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { students } from '../org/org.tables.ts';
import { releaseAtOf } from './core/release-delay.ts';
import { drop, enrol, joinWaitlist } from './enrol.ts';
import { releaseDueSeats } from './seat-release.ts';
import { findClassReleases } from './seat-release.repository.ts';
import type { RetakeMode } from '@jiaowu/contracts';
import { failedCourses, selectionRounds, selectionWaitlist } from './selection.tables.ts';
import { buildSelectionFixture, enrolledRows, seatOf, setSeats, type SelectionFixture } from './test/selection-fixture.ts';

/**
 * The rules issue 13 adds to selection, through the enrolment transaction on a real database:
 * gender-only PE sections, retakes 重修 of failed courses in each mode, and seats released at a
 * random moment after a drop (against seat trading 倒课).
 */

let ctx: TestContext;
let f: SelectionFixture;
const at = new Date('2026-09-01T08:00:00Z');
let male: number[];
let female: number[];

beforeAll(async () => {
  ctx = await createTestContext();
  f = await buildSelectionFixture(ctx.db, at);
  const rows = await ctx.db.select({ id: students.id, gender: students.gender }).from(students).orderBy(students.id);
  male = rows.filter((r) => r.gender === 'male').map((r) => r.id);
  female = rows.filter((r) => r.gender === 'female').map((r) => r.id);
}, 120_000);
afterAll(() => ctx?.close());

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const reasonsOf = (e: AppError) => (e.details as { reasons: { code: string; message: string }[] }).reasons;

const enrolAs = (studentId: number, teachingClassId: number, extra: { retakeMode?: RetakeMode; when?: Date } = {}) =>
  ctx.db.transaction((tx) =>
    enrol(tx, { studentId, roundId: f.roundId, teachingClassId, at: extra.when ?? at, retakeMode: extra.retakeMode ?? null }),
  );

const dropAs = (studentId: number, enrolmentId: number, when = at) =>
  ctx.db.transaction((tx) => drop(tx, { studentId, enrolmentId, roundId: f.roundId, at: when }));

const setFlags = (id: number, flags: { genderRestriction?: 'male' | 'female' | null; isRetakeClass?: boolean }) =>
  ctx.db.update(teachingClasses).set(flags).where(eq(teachingClasses.id, id));

const courseOf = async (id: number) =>
  (await ctx.db.select({ courseId: teachingClasses.courseId }).from(teachingClasses).where(eq(teachingClasses.id, id)))[0].courseId;

describe('gender-restricted sections (PE)', () => {
  it('refuses a student of the other gender with the rule named, and admits one of the section’s gender', async () => {
    const cls = f.classIds[0];
    await setSeats(ctx.db, cls, 10);
    await setFlags(cls, { genderRestriction: 'male' });
    const err = await failure(enrolAs(female[0], cls));
    expect(err.code).toBe('gender_restricted');
    expect(reasonsOf(err)[0].message).toMatch(/仅限男生/);
    expect(await enrolledRows(ctx.db, cls)).toHaveLength(0);
    const { enrolment } = await enrolAs(male[0], cls);
    expect(enrolment.status).toBe('enrolled');
    await setFlags(cls, { genderRestriction: null });
  });
});

describe('the office sets a class’s selection flags (PATCH /api/teaching-classes/:id/selection-flags)', () => {
  it('saves them with an audit record, shows them on the class, and keeps students out', async () => {
    const cls = f.classIds[9];
    const office = await ctx.as('office');
    const res = await office.patch(`/api/teaching-classes/${cls}/selection-flags`, { genderRestriction: 'female', isRetakeClass: true });
    expect(res.statusCode, res.body).toBe(200);
    const shown = (await office.get(`/api/teaching-classes/${cls}`)).json();
    expect(shown).toMatchObject({ genderRestriction: 'female', isRetakeClass: true });
    const bad = await office.patch(`/api/teaching-classes/${cls}/selection-flags`, { genderRestriction: 'other' });
    expect(bad.statusCode).toBe(400);
    const student = await ctx.as('student');
    expect((await student.patch(`/api/teaching-classes/${cls}/selection-flags`, { isRetakeClass: false })).statusCode).toBe(403);
    const audit = await ctx.db.execute(
      sql`select after from audit_log where action = 'teaching_classes.selection_flags' and entity_id = ${String(cls)}`,
    );
    expect((audit as unknown as { rows: unknown[] }).rows).toHaveLength(1);
    await setFlags(cls, { genderRestriction: null, isRetakeClass: false });
  });
});

describe('retakes 重修 of a failed course', () => {
  it('follow 跟班: a failed course in a regular class is enrolled as a retake; without a failure a retake mode is refused', async () => {
    const cls = f.classIds[1];
    await setSeats(ctx.db, cls, 10);
    const student = f.studentIds[20];
    await ctx.db.insert(failedCourses).values({ studentId: student, courseId: await courseOf(cls), source: 'demo' });
    const { enrolment } = await enrolAs(student, cls);
    expect(enrolment).toMatchObject({ isRetake: true, retakeMode: 'follow' });
    const other = f.studentIds[21];
    expect((await failure(enrolAs(other, cls, { retakeMode: 'follow' }))).code).toBe('not_a_retake');
    const plain = await enrolAs(other, cls);
    expect(plain.enrolment).toMatchObject({ isRetake: false, retakeMode: null });
  });

  it('retake_class 重修班: open to a student who failed the course only, enrolled in retake_class mode', async () => {
    if (!f.sameCourse) return;
    const [regular, retakeClass] = f.sameCourse;
    await setSeats(ctx.db, retakeClass, 10);
    await setFlags(retakeClass, { isRetakeClass: true });
    const failer = f.studentIds[22];
    await ctx.db.insert(failedCourses).values({ studentId: failer, courseId: await courseOf(regular), source: 'demo' });
    const outsider = f.studentIds[23];
    const err = await failure(enrolAs(outsider, retakeClass));
    expect(err.code).toBe('not_a_retake');
    // 跟班 asked in a retake class is the wrong mode for it, said so.
    expect((await failure(enrolAs(failer, retakeClass, { retakeMode: 'follow' }))).code).toBe('retake_mode_not_allowed');
    const { enrolment } = await enrolAs(failer, retakeClass);
    expect(enrolment).toMatchObject({ isRetake: true, retakeMode: 'retake_class' });
    await setFlags(retakeClass, { isRetakeClass: false });
  });

  it('self_study 自学 is allowed despite a time conflict; the same class followed 跟班 is refused for the clash', async () => {
    if (f.overlapping.length < 2) return;
    const [held, clashing] = f.overlapping;
    await setSeats(ctx.db, held, 10);
    await setSeats(ctx.db, clashing, 10);
    const student = f.studentIds[24];
    await enrolAs(student, held);
    await ctx.db.insert(failedCourses).values({ studentId: student, courseId: await courseOf(clashing), source: 'demo' });
    const err = await failure(enrolAs(student, clashing, { retakeMode: 'follow' }));
    expect(err.code).toBe('time_conflict');
    const { enrolment } = await enrolAs(student, clashing, { retakeMode: 'self_study' });
    expect(enrolment).toMatchObject({ isRetake: true, retakeMode: 'self_study' });
  });

  it('the student’s class list marks a failed course as a retake and offers the modes that pass', async () => {
    // Through the API the app's clock (now) decides: the round stays open from `at` until after it.
    await ctx.db
      .update(selectionRounds)
      .set({ closesAt: new Date(Math.max(ctx.clock().getTime(), at.getTime()) + 86400_000) })
      .where(eq(selectionRounds.id, f.roundId));
    const client = await ctx.as('student');
    const [u] = await ctx.db.select({ studentId: users.studentId }).from(users).where(eq(users.username, 'student'));
    const cls = f.classIds[10];
    await setSeats(ctx.db, cls, 10);
    await ctx.db.insert(failedCourses).values({ studentId: u.studentId!, courseId: await courseOf(cls), source: 'demo' });
    const list = (await client.get(`/api/selection/rounds/${f.roundId}/classes`, { query: { pageSize: 200 } })).json();
    const item = list.items.find((i: { teachingClassId: number }) => i.teachingClassId === cls);
    expect(item).toMatchObject({ isRetake: true, eligible: true, retakeModes: ['follow', 'self_study'] });
    const other = list.items.find((i: { teachingClassId: number; courseId: number }) => i.courseId !== item.courseId);
    expect(other).toMatchObject({ isRetake: false, retakeModes: [] });
    const took = await client.post('/api/selection/enrolments', { roundId: f.roundId, teachingClassId: cls, retakeMode: 'self_study' });
    expect(took.statusCode, took.body).toBe(201);
    const me = (await client.get('/api/selection/me', { query: { termId: f.termId } })).json();
    expect(me.items.find((e: { teachingClassId: number }) => e.teachingClassId === cls)).toMatchObject({
      isRetake: true,
      retakeMode: 'self_study',
    });
  });

  it('a round that does not offer self-study refuses it, naming the mode', async () => {
    const cls = f.classIds[5];
    await setSeats(ctx.db, cls, 10);
    const student = f.studentIds[25];
    await ctx.db.insert(failedCourses).values({ studentId: student, courseId: await courseOf(cls), source: 'demo' });
    await ctx.db
      .update(selectionRounds)
      .set({ retakeModes: ['follow', 'retake_class'] })
      .where(eq(selectionRounds.id, f.roundId));
    try {
      const err = await failure(enrolAs(student, cls, { retakeMode: 'self_study' }));
      expect(err.code).toBe('retake_mode_not_allowed');
      expect(reasonsOf(err)[0].message).toMatch(/自学/);
    } finally {
      await ctx.db
        .update(selectionRounds)
        .set({ retakeModes: ['follow', 'retake_class', 'self_study'] })
        .where(eq(selectionRounds.id, f.roundId));
    }
  });
});

describe('seat release in a random window (against seat trading 倒课)', () => {
  const WINDOW = 600;
  beforeAll(async () => {
    await ctx.db
      .update(selectionRounds)
      .set({ seatRelease: 'random_window', seatReleaseWindowSeconds: WINDOW })
      .where(eq(selectionRounds.id, f.roundId));
  });
  afterAll(async () => {
    await ctx.db
      .update(selectionRounds)
      .set({ seatRelease: 'immediate', seatReleaseWindowSeconds: null })
      .where(eq(selectionRounds.id, f.roundId));
  });

  it('holds a dropped seat until its recorded moment: the class stays full, then the task releases it once', async () => {
    const cls = f.classIds[6];
    await setSeats(ctx.db, cls, 1);
    const [a, b] = [f.studentIds[30], f.studentIds[31]];
    const { enrolment } = await enrolAs(a, cls);
    const out = await dropAs(a, enrolment.id);
    expect(out.held).not.toBeNull();
    expect(await seatOf(ctx.db, cls)).toMatchObject({ enrolled: 0, held: 1 });
    const [release] = await findClassReleases(ctx.db, cls);
    // Reproducible: the moment follows from the recorded seed and the round's window.
    expect(release.releaseAt).toEqual(releaseAtOf(at, release.seed, WINDOW));
    expect(release.releaseAt.getTime() - at.getTime()).toBeLessThanOrEqual(WINDOW * 1000);
    // The friend waiting to click gets nothing: the seat is not free.
    expect((await failure(enrolAs(b, cls))).code).toBe('class_full');
    if (release.releaseAt.getTime() > at.getTime()) {
      expect(await releaseDueSeats(ctx.db, new Date(release.releaseAt.getTime() - 1))).toBe(0);
      expect((await seatOf(ctx.db, cls)).held).toBe(1);
    }
    // Two runners (two processes) at the moment: exactly one release.
    const counts = await Promise.all([releaseDueSeats(ctx.db, release.releaseAt), releaseDueSeats(ctx.db, release.releaseAt)]);
    expect(counts[0] + counts[1]).toBe(1);
    expect(await seatOf(ctx.db, cls)).toMatchObject({ enrolled: 0, held: 0 });
    expect((await findClassReleases(ctx.db, cls))[0].releasedAt).toEqual(release.releaseAt);
    const after = new Date(release.releaseAt.getTime() + 1000);
    const { enrolment: taken } = await enrolAs(b, cls, { when: after });
    expect(taken.status).toBe('enrolled');
    expect(await releaseDueSeats(ctx.db, new Date(after.getTime() + WINDOW * 1000))).toBe(0);
  });

  it('a student who joins the waitlist while the seat is held is promoted when it is released', async () => {
    const cls = f.classIds[7];
    await setSeats(ctx.db, cls, 1);
    const [a, b] = [f.studentIds[32], f.studentIds[33]];
    const { enrolment } = await enrolAs(a, cls);
    await dropAs(a, enrolment.id);
    // Held counts as taken: the class is full, so the waitlist is open to b.
    const entry = await ctx.db.transaction((tx) =>
      joinWaitlist(tx, { studentId: b, roundId: f.roundId, teachingClassId: cls, at, priorityGroup: 3 }),
    );
    const [release] = await findClassReleases(ctx.db, cls);
    expect(await releaseDueSeats(ctx.db, release.releaseAt)).toBe(1);
    const rows = await enrolledRows(ctx.db, cls);
    expect(rows.map((r) => r.studentId)).toEqual([b]);
    const [w] = await ctx.db.select().from(selectionWaitlist).where(eq(selectionWaitlist.id, entry.id));
    expect(w.status).toBe('promoted');
    expect(await seatOf(ctx.db, cls)).toMatchObject({ enrolled: 1, held: 0 });
  });

  it('with students waiting, a dropped seat goes to the first of them at once, never held', async () => {
    const cls = f.classIds[8];
    await setSeats(ctx.db, cls, 1);
    const [a, b] = [f.studentIds[34], f.studentIds[35]];
    const { enrolment } = await enrolAs(a, cls);
    await ctx.db.transaction((tx) => joinWaitlist(tx, { studentId: b, roundId: f.roundId, teachingClassId: cls, at, priorityGroup: 3 }));
    const out = await dropAs(a, enrolment.id);
    expect(out.held).toBeNull();
    expect(out.promoted.map((p) => p.studentId)).toEqual([b]);
    expect(await findClassReleases(ctx.db, cls)).toHaveLength(0);
  });
});
