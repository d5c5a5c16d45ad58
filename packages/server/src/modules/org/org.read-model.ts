import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgSelect } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import type { AccessTarget, ScopeColumns } from '../../platform/access.ts';
import {
  adminClasses,
  buildings,
  campuses,
  colleges,
  departments,
  majors,
  rooms,
  students,
  teachers,
  terms,
  timePeriods,
} from './org.tables.ts';
import { containsPattern } from '../../db/like.ts';

// What other modules may read of the organisation (terms, colleges, majors,
// admin classes, teachers, students, rooms) without naming its tables: typed
// queries, access targets, and — for list pages that show a term code or a
// college name beside their own rows in one paginated query — join helpers
// with the columns they expose. Read only; writes go through the org service.

type H = Db | Tx;

// ---------------------------------------------------------------- join helpers
// Each helper adds inner joins to a select built in Drizzle's dynamic mode
// (`.$dynamic()`). The select's own columns are given explicitly, so the
// joins change which columns resolve, not the row type: the builder is
// returned as the same type.

/** The term code of a row with a term id (joined by `joinTerm`). */
export const termCode = terms.code;

/** Joins the term of `termId`. */
export function joinTerm<Q extends PgSelect>(qb: Q, termId: AnyPgColumn): Q {
  return qb.innerJoin(terms, eq(terms.id, termId)) as unknown as Q;
}

/** The college name of a row with a college id (joined by `joinCollege`). */
export const collegeName = colleges.name;

/** Joins the college of `collegeId`. */
export function joinCollege<Q extends PgSelect>(qb: Q, collegeId: AnyPgColumn): Q {
  return qb.innerJoin(colleges, eq(colleges.id, collegeId)) as unknown as Q;
}

/** Columns of a department and its college (joined by `joinDepartment`). */
export const departmentCols = {
  name: departments.name,
  code: departments.code,
  collegeId: departments.collegeId,
  collegeName: colleges.name,
};

/** A student's 学号, name and college (joined by `joinStudentCollege`). */
export const studentCollegeCols = { code: students.code, name: students.name, collegeId: departments.collegeId };

/** Joins the student of `studentId`, their major and its department (whose college scopes the student). */
export function joinStudentCollege<Q extends PgSelect>(qb: Q, studentId: AnyPgColumn): Q {
  return qb
    .innerJoin(students, eq(students.id, studentId))
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId)) as unknown as Q;
}

/** Joins the department of `departmentId` and that department's college. */
export function joinDepartment<Q extends PgSelect>(qb: Q, departmentId: AnyPgColumn): Q {
  return qb
    .innerJoin(departments, eq(departments.id, departmentId))
    .innerJoin(colleges, eq(colleges.id, departments.collegeId)) as unknown as Q;
}

/** The same joins as data, for a generic resource's `joins` (platform/crud). */
export function departmentJoins(departmentId: AnyPgColumn) {
  return [
    { table: departments, on: eq(departments.id, departmentId) },
    { table: colleges, on: eq(colleges.id, departments.collegeId) },
  ];
}

/** Columns of a major, its department's college and that college's name (joined by `joinMajor`). */
export const majorCols = {
  code: majors.code,
  name: majors.name,
  departmentId: majors.departmentId,
  collegeId: departments.collegeId,
  collegeName: colleges.name,
};

/** Joins the major of `majorId`, its department and college. */
export function joinMajor<Q extends PgSelect>(qb: Q, majorId: AnyPgColumn): Q {
  return qb
    .innerJoin(majors, eq(majors.id, majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .innerJoin(colleges, eq(colleges.id, departments.collegeId)) as unknown as Q;
}

/** Scope columns of a row joined to its major (`joinMajor`): the major's college and department. */
export const majorScope: ScopeColumns = { college: departments.collegeId, department: majors.departmentId };

/** A major's code or name contains `q` (joined by `joinMajor`). */
export function majorMatches(q: string): SQL {
  return or(sql`${majors.name} ilike ${containsPattern(q)}`, sql`${majors.code} ilike ${containsPattern(q)}`)!;
}

// ---------------------------------------------------------------- access targets

/** Admin classes as targets of `checkAccess`, scoped by their major's department and college. */
export const ADMIN_CLASS_TARGET: AccessTarget = {
  table: adminClasses,
  scope: majorScope,
  joins: (qb) => qb.innerJoin(majors, eq(majors.id, adminClasses.majorId)).innerJoin(departments, eq(departments.id, majors.departmentId)),
};

/** Majors as targets of `checkAccess`. */
export const MAJOR_TARGET: AccessTarget = {
  table: majors,
  scope: majorScope,
  joins: (qb) => qb.innerJoin(departments, eq(departments.id, majors.departmentId)),
};

// ---------------------------------------------------------------- queries

/** A term by id, or null. */
export async function findTermById(db: H, id: number) {
  const [row] = await db
    .select({
      id: terms.id,
      code: terms.code,
      name: terms.name,
      academicYear: terms.academicYear,
      semester: terms.semester,
      weeks: terms.weeks,
      startDate: terms.startDate,
    })
    .from(terms)
    .where(eq(terms.id, id));
  return row ?? null;
}

/** Teachers with their college (soft-deleted ones are missing). */
export async function findTeachersByIds(db: H, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: teachers.id, code: teachers.code, name: teachers.name, collegeId: departments.collegeId, status: teachers.status })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId))
    .where(and(inArray(teachers.id, ids), isNull(teachers.deletedAt)));
}

/** Active teachers of a college, by code (demo seed). */
export async function findCollegeTeachers(db: H, collegeId: number) {
  return db
    .select({ id: teachers.id, code: teachers.code, name: teachers.name })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId))
    .where(and(eq(departments.collegeId, collegeId), isNull(teachers.deletedAt), eq(teachers.status, 'active')))
    .orderBy(asc(teachers.code));
}

/** Which admin classes to read: by id, by major cohort (行政班 of a whole cohort), within colleges; the parts given are AND-ed. */
export interface AdminClassWhere {
  ids?: number[];
  majorCohorts?: { majorId: number; cohort: number }[];
  collegeIds?: number[];
}

/** Admin classes with major, cohort, college and head count (students not deleted), by code. */
export async function findAdminClasses(db: H, where: AdminClassWhere) {
  const conds: (SQL | undefined)[] = [];
  if (where.ids) conds.push(where.ids.length ? inArray(adminClasses.id, where.ids) : sql`false`);
  if (where.majorCohorts) {
    conds.push(
      where.majorCohorts.length
        ? sql`(${adminClasses.majorId}, ${adminClasses.cohort}) in (${sql.join(
            where.majorCohorts.map((m) => sql`(${m.majorId}, ${m.cohort})`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  if (where.collegeIds) conds.push(inArray(departments.collegeId, where.collegeIds));
  return db
    .select({
      id: adminClasses.id,
      code: adminClasses.code,
      majorId: adminClasses.majorId,
      cohort: adminClasses.cohort,
      collegeId: departments.collegeId,
      students: sql<number>`(select count(*)::int from ${students} s where s.admin_class_id = ${adminClasses.id} and s.deleted_at is null)`,
    })
    .from(adminClasses)
    .innerJoin(majors, eq(majors.id, adminClasses.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(and(...conds))
    .orderBy(asc(adminClasses.code));
}

/** The ids among `ids` that are majors. */
export async function findMajorIds(db: H, ids: number[]) {
  if (!ids.length) return [];
  return (await db.select({ id: majors.id }).from(majors).where(inArray(majors.id, ids))).map((r) => r.id);
}

/** Every major by code, with its department and college (imports resolve codes). */
export async function majorsByCode(db: H) {
  const rows = await db
    .select({ id: majors.id, code: majors.code, collegeId: departments.collegeId, departmentId: majors.departmentId })
    .from(majors)
    .innerJoin(departments, eq(departments.id, majors.departmentId));
  return new Map(rows.map((r) => [r.code, r]));
}

/** Every department by code, with its college. */
export async function departmentsByCode(db: H) {
  const rows = await db.select({ id: departments.id, code: departments.code, collegeId: departments.collegeId }).from(departments);
  return new Map(rows.map((r) => [r.code, r]));
}

/** Every college id. */
export async function collegeIdsAll(db: H) {
  return (await db.select({ id: colleges.id }).from(colleges)).map((r) => r.id);
}

/** Largest active room of a type (any type when null) having every feature. */
export async function maxRoomCapacity(db: H, type: string | null, features: string[]) {
  const featureArr = features.length
    ? sql`${rooms.features} @> ARRAY[${sql.join(
        features.map((f) => sql`${f}`),
        sql`, `,
      )}]::text[]`
    : undefined;
  const [row] = await db
    .select({ max: sql<number | null>`max(${rooms.capacity})` })
    .from(rooms)
    .where(and(eq(rooms.isActive, true), type ? eq(rooms.type, type) : undefined, featureArr));
  return row?.max == null ? null : Number(row.max);
}

// ---------------------------------------------------------------- students

/** The student columns another module's predicate may compare with (a student row of the outer query). */
export interface StudentRowCols {
  adminClassId: AnyPgColumn;
  majorId: AnyPgColumn;
  cohort: AnyPgColumn;
}

/** The student row of queries over students (the org student list, `findStudentPage`). */
export const STUDENT_ROW: StudentRowCols = { adminClassId: students.adminClassId, majorId: students.majorId, cohort: students.cohort };

/**
 * One page of the students (not deleted) a caller's predicate selects — a
 * teaching class's roster, say — by student code, with admin class and major
 * names; `q` matches code or name.
 */
export async function findStudentPage(db: H, select: (s: StudentRowCols) => SQL, p: { page: number; pageSize: number; q?: string }) {
  const pattern = p.q ? containsPattern(p.q) : null;
  const where = and(
    select(STUDENT_ROW),
    isNull(students.deletedAt),
    pattern ? or(sql`${students.code} ilike ${pattern}`, sql`${students.name} ilike ${pattern}`) : undefined,
  );
  const items = await db
    .select({
      id: students.id,
      code: students.code,
      name: students.name,
      gender: students.gender,
      cohort: students.cohort,
      status: students.status,
      adminClassId: students.adminClassId,
      adminClassCode: adminClasses.code,
      adminClassName: adminClasses.name,
      majorId: students.majorId,
      majorName: majors.name,
    })
    .from(students)
    .innerJoin(adminClasses, eq(adminClasses.id, students.adminClassId))
    .innerJoin(majors, eq(majors.id, students.majorId))
    .where(where)
    .orderBy(asc(students.code), asc(students.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(students)
    .where(where);
  return { items, total: Number(total) };
}

/** The student and the teacher with this code (学号 / 工号; the two may share a number), for sign-in by code. */
export async function findPeopleByCode(db: H, code: string): Promise<{ studentId: number | null; teacherId: number | null }> {
  const [student] = await db.select({ id: students.id }).from(students).where(eq(students.code, code));
  const [teacher] = await db.select({ id: teachers.id }).from(teachers).where(eq(teachers.code, code));
  return { studentId: student?.id ?? null, teacherId: teacher?.id ?? null };
}

/** The organisation's entity types that have a code and a name (as the audit log names them). */
const NAMED = { terms, campuses, buildings, rooms, colleges, departments, majors, admin_classes: adminClasses, teachers, students };
export type OrgNamedType = keyof typeof NAMED;
export const ORG_NAMED_TYPES = Object.keys(NAMED) as OrgNamedType[];

/** Code and name by id, deleted rows included (history names what it was about): one query per type. */
export async function findOrgNames(db: H, type: OrgNamedType, ids: number[]) {
  if (!ids.length) return [];
  const t = NAMED[type];
  return db
    .select({ id: t.id, code: t.code, name: t.name })
    .from(t)
    .where(inArray(t.id, [...new Set(ids)]));
}

// ---------------------------------------------------------------- timetabling

/** A term's grid: days, periods, weeks, first day, and the clock of each period (the term default, campus null). */
export async function findTermGrid(db: H, termId: number) {
  const [term] = await db
    .select({
      id: terms.id,
      code: terms.code,
      name: terms.name,
      startDate: terms.startDate,
      weeks: terms.weeks,
      daysPerWeek: terms.daysPerWeek,
      periodsPerDay: terms.periodsPerDay,
    })
    .from(terms)
    .where(eq(terms.id, termId));
  if (!term) return null;
  const periods = await db
    .select({ period: timePeriods.period, startsAt: timePeriods.startsAt, endsAt: timePeriods.endsAt })
    .from(timePeriods)
    .where(and(eq(timePeriods.termId, termId), isNull(timePeriods.campusId)))
    .orderBy(asc(timePeriods.period));
  return { ...term, periods };
}

/** Active teachers with their department and college, by code (the demo term's teacher assignment). */
export async function findActiveTeacherDepartments(db: H) {
  return db
    .select({
      id: teachers.id,
      code: teachers.code,
      name: teachers.name,
      departmentId: teachers.departmentId,
      collegeId: departments.collegeId,
    })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId))
    .where(and(isNull(teachers.deletedAt), eq(teachers.status, 'active')))
    .orderBy(asc(teachers.code));
}

/** Every room with its building and campus (timetabling reads them all at once). */
export async function findRoomsWithCampus(db: H) {
  return db
    .select({
      id: rooms.id,
      code: rooms.code,
      name: rooms.name,
      type: rooms.type,
      capacity: rooms.capacity,
      features: rooms.features,
      unavailable: rooms.unavailable,
      isActive: rooms.isActive,
      buildingId: rooms.buildingId,
      buildingName: buildings.name,
      campusId: buildings.campusId,
      campusName: campuses.name,
    })
    .from(rooms)
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .innerJoin(campuses, eq(campuses.id, buildings.campusId))
    .orderBy(asc(rooms.code));
}

/** Every admin class with its major, cohort, college and name (timetabling reads them all at once). */
export async function findAdminClassFacts(db: H) {
  return db
    .select({
      id: adminClasses.id,
      code: adminClasses.code,
      name: adminClasses.name,
      majorId: adminClasses.majorId,
      cohort: adminClasses.cohort,
      collegeId: departments.collegeId,
    })
    .from(adminClasses)
    .innerJoin(majors, eq(majors.id, adminClasses.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .orderBy(asc(adminClasses.code));
}

/** Every teacher with name, college and status, deleted ones included (a timetable names who taught, substitutes too). */
export async function findAllTeacherNames(db: H) {
  return db
    .select({ id: teachers.id, code: teachers.code, name: teachers.name, collegeId: departments.collegeId, status: teachers.status })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId));
}

/** A living student's admin class (their timetable is that class's lectures until selection), or null. */
export async function findStudentAdminClass(db: H, studentId: number) {
  const [row] = await db
    .select({ id: students.id, name: students.name, adminClassId: students.adminClassId })
    .from(students)
    .where(and(eq(students.id, studentId), isNull(students.deletedAt)));
  return row ?? null;
}

/**
 * What course selection rules on about a student: cohort, major, college (through the major's
 * department), gender and admin class. Null for an unknown or deleted student.
 */
export async function findStudentSelectionFacts(db: H, id: number) {
  return (await findStudentsSelectionFacts(db, [id]))[0] ?? null;
}

/**
 * Course selection's facts of many students at once (the lottery draw, pre-enrolment by admin
 * class): cohort, major, college, admin class, gender and the major's length of study (who is
 * in a graduating cohort). Living students only; `ids` omitted: every living student.
 */
export async function findStudentsSelectionFacts(db: H, ids?: number[]) {
  if (ids && !ids.length) return [];
  return db
    .select({
      id: students.id,
      code: students.code,
      name: students.name,
      gender: students.gender,
      cohort: students.cohort,
      majorId: students.majorId,
      adminClassId: students.adminClassId,
      collegeId: departments.collegeId,
      status: students.status,
      durationYears: majors.durationYears,
    })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(and(isNull(students.deletedAt), ids ? inArray(students.id, [...new Set(ids)]) : undefined))
    .orderBy(asc(students.id));
}

/** What a roster 点名册 shows of its students: 学号, name, admin class and major names (deleted students too: they were enrolled). */
export async function findStudentRosterFacts(db: H, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: students.id,
      code: students.code,
      name: students.name,
      adminClassName: adminClasses.name,
      majorName: majors.name,
    })
    .from(students)
    .leftJoin(adminClasses, eq(adminClasses.id, students.adminClassId))
    .leftJoin(majors, eq(majors.id, students.majorId))
    .where(inArray(students.id, [...new Set(ids)]));
}

/** Living students by 学号 (the office's bulk enrolment file names students by number). */
export async function findStudentIdsByCodes(db: H, codes: string[]) {
  if (!codes.length) return new Map<string, number>();
  const rows = await db
    .select({ id: students.id, code: students.code })
    .from(students)
    .where(and(isNull(students.deletedAt), inArray(students.code, [...new Set(codes)])));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Terms by code with their start dates (the historical grades import names terms by code). */
export async function findTermsByCodes(db: H, codes: string[]) {
  if (!codes.length) return new Map<string, { id: number; startDate: string }>();
  const rows = await db
    .select({ id: terms.id, code: terms.code, startDate: terms.startDate })
    .from(terms)
    .where(inArray(terms.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, { id: r.id, startDate: r.startDate }]));
}

/** The lowest-numbered department (where an import files courses it creates when none is named). */
export async function findFirstDepartmentId(db: H): Promise<number | null> {
  const [row] = await db.select({ id: departments.id }).from(departments).orderBy(asc(departments.id)).limit(1);
  return row?.id ?? null;
}
