import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createClassToolsService } from './class-tools.service.ts';
import { drop, enrol, joinWaitlist } from './enrol.ts';
import * as repo from './selection.repository.ts';
import { buildSelectionFixture, enrolledRows, seatOf, setSeats, type SelectionFixture } from './test/selection-fixture.ts';

// Concurrent transactions need real connections: PostgreSQL only.
const onPostgres = !!process.env.DATABASE_URL;

let ctx: TestContext;
let big: Database;
let f: SelectionFixture;
const at = new Date('2026-09-01T08:00:00Z');

beforeAll(async () => {
  if (!onPostgres) return;
  ctx = await createTestContext();
  big = await openDatabase({ url: ctx.database.urls!.app, poolSize: 40 });
  f = await buildSelectionFixture(ctx.db, at);
}, 180_000);
afterAll(async () => {
  await big?.close();
  await ctx?.close();
});

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : `error: ${String(r.reason)}`;

describe('capacity changes in the rush', () => {
  it.runIf(onPostgres)(
    'raises and a lowering while students drop, enrol and wait: never oversold, the counter always the rows',
    async () => {
      const cls = f.classIds[0];
      await setSeats(ctx.db, cls, 10);
      const holders = f.studentIds.slice(0, 10);
      const held: { studentId: number; enrolmentId: number }[] = [];
      for (const studentId of holders) {
        const { enrolment } = await ctx.db.transaction((tx) => enrol(tx, { studentId, roundId: f.roundId, teachingClassId: cls, at }));
        held.push({ studentId, enrolmentId: enrolment.id });
      }
      for (const studentId of f.studentIds.slice(10, 25))
        await ctx.db.transaction((tx) => joinWaitlist(tx, { studentId, roundId: f.roundId, teachingClassId: cls, at, priorityGroup: 3 }));
      const tools = createClassToolsService({ db: big.db, clock: () => at });
      const ops: Promise<unknown>[] = [
        ...held
          .slice(0, 5)
          .map(({ studentId, enrolmentId }) => big.db.transaction((tx) => drop(tx, { studentId, enrolmentId, roundId: f.roundId, at }))),
        ...f.studentIds
          .slice(25, 55)
          .map((studentId) => big.db.transaction((tx) => enrol(tx, { studentId, roundId: f.roundId, teachingClassId: cls, at }))),
        tools.changeCapacity(systemActor, cls, 14),
        tools.changeCapacity(systemActor, cls, 18),
        // A lowering racing the rest: refused when more are enrolled than it allows, never half-done.
        tools.changeCapacity(systemActor, cls, 12),
      ];
      const results = await Promise.allSettled(ops);
      for (const r of results) expect(['ok', 'class_full', 'capacity_below_enrolled']).toContain(codeOf(r));
      const seat = await seatOf(ctx.db, cls);
      expect(seat.enrolled).toBeLessThanOrEqual(seat.capacity);
      expect(await enrolledRows(ctx.db, cls)).toHaveLength(seat.enrolled);
      // Raised seats were offered to the waitlist first: a student waiting was enrolled.
      const waitingEnrolled = (await enrolledRows(ctx.db, cls)).filter((e) => e.source === 'waitlist');
      expect(waitingEnrolled.length).toBeGreaterThan(0);
      const report = await repo.findSeatInvariantViolations(ctx.db, f.termId);
      expect(report).toEqual({ oversold: [], counterMismatch: [], duplicateCourses: [], totalsMismatch: [] });
    },
    120_000,
  );
});
