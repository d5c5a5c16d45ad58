import type { Tx } from '../../db/client.ts';
import { findRequiredPlanCourses } from '../catalog/catalog.read-model.ts';
import { findStudentsSelectionFacts, findTermById } from '../org/org.read-model.ts';
import type { LotteryApplicant, LotteryClass, LotteryInput } from './core/lottery.ts';
import type { LotteryClassName } from './core/lottery-words.ts';
import { creditLimitsFor, type RuleStudent } from './core/rules.ts';
import type { LotteryChoiceRow } from './draw.repository.ts';
import * as drawRepo from './draw.repository.ts';
import type { SeatHolder, SelectionRoundRow } from './selection.repository.ts';
import { readClasses, roundOf, type SnapshotClass } from './snapshot.ts';

/**
 * What the lottery of a round is drawn from, read from the database: the round's choices, each
 * applicant's priority (required by their plan 培养方案, graduating cohort), what they held at
 * the moment of the draw (lectures, courses, credits left under the round's limit) and the seats
 * of each class. A re-run reads the same as of the recorded draw: the enrolments the draw itself
 * made are left out, and the seats are the recorded ones.
 */

/** No maximum in the round: a limit no term reaches. */
const NO_CREDIT_LIMIT = 999;

export interface DrawInputs {
  /** Everything but the seed. */
  input: Omit<LotteryInput, 'seed'>;
  /** Classes by id (the chosen ones and the ones applicants held), for names, credits and courses. */
  classes: Map<number, SnapshotClass>;
  names: Map<number, LotteryClassName>;
  /** Who each applicant is, for a reserved seat 预留 of their group. */
  holders: Map<number, SeatHolder>;
}

/** "2026-2027" → 2027: the calendar year the academic year ends in (its graduates leave then). */
export function endYearOf(academicYear: string): number | null {
  const years = academicYear.match(/\d{4}/g);
  if (!years) return null;
  return years.length > 1 ? Number(years[1]) : Number(years[0]) + 1;
}

/**
 * Reads the lottery input of a round. `heldAt`: the moment whose enrolments count as already held
 * (the draw's own moment; a re-run passes the recorded one). `seats`: the seats of each chosen class.
 */
export async function readDrawInputs(
  tx: Tx,
  round: SelectionRoundRow,
  choices: readonly LotteryChoiceRow[],
  heldAt: Date,
  seats: ReadonlyMap<number, number>,
): Promise<DrawInputs> {
  const studentIds = [...new Set(choices.map((c) => c.studentId))];
  const chosenIds = [...new Set(choices.map((c) => c.teachingClassId))];
  const facts = new Map((await findStudentsSelectionFacts(tx, studentIds)).map((s) => [s.id, s]));
  const term = await findTermById(tx, round.termId);
  const endYear = term ? endYearOf(term.academicYear) : null;
  const required = new Set((await findRequiredPlanCourses(tx)).map((r) => `${r.majorId}:${r.cohort}:${r.courseId}`));
  const t = heldAt.getTime();
  const held = (await drawRepo.findTermEnrolmentsOf(tx, round.termId, studentIds)).filter(
    (e) =>
      !(e.roundId === round.id && e.source === 'lottery') &&
      e.createdAt.getTime() <= t &&
      (e.status === 'enrolled' ? true : e.droppedAt !== null && e.droppedAt.getTime() > t),
  );
  const { classes } = await readClasses(tx, round.termId, [...new Set([...chosenIds, ...held.map((e) => e.teachingClassId)])]);
  const rules = roundOf(round);

  const lotteryClasses: LotteryClass[] = chosenIds
    .filter((id) => classes.has(id))
    .map((id) => {
      const c = classes.get(id)!;
      return {
        teachingClassId: id,
        courseId: c.courseId,
        credits: Number(c.course.credits),
        seats: seats.get(id) ?? 0,
        lectures: c.lectures,
      };
    });
  const holders = new Map<number, SeatHolder>();
  const applicants: LotteryApplicant[] = studentIds.map((studentId) => {
    const s = facts.get(studentId);
    const mine = held.filter((e) => e.studentId === studentId && classes.has(e.teachingClassId));
    const heldCredits = mine.reduce((n, e) => n + Math.round(Number(classes.get(e.teachingClassId)!.course.credits) * 10), 0) / 10;
    let max: number | null = null;
    if (s) {
      const student = ruleStudentOf(s);
      max = creditLimitsFor(student, rules).max;
      holders.set(studentId, { cohort: s.cohort, majorId: s.majorId, collegeId: s.collegeId });
    } else holders.set(studentId, { cohort: 0, majorId: 0, collegeId: 0 });
    return {
      studentId,
      creditLimit: Math.max(0, (max ?? NO_CREDIT_LIMIT) - heldCredits),
      alreadyEnrolledLectures: mine.flatMap((e) =>
        classes.get(e.teachingClassId)!.lectures.map((l) => ({
          day: l.day,
          startPeriod: l.startPeriod,
          length: l.length,
          weekMask: l.weekMask,
          teachingClassId: e.teachingClassId,
        })),
      ),
      alreadyEnrolledCourseIds: [...new Set(mine.map((e) => e.courseId))],
      graduating: s !== undefined && endYear !== null && s.cohort + s.durationYears === endYear,
      choices: choices
        .filter((c) => c.studentId === studentId && classes.has(c.teachingClassId))
        .map((c) => ({
          teachingClassId: c.teachingClassId,
          rank: c.rank,
          requiredByPlan: s !== undefined && required.has(`${s.majorId}:${s.cohort}:${classes.get(c.teachingClassId)!.courseId}`),
        })),
    };
  });
  const names = new Map<number, LotteryClassName>(
    [...classes.values()].map((c) => [c.teachingClassId, { code: c.classCode, courseName: c.course.name, courseNameEn: c.course.nameEn }]),
  );
  return { input: { classes: lotteryClasses, applicants }, classes, names, holders };
}

/** A student as the rule checker sees them, from their facts alone (no passes, failures or holds: the office's and the draw's view). */
export function ruleStudentOf(s: {
  id: number;
  cohort: number;
  majorId: number;
  collegeId: number;
  adminClassId: number;
  gender: string | null;
}): RuleStudent {
  return {
    id: s.id,
    cohort: s.cohort,
    majorId: s.majorId,
    collegeId: s.collegeId,
    adminClassId: s.adminClassId,
    gender: s.gender === 'male' || s.gender === 'female' ? s.gender : null,
    passedCourseCodes: new Set(),
    failedCourseIds: new Set(),
    holds: [],
  };
}

/** What is stored with each choice after the draw (selection_lottery_choices.explanation). */
export interface StoredExplanation {
  applicants: number;
  seats: number;
  group: number;
  rank: number;
  drawNumber: number;
  loss: unknown;
  /** The moment of the draw: a re-run reads the enrolments held then. */
  drawnAt: string;
  /** The sentence the student is shown, in both languages. */
  words: { 'zh-CN': string; en: string };
}

/** A stored explanation, or null for one written by hand in another shape. */
export function storedExplanation(v: unknown): StoredExplanation | null {
  if (!v || typeof v !== 'object') return null;
  const x = v as Partial<StoredExplanation>;
  if (typeof x.seats !== 'number' || typeof x.drawnAt !== 'string' || !x.words) return null;
  return x as StoredExplanation;
}
