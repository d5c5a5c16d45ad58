import { and, asc, count, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { DataScope } from '../../platform/access.ts';
import { examInvigilations, examPlans, examRooms, exams, examSeats, examSessions } from './exams.tables.ts';
import { examPaperCodes, examPaperConfirmations, examPaperFlagNotices, examPaperRecords, examPapers } from './papers.tables.ts';

/**
 * The SQL of exam papers' chain of custody 试卷流转 (papers.service.ts). Courses, departments and
 * teaching classes belong to other modules: they are read here by subqueries on their tables by
 * name, inside the scope predicate, so the scope is applied in the query.
 */

type H = Db | Tx;
export type PaperRecordRow = typeof examPaperRecords.$inferSelect;

/** The columns of a paper as lists and pages show it. */
const paperCols = {
  id: examPapers.id,
  examId: examPapers.examId,
  version: examPapers.version,
  copies: examPapers.copies,
  status: examPapers.status,
  lastSeq: examPapers.lastSeq,
  authorUserId: examPapers.authorUserId,
  createdAt: examPapers.createdAt,
  planId: exams.planId,
  termId: examPlans.termId,
  courseId: exams.courseId,
  courseCode: sql<string>`(select c.code from courses c where c.id = ${exams.courseId})`,
  courseName: sql<string>`(select c.name from courses c where c.id = ${exams.courseId})`,
  sessionDate: examSessions.date,
  sessionStartMin: examSessions.startMin,
  /** Seats drawn for the exam: its roster, when known. */
  seats: sql<number>`(select count(*)::int from exam_seats s where s.exam_id = ${exams.id})`,
};

const ids = (list: readonly number[]) =>
  sql.join(
    list.map((n) => sql`${n}`),
    sql`, `,
  );

/** The parts of a scope an exam is in: its course's college, or a teacher's course or invigilation. */
function examScopeParts(scope: Extract<DataScope, { kind: 'some' }>): SQL[] {
  const parts: SQL[] = [];
  if (scope.collegeIds.length)
    parts.push(sql`exists (select 1 from courses c join departments d on d.id = c.department_id
      where c.id = ${exams.courseId} and d.college_id in (${ids(scope.collegeIds)}))`);
  const teacherId = scope.teachingTeacherId ?? scope.selfTeacherId;
  if (teacherId !== null) {
    parts.push(sql`exists (select 1 from teaching_classes tc
      where tc.course_id = ${exams.courseId} and tc.term_id = ${examPlans.termId} and ${teacherId} = any(tc.teacher_ids))`);
    parts.push(sql`exists (select 1 from ${examInvigilations} i join ${examRooms} er on er.room_id = i.room_id and er.exam_id = ${exams.id}
      where i.session_id = ${exams.sessionId} and i.teacher_id = ${teacherId} and i.chief)`);
  }
  return parts;
}

const anyOf = (parts: SQL[]) => (parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);

/** The exams (joined with their plan) an actor may make papers for. */
export function examScope(scope: DataScope): SQL {
  return scope.kind === 'all' ? sql`true` : anyOf(examScopeParts(scope));
}

/**
 * Which papers an actor sees with `exams.papers`: all; else those of their colleges' courses, of
 * courses they teach in the exam's term, of sessions they are chief invigilator in, and papers
 * they authored, gave or received.
 */
export function paperScope(scope: DataScope, userId: number | null): SQL {
  if (scope.kind === 'all') return sql`true`;
  const parts = examScopeParts(scope);
  if (userId !== null) {
    parts.push(sql`${examPapers.authorUserId} = ${userId}`);
    parts.push(sql`exists (select 1 from ${examPaperRecords} r
      where r.paper_id = ${examPapers.id} and (r.giver_user_id = ${userId} or r.receiver_user_id = ${userId}))`);
  }
  return anyOf(parts);
}

export type PaperRow = Awaited<ReturnType<ReturnType<typeof papersFrom>['execute']>>[number];

const papersFrom = (db: H) =>
  db
    .select(paperCols)
    .from(examPapers)
    .innerJoin(exams, eq(exams.id, examPapers.examId))
    .innerJoin(examPlans, eq(examPlans.id, exams.planId))
    .leftJoin(examSessions, eq(examSessions.id, exams.sessionId));

export interface PaperFilters {
  termId?: number;
  planId?: number;
  status?: string;
  page: number;
  pageSize: number;
}

/** One page of the papers in scope, by exam date then course. */
export async function findPapersPage(db: H, scope: SQL, f: PaperFilters): Promise<{ rows: PaperRow[]; total: number }> {
  const where = and(
    scope,
    f.termId ? eq(examPlans.termId, f.termId) : undefined,
    f.planId ? eq(exams.planId, f.planId) : undefined,
    f.status ? eq(examPapers.status, f.status) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    papersFrom(db)
      .where(where)
      .orderBy(sql`${examSessions.date} asc nulls last`, asc(exams.courseId), asc(examPapers.version), asc(examPapers.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(examPapers)
      .innerJoin(exams, eq(exams.id, examPapers.examId))
      .innerJoin(examPlans, eq(examPlans.id, exams.planId))
      .where(where),
  ]);
  return { rows, total: n };
}

/** Every paper in scope not yet archived, and archived ones still holding a flaggable count (the flags' input). */
export async function findPapersInScope(db: H, scope: SQL) {
  return papersFrom(db).where(scope).orderBy(asc(examPapers.id));
}

export async function findPaper(db: H, id: number, scope: SQL): Promise<PaperRow | null> {
  const [row] = await papersFrom(db).where(and(eq(examPapers.id, id), scope));
  return row ?? null;
}

/** The paper's row lock: records of one paper are written one at a time, so the chain never forks. */
export async function lockPaper(tx: Tx, id: number) {
  const [row] = await tx.select().from(examPapers).where(eq(examPapers.id, id)).for('update');
  return row ?? null;
}

/** An exam in the scope (examScope) with its plan, term and course; null when absent or out of scope. */
export async function findExamInScope(db: H, examId: number, scope: SQL) {
  const [row] = await db
    .select({
      id: exams.id,
      planId: exams.planId,
      termId: examPlans.termId,
      courseId: exams.courseId,
      sessionId: exams.sessionId,
    })
    .from(exams)
    .innerJoin(examPlans, eq(examPlans.id, exams.planId))
    .where(and(eq(exams.id, examId), scope));
  return row ?? null;
}

/** Accounts of the chief invigilators 主监考 of the exam's session in the exam's rooms. */
export async function findChiefUserIds(db: H, examId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: sql<number>`u.id` })
    .from(exams)
    .innerJoin(examRooms, eq(examRooms.examId, exams.id))
    .innerJoin(
      examInvigilations,
      and(
        eq(examInvigilations.sessionId, exams.sessionId),
        eq(examInvigilations.roomId, examRooms.roomId),
        eq(examInvigilations.chief, true),
      ),
    )
    .innerJoin(sql`users u`, sql`u.teacher_id = ${examInvigilations.teacherId}`)
    .where(eq(exams.id, examId));
  return rows.map((r) => r.userId);
}

/** Inserts a paper; null when the exam already has that version (the unique index). */
/** Papers of an exam: their custody records are append-only, so the exam cannot go while they exist. */
export async function countPapersOfExam(db: H, examId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(examPapers).where(eq(examPapers.examId, examId));
  return row?.n ?? 0;
}

export async function insertPaper(tx: Tx, values: typeof examPapers.$inferInsert) {
  const [row] = await tx.insert(examPapers).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function setPaperChain(tx: Tx, id: number, values: { status: string; lastSeq: number }) {
  await tx.update(examPapers).set(values).where(eq(examPapers.id, id));
}

export async function insertRecord(tx: Tx, values: typeof examPaperRecords.$inferInsert): Promise<PaperRecordRow> {
  const [row] = await tx.insert(examPaperRecords).values(values).returning();
  return row;
}

/** A paper's records in chain order. */
export async function findRecords(db: H, paperId: number): Promise<PaperRecordRow[]> {
  return db.select().from(examPaperRecords).where(eq(examPaperRecords.paperId, paperId)).orderBy(asc(examPaperRecords.seq));
}

export async function findRecordsOf(db: H, paperIds: number[]): Promise<PaperRecordRow[]> {
  if (!paperIds.length) return [];
  return db.select().from(examPaperRecords).where(inArray(examPaperRecords.paperId, paperIds)).orderBy(asc(examPaperRecords.seq));
}

export async function findRecord(db: H, paperId: number, recordId: number): Promise<PaperRecordRow | null> {
  const [row] = await db
    .select()
    .from(examPaperRecords)
    .where(and(eq(examPaperRecords.id, recordId), eq(examPaperRecords.paperId, paperId)));
  return row ?? null;
}

export async function findConfirmations(db: H, recordIds: number[]) {
  if (!recordIds.length) return [];
  return db.select().from(examPaperConfirmations).where(inArray(examPaperConfirmations.recordId, recordIds));
}

/** The confirmation of a handover; null when it was already confirmed (the primary key). */
export async function insertConfirmation(tx: Tx, values: typeof examPaperConfirmations.$inferInsert) {
  const [row] = await tx.insert(examPaperConfirmations).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function insertCode(tx: Tx, values: typeof examPaperCodes.$inferInsert) {
  await tx.insert(examPaperCodes).values(values);
}

/**
 * Takes one try of a record's code: raises its attempts if tries are left and returns the code
 * row as it was; null when none are left. A conditional UPDATE, so parallel guesses count each.
 */
export async function takeCodeAttempt(tx: H, recordId: number, maxAttempts: number) {
  const [row] = await tx
    .update(examPaperCodes)
    .set({ attempts: sql`${examPaperCodes.attempts} + 1` })
    .where(and(eq(examPaperCodes.recordId, recordId), lt(examPaperCodes.attempts, maxAttempts)))
    .returning();
  return row ?? null;
}

export async function hasCode(db: H, recordId: number): Promise<boolean> {
  const [row] = await db.select({ id: examPaperCodes.recordId }).from(examPaperCodes).where(eq(examPaperCodes.recordId, recordId));
  return !!row;
}

/** Marks a flag notified; false when some process already did (the primary key). */
export async function claimFlagNotice(tx: Tx, values: typeof examPaperFlagNotices.$inferInsert): Promise<boolean> {
  const rows = await tx
    .insert(examPaperFlagNotices)
    .values(values)
    .onConflictDoNothing()
    .returning({ paperId: examPaperFlagNotices.paperId });
  return rows.length > 0;
}

/** The first exams of a plan, by id (the demo's papers). */
export async function findPlanExamIds(db: H, planId: number, limit: number): Promise<number[]> {
  const rows = await db.select({ id: exams.id }).from(exams).where(eq(exams.planId, planId)).orderBy(asc(exams.id)).limit(limit);
  return rows.map((r) => r.id);
}

/** Seats drawn for an exam (its roster). */
export async function countExamSeats(db: H, examId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(examSeats).where(eq(examSeats.examId, examId));
  return n;
}

/** Accounts of the teachers of the exam's course in its term, and the course's college (the receivers picker). */
export async function findExamPeople(db: H, examId: number) {
  const [row] = await db
    .select({
      collegeId: sql<
        number | null
      >`(select d.college_id from courses c join departments d on d.id = c.department_id where c.id = ${exams.courseId})`,
      teacherUserIds: sql<
        number[]
      >`coalesce((select array_agg(distinct u.id) from teaching_classes tc join users u on u.teacher_id = any(tc.teacher_ids)
        where tc.course_id = ${exams.courseId} and tc.term_id = ${examPlans.termId}), '{}')`,
    })
    .from(exams)
    .innerJoin(examPlans, eq(examPlans.id, exams.planId))
    .where(eq(exams.id, examId));
  return { collegeId: row?.collegeId ?? null, teacherUserIds: (row?.teacherUserIds ?? []).map(Number) };
}
