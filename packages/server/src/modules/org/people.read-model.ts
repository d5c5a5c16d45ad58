import { eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { adminClasses, colleges, departments, majors, students, teachers } from './org.tables.ts';

// What the accounts of people (iam) read of students and teachers without naming the org tables:
// the fields an account mirrors, and SQL subqueries for sign-in by 学号/工号 and the accounts filter.

type H = Db | Tx;

/** A student or teacher as an account mirrors it. `groupName`: 班级 of a student, 学院 of a teacher. */
export interface PersonForAccount {
  id: number;
  code: string;
  name: string;
  email: string | null;
  status: string;
  collegeId: number;
  collegeName: string;
  groupName: string;
  /** 证件号码, for the `id_last6` initial password; never shown by the accounts pages. */
  idNumber: string | null;
  isDeleted: boolean;
}

/** Students or teachers by id (soft-deleted included, flagged), in one query. */
export async function findPeopleForAccounts(db: H, kind: 'student' | 'teacher', ids: number[]): Promise<PersonForAccount[]> {
  if (!ids.length) return [];
  if (kind === 'student') {
    const rows = await db
      .select({
        id: students.id,
        code: students.code,
        name: students.name,
        email: students.email,
        idNumber: students.idNumber,
        status: students.status,
        collegeId: departments.collegeId,
        collegeName: colleges.name,
        groupName: adminClasses.name,
        deletedAt: students.deletedAt,
      })
      .from(students)
      .innerJoin(adminClasses, eq(adminClasses.id, students.adminClassId))
      .innerJoin(majors, eq(majors.id, students.majorId))
      .innerJoin(departments, eq(departments.id, majors.departmentId))
      .innerJoin(colleges, eq(colleges.id, departments.collegeId))
      .where(inArray(students.id, ids));
    return rows.map(({ deletedAt, ...r }) => ({ ...r, isDeleted: deletedAt !== null }));
  }
  const rows = await db
    .select({
      id: teachers.id,
      code: teachers.code,
      name: teachers.name,
      email: teachers.email,
      idNumber: teachers.idNumber,
      status: teachers.status,
      collegeId: departments.collegeId,
      collegeName: colleges.name,
      groupName: colleges.name,
      deletedAt: teachers.deletedAt,
    })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId))
    .innerJoin(colleges, eq(colleges.id, departments.collegeId))
    .where(inArray(teachers.id, ids));
  return rows.map(({ deletedAt, ...r }) => ({ ...r, isDeleted: deletedAt !== null }));
}

/** Ids of every (not deleted) student or teacher, for the demo's bulk accounts. */
export async function findAllPeopleIds(db: H, kind: 'student' | 'teacher'): Promise<number[]> {
  const t = kind === 'student' ? students : teachers;
  const rows = await db.select({ id: t.id }).from(t).where(isNull(t.deletedAt));
  return rows.map((r) => r.id);
}

/** The id of the (not deleted) student with this 学号, as a scalar subquery (unique index on code). */
export const studentIdOfCode = (code: string): SQL =>
  sql`(select ${students.id} from ${students} where ${students.code} = ${code} and ${students.deletedAt} is null)`;

/** The id of the (not deleted) teacher with this 工号, as a scalar subquery. */
export const teacherIdOfCode = (code: string): SQL =>
  sql`(select ${teachers.id} from ${teachers} where ${teachers.code} = ${code} and ${teachers.deletedAt} is null)`;

/** Ids of the students of a college, as a subquery for `in (…)`. */
export const studentIdsOfCollege = (collegeId: number) =>
  sql`(select ${students.id} from ${students} join ${majors} on ${majors.id} = ${students.majorId} join ${departments} on ${departments.id} = ${majors.departmentId} where ${departments.collegeId} = ${collegeId})`;

/** Ids of the teachers of a college, as a subquery for `in (…)`. */
export const teacherIdsOfCollege = (collegeId: number) =>
  sql`(select ${teachers.id} from ${teachers} join ${departments} on ${departments.id} = ${teachers.departmentId} where ${departments.collegeId} = ${collegeId})`;
