import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { drop, enrol, joinWaitlist, swap } from './enrol.ts';
import * as repo from './selection.repository.ts';
import { buildSelectionFixture, enrolledRows, seatOf, setSeats, type SelectionFixture } from './test/selection-fixture.ts';

// The rush needs real connections: PostgreSQL only, with a pool as big as the crowd.
const onPostgres = !!process.env.DATABASE_URL;

let ctx: TestContext;
let big: Database;
let f: SelectionFixture;
const at = new Date('2026-09-01T08:00:00Z');

beforeAll(async () => {
  if (!onPostgres) return;
  ctx = await createTestContext();
  big = await openDatabase({ url: ctx.database.urls!.app, poolSize: 60 });
  f = await buildSelectionFixture(ctx.db, at);
}, 180_000);
afterAll(async () => {
  await big?.close();
  await ctx?.close();
});

function codeOf(r: PromiseSettledResult<unknown>): string {
  if (r.status === 'fulfilled') return 'ok';
  return r.reason instanceof AppError ? r.reason.code : `error: ${String(r.reason)}`;
}

function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[codeOf(r)] = (out[codeOf(r)] ?? 0) + 1;
  return out;
}

describe('the rush', () => {
  it.runIf(onPostgres)(
    '200 students at once for the last 10 seats: exactly 10 enrolled, 190 class_full, counter = rows',
    async () => {
      const cls = f.classIds[0];
      await setSeats(ctx.db, cls, 10);
      const students = f.studentIds.slice(0, 200);
      const results = await Promise.allSettled(
        students.map((studentId) => big.db.transaction((tx) => enrol(tx, { studentId, roundId: f.roundId, teachingClassId: cls, at }))),
      );
      expect(tally(results)).toEqual({ ok: 10, class_full: 190 });
      expect(await enrolledRows(ctx.db, cls)).toHaveLength(10);
      expect((await seatOf(ctx.db, cls)).enrolled).toBe(10);
    },
    120_000,
  );

  it.runIf(onPostgres)(
    'one student firing 20 requests at once for 20 overlapping classes gets exactly one',
    async () => {
      const classes = f.overlapping.slice(0, 20);
      expect(classes.length).toBeGreaterThanOrEqual(2);
      for (const c of classes) await setSeats(ctx.db, c, 500);
      const student = f.studentIds[300];
      const results = await Promise.allSettled(
        classes.map((teachingClassId) =>
          big.db.transaction((tx) => enrol(tx, { studentId: student, roundId: f.roundId, teachingClassId, at })),
        ),
      );
      expect(tally(results)).toEqual({ ok: 1, time_conflict: classes.length - 1 });
      const mine = await repo.findStudentEnrolments(ctx.db, student, f.termId);
      expect(mine).toHaveLength(1);
    },
    120_000,
  );

  it.runIf(onPostgres)(
    'concurrent drops, swaps and waitlist promotions keep every invariant',
    async () => {
      // Three small classes, all full; students waiting on each; everybody drops or swaps at once.
      const [a, b, c] = f.classIds.slice(20, 23);
      for (const cls of [a, b, c]) await setSeats(ctx.db, cls, 5);
      const holders = f.studentIds.slice(400, 415);
      const held: { studentId: number; enrolmentId: number }[] = [];
      for (const [i, studentId] of holders.entries()) {
        const { enrolment } = await ctx.db.transaction((tx) =>
          enrol(tx, { studentId, roundId: f.roundId, teachingClassId: [a, b, c][i % 3], at }),
        );
        held.push({ studentId, enrolmentId: enrolment.id });
      }
      const waiting = f.studentIds.slice(500, 530);
      for (const [i, studentId] of waiting.entries()) {
        await ctx.db.transaction((tx) =>
          joinWaitlist(tx, {
            studentId,
            roundId: f.roundId,
            teachingClassId: [a, b, c][i % 3],
            at,
            priorityGroup: 1 + (i % 3),
          }),
        );
      }
      const ops = held.map(({ studentId, enrolmentId }, i) =>
        big.db.transaction((tx) =>
          i % 2 === 0
            ? drop(tx, { studentId, enrolmentId, roundId: f.roundId, at })
            : swap(tx, {
                studentId,
                roundId: f.roundId,
                dropEnrolmentId: enrolmentId,
                teachingClassId: [b, c, a][i % 3],
                at,
              }),
        ),
      );
      const results = await Promise.allSettled(ops);
      for (const r of results) expect(['ok', 'class_full', 'time_conflict', 'course_already_taken']).toContain(codeOf(r));
      for (const cls of [a, b, c]) {
        const seat = await seatOf(ctx.db, cls);
        expect(seat.enrolled).toBeLessThanOrEqual(seat.capacity);
        expect((await enrolledRows(ctx.db, cls)).length).toBe(seat.enrolled);
      }
      // Every holder who swapped still holds exactly one class of the three (never neither).
      for (const [i, { studentId }] of held.entries()) {
        const mine = (await repo.findStudentEnrolments(ctx.db, studentId, f.termId)).filter((e) => [a, b, c].includes(e.teachingClassId));
        if (i % 2 === 1) expect(mine).toHaveLength(1);
      }
      const report = await repo.findSeatInvariantViolations(ctx.db, f.termId);
      expect(report).toEqual({ oversold: [], counterMismatch: [], duplicateCourses: [], totalsMismatch: [] });
    },
    120_000,
  );
});
