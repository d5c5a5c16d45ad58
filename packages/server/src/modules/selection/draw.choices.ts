import { weeksOfMask, type Locale, type MyEnrolment } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findTeachingClassesByIds, findTeachingClassRosterFacts } from '../offerings/offerings.read-model.ts';
import { findOrgNames } from '../org/org.read-model.ts';
import { storedExplanation } from './draw.input.ts';
import * as drawRepo from './draw.repository.ts';
import * as repo from './selection.repository.ts';

/** The chosen classes with their course and lectures, readable outside a transaction (the /me page). */
async function readChoiceClasses(h: Db | Tx, termId: number, ids: number[]) {
  const rows = await findTeachingClassesByIds(h, ids);
  const courses = new Map(
    (
      await findCourseSelectionFacts(
        h,
        rows.map((r) => r.courseId),
      )
    ).map((c) => [c.id, c]),
  );
  const lectures = await repo.findClassLectures(h, termId, ids);
  return new Map(
    rows
      .filter((r) => courses.has(r.courseId))
      .map((r) => [
        r.id,
        { teachingClassId: r.id, code: r.code, courseId: r.courseId, course: courses.get(r.courseId)!, lectures: lectures.get(r.id) ?? [] },
      ]),
  );
}

/**
 * A student's lottery choices 志愿 of a term as GET /api/selection/me lists them: pending before
 * the draw, lost after it with the reason in the reader's language (won choices are enrolments,
 * listed as such by the caller).
 */
export async function lotteryChoicesOf(h: Db | Tx, studentId: number, termId: number, locale: Locale): Promise<MyEnrolment[]> {
  const rows = (await drawRepo.findStudentChoices(h, studentId, termId)).filter((r) => r.choice.result !== 'won');
  if (!rows.length) return [];
  const ids = [...new Set(rows.map((r) => r.choice.teachingClassId))];
  const classes = await readChoiceClasses(h, termId, ids);
  const facts = await Promise.all(ids.map((id) => findTeachingClassRosterFacts(h, id)));
  const teacherNames = new Map(
    (await findOrgNames(h, 'teachers', [...new Set(facts.flatMap((f) => f?.teacherIds ?? []))])).map((t) => [t.id, t.name]),
  );
  const teachersOf = new Map(
    facts.filter((f) => f !== null).map((f) => [f.id, f.teacherIds.map((t) => teacherNames.get(t) ?? '').filter(Boolean)]),
  );
  const roomIds = [
    ...new Set([...classes.values()].flatMap((c) => c.lectures.map((l) => l.roomId)).filter((r): r is number => r !== null)),
  ];
  const roomNames = new Map((await findOrgNames(h, 'rooms', roomIds)).map((r) => [r.id, r.name]));
  return rows.flatMap(({ choice }) => {
    const c = classes.get(choice.teachingClassId);
    if (!c) return [];
    const drawn = choice.result !== null;
    const x = storedExplanation(choice.explanation);
    return [
      {
        id: choice.id,
        roundId: choice.roundId,
        teachingClassId: c.teachingClassId,
        courseId: c.courseId,
        code: c.code,
        courseCode: c.course.code,
        courseName: c.course.name,
        courseNameEn: c.course.nameEn,
        credits: c.course.credits,
        status: drawn ? 'lottery_lost' : 'lottery_pending',
        isRetake: false,
        retakeMode: null,
        fixed: false,
        waitlistPosition: null,
        rank: choice.rank,
        explanation: drawn && x ? x.words[locale] : null,
        lectures: c.lectures.map((l) => ({
          day: l.day,
          startPeriod: l.startPeriod,
          length: l.length,
          weeks: weeksOfMask(l.weekMask),
          roomName: l.roomId === null ? null : (roomNames.get(l.roomId) ?? null),
        })),
        teachers: teachersOf.get(c.teachingClassId) ?? [],
      } satisfies MyEnrolment,
    ];
  });
}
