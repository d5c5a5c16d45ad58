import { inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { STUDENT_ROW, type StudentRowCols } from '../org/org.read-model.ts';
import { courseRequests, teachingClasses } from './offerings.tables.ts';

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

/** Teaching class codes by id (CS201-01). */
export async function findTeachingClassNames(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: teachingClasses.id, code: teachingClasses.code })
    .from(teachingClasses)
    .where(inArray(teachingClasses.id, [...new Set(ids)]));
}

/** A course request is named by its course and term (resolved by the caller through their owners). */
export async function findRequestRefs(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: courseRequests.id, courseId: courseRequests.courseId, termId: courseRequests.termId })
    .from(courseRequests)
    .where(inArray(courseRequests.id, [...new Set(ids)]));
}

/** Every teaching class of a term with what timetabling needs of it (course facts resolved by the caller). */
export async function findTermTeachingClasses(db: Db | Tx, termId: number) {
  const rows = await db
    .select({
      id: teachingClasses.id,
      code: teachingClasses.code,
      courseId: teachingClasses.courseId,
      collegeId: teachingClasses.collegeId,
      teacherIds: teachingClasses.teacherIds,
      capacity: teachingClasses.capacity,
      adminClassIds: teachingClasses.adminClassIds,
      targetMajors: teachingClasses.targetMajors,
      sessions: teachingClasses.sessions,
      weekMask: teachingClasses.weekMask,
      roomType: teachingClasses.roomType,
      roomFeatures: teachingClasses.roomFeatures,
      timeWishes: teachingClasses.timeWishes,
    })
    .from(teachingClasses)
    .where(sql`${teachingClasses.termId} = ${termId}`)
    .orderBy(teachingClasses.code);
  return rows.map((r) => ({
    ...r,
    targetMajors: r.targetMajors as { majorId: number; cohort: number }[],
    timeWishes: r.timeWishes as { kind: 'prefer' | 'avoid'; day: number; fromPeriod: number; toPeriod: number }[],
  }));
}

/** Ids of a term's teaching classes that came from approved course requests (tests and fixtures). */
export async function findRequestMadeClassIds(db: Db | Tx, termId: number) {
  const rows = await db
    .select({ id: teachingClasses.id })
    .from(teachingClasses)
    .where(sql`${teachingClasses.termId} = ${termId} and ${teachingClasses.sourceRequestId} is not null`);
  return rows.map((r) => r.id);
}

/** Teaching classes by id with their term, course and capacity (course selection's snapshot). */
export async function findTeachingClassesByIds(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: teachingClasses.id,
      code: teachingClasses.code,
      termId: teachingClasses.termId,
      courseId: teachingClasses.courseId,
      collegeId: teachingClasses.collegeId,
      capacity: teachingClasses.capacity,
      weekMask: teachingClasses.weekMask,
      teacherIds: teachingClasses.teacherIds,
      genderRestriction: teachingClasses.genderRestriction,
      isRetakeClass: teachingClasses.isRetakeClass,
    })
    .from(teachingClasses)
    .where(inArray(teachingClasses.id, [...new Set(ids)]));
}

/** Every teaching class of a term with its capacity (course selection creates its seat rows from them). */
export async function findTermClassCapacities(db: Db | Tx, termId: number) {
  return db
    .select({ id: teachingClasses.id, capacity: teachingClasses.capacity })
    .from(teachingClasses)
    .where(sql`${teachingClasses.termId} = ${termId}`);
}

/** A teaching class with its teachers and targets (course selection's rosters 点名册 and their scope); null when unknown. */
export async function findTeachingClassRosterFacts(db: Db | Tx, id: number) {
  const [row] = await db
    .select({
      id: teachingClasses.id,
      code: teachingClasses.code,
      termId: teachingClasses.termId,
      courseId: teachingClasses.courseId,
      collegeId: teachingClasses.collegeId,
      teacherIds: teachingClasses.teacherIds,
    })
    .from(teachingClasses)
    .where(sql`${teachingClasses.id} = ${id}`);
  return row ?? null;
}
