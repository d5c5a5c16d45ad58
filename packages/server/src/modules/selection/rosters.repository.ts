import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { enrolments, selectionRoundClasses, selectionRounds } from './selection.tables.ts';

/** SQL of the rosters 点名册: who is enrolled in a teaching class, and whether its results are confirmed. */

type H = Db | Tx;

/** The class's enrolled students (not the dropped ones), in enrolment order. */
export async function findClassEnrolledStudents(db: H, teachingClassId: number) {
  return db
    .select({ studentId: enrolments.studentId, isRetake: enrolments.isRetake })
    .from(enrolments)
    .where(and(eq(enrolments.teachingClassId, teachingClassId), eq(enrolments.status, 'enrolled')))
    .orderBy(asc(enrolments.id));
}

/** Whether a round that offers the class has been locked 选课确认 (its roster is final). */
export async function isClassLocked(db: H, teachingClassId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(selectionRoundClasses)
    .innerJoin(selectionRounds, eq(selectionRounds.id, selectionRoundClasses.roundId))
    .where(and(eq(selectionRoundClasses.teachingClassId, teachingClassId), eq(selectionRounds.status, 'locked')))
    .limit(1);
  return !!row;
}
