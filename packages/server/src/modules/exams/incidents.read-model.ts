import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { examPlans, exams } from './exams.tables.ts';
import { examIncidents } from './incidents.tables.ts';

// What other modules may read of exam incidents 考场违纪 without naming their tables.

/**
 * The incidents the office confirmed in a term's exams (the grades module marks those papers:
 * 作弊 cheating, 缺考 absent, …). Dismissed and unreviewed ones are not facts yet.
 */
export async function findConfirmedIncidents(db: Db | Tx, termId: number) {
  return db
    .select({
      id: examIncidents.id,
      examId: examIncidents.examId,
      courseId: exams.courseId,
      teachingClassId: exams.teachingClassId,
      studentId: examIncidents.studentId,
      kind: examIncidents.kind,
      note: examIncidents.note,
      reviewedAt: examIncidents.reviewedAt,
    })
    .from(examIncidents)
    .innerJoin(exams, eq(exams.id, examIncidents.examId))
    .innerJoin(examPlans, eq(examPlans.id, exams.planId))
    .where(and(eq(examPlans.termId, termId), eq(examIncidents.status, 'confirmed')))
    .orderBy(examIncidents.id);
}
