import { or, sql, type SQL } from 'drizzle-orm';
import { STUDENT_ROW, type StudentRowCols } from '../org/org.read-model.ts';
import { teachingClasses } from './offerings.tables.ts';

// What other modules may ask of teaching classes without touching their
// tables: SQL predicates over a student row (the org module's student list
// applies them for the "teaching" data scope).

/**
 * The ways the teaching class `tc` (an alias in the subquery) reaches a
 * student: targeted through one of its admin classes (行政班), or through a
 * whole major cohort. Course selection's enrolments become one more source
 * OR-ed into this list.
 */
function reachSources(s: StudentRowCols): SQL[] {
  return [
    sql`${s.adminClassId} = any(tc.admin_class_ids)`,
    sql`exists (select 1 from jsonb_array_elements(tc.target_majors) m where (m->>'majorId')::int = ${s.majorId} and (m->>'cohort')::int = ${s.cohort})`,
  ];
}

/** Students reached by some teaching class of this teacher (the "teaching" scope on students). */
export function studentTaughtBy(teacherId: number, s: StudentRowCols = STUDENT_ROW): SQL {
  return sql`exists (select 1 from ${teachingClasses} tc where tc.teacher_ids @> ARRAY[${teacherId}]::int[] and (${or(...reachSources(s))}))`;
}

/** Students reached by this teaching class (its roster). */
export function studentInClass(classId: number, s: StudentRowCols = STUDENT_ROW): SQL {
  return sql`exists (select 1 from ${teachingClasses} tc where tc.id = ${classId} and (${or(...reachSources(s))}))`;
}
