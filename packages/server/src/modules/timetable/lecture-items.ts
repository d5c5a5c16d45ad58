import { weeksOfMask, type LectureItem } from '@jiaowu/contracts';
import type { LectureRowLike, TermFacts } from './term-facts.ts';

/** A stored lecture (draft or version) in the API's shape, named from the term's facts. */
export function toLectureItem(
  row: LectureRowLike & { kind?: string; lockTime?: boolean; lockRoom?: boolean },
  facts: TermFacts,
): LectureItem {
  const c = facts.classes.get(row.teachingClassId);
  const room = row.roomId === null ? undefined : facts.rooms.get(row.roomId);
  return {
    key: row.lectureKey,
    teachingClassId: row.teachingClassId,
    teachingClassCode: c?.code ?? '',
    courseId: c?.courseId ?? 0,
    courseCode: c?.course.code ?? '',
    courseName: c?.course.name ?? '',
    courseNameEn: c?.course.nameEn ?? null,
    sessionIndex: row.sessionIndex,
    day: row.day,
    startPeriod: row.startPeriod,
    length: row.length,
    weeks: weeksOfMask(row.weekMask),
    roomId: row.roomId,
    roomName: room?.name ?? null,
    teacherIds: row.teacherIds,
    teacherNames: row.teacherIds.map((id) => facts.teachers.get(id)?.name ?? ''),
    adminClassIds: c?.adminClassIds ?? [],
    adminClassNames: (c?.adminClassIds ?? []).map((id) => facts.adminClasses.get(id)?.name ?? ''),
    kind: row.kind === 'makeup' || row.kind === 'substitute' ? row.kind : 'regular',
    lockTime: row.lockTime ?? false,
    lockRoom: row.lockRoom ?? false,
  };
}
