import { inArray } from 'drizzle-orm';
import Fastify from 'fastify';
import type { Locale } from '@jiaowu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { registerErrorHandler } from '../../platform/http/error-handler.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { drop, enrol, joinWaitlist, swap } from './enrol.ts';
import * as repo from './selection.repository.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { passedCourses, selectionHolds } from './selection.tables.ts';
import { readClasses } from './snapshot.ts';
import { buildSelectionFixture, enrolledRows, noCheck, seatOf, setSeats, type SelectionFixture } from './test/selection-fixture.ts';

let ctx: TestContext;
let f: SelectionFixture;
const at = new Date('2026-09-01T08:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  f = await buildSelectionFixture(ctx.db, at);
}, 120_000);
afterAll(() => ctx?.close());

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The refusal code of a failing call (the test fails if it succeeds). */
async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).code;
}

/** The error of a failing call (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const enrolAs = (
  studentId: number,
  teachingClassId: number,
  extra: { idempotencyKey?: string; check?: typeof noCheck; locale?: Locale; when?: Date } = {},
) =>
  ctx.db.transaction((tx) =>
    enrol(tx, {
      studentId,
      roundId: f.roundId,
      teachingClassId,
      at: extra.when ?? at,
      check: extra.check,
      idempotencyKey: extra.idempotencyKey,
      locale: extra.locale,
    }),
  );

/** "数据结构（CS201-01）" / "Data Structures (CS201-01)", as the refusal words name a class. */
async function classWords(teachingClassId: number) {
  const { classes } = await ctx.db.transaction((tx) => readClasses(tx, f.termId, [teachingClassId]));
  const c = classes.get(teachingClassId)!;
  return { zh: `${c.course.name}（${c.classCode}）`, en: `${c.course.nameEn || c.course.name} (${c.classCode})` };
}

/** The JSON body the API sends for an error, in the given language (the real error handler). */
async function asSent(err: AppError, locale: Locale) {
  const app = Fastify();
  registerErrorHandler(app);
  app.get('/x', () => {
    throw err;
  });
  const res = await app.inject({ method: 'GET', url: '/x', headers: { 'accept-language': locale } });
  await app.close();
  return { status: res.statusCode, body: res.json<{ error: { code: string; message: string; details: { reasons?: unknown } } }>() };
}

describe('enrol', () => {
  it('takes a seat: one enrolment row, the counter and the student total follow', async () => {
    const [cls] = f.classIds;
    await setSeats(ctx.db, cls, 3);
    const { enrolment, replayed } = await enrolAs(f.studentIds[0], cls);
    expect(replayed).toBe(false);
    expect(enrolment).toMatchObject({ teachingClassId: cls, status: 'enrolled', source: 'self' });
    expect((await seatOf(ctx.db, cls)).enrolled).toBe(1);
    expect(await enrolledRows(ctx.db, cls)).toHaveLength(1);
  });

  it('refuses a full class with class_full, naming the class and its capacity in Chinese and English; nothing is written', async () => {
    const cls = f.classIds[1];
    await setSeats(ctx.db, cls, 1);
    await enrolAs(f.studentIds[1], cls);
    const words = await classWords(cls);
    const zh = await failure(enrolAs(f.studentIds[2], cls));
    expect(zh.code).toBe('class_full');
    expect(zh.params.reason).toBe(`${words.zh}已满（容量 1 人）`);
    expect(zh.details).toEqual({ reasons: [{ code: 'class_full', message: `${words.zh}已满（容量 1 人）` }] });
    const en = await failure(enrolAs(f.studentIds[2], cls, { locale: 'en' }));
    expect(en.params.reason).toBe(`${words.en} is full (1 seats)`);
    expect((await seatOf(ctx.db, cls)).enrolled).toBe(1);
    expect(await enrolledRows(ctx.db, cls)).toHaveLength(1);
    // What the student reads is that sentence, never the code or an unfilled placeholder.
    const sent = await asSent(zh, 'zh-CN');
    expect(sent.status).toBe(409);
    expect(sent.body.error).toMatchObject({ code: 'class_full', message: `${words.zh}已满（容量 1 人）` });
    expect(sent.body.error.message).not.toMatch(/class_full|\{reason\}/);
    expect((await asSent(en, 'en')).body.error.message).toBe(`${words.en} is full (1 seats)`);
  });

  it('lists every rule broken, not only the first: a student with a hold asking for a full class', async () => {
    const cls = f.classIds[3];
    await setSeats(ctx.db, cls, 0);
    const student = f.studentIds[6];
    await ctx.db.insert(selectionHolds).values({ studentId: student, reason: '学费未缴清', source: 'api' });
    const err = await failure(enrolAs(student, cls));
    expect(err.code).toBe('class_full');
    const reasons = (err.details as { reasons: { code: string; message: string }[] }).reasons;
    expect(reasons.map((r) => r.code)).toEqual(['class_full', 'hold']);
    expect(reasons[1].message).toBe('你有选课限制：学费未缴清');
  });

  it('refuses a class whose prerequisites are not passed, naming them; recorded passes let the student in', async () => {
    if (!f.withPrerequisites) return;
    const cls = f.withPrerequisites;
    await setSeats(ctx.db, cls, 5);
    const student = f.studentIds[8];
    const err = await failure(enrolAs(student, cls));
    expect(err.code).toBe('prerequisite_missing');
    const words = await classWords(cls);
    const { classes } = await ctx.db.transaction((tx) => readClasses(tx, f.termId, [cls]));
    const codes = JSON.stringify(classes.get(cls)!.course.prerequisites)
      .match(/"course":"[^"]+"/g)!
      .map((m) => m.slice(10, -1));
    const prerequisites = await ctx.db.select().from(courses).where(inArray(courses.code, codes));
    // Each prerequisite is named by its course name and code.
    expect(err.params.reason).toMatch(new RegExp(`^选修 ${literal(words.zh)}需先通过：`));
    for (const c of prerequisites) expect(String(err.params.reason)).toContain(`${c.name}（${c.code}）`);
    await ctx.db.insert(passedCourses).values(prerequisites.map((c) => ({ studentId: student, courseId: c.id, source: 'demo' })));
    expect((await enrolAs(student, cls)).enrolment.teachingClassId).toBe(cls);
  });

  it("a closed window is named with its closing time in the school's time zone", async () => {
    const late = new Date(at.getTime() + 2 * 86400_000);
    const zh = await failure(enrolAs(f.studentIds[7], f.classIds[4], { when: late }));
    expect(zh.code).toBe('window_closed');
    // The fixture's round closes at 2026-09-02T08:00Z: 16:00 in Beijing.
    expect(zh.params.reason).toBe('本轮选课已于 2026-09-02 16:00 结束');
    const en = await failure(enrolAs(f.studentIds[7], f.classIds[4], { when: late, locale: 'en' }));
    expect(en.params.reason).toBe('This round closed at 2026-09-02 16:00');
  });

  it('a retry with the same idempotency key returns the same enrolment and enrols once', async () => {
    const cls = f.classIds[2];
    await setSeats(ctx.db, cls, 5);
    const first = await enrolAs(f.studentIds[3], cls, { idempotencyKey: 'k-1' });
    const again = await enrolAs(f.studentIds[3], cls, { idempotencyKey: 'k-1' });
    expect(again.replayed).toBe(true);
    expect(again.enrolment.id).toBe(first.enrolment.id);
    expect((await seatOf(ctx.db, cls)).enrolled).toBe(1);
  });

  it('the database refuses a second class of the same course even when the check lets it through, and the seat is not lost', async () => {
    if (!f.sameCourse) return;
    const [a, b] = f.sameCourse;
    await setSeats(ctx.db, a, 50);
    await setSeats(ctx.db, b, 50);
    await enrolAs(f.studentIds[4], a, { check: noCheck });
    const before = (await seatOf(ctx.db, b)).enrolled;
    const err = await failure(enrolAs(f.studentIds[4], b, { check: noCheck }));
    expect(err.code).toBe('course_already_taken');
    expect(err.params.reason).toBe(`本学期已选 ${(await classWords(a)).zh}，同一课程只能选一个教学班`);
    expect((await seatOf(ctx.db, b)).enrolled).toBe(before);
  });

  it('refuses a class whose lectures overlap one the student holds, naming that class, the day and the weeks', async () => {
    const [x, y] = f.overlapping;
    await setSeats(ctx.db, x, 5);
    await setSeats(ctx.db, y, 5);
    await enrolAs(f.studentIds[5], x);
    const held = await classWords(x);
    const zh = await failure(enrolAs(f.studentIds[5], y));
    expect(zh.code).toBe('time_conflict');
    expect(zh.params.reason).toMatch(new RegExp(`^与已选的 ${literal(held.zh)}在 .*周.* 周[一二三四五六日] 第\\d+(-\\d+)?节 时间冲突$`));
    const en = await failure(enrolAs(f.studentIds[5], y, { locale: 'en' }));
    expect(en.params.reason).toMatch(new RegExp(`^Clashes with ${literal(held.en)} on \\w+ .*[Pp]eriod.*, .*[Ww]eek`));
    expect((await seatOf(ctx.db, y)).enrolled).toBe(0);
  });
});

describe('drop, waitlist and swap', () => {
  it('a drop releases the seat and promotes the first waiting student by priority group, then time', async () => {
    const cls = f.classIds[6];
    await setSeats(ctx.db, cls, 1);
    const holder = f.studentIds[10];
    const { enrolment } = await enrolAs(holder, cls);
    const late = f.studentIds[11];
    const urgent = f.studentIds[12];
    const join = (studentId: number, priorityGroup: number, when: Date) =>
      ctx.db.transaction((tx) => joinWaitlist(tx, { studentId, roundId: f.roundId, teachingClassId: cls, at: when, priorityGroup }));
    await join(late, 3, new Date(at.getTime() + 1000));
    await join(urgent, 1, new Date(at.getTime() + 2000));
    expect(await refusal(join(late, 3, at))).toBe('already_waitlisted');
    const result = await ctx.db.transaction((tx) => drop(tx, { studentId: holder, enrolmentId: enrolment.id, roundId: f.roundId, at }));
    expect(result.enrolment.status).toBe('dropped');
    expect(result.promoted.map((p) => p.studentId)).toEqual([urgent]);
    const rows = await enrolledRows(ctx.db, cls);
    expect(rows.map((r) => [r.studentId, r.source])).toEqual([[urgent, 'waitlist']]);
    expect((await seatOf(ctx.db, cls)).enrolled).toBe(1);
  });

  it('a conditional waitlist entry gives up its other class atomically on promotion, and that seat goes to its own list', async () => {
    const [b, a] = [f.classIds[7], f.classIds[8]];
    await setSeats(ctx.db, b, 1);
    await setSeats(ctx.db, a, 1);
    const inB = await enrolAs(f.studentIds[20], b);
    const mover = f.studentIds[21];
    const inA = await enrolAs(mover, a);
    await ctx.db.transaction((tx) =>
      joinWaitlist(tx, {
        studentId: mover,
        roundId: f.roundId,
        teachingClassId: b,
        at,
        priorityGroup: 3,
        dropEnrolmentId: inA.enrolment.id,
      }),
    );
    const waitingForA = f.studentIds[22];
    await ctx.db.transaction((tx) =>
      joinWaitlist(tx, { studentId: waitingForA, roundId: f.roundId, teachingClassId: a, at, priorityGroup: 3 }),
    );
    const result = await ctx.db.transaction((tx) =>
      drop(tx, { studentId: f.studentIds[20], enrolmentId: inB.enrolment.id, roundId: f.roundId, at }),
    );
    expect(result.promoted.map((p) => p.studentId).sort()).toEqual([mover, waitingForA].sort());
    expect((await enrolledRows(ctx.db, b)).map((r) => r.studentId)).toEqual([mover]);
    expect((await enrolledRows(ctx.db, a)).map((r) => r.studentId)).toEqual([waitingForA]);
    expect((await repo.findEnrolment(ctx.db, inA.enrolment.id))?.dropReason).toBe('waitlist_swap');
  });

  it('a swap into a full class keeps the old class; a swap into a free one moves the student', async () => {
    const [a, full, free] = [f.classIds[9], f.classIds[10], f.classIds[11]];
    await setSeats(ctx.db, a, 2);
    await setSeats(ctx.db, full, 1);
    await setSeats(ctx.db, free, 2);
    await enrolAs(f.studentIds[30], full);
    const student = f.studentIds[31];
    const mine = await enrolAs(student, a);
    const doSwap = (teachingClassId: number) =>
      ctx.db.transaction((tx) =>
        swap(tx, { studentId: student, roundId: f.roundId, dropEnrolmentId: mine.enrolment.id, teachingClassId, at }),
      );
    expect(await refusal(doSwap(full))).toBe('class_full');
    expect((await enrolledRows(ctx.db, a)).map((r) => r.studentId)).toEqual([student]);
    expect((await seatOf(ctx.db, a)).enrolled).toBe(1);
    const moved = await doSwap(free);
    expect(moved.dropped.id).toBe(mine.enrolment.id);
    expect(moved.enrolment.teachingClassId).toBe(free);
    expect(await enrolledRows(ctx.db, a)).toHaveLength(0);
    expect((await seatOf(ctx.db, a)).enrolled).toBe(0);
  });

  it('a student cannot drop a class pre-enrolled as fixed; the office can', async () => {
    const cls = f.classIds[12];
    await setSeats(ctx.db, cls, 2);
    const { enrolment } = await enrolAs(f.studentIds[40], cls);
    await ctx.db.execute(`update enrolments set is_fixed = true where id = ${enrolment.id}`);
    const byStudent = ctx.db.transaction((tx) =>
      drop(tx, { studentId: f.studentIds[40], enrolmentId: enrolment.id, roundId: f.roundId, at }),
    );
    const refused = await failure(byStudent);
    expect(refused.code).toBe('drops_closed');
    const words = await classWords(cls);
    expect(refused.params.reason).toBe(`${words.zh}是按行政班预置的必修课，不能自行退选，请联系教务处`);
    const inEnglish = await failure(
      ctx.db.transaction((tx) =>
        drop(tx, { studentId: f.studentIds[40], enrolmentId: enrolment.id, roundId: f.roundId, at, locale: 'en' }),
      ),
    );
    expect(inEnglish.params.reason).toBe(
      `${words.en} is a required course pre-enrolled for your class; only the academic affairs office can drop it`,
    );
    const byOffice = await ctx.db.transaction((tx) =>
      drop(tx, { studentId: f.studentIds[40], enrolmentId: enrolment.id, roundId: f.roundId, at, byOffice: true }),
    );
    expect(byOffice.enrolment.dropReason).toBe('office');
  });

  it('after all of the above, every counter equals its rows and nobody holds a course twice', async () => {
    const report = await repo.findSeatInvariantViolations(ctx.db, f.termId);
    expect(report).toEqual({ oversold: [], counterMismatch: [], duplicateCourses: [], totalsMismatch: [] });
  });
});
