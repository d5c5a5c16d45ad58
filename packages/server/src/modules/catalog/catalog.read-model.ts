import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { AnyPgColumn, PgSelect } from 'drizzle-orm/pg-core';
import { courses, curriculumPlans, planCourses, planGroups } from './catalog.tables.ts';
import { containsPattern } from '../../db/like.ts';

// What other modules may read of the course catalogue (课程库) without naming
// its tables: for list pages that show a course code and name beside their
// own rows in one paginated query, the exposed columns and the join that
// resolves them. Course facts by id go through the catalog service.

/** Columns of a course (joined by `joinCourse`); `departmentId` anchors department data scopes. */
export const courseCols = { code: courses.code, name: courses.name, credits: courses.credits, departmentId: courses.departmentId };

/**
 * Joins the course of `courseId` to a select in Drizzle's dynamic mode. The
 * select's columns are explicit, so the join leaves the row type as it is.
 */
export function joinCourse<Q extends PgSelect>(qb: Q, courseId: AnyPgColumn): Q {
  return qb.innerJoin(courses, eq(courses.id, courseId)) as unknown as Q;
}

/** `(qb) => qb.innerJoin(course)` for an `AccessTarget` whose department scope is the course's. */
export const courseJoinOn = (courseId: AnyPgColumn) => (qb: PgSelect) => joinCourse(qb, courseId);

/** The course's code or name contains `q` (joined by `joinCourse`). */
export function courseMatches(q: string): SQL {
  return or(sql`${courses.code} ilike ${containsPattern(q)}`, sql`${courses.name} ilike ${containsPattern(q)}`)!;
}

/** Course code and name by id (the audit log's names behind course ids). */
export async function findCourseNames(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: courses.id, code: courses.code, name: courses.name })
    .from(courses)
    .where(inArray(courses.id, [...new Set(ids)]));
}

/** A plan's own name, else its major and cohort (named by the caller through the org read model). */
export async function findPlanNames(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: curriculumPlans.id, name: curriculumPlans.name, majorId: curriculumPlans.majorId, cohort: curriculumPlans.cohort })
    .from(curriculumPlans)
    .where(inArray(curriculumPlans.id, [...new Set(ids)]));
}

/** Courses by id with the facts timetabling shows and rules on (category, assessment, names). */
export async function findCourseFacts(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: courses.id,
      code: courses.code,
      name: courses.name,
      nameEn: courses.nameEn,
      category: courses.category,
      assessment: courses.assessment,
      departmentId: courses.departmentId,
    })
    .from(courses)
    .where(inArray(courses.id, [...new Set(ids)]));
}

/** Courses by id with what course selection rules on: credits (exact decimal text), category, prerequisites. */
export async function findCourseSelectionFacts(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: courses.id,
      code: courses.code,
      name: courses.name,
      nameEn: courses.nameEn,
      credits: courses.credits,
      category: courses.category,
      prerequisites: courses.prerequisites,
    })
    .from(courses)
    .where(inArray(courses.id, [...new Set(ids)]));
}

/** Course ids by code (a file's 课程代码 column). */
export async function findCourseIdsByCodes(db: Db | Tx, codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db
    .select({ id: courses.id, code: courses.code })
    .from(courses)
    .where(inArray(courses.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Courses by code with their names in both languages (the words of a missing prerequisite). */
export async function findCourseNamesByCodes(db: Db | Tx, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ code: courses.code, name: courses.name, nameEn: courses.nameEn })
    .from(courses)
    .where(inArray(courses.code, [...new Set(codes)]));
}

/**
 * The courses each curriculum plan 培养方案 requires (its `required` groups), by major and
 * cohort: course selection's pre-enrolment by admin class and the lottery's priority group.
 */
export async function findRequiredPlanCourses(db: Db | Tx) {
  return db
    .select({ majorId: curriculumPlans.majorId, cohort: curriculumPlans.cohort, courseId: planCourses.courseId })
    .from(planCourses)
    .innerJoin(planGroups, eq(planGroups.id, planCourses.groupId))
    .innerJoin(curriculumPlans, eq(curriculumPlans.id, planCourses.planId))
    .where(eq(planGroups.kind, 'required'));
}

/** Courses the plan of a major and cohort requires (its `required` groups); [] without a plan. */
export async function findPlanRequiredCourseIds(db: Db | Tx, majorId: number, cohort: number): Promise<number[]> {
  const rows = await db
    .select({ courseId: planCourses.courseId })
    .from(planCourses)
    .innerJoin(planGroups, eq(planGroups.id, planCourses.groupId))
    .innerJoin(curriculumPlans, eq(curriculumPlans.id, planCourses.planId))
    .where(sql`${curriculumPlans.majorId} = ${majorId} and ${curriculumPlans.cohort} = ${cohort} and ${planGroups.kind} = 'required'`);
  return rows.map((r) => r.courseId);
}
