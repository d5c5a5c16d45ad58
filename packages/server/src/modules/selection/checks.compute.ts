import type { CheckKind } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import { findCourseSelectionFacts, findRequiredPlanCourses } from '../catalog/catalog.read-model.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { findStudentsSelectionFacts } from '../org/org.read-model.ts';
import * as checksRepo from './checks.repository.ts';
import type { FindingDraft } from './checks.repository.ts';
import { creditLimitsFor, isInRound } from './core/rules.ts';
import { ruleStudentOf } from './draw.input.ts';
import * as drawRepo from './draw.repository.ts';
import type { SelectionRoundRow } from './selection.repository.ts';
import { roundOf } from './snapshot.ts';

/**
 * 选课审核 — what the after-round checks find in a round, computed from the database as it is
 * now (inside the caller's transaction): students of the round's scope below their group's
 * minimum credits, students without a required course of their plan that the term offers their
 * admin class or cohort, enrolments in a class whose time a timetable version published after
 * the enrolment changed, and classes of the round below its minimum size.
 */

const draft = (kind: CheckKind, subject: string, d: Omit<FindingDraft, 'kind' | 'subjectKey'>): FindingDraft => ({
  kind,
  subjectKey: `${kind}:${subject}`,
  ...d,
});

/** Credits as the catalog keeps them (one decimal), without binary noise. */
const credit = (n: number) => Math.round(n * 10) / 10;

export async function computeFindings(tx: Tx, round: SelectionRoundRow): Promise<FindingDraft[]> {
  const out: FindingDraft[] = [];
  const rules = roundOf(round);
  const students = (await findStudentsSelectionFacts(tx)).filter((s) => s.status === 'enrolled' && isInRound(ruleStudentOf(s), rules));
  const studentIds = students.map((s) => s.id);

  // Below the minimum credits of the student's group (the round's default when no group matches).
  const credits = await checksRepo.findTermCredits(tx, round.termId);
  for (const s of students) {
    const { min } = creditLimitsFor(ruleStudentOf(s), rules);
    const held = credit(credits.get(s.id) ?? 0);
    if (min !== null && held < min)
      out.push(
        draft('below_min_credits', `s${s.id}`, { studentId: s.id, teachingClassId: null, params: { credits: held, minCredits: min } }),
      );
  }

  // Missing a required course: the term has a class meant for the student (named admin class
  // first, then the major cohort, as pre-enrolment picks it) and they hold no class of the course.
  const enrolled = (await drawRepo.findTermEnrolmentsOf(tx, round.termId, studentIds)).filter((e) => e.status === 'enrolled');
  const heldCourses = new Set(enrolled.map((e) => `${e.studentId}:${e.courseId}`));
  const required = new Map<string, Set<number>>();
  for (const r of await findRequiredPlanCourses(tx)) {
    const key = `${r.majorId}:${r.cohort}`;
    required.set(key, (required.get(key) ?? new Set()).add(r.courseId));
  }
  const termClasses = await findTermTeachingClasses(tx, round.termId);
  const missing: { studentId: number; courseId: number; classId: number; classCode: string }[] = [];
  for (const s of students) {
    const courses = required.get(`${s.majorId}:${s.cohort}`);
    if (!courses) continue;
    const meant = new Map<number, (typeof termClasses)[number]>();
    for (const c of termClasses)
      if (courses.has(c.courseId) && c.adminClassIds.includes(s.adminClassId) && !meant.has(c.courseId)) meant.set(c.courseId, c);
    for (const c of termClasses)
      if (courses.has(c.courseId) && c.targetMajors.some((m) => m.majorId === s.majorId && m.cohort === s.cohort) && !meant.has(c.courseId))
        meant.set(c.courseId, c);
    for (const [courseId, c] of meant)
      if (!heldCourses.has(`${s.id}:${courseId}`)) missing.push({ studentId: s.id, courseId, classId: c.id, classCode: c.code });
  }
  const courseFacts = new Map((await findCourseSelectionFacts(tx, [...new Set(missing.map((m) => m.courseId))])).map((c) => [c.id, c]));
  for (const m of missing) {
    const c = courseFacts.get(m.courseId)!;
    out.push(
      draft('missing_required', `s${m.studentId}:course${m.courseId}`, {
        studentId: m.studentId,
        teachingClassId: m.classId,
        params: { courseCode: c.code, courseName: c.name, courseNameEn: c.nameEn, classCode: m.classCode },
      }),
    );
  }

  // Time changed: the version in force when the student enrolled and the current one place the class differently.
  const versions = await checksRepo.findVersionTimes(tx, round.termId);
  const current = versions.at(-1);
  if (current) {
    for (const e of enrolled) {
      const then = versions.filter((v) => v.publishedAt.getTime() <= e.createdAt.getTime()).at(-1);
      if (!then || then.id === current.id) continue;
      if ((then.times.get(e.teachingClassId) ?? '') === (current.times.get(e.teachingClassId) ?? '')) continue;
      out.push(
        draft('time_changed', `s${e.studentId}:class${e.teachingClassId}`, {
          studentId: e.studentId,
          teachingClassId: e.teachingClassId,
          params: { fromVersionNo: then.versionNo, toVersionNo: current.versionNo, enrolledAt: e.createdAt.toISOString() },
        }),
      );
    }
  }

  // Classes of the round below its minimum size (停开 candidates).
  if (round.minClassSize !== null) {
    const classIds = await drawRepo.findRoundClassIds(tx, round.id);
    const counts = await checksRepo.findEnrolledCounts(tx, classIds);
    for (const id of classIds.sort((a, b) => a - b)) {
      const n = counts.get(id) ?? 0;
      if (n < round.minClassSize)
        out.push(
          draft('class_too_small', `class${id}`, {
            studentId: null,
            teachingClassId: id,
            params: { enrolled: n, minSize: round.minClassSize },
          }),
        );
    }
  }
  return out;
}

/**
 * Runs the checks into the round's queue (the caller holds the round's row lock, so two runs
 * take turns): new findings added, open ones refreshed, ones no longer found resolved; the
 * office's resolutions and dismissals stay as they are.
 */
export async function runChecksIn(tx: Tx, round: SelectionRoundRow, at: Date) {
  const drafts = await computeFindings(tx, round);
  const { added, updated } = await checksRepo.upsertFindings(tx, round.id, drafts, at);
  const autoResolved = await checksRepo.autoResolveMissing(
    tx,
    round.id,
    drafts.map((d) => d.subjectKey),
    at,
  );
  return { added, updated, autoResolved, open: await checksRepo.countOpen(tx, round.id) };
}
