import type { MakeupSource } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './makeup.repository.ts';
import * as plans from './plans.repository.ts';
import { reopenCollegeList } from './plans.service.ts';

/** Duration of a make-up exam the list creates; the office may change it like any exam's. */
const MAKEUP_DURATION_MIN = 120;

export interface MakeupCandidateInput {
  studentId: number;
  courseId: number;
  deferralId?: number | null;
  note?: string | null;
}

/**
 * Adds students to a make-up plan's list 补考名单 (a student already listed for the course is
 * skipped) and rebuilds the plan's exams. The caller holds the transaction and writes the audit
 * record; the grades module calls this with source 'grades' once grades exist.
 */
export async function addMakeupCandidates(
  tx: Tx,
  planId: number,
  rows: MakeupCandidateInput[],
  source: MakeupSource,
  opts: { createdBy?: number | null; now?: Date } = {},
): Promise<{ added: number }> {
  const now = opts.now ?? new Date();
  await makeupPlanOr409(tx, planId);
  const added = await repo.insertCandidates(
    tx,
    rows.map((r) => ({
      planId,
      studentId: r.studentId,
      courseId: r.courseId,
      source,
      deferralId: r.deferralId ?? null,
      note: r.note ?? null,
      createdBy: opts.createdBy ?? null,
      createdAt: now,
    })),
  );
  await syncMakeupExams(tx, planId, new Set(added.map((r) => r.courseId)), now);
  return { added: added.length };
}

/** The plan locked, refused unless it is a make-up plan. */
export async function makeupPlanOr409(tx: Tx, planId: number) {
  const plan = await plans.lockPlan(tx, planId);
  if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
  if (plan.kind !== 'makeup') throw new AppError('exam_plan_not_makeup');
  return plan;
}

/**
 * The make-up plan's exams follow its list: one 统考 per course with candidates, none for a course
 * without. Every college whose courses' rosters changed (`touched`, plus exams added or removed)
 * has its list sent back to draft as any edit of a final plan's list does (refused while under
 * review or once published).
 */
export async function syncMakeupExams(tx: Tx, planId: number, touched: Set<number>, now: Date) {
  const wanted = new Set(await repo.findCandidateCourses(tx, planId));
  const exams = await plans.findPlanExams(tx, planId);
  const have = new Set(exams.map((e) => e.courseId));
  const add = [...wanted].filter((c) => !have.has(c));
  const drop = exams.filter((e) => !wanted.has(e.courseId));
  const courses = new Set([...touched, ...add, ...drop.map((e) => e.courseId)]);
  if (courses.size === 0) return;
  const colleges = await repo.findCourseColleges(tx, [...courses]);
  for (const collegeId of new Set(colleges.values())) await reopenCollegeList(tx, planId, collegeId, now);
  await plans.insertExams(
    tx,
    add.map((courseId) => ({ planId, courseId, durationMin: MAKEUP_DURATION_MIN })),
  );
  await repo.deleteExams(
    tx,
    drop.map((e) => e.id),
  );
  await repo.deleteEmptyColleges(tx, planId);
}
