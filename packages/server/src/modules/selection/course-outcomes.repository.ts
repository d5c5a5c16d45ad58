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
  // Each list is one JSON parameter: thousands of rows per statement (a historical import sets
  // ~100,000), where a parameter per value would cost more than the writes.
  const rowsOf = (rows: CourseOutcomeRow[]) =>
    sql`select * from jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({ s: r.studentId, c: r.courseId, t: r.termId, score: r.score, source: r.source })),
    )}::jsonb) as p(s int, c int, t int, score text, source text)`;
  const write = async (
    rows: CourseOutcomeRow[],
    into: typeof passedCourses | typeof failedCourses,
    leave: typeof passedCourses | typeof failedCourses,
  ) => {
    if (!rows.length) return;
    const input = rowsOf(rows);
    await tx.execute(sql`delete from ${leave} where (${leave.studentId}, ${leave.courseId}) in (select s, c from (${input}) as i)`);
    await tx.execute(sql`insert into ${into} (student_id, course_id, term_id, score, source)
      select s, c, t, score, source from (${input}) as i
      on conflict (student_id, course_id) do update set term_id = excluded.term_id, score = excluded.score, source = excluded.source`);
  };
  await write(passed, passedCourses, failedCourses);
  await write(failed, failedCourses, passedCourses);
}
