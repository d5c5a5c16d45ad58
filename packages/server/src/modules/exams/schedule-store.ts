import type { ExamSolveSummary, ExamUnplacedReason } from '@jiaowu/contracts';
import type { ExamSolveResult } from '@jiaowu/solver';
import type { Db, Tx } from '../../db/client.ts';
import { findCourseNames } from '../catalog/catalog.read-model.ts';
import { allocatePlan } from './allocate.ts';
import { loadLectureClashes } from './exam-context.ts';
import { buildExamModel } from './exam-model.ts';
import * as plans from './plans.repository.ts';
import * as sched from './schedule.repository.ts';

/** The plan read into the solver's model (the solve job and the demo seed share it). */
export async function loadExamModel(db: Db | Tx, plan: plans.ExamPlanRow, keepPinned: boolean) {
  const [sessions, exams, roster, teachers, rooms, constraints] = await Promise.all([
    plans.findSessions(db, plan.id),
    plans.findPlanExams(db, plan.id),
    sched.findRoster(db, plan.id),
    sched.findExamTeachers(db, plan.id),
    sched.findExamRoomFacts(db),
    plans.findConstraints(db, plan.id),
  ]);
  const lectures = await loadLectureClashes(db, plan.termId, sessions);
  const rosterOf = new Map<number, number[]>();
  for (const r of roster) {
    const list = rosterOf.get(r.examId);
    if (list) list.push(r.studentId);
    else rosterOf.set(r.examId, [r.studentId]);
  }
  const model = buildExamModel({
    sessions,
    exams,
    roster: rosterOf,
    teachers: new Map(teachers.map((t) => [t.examId, t.teacherIds])),
    rooms,
    constraints,
    maxExamsPerDay: plan.maxExamsPerDay,
    allowRoomSharing: plan.allowRoomSharing,
    keepPinned,
    lectures,
  });
  return { ...model, exams };
}

const REASONS: Record<string, ExamUnplacedReason> = {
  studentConflict: 'search',
  teacherConflict: 'search',
  periodConstraint: 'no_session',
  unavailable: 'no_session',
  room: 'too_large',
};

/**
 * Writes a solver result as the plan's schedule in the caller's transaction: each exam's
 * session, then rooms, seats and invigilators; returns the summary the office reads (what could
 * not be placed and why, and the clashes counted again from enrolments).
 */
export async function storeSchedule(
  tx: Tx,
  planId: number,
  run: {
    examIds: number[];
    sessionIds: number[];
    exams: plans.ExamRow[];
    result: ExamSolveResult;
    seatSeed: number;
    cancelled: boolean;
    started: number;
  },
): Promise<ExamSolveSummary> {
  const { examIds, sessionIds, exams, result } = run;
  await plans.setExamSessions(
    tx,
    examIds.map((examId, i) => {
      const placed = result.solution[i];
      return { examId, sessionId: placed ? sessionIds[placed.period]! : null };
    }),
  );
  const alloc = await allocatePlan(tx, planId, run.seatSeed);
  const names = new Map((await findCourseNames(tx, [...new Set(exams.map((e) => e.courseId))])).map((c) => [c.id, c.name]));
  const courseOf = new Map(exams.map((e) => [e.id, e.courseId]));
  const nameOf = (examId: number) => names.get(courseOf.get(examId)!) ?? '';
  const unplaced: ExamSolveSummary['unplaced'] = [
    ...result.unplaced.map((u) => ({
      examId: examIds[u.exam]!,
      courseName: nameOf(examIds[u.exam]!),
      reason: REASONS[u.reason] ?? 'search',
    })),
    ...alloc.failures.map((f) => ({ examId: f.examId, courseName: nameOf(f.examId), reason: 'too_large' as const, count: f.short })),
  ];
  return {
    hard: result.hard,
    soft: result.soft,
    placed: exams.length - unplaced.length,
    total: exams.length,
    elapsedMs: Date.now() - run.started,
    cancelled: run.cancelled,
    clashes: await sched.countClashes(tx, planId),
    unplaced,
    understaffed: { rooms: alloc.invigilatorsShort.length, missing: alloc.invigilatorsShort.reduce((n, s) => n + s.missing, 0) },
  };
}
