import {
  weeksOfMask,
  type CourseCategory,
  type Locale,
  type RetakeMode,
  type RoundClassItem,
  type roundClassesQuery,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { findCourseNamesByCodes } from '../catalog/catalog.read-model.ts';
import { findOrgNames, findStudentSelectionFacts, findTeachersByIds } from '../org/org.read-model.ts';
import type { VersionLecture } from '../timetable/versions.repository.ts';
import { checkEnrolment, isRetakeFor, seatsLeftFor, type Reason } from './core/rules.ts';
import { reasonsForApi } from './core/reason-words.ts';
import { findApprovedMaxCredits } from './credit-raise.repository.ts';
import * as rounds from './rounds.repository.ts';
import * as repo from './selection.repository.ts';
import type { SelectionRoundRow } from './selection.repository.ts';
import {
  contextOf,
  isRetakeMode,
  prerequisiteCodes,
  readClasses,
  readReserved,
  seatsOf,
  type EnrolmentSnapshot,
  type SnapshotClass,
} from './snapshot.ts';

/**
 * 可选课程 — the classes of a round as one student sees them: every class checked by the same
 * rule checker the enrolment transaction runs (what the list says is what a click gets, at that
 * moment), with the words of each refusal. The round's data is read once and each class's
 * snapshot is assembled in memory, so a list of 500 classes is a handful of queries.
 */

type Query = z.output<typeof roundClassesQuery>;

/** Refusals that do not apply to a lottery choice: a choice takes no seat until the draw. */
const NOT_FOR_CHOICES: ReadonlySet<Reason['code']> = new Set(['class_full', 'reserved_seats', 'credit_limit', 'class_limit']);

export interface ListedClass {
  item: RoundClassItem;
  /** Lecture slots, teacher names and the time-conflict flag, for the filters. */
  lectures: VersionLecture[];
  conflicts: boolean;
}

/** The student's side of every snapshot (read once per list). */
async function readStudentBase(tx: Tx, round: SelectionRoundRow, studentId: number) {
  const student = await findStudentSelectionFacts(tx, studentId);
  if (!student) return null;
  const [rows, passedIds, failedIds, holds, dropped, approvedMaxCredits] = await Promise.all([
    repo.findStudentEnrolments(tx, studentId, round.termId),
    repo.findPassedCourseIds(tx, studentId),
    repo.findFailedCourseIds(tx, studentId),
    repo.findActiveHolds(tx, studentId),
    repo.findDroppedCourseIds(tx, studentId, round.id),
    findApprovedMaxCredits(tx, studentId, round.id),
  ]);
  return { student, rows, passedIds, failedIds, holds, dropped, approvedMaxCredits };
}

/** Every class open in the round with this student's eligibility (or none for the office's view). */
export async function listRoundClasses(
  tx: Tx,
  round: SelectionRoundRow,
  studentId: number | null,
  at: Date,
  locale: Locale,
  timeZone: string,
): Promise<ListedClass[]> {
  const classIds = await rounds.findRoundClassIds(tx, round.id);
  const base = studentId === null ? null : await readStudentBase(tx, round, studentId);
  const enrolledIds = base?.rows.map((e) => e.teachingClassId) ?? [];
  const { classes, courseCodes } = await readClasses(tx, round.termId, [...classIds, ...enrolledIds], base?.passedIds ?? []);
  const [seats, withReserved, applicants] = await Promise.all([
    rounds.findSeats(tx, classIds),
    rounds.findClassesWithReserved(tx, classIds),
    round.mode === 'lottery' ? rounds.countApplicants(tx, round.id) : Promise.resolve(new Map<number, number>()),
  ]);
  const seatOf = new Map(seats.map((s) => [s.teachingClassId, s]));
  const reserved = new Map<number, Awaited<ReturnType<typeof readReserved>>>();
  for (const id of withReserved) reserved.set(id, await readReserved(tx, id));
  const listed = classIds.map((id) => classes.get(id)).filter((c): c is SnapshotClass => c !== undefined);
  const prereqNames = Object.fromEntries(
    (
      await findCourseNamesByCodes(
        tx,
        listed.flatMap((c) => prerequisiteCodes(c.course.prerequisites)),
      )
    ).map((c) => [c.code, { name: c.name, nameEn: c.nameEn }]),
  );
  const teacherIds = [...new Set(listed.flatMap((c) => c.teacherIds))];
  const teacherNames = new Map((await findTeachersByIds(tx, teacherIds)).map((t) => [t.id, t.name]));
  const roomIds = [...new Set(listed.flatMap((c) => c.lectures.map((l) => l.roomId)).filter((r): r is number => r !== null))];
  const roomNames = new Map((await findOrgNames(tx, 'rooms', roomIds)).map((r) => [r.id, r.name]));

  const enrolled =
    base?.rows.map((e) => ({
      ...classes.get(e.teachingClassId)!,
      enrolmentId: e.id,
      isRetake: e.isRetake,
      // A self-study retake 自学 clashes with nothing: the list must not say otherwise.
      retakeMode: isRetakeMode(e.retakeMode) ? e.retakeMode : null,
      isFixed: e.isFixed,
    })) ?? [];
  const passedCodes = (base?.passedIds ?? []).map((id) => courseCodes.get(id)).filter((c): c is string => c !== undefined);

  return listed.map((c) => {
    const seat = seatOf.get(c.teachingClassId);
    const target = {
      ...c,
      inRound: true,
      seats: seat ? seatsOf(seat) : null,
      reserved: reserved.get(c.teachingClassId) ?? [],
      prerequisiteNames: prereqNames,
    };
    let reasons: Reason[] = [];
    let isRetake = false;
    let retakeModes: RetakeMode[] = [];
    let seatsLeft = Math.max(0, (seat?.capacity ?? 0) - (seat?.enrolled ?? 0) - (seat?.held ?? 0));
    if (base) {
      const snapshot: EnrolmentSnapshot = {
        at,
        round,
        student: base.student,
        passedCourseCodes: passedCodes,
        failedCourseIds: base.failedIds,
        approvedMaxCredits: base.approvedMaxCredits,
        enrolled,
        target,
        holds: base.holds.map((h) => ({ id: h.id, reason: h.reason, source: h.source })),
        droppedCourseIdsInRound: base.dropped,
      };
      const ctx = contextOf(snapshot);
      const check = (mode: RetakeMode | null) => {
        const rs = checkEnrolment({ ...ctx, retakeMode: mode });
        return round.mode === 'lottery' ? rs.filter((r) => !NOT_FOR_CHOICES.has(r.code)) : rs;
      };
      isRetake = isRetakeFor(ctx.student, ctx.target);
      reasons = check(null);
      // A retake may pass in one mode and not another (自学 despite a clash): the modes that pass
      // are what the student picks from; any passing makes the class eligible.
      if (isRetake) {
        retakeModes = retakeModesOf(round, c).filter((m) => check(m).length === 0);
        if (retakeModes.length) reasons = [];
      }
      seatsLeft = seatsLeftFor(ctx.student, ctx.target, at);
    }
    const item: RoundClassItem = {
      teachingClassId: c.teachingClassId,
      courseId: c.courseId,
      code: c.classCode,
      courseCode: c.course.code,
      courseName: locale === 'en' ? (c.course.nameEn ?? c.course.name) : c.course.name,
      courseNameEn: c.course.nameEn,
      credits: c.course.credits,
      category: c.course.category as CourseCategory,
      lectures: c.lectures.map((l) => ({
        day: l.day,
        startPeriod: l.startPeriod,
        length: l.length,
        weeks: weeksOfMask(l.weekMask),
        roomName: l.roomId === null ? null : (roomNames.get(l.roomId) ?? null),
      })),
      teachers: c.teacherIds.map((t) => teacherNames.get(t)).filter((n): n is string => n !== undefined),
      capacity: seat?.capacity ?? 0,
      seatsLeft,
      applicants: round.mode === 'lottery' ? (applicants.get(c.teachingClassId) ?? 0) : null,
      isRetakeClass: c.isRetakeClass,
      genderRestriction: c.genderRestriction,
      isRetake,
      retakeModes,
      eligible: base ? reasons.length === 0 : seatsLeft > 0,
      reasons: reasonsForApi(reasons, locale, timeZone),
    };
    return { item, lectures: c.lectures, conflicts: reasons.some((r) => r.code === 'time_conflict') };
  });
}

/** The retake modes the round allows that suit this class: 跟班 a regular class, 重修班 a retake class, 自学 either. */
function retakeModesOf(round: SelectionRoundRow, c: SnapshotClass): RetakeMode[] {
  return round.retakeModes.filter(isRetakeMode).filter((m) => m === 'self_study' || (m === 'retake_class') === c.isRetakeClass);
}

/** The list filters of the student's page, applied in memory (a round holds hundreds of classes, not millions). */
export function filterClasses(list: ListedClass[], q: Query): ListedClass[] {
  const needle = q.q?.trim().toLowerCase();
  const teacher = q.teacher?.trim().toLowerCase();
  return list.filter(({ item, lectures, conflicts }) => {
    if (needle && ![item.code, item.courseCode, item.courseName, item.courseNameEn ?? ''].some((s) => s.toLowerCase().includes(needle)))
      return false;
    if (q.category && item.category !== q.category) return false;
    if (q.credits !== undefined && Number(item.credits) !== q.credits) return false;
    if (q.day !== undefined && !lectures.some((l) => l.day === q.day)) return false;
    if (q.period !== undefined && !lectures.some((l) => l.startPeriod <= q.period! && q.period! < l.startPeriod + l.length)) return false;
    if (teacher && !item.teachers.some((t) => t.toLowerCase().includes(teacher))) return false;
    if (q.fits && conflicts) return false;
    if (q.eligibleOnly && !item.eligible) return false;
    return true;
  });
}
