import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { colleges, departments, majors, students } from './org.tables.ts';

// School-wide figures of the organisation for dashboards (the home page of
// the academic office and the leaders): grouped counts, read only. Callers
// check that the reader may see the whole school first.

/** Students (not deleted, as the student list counts them) per college and cohort (年级), by college code then cohort. */
export async function countStudentsByCollegeAndCohort(db: Db | Tx) {
  const rows = await db
    .select({ collegeId: colleges.id, college: colleges.name, cohort: students.cohort, count: sql<number>`count(*)::int` })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .innerJoin(colleges, eq(colleges.id, departments.collegeId))
    .where(isNull(students.deletedAt))
    .groupBy(colleges.id, colleges.name, colleges.code, students.cohort)
    .orderBy(asc(colleges.code), asc(students.cohort));
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
