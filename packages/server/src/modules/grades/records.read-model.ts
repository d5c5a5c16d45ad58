import { sql } from 'drizzle-orm';
import type { AttemptKind, GradeEntry } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';

/**
 * A student's published grades as their record, transcript and rank read them: only records with
 * `published_at` set (drafts, submitted and approved sheets stay invisible), joined with the
 * course (names in both languages, category), the term (start date orders the attempts) and the
 * teaching class (its teachers scope a teacher's view).
 */

type H = Db | Tx;
const idList = (ids: number[]) =>
  sql`(${sql.join(
    ids.map((n) => sql`${n}`),
    sql`, `,
  )})`;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

export interface RecordStudent {
  id: number;
  code: string;
  name: string;
  cohort: number;
  majorId: number;
  majorName: string | null;
  collegeId: number | null;
  collegeName: string | null;
  collegeNameEn: string | null;
}

/** The student a record belongs to (deleted students have none). */
export async function findRecordStudent(db: H, studentId: number): Promise<RecordStudent | null> {
  const [row] = await rowsOf<RecordStudent>(
    db,
    sql`select s.id, s.code, s.name, s.cohort, s.major_id as "majorId", m.name as "majorName",
               d.college_id as "collegeId", co.name as "collegeName", co.name_en as "collegeNameEn"
          from students s left join majors m on m.id = s.major_id left join departments d on d.id = m.department_id
          left join colleges co on co.id = d.college_id
         where s.id = ${studentId} and s.deleted_at is null`,
  );
  return row ?? null;
}

export interface PublishedRecord {
  id: number;
  studentId: number;
  termId: number;
  termName: string;
  /** 学年 (2031-2032) and 学期 number: the English transcript names the term from them. */
  termYear: string;
  termSemester: number;
  termStartDate: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  courseNameEn: string | null;
  category: string;
  attempt: AttemptKind;
  teachingClassId: number | null;
  entry: GradeEntry;
  components: Record<string, number | null>;
  creditsTenths: number;
  source: string;
  version: number;
  publishedAt: Date;
}

/**
 * Every published record of a student, oldest term first; with `taughtBy`, only those of the
 * teaching classes that teacher teaches (a teacher's view).
 */
export async function findPublishedRecords(db: H, studentId: number, taughtBy?: number): Promise<PublishedRecord[]> {
  const rows = await rowsOf<Omit<PublishedRecord, 'publishedAt'> & { publishedAt: string | Date }>(
    db,
    sql`select r.id, r.student_id as "studentId", r.term_id as "termId", t.name as "termName", t.academic_year as "termYear", t.semester as "termSemester", t.start_date::text as "termStartDate",
               r.course_id as "courseId", c.code as "courseCode", c.name as "courseName", c.name_en as "courseNameEn",
               c.category, r.attempt, r.teaching_class_id as "teachingClassId",
               r.entry, r.components,
               r.credits_tenths as "creditsTenths", r.source, r.version, r.published_at as "publishedAt"
          from grade_records r join courses c on c.id = r.course_id join terms t on t.id = r.term_id
          left join teaching_classes tc on tc.id = r.teaching_class_id
         where r.student_id = ${studentId} and r.published_at is not null and r.entry is not null
           ${taughtBy === undefined ? sql`` : sql`and ${taughtBy} = any(tc.teacher_ids)`}
         order by t.start_date, t.id, c.code, r.id`,
  );
  return rows.map((r) => ({
    ...r,
    publishedAt: new Date(r.publishedAt),
  }));
}

/** The published grades of these teaching classes (for ranks within each class). */
export async function findClassEntries(
  db: H,
  teachingClassIds: number[],
): Promise<{ teachingClassId: number; attempt: AttemptKind; studentId: number; entry: GradeEntry }[]> {
  if (teachingClassIds.length === 0) return [];
  return rowsOf(
    db,
    sql`select teaching_class_id as "teachingClassId", attempt, student_id as "studentId", entry
          from grade_records
         where teaching_class_id in ${idList(teachingClassIds)}
           and published_at is not null and entry is not null`,
  );
}

/** Students of a cohort (optionally of one major or college), by number: who a batch of transcripts covers. */
export async function findCohortStudentIds(
  db: H,
  filter: { cohort: number; majorId?: number; collegeId?: number; collegeIds?: number[] },
  limit: number,
): Promise<number[]> {
  const rows = await rowsOf<{ id: number }>(
    db,
    sql`select s.id from students s join majors m on m.id = s.major_id join departments d on d.id = m.department_id
         where s.deleted_at is null and s.cohort = ${filter.cohort}
           ${filter.majorId === undefined ? sql`` : sql`and s.major_id = ${filter.majorId}`}
           ${filter.collegeId === undefined ? sql`` : sql`and d.college_id = ${filter.collegeId}`}
           ${
             filter.collegeIds === undefined
               ? sql``
               : filter.collegeIds.length === 0
                 ? sql`and false`
                 : sql`and d.college_id in ${idList(filter.collegeIds)}`
           }
         order by s.code limit ${limit}`,
  );
  return rows.map((r) => Number(r.id));
}
