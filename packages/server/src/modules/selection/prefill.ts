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
  const refuse = (code: string) => {
    out.refused[code] = (out.refused[code] ?? 0) + 1;
  };
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

  // Class by class: who still needs it (not holding the course, no clash), then the seats in one
  // conditional update, the rows in one insert and the totals in one update; a class with fewer
  // seats than students gives them in student id order and the rest try a reserved seat 预留 one by one.
  const perClass = new Map<number, number[]>();
  for (const w of work) perClass.set(w.classId, [...(perClass.get(w.classId) ?? []), w.studentId]);
  for (const [classId, ids] of [...perClass].sort((a, b) => a[0] - b[0])) {
    const cls = classes.get(classId)!;
    const wanting: number[] = [];
    for (const studentId of ids) {
      const mine = held.get(studentId) ?? [];
      if (mine.some((h) => h.courseId === cls.courseId)) out.existing++;
      else if (mine.some((h) => !h.selfStudy && lecturesConflict(h.lectures, cls.lectures))) refuse('time_conflict');
      else wanting.push(studentId);
    }
    if (!wanting.length) continue;
    const taken = await drawRepo.takeSeats(tx, classId, wanting.length, at);
    const seated: { studentId: number; reservedSeatId: number | null }[] = wanting
      .slice(0, taken)
      .map((studentId) => ({ studentId, reservedSeatId: null }));
    for (const studentId of wanting.slice(taken)) {
      const s = facts.get(studentId)!;
      const seat = await repo.takeSeat(tx, classId, { cohort: s.cohort, majorId: s.majorId, collegeId: s.collegeId }, at);
      if (seat.taken) seated.push({ studentId, reservedSeatId: seat.reservedSeatId });
      else refuse('class_full');
    }
    const rows = await drawRepo.insertEnrolments(
      tx,
      seated.map((x) => ({
        termId: round.termId,
        roundId: round.id,
        studentId: x.studentId,
        teachingClassId: classId,
        courseId: cls.courseId,
        isFixed: true,
        source: 'prefill',
        reservedSeatId: x.reservedSeatId,
        createdBy: actorUserId,
        createdAt: at,
      })),
    );
    // A row the unique index refused was held all along: its seat goes back.
    const written = new Set(rows.map((r) => r.studentId));
    for (const x of seated) {
      if (written.has(x.studentId)) continue;
      await repo.releaseSeat(tx, classId, x.reservedSeatId, at);
      out.existing++;
    }
    await drawRepo.addTermTotals(tx, [...written], round.termId, cls.course.credits);
    for (const studentId of written) {
      held.set(studentId, [...(held.get(studentId) ?? []), { courseId: cls.courseId, lectures: cls.lectures, selfStudy: false }]);
    }
    out.created += written.size;
  }
  return out;
}
