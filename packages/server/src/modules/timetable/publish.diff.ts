import type { LectureRowLike } from './term-facts.ts';

const sameTeachers = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Whether a lecture reads the same in two versions (its time, weeks, room and teachers). */
function samePlace(a: LectureRowLike, b: LectureRowLike) {
  return (
    a.day === b.day &&
    a.startPeriod === b.startPeriod &&
    a.length === b.length &&
    a.weekMask === b.weekMask &&
    a.roomId === b.roomId &&
    sameTeachers(a.teacherIds, b.teacherIds)
  );
}

/**
 * The lectures that differ between two versions, by lecture key: new ones, removed ones and
 * moved ones (both sides, so the teachers of the old and the new place are both told).
 * Without a previous version every lecture counts as changed.
 */
export function changedLectures<L extends LectureRowLike>(before: readonly L[] | null, after: readonly L[]): L[] {
  if (before === null) return [...after];
  const old = new Map(before.map((l) => [l.lectureKey, l]));
  const now = new Map(after.map((l) => [l.lectureKey, l]));
  const out: L[] = [];
  for (const l of after) {
    const o = old.get(l.lectureKey);
    if (!o) out.push(l);
    else if (!samePlace(o, l)) out.push(o, l);
  }
  for (const l of before) if (!now.has(l.lectureKey)) out.push(l);
  return out;
}
