import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { containsPattern } from '../../db/like.ts';
import { examMakeupCandidates, examPlanColleges, exams } from './exams.tables.ts';

/** The SQL of make-up candidates 补考名单 (makeup.service.ts, makeup.candidates.ts). */

type H = Db | Tx;
export type MakeupCandidateRow = typeof examMakeupCandidates.$inferSelect;

const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const list = (ids: number[]) =>
  sql.join(
    ids.map((i) => sql`${i}::int`),
    sql`, `,
  );

/** Inserts the rows new to the plan's list (a student and course already listed are skipped). */
export async function insertCandidates(tx: Tx, rows: (typeof examMakeupCandidates.$inferInsert)[]): Promise<MakeupCandidateRow[]> {
  const out: MakeupCandidateRow[] = [];
  for (let i = 0; i < rows.length; i += 2000)
    out.push(
      ...(await tx
        .insert(examMakeupCandidates)
        .values(rows.slice(i, i + 2000))
        .onConflictDoNothing()
        .returning()),
    );
  return out;
}

export async function deleteCandidate(tx: Tx, planId: number, id: number): Promise<MakeupCandidateRow | null> {
  const [row] = await tx
    .delete(examMakeupCandidates)
    .where(and(eq(examMakeupCandidates.planId, planId), eq(examMakeupCandidates.id, id)))
    .returning();
  return row ?? null;
}

/** The courses with candidates: one exam 统考 each. */
export async function findCandidateCourses(db: H, planId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ courseId: examMakeupCandidates.courseId })
    .from(examMakeupCandidates)
    .where(eq(examMakeupCandidates.planId, planId));
  return rows.map((r) => r.courseId);
}

/** "studentId:courseId" of everyone already on the plan's list. */
export async function findCandidateKeys(db: H, planId: number): Promise<Set<string>> {
  const rows = await db
    .select({ s: examMakeupCandidates.studentId, c: examMakeupCandidates.courseId })
    .from(examMakeupCandidates)
    .where(eq(examMakeupCandidates.planId, planId));
  return new Set(rows.map((r) => `${r.s}:${r.c}`));
}

export async function deleteExams(tx: Tx, ids: number[]) {
  if (ids.length) await tx.delete(exams).where(inArray(exams.id, ids));
}

/** A college's list left without exams (its courses' candidates all removed) goes, unless under review. */
export async function deleteEmptyColleges(tx: Tx, planId: number) {
  await tx.execute(sql`delete from ${examPlanColleges} pc
    where pc.plan_id = ${planId} and pc.status <> 'pending'
      and not exists (select 1 from exams e join courses c on c.id = e.course_id join departments d on d.id = c.department_id
                       where e.plan_id = pc.plan_id and d.college_id = pc.college_id)`);
}

/** The college of each course (through its department): whose exam list a make-up exam is on. */
export async function findCourseColleges(db: H, courseIds: number[]): Promise<Map<number, number>> {
  if (!courseIds.length) return new Map();
  const rows = await rowsOf<{ courseId: number; collegeId: number }>(
    db,
    sql`select c.id as "courseId", d.college_id as "collegeId" from courses c join departments d on d.id = c.department_id
         where c.id in (${list(courseIds)})`,
  );
  return new Map(rows.map((r) => [r.courseId, r.collegeId]));
}

/** Approved deferrals 缓考 of the final exams of a term, with the course each was for. */
export async function findApprovedDeferrals(db: H, termId: number) {
  return rowsOf<{ deferralId: number; studentId: number; courseId: number }>(
    db,
    sql`select d.id as "deferralId", d.student_id as "studentId", e.course_id as "courseId"
          from exam_deferrals d join exams e on e.id = d.exam_id join exam_plans p on p.id = e.plan_id
         where p.term_id = ${termId} and p.kind = 'final' and d.status = 'approved'
         order by d.id`,
  );
}

/**
 * Of these students and courses, "studentId:courseId" of those who had a final exam in the course
 * in the term: enrolled in it, and a final plan of the term examines the course (统考 or their class).
 */
export async function findFinalExamTakers(db: H, termId: number, pairs: { studentId: number; courseId: number }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const values = sql.join(
    pairs.map((p) => sql`(${p.studentId}::int, ${p.courseId}::int)`),
    sql`, `,
  );
  const rows = await rowsOf<{ s: number; c: number }>(
    db,
    sql`select v.s, v.c from (values ${values}) as v(s, c)
         where exists (select 1 from enrolments en
                         join exam_plans p on p.term_id = en.term_id and p.kind = 'final'
                         join exams e on e.plan_id = p.id and e.course_id = en.course_id
                          and (e.teaching_class_id is null or e.teaching_class_id = en.teaching_class_id)
                        where en.term_id = ${termId} and en.student_id = v.s and en.course_id = v.c and en.status = 'enrolled')`,
  );
  return new Set(rows.map((r) => `${r.s}:${r.c}`));
}

/** A page of the plan's list with names, by course then 学号. */
export async function findCandidatePage(db: H, planId: number, f: { q?: string; page: number; pageSize: number }) {
  const q = f.q ? containsPattern(f.q) : null;
  const where = sql`mc.plan_id = ${planId} and (${q}::text is null or s.code ilike ${q} or s.name ilike ${q} or c.code ilike ${q} or c.name ilike ${q})`;
  const from = sql`from exam_makeup_candidates mc join students s on s.id = mc.student_id join courses c on c.id = mc.course_id`;
  const [items, [{ total }]] = await Promise.all([
    rowsOf<{
      id: number;
      studentId: number;
      studentCode: string;
      studentName: string;
      courseId: number;
      courseCode: string;
      courseName: string;
      source: string;
      deferralId: number | null;
      note: string | null;
      createdAt: Date | string;
    }>(
      db,
      sql`select mc.id, mc.student_id as "studentId", s.code as "studentCode", s.name as "studentName",
                 mc.course_id as "courseId", c.code as "courseCode", c.name as "courseName", mc.source,
                 mc.deferral_id as "deferralId", mc.note, mc.created_at as "createdAt"
            ${from} where ${where}
           order by c.code, s.code, mc.id
           limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
    ),
    rowsOf<{ total: number }>(db, sql`select count(*)::int as total ${from} where ${where}`),
  ]);
  return { items, total };
}
