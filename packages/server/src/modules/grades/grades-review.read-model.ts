import { sql, type SQL } from 'drizzle-orm';
import type { GradeEntry } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { DataScope } from '../../platform/access.ts';

/**
 * What corrections, the make-up list, the analysis and the academic-risk list read about grade
 * records: each record with its student (college, major, cohort), course, term and class. Other
 * modules' tables are reached by raw SQL (they are theirs); the data scope is applied here.
 */

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: SQL): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const ids = (xs: readonly number[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

export interface RecordFact {
  id: number;
  studentId: number;
  courseId: number;
  termId: number;
  attempt: 'normal' | 'makeup' | 'retake';
  teachingClassId: number | null;
  entry: GradeEntry | null;
  components: Record<string, number | null>;
  creditsTenths: number;
  version: number;
  isPublished: boolean;
  /** The class's grading scheme (its sheet's), null for a record without a sheet (migrated). */
  scheme: unknown;
  studentCode: string;
  studentName: string;
  collegeId: number;
  collegeName: string;
  majorId: number;
  majorName: string;
  cohort: number;
  courseCode: string;
  courseName: string;
  category: string;
  termName: string;
  termStart: string;
  classCode: string | null;
  classCollegeId: number | null;
  teacherIds: number[];
}

/**
 * The records a scope reaches: the student's own (self), their college's students or classes
 * (college), the classes a teacher teaches (teaching), a department's majors (department).
 */
export function recordScopeSql(scope: DataScope): SQL {
  if (scope.kind === 'all') return sql`true`;
  const parts: SQL[] = [];
  if (scope.selfStudentId !== null) parts.push(sql`r.student_id = ${scope.selfStudentId}`);
  if (scope.collegeIds.length) parts.push(sql`(d.college_id in (${ids(scope.collegeIds)}) or tc.college_id in (${ids(scope.collegeIds)}))`);
  if (scope.departmentIds.length) parts.push(sql`d.id in (${ids(scope.departmentIds)})`);
  const teacher = scope.teachingTeacherId ?? scope.selfTeacherId;
  if (teacher !== null) parts.push(sql`${teacher} = any(tc.teacher_ids)`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export interface RecordFilter {
  recordIds?: readonly number[];
  studentIds?: readonly number[];
  termId?: number;
  /** Terms starting no later than this term's start (the academic-risk list "as of" a term). */
  upToTermId?: number;
  teachingClassId?: number;
  courseId?: number;
  collegeId?: number;
  majorId?: number;
  cohort?: number;
  /** Published records, and also the draft records of this teacher's classes (null: published only). */
  draftsOfTeacher?: number | null;
  /** Include unpublished records (a correction reads its record whatever state; callers check). */
  anyState?: boolean;
}

const FROM = sql`from grade_records r
  join students s on s.id = r.student_id
  join majors m on m.id = s.major_id
  join departments d on d.id = m.department_id
  join colleges c on c.id = d.college_id
  join courses co on co.id = r.course_id
  join terms t on t.id = r.term_id
  left join teaching_classes tc on tc.id = r.teaching_class_id
  left join grade_sheets gs on gs.id = r.sheet_id`;

function filterSql(f: RecordFilter): SQL {
  const w: SQL[] = [];
  if (f.recordIds) w.push(f.recordIds.length ? sql`r.id in (${ids(f.recordIds)})` : sql`false`);
  if (f.studentIds) w.push(f.studentIds.length ? sql`r.student_id in (${ids(f.studentIds)})` : sql`false`);
  if (f.termId !== undefined) w.push(sql`r.term_id = ${f.termId}`);
  if (f.upToTermId !== undefined) w.push(sql`t.start_date <= (select t2.start_date from terms t2 where t2.id = ${f.upToTermId})`);
  if (f.teachingClassId !== undefined) w.push(sql`r.teaching_class_id = ${f.teachingClassId}`);
  if (f.courseId !== undefined) w.push(sql`r.course_id = ${f.courseId}`);
  if (f.collegeId !== undefined) w.push(sql`d.college_id = ${f.collegeId}`);
  if (f.majorId !== undefined) w.push(sql`s.major_id = ${f.majorId}`);
  if (f.cohort !== undefined) w.push(sql`s.cohort = ${f.cohort}`);
  if (!f.anyState) {
    w.push(
      f.draftsOfTeacher != null
        ? sql`r.entry is not null and (r.published_at is not null or ${f.draftsOfTeacher} = any(tc.teacher_ids))`
        : sql`r.published_at is not null`,
    );
  }
  return w.length ? sql.join(w, sql` and `) : sql`true`;
}

/** Grade records with what the review pages show about them, inside the scope. */
export async function findRecordFacts(h: H, scope: DataScope, f: RecordFilter): Promise<RecordFact[]> {
  const rows = await rowsOf<RecordFact & { publishedAt: unknown }>(
    h,
    sql`select r.id, r.student_id as "studentId", r.course_id as "courseId", r.term_id as "termId", r.attempt,
      r.teaching_class_id as "teachingClassId", r.entry, r.components, r.credits_tenths as "creditsTenths", r.version,
      (r.published_at is not null) as "isPublished", gs.scheme,
      s.code as "studentCode", s.name as "studentName", d.college_id as "collegeId", c.name as "collegeName",
      s.major_id as "majorId", m.name as "majorName", s.cohort, co.code as "courseCode", co.name as "courseName",
      co.category, t.name as "termName", t.start_date::text as "termStart", tc.code as "classCode",
      tc.college_id as "classCollegeId", coalesce(tc.teacher_ids, '{}'::int[]) as "teacherIds"
    ${FROM}
    where ${filterSql(f)} and ${recordScopeSql(scope)}
    order by t.start_date, co.code, s.code, r.id`,
  );
  return rows.map((r) => ({ ...r, teacherIds: (r.teacherIds ?? []).map(Number) }));
}

/** Whether the scope reaches this teaching class (its college, or a class the teacher teaches); null when it does not exist. */
export async function findClassInScope(h: H, scope: DataScope, teachingClassId: number) {
  const [row] = await rowsOf<{ id: number; termId: number; courseId: number; visible: boolean }>(
    h,
    sql`select tc.id, tc.term_id as "termId", tc.course_id as "courseId", ${classVisible(scope)} as visible
      from teaching_classes tc where tc.id = ${teachingClassId}`,
  );
  return row ?? null;
}

function classVisible(scope: DataScope): SQL {
  if (scope.kind === 'all') return sql`true`;
  const parts: SQL[] = [];
  if (scope.collegeIds.length) parts.push(sql`tc.college_id in (${ids(scope.collegeIds)})`);
  const teacher = scope.teachingTeacherId ?? scope.selfTeacherId;
  if (teacher !== null) parts.push(sql`${teacher} = any(tc.teacher_ids)`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** Students the scope reaches through any of their records (the academic-risk list's population). */
export async function findStudentsInScope(h: H, scope: DataScope, f: { collegeId?: number }) {
  return (
    await rowsOf<{ studentId: number }>(
      h,
      sql`select distinct r.student_id as "studentId" ${FROM}
        where r.published_at is not null and ${recordScopeSql(scope)}
        ${f.collegeId !== undefined ? sql`and d.college_id = ${f.collegeId}` : sql``}`,
    )
  ).map((r) => r.studentId);
}

/** The user accounts of the secretaries of a college (who hear of its students' academic risk). */
export async function findCollegeSecretaryUserIds(h: H, collegeId: number): Promise<number[]> {
  return (
    await rowsOf<{ id: number }>(
      h,
      sql`select distinct u.id from user_roles ur join roles ro on ro.id = ur.role_id join users u on u.id = ur.user_id
        where ro.code = 'secretary' and ur.college_id = ${collegeId} and u.is_disabled = false order by u.id`,
    )
  ).map((r) => r.id);
}

/** Who wrote each version (display names). */
export async function findUserDisplayNames(h: H, userIds: readonly number[]): Promise<Map<number, string>> {
  if (!userIds.length) return new Map();
  const rows = await rowsOf<{ id: number; name: string }>(h, sql`select id, display_name as name from users where id in (${ids(userIds)})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
