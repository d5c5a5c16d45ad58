import type { Tx } from '../../db/client.ts';
import { findRequiredPlanCourses } from '../catalog/catalog.read-model.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { findStudentsSelectionFacts } from '../org/org.read-model.ts';
import { isInRound, lecturesConflict, type RuleLecture } from './core/rules.ts';
import { ruleStudentOf } from './draw.input.ts';
import * as drawRepo from './draw.repository.ts';
import * as repo from './selection.repository.ts';
import type { SelectionRoundRow } from './selection.repository.ts';
import { readClasses, roundOf } from './snapshot.ts';

/**
 * 按行政班预置 — pre-enrolment of required courses by admin class: every studying student of
 * the round's scope gets, for each course their plan 培养方案 requires, the round's teaching class
 * meant for their admin class (named by it, or by their whole major cohort), as a fixed
 * enrolment (source 'prefill') through the seat authority. Idempotent: a course the student
 * already holds counts as existing. The office acts, so the window, holds, limits and
 * prerequisites (the plan orders those) do not apply; a time conflict with what the student
 * holds and a full class do, and are counted by reason.
 */

export interface PrefillResult {
  created: number;
  existing: number;
  /** Refusals by reason code (time_conflict, class_full). */
  refused: Record<string, number>;
}

interface Held {
  courseId: number;
  lectures: readonly RuleLecture[];
  selfStudy: boolean;
}

export async function prefillRound(tx: Tx, round: SelectionRoundRow, at: Date, actorUserId: number | null): Promise<PrefillResult> {
  const out: PrefillResult = { created: 0, existing: 0, refused: {} };
  const refuse = (code: string) => (out.refused[code] = (out.refused[code] ?? 0) + 1);
  const inRound = new Set(await drawRepo.findRoundClassIds(tx, round.id));
  const candidates = (await findTermTeachingClasses(tx, round.termId)).filter((c) => inRound.has(c.id));
  if (!candidates.length) return out;
  const required = new Map<string, Set<number>>();
  for (const r of await findRequiredPlanCourses(tx)) {
    const key = `${r.majorId}:${r.cohort}`;
    required.set(key, (required.get(key) ?? new Set()).add(r.courseId));
  }
  const rules = roundOf(round);
  const students = (await findStudentsSelectionFacts(tx)).filter((s) => s.status === 'enrolled' && isInRound(ruleStudentOf(s), rules));

  // What each student is to get: per required course, the class for their admin class (named first, then by major cohort, by code).
  const work: { studentId: number; classId: number }[] = [];
  for (const s of students) {
    const courses = required.get(`${s.majorId}:${s.cohort}`);
    if (!courses) continue;
    const named = (c: (typeof candidates)[number]) => c.adminClassIds.includes(s.adminClassId);
    const byCohort = (c: (typeof candidates)[number]) => c.targetMajors.some((m) => m.majorId === s.majorId && m.cohort === s.cohort);
    const picked = new Map<number, number>();
    for (const c of candidates) if (courses.has(c.courseId) && named(c) && !picked.has(c.courseId)) picked.set(c.courseId, c.id);
    for (const c of candidates) if (courses.has(c.courseId) && byCohort(c) && !picked.has(c.courseId)) picked.set(c.courseId, c.id);
    for (const classId of picked.values()) work.push({ studentId: s.id, classId });
  }
  if (!work.length) return out;

  const studentIds = [...new Set(work.map((w) => w.studentId))];
  await drawRepo.lockStudentTerms(tx, studentIds, round.termId, at);
  const enrolled = (await drawRepo.findTermEnrolmentsOf(tx, round.termId, studentIds)).filter((e) => e.status === 'enrolled');
  const { classes } = await readClasses(tx, round.termId, [
    ...new Set([...work.map((w) => w.classId), ...enrolled.map((e) => e.teachingClassId)]),
  ]);
  const held = new Map<number, Held[]>();
  for (const e of enrolled) {
    const list = held.get(e.studentId) ?? [];
    list.push({ courseId: e.courseId, lectures: classes.get(e.teachingClassId)?.lectures ?? [], selfStudy: e.retakeMode === 'self_study' });
    held.set(e.studentId, list);
  }
  const facts = new Map(students.map((s) => [s.id, s]));

  for (const w of work) {
    const cls = classes.get(w.classId)!;
    const mine = held.get(w.studentId) ?? [];
    if (mine.some((h) => h.courseId === cls.courseId)) {
      out.existing++;
      continue;
    }
    if (mine.some((h) => !h.selfStudy && lecturesConflict(h.lectures, cls.lectures))) {
      refuse('time_conflict');
      continue;
    }
    const s = facts.get(w.studentId)!;
    const seat = await repo.takeSeat(tx, w.classId, { cohort: s.cohort, majorId: s.majorId, collegeId: s.collegeId }, at);
    if (!seat.taken) {
      refuse('class_full');
      continue;
    }
    const row = await repo.insertEnrolment(tx, {
      termId: round.termId,
      roundId: round.id,
      studentId: w.studentId,
      teachingClassId: w.classId,
      courseId: cls.courseId,
      isFixed: true,
      source: 'prefill',
      reservedSeatId: seat.reservedSeatId,
      createdBy: actorUserId,
      createdAt: at,
    });
    if (!row) {
      // Held all along (the unique index knows better than the read): give the seat back.
      await repo.releaseSeat(tx, w.classId, seat.reservedSeatId, at);
      out.existing++;
      continue;
    }
    await repo.addStudentTermTotals(tx, w.studentId, round.termId, cls.course.credits, 1);
    mine.push({ courseId: cls.courseId, lectures: cls.lectures, selfStudy: false });
    held.set(w.studentId, mine);
    out.created++;
  }
  return out;
}
