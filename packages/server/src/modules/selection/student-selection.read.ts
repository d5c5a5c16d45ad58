import { weeksOfMask, type Locale, type MyEnrolment, type MyEnrolments } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import { findOrgNames, findTeachersByIds } from '../org/org.read-model.ts';
import * as rounds from './rounds.repository.ts';
import * as repo from './selection.repository.ts';
import type { EnrolmentRow } from './selection.repository.ts';
import { readClasses } from './snapshot.ts';
import type { ChoicesOf } from './student.service.ts';

/**
 * One student's selection of a term as they (GET /api/selection/me) and the office (the office's
 * student view) read it: enrolments, waitlist places and lottery choices, with total credits and
 * holds. `enrolled` gives the rows themselves, for what only the office is shown (how each was made).
 */
export async function readStudentSelection(
  tx: Tx,
  studentId: number,
  termId: number,
  locale: Locale,
  choicesOf?: ChoicesOf,
): Promise<MyEnrolments & { enrolled: EnrolmentRow[] }> {
  const enrolled = await repo.findStudentEnrolments(tx, studentId, termId);
  const waiting = await rounds.findStudentWaitlist(tx, studentId, termId);
  const { classes } = await readClasses(tx, termId, [...enrolled.map((e) => e.teachingClassId), ...waiting.map((w) => w.teachingClassId)]);
  const all = [...classes.values()];
  const teachers = new Map((await findTeachersByIds(tx, [...new Set(all.flatMap((c) => c.teacherIds))])).map((t) => [t.id, t.name]));
  const roomIds = [...new Set(all.flatMap((c) => c.lectures.map((l) => l.roomId)).filter((r): r is number => r !== null))];
  const rooms = new Map((await findOrgNames(tx, 'rooms', roomIds)).map((r) => [r.id, r.name]));
  const describe = (teachingClassId: number) => {
    const c = classes.get(teachingClassId)!;
    return {
      teachingClassId,
      courseId: c.courseId,
      code: c.classCode,
      courseCode: c.course.code,
      courseName: locale === 'en' ? (c.course.nameEn ?? c.course.name) : c.course.name,
      courseNameEn: c.course.nameEn,
      credits: c.course.credits,
      lectures: c.lectures.map((l) => ({
        day: l.day,
        startPeriod: l.startPeriod,
        length: l.length,
        weeks: weeksOfMask(l.weekMask),
        roomName: l.roomId === null ? null : (rooms.get(l.roomId) ?? null),
      })),
      teachers: c.teacherIds.map((t) => teachers.get(t)).filter((n): n is string => n !== undefined),
    };
  };
  const items: MyEnrolment[] = [
    ...enrolled.map((e) => ({
      ...describe(e.teachingClassId),
      id: e.id,
      roundId: e.roundId,
      status: 'enrolled' as const,
      isRetake: e.isRetake,
      retakeMode: (e.retakeMode as MyEnrolment['retakeMode']) ?? null,
      fixed: e.isFixed,
      waitlistPosition: null,
      rank: null,
      explanation: null,
    })),
    ...waiting.map((w) => ({
      ...describe(w.teachingClassId),
      id: w.id,
      roundId: w.roundId,
      status: 'waitlisted' as const,
      isRetake: false,
      retakeMode: null,
      fixed: false,
      waitlistPosition: w.position,
      rank: null,
      explanation: null,
    })),
    ...(choicesOf ? await choicesOf(tx, studentId, termId, locale) : []),
  ];
  // Exact credits: tenths as integers, never a float sum.
  const tenths = enrolled.reduce((n, e) => n + Math.round(Number(classes.get(e.teachingClassId)!.course.credits) * 10), 0);
  const holds = (await repo.findActiveHolds(tx, studentId)).map((h) => ({ reason: h.reason }));
  return { items, totalCredits: `${Math.floor(tenths / 10)}.${tenths % 10}`, holds, enrolled };
}
