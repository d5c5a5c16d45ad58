import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { examTeacherUnavailability } from './exams.tables.ts';

/** What exams need to know of teaching: each exam's classes, who is enrolled in them, teachers' declared absences. */

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

/** The teaching classes each exam covers: its own class, or (统考) every class of its course in the term. */
export async function findExamClasses(db: H, planId: number): Promise<{ examId: number; classId: number }[]> {
  return rowsOf(
    db,
    sql`select e.id as "examId", tc.id as "classId"
          from exams e
          join exam_plans p on p.id = e.plan_id
          join teaching_classes tc on tc.term_id = p.term_id and tc.course_id = e.course_id
           and (e.teaching_class_id is null or tc.id = e.teaching_class_id)
         where e.plan_id = ${planId}`,
  );
}

/** Students enrolled in these teaching classes of a term (a lecture at exam time is theirs). */
export async function findEnrolledInClasses(db: H, termId: number, classIds: number[]): Promise<{ classId: number; studentId: number }[]> {
  if (classIds.length === 0) return [];
  return rowsOf(
    db,
    sql`select en.teaching_class_id as "classId", en.student_id as "studentId"
          from enrolments en
         where en.term_id = ${termId} and en.status = 'enrolled'
           and en.teaching_class_id in (${sql.join(
             classIds.map((i) => sql`${i}`),
             sql`, `,
           )})`,
  );
}

/** The teaching classes of a term with their college (a college's home building). */
export async function findTermClassColleges(db: H, termId: number): Promise<{ classId: number; collegeId: number }[]> {
  return rowsOf(db, sql`select id as "classId", college_id as "collegeId" from teaching_classes where term_id = ${termId}`);
}

export async function findUnavailability(db: H, planId: number, teacherId?: number) {
  return db
    .select({
      teacherId: examTeacherUnavailability.teacherId,
      sessionId: examTeacherUnavailability.sessionId,
      reason: examTeacherUnavailability.reason,
    })
    .from(examTeacherUnavailability)
    .where(
      and(
        eq(examTeacherUnavailability.planId, planId),
        teacherId === undefined ? undefined : eq(examTeacherUnavailability.teacherId, teacherId),
      ),
    )
    .orderBy(examTeacherUnavailability.teacherId, examTeacherUnavailability.sessionId);
}

/** Replaces one teacher's declared sessions in a plan (the caller's transaction). */
export async function replaceUnavailability(
  tx: Tx,
  planId: number,
  teacherId: number,
  rows: { sessionId: number; reason: string | null }[],
) {
  await tx
    .delete(examTeacherUnavailability)
    .where(and(eq(examTeacherUnavailability.planId, planId), eq(examTeacherUnavailability.teacherId, teacherId)));
  if (rows.length) await tx.insert(examTeacherUnavailability).values(rows.map((r) => ({ planId, teacherId, ...r })));
}

/** Whether these teachers exist (active or not): a declaration names a real teacher. */
export async function countTeachers(db: H, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from teachers where id in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return rows[0]?.n ?? 0;
}
