import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { failedCourses, passedCourses } from './selection.tables.ts';

/** A course's outcome for a student as selection reads it (prerequisites, retakes). */
export type CourseOutcomeRow = { studentId: number; courseId: number; termId: number; score: string; source: string };

/**
 * Sets these students' passed and failed courses (the grades module calls this as grades are
 * published or corrected): a passed course leaves the failed list and the reverse.
 */
export async function replaceCourseOutcomes(tx: Tx, passed: CourseOutcomeRow[], failed: CourseOutcomeRow[]) {
  const keyOf = (r: { studentId: number; courseId: number }) => sql`(${r.studentId}::int, ${r.courseId}::int)`;
  if (passed.length) {
    await tx
      .delete(failedCourses)
      .where(sql`(${failedCourses.studentId}, ${failedCourses.courseId}) in (${sql.join(passed.map(keyOf), sql`, `)})`);
    await tx
      .insert(passedCourses)
      .values(passed)
      .onConflictDoUpdate({
        target: [passedCourses.studentId, passedCourses.courseId],
        set: { termId: sql`excluded.term_id`, score: sql`excluded.score`, source: sql`excluded.source` },
      });
  }
  if (failed.length) {
    await tx
      .delete(passedCourses)
      .where(sql`(${passedCourses.studentId}, ${passedCourses.courseId}) in (${sql.join(failed.map(keyOf), sql`, `)})`);
    await tx
      .insert(failedCourses)
      .values(failed)
      .onConflictDoUpdate({
        target: [failedCourses.studentId, failedCourses.courseId],
        set: { termId: sql`excluded.term_id`, score: sql`excluded.score`, source: sql`excluded.source` },
      });
  }
}
