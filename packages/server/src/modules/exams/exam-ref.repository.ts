import { eq } from 'drizzle-orm';
import type { AnyPgColumn, PgSelect } from 'drizzle-orm/pg-core';
import { courseCols, joinCourse } from '../catalog/catalog.read-model.ts';
import { examPlans, examSessions, exams } from './exams.tables.ts';

/**
 * What a deferral or an incident shows of its exam (course, plan, session), as columns and the
 * joins that resolve them: one paginated query per list, no lookups per row.
 */
export const examRefCols = {
  examId: exams.id,
  courseCode: courseCols.code,
  courseName: courseCols.name,
  teachingClassId: exams.teachingClassId,
  planName: examPlans.name,
  termId: examPlans.termId,
  date: examSessions.date,
  startMin: examSessions.startMin,
  endMin: examSessions.endMin,
};

/** An exam as `examRefCols` reads it; the session's fields are null while it is not scheduled. */
export interface ExamRefRow {
  examId: number;
  courseCode: string;
  courseName: string;
  teachingClassId: number | null;
  planName: string;
  termId: number;
  date: string | null;
  startMin: number | null;
  endMin: number | null;
}

/** Joins the exam of `examId`, its plan, its session (if scheduled) and its course. */
export function joinExamRef<Q extends PgSelect>(qb: Q, examId: AnyPgColumn | null): Q {
  const withExam = examId ? (qb.innerJoin(exams, eq(exams.id, examId)) as unknown as Q) : qb;
  const joined = withExam
    .innerJoin(examPlans, eq(examPlans.id, exams.planId))
    .leftJoin(examSessions, eq(examSessions.id, exams.sessionId)) as unknown as Q;
  return joinCourse(joined, exams.courseId);
}
