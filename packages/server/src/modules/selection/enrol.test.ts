import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { drop, enrol, joinWaitlist, swap } from './enrol.ts';
import * as repo from './selection.repository.ts';
import {
  buildSelectionFixture,
  conflictCheck,
  enrolledRows,
  noCheck,
  seatOf,
  setSeats,
  type SelectionFixture,
} from './test/selection-fixture.ts';

let ctx: TestContext;
let f: SelectionFixture;
const at = new Date('2026-09-01T08:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  f = await buildSelectionFixture(ctx.db, at);
}, 120_000);
afterAll(() => ctx?.close());

/** The refusal code of a failing call (the test fails if it succeeds). */
async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).code;
}

const enrolAs = (studentId: number, teachingClassId: number, extra: { idempotencyKey?: string; check?: typeof noCheck } = {}) =>
  ctx.db.transaction((tx) =>
    enrol(tx, {
      studentId,
      roundId: f.roundId,
      teachingClassId,
      at,
      check: extra.check ?? conflictCheck,
      idempotencyKey: extra.idempotencyKey,
    }),
  );

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

  it('refuses a full class with class_full and names the class; nothing is written', async () => {
    const cls = f.classIds[1];
    await setSeats(ctx.db, cls, 1);
    await enrolAs(f.studentIds[1], cls);
    const err = await enrolAs(f.studentIds[2], cls).catch((e: unknown) => e as AppError);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('class_full');
    expect((err as AppError).params).toMatchObject({ capacity: 1 });
    expect(String((err as AppError).params.classCode)).not.toBe('');
    expect((await seatOf(ctx.db, cls)).enrolled).toBe(1);
    expect(await enrolledRows(ctx.db, cls)).toHaveLength(1);
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
    expect(await refusal(enrolAs(f.studentIds[4], b, { check: noCheck }))).toBe('course_already_taken');
    expect((await seatOf(ctx.db, b)).enrolled).toBe(before);
  });

  it('refuses a class whose lectures overlap one the student holds (time_conflict from the check)', async () => {
    const [x, y] = f.overlapping;
    await setSeats(ctx.db, x, 5);
    await setSeats(ctx.db, y, 5);
    await enrolAs(f.studentIds[5], x);
    expect(await refusal(enrolAs(f.studentIds[5], y))).toBe('time_conflict');
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
      ctx.db.transaction((tx) =>
        joinWaitlist(tx, { studentId, roundId: f.roundId, teachingClassId: cls, at: when, check: conflictCheck, priorityGroup }),
      );
    await join(late, 3, new Date(at.getTime() + 1000));
    await join(urgent, 1, new Date(at.getTime() + 2000));
    expect(await refusal(join(late, 3, at))).toBe('already_waitlisted');
    const result = await ctx.db.transaction((tx) =>
      drop(tx, { studentId: holder, enrolmentId: enrolment.id, roundId: f.roundId, at, check: conflictCheck }),
    );
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
        check: conflictCheck,
        priorityGroup: 3,
        dropEnrolmentId: inA.enrolment.id,
      }),
    );
    const waitingForA = f.studentIds[22];
    await ctx.db.transaction((tx) =>
      joinWaitlist(tx, { studentId: waitingForA, roundId: f.roundId, teachingClassId: a, at, check: conflictCheck, priorityGroup: 3 }),
    );
    const result = await ctx.db.transaction((tx) =>
      drop(tx, { studentId: f.studentIds[20], enrolmentId: inB.enrolment.id, roundId: f.roundId, at, check: conflictCheck }),
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
        swap(tx, { studentId: student, roundId: f.roundId, dropEnrolmentId: mine.enrolment.id, teachingClassId, at, check: conflictCheck }),
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
      drop(tx, { studentId: f.studentIds[40], enrolmentId: enrolment.id, roundId: f.roundId, at, check: conflictCheck }),
    );
    expect(await refusal(byStudent)).toBe('enrolment_fixed');
    const byOffice = await ctx.db.transaction((tx) =>
      drop(tx, { studentId: f.studentIds[40], enrolmentId: enrolment.id, roundId: f.roundId, at, check: conflictCheck, byOffice: true }),
    );
    expect(byOffice.enrolment.dropReason).toBe('office');
  });

  it('after all of the above, every counter equals its rows and nobody holds a course twice', async () => {
    const report = await repo.findSeatInvariantViolations(ctx.db, f.termId);
    expect(report).toEqual({ oversold: [], counterMismatch: [], duplicateCourses: [], totalsMismatch: [] });
  });
});
