import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { DataScope } from '../../platform/access.ts';
import { joinStudentCollege, studentCollegeCols } from '../org/org.read-model.ts';
import { enrolledForExam } from '../selection/selection.read-model.ts';
import { examRefCols, joinExamRef, type ExamRefRow } from './exam-ref.repository.ts';
import { examDeferrals, examPlans, examSeats, exams } from './exams.tables.ts';

/** The SQL of deferred exams 缓考 (deferrals.service.ts) and of a student's exams. */

type H = Db | Tx;
export type ExamDeferralRow = typeof examDeferrals.$inferSelect;
export type DeferralListRow = ExamRefRow & {
  id: number;
  studentId: number;
  studentCode: string;
  studentName: string;
  reason: string;
  attachmentId: number | null;
  status: string;
  workflowInstanceId: number | null;
  createdAt: Date;
  decidedAt: Date | null;
};

/** A student has an approved deferral of the exam: they have left its roster. */
const deferredAway = (studentId: number) =>
  sql`exists (select 1 from ${examDeferrals} where ${examDeferrals.examId} = ${exams.id}
    and ${examDeferrals.studentId} = ${studentId} and ${examDeferrals.status} = 'approved')`;

/**
 * The exams a student sits: enrolled in the exam's class (or, for a unified exam 统考, in any
 * class of its course in the plan's term), minus those with an approved deferral. Scheduled
 * ones first by date and time. `termId`: the plans of that term only; `examId`: that exam only.
 */
export async function findStudentExams(db: H, studentId: number, termId?: number, examId?: number): Promise<ExamRefRow[]> {
  const qb = db.select(examRefCols).from(exams).$dynamic();
  return joinExamRef(qb, null)
    .where(
      and(
        enrolledForExam(studentId, { teachingClassId: exams.teachingClassId, courseId: exams.courseId, termId: examPlans.termId }),
        sql`not ${deferredAway(studentId)}`,
        termId === undefined ? undefined : eq(examPlans.termId, termId),
        examId === undefined ? undefined : eq(exams.id, examId),
      ),
    )
    .orderBy(sql`${examRefCols.date} nulls last`, examRefCols.startMin, exams.id);
}

/** One exam as a deferral shows it, whoever sits it; null when there is no such exam. */
export async function findExamRef(db: H, examId: number): Promise<ExamRefRow | null> {
  const [row] = await joinExamRef(db.select(examRefCols).from(exams).$dynamic(), null).where(eq(exams.id, examId));
  return row ?? null;
}

/** Inserts an application; null when one is already pending or approved for the exam (the partial unique index). */
export async function insertDeferral(tx: Tx, values: typeof examDeferrals.$inferInsert): Promise<ExamDeferralRow | null> {
  const [row] = await tx.insert(examDeferrals).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findDeferral(db: H, id: number): Promise<ExamDeferralRow | null> {
  const [row] = await db.select().from(examDeferrals).where(eq(examDeferrals.id, id));
  return row ?? null;
}

export async function setDeferral(tx: Tx, id: number, values: Partial<typeof examDeferrals.$inferInsert>) {
  const [row] = await tx.update(examDeferrals).set(values).where(eq(examDeferrals.id, id)).returning();
  return row ?? null;
}

/** The student leaves the exam's seating plan (an approved deferral); the seat number stays a gap. */
export async function deleteExamSeat(tx: Tx, examId: number, studentId: number): Promise<number> {
  const rows = await tx
    .delete(examSeats)
    .where(and(eq(examSeats.examId, examId), eq(examSeats.studentId, studentId)))
    .returning({ id: examSeats.id });
  return rows.length;
}

/** A student's applications for these exams, newest first (the student's page shows the latest per exam). */
export async function findStudentDeferralsFor(db: H, studentId: number, examIds: number[]): Promise<ExamDeferralRow[]> {
  if (!examIds.length) return [];
  return db
    .select()
    .from(examDeferrals)
    .where(and(eq(examDeferrals.studentId, studentId), inArray(examDeferrals.examId, examIds)))
    .orderBy(desc(examDeferrals.id));
}

/** The rows a data scope reaches: all, the own student's, or those of students of its colleges; null: none. */
function deferralScope(scope: DataScope): SQL | undefined | null {
  if (scope.kind === 'all') return undefined;
  const parts: SQL[] = [];
  if (scope.selfStudentId !== null) parts.push(eq(examDeferrals.studentId, scope.selfStudentId));
  if (scope.collegeIds.length) parts.push(inArray(studentCollegeCols.collegeId, scope.collegeIds));
  return parts.length ? or(...parts)! : null;
}

/** One page of applications inside the scope, newest first, with the total. */
export async function findDeferralPage(
  db: H,
  scope: DataScope,
  filter: { status?: string; termId?: number; ids?: number[]; page: number; pageSize: number },
): Promise<{ items: DeferralListRow[]; total: number }> {
  const scoped = deferralScope(scope);
  if (scoped === null) return { items: [], total: 0 };
  const where = and(
    scoped,
    filter.status ? eq(examDeferrals.status, filter.status) : undefined,
    filter.termId ? eq(examPlans.termId, filter.termId) : undefined,
    filter.ids ? inArray(examDeferrals.id, filter.ids) : undefined,
  );
  const cols = {
    ...examRefCols,
    id: examDeferrals.id,
    studentId: examDeferrals.studentId,
    studentCode: studentCollegeCols.code,
    studentName: studentCollegeCols.name,
    reason: examDeferrals.reason,
    attachmentId: examDeferrals.attachmentId,
    status: examDeferrals.status,
    workflowInstanceId: examDeferrals.workflowInstanceId,
    createdAt: examDeferrals.createdAt,
    decidedAt: examDeferrals.decidedAt,
  };
  const joins = <Q extends Parameters<typeof joinExamRef>[0]>(qb: Q) =>
    joinStudentCollege(joinExamRef(qb, examDeferrals.examId), examDeferrals.studentId);
  const items = await joins(db.select(cols).from(examDeferrals).$dynamic())
    .where(where)
    .orderBy(desc(examDeferrals.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await joins(db.select({ n: count() }).from(examDeferrals).$dynamic()).where(where);
  return { items, total: total?.n ?? 0 };
}
