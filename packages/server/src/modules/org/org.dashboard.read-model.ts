import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { colleges, departments, majors, students } from './org.tables.ts';

// School-wide figures of the organisation for dashboards (the home page of
// the academic office and the leaders): grouped counts, read only. Callers
// check that the reader may see the whole school first.

/** Students (not deleted, as the student list counts them) per college and cohort (年级), by college code then cohort. */
export async function countStudentsByCollegeAndCohort(db: Db | Tx) {
  // Counted per major first (one pass over students, no join per row), then rolled up to colleges.
  const perMajor = db
    .select({ majorId: students.majorId, cohort: students.cohort, n: sql<number>`count(*)`.as('n') })
    .from(students)
    .where(isNull(students.deletedAt))
    .groupBy(students.majorId, students.cohort)
    .as('per_major');
  const rows = await db
    .select({ collegeId: colleges.id, college: colleges.name, cohort: perMajor.cohort, count: sql<number>`sum(${perMajor.n})::int` })
    .from(perMajor)
    .innerJoin(majors, eq(majors.id, perMajor.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .innerJoin(colleges, eq(colleges.id, departments.collegeId))
    .groupBy(colleges.id, colleges.name, colleges.code, perMajor.cohort)
    .orderBy(asc(colleges.code), asc(perMajor.cohort));
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
