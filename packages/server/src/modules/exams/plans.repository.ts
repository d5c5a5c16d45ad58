import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { rosterSql } from './roster.repository.ts';
import { examConstraints, examPlanColleges, examPlans, exams, examSessions } from './exams.tables.ts';

/** The SQL of exam plans, their sessions, exams and per-college lists (plans.service.ts). */

type H = Db | Tx;
export type ExamPlanRow = typeof examPlans.$inferSelect;
export type ExamSessionRow = typeof examSessions.$inferSelect;
export type ExamRow = typeof exams.$inferSelect;
export type PlanCollegeRow = typeof examPlanColleges.$inferSelect;

const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

export async function insertPlan(tx: Tx, values: typeof examPlans.$inferInsert): Promise<ExamPlanRow> {
  const [row] = await tx.insert(examPlans).values(values).returning();
  return row!;
}

export async function findPlan(db: H, id: number): Promise<ExamPlanRow | null> {
  const [row] = await db.select().from(examPlans).where(eq(examPlans.id, id));
  return row ?? null;
}

/** The plan row locked for an update: two offices' clicks on one plan take turns. */
export async function lockPlan(tx: Tx, id: number): Promise<ExamPlanRow | null> {
  const [row] = await tx.select().from(examPlans).where(eq(examPlans.id, id)).for('update');
  return row ?? null;
}

export async function findPlans(db: H, termId?: number): Promise<ExamPlanRow[]> {
  return db
    .select()
    .from(examPlans)
    .where(termId === undefined ? undefined : eq(examPlans.termId, termId))
    .orderBy(asc(examPlans.termId), asc(examPlans.id));
}

export async function setPlan(tx: Tx, id: number, values: Partial<typeof examPlans.$inferInsert>) {
  await tx.update(examPlans).set(values).where(eq(examPlans.id, id));
}

export async function insertSessions(tx: Tx, planId: number, rows: { date: string; startMin: number; endMin: number }[]) {
  if (rows.length === 0) return [];
  return tx
    .insert(examSessions)
    .values(rows.map((r) => ({ ...r, planId })))
    .returning();
}

export async function findSessions(db: H, planId: number): Promise<ExamSessionRow[]> {
  return db.select().from(examSessions).where(eq(examSessions.planId, planId)).orderBy(asc(examSessions.date), asc(examSessions.startMin));
}

/** Courses assessed by exam 考试 with teaching classes in the term, and the college teaching them. */
export async function findExamCourses(db: H, termId: number): Promise<{ courseId: number; collegeId: number }[]> {
  return rowsOf(
    db,
    sql`select tc.course_id as "courseId", min(tc.college_id) as "collegeId"
          from teaching_classes tc join courses c on c.id = tc.course_id
         where tc.term_id = ${termId} and c.assessment = 'exam'
         group by tc.course_id
         order by tc.course_id`,
  );
}

export async function insertExams(tx: Tx, rows: (typeof exams.$inferInsert)[]): Promise<ExamRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(exams).values(rows).returning();
}

export async function findExam(db: H, id: number): Promise<ExamRow | null> {
  const [row] = await db.select().from(exams).where(eq(exams.id, id));
  return row ?? null;
}

export async function findPlanExams(db: H, planId: number): Promise<ExamRow[]> {
  return db.select().from(exams).where(eq(exams.planId, planId)).orderBy(asc(exams.id));
}

export async function setExam(tx: Tx, id: number, values: Partial<typeof exams.$inferInsert>) {
  await tx.update(exams).set(values).where(eq(exams.id, id));
}

export async function deleteExam(tx: Tx, id: number) {
  await tx.delete(exams).where(eq(exams.id, id));
}

/** The college an exam belongs to: its class's, or (统考) the course's college through its department. */
export async function findExamColleges(db: H, examIds: number[]): Promise<Map<number, number>> {
  if (examIds.length === 0) return new Map();
  const rows = await rowsOf<{ examId: number; collegeId: number }>(
    db,
    sql`select e.id as "examId", coalesce(tc.college_id, d.college_id) as "collegeId"
          from exams e
          join courses c on c.id = e.course_id
          join departments d on d.id = c.department_id
          left join teaching_classes tc on tc.id = e.teaching_class_id
         where e.id in ${sql`(${sql.join(
           examIds.map((i) => sql`${i}`),
           sql`, `,
         )})`}`,
  );
  return new Map(rows.map((r) => [r.examId, r.collegeId]));
}

export async function upsertPlanColleges(tx: Tx, planId: number, collegeIds: number[]) {
  if (collegeIds.length === 0) return;
  await tx
    .insert(examPlanColleges)
    .values(collegeIds.map((collegeId) => ({ planId, collegeId })))
    .onConflictDoNothing();
}

export async function findPlanColleges(db: H, planId: number): Promise<(PlanCollegeRow & { collegeName: string; exams: number })[]> {
  return rowsOf(
    db,
    sql`select pc.id, pc.plan_id as "planId", pc.college_id as "collegeId", pc.status,
               pc.workflow_instance_id as "workflowInstanceId", pc.decided_at as "decidedAt",
               co.name as "collegeName",
               (select count(*)::int from exams e
                  join courses c on c.id = e.course_id join departments d on d.id = c.department_id
                  left join teaching_classes tc on tc.id = e.teaching_class_id
                 where e.plan_id = pc.plan_id and coalesce(tc.college_id, d.college_id) = pc.college_id) as exams
          from exam_plan_colleges pc join colleges co on co.id = pc.college_id
         where pc.plan_id = ${planId}
         order by co.code`,
  );
}

export async function findPlanCollege(db: H, id: number): Promise<PlanCollegeRow | null> {
  const [row] = await db.select().from(examPlanColleges).where(eq(examPlanColleges.id, id));
  return row ?? null;
}

export async function findPlanCollegeOf(db: H, planId: number, collegeId: number): Promise<PlanCollegeRow | null> {
  const [row] = await db
    .select()
    .from(examPlanColleges)
    .where(and(eq(examPlanColleges.planId, planId), eq(examPlanColleges.collegeId, collegeId)));
  return row ?? null;
}

export async function setPlanCollege(tx: Tx, id: number, values: Partial<typeof examPlanColleges.$inferInsert>) {
  await tx.update(examPlanColleges).set(values).where(eq(examPlanColleges.id, id));
}

export async function findConstraints(db: H, planId: number) {
  return db.select().from(examConstraints).where(eq(examConstraints.planId, planId));
}

export async function setExamSessions(tx: Tx, placements: { examId: number; sessionId: number | null }[]) {
  // One statement: a plan's thousands of exams are placed in a single round trip.
  if (placements.length === 0) return;
  const values = sql.join(
    placements.map((p) => sql`(${p.examId}::int, ${p.sessionId}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update exams set session_id = v.s from (values ${values}) as v(e, s) where exams.id = v.e`);
}

export async function findExamsByIds(db: H, ids: number[]): Promise<ExamRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(exams).where(inArray(exams.id, ids));
}

/** Whether the course has classes in the term (and the class, when given, is one of them). */
export async function findClassOfCourse(db: H, termId: number, courseId: number, teachingClassId: number | null): Promise<boolean> {
  const rows = await rowsOf<{ id: number }>(
    db,
    sql`select tc.id from teaching_classes tc
         where tc.term_id = ${termId} and tc.course_id = ${courseId}
           and (${teachingClassId}::int is null or tc.id = ${teachingClassId}::int)
         limit 1`,
  );
  return rows.length > 0;
}

export async function findJobStatus(db: H, jobId: number | null): Promise<string | null> {
  if (jobId === null) return null;
  const [row] = await rowsOf<{ status: string }>(db, sql`select status from jobs where id = ${jobId}`);
  return row?.status ?? null;
}

/** Course names of exams, by exam. */
export async function findCourseNamesOfExams(db: H, examIds: number[]): Promise<Map<number, string>> {
  if (examIds.length === 0) return new Map();
  const rows = await rowsOf<{ id: number; name: string }>(
    db,
    sql`select e.id, c.name from exams e join courses c on c.id = e.course_id where e.id in (${sql.join(
      examIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Seats a session would lack with this exam moved in: its students plus those already there,
 * against the exam seats of all rooms (the allocation's whole-room rule can need more).
 */
export async function findSessionSeatShortfall(db: H, planId: number, examId: number, sessionId: number): Promise<number> {
  const [row] = await rowsOf<{ short: number }>(
    db,
    sql`with r as (${rosterSql(planId, sql`(e.session_id = ${sessionId} or e.id = ${examId})`)})
        select greatest(0, (select count(*) from r)::int - (select coalesce(sum(exam_capacity), 0) from rooms where is_active)::int) as short`,
  );
  return row?.short ?? 0;
}

export async function insertConstraint(tx: Tx, values: typeof examConstraints.$inferInsert) {
  const [row] = await tx.insert(examConstraints).values(values).returning();
  return row!;
}

export async function deleteConstraint(tx: Tx, planId: number, id: number) {
  const [row] = await tx
    .delete(examConstraints)
    .where(and(eq(examConstraints.planId, planId), eq(examConstraints.id, id)))
    .returning();
  return row ?? null;
}

/** A plan's rules with the names and sessions they mention. */
export async function findRules(db: H, planId: number) {
  return rowsOf<{
    id: number;
    kind: string;
    examId: number;
    courseName: string;
    otherExamId: number | null;
    otherCourseName: string | null;
    sessionId: number | null;
    date: string | null;
    startMin: number | null;
  }>(
    db,
    sql`select r.id, r.kind, r.exam_id as "examId", c.name as "courseName", r.other_exam_id as "otherExamId",
               oc.name as "otherCourseName", r.session_id as "sessionId", to_char(s.date, 'YYYY-MM-DD') as date,
               s.start_min as "startMin"
          from exam_constraints r
          join exams e on e.id = r.exam_id join courses c on c.id = e.course_id
          left join exams o on o.id = r.other_exam_id left join courses oc on oc.id = o.course_id
          left join exam_sessions s on s.id = r.session_id
         where r.plan_id = ${planId}
         order by r.id`,
  );
}
