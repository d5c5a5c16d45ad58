import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { enrolments } from './selection.tables.ts';

// What other modules may read of course selection 选课 without naming its tables.

/** The teaching classes a student is enrolled in for a term (the timetable shows them beside the admin class's). */
export async function findStudentEnrolledClassIds(db: Db | Tx, studentId: number, termId: number): Promise<number[]> {
  const rows = await db
    .select({ id: enrolments.teachingClassId })
    .from(enrolments)
    .where(and(eq(enrolments.studentId, studentId), eq(enrolments.termId, termId), eq(enrolments.status, 'enrolled')));
  return rows.map((r) => r.id);
}
