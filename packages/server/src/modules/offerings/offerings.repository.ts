import { and, asc, desc, eq, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { scopeSql, type AccessTarget, type DataScope, type ScopeColumns } from '../../platform/access.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { adminClasses, colleges, departments, majors, rooms, students, teachers, terms } from '../org/org.tables.ts';
import { studentInClass } from './offerings.read-model.ts';
import { courseRequests, teachingClasses } from './offerings.tables.ts';

// The only place offerings builds queries. Org tables are read (never
// written) here for names, scope anchors and submit rules; the catalog's
// courses are joined for codes and names.

type OfferingTable = typeof courseRequests | typeof teachingClasses;

/** Data scope on a request or class: its college, the course's department, or a teacher on it. */
export function offeringScope(t: OfferingTable, scope: DataScope): SQL | undefined {
  return scopeSql(scope, offeringColumns(t));
}

const offeringColumns = (t: OfferingTable): ScopeColumns => ({
  college: t.collegeId,
  department: courses.departmentId,
  // A teacher's own (self) and teaching scope: the requests and classes naming them.
  teacher: (id) => sql`${t.teacherIds} @> ARRAY[${id}]::int[]`,
});

/** Course requests and teaching classes as targets of `checkAccess` (the department part needs the course). */
export const REQUEST_TARGET: AccessTarget = {
  table: courseRequests, scope: offeringColumns(courseRequests), joins: (qb) => qb.innerJoin(courses, eq(courses.id, courseRequests.courseId)),
};
export const CLASS_TARGET: AccessTarget = {
  table: teachingClasses, scope: offeringColumns(teachingClasses), joins: (qb) => qb.innerJoin(courses, eq(courses.id, teachingClasses.courseId)),
};

const shared = (t: OfferingTable) => ({
  id: t.id, termId: t.termId, termCode: terms.code, courseId: t.courseId, courseCode: courses.code, courseName: courses.name,
  credits: courses.credits, collegeId: t.collegeId, collegeName: colleges.name, teachers: t.teachers, capacity: t.capacity,
  adminClassIds: t.adminClassIds, targetMajors: t.targetMajors, sessions: t.sessions, weekPattern: t.weekPattern,
  weekFrom: t.weekFrom, weekTo: t.weekTo, weekMask: t.weekMask, roomType: t.roomType, roomFeatures: t.roomFeatures, timeWishes: t.timeWishes,
});
const requestSelection = {
  ...shared(courseRequests), status: courseRequests.status, crossCollegeNote: courseRequests.crossCollegeNote, note: courseRequests.note,
  reviewComments: courseRequests.reviewComments, workflowInstanceId: courseRequests.workflowInstanceId,
  teachingClassId: sql<number | null>`(select tc.id from teaching_classes tc where tc.source_request_id = ${courseRequests.id})`.as('teaching_class_id'),
};
const classSelection = { ...shared(teachingClasses), code: teachingClasses.code, sourceRequestId: teachingClasses.sourceRequestId };

function fromOffering<T extends OfferingTable>(db: Db | Tx, t: T, selection: Record<string, unknown>) {
  return (db as Db)
    .select(selection as never)
    .from(t as never)
    .innerJoin(terms, eq(terms.id, t.termId))
    .innerJoin(courses, eq(courses.id, t.courseId))
    .innerJoin(colleges, eq(colleges.id, t.collegeId));
}

export interface OfferingFilters {
  termId?: number;
  collegeId?: number;
  courseId?: number;
  status?: string;
}

function filterConds(t: OfferingTable, f: OfferingFilters): (SQL | undefined)[] {
  return [
    f.termId ? eq(t.termId, f.termId) : undefined,
    f.collegeId ? eq(t.collegeId, f.collegeId) : undefined,
    f.courseId ? eq(t.courseId, f.courseId) : undefined,
    f.status && t === courseRequests ? eq(courseRequests.status, f.status) : undefined,
  ];
}

async function page(db: Db | Tx, t: OfferingTable, selection: Record<string, unknown>, where: SQL | undefined, p: { page: number; pageSize: number }, order: SQL[]) {
  const items = await fromOffering(db, t, selection).where(where).orderBy(...order).limit(p.pageSize).offset((p.page - 1) * p.pageSize);
  const [{ total }] = await fromOffering(db, t, { total: sql<number>`count(*)::int` }).where(where);
  return { items: items as Record<string, unknown>[], total: Number(total) };
}

export function findRequestPage(db: Db | Tx, f: OfferingFilters, scope: DataScope, p: { page: number; pageSize: number; q?: string }) {
  const q = p.q ? sql`(${courses.code} ilike ${'%' + p.q + '%'} or ${courses.name} ilike ${'%' + p.q + '%'})` : undefined;
  const where = and(offeringScope(courseRequests, scope), q, ...filterConds(courseRequests, f));
  return page(db, courseRequests, requestSelection, where, p, [desc(courseRequests.updatedAt), desc(courseRequests.id)]);
}

export async function findRequest(db: Db | Tx, id: number, scope: DataScope) {
  const [row] = await fromOffering(db, courseRequests, requestSelection).where(and(eq(courseRequests.id, id), offeringScope(courseRequests, scope)));
  return (row as Record<string, unknown> & RequestRow) ?? null;
}
export interface RequestRow {
  id: number; termId: number; courseId: number; courseCode: string; courseName: string; collegeId: number; status: string;
  teachers: { teacherId: number; share: number }[]; capacity: number; adminClassIds: number[]; targetMajors: { majorId: number; cohort: number }[];
  sessions: number[]; weekPattern: string; weekFrom: number; weekTo: number; weekMask: number; roomType: string | null; roomFeatures: string[];
  timeWishes: unknown[]; crossCollegeNote: string | null; note: string | null; workflowInstanceId: number | null; termCode: string;
}

export type RequestValues = Partial<typeof courseRequests.$inferInsert>;

export async function insertRequest(tx: Tx, values: typeof courseRequests.$inferInsert) {
  const [row] = await tx.insert(courseRequests).values(values).returning({ id: courseRequests.id });
  return row.id;
}

export async function updateRequest(tx: Tx, id: number, values: RequestValues) {
  await tx.update(courseRequests).set({ ...values, updatedAt: new Date() }).where(eq(courseRequests.id, id));
}

export async function deleteRequest(tx: Tx, id: number) {
  await tx.delete(courseRequests).where(eq(courseRequests.id, id));
}

/**
 * Submitted or approved requests and the classes of a course and term whose
 * admin classes overlap these (the duplicate rule). Drafts and returned
 * requests are not counted: anyone's unsent draft could otherwise block a
 * college's request for its own classes.
 */
export async function findOverlapping(db: Db | Tx, q: { termId: number; courseId: number; adminClassIds: number[]; majorCohorts: { majorId: number; cohort: number }[]; exceptRequestId?: number }) {
  if (!q.adminClassIds.length && !q.majorCohorts.length) return { requests: [], classes: [] };
  const arr = sql`ARRAY[${sql.join([sql`0`, ...q.adminClassIds.map((i) => sql`${i}`)], sql`, `)}]::int[]`;
  // Whole-cohort targets of the others, against the cohorts this request reaches.
  const pairs = sql.join([sql`(0, 0)`, ...q.majorCohorts.map((m) => sql`(${m.majorId}, ${m.cohort})`)], sql`, `);
  const cohortHit = (t: OfferingTable) =>
    sql`exists (select 1 from jsonb_array_elements(${t.targetMajors}) m where ((m->>'majorId')::int, (m->>'cohort')::int) in (${pairs}))`;
  const reqs = await db
    .select({ id: courseRequests.id })
    .from(courseRequests)
    .where(and(
      eq(courseRequests.termId, q.termId), eq(courseRequests.courseId, q.courseId), or(sql`${courseRequests.adminClassIds} && ${arr}`, cohortHit(courseRequests)),
      inArray(courseRequests.status, ['submitted', 'approved']),
      q.exceptRequestId ? ne(courseRequests.id, q.exceptRequestId) : undefined,
    ));
  const classes = await db
    .select({ id: teachingClasses.id, code: teachingClasses.code })
    .from(teachingClasses)
    .where(and(
      eq(teachingClasses.termId, q.termId), eq(teachingClasses.courseId, q.courseId), or(sql`${teachingClasses.adminClassIds} && ${arr}`, cohortHit(teachingClasses)),
      q.exceptRequestId ? sql`${teachingClasses.sourceRequestId} is distinct from ${q.exceptRequestId}` : undefined,
    ));
  return { requests: reqs.map((r) => r.id), classes };
}

/** Requests of a term (to skip what is already asked for). */
export async function findTermRequests(db: Db | Tx, termId: number, collegeIds: number[] | null) {
  return db
    .select({ id: courseRequests.id, courseId: courseRequests.courseId, adminClassIds: courseRequests.adminClassIds, status: courseRequests.status, collegeId: courseRequests.collegeId })
    .from(courseRequests)
    .where(and(eq(courseRequests.termId, termId), collegeIds ? inArray(courseRequests.collegeId, collegeIds) : undefined));
}

export async function findFullRequests(db: Db | Tx, termId: number, collegeIds: number[] | null) {
  return db
    .select()
    .from(courseRequests)
    .where(and(eq(courseRequests.termId, termId), collegeIds ? inArray(courseRequests.collegeId, collegeIds) : undefined, notInArray(courseRequests.status, ['rejected', 'withdrawn'])))
    .orderBy(asc(courseRequests.id));
}

// ---------------------------------------------------------------- teaching classes

export function findClassPage(db: Db | Tx, f: OfferingFilters, scope: DataScope, p: { page: number; pageSize: number; q?: string }) {
  const q = p.q ? sql`(${teachingClasses.code} ilike ${'%' + p.q + '%'} or ${courses.name} ilike ${'%' + p.q + '%'})` : undefined;
  const where = and(offeringScope(teachingClasses, scope), q, ...filterConds(teachingClasses, f));
  return page(db, teachingClasses, classSelection, where, p, [asc(teachingClasses.code), asc(teachingClasses.id)]);
}

export async function findClass(db: Db | Tx, id: number, scope: DataScope) {
  const [row] = await fromOffering(db, teachingClasses, classSelection).where(and(eq(teachingClasses.id, id), offeringScope(teachingClasses, scope)));
  return (row as Record<string, unknown>) ?? null;
}

/** One page of a teaching class's roster (students not deleted), by student code. */
export async function findClassStudentsPage(db: Db | Tx, classId: number, p: { page: number; pageSize: number; q?: string }) {
  const pattern = p.q ? `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(studentInClass(classId), isNull(students.deletedAt), pattern ? or(sql`${students.code} ilike ${pattern}`, sql`${students.name} ilike ${pattern}`) : undefined);
  const items = await db
    .select({
      id: students.id, code: students.code, name: students.name, gender: students.gender, cohort: students.cohort, status: students.status,
      adminClassId: students.adminClassId, adminClassCode: adminClasses.code, adminClassName: adminClasses.name, majorId: students.majorId, majorName: majors.name,
    })
    .from(students)
    .innerJoin(adminClasses, eq(adminClasses.id, students.adminClassId))
    .innerJoin(majors, eq(majors.id, students.majorId))
    .where(where)
    .orderBy(asc(students.code), asc(students.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(students).where(where);
  return { items, total: Number(total) };
}

export async function countClassesOfCourse(tx: Tx, termId: number, courseId: number) {
  const rows = await tx.select({ code: teachingClasses.code }).from(teachingClasses).where(and(eq(teachingClasses.termId, termId), eq(teachingClasses.courseId, courseId)));
  return rows.map((r) => r.code);
}

export async function insertClass(tx: Tx, values: typeof teachingClasses.$inferInsert) {
  const [row] = await tx.insert(teachingClasses).values(values).returning({ id: teachingClasses.id });
  return row.id;
}

// ---------------------------------------------------------------- org reads

export async function findTerm(db: Db | Tx, id: number) {
  const [row] = await db.select({ id: terms.id, code: terms.code, academicYear: terms.academicYear, semester: terms.semester, weeks: terms.weeks }).from(terms).where(eq(terms.id, id));
  return row ?? null;
}

/** Teachers with their college (soft-deleted ones are missing). */
export async function findTeachers(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: teachers.id, code: teachers.code, name: teachers.name, collegeId: departments.collegeId, status: teachers.status })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId))
    .where(and(inArray(teachers.id, ids), isNull(teachers.deletedAt)));
}

/** Admin classes with major, cohort, college and head count. */
export async function findAdminClasses(db: Db | Tx, where: { ids?: number[]; majorCohorts?: { majorId: number; cohort: number }[]; collegeIds?: number[] }) {
  const conds: (SQL | undefined)[] = [];
  if (where.ids) conds.push(where.ids.length ? inArray(adminClasses.id, where.ids) : sql`false`);
  if (where.majorCohorts) {
    conds.push(where.majorCohorts.length ? sql`(${adminClasses.majorId}, ${adminClasses.cohort}) in (${sql.join(where.majorCohorts.map((m) => sql`(${m.majorId}, ${m.cohort})`), sql`, `)})` : sql`false`);
  }
  if (where.collegeIds) conds.push(inArray(departments.collegeId, where.collegeIds));
  return db
    .select({
      id: adminClasses.id, code: adminClasses.code, majorId: adminClasses.majorId, cohort: adminClasses.cohort, collegeId: departments.collegeId,
      students: sql<number>`(select count(*)::int from ${students} s where s.admin_class_id = ${adminClasses.id} and s.deleted_at is null)`,
    })
    .from(adminClasses)
    .innerJoin(majors, eq(majors.id, adminClasses.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(and(...conds))
    .orderBy(asc(adminClasses.code));
}

/** Admin classes and majors as targets of `checkAccess`: a filer aims only at those of their scope. */
export const ADMIN_CLASS_TARGET: AccessTarget = {
  table: adminClasses, scope: { college: departments.collegeId, department: majors.departmentId },
  joins: (qb) => qb.innerJoin(majors, eq(majors.id, adminClasses.majorId)).innerJoin(departments, eq(departments.id, majors.departmentId)),
};
export const MAJOR_TARGET: AccessTarget = {
  table: majors, scope: { college: departments.collegeId, department: majors.departmentId },
  joins: (qb) => qb.innerJoin(departments, eq(departments.id, majors.departmentId)),
};

export async function findMajorIds(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return (await db.select({ id: majors.id }).from(majors).where(inArray(majors.id, ids))).map((r) => r.id);
}

/** Largest active room of a type (any type when null) having every feature. */
export async function maxRoomCapacity(db: Db | Tx, type: string | null, features: string[]) {
  const featureArr = features.length ? sql`${rooms.features} @> ARRAY[${sql.join(features.map((f) => sql`${f}`), sql`, `)}]::text[]` : undefined;
  const [row] = await db
    .select({ max: sql<number | null>`max(${rooms.capacity})` })
    .from(rooms)
    .where(and(eq(rooms.isActive, true), type ? eq(rooms.type, type) : undefined, featureArr));
  return row?.max == null ? null : Number(row.max);
}

export async function collegeIdsAll(db: Db | Tx) {
  return (await db.select({ id: colleges.id }).from(colleges)).map((r) => r.id);
}

/** Active teachers of a college, by code (demo seed). */
export async function findCollegeTeachers(db: Db | Tx, collegeId: number) {
  return db
    .select({ id: teachers.id, code: teachers.code, name: teachers.name })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId))
    .where(and(eq(departments.collegeId, collegeId), isNull(teachers.deletedAt), eq(teachers.status, 'active')))
    .orderBy(asc(teachers.code));
}
