import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PrerequisiteExpr } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { DataScope } from '../../platform/access.ts';
import { scopeSql } from '../../platform/access.repository.ts';
import {
  departmentCols,
  departmentsByCode,
  joinDepartment,
  joinMajor,
  majorCols,
  majorMatches,
  majorScope,
  majorsByCode,
} from '../org/org.read-model.ts';
import { coursePrerequisiteEdges, courses, curriculumPlans, planCourses, planGroups } from './catalog.tables.ts';
import { mapCodes } from './prerequisites.ts';
import { containsPattern } from '../../db/like.ts';

// The only place the catalog builds queries. The org's departments, majors
// and colleges are joined through its read model (org.read-model.ts) for
// names and scope (department → college).

/** Code → id and id → code of every course (the catalog is thousands of rows at most). */
export async function courseCodes(db: Db | Tx) {
  const rows = await db.select({ id: courses.id, code: courses.code }).from(courses);
  return { idByCode: new Map(rows.map((r) => [r.code, r.id])), codeById: new Map(rows.map((r) => [r.id, r.code])) };
}

/** The prerequisite graph by id (as strings): course → courses it requires. */
export async function prerequisiteGraph(db: Db | Tx): Promise<Map<string, string[]>> {
  const rows = await db.select().from(coursePrerequisiteEdges);
  const graph = new Map<string, string[]>();
  for (const r of rows) {
    const k = String(r.courseId);
    graph.set(k, [...(graph.get(k) ?? []), String(r.requiresCourseId)]);
  }
  return graph;
}

export async function replacePrerequisiteEdges(tx: Tx, courseId: number, requires: number[]) {
  await tx.delete(coursePrerequisiteEdges).where(eq(coursePrerequisiteEdges.courseId, courseId));
  if (requires.length) await tx.insert(coursePrerequisiteEdges).values(requires.map((r) => ({ courseId, requiresCourseId: r })));
}

/** A course was renamed: rewrite the expressions that name its old code; returns the rewritten ones (for their audit records). */
export async function renameInPrerequisites(tx: Tx, courseId: number, from: string, to: string) {
  const changed: { id: number; before: PrerequisiteExpr; after: PrerequisiteExpr }[] = [];
  const rows = await tx
    .select({ id: courses.id, prerequisites: courses.prerequisites })
    .from(courses)
    .innerJoin(coursePrerequisiteEdges, eq(coursePrerequisiteEdges.courseId, courses.id))
    .where(eq(coursePrerequisiteEdges.requiresCourseId, courseId));
  for (const r of rows) {
    const expr = mapCodes(r.prerequisites as PrerequisiteExpr, (c) => (c === from ? to : c));
    await tx.update(courses).set({ prerequisites: expr }).where(eq(courses.id, r.id));
    changed.push({ id: r.id, before: r.prerequisites as PrerequisiteExpr, after: expr });
  }
  return changed;
}

/** What plans and course requests read of a course (one selection, so the two reads cannot drift apart). */
const courseFactColumns = {
  code: courses.code,
  name: courses.name,
  credits: courses.credits,
  category: courses.category,
  lectureHours: courses.lectureHours,
  labHours: courses.labHours,
  practiceHours: courses.practiceHours,
  assessment: courses.assessment,
  isActive: courses.isActive,
  prerequisites: courses.prerequisites,
};

/** Facts of courses by id, for plans and course requests. */
export async function findCourseFacts(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  const qb = db
    .select({
      id: courses.id,
      ...courseFactColumns,
      departmentId: courses.departmentId,
      collegeId: departmentCols.collegeId,
    })
    .from(courses)
    .$dynamic();
  return joinDepartment(qb, courses.departmentId).where(inArray(courses.id, ids));
}
export type CourseFacts = Awaited<ReturnType<typeof findCourseFacts>>[number];

// ---------------------------------------------------------------- plans

/** A plan's scope follows its major's department and college. */
export function planScope(scope: DataScope): SQL | undefined {
  return scopeSql(scope, majorScope);
}

const planSummary = {
  id: curriculumPlans.id,
  majorId: curriculumPlans.majorId,
  majorCode: majorCols.code,
  majorName: majorCols.name,
  collegeId: majorCols.collegeId,
  collegeName: majorCols.collegeName,
  cohort: curriculumPlans.cohort,
  name: curriculumPlans.name,
  totalCredits: curriculumPlans.totalCredits,
  note: curriculumPlans.note,
  creditRequirements: curriculumPlans.creditRequirements,
};

function planBase(db: Db | Tx) {
  return joinMajor(db.select(planSummary).from(curriculumPlans).$dynamic(), curriculumPlans.majorId);
}

export interface PlanFilters {
  majorId?: number;
  collegeId?: number;
  cohort?: number;
}

function planWhere(filters: PlanFilters, scope: DataScope, q?: string) {
  const conds: (SQL | undefined)[] = [planScope(scope)];
  if (filters.majorId) conds.push(eq(curriculumPlans.majorId, filters.majorId));
  if (filters.collegeId) conds.push(eq(majorCols.collegeId, filters.collegeId));
  if (filters.cohort) conds.push(eq(curriculumPlans.cohort, filters.cohort));
  if (q) conds.push(or(majorMatches(q), sql`${curriculumPlans.name} ilike ${containsPattern(q)}`));
  return and(...conds);
}

export async function findPlanPage(
  db: Db | Tx,
  filters: PlanFilters,
  scope: DataScope,
  page: { page: number; pageSize: number; q?: string },
) {
  const where = planWhere(filters, scope, page.q);
  const items = await planBase(db)
    .where(where)
    .orderBy(asc(majorCols.code), asc(curriculumPlans.cohort))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const [{ total }] = await joinMajor(
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(curriculumPlans)
      .$dynamic(),
    curriculumPlans.majorId,
  ).where(where);
  return { items, total: Number(total) };
}

export async function findPlan(db: Db | Tx, id: number, scope: DataScope) {
  const [row] = await planBase(db).where(and(eq(curriculumPlans.id, id), planScope(scope)));
  return row ?? null;
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function findPlanByMajorCohort(db: Db | Tx, majorId: number, cohort: number) {
  const [row] = await db
    .select({ id: curriculumPlans.id })
    .from(curriculumPlans)
    .where(and(eq(curriculumPlans.majorId, majorId), eq(curriculumPlans.cohort, cohort)));
  return row ?? null;
}

export async function findPlanGroups(db: Db | Tx, planId: number) {
  const groups = await db
    .select()
    .from(planGroups)
    .where(eq(planGroups.planId, planId))
    .orderBy(asc(planGroups.position), asc(planGroups.id));
  const items = await db
    .select({
      id: planCourses.id,
      groupId: planCourses.groupId,
      courseId: planCourses.courseId,
      term: planCourses.term,
      ...courseFactColumns,
    })
    .from(planCourses)
    .innerJoin(courses, eq(courses.id, planCourses.courseId))
    .where(eq(planCourses.planId, planId))
    .orderBy(asc(planCourses.term), asc(planCourses.position), asc(courses.code));
  return groups.map((g) => ({ ...g, courses: items.filter((i) => i.groupId === g.id) }));
}

export interface PlanHeaderValues {
  majorId: number;
  cohort: number;
  name: string | null;
  totalCredits: string | null;
  creditRequirements: { category: string; credits: string }[];
  note: string | null;
}

export async function insertPlan(tx: Tx, values: PlanHeaderValues) {
  const [row] = await tx.insert(curriculumPlans).values(values).returning({ id: curriculumPlans.id });
  return row.id;
}

/** Writes a plan's header, stamped `updatedAt = at` (the caller's clock). */
export async function updatePlan(tx: Tx, id: number, values: Partial<PlanHeaderValues>, at: Date) {
  await tx
    .update(curriculumPlans)
    .set({ ...values, updatedAt: at })
    .where(eq(curriculumPlans.id, id));
}

export async function deletePlan(tx: Tx, id: number) {
  await tx.delete(curriculumPlans).where(eq(curriculumPlans.id, id));
}

export interface GroupValues {
  name: string;
  kind: string;
  minCredits: string | null;
  courses: { courseId: number; term: number }[];
}

/** Replaces a plan's groups and their courses. */
export async function replacePlanGroups(tx: Tx, planId: number, groups: GroupValues[]) {
  await tx.delete(planGroups).where(eq(planGroups.planId, planId));
  for (const [position, g] of groups.entries()) {
    const [row] = await tx
      .insert(planGroups)
      .values({ planId, name: g.name, kind: g.kind, minCredits: g.minCredits, position })
      .returning({ id: planGroups.id });
    if (g.courses.length) {
      await tx
        .insert(planCourses)
        .values(g.courses.map((c, i) => ({ planId, groupId: row.id, courseId: c.courseId, term: c.term, position: i })));
    }
  }
}

/**
 * Courses plans place in a given plan term, for (major, cohort, term) triples:
 * what prefill proposes.
 */
export async function findPlannedCourses(db: Db | Tx, wanted: { majorId: number; cohort: number; term: number }[]) {
  if (!wanted.length) return [];
  const keys = wanted.map((w) => sql`(${w.majorId}, ${w.cohort}, ${w.term})`);
  return db
    .select({ majorId: curriculumPlans.majorId, cohort: curriculumPlans.cohort, term: planCourses.term, courseId: planCourses.courseId })
    .from(planCourses)
    .innerJoin(curriculumPlans, eq(curriculumPlans.id, planCourses.planId))
    .innerJoin(courses, eq(courses.id, planCourses.courseId))
    .where(
      and(
        sql`(${curriculumPlans.majorId}, ${curriculumPlans.cohort}, ${planCourses.term}) in (${sql.join(keys, sql`, `)})`,
        eq(courses.isActive, true),
      ),
    )
    .orderBy(asc(curriculumPlans.majorId), asc(curriculumPlans.cohort), asc(planCourses.courseId));
}

/** Major ids by code and the majors' colleges (plan imports). */
export const majorRefs = majorsByCode;

/** Departments by code with their college (course imports name a department by code). */
export async function departmentRefs(db: Db | Tx) {
  return new Map([...(await departmentsByCode(db))].map(([code, r]) => [code, { ...r, departmentId: r.id }]));
}

/** Courses by code with the columns an import compares and writes. */
export async function coursesByCode(db: Db | Tx) {
  const rows = await db.select().from(courses);
  return new Map(rows.map((r) => [r.code, r]));
}

/** Inserts courses in bulk (the demo catalog). */
export async function insertCourses(tx: Tx, values: (typeof courses.$inferInsert)[]) {
  await tx.insert(courses).values(values);
}

/** Inserts prerequisite edges in bulk (the demo catalog); `replacePrerequisiteEdges` rewrites one course's. */
export async function insertPrerequisiteEdges(tx: Tx, edges: { courseId: number; requiresCourseId: number }[]) {
  if (edges.length) await tx.insert(coursePrerequisiteEdges).values(edges);
}

export async function insertCourse(tx: Tx, values: typeof courses.$inferInsert) {
  const [row] = await tx.insert(courses).values(values).returning({ id: courses.id });
  return row.id;
}

/** Writes a course's columns, stamped `updatedAt = at` (the caller's clock). */
export async function updateCourse(tx: Tx, id: number, values: Partial<typeof courses.$inferInsert>, at: Date) {
  await tx
    .update(courses)
    .set({ ...values, updatedAt: at })
    .where(eq(courses.id, id));
}

/** Inserts courses and returns code → id (archived courses a historical grades import creates). */
export async function insertCoursesReturningIds(tx: Tx, values: (typeof courses.$inferInsert)[]) {
  if (!values.length) return new Map<string, number>();
  const rows = await tx.insert(courses).values(values).returning({ id: courses.id, code: courses.code });
  return new Map(rows.map((r) => [r.code, r.id]));
}
